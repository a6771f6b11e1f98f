"""Meaning check on hand-written Polish→English pairs: a correct and a mistranslated English side.

    python benchmarks/meaning.py           # held-out precision / recall with the shipped calibration
    python benchmarks/meaning.py --grid    # threshold grid on the dev split (how DEFAULT was chosen)

Data: benchmarks/data/meaning/pl-en.jsonl, {"id", "kind", "pl", "en", "mt", "source_word", "wrong"};
kinds: verb (wrong verb), sense (wrong sense of a polysemous word), negation (flipped), actor
(wrong or swapped participant), antonym. Split: within each kind, every third row is held out.

A pair counts as flagged when the check reports any finding on it. Precision = flagged
mistranslations / all flagged pairs; recall = flagged mistranslations / mistranslations;
false finding rate = flagged correct pairs / correct pairs; "located" = a finding's target span
overlaps the wrong word (or, for dropped negation, its source span sits on the negation).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluator.checks.base import Context  # noqa: E402
from evaluator.checks.meaning import MeaningCheck  # noqa: E402
from evaluator.checks.meaning_rules import DEFAULT, Calibration  # noqa: E402
from evaluator.embed import get_embedder  # noqa: E402
from evaluator.types import AlignedPair  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "meaning" / "pl-en.jsonl"


def load() -> tuple[list[dict], list[dict]]:
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev, test, seen = [], [], {}
    for row in rows:
        n = seen.get(row["kind"], 0)
        seen[row["kind"]] = n + 1
        (test if n % 3 == 2 else dev).append(row)
    return dev, test


def context(rows: list[dict], embedder) -> Context:
    pairs = []
    for k, row in enumerate(rows):
        pairs.append(AlignedPair(2 * k, (2 * k,), (2 * k,), row["pl"], row["en"], 1.0))
        pairs.append(AlignedPair(2 * k + 1, (2 * k + 1,), (2 * k + 1,), row["pl"], row["mt"], 1.0))
    src = embedder.encode([p.source for p in pairs])
    tgt = embedder.encode([p.target for p in pairs])
    return Context(pairs=tuple(pairs), source_lang="pl", target_lang="en",
                   similarity=tuple(float(a @ b) for a, b in zip(src, tgt)), embedder=embedder)


def evaluate(rows: list[dict], ctx: Context, cal: Calibration) -> dict:
    findings = list(MeaningCheck(cal).run(ctx))
    by_pair: dict[int, list] = {}
    for f in findings:
        by_pair.setdefault(f.segment, []).append(f)
    n = len(rows)
    fp = sum(bool(by_pair.get(2 * k)) for k in range(n))
    tp = sum(bool(by_pair.get(2 * k + 1)) for k in range(n))
    located = 0
    per_kind: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        fs = by_pair.get(2 * k + 1, [])
        mt = ctx.pairs[2 * k + 1].target
        wrong = mt.find(row["wrong"])
        hit = any(f.target_span and f.target_span.start < wrong + len(row["wrong"]) and wrong < f.target_span.end
                  for f in fs) or (row["kind"] == "negation" and bool(fs))
        located += hit
        per_kind.setdefault(row["kind"], [0, 0])
        per_kind[row["kind"]][0] += bool(fs)
        per_kind[row["kind"]][1] += 1
    return {"n": n, "false_rate": fp / n, "recall": tp / n, "located": located / n,
            "precision": tp / (tp + fp) if tp + fp else 1.0, "per_kind": per_kind,
            "false_pairs": [rows[k]["id"] for k in range(n) if by_pair.get(2 * k)],
            "findings": by_pair}


def report(name: str, r: dict) -> None:
    print(f"{name}: n={r['n']}  precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
          f"located {r['located']:.3f}  false findings on correct {r['false_rate']:.3f}")
    print("  recall per kind: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(r["per_kind"].items())))
    if r["false_pairs"]:
        print("  false findings on: " + ", ".join(r["false_pairs"]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every finding")
    args = ap.parse_args()
    embedder = get_embedder("usem")
    dev, test = load()
    dev_ctx, test_ctx = context(dev, embedder), context(test, embedder)
    if args.grid:
        for a_s, a_t, cov, c_src in itertools.product((0.08, 0.10, 0.12), (0.12, 0.15, 0.2),
                                                      (0.40, 0.45), (0.58, 0.62, 0.66)):
            cal = replace(DEFAULT, axis_source=a_s, axis_target=a_t, cover_max=cov, support_max=cov,
                          concept_source=c_src)
            r = evaluate(dev, dev_ctx, cal)
            print(f"axis {a_s:.2f}/{a_t:.2f} cover {cov:.2f} concept {c_src:.2f}: "
                  f"false {r['false_rate']:.3f} recall {r['recall']:.3f} located {r['located']:.3f}")
        return
    for name, rows, ctx in (("dev", dev, dev_ctx), ("held-out", test, test_ctx)):
        r = evaluate(rows, ctx, DEFAULT)
        report(name, r)
        if args.show:
            for seg, fs in sorted(r["findings"].items()):
                for f in fs:
                    side = "ok " if seg % 2 == 0 else "BAD"
                    print(f"   {side} {rows[seg // 2]['id']} {f.severity} {f.message}")


if __name__ == "__main__":
    main()
