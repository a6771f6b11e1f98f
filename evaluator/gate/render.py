"""Plain-text and Markdown renderings of gate verdicts, for CI logs and job summaries.

Plain text on purpose: CI logs strip colour and wrap tables badly, and a fixed format is easy to
grep ("FAIL", "limits.categories.entity.substituted").
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .policy import Policy
from .rules import FindingRef, Verdict, Violation
from .summary import totals

MAX_LISTED = 10  # findings listed under one rule; the rest are counted


@dataclass(frozen=True)
class RuleListing:
    violation: Violation
    findings: tuple[FindingRef, ...]  # the ones to print under the rule
    more: int  # how many are not printed
    repeated: bool  # every finding was already printed under an earlier rule of the document


def rule_listings(v: Verdict, listed: int = MAX_LISTED) -> list[RuleListing]:
    """What to print under each broken rule; a score rule made of findings already shown says so."""
    out, shown = [], set()
    for x in v.violations:
        if x.findings and shown.issuperset(x.findings):
            out.append(RuleListing(x, (), 0, True))
            continue
        out.append(RuleListing(x, x.findings[:listed], max(0, len(x.findings) - listed), False))
        shown.update(x.findings[:listed])
    return out


def listing_lines(v: Verdict, indent: str = "  ", listed: int = MAX_LISTED) -> list[str]:
    lines = []
    for r in rule_listings(v, listed):
        lines.append(f"{indent}✗ {r.violation.rule}: {r.violation.message}")
        if r.repeated:
            lines.append(f"{indent}    (from the {len(r.violation.findings)} finding(s) listed above)")
        for f in r.findings:
            lines.append(f"{indent}    segment {f.segment}  {f.severity} {f.category}: {_one_line(f.message)}")
        if r.more:
            lines.append(f"{indent}    … and {r.more} more")
    return lines


def render_verdicts(verdicts: Sequence[Verdict], policy: Policy, *, listed: int = MAX_LISTED) -> str:
    lines = [f"gate policy: {policy.source}"]
    for v in verdicts:
        lines.append(_headline(v))
        lines += listing_lines(v, "  ", listed)
    if len(verdicts) > 1:
        lines += ["", summary_table(verdicts)]
    failed = [v.name for v in verdicts if not v.passed]
    lines.append("")
    if failed:
        lines.append(f"gate: FAILED: {len(failed)} of {len(verdicts)} document(s) break the policy "
                     f"({', '.join(failed)})")
    else:
        lines.append(f"gate: passed: {len(verdicts)} document(s) meet the policy")
    return "\n".join(lines) + "\n"


def _headline(v: Verdict) -> str:
    c = v.counts_by_severity()
    supp = f", {len(v.suppressed)} suppressed by the baseline" if v.suppressed else ""
    return (f"{'PASS' if v.passed else 'FAIL'} {v.name}: score {v.document_score:g}, "
            f"penalty {v.penalty_per_1000:g}/1000 words, findings {c['critical']} critical, {c['major']} major, "
            f"{c['minor']} minor{supp}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


_COLUMNS = ("document", "result", "score", "P/1000", "critical", "major", "minor", "suppressed")


def _rows(verdicts: Sequence[Verdict]) -> list[tuple[str, ...]]:
    rows = []
    for v in verdicts:
        c = v.counts_by_severity()
        rows.append((v.name, "pass" if v.passed else "FAIL", f"{v.document_score:.2f}", f"{v.penalty_per_1000:.2f}",
                     str(c["critical"]), str(c["major"]), str(c["minor"]), str(len(v.suppressed))))
    t = totals(verdicts)
    rows.append((f"total ({t['documents']})", f"{t['failed']} failed", f"{t['document_score']:.2f}",
                 f"{t['penalty_per_1000']:.2f}", str(t["findings"]["critical"]), str(t["findings"]["major"]),
                 str(t["findings"]["minor"]), str(t["suppressed"])))
    return rows


def summary_table(verdicts: Sequence[Verdict]) -> str:
    rows = [_COLUMNS, *_rows(verdicts)]
    widths = [max(len(r[i]) for r in rows) for i in range(len(_COLUMNS))]

    def line(r: tuple[str, ...]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(rows[0]), sep, *(line(r) for r in rows[1:-1]), sep, line(rows[-1])])


def summary_markdown(verdicts: Sequence[Verdict], policy: Policy) -> str:
    """A job summary (GitHub's $GITHUB_STEP_SUMMARY, a merge-request note)."""
    t = totals(verdicts)
    status = "passed" if not t["failed"] else f"FAILED ({t['failed']} of {t['documents']} documents)"
    out = [f"## Translation quality gate: {status}", "", f"Policy: `{policy.source}`", "",
           "| " + " | ".join(_COLUMNS) + " |", "|" + "---|" * len(_COLUMNS)]
    for r in _rows(verdicts):
        out.append("| " + " | ".join(_md(c) for c in r) + " |")
    failing = [v for v in verdicts if not v.passed]
    if failing:
        out += ["", "### Failed rules", ""]
        for v in failing:
            for r in rule_listings(v):
                out.append(f"- **{_md(v.name)}** `{r.violation.rule}`: {_md(r.violation.message)}")
                if r.repeated:
                    out.append("  - (from the findings listed above)")
                for f in r.findings:
                    out.append(f"  - segment {f.segment}, {f.severity} {f.category}: {_md(_one_line(f.message))}")
                if r.more:
                    out.append(f"  - … and {r.more} more")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")
