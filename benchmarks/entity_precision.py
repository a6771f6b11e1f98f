"""Precision of the entity check on correct professional translations.

    python -m benchmarks.entity_precision             # share of pairs with a finding, per language
    python -m benchmarks.entity_precision --show      # ...and every finding
    python -m benchmarks.entity_precision --lang ru --show

benchmarks/data/parallel/*.jsonl holds 300 news paragraphs, each with faithful "en", "pl", "de"
and "ru" versions written by professionals. Each non-English version is checked against the
English one as if it were its machine translation, so every entity finding is a false one. The
target is at most 3% of pairs with any finding in each language.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from glob import glob
from pathlib import Path
from typing import Any

from evaluator.checks.base import Context
from evaluator.checks.entities import EntityCheck
from evaluator.types import AlignedPair, Finding

DATA = Path(__file__).resolve().parent / "data" / "parallel"
LANGS = ("pl", "de", "ru")
MAX_FALSE_RATE = 0.03


def load_rows(data: Path = DATA) -> list[dict[str, Any]]:
    return [json.loads(line) for f in sorted(glob(str(data / "*.jsonl")))
            for line in open(f, encoding="utf-8") if line.strip()]


def findings_for(rows: list[dict[str, Any]], lang: str, embedder: Any = None) -> list[Finding]:
    """Every entity finding on the document made of all rows, `lang` as source, English as target."""
    pairs = tuple(AlignedPair(i, (i,), (i,), r[lang], r["en"], 1.0) for i, r in enumerate(rows))
    ctx = Context(pairs=pairs, source_lang=lang, target_lang="en", similarity=(0.8,) * len(pairs),
                  embedder=embedder)
    return list(EntityCheck().run(ctx))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every finding")
    ap.add_argument("--lang", choices=LANGS, action="append", help="source language(s) to check")
    ap.add_argument("--no-embedder", action="store_true", help="run without the sentence encoder")
    args = ap.parse_args(argv)
    embedder = None
    if not args.no_embedder:
        from evaluator.embed import get_embedder

        embedder = get_embedder("usem")
    rows = load_rows()
    worst = 0.0
    for lang in args.lang or LANGS:
        t0 = time.perf_counter()
        found = findings_for(rows, lang, embedder)
        seconds = time.perf_counter() - t0
        flagged = {f.segment for f in found}
        rate = len(flagged) / max(1, len(rows))
        worst = max(worst, rate)
        counts = Counter(f.category for f in found)
        print(f"{lang}: {len(flagged)}/{len(rows)} pairs with a finding ({rate:.1%}), {len(found)} findings, "
              f"{len(rows) / seconds:.0f} pairs/s; " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
        if args.show:
            for f in found:
                print(f"  {rows[f.segment]['id']} {f.category}: {f.message}")
    print(f"target: at most {MAX_FALSE_RATE:.0%} per language; worst {worst:.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
