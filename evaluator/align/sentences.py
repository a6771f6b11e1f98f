"""Sentence alignment inside an aligned paragraph pair, so checks can point at sentences.

The same DP as for paragraphs (1-1 … 3-1, 1-0, 0-1), on sentence vectors; a paragraph holds a
handful of sentences, so the grid is tiny. A source sentence left unpaired is a candidate
omission, a target sentence left unpaired a candidate addition; `confident_unpaired` decides
which of those are sure enough to report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..lang.sentences import split_sentences
from ..lang.words import count_words
from ..types import Span
from .config import AlignConfig
from .paragraphs import align_units

if TYPE_CHECKING:
    from ..embed.base import Embedder

# Sentences are shorter than paragraphs: their cosines are noisier and a translator splits and
# merges them more often, so merging costs less than for paragraphs.
SENTENCE_CONFIG = AlignConfig(threshold=0.25, merge_penalty=0.06)
# Calibrated on the parallel corpus (pl/de/ru→en, 300 paragraphs): with these, its correct
# translations give no finding, and about 85% of dropped and 98% of inserted sentences are found.
MAX_SIMILARITY = 0.35
ABSORPTION_DROP = 0.01
MIN_WORDS = 4

_BLOCK = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")  # text between blank lines


@dataclass(frozen=True)
class SentenceLink:
    source_spans: tuple[Span, ...]
    target_spans: tuple[Span, ...]
    score: float


def sentence_spans(text: str, lang: str) -> list[Span]:
    """Sentences of `text`; a blank line (between joined paragraphs) always ends one."""
    spans = []
    for block in _BLOCK.finditer(text):
        spans.extend(Span(block.start() + s.start, block.start() + s.end) for s in split_sentences(block.group(), lang))
    return spans


def align_sentences(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str,
                    embedder: "Embedder | None", config: AlignConfig = SENTENCE_CONFIG) -> list[SentenceLink]:
    """Every sentence of each side in exactly one link, in order, with character spans."""
    src_spans, tgt_spans = sentence_spans(src_text, src_lang), sentence_spans(tgt_text, tgt_lang)
    src_vecs = tgt_vecs = None
    if embedder is not None and embedder.supports(src_lang) and embedder.supports(tgt_lang):
        vecs = embedder.encode(_texts(src_text, src_spans) + _texts(tgt_text, tgt_spans))
        src_vecs, tgt_vecs = vecs[: len(src_spans)], vecs[len(src_spans) :]
    return align_sentence_vectors(src_text, tgt_text, src_spans, tgt_spans, src_vecs, tgt_vecs, config)


def align_sentence_vectors(src_text: str, tgt_text: str, src_spans: Sequence[Span], tgt_spans: Sequence[Span],
                           src_vecs: np.ndarray | None, tgt_vecs: np.ndarray | None,
                           config: AlignConfig = SENTENCE_CONFIG) -> list[SentenceLink]:
    """`align_sentences` for sentences already split and embedded (a check embeds a whole
    document's sentences in one call)."""
    links = align_units(_texts(src_text, src_spans), _texts(tgt_text, tgt_spans), src_vecs, tgt_vecs, config)
    return [SentenceLink(tuple(src_spans[i] for i in link.source), tuple(tgt_spans[j] for j in link.target), link.score)
            for link in links]


@dataclass(frozen=True)
class Unpaired:
    side: str  # "source" (an omission) or "target" (an addition)
    span: Span
    similarity: float  # best cosine with anything on the other side
    absorption: float  # best change of a neighbouring pair's cosine when the sentence joins it


def confident_unpaired(src_text: str, tgt_text: str, src_spans: Sequence[Span], tgt_spans: Sequence[Span],
                       src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_whole: np.ndarray,
                       tgt_whole: np.ndarray) -> list[Unpaired]:
    """Sentences the alignment leaves unpaired that are surely missing from the other side.

    Three tests, all required: the sentence has at least MIN_WORDS words; nothing on the other
    side resembles it (its best cosine with a sentence or the whole other paragraph is below
    MAX_SIMILARITY); and it does not belong to a neighbouring pair either: adding it to the
    neighbour's side must lower that pair's cosine by more than ABSORPTION_DROP. The last test
    keeps "To trzecia podwyżka od sierpnia." apart from an omission when the translator folded
    it into the previous sentence (", the third increase since August").
    """
    links = align_sentence_vectors(src_text, tgt_text, src_spans, tgt_spans, src_vecs, tgt_vecs)
    s_index, t_index = {sp: k for k, sp in enumerate(src_spans)}, {sp: k for k, sp in enumerate(tgt_spans)}
    groups = [([s_index[x] for x in link.source_spans], [t_index[x] for x in link.target_spans]) for link in links]
    sides = {  # side: (its text, its spans, its vectors, the other side's spans, vectors, whole vector)
        "source": (src_text, src_spans, src_vecs, tgt_spans, tgt_vecs, tgt_whole),
        "target": (tgt_text, tgt_spans, tgt_vecs, src_spans, src_vecs, src_whole),
    }
    out = []
    for n, group in enumerate(groups):
        for at, (side, (text, spans, mine, other_spans, other, other_whole)) in enumerate(sides.items()):
            if not group[at] or group[1 - at]:
                continue
            k = group[at][0]
            span = spans[k]
            if count_words(text[span.start : span.end]) < MIN_WORDS:
                continue
            best = max([float(other_whole @ mine[k])] + [float(v @ mine[k]) for v in other])
            neighbours = [groups[m] for m in (n - 1, n + 1) if 0 <= m < len(groups) and all(groups[m])]
            absorption = max((_absorption(g, at, k, spans, mine, other, other_spans) for g in neighbours), default=-1.0)
            if best < MAX_SIMILARITY and absorption < -ABSORPTION_DROP:
                out.append(Unpaired(side, span, best, absorption))
    return out


def _absorption(pair: tuple[list[int], list[int]], at: int, k: int, spans: Sequence[Span], mine: np.ndarray,
                other: np.ndarray, other_spans: Sequence[Span]) -> float:
    """Change of the pair's cosine when sentence k joins its side `at` (length-weighted sums)."""
    own, theirs = pair[at], pair[1 - at]
    them = _group_vector(other, other_spans, theirs)
    return float(_group_vector(mine, spans, own + [k]) @ them - _group_vector(mine, spans, own) @ them)


def _group_vector(vecs: np.ndarray, spans: Sequence[Span], ids: list[int]) -> np.ndarray:
    v = sum(vecs[i] * (spans[i].end - spans[i].start) for i in ids)
    return v / (np.linalg.norm(v) + 1e-12)


def _texts(text: str, spans: Sequence[Span]) -> list[str]:
    return [text[s.start : s.end] for s in spans]
