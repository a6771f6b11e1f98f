"""Paired bootstrap resampling (Koehn, 2004, "Statistical Significance Tests for Machine
Translation Evaluation"), computed the way sacrebleu's `paired_bs` does it.

Each metric keeps additive sufficient statistics per unit (for BLEU the n-gram matches and
lengths, for the MQM score the penalty and the word count), so a resample is a weighted sum of
rows and never a re-scoring of text. Both systems are resampled with the SAME unit indices (that
is what makes the test paired). The p-value follows sacrebleu: the absolute difference on each
resample, centred on its mean, is compared with the observed absolute difference,
p = (#{centred ≥ observed} + 1) / (samples + 1). One departure: sacrebleu counts `>`; we count
`≥`, so a system compared with itself gets p = 1 (sacrebleu reports 1/(samples+1), i.e. a
"significant" zero difference). With continuous scores the two agree. Confidence intervals use
sacrebleu's order statistics: the n//40-th smallest and largest resampled values (95%).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

DEFAULT_SAMPLES = 1000
DEFAULT_SEED = 12345  # sacrebleu's default SACREBLEU_SEED


@dataclass(frozen=True)
class Statistic:
    name: str
    higher_is_better: bool
    a: np.ndarray  # (units, k) sufficient statistics of system A
    b: np.ndarray  # (units, k) of system B, same units in the same order
    score: Callable[[np.ndarray], float]  # summed statistics (k,) -> corpus score
    signature: str


@dataclass(frozen=True)
class Estimate:
    score: float  # on all units
    mean: float  # over resamples
    ci: tuple[float, float]  # 95%


@dataclass(frozen=True)
class PairedResult:
    name: str
    higher_is_better: bool
    signature: str
    a: Estimate
    b: Estimate
    delta: Estimate  # B − A
    p_value: float
    better: str | None  # "a", "b", or None when the difference is not significant


def resample_indices(units: int, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED) -> np.ndarray:
    """(samples, units) unit indices drawn with replacement; the same call sacrebleu makes."""
    if units < 1:
        raise ValueError("paired bootstrap needs at least one unit")
    rng = np.random.default_rng(seed)
    return rng.choice(units, size=(samples, units), replace=True)


def resample_counts(idxs: np.ndarray, units: int) -> np.ndarray:
    """How often each unit is drawn in each resample: (samples, units), so sums are one matmul."""
    samples = idxs.shape[0]
    flat = (np.arange(samples)[:, None] * units + idxs).ravel()
    return np.bincount(flat, minlength=samples * units).reshape(samples, units).astype(np.float64)


def paired_bootstrap(stat: Statistic, counts: np.ndarray, alpha: float = 0.05) -> PairedResult:
    a_stats, b_stats = np.asarray(stat.a, dtype=np.float64), np.asarray(stat.b, dtype=np.float64)
    if a_stats.shape != b_stats.shape or a_stats.shape[0] != counts.shape[1]:
        raise ValueError(f"{stat.name}: statistics of A {a_stats.shape} and B {b_stats.shape} do not "
                         f"match {counts.shape[1]} units")
    obs_a, obs_b = stat.score(a_stats.sum(0)), stat.score(b_stats.sum(0))
    res_a = np.array([stat.score(row) for row in counts @ a_stats])
    res_b = np.array([stat.score(row) for row in counts @ b_stats])
    # A resample may draw only units the metric cannot judge (no similarity, no reference): such
    # resamples say nothing about the difference and are left out rather than poisoning the mean.
    valid = ~(np.isnan(res_a) | np.isnan(res_b))
    if np.isnan(obs_a) or np.isnan(obs_b) or not valid.any():
        raise ValueError(f"{stat.name}: no unit has a value for both systems")
    res_a, res_b = res_a[valid], res_b[valid]

    observed = abs(obs_b - obs_a)
    sample_diffs = np.abs(res_b - res_a)
    centred = sample_diffs - sample_diffs.mean()
    p = float((np.sum(centred >= observed) + 1) / (len(centred) + 1))

    delta = obs_b - obs_a
    better = None
    if p < alpha and delta != 0:
        better = "b" if (delta > 0) == stat.higher_is_better else "a"
    return PairedResult(name=stat.name, higher_is_better=stat.higher_is_better, signature=stat.signature,
                        a=_estimate(obs_a, res_a), b=_estimate(obs_b, res_b),
                        delta=_estimate(delta, res_b - res_a), p_value=p, better=better)


def _estimate(observed: float, resampled: np.ndarray) -> Estimate:
    ordered = np.sort(resampled)
    low = len(ordered) // 40
    return Estimate(score=float(observed), mean=float(ordered.mean()),
                    ci=(float(ordered[low]), float(ordered[len(ordered) - low - 1])))


def ratio_score(stats: np.ndarray) -> float:
    """[sum, count] → mean; NaN when nothing was counted."""
    return float(stats[0] / stats[1]) if stats[1] else float("nan")
