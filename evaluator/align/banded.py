"""Monotone alignment DP restricted to a band of cells, found coarse-to-fine.

Following vecalign (Thompson & Koehn, 2019, "Vecalign: Improved Sentence Alignment in Linear
Time and Space"): when the full n × m grid is too large, blocks of k consecutive units are
averaged into one unit, the shorter coarse sequences are aligned (recursively), and the coarse
path, projected back and widened by a margin, is the band the fine DP searches. With a fixed
factor k and margin, every level costs O(n + m), so the whole alignment does too.

DP cell (i, j) means "the first i source and j target units are aligned". Moves are the pairings
in `PAIR_MOVES` plus 1-0 and 0-1 (a unit left unpaired, worth 0).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from .config import AlignConfig
from .features import Side
from .gains import PAIR_MOVES, block_gains

SKIP_SRC, SKIP_TGT = len(PAIR_MOVES), len(PAIR_MOVES) + 1  # back-pointer codes for 1-0 and 0-1
MOVES = PAIR_MOVES + ((1, 0), (0, 1))
ROW_BLOCK = 64  # DP rows whose gains are computed together (one dense matrix product per move)


@dataclass(frozen=True)
class Band:
    """For each DP row i (0..n), the allowed columns lo[i]..hi[i] (inclusive), stored flat."""

    lo: np.ndarray
    hi: np.ndarray

    @property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.hi - self.lo + 1)])

    @property
    def cells(self) -> int:
        return int((self.hi - self.lo + 1).sum())

    @staticmethod
    def full(n: int, m: int) -> "Band":
        return Band(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))


def align_sides(src: Side, tgt: Side, config: AlignConfig, log_ratio: float) -> list[tuple[range, range]]:
    """Monotone links (source range, target range) covering both sides exactly once, in order."""
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [(range(i, i + 1), range(0)) for i in range(n)] + [(range(0), range(j, j + 1)) for j in range(m)]
    if (n + 1) * (m + 1) <= config.full_cells or min(n, m) <= config.coarse_factor:
        band = Band.full(n, m)
    else:
        k = config.coarse_factor
        coarse = align_sides(src.downsample(k), tgt.downsample(k), config, log_ratio)
        band = project(coarse, k, n, m, max(config.band_margin, k))
    return banded_dp(src, tgt, band, calibrated(src, tgt, config), log_ratio)


def calibrated(src: Side, tgt: Side, config: AlignConfig) -> AlignConfig:
    """Raise the pairing threshold above this document's baseline cosine.

    Unrelated paragraphs of one article, or of one news desk, resemble each other far more
    (cosine 0.35-0.45) than unrelated text in general (about 0.1-0.2): against a fixed threshold,
    a pair of such neighbours would be worth pairing. Like vecalign's normalisation of costs by
    the similarity to other sentences, the threshold follows the document's own baseline.
    """
    baseline = baseline_similarity(src, tgt)
    raise_by = max(0.0, baseline + config.baseline_margin - config.threshold)
    return replace(config, threshold=config.threshold + raise_by)


def baseline_similarity(src: Side, tgt: Side, samples: int = 2000, prior: float = 0.2, prior_weight: int = 8) -> float:
    """Median cosine between units that are not each other's translation: pairs off the diagonal
    (2-20 units away from where the partner should be), blended with a prior for tiny inputs."""
    if src.weighted is None or tgt.weighted is None:
        return prior
    n, m = len(src), len(tgt)
    if n * m <= samples:
        i, j = (g.ravel() for g in np.meshgrid(np.arange(n), np.arange(m), indexing="ij"))
    else:
        rng = np.random.default_rng(0)
        i = rng.integers(0, n, samples)
        j = np.rint(i * m / n).astype(np.int64) + rng.integers(2, 21, samples) * rng.choice([-1, 1], samples)
    off = (np.abs(j - i * m / n) >= 2) & (j >= 0) & (j < m)
    if off.any():
        i, j = i[off], j[off]
    s = src.weighted[i] / src.lengths[i, None].astype(np.float32)
    t = tgt.weighted[j] / tgt.lengths[j, None].astype(np.float32)
    cos = np.einsum("kd,kd->k", s, t) / (np.linalg.norm(s, axis=1) * np.linalg.norm(t, axis=1) + 1e-12)
    return float((len(cos) * np.median(cos) + prior_weight * prior) / (len(cos) + prior_weight))


def project(coarse: list[tuple[range, range]], k: int, n: int, m: int, margin: int) -> Band:
    """Fine band around a coarse path: each coarse link's rectangle, widened by `margin` units."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for s, t in coarse:
        r0, r1 = min(s.start * k, n), min(s.stop * k, n)
        c0, c1 = min(t.start * k, m), min(t.stop * k, m)
        lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], c0)
        hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], c1)
    # The path is monotone, so widening rows by `margin` is a shift of lo and hi.
    lo = np.concatenate([np.full(margin, lo[0]), lo])[: n + 1] - margin
    hi = np.concatenate([hi, np.full(margin, hi[-1])])[margin:] + margin
    lo = np.clip(np.minimum.accumulate(lo[::-1])[::-1], 0, m)
    hi = np.clip(np.maximum.accumulate(hi), 0, m)
    lo[0], hi[n] = 0, m
    return Band(lo, np.maximum(hi, lo))


def banded_dp(src: Side, tgt: Side, band: Band, config: AlignConfig, log_ratio: float) -> list[tuple[range, range]]:
    n = len(src)
    lo, hi, off = band.lo, band.hi, band.offsets
    gains = _band_gains(src, tgt, band, config, log_ratio)
    score = np.full(band.cells, -np.inf)
    back = np.full(band.cells, SKIP_TGT, dtype=np.int8)
    for i in range(n + 1):
        width = hi[i] - lo[i] + 1
        best = np.full(width, -np.inf)
        arg = np.full(width, SKIP_TGT, dtype=np.int8)
        if i == 0:
            best[0] = 0.0
        for code, (a, b) in enumerate(MOVES[:SKIP_TGT]):
            if a > i:
                continue
            p = i - a
            # Columns j of row i whose predecessor (p, j - b) lies in row p's band.
            j0, j1 = max(lo[i], lo[p] + b), min(hi[i], hi[p] + b)
            if j0 > j1:
                continue
            prev = score[off[p] + j0 - b - lo[p] : off[p] + j1 - b - lo[p] + 1]
            cand = prev + gains[code][off[i] + j0 - lo[i] : off[i] + j1 - lo[i] + 1] if b else prev.copy()
            view = slice(j0 - lo[i], j1 - lo[i] + 1)
            better = cand > best[view]
            best[view] = np.where(better, cand, best[view])
            arg[view] = np.where(better, code, arg[view])
        # 0-1 moves chain along the row; skipping is free, so it is a running maximum.
        run = np.maximum.accumulate(best)
        left = np.concatenate([[False], run[1:] > best[1:]])
        arg[left] = SKIP_TGT
        score[off[i] : off[i + 1]], back[off[i] : off[i + 1]] = run, arg
    return _trace(back, band)


def _band_gains(src: Side, tgt: Side, band: Band, config: AlignConfig, log_ratio: float) -> list[np.ndarray]:
    """Gain of every pair move at every band cell, flat like the band (-inf where impossible)."""
    n = len(src)
    lo, hi, off = band.lo, band.hi, band.offsets
    flat = [np.full(band.cells, -np.inf) for _ in PAIR_MOVES]
    for r0 in range(1, n + 1, ROW_BLOCK):
        r1 = min(r0 + ROW_BLOCK, n + 1)
        c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
        block = block_gains(src, tgt, r0, r1, c0, c1, config, log_ratio)
        rows = np.repeat(np.arange(r0, r1), hi[r0:r1] - lo[r0:r1] + 1)
        cols = np.arange(off[r0], off[r1]) - off[rows] + lo[rows]
        for code, move in enumerate(PAIR_MOVES):
            flat[code][off[r0] : off[r1]] = block[move][rows - r0, cols - c0]
    return flat


def _trace(back: np.ndarray, band: Band) -> list[tuple[range, range]]:
    lo, off = band.lo, band.offsets
    i, j = len(lo) - 1, int(band.hi[-1])
    links: list[tuple[range, range]] = []
    while i > 0 or j > 0:
        a, b = MOVES[back[off[i] + j - lo[i]]]
        links.append((range(i - a, i), range(j - b, j)))
        i, j = i - a, j - b
    links.reverse()
    return links
