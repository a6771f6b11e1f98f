"""Findings from alignment itself: target paragraphs with no source, source paragraphs with no target.

A target paragraph without a source is boilerplate (site furniture), a duplicate of another
target paragraph (scrapers repeat lead bullets), or an addition. A source paragraph without a
target is an omission.
"""
from __future__ import annotations

from typing import Iterable

from rapidfuzz import fuzz

from ..align.boilerplate import boilerplate_reason
from ..lang.words import count_words
from ..registry import checks
from ..types import Finding, Span
from .base import Check, Context

DUPLICATE_RATIO = 85  # rapidfuzz partial token-set ratio above which a paragraph is a repeat


@checks.register("alignment")
class AlignmentCheck(Check):
    name = "alignment"
    categories = ("boilerplate", "addition", "omission")

    def run(self, ctx: Context) -> Iterable[Finding]:
        aligned_targets = [(p.index, p.target) for p in ctx.pairs if p.is_aligned]
        for pair in ctx.pairs:
            if pair.target and not pair.source:
                yield self._unmatched_target(pair.index, pair.target, aligned_targets)
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
        twin = _duplicate_of(text, aligned)
        if twin is not None:
            return Finding(category="addition", severity="major", segment=index, target_span=whole,
                           message=f"duplicate: repeats the translation in segment {twin}",
                           suggestion="delete the repeated paragraph", check=self.name,
                           evidence=(("duplicate_of", str(twin)),))
        return Finding(category="addition", severity="major", segment=index, target_span=whole,
                       message="target paragraph has no counterpart in the source",
                       suggestion="delete it, or check that the source is complete", check=self.name)


def _duplicate_of(text: str, aligned: list[tuple[int, str]]) -> int | None:
    best, best_score = None, 0.0
    for index, other in aligned:
        if min(len(text), len(other)) < 20:
            continue
        score = fuzz.token_set_ratio(text, other)
        if score > best_score:
            best, best_score = index, score
    return best if best_score >= DUPLICATE_RATIO else None
