"""Benchmark of the entity check on the labelled cases in tests/data/entities/*.jsonl.

    python -m benchmarks.entities            # recall per kind and language, false findings, speed
    python -m benchmarks.entities --speed 10000

Two labelled sets are scored apart: the original files (pl, de, cs, ru, zh), on which the check
was tuned, and the extra files (pl-extra, de-extra, ru-extra), written later to re-check it on
text it was not tuned on (units, currencies, districts, mountain ranges, German nouns that are
also surnames, romanisation variants). A file "xx-extra.jsonl" holds source language xx.

An expected finding is found when the check reports a finding of that category whose target
span overlaps the expected target substring (or, when the expected target is null, whose source
span overlaps the expected source substring), in the pair that holds the substring. Any finding
on a case with "expect": [] is a false finding. `score_cases` is shared with
tests/test_entities.py.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from evaluator.checks.base import Context, Options
from evaluator.checks.entities import EntityCheck
from evaluator.types import AlignedPair, Finding, Span

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "entities"
LANGS = ("pl", "de", "cs", "ru", "zh")
EXTRA = ("pl-extra", "de-extra", "ru-extra")
SETS = {"original": LANGS, "extra": EXTRA}
KINDS = ("entity.substituted", "entity.misspelled", "entity.missing", "entity.added",
         "entity.inconsistent", "terminology")
TARGETS = {"entity.substituted": 0.95}  # every other kind: 0.9
MAX_FALSE_RATE = 0.03


def source_lang(name: str) -> str:
    """Source language of a labelled file: "pl-extra" holds Polish sources."""
    return name.split("-", 1)[0]


def load_cases(lang: str, data: Path = DATA) -> list[dict[str, Any]]:
    path = data / f"{lang}.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def case_pairs(case: dict[str, Any]) -> tuple[AlignedPair, ...]:
    raw = case.get("pairs") or [{"source": case["source"], "target": case["target"]}]
    return tuple(AlignedPair(i, (i,), (i,), p["source"], p["target"], 1.0) for i, p in enumerate(raw))


def run_case(case: dict[str, Any], lang: str, check: EntityCheck | None = None,
             embedder: Any = None) -> list[Finding]:
    pairs = case_pairs(case)
    glossary = tuple((s, t) for s, t in case.get("glossary") or ())
    ctx = Context(pairs, lang, "en", tuple(None for _ in pairs), Options(glossary=glossary), embedder)
    return list((check or EntityCheck()).run(ctx))


def _overlaps(span: Span | None, text: str, sub: str) -> bool:
    if span is None:
        return False
    start = text.find(sub)
    while start >= 0:
        if span.start < start + len(sub) and start < span.end:
            return True
        start = text.find(sub, start + 1)
    return False


def is_found(exp: dict[str, Any], findings: Iterable[Finding], pairs: tuple[AlignedPair, ...]) -> bool:
    side = "target" if exp.get("target") is not None else "source"
    sub = exp[side]
    for f in findings:
        if f.category != exp["category"]:
            continue
        pair = pairs[f.segment]
        if "pair" in exp and f.segment != exp["pair"]:
            continue
        text = pair.target if side == "target" else pair.source
        span = f.target_span if side == "target" else f.source_span
        if _overlaps(span, text, sub):
            return True
    return False


@dataclass
class Score:
    expected: dict[tuple[str, str], int] = field(default_factory=dict)  # (lang, kind) -> count
    found: dict[tuple[str, str], int] = field(default_factory=dict)
    correct_cases: dict[str, int] = field(default_factory=dict)  # lang -> cases with expect []
    false_cases: dict[str, int] = field(default_factory=dict)  # lang -> such cases with findings
    misses: list[str] = field(default_factory=list)
    false_findings: list[str] = field(default_factory=list)
    pairs: int = 0
    seconds: float = 0.0

    def recall(self, kind: str, lang: str | None = None) -> float | None:
        keys = [k for k in self.expected if k[1] == kind and (lang is None or k[0] == lang)]
        total = sum(self.expected[k] for k in keys)
        return None if total == 0 else sum(self.found.get(k, 0) for k in keys) / total

    def false_rate(self, lang: str | None = None) -> float:
        langs = [lang] if lang else list(self.correct_cases)
        total = sum(self.correct_cases.get(x, 0) for x in langs)
        return 0.0 if total == 0 else sum(self.false_cases.get(x, 0) for x in langs) / total


def score_cases(langs: Iterable[str] = LANGS, data: Path = DATA, embedder: Any = None) -> Score:
    score = Score()
    check = EntityCheck()
    for lang in langs:
        for case in load_cases(lang, data):
            pairs = case_pairs(case)
            t0 = time.perf_counter()
            findings = run_case(case, source_lang(lang), check, embedder)
            score.seconds += time.perf_counter() - t0
            score.pairs += len(pairs)
            if not case["expect"]:
                score.correct_cases[lang] = score.correct_cases.get(lang, 0) + 1
                if findings:
                    score.false_cases[lang] = score.false_cases.get(lang, 0) + 1
                    score.false_findings.extend(f"{case['id']}: {f.category} {f.message}" for f in findings)
                continue
            for exp in case["expect"]:
                key = (lang, exp["category"])
                score.expected[key] = score.expected.get(key, 0) + 1
                if is_found(exp, findings, pairs):
                    score.found[key] = score.found.get(key, 0) + 1
                else:
                    got = "; ".join(f"{f.category} {f.message}" for f in findings) or "nothing"
                    score.misses.append(f"{case['id']}: want {exp['category']} {exp.get('source')!r} -> "
                                        f"{exp.get('target')!r}; got {got}")
    return score


def speed(n_pairs: int = 10_000, lang: str = "pl") -> float:
    """Pairs per second on a document of `n_pairs` distinct pairs built from the labelled cases."""
    base = [p for case in load_cases(lang) for p in case_pairs(case)]
    pairs = tuple(
        AlignedPair(i, (i,), (i,), f"{p.source} (nr {i})", f"{p.target} (no. {i})", 1.0)
        for i, p in enumerate(base[j % len(base)] for j in range(n_pairs))
    )
    ctx = Context(pairs, lang, "en", tuple(None for _ in pairs))
    check = EntityCheck()
    list(check.run(Context(pairs[:5], lang, "en", (None,) * 5)))  # load gazetteers and lexicons first
    t0 = time.perf_counter()
    list(check.run(ctx))
    return n_pairs / (time.perf_counter() - t0)


def target_for(kind: str) -> float:
    return TARGETS.get(kind, 0.9)


def _print_table(score: Score, names: Iterable[str], verbose: bool) -> None:
    langs = [x for x in names if any(k[0] == x for k in score.expected) or x in score.correct_cases]
    print(f"{'kind':22}" + "".join(f"{x:>10}" for x in langs) + f"{'all':>8}{'target':>8}")
    for kind in KINDS:
        row = f"{kind:22}"
        for lang in langs:
            r = score.recall(kind, lang)
            row += f"{'-' if r is None else f'{r:.2f}':>10}"
        r = score.recall(kind)
        print(row + f"{'-' if r is None else f'{r:.2f}':>8}{target_for(kind):>8.2f}")
    row = f"{'false findings':22}" + "".join(f"{score.false_rate(x):>10.3f}" for x in langs)
    print(row + f"{score.false_rate():>8.3f}{MAX_FALSE_RATE:>8.2f}")
    correct = sum(score.correct_cases.values())
    false = sum(score.false_cases.values())
    print(f"labelled cases: {score.pairs} pairs in {score.seconds:.2f} s; "
          f"{false} of {correct} correct cases with a false finding")
    if verbose:
        for line in score.misses:
            print("MISS ", line)
        for line in score.false_findings:
            print("FALSE", line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--speed", type=int, default=10_000, help="pairs for the speed run (0: skip)")
    ap.add_argument("--verbose", action="store_true", help="list misses and false findings")
    ap.add_argument("--set", choices=tuple(SETS), help="score one labelled set only")
    ap.add_argument("--no-embedder", action="store_true",
                    help="score without the sentence encoder (terminology spans fall back to fuzzy matching)")
    args = ap.parse_args(argv)
    embedder = None
    if not args.no_embedder:
        from evaluator.embed import get_embedder

        embedder = get_embedder("usem")
    for set_name, names in SETS.items():
        if args.set and set_name != args.set:
            continue
        score = score_cases(names, embedder=embedder)
        print(f"\n## {set_name} labelled set")
        _print_table(score, names, args.verbose)
    if args.speed:
        print(f"speed: {speed(args.speed):.0f} pairs/s on {args.speed} Polish pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
