"""Paragraph alignment by dynamic programming over embedding similarities, with cheap signals.

In the spirit of vecalign (Thompson & Koehn, 2019) and Bertalign (Liu & Zhu, 2022): a monotone
path that may pair groups of up to three paragraphs on either side (1-1, 1-2, 2-1, 2-2, 1-3, 3-1)
or leave a paragraph unpaired (1-0, 0-1). A group's vector is the length-weighted sum of its
members' vectors, so merges cost no extra encoder calls. Long documents are aligned
coarse-to-fine in a band (see banded.py), so time and memory grow linearly with length.

The score of a pairing is its similarity minus a threshold: pairing two paragraphs must be worth
more than leaving both unpaired, which is what lets inserted boilerplate and dropped paragraphs
fall out as 0-1 and 1-0.
"""
from __future__ import annotations

from contextlib import nullcontext
from functools import lru_cache

import numpy as np

from .banded import MOVES, align_sides
from .config import AlignConfig, Link
from .features import Side

__all__ = ["AlignConfig", "Link", "MOVES", "align_paragraphs", "align_units"]


def align_paragraphs(
    src_texts: list[str],
    tgt_texts: list[str],
    src_vecs: np.ndarray | None,
    tgt_vecs: np.ndarray | None,
    config: AlignConfig = AlignConfig(),
) -> list[Link]:
    """Every paragraph of each side appears in exactly one link, in order.

    Vectors may be None when the embedder cannot judge a language: then only the cheap signals
    (names, numbers, length) decide.
    """
    return align_units(src_texts, tgt_texts, src_vecs, tgt_vecs, config)


def align_units(src_texts: list[str], tgt_texts: list[str], src_vecs: np.ndarray | None,
                tgt_vecs: np.ndarray | None, config: AlignConfig) -> list[Link]:
    """The same alignment for any unit of text (paragraphs here, sentences in sentences.py)."""
    if (src_vecs is None) != (tgt_vecs is None):
        src_vecs = tgt_vecs = None  # one side without vectors: nothing to compare them with
    for texts, vecs, side in ((src_texts, src_vecs, "source"), (tgt_texts, tgt_vecs, "target")):
        if vecs is not None and len(vecs) != len(texts):
            raise ValueError(f"{side}: {len(texts)} texts but {len(vecs)} vectors")
    src, tgt = Side.build_pair(src_texts, tgt_texts, src_vecs, tgt_vecs)
    # Expected length ratio of this document pair (languages differ in length).
    log_ratio = float(np.log((tgt.lengths.sum() + 1) / (src.lengths.sum() + 1)))
    with _one_blas_thread():
        path = align_sides(src, tgt, config, log_ratio)
    links = []
    for s, t in path:
        score = _similarity(src, tgt, s, t) if len(s) and len(t) else 0.0
        links.append(Link(tuple(s), tuple(t), score))
    return links


def _similarity(src: Side, tgt: Side, s: range, t: range) -> float:
    """Cosine of the two groups' vectors; without vectors, 0.0 (there is no similarity to report)."""
    if src.weighted is None or tgt.weighted is None:
        return 0.0
    a = src.weighted[s.start : s.stop].sum(0)
    b = tgt.weighted[t.start : t.stop].sum(0)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-12))


def _one_blas_thread():
    """The DP multiplies many small matrices; a multi-threaded BLAS spends more time waking its
    threads than computing (35× slower on a busy 2-core machine), so use one thread meanwhile."""
    controller = _blas_controller()
    return controller.limit(limits=1, user_api="blas") if controller is not None else nullcontext()


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # only speed depends on it
        return None
    return ThreadpoolController()
