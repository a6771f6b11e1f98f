"""Baselines: findings a reviewer has accepted (false positives, agreed liberties), by fingerprint.

A fingerprint must survive re-runs and unrelated edits, so it is built from what the finding is
about and never from where it sits: sha256 over the category, the check, and the normalised text
of the target span and of the source span. Segment indices shift as soon as a paragraph is added
above, so they are left out; so is the message, whose wording may improve between versions.
A side without a span contributes the whole segment text of that side only when the finding has
no span at all (an omitted paragraph is identified by its source text).
"""
from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ..errors import InputError

KIND = "evaluator-baseline"
VERSION = 1
FINGERPRINT_SIGNATURE = "fp.v1|sha256(category,check,target_span,source_span)|nfkc+ws"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def span_texts(segment: dict[str, Any], finding: dict[str, Any]) -> tuple[str, str]:
    """(target text, source text) that a finding is about, from the report's segment dict."""
    t_span, s_span = finding.get("target_span"), finding.get("source_span")
    if t_span is None and s_span is None:
        return segment["target"], segment["source"]
    target = segment["target"][t_span[0]:t_span[1]] if t_span else ""
    source = segment["source"][s_span[0]:s_span[1]] if s_span else ""
    return target, source


def fingerprint(segment: dict[str, Any], finding: dict[str, Any]) -> str:
    target, source = span_texts(segment, finding)
    parts = ("fp.v1", finding["category"], finding.get("check", ""), normalise(target), normalise(source))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    fingerprint: str
    category: str
    check: str
    severity: str
    message: str
    target_text: str
    source_text: str
    document: str


@dataclass(frozen=True)
class Baseline:
    path: str
    entries: tuple[Entry, ...]

    @property
    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)


def entries_from_report(data: dict[str, Any]) -> list[Entry]:
    out = []
    for seg in data["segments"]:
        for f in seg["findings"]:
            target, source = span_texts(seg, f)
            out.append(Entry(fingerprint=fingerprint(seg, f), category=f["category"], check=f.get("check", ""),
                             severity=f["severity"], message=f["message"], target_text=normalise(target),
                             source_text=normalise(source), document=data["files"]["target"]))
    return out


def baseline_to_dict(entries: Iterable[Entry]) -> dict[str, Any]:
    """One entry per fingerprint, sorted, so re-running `evaluator baseline` gives the same file."""
    unique: dict[str, Entry] = {}
    for e in entries:
        unique.setdefault(e.fingerprint, e)
    return {
        "kind": KIND,
        "version": VERSION,
        "fingerprint": FINGERPRINT_SIGNATURE,
        "findings": [
            {"fingerprint": e.fingerprint, "category": e.category, "check": e.check, "severity": e.severity,
             "message": e.message, "target_text": e.target_text, "source_text": e.source_text,
             "document": e.document}
            for e in sorted(unique.values(), key=lambda e: (e.document, e.category, e.fingerprint))
        ],
    }


def read_baseline(path: str | Path) -> Baseline:
    from ..load.encoding import read_text

    path = str(path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as e:
        raise InputError(path, f"not JSON: {e.msg}", place=f"line {e.lineno}, column {e.colno}") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise InputError(path, f"not an evaluator baseline (expected \"kind\": \"{KIND}\"); "
                               "write one with `evaluator baseline REPORT.json -o FILE`")
    if data.get("version") != VERSION or data.get("fingerprint") != FINGERPRINT_SIGNATURE:
        raise InputError(path, f"baseline version {data.get('version')!r} / {data.get('fingerprint')!r} is not "
                               f"{VERSION} / {FINGERPRINT_SIGNATURE}: write it again with `evaluator baseline`")
    entries, bad = [], []
    for n, item in enumerate(data.get("findings", [])):
        try:
            entries.append(Entry(**{k: str(item[k]) for k in Entry.__dataclass_fields__}))
        except (KeyError, TypeError):
            bad.append(str(n))
    if bad:
        raise InputError(path, f"findings {', '.join(bad)} lack fields (need {', '.join(Entry.__dataclass_fields__)})")
    return Baseline(path=path, entries=tuple(entries))
