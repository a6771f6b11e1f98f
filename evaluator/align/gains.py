"""The value of pairing a group of source units with a group of target units.

gain = weight · (similarity + cheap signals − threshold) − penalties

The weight is the amount of text the pairing explains, (|P| / mean source length + |Q| / mean
target length) / 2: a typical 1-1 pair weighs about 1, and a 2-2 pairing of two swapped
neighbours is worth as much as the two paragraphs it explains. Group vectors lean towards their
longer members, so a count-based weight would let a long, well-matched paragraph carry a short,
poorly matched neighbour into a 2-2 pairing; with lengths, the short one weighs what it covers.
Leaving a unit unpaired is worth 0, so a pairing is taken only when it is worth more than skips.

A group of more than one unit on a side must beat the threshold by `merge_penalty` per extra
unit: the cosine of two summed vectors is a little higher than the average of their cosines,
and that alone must not make a 2-2 out of two good 1-1 pairs. Being relative to the weight, the
margin does not stop a short paragraph from joining a long neighbour it was merged with.

Penalties: a length ratio far from the document's, a boilerplate-looking target unit paired
with ordinary source text, a small fixed cost per extra unit in a group, and a group member
that resembles nothing on the other side (what keeps inserted paragraphs out of merges).

Gains are computed for a rectangular block of DP cells at a time (dense, small), which is all
the banded DP ever asks for.
"""
from __future__ import annotations

import numpy as np

from .config import AlignConfig
from .features import PAD, Side

PAIR_MOVES = ((1, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
KINDS = ("names", "numbers")


class _Overlap:
    """Shared names / numbers between every source group and target group of a block."""

    def __init__(self, src: Side, tgt: Side, s_lo: int, s_hi: int, t_lo: int, t_hi: int):
        self.inter: dict[tuple[str, int, int], np.ndarray] = {}
        self.s_size: dict[tuple[str, int], np.ndarray] = {}
        self.t_size: dict[tuple[str, int], np.ndarray] = {}
        for kind in KINDS:
            s_groups = {a: src.group_features(kind, s_lo, s_hi, a) for a in (1, 2, 3)}
            t_groups = {b: tgt.group_features(kind, t_lo, t_hi, b) for b in (1, 2, 3)}
            for a, g in s_groups.items():
                self.s_size[(kind, a)] = np.asarray(g.sum(1), dtype=np.float64).reshape(-1, 1)
            for b, g in t_groups.items():
                self.t_size[(kind, b)] = np.asarray(g.sum(1), dtype=np.float64).reshape(1, -1)
            for a, b in PAIR_MOVES:
                self.inter[(kind, a, b)] = np.asarray((s_groups[a] @ t_groups[b].T).todense(), dtype=np.float64)

    def jaccard(self, kind: str, a: int, b: int) -> np.ndarray:
        inter = self.inter[(kind, a, b)]
        union = self.s_size[(kind, a)] + self.t_size[(kind, b)] - inter
        return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)

    def present(self, kind: str, a: int, b: int) -> np.ndarray:
        return (self.s_size[(kind, a)] + self.t_size[(kind, b)]) > 0


def block_gains(src: Side, tgt: Side, r0: int, r1: int, c0: int, c1: int, config: AlignConfig,
                log_ratio: float) -> dict[tuple[int, int], np.ndarray]:
    """Gain of every pair move ending at DP cell (i, j), i in [r0, r1), j in [c0, c1].

    A move (a, b) ending at (i, j) pairs src[i-a:i] with tgt[j-b:j]. Arrays are (rows, cols);
    impossible moves are -inf.
    """
    rows, cols = r1 - r0, c1 - c0 + 1
    # Group statistics for every start in [r0-PAD, r1) × [c0-PAD, c1+1): the moves read
    # shifted windows of these.
    s_lo, s_hi, t_lo, t_hi = r0 - PAD, r1, c0 - PAD, c1 + 1
    overlap = _Overlap(src, tgt, s_lo, s_hi, t_lo, t_hi)
    with_vectors = src.weighted is not None and tgt.weighted is not None
    if with_vectors:
        s_vecs = {a: src.group_vectors(s_lo, s_hi, a) for a in (1, 2, 3)}
        t_vecs = {b: tgt.group_vectors(t_lo, t_hi, b) for b in (1, 2, 3)}
        sims = {(a, b): (s_vecs[a] @ t_vecs[b].T).astype(np.float64) for a, b in PAIR_MOVES}
    else:
        coverage = {(a, b): _coverage(src, tgt, s_lo, s_hi, t_lo, t_hi, a, b) for a, b in PAIR_MOVES}
        sims = {(a, b): _cheap_similarity(overlap, coverage[(a, b)], a, b, config) for a, b in PAIR_MOVES}
    s_mean, t_mean = src.mean_length, tgt.mean_length
    out = {}
    for a, b in PAIR_MOVES:
        rs, cs = slice(PAD - a, PAD - a + rows), slice(PAD - b, PAD - b + cols)
        sim = sims[(a, b)][rs, cs]
        if with_vectors:  # without vectors the cheap signals already are the similarity
            sim = sim + (config.name_weight * overlap.jaccard("names", a, b)[rs, cs]
                         + config.number_weight * overlap.jaccard("numbers", a, b)[rs, cs])
        s_len = src.group_lengths(s_lo, s_hi, a)[rs]
        t_len = tgt.group_lengths(t_lo, t_hi, b)[cs]
        length = np.abs(np.log((t_len[None, :] + 20) / (s_len[:, None] + 20)) - log_ratio)
        penalty = config.length_weight * np.maximum(0.0, length - config.length_slack)
        boiler = tgt.group_boiler(t_lo, t_hi, b)[cs][None, :] & ~src.group_boiler(s_lo, s_hi, a)[rs][:, None]
        penalty = penalty + config.boilerplate_penalty * boiler
        merge = config.merge_penalty if with_vectors else config.cheap_merge_penalty
        penalty = penalty + config.merge_cost * (a + b - 2)
        penalty = penalty + config.member_weight * _member_shortfall(sims, overlap, a, b, rows, cols, config)
        weight = (s_len[:, None] / s_mean + t_len[None, :] / t_mean) / 2
        gain = weight * (sim - config.threshold - merge * (a + b - 2)) - penalty
        valid = src.valid(s_lo, s_hi, a)[rs][:, None] & tgt.valid(t_lo, t_hi, b)[cs][None, :]
        out[(a, b)] = np.where(valid, np.nan_to_num(gain, nan=-np.inf), -np.inf)
    return out


def _member_shortfall(sims, overlap: _Overlap, a: int, b: int, rows: int, cols: int,
                      config: AlignConfig) -> np.ndarray:
    """How far the members of each group fall below `member_floor` in resembling the other side.

    A member resembles the other side through its best cosine with the other group or one of
    that group's members (a short member of a swapped pair is unlike the long group it sits in,
    but like its own translation), plus the share of its names and numbers found there (the
    short tail of a split paragraph, "The renovation will cost 9.5 million zlotys.", often has
    little meaning of its own but carries the source's number)."""
    shortfall = np.zeros((rows, cols))
    rs, cs = slice(PAD - a, PAD - a + rows), slice(PAD - b, PAD - b + cols)
    for k in range(a if a > 1 else 0):  # source members against the target group
        r = slice(PAD - a + k, PAD - a + k + rows)
        best = sims[(1, b)][r, cs]
        for m in range(b):
            best = np.maximum(best, sims[(1, 1)][r, PAD - b + m : PAD - b + m + cols])
        best = best + _containment(overlap, 1, b, r, cs, source_side=True, config=config)
        shortfall += np.maximum(0.0, config.member_floor - best)
    for m in range(b if b > 1 else 0):  # target members against the source group
        c = slice(PAD - b + m, PAD - b + m + cols)
        best = sims[(a, 1)][rs, c]
        for k in range(a):
            best = np.maximum(best, sims[(1, 1)][PAD - a + k : PAD - a + k + rows, c])
        best = best + _containment(overlap, a, 1, rs, c, source_side=False, config=config)
        shortfall += np.maximum(0.0, config.member_floor - best)
    return shortfall


def _containment(overlap: _Overlap, a: int, b: int, r: slice, c: slice, source_side: bool,
                 config: AlignConfig) -> np.ndarray:
    """Bonus for the share of a single member's names and numbers that the other group has."""
    bonus = 0.0
    for kind, weight in (("names", config.member_name_bonus), ("numbers", config.member_number_bonus)):
        inter = overlap.inter[(kind, a, b)][r, c]
        size = overlap.s_size[(kind, 1)][r, :] if source_side else overlap.t_size[(kind, 1)][:, c]
        bonus = bonus + weight * np.divide(inter, size, out=np.zeros_like(inter), where=size > 0)
    return bonus


def _cheap_similarity(overlap: _Overlap, coverage: np.ndarray, a: int, b: int, config: AlignConfig) -> np.ndarray:
    """A stand-in for the cosine when there are no vectors: shared names and numbers raise it,
    names or numbers found on one side only lower it. The evidence counts for the share of the
    pairing's text that carries any (`coverage`): otherwise one paragraph rich in names would
    lend its evidence to a featureless neighbour, and two good 1-1 pairs would merge into a 2-2."""
    evidence = np.zeros(overlap.inter[("names", a, b)].shape)
    # Numbers survive translation almost always; names less so (exonyms: Monachium / Munich),
    # so a name found on one side only costs less than a lost number.
    for kind, weight, bias in (("names", 0.6, 0.1), ("numbers", 0.8, 0.25)):
        evidence += weight * np.where(overlap.present(kind, a, b), overlap.jaccard(kind, a, b) - bias, 0.0)
    return config.cheap_base + coverage * evidence


def _coverage(src: Side, tgt: Side, s_lo: int, s_hi: int, t_lo: int, t_hi: int, a: int, b: int) -> np.ndarray:
    """Share of the characters of each pair of groups that lie in units with a name or number."""
    s_feat, t_feat = src.group_featured(s_lo, s_hi, a), tgt.group_featured(t_lo, t_hi, b)
    s_len, t_len = src.group_lengths(s_lo, s_hi, a), tgt.group_lengths(t_lo, t_hi, b)
    total = s_len[:, None] + t_len[None, :]
    return np.divide(s_feat[:, None] + t_feat[None, :], total, out=np.zeros_like(total), where=total > 0)
