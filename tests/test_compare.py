"""System A vs system B: paired bootstrap (sacrebleu's procedure), segment pairing, planted differences."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from conftest import CASE
from evaluator.gate.bootstrap import Statistic, paired_bootstrap, ratio_score, resample_counts, resample_indices
from evaluator.gate.compare import pair_units, sacrebleu_statistics
from evaluator.types import AlignedPair, Finding, Report, SegmentResult


def paragraphs(path) -> list[str]:
    return [" ".join(p.split()) for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def drop_every(text: str, n: int) -> str:
    """A degraded system: every n-th word missing (deterministic)."""
    return " ".join(w for i, w in enumerate(text.split(), start=1) if i % n)


def test_identical_systems_have_zero_difference_and_p_1():
    rng = np.random.default_rng(0)
    stats = rng.integers(0, 50, size=(30, 2)).astype(float)
    stats[:, 1] += 1
    counts = resample_counts(resample_indices(30, 1000, 12345), 30)
    result = paired_bootstrap(Statistic("m", True, stats, stats.copy(), ratio_score, "m"), counts)
    assert result.p_value == 1.0 and result.better is None
    assert result.delta.score == 0 and result.delta.ci == (0.0, 0.0)
    assert result.a == result.b


def test_resample_counts_match_the_indices():
    idxs = resample_indices(7, 50, 1)
    counts = resample_counts(idxs, 7)
    assert counts.shape == (50, 7) and (counts.sum(1) == 7).all()
    assert all((np.bincount(row, minlength=7) == c).all() for row, c in zip(idxs, counts))


@pytest.mark.parametrize("metric_name", ["bleu", "chrf"])
def test_bootstrap_agrees_with_sacrebleu_paired_bs(metric_name, monkeypatch):
    """Differential test: same statistics, same seed and indices → sacrebleu's means, CIs and p-values."""
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.significance import PairedTest

    monkeypatch.setenv("SACREBLEU_SEED", "12345")
    refs = paragraphs(CASE / "reference.en.txt")
    hyps_a = [drop_every(r, 3) for r in refs]
    hyps_b = [drop_every(r, 7) for r in refs]
    stat = next(s for s in sacrebleu_statistics(hyps_a, hyps_b, refs, "en") if s.name == metric_name)
    ours = paired_bootstrap(stat, resample_counts(resample_indices(len(refs), 1000, 12345), len(refs)))

    sacre = {"bleu": BLEU(), "chrf": CHRF()}[metric_name]
    _, scores = PairedTest([("A", hyps_a), ("B", hyps_b)], {metric_name: sacre}, references=[refs],
                           test_type="bs", n_samples=1000)()
    base, system = next(v for k, v in scores.items() if k != "System")
    assert ours.a.score == pytest.approx(base.score, abs=1e-9)
    assert ours.b.score == pytest.approx(system.score, abs=1e-9)
    assert ours.b.mean == pytest.approx(system.mean, abs=1e-4)
    assert (ours.b.ci[1] - ours.b.ci[0]) / 2 == pytest.approx(system.ci, abs=1e-4)  # sacrebleu gives a half-width
    assert ours.p_value == pytest.approx(system.p_value, abs=1e-9)
    assert ours.better == "b"  # dropping every 3rd word is worse than every 7th


def _segment(index: int, source_ids: tuple[int, ...], target_ids: tuple[int, ...], findings=()) -> SegmentResult:
    pair = AlignedPair(index=index, source_ids=source_ids, target_ids=target_ids,
                       source=" ".join(f"s{i}" for i in source_ids), target=" ".join(f"t{j}" for j in target_ids),
                       score=0.5)
    return SegmentResult(pair=pair, scores={}, quality=100.0, findings=tuple(findings))


def _report(segments) -> Report:
    return Report(tool_version="t", signature="s", source_lang="pl", target_lang="en", source_path="s",
                  target_path="t", reference_path=None, segments=tuple(segments), metrics=(), document_score=100.0,
                  penalty_per_1000=0.0, word_count=10)


def test_units_respect_both_alignments_and_keep_target_only_segments():
    boiler = Finding(category="boilerplate", severity="major", message="x", segment=2)
    a = _report([_segment(0, (0, 1), (0,)), _segment(1, (2,), (1,)), _segment(2, (), (2,), [boiler]),
                 _segment(3, (3,), (3,))])
    b = _report([_segment(0, (0,), (0,)), _segment(1, (1, 2), (1,)), _segment(2, (3,), (2,))])
    units_a, units_b, src = pair_units(a, b)
    assert src == [(0, 1, 2), (3,)]
    assert [[s.pair.index for s in u] for u in units_a] == [[0, 1, 2], [3]]  # the boilerplate stays in unit 0
    assert [[s.pair.index for s in u] for u in units_b] == [[0, 1], [2]]


@pytest.mark.slow
def test_the_professional_reference_beats_the_mt(embedder):
    from evaluator.gate.compare import compare

    result = compare(CASE / "source.pl.txt", CASE / "mt.en.txt", CASE / "reference.en.txt", embedder=embedder)
    by_name = {m.name: m for m in result.metrics}
    score = by_name["document_score"]
    assert score.better == "b" and score.p_value < 0.05
    assert score.delta.score > 0 and score.delta.ci[0] > 0
    assert all(m.better in ("b", None) for m in result.metrics)  # nothing says the MT is better
    assert result.units >= 10 and result.samples == 1000


@pytest.mark.slow
def test_a_system_against_itself_differs_in_nothing(embedder):
    from evaluator.gate.compare import compare

    result = compare(CASE / "source.pl.txt", CASE / "mt.en.txt", CASE / "mt.en.txt",
                     reference=CASE / "reference.en.txt", embedder=embedder)
    names = [m.name for m in result.metrics]
    assert {"document_score", "quality", "similarity", "bleu", "chrf", "ter"} <= set(names)
    for m in result.metrics:
        assert m.p_value == 1.0 and m.better is None, m.name
        assert m.delta.score == 0 and m.delta.ci == (0.0, 0.0), m.name


@pytest.mark.slow
def test_compare_cli_with_reference_writes_json(tmp_path):
    out = tmp_path / "cmp.json"
    r = subprocess.run([sys.executable, "-m", "evaluator", "compare", str(CASE / "source.pl.txt"),
                        str(CASE / "mt.en.txt"), str(CASE / "reference.en.txt"), "--reference",
                        str(CASE / "reference.en.txt"), "--json", str(out), "--samples", "200"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["kind"] == "evaluator-compare" and data["method"]["samples"] == 200
    bleu = next(m for m in data["metrics"] if m["name"] == "bleu")
    assert bleu["b"]["score"] == pytest.approx(100.0) and bleu["better"] == "b" and bleu["p_value"] < 0.05
    assert bleu["signature"].startswith("nrefs:1|")
    ter = next(m for m in data["metrics"] if m["name"] == "ter")
    assert ter["higher_is_better"] is False and ter["better"] == "b"
    assert "bleu" in r.stdout and "B" in r.stdout
