"""Alignment on real text with the bundled encoder: the case study, damaged corpus documents,
sentence alignment, and the sentence-level omission / addition check."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from evaluator.align.paragraphs import AlignConfig, align_paragraphs
from evaluator.align.sentences import align_sentences, sentence_spans
from evaluator.checks.alignment import SentenceCheck
from evaluator.checks.base import Context
from evaluator.load.text import split_paragraphs
from evaluator.pipeline import evaluate
from evaluator.types import AlignedPair

from conftest import CASE, ROOT

pytestmark = pytest.mark.slow
CORPUS = ROOT / "benchmarks" / "data" / "parallel"


def paragraphs(path: Path) -> list[str]:
    return [s.text for s in split_paragraphs(path.read_text(encoding="utf-8"))]


def corpus() -> dict[str, list[dict[str, str]]]:
    topics = {p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
              for p in sorted(CORPUS.glob("*.jsonl"))}
    if len(topics) < 2:
        pytest.fail(f"the parallel corpus under {CORPUS} is missing")
    return topics


def pairs(links) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.source, link.target) for link in links]


# -- the case study --------------------------------------------------------------------------


def test_case_study_noise_comes_out_unpaired_with_the_right_findings(case_report):
    by_target = {s["target_ids"][0]: s for s in case_report["segments"] if not s["source_ids"]}
    # MT paragraph 1 is the lead bullet repeating paragraph 6; 4, 8, 14, 15 and 21-24 are site furniture.
    assert sorted(by_target) == [1, 4, 8, 14, 15, 21, 22, 23, 24]
    dup = [f for f in by_target[1]["findings"] if f["check"] == "alignment"]
    assert [f["category"] for f in dup] == ["addition"]
    twin = next(s for s in case_report["segments"] if s["target_ids"] == [6])
    assert dup[0]["evidence"]["duplicate_of"] == str(twin["index"]) and twin["source_ids"] == [5]  # Blinken
    for j in (4, 8, 14, 15, 21, 22, 23, 24):
        assert [f["category"] for f in by_target[j]["findings"] if f["check"] == "alignment"] == ["boilerplate"]
    dropped = [s for s in case_report["segments"] if not s["target_ids"]]
    assert [s["source_ids"] for s in dropped] == [[3]]  # the Jean-Pierre lead paragraph
    assert [f["category"] for f in dropped[0]["findings"]] == ["omission"]
    # Everything else is 1-1 and in order.
    paired = [(s["source_ids"], s["target_ids"]) for s in case_report["segments"] if s["source_ids"] and s["target_ids"]]
    assert all(len(a) == 1 and len(b) == 1 for a, b in paired)


def test_case_study_banded_search_gives_the_full_alignment(embedder):
    src, tgt = paragraphs(CASE / "source.pl.txt"), paragraphs(CASE / "mt.en.txt")
    sv, tv = embedder.encode(src), embedder.encode(tgt)
    full = pairs(align_paragraphs(src, tgt, sv, tv))
    for factor in (2, 3, 4):
        assert pairs(align_paragraphs(src, tgt, sv, tv, AlignConfig(full_cells=0, coarse_factor=factor))) == full


def test_case_study_without_vectors_still_finds_the_noise():
    """As for a source language the embedder does not cover: names, numbers and length only."""
    src, tgt = paragraphs(CASE / "source.pl.txt"), paragraphs(CASE / "mt.en.txt")
    links = pairs(align_paragraphs(src, tgt, None, None))
    assert [(s, t) for s, t in links if not (s and t)] == [((), (j,)) for j in (1, 4)] + [((3,), ())] + [
        ((), (j,)) for j in (8, 14, 15, 21, 22, 23, 24)]
    assert all(len(s) == 1 and len(t) == 1 for s, t in links if s and t)


def test_reference_translation_gets_no_sentence_level_finding(embedder):
    report = evaluate(CASE / "source.pl.txt", CASE / "reference.en.txt", embedder=embedder)
    assert [f for f in report.findings if f.check in ("sentences", "alignment")] == []


def test_case_study_mt_gets_no_sentence_level_finding(case_report):
    assert [f for s in case_report["segments"] for f in s["findings"] if f["check"] == "sentences"] == []


# -- damaged corpus documents ----------------------------------------------------------------


def damaged(rows: list[dict[str, str]], other: list[dict[str, str]]) -> tuple[list[str], list]:
    """English target of `rows` with one of each perturbation, and the gold pairs."""
    en = [r["en"] for r in rows]
    split_at = next(k for k in range(7, 12) if len(sentence_spans(en[k], "en")) >= 2)
    spans = sentence_spans(en[split_at], "en")
    cut = spans[len(spans) // 2].start
    plan = [  # (source ids, target texts) in target order
        *[((k,), [en[k]]) for k in range(0, 3)],
        ((), [en[20]]),  # a repeat of paragraph 20, far ahead of it
        ((3,), [en[3]]),
        ((4,), []),  # dropped
        ((5,), [en[5]]),
        ((), ["See also: " + other[0]["en"].split(".")[0]]),
        ((6,), [en[6]]),
        *[((k,), [en[k]]) for k in range(7, split_at)],
        ((split_at,), [en[split_at][:cut].strip(), en[split_at][cut:].strip()]),
        *[((k,), [en[k]]) for k in range(split_at + 1, 14)],
        ((14, 15), [en[14] + " " + en[15]]),  # merged
        *[((k,), [en[k]]) for k in range(16, 18)],
        ((18, 19), [en[19], en[18]]),  # swapped
        ((), [other[1]["en"]]),  # unrelated
        *[((k,), [en[k]]) for k in range(20, len(rows))],
    ]
    texts, gold, j = [], [], 0
    for src, tgt in plan:
        ids = tuple(range(j, j + len(tgt)))
        j += len(tgt)
        texts += tgt
        gold += [((), (t,)) for t in ids] if not src else [(src, ())] if not tgt else [(src, ids)]
    return texts, gold


@pytest.mark.parametrize("lang", ["pl", "de", "ru"])
def test_every_perturbation_is_aligned_as_in_the_gold(embedder, lang):
    topics = corpus()
    names = sorted(topics)
    rows, other = topics[names[0]], topics[names[1]]
    tgt, gold = damaged(rows, other)
    src = [r[lang] for r in rows]
    links = align_paragraphs(src, tgt, embedder.encode(src), embedder.encode(tgt))
    assert pairs(links) == gold


def test_long_mixed_document_banded_equals_full(embedder):
    topics = corpus()
    rows = [r for name in sorted(topics)[:4] for r in topics[name]]  # 120 paragraphs
    src = [r["pl"] for r in rows]
    rng = np.random.default_rng(3)
    tgt = [r["en"] for r in rows]
    for _ in range(6):
        del tgt[int(rng.integers(len(tgt)))]
        tgt.insert(int(rng.integers(len(tgt))), "Share this article on Facebook")
    sv, tv = embedder.encode(src), embedder.encode(tgt)
    full = pairs(align_paragraphs(src, tgt, sv, tv, AlignConfig(full_cells=10**9)))
    assert pairs(align_paragraphs(src, tgt, sv, tv, AlignConfig(full_cells=0))) == full


# -- sentences -------------------------------------------------------------------------------


def test_sentence_links_carry_spans_of_each_sentence_once(embedder):
    src = ("W piątek sytuacja w Ałmaty wciąż była trudna. Media podawały, że w centrum dochodzi do strzelaniny. "
           "MSW poinformowało, że zginęło 26 osób, a blisko 4 tys. osób zatrzymano.")
    tgt = ("On Friday the situation in Almaty was still difficult. The media reported gunfire in the centre. "
           "The Interior Ministry said 26 people had died and nearly 4,000 had been detained.")
    links = align_sentences(src, tgt, "pl", "en", embedder)
    assert [(len(x.source_spans), len(x.target_spans)) for x in links] == [(1, 1)] * 3
    assert [src[x.source_spans[0].start : x.source_spans[0].end][:9] for x in links] == ["W piątek ", "Media pod", "MSW poinf"]
    assert [tgt[x.target_spans[0].start : x.target_spans[0].end][:9] for x in links] == ["On Friday", "The media", "The Inter"]
    assert all(x.score > 0.5 for x in links)


def test_sentence_alignment_without_an_embedder_still_covers_every_sentence():
    src, tgt = "Pierwsze zdanie tutaj. Drugie zdanie 2022.", "The first sentence. The second one. A third in 2022."
    links = align_sentences(src, tgt, "cs", "en", None)
    assert sum(len(x.source_spans) for x in links) == 2 and sum(len(x.target_spans) for x in links) == 3


def sentence_findings(embedder, lang: str, pairs_: list[tuple[str, str]]):
    ps = tuple(AlignedPair(index=k, source_ids=(k,), target_ids=(k,), source=s, target=t, score=0.0)
               for k, (s, t) in enumerate(pairs_))
    ctx = Context(pairs=ps, source_lang=lang, target_lang="en", similarity=(None,) * len(ps), embedder=embedder)
    return list(SentenceCheck().run(ctx))


@pytest.mark.parametrize("lang", ["pl", "de", "ru"])
def test_correct_translations_of_the_corpus_get_no_sentence_finding(embedder, lang):
    rows = [r for rs in corpus().values() for r in rs]
    assert sentence_findings(embedder, lang, [(r[lang], r["en"]) for r in rows]) == []


def test_dropped_and_inserted_sentences_are_found_at_their_spans(embedder):
    rows = [r for rs in corpus().values() for r in rs]
    cases = [r for r in rows if len(sentence_spans(r["en"], "en")) >= 3][:20]
    dropped, inserted, expect = [], [], []
    for k, r in enumerate(cases):
        src_spans, en = sentence_spans(r["pl"], "pl"), r["en"]
        en_spans = sentence_spans(en, "en")
        # Drop the last target sentence: its source sentence must be reported.
        dropped.append((r["pl"], en[: en_spans[-1].start].strip()))
        expect.append(src_spans[-1])
        extra = "The mayor also opened a new football stadium for 30,000 fans in the suburbs."
        inserted.append((r["pl"], en[: en_spans[0].end] + " " + extra + en[en_spans[0].end :]))
    omissions = sentence_findings(embedder, "pl", dropped)
    found = {f.segment: f for f in omissions}
    assert all(f.category == "omission" for f in omissions)
    assert len(found) >= 0.7 * len(cases)
    assert all(f.source_span == expect[k] for k, f in found.items() if len(sentence_spans(cases[k]["pl"], "pl")) ==
               len(sentence_spans(cases[k]["en"], "en")))
    additions = sentence_findings(embedder, "pl", inserted)
    assert len({f.segment for f in additions}) == len(cases)
    for f in additions:
        assert f.category == "addition"
        assert inserted[f.segment][1][f.target_span.start : f.target_span.end].startswith("The mayor also opened")
