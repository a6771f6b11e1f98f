"""CI annotations: GitHub Actions workflow commands and GitLab Code Quality JSON.

Both point at a file and a line. A finding sits on a target paragraph (or, for an omission, a
source paragraph); the paragraph's first line comes from loading that file again, and is given
only when the file still holds exactly the text the report was made from.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Sequence

from ..errors import EvaluatorError
from ..types import Document
from .rules import FindingRef, Verdict

_GITLAB_SEVERITY = {"minor": "minor", "major": "major", "critical": "critical"}


class LineFinder:
    """Maps a finding to (file, first line of its paragraph); caches each file it loads."""

    def __init__(self) -> None:
        self._docs: dict[tuple[str, bool], tuple[Document, Document] | Document | None] = {}

    def locate(self, report: dict[str, Any], f: FindingRef) -> tuple[str, int | None]:
        files = report["files"]
        on_target = bool(f.target_ids)
        path = files["target"] if on_target else files["source"]
        ids, span = (f.target_ids, f.target_span) if on_target else (f.source_ids, f.source_span)
        doc = self._document(path, on_target, bilingual=files["source"] == files["target"],
                             aligned="|align:lines|" in report["signature"])
        seg = next((s for s in report["segments"] if s["index"] == f.segment), None)
        if doc is None or seg is None or not ids or any(i >= len(doc.segments) for i in ids):
            return display_path(path), None
        texts = [doc.segments[i].text for i in ids]
        if "\n\n".join(texts) != seg["target" if on_target else "source"]:
            return display_path(path), None  # the file changed since the report: no line beats a wrong one
        offset, start = 0, span[0] if span else 0
        for i, text in zip(ids, texts):
            if start < offset + len(text) + 2:
                return display_path(path), doc.segments[i].line
            offset += len(text) + 2
        return display_path(path), doc.segments[ids[-1]].line

    def _document(self, path: str, target: bool, *, bilingual: bool, aligned: bool) -> Document | None:
        from ..load import load_bilingual, load_document

        key = (path, aligned)
        if key not in self._docs:
            try:
                if bilingual:
                    both = load_bilingual(path)
                    self._docs[key] = (both.source, both.target) if both else None
                else:
                    self._docs[key] = load_document(path, aligned=aligned)
            except EvaluatorError:
                self._docs[key] = None  # a moved or unreadable file still gets a file-level annotation
        doc = self._docs[key]
        if isinstance(doc, tuple):
            return doc[1] if target else doc[0]
        return doc


def display_path(path: str) -> str:
    """Paths relative to the working directory (the repository root in CI), with forward slashes."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = Path(os.path.relpath(p, Path.cwd()))
        except ValueError:  # another drive on Windows
            return p.as_posix()
        if p.parts and p.parts[0] == "..":
            return Path(path).as_posix()
    return p.as_posix()


def github_annotations(verdicts: Sequence[Verdict], *, lines: LineFinder | None = None) -> str:
    """`::error`/`::warning` workflow commands: errors for what breaks the policy, warnings for the rest."""
    lines = lines or LineFinder()
    out: list[str] = []
    for v in verdicts:
        target = display_path(v.report["files"]["target"])
        for x in v.violations:
            out.append(_command("error", {"file": target, "title": f"evaluator gate: {x.rule}"},
                                f"{v.name}: {x.message}"))
        failing = {_id(f) for f in v.failing_findings}
        for f in sorted(v.findings, key=lambda f: (_id(f) not in failing, f.segment)):
            path, line = lines.locate(v.report, f)
            props = {"file": path, "line": str(line) if line else None,
                     "title": f"{f.severity} {f.category} (segment {f.segment})"}
            out.append(_command("error" if _id(f) in failing else "warning", props, f.message))
    return "".join(line + "\n" for line in out)


def _command(kind: str, props: dict[str, str | None], message: str) -> str:
    params = ",".join(f"{k}={_escape_property(v)}" for k, v in props.items() if v)
    return f"::{kind} {params}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def gitlab_code_quality(verdicts: Sequence[Verdict], *, lines: LineFinder | None = None) -> str:
    """GitLab Code Quality report: a JSON array of issues with a stable, unique fingerprint each."""
    lines = lines or LineFinder()
    issues: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for v in verdicts:
        target = display_path(v.report["files"]["target"])
        for x in v.violations:
            issues.append(_issue(f"{v.name}: {x.rule}: {x.message}", f"evaluator.gate.{x.rule}", "blocker",
                                 target, 1, f"gate|{target}|{x.rule}", seen))
        for f in v.findings:
            path, line = lines.locate(v.report, f)
            issues.append(_issue(f"{f.category}: {f.message}", f"evaluator.{f.category}",
                                 _GITLAB_SEVERITY[f.severity], path, line or 1, f"{f.fingerprint}|{path}", seen))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _issue(description: str, check: str, severity: str, path: str, line: int, key: str,
           seen: dict[str, int]) -> dict[str, Any]:
    # The same finding twice in one file needs two fingerprints, or GitLab merges them into one.
    n = seen.get(key, 0)
    seen[key] = n + 1
    fp = hashlib.sha256(f"{key}|{n}".encode("utf-8")).hexdigest()
    return {"description": " ".join(description.split()), "check_name": check, "fingerprint": fp,
            "severity": severity, "location": {"path": path, "lines": {"begin": line}}}


def _id(f: FindingRef) -> tuple:
    return (f.segment, f.category, f.message, f.target_span, f.source_span)
