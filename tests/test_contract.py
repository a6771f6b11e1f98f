"""One contract over every registered check: the rules each plug-in must keep.

New checks are covered automatically once they register (in the spirit of huggingface/evaluate's
test_metric_common.py).
"""
from __future__ import annotations

import pytest

from evaluator.checks.base import Context
from evaluator.pipeline import load_registries
from evaluator.registry import checks
from evaluator.types import CATEGORIES, AlignedPair

from conftest import CASE

load_registries()
ALL = checks.names()


def _paragraphs(path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


@pytest.fixture(scope="module")
def perfect(embedder) -> Context:
    """The case study's source against its professional reference: a correct translation."""
    src, ref = _paragraphs(CASE / "source.pl.txt"), _paragraphs(CASE / "reference.en.txt")
    assert len(src) == len(ref)
    pairs = tuple(AlignedPair(index=i, source_ids=(i,), target_ids=(i,), source=s, target=t, score=1.0)
                  for i, (s, t) in enumerate(zip(src, ref)))
    sv, tv = embedder.encode(src), embedder.encode(ref)
    return Context(pairs=pairs, source_lang="pl", target_lang="en",
                   similarity=tuple(float(a @ b) for a, b in zip(sv, tv)), embedder=embedder)


@pytest.fixture(scope="module")
def faulty(embedder) -> Context:
    src = _paragraphs(CASE / "source.pl.txt")
    mt = [p for p in _paragraphs(CASE / "mt.en.txt") if not p.startswith("•")]
    pairs = (AlignedPair(0, (0,), (0,), src[0], mt[0], 0.8),
             AlignedPair(1, (), (1,), "", "See also  Atrocities of soldiers in their own country. Mass rape - o2", 0.0),
             AlignedPair(2, (16,), (2,), src[16], mt[-4], 0.7))
    return Context(pairs=pairs, source_lang="pl", target_lang="en", similarity=(0.8, None, 0.7), embedder=embedder)


def test_names_are_unique_and_versioned():
    assert len(ALL) == len(set(ALL)) and ALL
    for name in ALL:
        check = checks.get(name)()
        assert check.name == name
        assert check.signature == f"{name}.v{check.version}"
        assert set(check.categories) <= set(CATEGORIES), name


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_a_correct_translation_gets_no_major_finding(name, perfect):
    check = checks.get(name)()
    serious = [(f.segment, f.category, f.message) for f in check.run(perfect) if f.severity != "minor"]
    assert serious == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL)
def test_findings_are_deterministic_declared_and_in_bounds(name, faulty):
    check = checks.get(name)()
    first, second = list(check.run(faulty)), list(checks.get(name)().run(faulty))
    assert first == second
    by_index = {p.index: p for p in faulty.pairs}
    for f in first:
        assert f.category in check.categories and f.check == name
        pair = by_index[f.segment]
        for span, text in ((f.source_span, pair.source), (f.target_span, pair.target)):
            assert span is None or span.end <= len(text)
