"""Findings from alignment itself: units of one side with no counterpart on the other.

Paragraphs ("alignment"): a target paragraph without a source is boilerplate (site furniture),
a duplicate of another target paragraph (scrapers repeat lead bullets), or an addition. A source
paragraph without a target is an omission.

Sentences ("sentences"): inside each aligned paragraph pair, a source sentence with no target
sentence is an omission and a target sentence with no source an addition, reported only when
nothing on the other side resembles it.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np
from rapidfuzz import fuzz

from ..align.boilerplate import boilerplate_reason
from ..align.sentences import confident_unpaired, sentence_spans
from ..lang.words import count_words
from ..registry import checks
from ..types import AlignedPair, Finding, Span
from .base import Check, Context

DUPLICATE_RATIO = 85  # rapidfuzz partial token-set ratio above which a paragraph is a repeat


@checks.register("alignment")
class AlignmentCheck(Check):
    name = "alignment"
    categories = ("boilerplate", "addition", "omission")

    def run(self, ctx: Context) -> Iterable[Finding]:
        aligned: list[tuple[int, str]] | None = None  # built at the first target without a source
        for pair in ctx.pairs:
            if pair.target and not pair.source:
                if aligned is None:
                    aligned = aligned_targets(ctx.pairs)
                yield self._unmatched_target(pair.index, pair.target, aligned)
            elif pair.source and not pair.target:
                words = count_words(pair.source)
                yield Finding(
                    category="omission", severity="critical" if words >= 60 else "major",
                    message=f"source paragraph ({words} words) has no translation",
                    segment=pair.index, source_span=Span(0, len(pair.source)), check=self.name,
                )

    def _unmatched_target(self, index: int, text: str, aligned: list[tuple[int, str]]) -> Finding:
        whole = Span(0, len(text))
        reason = boilerplate_reason(text)
        if reason:
            return Finding(category="boilerplate", severity="major", segment=index, target_span=whole,
                           message=f"site boilerplate mixed into the translation ({reason})",
                           suggestion="delete this paragraph", check=self.name,
                           evidence=(("reason", reason),))
        twin = duplicate_of(text, aligned)
        if twin is not None:
            return Finding(category="addition", severity="major", segment=index, target_span=whole,
                           message=f"duplicate: repeats the translation in segment {twin}",
                           suggestion="delete the repeated paragraph", check=self.name,
                           evidence=(("duplicate_of", str(twin)),))
        return Finding(category="addition", severity="major", segment=index, target_span=whole,
                       message="target paragraph has no counterpart in the source",
                       suggestion="delete it, or check that the source is complete", check=self.name)


def aligned_targets(pairs: Iterable[AlignedPair]) -> list[tuple[int, str]]:
    """(index, target) of every aligned pair: what `duplicate_of` compares a stray paragraph with.

    Built only when a document has a stray target paragraph: it keeps every target text alive,
    and the worker process holds the pairs pickled (offload.PickledPairs) to spare that memory."""
    return [(p.index, p.target) for p in pairs if p.is_aligned]


def duplicate_of(text: str, aligned: list[tuple[int, str]]) -> int | None:
    best, best_score = None, 0.0
    for index, other in aligned:
        if min(len(text), len(other)) < 20:
            continue
        score = fuzz.token_set_ratio(text, other)
        if score > best_score:
            best, best_score = index, score
    return best if best_score >= DUPLICATE_RATIO else None


@checks.register("sentences")
class SentenceCheck(Check):
    name = "sentences"
    pair_local = True  # a slice at a time: the whole document's sentence vectors at once took GBs
    categories = ("omission", "addition")

    def run(self, ctx: Context) -> Iterable[Finding]:
        embedder = ctx.embedder
        if embedder is None or not (embedder.supports(ctx.source_lang) and embedder.supports(ctx.target_lang)):
            return  # without similarities an unpaired sentence is a guess, not a finding
        pairs = [p for p in ctx.pairs if p.is_aligned]
        spans = [(sentence_spans(p.source, ctx.source_lang), sentence_spans(p.target, ctx.target_lang)) for p in pairs]
        # One encoder call for the pairs in hand: every sentence, and every pair's two sides.
        texts: list[str] = []
        for p, (ss, ts) in zip(pairs, spans):
            texts += [p.source[s.start : s.end] for s in ss] + [p.target[t.start : t.end] for t in ts]
            texts += [p.source, p.target]
        if not texts:
            return
        vecs = embedder.encode(texts)
        at = 0
        for p, (ss, ts) in zip(pairs, spans):
            sv, tv = vecs[at : at + len(ss)], vecs[at + len(ss) : at + len(ss) + len(ts)]
            whole_src, whole_tgt = vecs[at + len(ss) + len(ts)], vecs[at + len(ss) + len(ts) + 1]
            at += len(ss) + len(ts) + 2
            yield from self._pair_findings(p, ss, ts, sv, tv, whole_src, whole_tgt)

    def _pair_findings(self, pair: AlignedPair, ss: list[Span], ts: list[Span], sv: np.ndarray, tv: np.ndarray,
                       whole_src: np.ndarray, whole_tgt: np.ndarray) -> Iterable[Finding]:
        if len(ss) + len(ts) <= 2:
            return  # one sentence a side: the paragraph similarity already judges it
        for u in confident_unpaired(pair.source, pair.target, ss, ts, sv, tv, whole_src, whole_tgt):
            evidence = (("similarity", f"{u.similarity:.2f}"), ("absorption", f"{u.absorption:.2f}"))
            if u.side == "source":
                words = count_words(pair.source[u.span.start : u.span.end])
                yield Finding(category="omission", severity="major", segment=pair.index, source_span=u.span,
                              message=f"source sentence ({words} words) has no translation",
                              check=self.name, evidence=evidence)
            else:
                yield Finding(category="addition", severity="major", segment=pair.index, target_span=u.span,
                              message="target sentence has no counterpart in the source",
                              suggestion="delete it, or check the source", check=self.name, evidence=evidence)
