"""JUnit XML for CI test panels (Jenkins, GitLab, GitHub test reporters): one testcase per document.

The shape follows the widely used Jenkins/Ant JUnit schema (tests/data/gate/junit.xsd): a
`<testsuites>` root, one `<testsuite>` for the gate, and per document a `<testcase>` whose
`<failure>` carries the broken rules and the findings behind them.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Sequence

from .policy import Policy
from .render import listing_lines
from .rules import Verdict

# XML 1.0 forbids most control characters; translations scraped from the web do contain them.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_junit(verdicts: Sequence[Verdict], policy: Policy, *, suite: str = "evaluator gate") -> str:
    failures = sum(not v.passed for v in verdicts)
    seconds = sum(v.seconds or 0.0 for v in verdicts)
    root = ET.Element("testsuites", name=suite, tests=str(len(verdicts)), failures=str(failures),
                      errors="0", time=f"{seconds:.3f}")
    ts = ET.SubElement(root, "testsuite", name=suite, tests=str(len(verdicts)), failures=str(failures),
                       errors="0", skipped="0", time=f"{seconds:.3f}")
    props = ET.SubElement(ts, "properties")
    ET.SubElement(props, "property", name="policy", value=_clean(policy.source))
    signatures = sorted({v.report["signature"] for v in verdicts})
    for sig in signatures:
        ET.SubElement(props, "property", name="signature", value=_clean(sig))
    for v in verdicts:
        case = ET.SubElement(ts, "testcase", name=_clean(v.name), classname="evaluator.gate",
                             time=f"{(v.seconds or 0.0):.3f}")
        if not v.passed:
            rules = ", ".join(x.rule for x in v.violations)
            failure = ET.SubElement(case, "failure", type="evaluator.gate",
                                    message=_clean(f"{len(v.violations)} rule(s) failed: {rules}"))
            failure.text = _clean(_details(v))
        out = ET.SubElement(case, "system-out")
        c = v.counts_by_severity()
        out.text = _clean(f"target: {v.report['files']['target']}\nscore {v.document_score:g}, penalty "
                          f"{v.penalty_per_1000:g} per 1,000 words; findings: {c['critical']} critical, "
                          f"{c['major']} major, {c['minor']} minor; {len(v.suppressed)} suppressed by the baseline")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _details(v: Verdict) -> str:
    return "\n".join(line.removeprefix("✗ ") for line in listing_lines(v, ""))


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)
