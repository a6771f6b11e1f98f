"""Judging one report against a policy: which rules fail, on which segments, after the baseline.

The input is the report dict of the JSON contract, so a saved report and a fresh run are gated
the same way. Accepted (baselined) findings are taken out before anything is counted, and the
MQM score is recomputed without them: a reviewer who accepts a false positive should not see it
cost points either.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..score import WEIGHTS, document_scores
from ..types import count_by_category, count_by_severity
from .baseline import Baseline, fingerprint
from .policy import Policy


@dataclass(frozen=True)
class FindingRef:
    """A finding as the gate reports it: enough to print, annotate and baseline it."""

    segment: int
    category: str
    severity: str
    message: str
    check: str
    fingerprint: str
    source_ids: tuple[int, ...]
    target_ids: tuple[int, ...]
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None


@dataclass(frozen=True)
class Violation:
    rule: str  # the policy path, e.g. "limits.categories.entity.substituted"
    message: str
    findings: tuple[FindingRef, ...] = ()


@dataclass(frozen=True)
class Verdict:
    name: str
    report: dict[str, Any]
    violations: tuple[Violation, ...]
    findings: tuple[FindingRef, ...]  # counted (not suppressed)
    suppressed: tuple[FindingRef, ...]
    document_score: float
    penalty_per_1000: float
    penalty: float
    words: int
    report_path: str | None = None
    seconds: float | None = None

    @property
    def passed(self) -> bool:
        return not self.violations

    def counts_by_severity(self) -> dict[str, int]:
        return count_by_severity(self.findings)

    def counts_by_category(self) -> dict[str, int]:
        return count_by_category(self.findings)

    @property
    def failing_findings(self) -> tuple[FindingRef, ...]:
        """Findings named by a violated rule, once each, in document order."""
        seen: dict[tuple, FindingRef] = {}
        for v in self.violations:
            for f in v.findings:
                seen.setdefault(_key(f), f)
        return tuple(sorted(seen.values(), key=_order))


def judge(data: dict[str, Any], policy: Policy, *, name: str | None = None, baseline: Baseline | None = None,
          report_path: str | None = None, seconds: float | None = None) -> Verdict:
    accepted = baseline.fingerprints if baseline else frozenset()
    kept: list[FindingRef] = []
    suppressed: list[FindingRef] = []
    for seg in data["segments"]:
        for f in seg["findings"]:
            ref = _ref(seg, f)
            (suppressed if ref.fingerprint in accepted else kept).append(ref)

    words = int(data["summary"]["words"])
    total = sum(WEIGHTS[f.severity] for f in kept)
    if suppressed:
        score, per_1000 = document_scores(total, words)
    else:  # same formula; the report's own numbers keep the two outputs visibly identical
        score, per_1000 = data["summary"]["document_score"], data["summary"]["penalty_per_1000"]

    violations = _provenance(data, policy) + _limits(policy, kept, score, per_1000)
    return Verdict(name=name or data["files"]["target"], report=data, violations=tuple(violations),
                   findings=tuple(kept), suppressed=tuple(suppressed), document_score=score,
                   penalty_per_1000=per_1000, penalty=total, words=words, report_path=report_path, seconds=seconds)


def _limits(policy: Policy, kept: list[FindingRef], score: float, per_1000: float) -> list[Violation]:
    """Most specific rule first: a category limit says more than the score it drags down."""
    limits = policy.limits
    out: list[Violation] = []
    for category, most in limits.categories:
        hits = tuple(f for f in kept if f.category == category)
        if len(hits) > most:
            out.append(Violation(f"limits.categories.{category}",
                                 f"{len(hits)} {category} finding(s), at most {most} allowed", hits))
    for severity, most in limits.severities:
        hits = tuple(f for f in kept if f.severity == severity)
        if len(hits) > most:
            out.append(Violation(f"limits.severities.{severity}",
                                 f"{len(hits)} {severity} finding(s), at most {most} allowed", hits))
    by_weight = tuple(sorted(kept, key=lambda f: (-WEIGHTS[f.severity], _order(f))))
    if limits.min_score is not None and score < limits.min_score:
        out.append(Violation("limits.min_score",
                             f"document score {score:g} is below the minimum {limits.min_score:g}", by_weight))
    if limits.max_penalty_per_1000 is not None and per_1000 > limits.max_penalty_per_1000:
        out.append(Violation("limits.max_penalty_per_1000",
                             f"MQM penalty {per_1000:g} per 1,000 words is above the maximum "
                             f"{limits.max_penalty_per_1000:g}", by_weight))
    return out


def _provenance(data: dict[str, Any], policy: Policy) -> list[Violation]:
    """A saved report must have been produced the way the policy asks, or its numbers mean nothing here."""
    out = []
    for key, wanted in (("source_lang", policy.source_lang), ("target_lang", policy.target_lang)):
        if wanted and data[key] != wanted:
            out.append(Violation(key, f"report is {data[key]!r}, the policy requires {wanted!r}"))
    if policy.checks:
        ran = _checks_in_signature(data["signature"])
        missing = [c for c in policy.checks if c not in ran]
        if missing:
            out.append(Violation("checks", f"the report did not run the required check(s) {', '.join(missing)}"))
    return out


def _checks_in_signature(signature: str) -> set[str]:
    # "…|checks:alignment.v1+language.v1|…": names are before the ".vN" version suffix.
    for part in signature.split("|"):
        if part.startswith("checks:"):
            return {c.rsplit(".v", 1)[0] for c in part[len("checks:"):].split("+") if c}
    return set()


def _ref(seg: dict[str, Any], f: dict[str, Any]) -> FindingRef:
    return FindingRef(
        segment=seg["index"], category=f["category"], severity=f["severity"], message=f["message"],
        check=f.get("check", ""), fingerprint=fingerprint(seg, f),
        source_ids=tuple(seg["source_ids"]), target_ids=tuple(seg["target_ids"]),
        source_span=tuple(f["source_span"]) if f.get("source_span") else None,
        target_span=tuple(f["target_span"]) if f.get("target_span") else None,
    )


def _key(f: FindingRef) -> tuple:
    return (f.segment, f.category, f.message, f.target_span, f.source_span)


def _order(f: FindingRef) -> tuple:
    return (f.segment, -WEIGHTS[f.severity], f.category, f.message)
