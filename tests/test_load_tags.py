"""Inline tags and placeholders: extraction from text, and the check that reports lost or invented ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.checks.base import Context
from evaluator.checks.tags import TagCheck
from evaluator.load import load_bilingual
from evaluator.load.inline import split_placeholders, text_segment
from evaluator.types import AlignedPair

DATA = Path(__file__).parent / "data" / "formats"


@pytest.mark.parametrize("text, clean, tags", [
    ("Masz {0} wiadomości", "Masz  wiadomości", ["ph:{0}"]),
    ("Witaj, {name}!", "Witaj, !", ["ph:{name}"]),
    ("Plik %s ma %d bajtów", "Plik  ma  bajtów", ["ph:%s", "ph:%d"]),
    ("%1$s z %2$s", " z ", ["ph:%1$s", "ph:%2$s"]),
    ("%(count)d plików, %-5.2f zł", " plików,  zł", ["ph:%(count)d", "ph:%-5.2f"]),
    ("Ścieżka ${HOME}/x i {{ user.name }}", "Ścieżka /x i ", ["ph:${HOME}", "ph:{{ user.name }}"]),
    # prose that only looks like printf: percentages, %% escapes, a % before a word
    ("Wzrost o 5% i spadek o 100%.", "Wzrost o 5% i spadek o 100%.", []),
    ("50%% rabatu", "50%% rabatu", []),
    ("10%dobrze", "10%dobrze", []),
    ("JSON {\"a\": 1} i {}", "JSON {\"a\": 1} i {}", []),
])
def test_text_placeholders(text, clean, tags):
    assert split_placeholders(text) == (clean, tags)


def test_text_segment_collapses_spaces_but_keeps_nbsp():
    seg = text_segment("Masz  {0}\tnowe\u00a0wiadomości ")
    assert (seg.text, seg.tags) == ("Masz nowe\u00a0wiadomości", ("ph:{0}",))


def pair(index: int, source_tags: tuple[str, ...], target_tags: tuple[str, ...], target: str = "t") -> AlignedPair:
    return AlignedPair(index=index, source_ids=(index,), target_ids=(index,), source="s", target=target, score=1.0,
                       source_tags=source_tags, target_tags=target_tags)


def run(*pairs: AlignedPair) -> list[tuple]:
    ctx = Context(pairs=pairs, source_lang="pl", target_lang="en", similarity=tuple(None for _ in pairs))
    return [(f.segment, f.severity, f.message, dict(f.evidence)["tag"]) for f in TagCheck().run(ctx)]


def test_lost_and_invented_placeholders_are_major():
    assert run(pair(0, ("ph:{0}", "ph:%s"), ("ph:%s", "ph:{1}"))) == [
        (0, "major", "placeholder {0} is missing from the target", "ph:{0}"),
        (0, "major", "target adds placeholder {1}, which the source does not have", "ph:{1}"),
    ]


def test_lost_formatting_tag_is_minor_and_a_lost_pair_is_one_finding():
    assert run(pair(3, ("g:1", "bpt:2", "ept:2", "x:3"), ("x:3",))) == [
        (3, "minor", "formatting tag <g> 1 is missing from the target", "g:1"),
        (3, "minor", "formatting tag <bpt> 2 is missing from the target", "bpt:2"),
    ]


def test_xliff_placeholder_codes_are_major():
    assert run(pair(1, ("x:4", "ph:5"), ())) == [
        (1, "major", "placeholder code <x> 4 is missing from the target", "x:4"),
        (1, "major", "placeholder code <ph> 5 is missing from the target", "ph:5"),
    ]


def test_counts_matter_but_order_does_not():
    assert run(pair(0, ("g:1", "ph:%s", "g:2"), ("g:2", "g:1", "ph:%s"))) == []
    assert run(pair(0, ("ph:%s", "ph:%s"), ("ph:%s",))) == [
        (0, "major", "placeholder %s is missing from the target", "ph:%s")]


def test_unaligned_and_untranslated_pairs_are_left_to_other_checks():
    omitted = AlignedPair(index=0, source_ids=(0,), target_ids=(), source="s", target="", score=0.0,
                          source_tags=("ph:{0}",))
    assert run(omitted, pair(1, ("g:1",), (), target="")) == []


def test_on_a_real_delivery_only_the_lost_placeholder_is_reported():
    b = load_bilingual(DATA / "delivery-1.2.xlf")
    pairs = tuple(pair(i, s.tags, t.tags, target=t.text) for i, (s, t) in
                  enumerate(zip(b.source.segments, b.target.segments)))
    assert run(*pairs) == [(2, "major", "placeholder %s is missing from the target", "ph:%s")]


@pytest.mark.slow
def test_pipeline_reports_tag_mismatch_from_a_bilingual_file(embedder):
    from evaluator.pipeline import RunConfig, evaluate

    report = evaluate(DATA / "delivery-1.2.xlf", config=RunConfig(checks=("tags",)), embedder=embedder)
    found = [(s.pair.index, f.category, f.severity, f.message) for s in report.segments for f in s.findings]
    assert found == [(2, "tag.mismatch", "major", "placeholder %s is missing from the target")]
    assert (report.source_lang, report.target_lang) == ("pl", "en")
