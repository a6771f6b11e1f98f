"""Reference metrics agree with sacrebleu run directly (a differential test), signatures included."""
from __future__ import annotations

import pytest
import sacrebleu

from evaluator.checks.base import Context
from evaluator.metrics.reference import BleuMetric, ChrfMetric, ChrfPlusPlusMetric, TerMetric
from evaluator.types import AlignedPair

HYPS = ["The Interior Ministry said 26 people had been killed and nearly 4,000 detained.",
        "Eighteen officers were killed in the clashes.",
        "Crisis in Kazakhstan"]
REFS = ["The Interior Ministry said 26 people were killed and about 4,000 detained.",
        "Eighteen security officers died in the clashes.",
        "Crisis in Kazakhstan"]


def _ctx() -> Context:
    pairs = tuple(AlignedPair(index=i, source_ids=(i,), target_ids=(i,), source="x", target=h, score=1.0, reference=r)
                  for i, (h, r) in enumerate(zip(HYPS, REFS)))
    extra = AlignedPair(index=3, source_ids=(), target_ids=(3,), source="", target="See also", score=0.0)
    return Context(pairs=pairs + (extra,), source_lang="pl", target_lang="en", similarity=(None,) * 4)


@pytest.mark.parametrize("ours, theirs, sentence", [
    (BleuMetric, sacrebleu.corpus_bleu, lambda h, r: sacrebleu.sentence_bleu(h, [r])),
    (ChrfMetric, sacrebleu.corpus_chrf, lambda h, r: sacrebleu.sentence_chrf(h, [r])),
    (TerMetric, sacrebleu.corpus_ter, lambda h, r: sacrebleu.sentence_ter(h, [r])),
])
def test_matches_sacrebleu(ours, theirs, sentence):
    result = ours().compute(_ctx())
    assert result.corpus.value == pytest.approx(theirs(HYPS, [REFS]).score, abs=1e-3)
    for i, (h, r) in enumerate(zip(HYPS, REFS)):
        assert result.segments[i] == pytest.approx(sentence(h, r).score, abs=1e-6)
    assert 3 not in result.segments  # a pair without a reference gets no score


def test_chrf_plus_plus_signature_names_word_order():
    result = ChrfPlusPlusMetric().compute(_ctx())
    assert "nw:2" in result.corpus.signature
    assert result.corpus.value == pytest.approx(sacrebleu.CHRF(word_order=2).corpus_score(HYPS, [REFS]).score, abs=1e-3)
