"""Text-only checks in a worker process: the same report as in one process, and a dead worker
costs nothing but time."""
from __future__ import annotations

import pytest

from conftest import CASE
from evaluator import offload
from evaluator.checks.base import Context, Options
from evaluator.pipeline import RunConfig, _active_checks, _run_checks, evaluate, load_registries
from evaluator.report.json import dumps, report_to_dict
from evaluator.types import AlignedPair

pytestmark = pytest.mark.slow


def _json(embedder, **config) -> str:
    report = evaluate(CASE / "source.pl.txt", CASE / "mt.en.txt", config=RunConfig(**config), embedder=embedder)
    return dumps(report_to_dict(report))


def test_worker_gives_the_byte_identical_report(embedder, monkeypatch):
    here = _json(embedder, offload_min_pairs=None)
    assert _json(embedder, offload_min_pairs=1) == here
    monkeypatch.setattr(offload, "CHUNK", 4)  # the pairs reach the worker in many pickles
    assert _json(embedder, offload_min_pairs=1) == here


def test_pair_local_checks_by_slices_give_the_same_report(embedder, monkeypatch):
    from evaluator import pipeline

    whole = _json(embedder, offload_min_pairs=None)
    monkeypatch.setattr(pipeline, "PAIR_SLICE", 3)
    assert _json(embedder, offload_min_pairs=None) == whole


def _text_ctx() -> Context:
    pairs = (
        AlignedPair(0, (0,), (0,), "W piątkowym wystąpieniu Tokajew mówił o 4 tys. zatrzymanych.",
                    "In a speech on Friday, Djokovic spoke of 4,000 killed.", 1.0),
        AlignedPair(1, (), (1,), "", "Subscribe to our newsletter!", 0.0),
    )
    return Context(pairs=pairs, source_lang="pl", target_lang="en", similarity=(None, None), options=Options())


def test_worker_runs_the_text_only_checks_and_a_killed_one_falls_back():
    load_registries()
    ctx = _text_ctx()
    active = _active_checks(None, "pl", "en")
    text_only = [c for c in active if c.name in offload.TEXT_ONLY]
    here = _run_checks(active, text_only, ctx, None, lambda *a: None)
    worker = offload.start(active, ctx, min_pairs=1)
    assert worker is not None and set(worker.names) == {"alignment", "entities", "language", "numbers", "tags"}
    assert worker.results() == {name: here[name] for name in worker.names}

    dead = offload.start(active, ctx, min_pairs=1)
    dead.stop()
    assert dead.results() is None
    assert _run_checks(active, [], ctx, dead, lambda *a: None) == here
    assert any(f.category == "entity.substituted" for f in here["entities"])


def test_worker_sends_the_facts_the_checks_here_read_and_none_once_dead():
    from evaluator.lang.numbers import source_number_facts
    from evaluator.lang.wordcover import sentence_facts

    load_registries()
    ctx = _text_ctx()
    active = _active_checks(None, "pl", "en")
    worker = offload.start(active, ctx, min_pairs=1)  # the clause and meaning checks run here
    numbers = [worker.get("source_numbers", p.index) for p in ctx.pairs]
    assert numbers == [source_number_facts(p.source, p.target, "pl", "en") for p in ctx.pairs]
    assert numbers[0] == [(40, False)]  # "4 tys." (at 40) is found in "4,000"
    assert worker.get("sentences", 0) == sentence_facts(ctx.pairs[0].source, ctx.pairs[0].target, "pl", "en")
    assert worker.get("source_numbers", 99) is None  # no such pair: answered once the worker is done
    assert worker.get("no such fact", 0) is None
    # The number check ran a slice at a time beside the facts: the same findings.
    assert worker.results() == _run_checks(active, [c for c in active if c.name in worker.names], ctx, None,
                                           lambda *a: None)
    dead = offload.start(active, ctx, min_pairs=1)
    dead.stop()
    assert dead.get("source_numbers", 0) in (None, [(40, False)])  # answers, never hangs


def test_glossary_keeps_the_entity_check_here():
    load_registries()
    active = _active_checks(None, "pl", "en")
    assert "entities" not in offload.offloadable(active, Options(glossary=(("Tokajew", "Tokayev"),)))
    assert offload.start(active, _text_ctx(), min_pairs=10) is None  # a small document stays here


def test_pickled_pairs_read_back_like_the_tuple_they_were_cut_from():
    import pickle

    pairs = tuple(AlignedPair(i, (i,), (i,), f"Zdanie {i}.", f"Sentence {i}.", 1.0) for i in range(7))
    cuts = [pairs[a:a + 3] for a in range(0, 7, 3)]
    lazy = offload.PickledPairs([pickle.dumps(c) for c in cuts], [len(c) for c in cuts])
    assert len(lazy) == 7 and tuple(lazy) == pairs
    assert [lazy[i] for i in range(-7, 7)] == list(pairs[-7:] + pairs)
    assert lazy[2:6] == pairs[2:6] and lazy[::3] == pairs[::3]
    with pytest.raises(IndexError):
        lazy[7]


def test_pickled_pairs_built_as_they_come_send_the_chunks_the_worker_reads():
    import pickle

    pairs = tuple(AlignedPair(i, (i,), (i,), f"Zdanie {i}.", f"Sentence {i}.", 1.0) for i in range(7))
    built = offload.PickledPairs.build(iter(pairs), chunk=3)
    assert len(built) == 7 and tuple(built) == pairs and built[5:] == pairs[5:]
    chunks = list(built.chunks())
    assert [n for n, _ in chunks] == [3, 3, 1]
    assert tuple(p for _, blob in chunks for p in pickle.loads(blob)) == pairs
    # Any other sequence is cut the same way for the worker.
    assert [(n, pickle.loads(b)) for n, b in offload._pickled(pairs)] == [(7, pairs)]
    assert offload.PickledPairs.build(()).__len__() == 0 and tuple(offload.PickledPairs.build(())) == ()
