"""Gold matching: how recall and false findings are counted (the measuring stick for every check)."""
from __future__ import annotations

from evaluator.annotations import match_gold


def _report(findings_by_segment):
    segs = [
        {"index": 0, "source": "Tokajew przyjął dymisję.", "target": "Djokovic accepted the resignation.", "findings": []},
        {"index": 1, "source": "", "target": "See also: Djokovic wins", "findings": []},
        {"index": 2, "source": "Zginęło 26 osób, zatrzymano 4 tys.", "target": "26 people died.", "findings": []},
    ]
    for index, findings in findings_by_segment.items():
        segs[index]["findings"] = findings
    return {"segments": segs}


def _f(category, target=None, source=None):
    return {"category": category, "severity": "major", "message": "m", "target_span": target, "source_span": source}


GOLD = [
    {"id": "E1", "category": "entity.substituted", "target": "Djokovic", "occurrence": 1, "source": "Tokajew"},
    {"id": "E2", "category": "boilerplate", "target": "See also: Djokovic wins", "occurrence": 1, "source": None},
    {"id": "E3", "category": "omission", "target": None, "occurrence": None, "source": "zatrzymano 4 tys."},
]


def test_same_family_on_overlapping_span_is_found():
    # entity.misspelled on the substituted name still counts: the entity family is one.
    match = match_gold(GOLD, _report({0: [_f("entity.misspelled", target=[0, 8])]}))
    assert [e["id"] for e in match.found] == ["E1"] and not match.false_findings


def test_occurrence_picks_the_right_segment():
    gold = [{"id": "E", "category": "entity.misspelled", "target": "Djokovic", "occurrence": 2, "source": None}]
    wrong_place = match_gold(gold, _report({0: [_f("entity.misspelled", target=[0, 8])]}))
    assert wrong_place.missed and wrong_place.false_findings
    right_place = match_gold(gold, _report({1: [_f("entity.misspelled", target=[10, 18])]}))
    assert right_place.found and not right_place.false_findings


def test_omission_is_matched_on_the_source_side():
    match = match_gold(GOLD, _report({2: [_f("omission", source=[17, 34])]}))
    assert [e["id"] for e in match.found] == ["E3"]


def test_other_category_on_a_real_error_is_not_a_false_finding():
    match = match_gold(GOLD, _report({2: [_f("number.mismatch", source=[28, 34])]}))
    assert not match.found and not match.false_findings and len(match.other_category) == 1


def test_finding_away_from_any_gold_is_false_and_recall_counts_misses():
    match = match_gold(GOLD, _report({0: [_f("meaning", target=[18, 33])]}))
    assert len(match.false_findings) == 1
    assert match.recall() == 0.0 and match.by_category()["boilerplate"] == (0, 1)


def test_gold_text_missing_from_the_report_is_unlocated():
    gold = [{"id": "X", "category": "meaning", "target": "not there", "occurrence": 1, "source": None}]
    assert match_gold(gold, _report({})).unlocated == tuple(gold)
