"""Paragraph alignment by dynamic programming over embedding similarities, with cheap signals.

In the spirit of vecalign (Thompson & Koehn, 2019) and Bertalign (Liu & Zhu, 2022): a monotone
path through the similarity matrix that may pair groups of up to three paragraphs on either side
(1-1, 1-2, 2-1, 2-2, 1-3, 3-1) or leave a paragraph unpaired (1-0, 0-1). A group's vector is the
length-weighted sum of its members' vectors, so merges cost no extra encoder calls.

The score of a pairing is its similarity minus a threshold: pairing two paragraphs must be worth
more than leaving both unpaired, which is what lets inserted boilerplate and dropped paragraphs
fall out as 0-1 and 1-0.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from anyascii import anyascii

MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))


@dataclass(frozen=True)
class AlignConfig:
    threshold: float = 0.30  # a pairing below this similarity is worth less than two skips
    merge_penalty: float = 0.06  # per extra paragraph in a group: prefer 1-1 when it explains as well
    name_weight: float = 0.12
    number_weight: float = 0.12
    length_weight: float = 0.25
    version: int = 1

    @property
    def signature(self) -> str:
        return f"dp.v{self.version}"


@dataclass(frozen=True)
class Link:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float


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
    n, m = len(src_texts), len(tgt_texts)
    if n == 0 or m == 0:
        return [Link((i,), (), 0.0) for i in range(n)] + [Link((), (j,), 0.0) for j in range(m)]
    gains = _GainTable(src_texts, tgt_texts, src_vecs, tgt_vecs, config)
    return _dp(n, m, gains)


class _GainTable:
    """gain(a, b)[i, j]: value of pairing src[i:i+a] with tgt[j:j+b] (a, b ≥ 1)."""

    def __init__(self, src, tgt, src_vecs, tgt_vecs, config: AlignConfig):
        self.config = config
        self.src_len = np.array([len(t) for t in src], dtype=np.float64)
        self.tgt_len = np.array([len(t) for t in tgt], dtype=np.float64)
        # Expected length ratio of this document pair (languages differ in length).
        self.log_ratio = float(np.log((self.tgt_len.sum() + 1) / (self.src_len.sum() + 1)))
        self.src_vecs, self.tgt_vecs = src_vecs, tgt_vecs
        self.src_names, self.tgt_names = _feature_matrix(src, tgt, _names)
        self.src_nums, self.tgt_nums = _feature_matrix(src, tgt, _numbers)
        self._cache: dict[tuple[int, int], np.ndarray] = {}

    def __call__(self, a: int, b: int) -> np.ndarray:
        if (a, b) not in self._cache:
            self._cache[(a, b)] = self._compute(a, b)
        return self._cache[(a, b)]

    def _compute(self, a: int, b: int) -> np.ndarray:
        c = self.config
        s_len, t_len = _group_sum(self.src_len[:, None], a)[:, 0], _group_sum(self.tgt_len[:, None], b)[:, 0]
        length = np.abs(np.log((t_len[None, :] + 20) / (s_len[:, None] + 20)) - self.log_ratio)
        length_pen = c.length_weight * np.maximum(0.0, length - 0.35)
        names = _jaccard(_group_any(self.src_names, a), _group_any(self.tgt_names, b))
        nums = _jaccard(_group_any(self.src_nums, a), _group_any(self.tgt_nums, b))
        cheap = c.name_weight * names + c.number_weight * nums - length_pen
        if self.src_vecs is not None and self.tgt_vecs is not None:
            sim = _normalise(_group_sum(self.src_vecs * self.src_len[:, None], a)) @ _normalise(
                _group_sum(self.tgt_vecs * self.tgt_len[:, None], b)
            ).T
        else:
            # Without an embedder, shared names and numbers and a plausible length stand in for meaning.
            sim = c.threshold + 0.15 + 2.5 * (c.name_weight * names + c.number_weight * nums) - 0.2
        return sim + cheap - c.threshold - c.merge_penalty * (a + b - 2)

    def raw_similarity(self, src_ids: tuple[int, ...], tgt_ids: tuple[int, ...]) -> float:
        if self.src_vecs is None or self.tgt_vecs is None:
            return float(self(len(src_ids), len(tgt_ids))[src_ids[0], tgt_ids[0]] + self.config.threshold)
        s = (self.src_vecs[list(src_ids)] * self.src_len[list(src_ids), None]).sum(0)
        t = (self.tgt_vecs[list(tgt_ids)] * self.tgt_len[list(tgt_ids), None]).sum(0)
        return float(s @ t / (np.linalg.norm(s) * np.linalg.norm(t) + 1e-12))


def _dp(n: int, m: int, gains: _GainTable) -> list[Link]:
    score = np.full((n + 1, m + 1), -np.inf)
    back = np.zeros((n + 1, m + 1), dtype=np.int8)  # index into MOVES
    score[0, :] = 0.0  # leading target paragraphs unpaired (0-1) cost nothing
    back[0, 1:] = MOVES.index((0, 1))
    pair_moves = [(k, a, b) for k, (a, b) in enumerate(MOVES) if a and b]
    for i in range(1, n + 1):
        best = score[i - 1].copy()  # (1, 0): source paragraph unpaired
        arg = np.full(m + 1, MOVES.index((1, 0)), dtype=np.int8)
        for k, a, b in pair_moves:
            if a > i:
                continue
            g = gains(a, b)  # shape (n - a + 1, m - b + 1)
            cand = np.full(m + 1, -np.inf)
            cand[b:] = score[i - a, : m + 1 - b] + g[i - a, : m + 1 - b]
            better = cand > best
            best[better], arg[better] = cand[better], k
        # (0, 1) moves chain along the row: a running maximum, since skipping costs nothing.
        run = np.maximum.accumulate(best)
        from_left = np.concatenate([[False], run[1:] > best[1:]])
        arg[from_left] = MOVES.index((0, 1))
        score[i], back[i] = run, arg
    return _trace(back, n, m, gains)


def _trace(back: np.ndarray, n: int, m: int, gains: _GainTable) -> list[Link]:
    links: list[Link] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = MOVES[back[i, j]] if i > 0 else (0, 1)
        src, tgt = tuple(range(i - a, i)), tuple(range(j - b, j))
        links.append(Link(src, tgt, gains.raw_similarity(src, tgt) if a and b else 0.0))
        i, j = i - a, j - b
    links.reverse()
    return links


def _group_sum(x: np.ndarray, k: int) -> np.ndarray:
    if k == 1:
        return x
    return sum(x[s : len(x) - k + 1 + s] for s in range(k))


def _group_any(x: np.ndarray, k: int) -> np.ndarray:
    return np.minimum(_group_sum(x, k), 1.0)


def _normalise(x: np.ndarray) -> np.ndarray:
    return x / (np.linalg.norm(x, axis=1, keepdims=True) + 1e-12)


def _jaccard(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    inter = a @ b.T
    union = a.sum(1)[:, None] + b.sum(1)[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


_NUM = re.compile(r"\d+(?:[.,\s\u00a0]\d{3})*(?:[.,]\d+)?")
_CAP = re.compile(r"\b[^\W\d_][\w'-]*", re.UNICODE)


def _numbers(text: str) -> set[str]:
    return {re.sub(r"\D", "", m.group()) for m in _NUM.finditer(text)}


def _names(text: str) -> set[str]:
    """Capitalised words not at a sentence start, folded to ASCII and cut to 4 letters, so that
    inflected Polish (Tokajewa) and English (Tokayev) forms of a name often share a key."""
    keys = set()
    for m in _CAP.finditer(text):
        word = m.group()
        if not word[0].isupper():
            continue
        before = text[: m.start()].rstrip()
        if not before or before[-1] in ".!?:„\"“«–—":
            continue
        key = anyascii(word).lower().replace("w", "v").replace("j", "y")[:4]
        if len(key) >= 3:
            keys.add(key)
    return keys


def _feature_matrix(src: list[str], tgt: list[str], extract) -> tuple[np.ndarray, np.ndarray]:
    src_sets, tgt_sets = [extract(t) for t in src], [extract(t) for t in tgt]
    vocab = {f: k for k, f in enumerate(sorted(set().union(*src_sets, *tgt_sets)))}

    def dense(sets: list[set[str]]) -> np.ndarray:
        out = np.zeros((len(sets), max(len(vocab), 1)))
        for r, s in enumerate(sets):
            out[r, [vocab[f] for f in s]] = 1.0
        return out

    return dense(src_sets), dense(tgt_sets)
