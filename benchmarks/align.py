"""Alignment benchmark: strict pair precision / recall / F1 under seeded perturbations, and speed.

    python benchmarks/align.py            # quality table and speed figures
    python benchmarks/align.py --quick    # quality only, fewer documents

Quality: per topic (a document of its paragraphs) and for longer documents mixing several
topics, the TARGET is damaged by one kind of perturbation (see perturb.py) and the predicted
pairs are compared with the gold pairs. A pair is (source ids, target ids), exact match; an
unpaired paragraph is a pair with an empty side. "pl (no vectors)" aligns Polish with the cheap
signals only, as for a language the embedder does not cover.

Speed: 1,000 and 10,000 paragraphs a side, built from the corpus (each paragraph numbered so
that every text is distinct and really encoded), embedding and DP timed separately.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from pathlib import Path


sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from perturb import KINDS, Link, gold_pairs, load_corpus, perturb, target_texts  # noqa: E402

from evaluator.align.paragraphs import align_paragraphs  # noqa: E402
from evaluator.embed import get_embedder  # noqa: E402
from evaluator.load.text import split_paragraphs  # noqa: E402

SOURCES = ("pl", "de", "ru")
SEED = 20240601
CASE_REFERENCE = Path(__file__).resolve().parent.parent / "references" / "onet-kazakhstan" / "reference.en.txt"


def documents(corpus: dict[str, list[dict]], rng: random.Random) -> list[list[dict]]:
    """One document per topic, mixed documents of three topics' paragraphs each, and two long
    ones (every paragraph once, and twice over in two topic orders: 600 paragraphs, which the
    aligner handles coarse-to-fine in a band)."""
    topics = sorted(corpus)
    docs = [corpus[t] for t in topics]
    for k in range(len(topics)):
        chosen = rng.sample(topics, min(3, len(topics)))
        docs.append([row for t in chosen for row in corpus[t]])
    docs.append([row for t in rng.sample(topics, len(topics)) for row in corpus[t]])
    docs.append([row for _ in range(2) for t in rng.sample(topics, len(topics)) for row in corpus[t]])
    return docs


def quality(embedder, corpus: dict[str, list[dict]], repeats: int,
            rows_wanted: tuple[str, ...] = SOURCES + ("pl (no vectors)",)) -> dict[tuple[str, str], list[int]]:
    """(language row, kind) → [true positives, predicted, gold, perturbed links right, perturbed links]."""
    rng = random.Random(SEED)
    docs = documents(corpus, rng)
    # Documents that hold every topic take their unrelated paragraphs from the case study.
    outside = [s.text for s in split_paragraphs(CASE_REFERENCE.read_text(encoding="utf-8"))]
    counts: dict[tuple[str, str], list[int]] = {}
    cases = []
    for d, rows in enumerate(docs):
        en_ids = {row["id"] for row in rows}
        count = max(2, len(rows) // 30)  # perturbations of one kind per document
        others = [row["en"] for rows2 in corpus.values() for row in rows2 if row["id"] not in en_ids] or outside
        for kind in KINDS + ("mixed",):
            for r in range(repeats):
                base = [Link((i,), [row["en"]]) for i, row in enumerate(rows)]
                if kind == "mixed":
                    links = base
                    for k in rng.sample(KINDS, 4):
                        links = perturb(links, k, rng, others, count=max(1, count // 2))
                else:
                    links = perturb(base, kind, rng, others, count=count)
                cases.append((rows, kind, links))
    # Encode every distinct text once up front (the embedder caches by text).
    texts = sorted({t for rows, _, links in cases for t in target_texts(links)} |
                   {row[lang] for rows in docs for row in rows for lang in SOURCES})
    embedder.encode(texts)
    for lang in rows_wanted:
        src_lang = lang.split()[0]
        for rows, kind, links in cases:
            src = [row[src_lang] for row in rows]
            tgt = target_texts(links)
            if lang.endswith("(no vectors)"):
                sv = tv = None
            else:
                sv, tv = embedder.encode(src), embedder.encode(tgt)
            pred = {(link.source, link.target) for link in align_paragraphs(src, tgt, sv, tv)}
            gold = gold_pairs(links)
            touched = _perturbed_gold(links)
            for key in ((lang, kind), (lang, "overall")):
                c = counts.setdefault(key, [0, 0, 0, 0, 0])
                c[0] += len(pred & gold)
                c[1] += len(pred)
                c[2] += len(gold)
                c[3] += len(touched & pred)
                c[4] += len(touched)
    return counts


def _perturbed_gold(links: list[Link]) -> set:
    """Gold pairs that are not plain 1-1 (the places the perturbations touched)."""
    return {p for p in gold_pairs(links) if not (len(p[0]) == 1 and len(p[1]) == 1)}


def print_quality(counts: dict[tuple[str, str], list[int]]) -> None:
    langs = list(dict.fromkeys(lang for lang, _ in counts))
    kinds = list(KINDS) + ["mixed", "overall"]
    print("\nStrict pair F1 (P/R in brackets); last column: perturbed links recovered / total")
    header = f"{'kind':<12}" + "".join(f"{lang + '→en':>32}" for lang in langs)
    print(header)
    print("-" * len(header))
    for kind in kinds:
        cells = []
        for lang in langs:
            tp, npred, ngold, hit, touched = counts[(lang, kind)]
            p, r = tp / max(npred, 1), tp / max(ngold, 1)
            f = 2 * p * r / max(p + r, 1e-12)
            cells.append(f"{f:.3f} ({p:.3f}/{r:.3f}) {hit:>4}/{touched:<4}")
        print(f"{kind:<12}" + "".join(f"{c:>32}" for c in cells))


def speed(embedder_factory, corpus: dict[str, list[dict]], sizes: tuple[int, ...]) -> None:
    rows = [row for rs in corpus.values() for row in rs]
    print("\nSpeed (pl→en, fresh embedder per size, every text distinct; 1-1 right: share of source"
          " paragraphs paired with their own translation)")
    print(f"{'paragraphs/side':>16} {'words/side':>11} {'embed s':>9} {'align s':>9} {'total s':>9} {'align peak MB':>14}"
          f" {'1-1 right':>10}")
    for n in sizes:
        rng = random.Random(SEED + n)
        picks = [rng.randrange(len(rows)) for _ in range(n)]
        src = [f"{k + 1}. {rows[p]['pl']}" for k, p in enumerate(picks)]
        tgt = [f"{k + 1}. {rows[p]['en']}" for k, p in enumerate(picks)]
        for _ in range(n // 50):  # noise, so the band has something to follow: insertions and drops
            tgt.insert(rng.randrange(len(tgt)), "See also: " + rows[rng.randrange(len(rows))]["en"][:60])
            del src[rng.randrange(len(src))]  # its translation stays in the target, unpaired
        embedder = embedder_factory()
        embedder.encode(["warm up"])
        t0 = time.perf_counter()
        sv, tv = embedder.encode(src), embedder.encode(tgt)
        t1 = time.perf_counter()
        links = align_paragraphs(src, tgt, sv, tv)
        t2 = time.perf_counter()
        # Memory in a second run: tracing slows the DP's many small allocations.
        tracemalloc.start()
        align_paragraphs(src, tgt, sv, tv)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        words = sum(len(t.split()) for t in src)
        if [i for link in links for i in link.source] != list(range(len(src))):
            raise RuntimeError("alignment lost a source paragraph")
        right = sum(1 for link in links if len(link.source) == 1 and len(link.target) == 1
                    and src[link.source[0]].split(".", 1)[0] == tgt[link.target[0]].split(".", 1)[0])
        print(f"{n:>16,} {words:>11,} {t1 - t0:>9.1f} {t2 - t1:>9.2f} {t2 - t0:>9.1f} {peak:>14.0f}"
              f" {right / len(src):>10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="quality only, one repeat")
    parser.add_argument("--speed", action="store_true", help="speed only")
    parser.add_argument("--threads", type=int, default=None,
                        help="BLAS threads of the encoder in the speed run (default: the embedder's own)")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rows", default="pl,de,ru,pl (no vectors)", help="language rows of the quality table")
    args = parser.parse_args()
    corpus = load_corpus(("en",) + SOURCES)
    n = sum(len(r) for r in corpus.values())
    print(f"corpus: {len(corpus)} topic files, {n} paragraphs with en/pl/de/ru")
    if not corpus:
        raise SystemExit("no parallel data in benchmarks/data/parallel")
    if not args.speed:
        embedder = get_embedder("usem")
        print_quality(quality(embedder, corpus, 1 if args.quick else args.repeats, tuple(args.rows.split(","))))
    if not args.quick:
        factory = lambda: get_embedder("usem")  # noqa: E731
        if args.threads:
            from evaluator.embed.cache import CachedEmbedder
            from evaluator.embed.usem import USEEmbedder

            factory = lambda: CachedEmbedder(USEEmbedder(threads=args.threads))  # noqa: E731
        speed(factory, corpus, tuple(int(s) for s in args.sizes.split(",")))


if __name__ == "__main__":
    main()
