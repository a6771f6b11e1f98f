"""The JSON report: a stable contract (evaluator/report/schema.json) that CI jobs script against.

Floats are rounded and keys are in a fixed order, so the same input gives byte-identical output.
"""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ..types import Finding, Report, SegmentResult, Span

SCHEMA_PATH = Path(__file__).with_name("schema.json")


def report_to_dict(report: Report) -> dict[str, Any]:
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
        "segments": [_segment(s) for s in report.segments],
    }


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
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write through a temporary file in the same folder and rename: never a truncated report."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
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
