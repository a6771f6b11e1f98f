"""End to end on the founding case: a real Polish→English MT full of corrupted facts."""
from __future__ import annotations

import jsonschema
import pytest

from evaluator.annotations import match_gold
from evaluator.pipeline import RunConfig, evaluate
from evaluator.report.json import load_schema, report_to_dict

from conftest import CASE

pytestmark = pytest.mark.slow


def test_report_follows_the_schema(case_report):
    jsonschema.Draft202012Validator(load_schema()).validate(case_report)
    assert case_report["source_lang"] == "pl" and case_report["target_lang"] == "en"


def test_every_paragraph_appears_once_in_order(case_report):
    src = [i for s in case_report["segments"] for i in s["source_ids"]]
    tgt = [j for s in case_report["segments"] for j in s["target_ids"]]
    assert src == list(range(17))
    assert tgt == list(range(25))  # 22 blocks, the lead-bullet block split into its 4 bullets


def test_all_gold_boilerplate_addition_and_omission_found(case_report, case_gold):
    match = match_gold(case_gold, case_report)
    assert not match.unlocated
    for category in ("boilerplate", "addition", "omission"):
        assert match.recall([category]) == 1.0, category


def test_no_false_boilerplate_or_structure_findings(case_report, case_gold):
    match = match_gold(case_gold, case_report)
    structural = [f for _, f in match.false_findings if f["category"] in ("boilerplate", "addition", "omission")]
    assert structural == []


def test_reference_as_target_gets_no_major_or_critical_finding(embedder):
    report = evaluate(CASE / "source.pl.txt", CASE / "reference.en.txt", embedder=embedder)
    serious = [(s.pair.index, f.category, f.message) for s in report.segments for f in s.findings
               if f.severity in ("major", "critical")]
    assert serious == []
    assert report.document_score >= 95


def test_reference_metrics_carry_sacrebleu_signatures(embedder):
    report = evaluate(CASE / "source.pl.txt", CASE / "mt.en.txt", CASE / "reference.en.txt", embedder=embedder)
    names = {m.name: m for m in report.metrics}
    assert {"bleu", "chrf", "chrf++", "ter", "similarity", "ref_similarity"} <= set(names)
    assert names["bleu"].signature.startswith("nrefs:1|") and "version:" in names["bleu"].signature
    assert names["chrf"].signature.startswith("nrefs:1|") and "nc:6" in names["chrf"].signature
    # Every aligned segment with a reference has segment-level scores too.
    aligned = [s for s in report.segments if s.pair.is_aligned]
    assert all("chrf" in s.scores and s.pair.reference for s in aligned)


def test_same_input_gives_byte_identical_json(embedder, case_report):
    from evaluator.report.json import dumps

    again = report_to_dict(evaluate(CASE / "source.pl.txt", CASE / "mt.en.txt", config=RunConfig(), embedder=embedder))
    assert dumps(again) == dumps(case_report)


def test_names_in_a_repeated_lead_bullet_are_checked_against_its_twins_source(case_report):
    # The MT's lead bullet repeats a later paragraph, with its own corrupted names (gold E04, E05, E07).
    repeat = next(s for s in case_report["segments"] if not s["source"] and any(
        f["message"].startswith("duplicate") for f in s["findings"]))
    names = {repeat["target"][f["target_span"][0]:f["target_span"][1]]: f for f in repeat["findings"]
             if f["category"].startswith("entity.")}
    assert set(names) == {"Anthony", "Blingen", "Joint Security Agency"}
    twin = names["Blingen"]["evidence"]["source_segment"]
    assert all(f["source_span"] is None and f["evidence"]["source_segment"] == twin for f in names.values())
    assert "Blinken" in case_report["segments"][int(twin)]["source"]
