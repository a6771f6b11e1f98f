"""Fidelity benchmark: seeded corruptions of correct translations, scored by every check.

    python benchmarks/fidelity.py              # pl, de and ru sources, all kinds, case study recall
    python benchmarks/fidelity.py --langs pl   # one source language

Data: benchmarks/data/parallel/*.jsonl (correct pl/de/ru → en rows written by us). For each
source language and each kind of corruption (benchmarks/corrupt.py), every row that offers a
place for it gets a corrupted English target; the correct and corrupted documents are scored
with the full pipeline in aligned (line-by-line) mode. Per kind and language:

* detection — the corrupted pair gets a finding of the expected category;
* false — correct pairs with any major or critical finding (one figure per language);
* minor clause — correct pairs with a minor finding of the clause check (one figure per language);
* ranking — segment quality of the correct pair > quality of the corrupted pair (ties fail).

Targets: numbers and untranslated detection >= 0.95, clause dropped/added >= 0.8, ranking >= 0.9
overall, false major/critical findings <= 3%. Also prints recall on the case study's gold
meaning errors. Seeded: the same data gives the same table.
"""
from __future__ import annotations

import argparse
import importlib
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corrupt import KINDS  # noqa: E402
from perturb import load_corpus  # noqa: E402

from evaluator.annotations import match_gold  # noqa: E402
from evaluator.embed import get_embedder  # noqa: E402
from evaluator.pipeline import RunConfig, evaluate  # noqa: E402
from evaluator.report.json import report_to_dict  # noqa: E402
from evaluator.types import Document, Segment  # noqa: E402

SEED = 20240917
EXPECTED = {"numbers": ("number.mismatch",), "negation": ("meaning",), "clause dropped": ("omission",),
            "clause added": ("addition",), "untranslated": ("untranslated",), "entity swap": ("entity.",)}
# Checks still outside BUILTIN_CHECKS while their owners finish them; imported if present.
EXTRA_CHECKS = ("numbers", "entities", "sentences", "tags", "meaning", "clauses")


def register_checks() -> list[str]:
    loaded = []
    for name in EXTRA_CHECKS:
        try:
            importlib.import_module(f"evaluator.checks.{name}")
            loaded.append(name)
        except ImportError:
            pass
    return loaded


def score(sources: list[str], targets: list[str], lang: str, embedder):
    src = Document("source", tuple(Segment(t, line=k + 1) for k, t in enumerate(sources)), lang)
    tgt = Document("target", tuple(Segment(t, line=k + 1) for k, t in enumerate(targets)), "en")
    return evaluate(src, tgt, config=RunConfig(aligned=True, source_lang=lang, target_lang="en"), embedder=embedder)


def run_language(lang: str, rows: list[dict], embedder) -> dict:
    sources, correct = [r[lang] for r in rows], [r["en"] for r in rows]
    base = score(sources, correct, lang, embedder)
    serious = [s for s in base.segments if any(f.severity != "minor" for f in s.findings)]
    by_check: dict[str, int] = {}
    for s in serious:
        for name in {f.check for f in s.findings if f.severity != "minor"}:
            by_check[name] = by_check.get(name, 0) + 1
    # Minor findings are not counted as false above, but users see them: the clause check's are
    # its weaker evidence, so their rate on correct pairs is watched too.
    minor_clause = sum(any(f.check == "clauses" and f.severity == "minor" for f in s.findings) for s in base.segments)
    result = {"false": len(serious) / len(rows), "minor_clause": minor_clause / len(rows), "false_by_check": {k: v / len(rows) for k, v in sorted(by_check.items())},
              "false_examples": [
        (s.pair.index, f.category, f.message) for s in serious for f in s.findings if f.severity != "minor"
        and f.check in ("meaning", "clauses", "language")],
        "kinds": {}}
    for kind, fn in KINDS.items():
        idx, bad = [], []
        for k, row in enumerate(rows):
            rng = random.Random(f"{SEED}:{lang}:{kind}:{row['id']}")
            if kind == "untranslated":
                out = fn(row["en"], row[lang], rng)
            elif kind == "entity swap":
                out = fn(row["en"], [r["en"] for r in rows[max(0, k - 15): k + 15] if r is not row], rng)
            else:
                out = fn(row["en"], rng)
            if out is not None and out != row["en"]:
                idx.append(k)
                bad.append(out)
        report = score([sources[k] for k in idx], bad, lang, embedder)
        detected = ranked = 0
        misses = []
        for n, (k, seg) in enumerate(zip(idx, report.segments)):
            hit = any(f.category.startswith(EXPECTED[kind]) for f in seg.findings)
            detected += hit
            ranked += base.segments[k].quality > seg.quality
            if not hit and len(misses) < 3:
                misses.append((rows[k]["id"], bad[n][:160]))
        result["kinds"][kind] = {"n": len(idx), "detection": detected / max(len(idx), 1),
                                 "ranking": ranked / max(len(idx), 1), "misses": misses}
    return result


def case_study(embedder) -> None:
    case = ROOT / "references" / "onet-kazakhstan"
    report = report_to_dict(evaluate(case / "source.pl.txt", case / "mt.en.txt", embedder=embedder))
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    match = match_gold(gold, report)
    found = sorted(e["id"] for e in match.found if e["category"] == "meaning")
    print(f"\ncase study: meaning recall {match.recall(['meaning']):.3f} (found {', '.join(found) or 'none'}); "
          f"untranslated recall {match.recall(['untranslated']):.3f}")
    for cat, (f, t) in match.by_category().items():
        print(f"  {cat:22s} {f}/{t}")
    false = [(i, f["category"], f["message"]) for i, f in match.false_findings if f["category"] in ("meaning", "untranslated", "wrong_language", "omission", "addition")]
    print(f"  false meaning/language/clause findings: {len(false)}")
    for item in false[:10]:
        print("   ", item)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--langs", default="pl,de,ru")
    ap.add_argument("--verbose", action="store_true", help="show missed examples and false findings")
    args = ap.parse_args()
    loaded = register_checks()
    embedder = get_embedder("usem")
    langs = args.langs.split(",")
    corpus = load_corpus(("en", *langs))
    rows = [r for topic in sorted(corpus) for r in corpus[topic]]
    print(f"{len(rows)} rows; extra checks loaded: {', '.join(loaded)}")
    results = {lang: run_language(lang, rows, embedder) for lang in langs}
    print(f"\n{'kind':16s}" + "".join(f"{lang + ' det':>9s}{lang + ' rank':>9s}" for lang in langs))
    total_rank = total_n = 0
    for kind in KINDS:
        line = f"{kind:16s}"
        for lang in langs:
            r = results[lang]["kinds"][kind]
            line += f"{r['detection']:9.3f}{r['ranking']:9.3f}"
            total_rank += r["ranking"] * r["n"]
            total_n += r["n"]
        print(line + f"   (n={results[langs[0]]['kinds'][kind]['n']})")
    print(f"{'false maj/crit':16s}" + "".join(f"{results[lang]['false']:9.3f}{'':9s}" for lang in langs))
    print(f"{'minor clause':16s}" + "".join(f"{results[lang]['minor_clause']:9.3f}{'':9s}" for lang in langs)
          + "   (correct pairs with a minor clause finding)")
    print(f"ranking overall: {total_rank / max(total_n, 1):.3f}")
    for lang in langs:
        parts = ", ".join(f"{k} {v:.3f}" for k, v in results[lang]["false_by_check"].items())
        print(f"false maj/crit on correct {lang} by check: {parts or 'none'}")
    if args.verbose:
        for lang in langs:
            print(f"\n[{lang}] false findings on correct pairs:")
            for item in results[lang]["false_examples"][:40]:
                print("   ", item)
            for kind, r in results[lang]["kinds"].items():
                for m in r["misses"]:
                    print(f"   missed {kind}: {m}")
    case_study(embedder)


if __name__ == "__main__":
    main()
