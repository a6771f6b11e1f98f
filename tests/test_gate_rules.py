"""Judging reports: which rules fail and on which segments; baselines suppress exactly what was accepted."""
from __future__ import annotations

import copy
import json

import pytest

from conftest import CASE
from evaluator.errors import InputError
from evaluator.gate.baseline import baseline_to_dict, entries_from_report, fingerprint, read_baseline
from evaluator.gate.policy import parse_policy
from evaluator.gate.rules import judge
from evaluator.score import WEIGHTS, document_scores


def findings_of(report: dict) -> list[tuple[int, dict]]:
    return [(s["index"], f) for s in report["segments"] for f in s["findings"]]


def baseline_file(tmp_path, report: dict, keep=lambda f: True):
    entries = [e for e in entries_from_report(report) if keep(e)]
    path = tmp_path / "baseline.json"
    path.write_text(json.dumps(baseline_to_dict(entries)), encoding="utf-8")
    return read_baseline(path)


@pytest.mark.slow
def test_a_policy_the_case_study_meets(case_report):
    score = case_report["summary"]["document_score"]
    policy = parse_policy({"limits": {"min_score": score, "severities": {"critical": 999}}})
    verdict = judge(case_report, policy)
    assert verdict.passed and verdict.violations == ()
    assert verdict.document_score == score
    assert verdict.counts_by_severity() == case_report["summary"]["findings"]


@pytest.mark.slow
def test_failing_rules_name_their_documents_segments_and_findings(case_report):
    found = findings_of(case_report)
    boiler = [(i, f) for i, f in found if f["category"] == "boilerplate"]
    majors = [(i, f) for i, f in found if f["severity"] == "major"]
    assert boiler and len(majors) >= 2  # the case study's scraped lines and its omission
    score = case_report["summary"]["document_score"]
    policy = parse_policy({"limits": {"min_score": score + 0.5, "severities": {"major": len(majors) - 1},
                                      "categories": {"boilerplate": 0, "entity": {"substituted": 0}}}})
    verdict = judge(case_report, policy, name="kazakhstan")
    assert not verdict.passed
    substituted = [f for _, f in found if f["category"] == "entity.substituted"]
    assert [v.rule for v in verdict.violations] == (
        ["limits.categories.boilerplate"] + ["limits.categories.entity.substituted"] * bool(substituted)
        + ["limits.severities.major", "limits.min_score"])
    by_rule = {v.rule: v for v in verdict.violations}
    assert [(f.segment, f.message) for f in by_rule["limits.categories.boilerplate"].findings] == \
        [(i, f["message"]) for i, f in boiler]
    assert by_rule["limits.severities.major"].message == f"{len(majors)} major finding(s), at most {len(majors) - 1} allowed"
    assert by_rule["limits.min_score"].message == f"document score {score:g} is below the minimum {score + 0.5:g}"
    # Findings behind a failure are listed once each, in document order.
    failing = verdict.failing_findings
    assert [f.segment for f in failing] == sorted(f.segment for f in failing)
    assert len(failing) == len(found)  # the score rule names every finding that cost points


@pytest.mark.slow
def test_penalty_limit(case_report):
    per_1000 = case_report["summary"]["penalty_per_1000"]
    assert not judge(case_report, parse_policy({"limits": {"max_penalty_per_1000": per_1000 - 1}})).passed
    assert judge(case_report, parse_policy({"limits": {"max_penalty_per_1000": per_1000}})).passed


@pytest.mark.slow
def test_a_report_made_differently_from_the_policy_fails(case_report):
    policy = parse_policy({"target_lang": "de", "checks": ["language"], "limits": {"min_score": 0}})
    assert [v.rule for v in judge(case_report, policy).violations] == ["target_lang"]
    skipped = copy.deepcopy(case_report)
    skipped["signature"] = "|".join("checks:alignment.v1" if p.startswith("checks:") else p
                                    for p in skipped["signature"].split("|"))
    policy = parse_policy({"checks": ["alignment", "language"], "limits": {"min_score": 0}})
    violations = judge(skipped, policy).violations
    assert [(v.rule, v.message) for v in violations] == [
        ("checks", "the report did not run the required check(s) language")]


@pytest.mark.slow
def test_baseline_suppresses_exactly_the_accepted_findings(case_report, tmp_path):
    base = baseline_file(tmp_path, case_report, keep=lambda e: e.category == "boilerplate")
    policy = parse_policy({"limits": {"categories": {"boilerplate": 0}, "min_score": 0}})
    assert not judge(case_report, policy).passed
    verdict = judge(case_report, policy, baseline=base)
    assert verdict.passed
    found = findings_of(case_report)
    assert sorted((f.segment, f.message) for f in verdict.suppressed) == \
        sorted((i, f["message"]) for i, f in found if f["category"] == "boilerplate")
    assert sorted((f.segment, f.message) for f in verdict.findings) == \
        sorted((i, f["message"]) for i, f in found if f["category"] != "boilerplate")
    kept_penalty = sum(WEIGHTS[f["severity"]] for _, f in found if f["category"] != "boilerplate")
    expected = document_scores(kept_penalty, case_report["summary"]["words"])
    assert (verdict.document_score, verdict.penalty_per_1000) == expected
    assert verdict.document_score > case_report["summary"]["document_score"]


@pytest.mark.slow
def test_fingerprints_survive_an_unrelated_edit_but_not_a_changed_finding(case_report, embedder, tmp_path):
    from evaluator.pipeline import RunConfig, evaluate
    from evaluator.report.json import report_to_dict

    base = baseline_file(tmp_path, case_report)  # accept everything the original delivery had
    mt = (CASE / "mt.en.txt").read_text(encoding="utf-8")
    assert "Leave a Reply" in mt
    # An unrelated edit above everything shifts every segment index; a changed scraper line is new.
    edited = tmp_path / "mt.en.txt"
    edited.write_text("Editor's note: this article was updated on Monday.\n\n"
                      + mt.replace("Leave a Reply", "Leave a Comment"), encoding="utf-8")
    report = report_to_dict(evaluate(CASE / "source.pl.txt", edited, config=RunConfig(), embedder=embedder))
    verdict = judge(report, parse_policy({"limits": {"min_score": 0}}), baseline=base)

    kept = [_target_text(report, f) for f in verdict.findings]
    assert kept and all("Editor's note" in t or "Leave a Comment" in t for t in kept), kept
    assert len(verdict.suppressed) == len(findings_of(case_report)) - 1  # all but the changed line
    moved = {f.segment for f in verdict.suppressed}
    assert moved != {i for i, _ in findings_of(case_report)}  # indices shifted; fingerprints held


def _target_text(report: dict, f) -> str:
    seg = next(s for s in report["segments"] if s["index"] == f.segment)
    return seg["target"]


def test_fingerprint_ignores_position_and_wording_but_not_the_text():
    seg = {"index": 3, "source": "Zginęło 26 osób.", "target": "26  people\u00a0died."}
    f = {"category": "number.mismatch", "check": "numbers", "message": "26 vs 62",
         "source_span": [8, 10], "target_span": [0, 2]}
    moved = dict(seg, index=40)
    reworded = dict(f, message="number 26 became 62")
    assert fingerprint(seg, f) == fingerprint(moved, reworded)
    assert fingerprint(seg, f) == fingerprint(dict(seg, target="26 people died."), f)  # whitespace, NBSP
    assert fingerprint(seg, f) != fingerprint(dict(seg, target="62 people died."), f)
    assert fingerprint(seg, f) != fingerprint(seg, dict(f, category="meaning"))


def test_a_file_that_is_not_a_baseline_is_refused(tmp_path):
    path = tmp_path / "b.json"
    path.write_text('{"findings": []}', encoding="utf-8")
    with pytest.raises(InputError, match="not an evaluator baseline"):
        read_baseline(path)
