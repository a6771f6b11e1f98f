"""The combined view of a gated delivery: per-document summaries plus totals, as a JSON-able dict.

Totals are pooled the way the MQM score is defined (ΣP / ΣW over all documents), not averaged
over documents, so a two-line document cannot outweigh a forty-page one. No timings here (they
go to JUnit): the same delivery gives the same summary, byte for byte.
"""
from __future__ import annotations

from typing import Any, Sequence

from .. import __version__
from ..score import document_scores
from ..types import SEVERITIES
from .policy import Policy
from .rules import FindingRef, Verdict

KIND = "evaluator-gate"


def totals(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    words = sum(v.words for v in verdicts)
    penalty = sum(v.penalty for v in verdicts)
    score, per_1000 = document_scores(penalty, words)
    severities = dict.fromkeys(SEVERITIES, 0)
    categories: dict[str, int] = {}
    for v in verdicts:
        for k, n in v.counts_by_severity().items():
            severities[k] += n
        for k, n in v.counts_by_category().items():
            categories[k] = categories.get(k, 0) + n
    failed = sum(not v.passed for v in verdicts)
    return {
        "documents": len(verdicts), "passed": len(verdicts) - failed, "failed": failed,
        "words": words, "document_score": score, "penalty_per_1000": per_1000,
        "findings": severities, "categories": dict(sorted(categories.items())),
        "suppressed": sum(len(v.suppressed) for v in verdicts),
    }


def gate_to_dict(verdicts: Sequence[Verdict], policy: Policy, *, baseline: str | None = None,
                 files: dict[str, dict[str, str | None]] | None = None) -> dict[str, Any]:
    """`files` maps a document name to the paths of its written reports ({"json": ..., "html": ...})."""
    files = files or {}
    return {
        "kind": KIND,
        "schema_version": "1.0",
        "tool": {"name": "evaluator", "version": __version__},
        "policy": policy.source,
        "baseline": baseline,
        "passed": all(v.passed for v in verdicts),
        "totals": totals(verdicts),
        "documents": [_document(v, files.get(v.name, {})) for v in verdicts],
    }


def _document(v: Verdict, written: dict[str, str | None]) -> dict[str, Any]:
    data = v.report
    return {
        "name": v.name,
        "passed": v.passed,
        "files": dict(data["files"]),
        "report": written.get("json") or v.report_path,
        "html": written.get("html"),
        "signature": data["signature"],
        "segments": data["summary"]["segments"],
        "words": v.words,
        "document_score": v.document_score,
        "penalty_per_1000": v.penalty_per_1000,
        "findings": v.counts_by_severity(),
        "categories": v.counts_by_category(),
        "suppressed": len(v.suppressed),
        "violations": [{"rule": x.rule, "message": x.message, "findings": [finding_dict(f) for f in x.findings]}
                       for x in v.violations],
    }


def finding_dict(f: FindingRef) -> dict[str, Any]:
    return {"segment": f.segment, "category": f.category, "severity": f.severity, "message": f.message,
            "check": f.check, "fingerprint": f.fingerprint}
