"""MQM-style scores from findings (Lommel et al., MQM 2.0 scoring model).

    penalty P        = Σ severity weight over findings   (minor 1, major 5, critical 25)
    evaluated words W = source words of the segment (target words when it has no source)
    segment quality  = 100 · max(0, 1 − P / max(W, 10))
    document score   = 100 · max(0, 1 − ΣP / ΣW)
    penalty per 1,000 words = 1000 · ΣP / ΣW

Segments shorter than 10 words count as 10, so one minor slip in a three-word headline does not
sink it. The weights and that floor are part of the report signature (`mqm.v1|w:1/5/25|min:10`):
change them and the signature changes, so numbers stay comparable across versions.
"""
from __future__ import annotations

from typing import Iterable

from .lang.words import count_words
from .types import AlignedPair, Finding

WEIGHTS = {"minor": 1.0, "major": 5.0, "critical": 25.0}
MIN_WORDS = 10
SIGNATURE = "mqm.v1|w:1/5/25|min:10"


def evaluated_words(pair: AlignedPair) -> int:
    return count_words(pair.source) if pair.source else count_words(pair.target)


def penalty(findings: Iterable[Finding]) -> float:
    return sum(WEIGHTS[f.severity] for f in findings)


def segment_quality(findings: Iterable[Finding], words: int) -> float:
    return round(100.0 * max(0.0, 1.0 - penalty(findings) / max(words, MIN_WORDS)), 2)


def document_scores(total_penalty: float, total_words: int) -> tuple[float, float]:
    """(document score 0-100, penalty per 1,000 words)."""
    per_word = total_penalty / max(total_words, 1)
    return round(100.0 * max(0.0, 1.0 - per_word), 2), round(1000.0 * per_word, 2)
