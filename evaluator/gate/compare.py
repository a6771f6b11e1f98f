"""Is vendor B better than vendor A? Both deliveries are scored against the same source, their
segments are paired through the source paragraphs they translate, and every metric is tested
with a paired bootstrap (see bootstrap.py).

Units: two systems may align the same source differently (A merges paragraphs 3-4, B keeps them
apart), so a unit is the smallest group of source paragraphs that both systems' segments respect
(a union-find over each segment's `source_ids`). Target-only segments (additions, boilerplate)
have no source: they join the unit of the segment before them, so their penalty still counts.
Reference-free metrics come from our own reports (MQM score, mean segment quality, cross-lingual
similarity); with a reference, sacrebleu's BLEU, chrF, chrF++ and TER are added, from per-unit
sufficient statistics against the reference paragraphs aligned to each unit's source paragraphs.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .. import __version__
from ..errors import ConfigError
from ..score import evaluated_words, penalty
from ..types import Report, SegmentResult
from .bootstrap import (DEFAULT_SAMPLES, DEFAULT_SEED, PairedResult, Statistic, paired_bootstrap, ratio_score,
                        resample_counts, resample_indices)

KIND = "evaluator-compare"


@dataclass(frozen=True)
class Comparison:
    source: str
    a: str
    b: str
    reference: str | None
    units: int
    samples: int
    seed: int
    alpha: float
    signatures: tuple[str, str]
    metrics: tuple[PairedResult, ...]


def compare(source: str | Path, system_a: str | Path, system_b: str | Path, reference: str | Path | None = None,
            *, config=None, embedder=None, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
            alpha: float = 0.05) -> Comparison:
    from ..pipeline import RunConfig, evaluate

    config = config or RunConfig()
    if samples < 1:
        raise ConfigError("--samples", [f"expected a positive number of resamples, got {samples}"])
    if embedder is None:
        from ..embed import get_embedder

        embedder = get_embedder(config.embedder, cache_dir=config.cache_dir)
    rep_a = evaluate(source, system_a, reference, config=config, embedder=embedder)
    rep_b = evaluate(source, system_b, reference, config=config, embedder=embedder)
    units_a, units_b, src_units = pair_units(rep_a, rep_b)

    stats = reference_free_statistics(units_a, units_b)
    if reference is not None:
        refs = _unit_references(source, reference, src_units, config, embedder)
        stats += sacrebleu_statistics(_hypotheses(units_a), _hypotheses(units_b), refs, rep_a.target_lang)
    counts = resample_counts(resample_indices(len(src_units), samples, seed), len(src_units))
    results = tuple(paired_bootstrap(s, counts, alpha) for s in stats)
    return Comparison(source=str(source), a=str(system_a), b=str(system_b),
                      reference=str(reference) if reference is not None else None, units=len(src_units),
                      samples=samples, seed=seed, alpha=alpha, signatures=(rep_a.signature, rep_b.signature),
                      metrics=results)


def pair_units(rep_a: Report, rep_b: Report) -> tuple[list[list[SegmentResult]], list[list[SegmentResult]],
                                                       list[tuple[int, ...]]]:
    """(A's segments per unit, B's segments per unit, source paragraph ids per unit)."""
    parent: dict[int, int] = {}

    def find(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for rep in (rep_a, rep_b):
        for seg in rep.segments:
            ids = seg.pair.source_ids
            for i in ids:
                parent[find(i)] = find(ids[0])
    ids_a = {i for s in rep_a.segments for i in s.pair.source_ids}
    ids_b = {i for s in rep_b.segments for i in s.pair.source_ids}
    if ids_a != ids_b or not ids_a:
        raise ConfigError("compare", [f"the two reports cover different source paragraphs "
                                      f"({len(ids_a)} vs {len(ids_b)}): were they scored against the same source?"])
    groups: dict[int, list[int]] = {}
    for i in sorted(ids_a):
        groups.setdefault(find(i), []).append(i)
    src_units = sorted((tuple(g) for g in groups.values()), key=lambda g: g[0])
    unit_of = {i: n for n, g in enumerate(src_units) for i in g}
    return _assign(rep_a, unit_of, len(src_units)), _assign(rep_b, unit_of, len(src_units)), src_units


def _assign(rep: Report, unit_of: dict[int, int], n: int) -> list[list[SegmentResult]]:
    units: list[list[SegmentResult]] = [[] for _ in range(n)]
    pending: list[SegmentResult] = []  # target-only segments before the first sourced one
    current: int | None = None
    for seg in rep.segments:
        if seg.pair.source_ids:
            current = unit_of[seg.pair.source_ids[0]]
            units[current].extend(pending)
            pending = []
            units[current].append(seg)
        elif current is None:
            pending.append(seg)
        else:
            units[current].append(seg)
    return units


def reference_free_statistics(units_a: list[list[SegmentResult]], units_b: list[list[SegmentResult]]) -> list[Statistic]:
    def mqm(units):
        return np.array([[penalty(f for s in u for f in s.findings), sum(evaluated_words(s.pair) for s in u)]
                         for u in units], dtype=np.float64)

    def mean_of(units, value):
        rows = []
        for u in units:
            vals = [v for v in (value(s) for s in u) if v is not None]
            rows.append([sum(vals), len(vals)])
        return np.array(rows, dtype=np.float64)

    out = [
        Statistic("document_score", True, mqm(units_a), mqm(units_b), _mqm_score,
                  "mqm.v1|w:1/5/25|stats:penalty,words"),
        Statistic("quality", True, mean_of(units_a, lambda s: s.quality), mean_of(units_b, lambda s: s.quality),
                  ratio_score, "segment-quality|agg:mean"),
    ]
    for name in ("similarity", "ref_similarity"):
        a, b = mean_of(units_a, lambda s: s.scores.get(name)), mean_of(units_b, lambda s: s.scores.get(name))
        if a[:, 1].sum() and b[:, 1].sum():
            out.append(Statistic(name, True, a, b, ratio_score, f"{name}|agg:mean-over-segments"))
    return out


def _mqm_score(stats: np.ndarray) -> float:
    # score.document_scores without its rounding: rounding would make resampled values tie.
    return 100.0 * max(0.0, 1.0 - stats[0] / max(stats[1], 1.0))


def sacrebleu_statistics(hyps_a: Sequence[str], hyps_b: Sequence[str], refs: Sequence[str],
                         target_lang: str) -> list[Statistic]:
    """Per-unit sufficient statistics of every registered sacrebleu metric (those with `make`)."""
    from ..checks.base import Context
    from ..pipeline import load_registries
    from ..registry import metrics as registry

    load_registries()
    ctx = Context(pairs=(), source_lang="", target_lang=target_lang, similarity=())
    has_ref = np.array([bool(r.strip()) for r in refs])
    out = []
    for name in registry.names():
        maker = registry.get(name)()
        if not hasattr(maker, "make"):
            continue
        metric = maker.make(ctx)
        stats = []
        for hyps in (hyps_a, hyps_b):
            s = np.array(metric._extract_corpus_statistics(list(hyps), [list(refs)]), dtype=np.float64)
            s[~has_ref] = 0.0  # a unit without a reference paragraph says nothing about either system
            stats.append(s)
        out.append(Statistic(name, name != "ter", stats[0], stats[1],
                             lambda row, m=metric: float(m._compute_score_from_stats(list(row)).score),
                             str(metric.get_signature())))
    return out


def _hypotheses(units: list[list[SegmentResult]]) -> list[str]:
    return [" ".join(s.pair.target for s in u if s.pair.target) for u in units]


def _unit_references(source, reference, src_units: list[tuple[int, ...]], config, embedder) -> list[str]:
    """The reference paragraphs aligned to each unit's source paragraphs (the same for A and B)."""
    from ..load import load_document
    from ..pipeline import align_documents

    links = align_documents(source, reference, config=config, embedder=embedder)
    ref_doc = load_document(reference, aligned=config.aligned, fmt=config.fmt, encoding=config.encoding)
    by_src: dict[int, list[int]] = {}
    for link in links:
        for i in link.source:
            by_src.setdefault(i, []).extend(link.target)
    out = []
    for unit in src_units:
        ids = list(dict.fromkeys(j for i in unit for j in by_src.get(i, [])))
        out.append(" ".join(ref_doc.segments[j].text for j in ids))
    return out


def comparison_to_dict(c: Comparison) -> dict[str, Any]:
    def est(e) -> dict[str, Any]:
        return {"score": _r(e.score), "mean": _r(e.mean), "ci95": [_r(e.ci[0]), _r(e.ci[1])]}

    return {
        "kind": KIND,
        "tool": {"name": "evaluator", "version": __version__},
        "files": {"source": c.source, "a": c.a, "b": c.b, "reference": c.reference},
        "method": {"test": "paired bootstrap resampling (Koehn, 2004), sacrebleu paired_bs p-value",
                   "units": c.units, "samples": c.samples, "seed": c.seed, "alpha": c.alpha},
        "signatures": {"a": c.signatures[0], "b": c.signatures[1]},
        "metrics": [{"name": m.name, "higher_is_better": m.higher_is_better, "signature": m.signature,
                     "a": est(m.a), "b": est(m.b), "delta": est(m.delta), "p_value": _r(m.p_value),
                     "better": m.better} for m in c.metrics],
    }


def render_comparison(c: Comparison) -> str:
    rows = [("metric", "A", "B", "B−A", "95% CI of B−A", "p", "better")]
    for m in c.metrics:
        rows.append((m.name, f"{m.a.score:.4g}", f"{m.b.score:.4g}", f"{m.delta.score:+.4g}",
                     f"[{m.delta.ci[0]:+.4g}, {m.delta.ci[1]:+.4g}]", f"{m.p_value:.4f}",
                     m.better.upper() if m.better else "no significant difference"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [f"A: {c.a}", f"B: {c.b}", f"source: {c.source}" + (f"; reference: {c.reference}" if c.reference else ""),
             f"paired bootstrap over {c.units} source units, {c.samples} resamples, seed {c.seed}, alpha {c.alpha}", ""]
    lines += ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) if i < 6 else cell
                        for i, (cell, w) in enumerate(zip(r, widths))).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


def _r(x: float) -> float:
    return round(float(x), 6)
