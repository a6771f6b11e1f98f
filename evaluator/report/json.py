"""The JSON report: a stable contract (evaluator/report/schema.json) that CI jobs script against.

Floats are rounded and keys are in a fixed order, so the same input gives byte-identical output.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..types import Finding, Report, SegmentResult, Span

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def report_to_dict(report: Report, *, lazy: bool = False) -> dict[str, Any]:
    """The report as JSON-ready data. `lazy`: "segments" is a Segments sequence that builds each
    segment's dict when read (for one pass over a large report; dumps and iter_dumps take it)."""
    return {
        "schema_version": report.schema_version,
        "tool": {"name": report.tool_name, "version": report.tool_version},
        "signature": report.signature,
        "command": report.command,
        "source_lang": report.source_lang,
        "target_lang": report.target_lang,
        "files": {"source": report.source_path, "target": report.target_path, "reference": report.reference_path},
        "summary": {
            "segments": len(report.segments),
            "document_score": report.document_score,
            "penalty_per_1000": report.penalty_per_1000,
            "words": report.word_count,
            "findings": report.counts_by_severity(),
            "categories": report.counts_by_category(),
        },
        "metrics": [{"name": m.name, "value": m.value, "signature": m.signature} for m in report.metrics],
        "warnings": list(report.warnings),
        "segments": Segments(report.segments) if lazy else [_segment(s) for s in report.segments],
    }


class Segments(Sequence):
    """The report's segments as dicts, each built when read and then let go.

    Every consumer (JSON writer, terminal, gate, HTML) only reads them in order; holding 100,000
    segment dicts and then their JSON text at once took more memory than scoring them.
    """

    def __init__(self, results: Sequence[SegmentResult]):
        self._results = results

    def __len__(self) -> int:
        return len(self._results)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_segment(s) for s in self._results[i]]
        return _segment(self._results[i])

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return map(_segment, self._results)


def _segment(s: SegmentResult) -> dict[str, Any]:
    p = s.pair
    return {
        "index": p.index,
        "source": p.source,
        "target": p.target,
        "reference": p.reference,
        "alignment": p.alignment,
        "source_ids": list(p.source_ids),
        "target_ids": list(p.target_ids),
        "alignment_score": p.score,
        "scores": dict(sorted(s.scores.items())),
        "quality": s.quality,
        "findings": [finding_to_dict(f) for f in s.findings],
    }


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "source_span": _span(f.source_span),
        "target_span": _span(f.target_span),
        "suggestion": f.suggestion,
        "check": f.check,
        "evidence": dict(f.evidence),
    }


def _span(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span else None


def dumps(data: dict[str, Any]) -> str:
    return "".join(iter_dumps(data))


def iter_dumps(data: dict[str, Any]) -> Iterator[str]:
    """The JSON text of a report dict in pieces, one segment at a time; joined, exactly what
    json.dumps(data, ensure_ascii=False, indent=2) gives."""
    segments = data.get("segments")
    if not isinstance(segments, Segments) or not segments:
        yield json.dumps(_listed(data), ensure_ascii=False, indent=2) + "\n"
        return
    head = json.dumps({**data, "segments": []}, ensure_ascii=False, indent=2)
    tail = '"segments": []\n}'
    assert head.endswith(tail), "segments must be the last key"
    yield head[: -len(tail)] + '"segments": [\n'
    for k, seg in enumerate(segments):
        text = json.dumps(seg, ensure_ascii=False, indent=2)
        yield ("" if k == 0 else ",\n") + "    " + text.replace("\n", "\n    ")
    yield "\n  ]\n}\n"


def _listed(data: dict[str, Any]) -> dict[str, Any]:
    segments = data.get("segments")
    return {**data, "segments": list(segments)} if isinstance(segments, Segments) else data


def write_atomic(path: str | Path, text: str | bytes | Iterable[str]) -> None:
    """Write through a temporary file in the same folder and rename: never a truncated report.
    `text` may come in pieces (iter_dumps), written as they come."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.writelines([text] if isinstance(text, str) else text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; a report is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    try:  # Linux says it without changing it; setting and restoring races with other threads
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
