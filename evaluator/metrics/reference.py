"""Reference-based scores from sacrebleu (Post, 2018): BLEU, chrF, chrF++ and TER.

Corpus scores carry sacrebleu's own signature; segment scores use the same metric objects, so a
segment number and the corpus number are computed the same way.
"""
from __future__ import annotations

from sacrebleu.metrics import BLEU, CHRF, TER

from ..registry import metrics
from ..types import MetricScore
from .base import Context, Metric, MetricResult


class _SacreMetric(Metric):
    requires_reference = True

    def make(self, ctx: Context):
        raise NotImplementedError

    def compute(self, ctx: Context) -> MetricResult:
        pairs = [p for p in ctx.pairs if p.target and p.reference]
        if not pairs:
            return MetricResult(segments={})
        metric = self.make(ctx)
        hyps, refs = [p.target for p in pairs], [p.reference for p in pairs]
        corpus = metric.corpus_score(hyps, [refs])
        seg_metric = self.make(ctx, sentence=True)
        segments = {p.index: float(seg_metric.sentence_score(h, [r]).score) for p, h, r in zip(pairs, hyps, refs)}
        signature = str(metric.get_signature())
        return MetricResult(segments=segments,
                            corpus=MetricScore(name=self.name, value=round(float(corpus.score), 4), signature=signature))


def _tokenize(lang: str) -> str:
    # ja/ko tokenisers need MeCab, which sacrebleu does not install; chrF is the fairer score there.
    return "zh" if lang == "zh" else "13a"


@metrics.register("bleu")
class BleuMetric(_SacreMetric):
    name = "bleu"

    def make(self, ctx: Context, sentence: bool = False):
        # Sentence BLEU needs smoothing, or one missing 4-gram zeroes the score (Chen & Cherry, 2014).
        return BLEU(tokenize=_tokenize(ctx.target_lang), effective_order=sentence)


@metrics.register("chrf")
class ChrfMetric(_SacreMetric):
    name = "chrf"

    def make(self, ctx: Context, sentence: bool = False):
        return CHRF()


@metrics.register("chrf++")
class ChrfPlusPlusMetric(_SacreMetric):
    name = "chrf++"

    def make(self, ctx: Context, sentence: bool = False):
        return CHRF(word_order=2)


@metrics.register("ter")
class TerMetric(_SacreMetric):
    name = "ter"

    def make(self, ctx: Context, sentence: bool = False):
        return TER()
