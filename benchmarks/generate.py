"""Seeded generator of document pairs of any size, for the speed benchmark.

    python benchmarks/generate.py 10000 OUT_DIR [--src pl] [--seed 7]

Builds news-length segments (one sentence, about 20 words a side) from the parallel paragraphs
in benchmarks/data/parallel/*.jsonl: every paragraph is split into sentences in each language,
and paragraphs whose languages split into the same number of sentences give sentence pairs.
A segment is one such pair, varied with a seeded RNG so that every source text is distinct
(a benchmark of repeated texts would only measure the embedding cache):

- every digit run is redrawn with the same number of digits, identically in every language
  (only where the languages carry the same digit runs in the same order, so the pair stays a
  faithful translation: "27,8 mld zł" / "27.8 billion zlotys" become "41,3" / "41.3");
- a news dateline ("3 March 2021 – ", "3 marca 2021 – ") is put in front of some segments,
  and of every segment that has no number to redraw.

The machine translation (target) is the English side with MT-like damage on a share of the
segments (a dropped word, a repeated word, two words swapped, a changed number, the second
half left out, the source copied untranslated), so the checks find what they would in a real
delivery; the reference is the undamaged English.

Files written to OUT_DIR (line mode for `evaluator score --aligned`, paragraph mode with blank
lines between paragraphs, where the target also loses and gains a few paragraphs):
    source.<src>.txt  target.en.txt  reference.en.txt           (one segment per line)
    source.<src>.para.txt  target.en.para.txt  reference.en.para.txt
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from evaluator.lang.sentences import split_sentences  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "parallel"
SOURCES = ("pl", "de", "ru")
SEED = 20240601
DAMAGE_RATE = 0.3  # share of segments whose MT carries one error
_DIGITS = re.compile(r"\d+")

MONTHS = {
    "en": "January February March April May June July August September October November December".split(),
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "ru": "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(),
}
DATELINE = {"en": "{d} {m} {y} – ", "pl": "{d} {m} {y} – ", "de": "{d}. {m} {y} – ", "ru": "{d} {m} {y} – "}
BOILERPLATE = ("Advertisement", "Share this article on Facebook", "Read more: Warsaw news",
               "We use cookies to improve your experience.", "Photo: PAP")


@dataclass(frozen=True)
class Segment:
    source: str
    target: str
    reference: str


def sentence_pairs(src: str, data: Path = DATA) -> list[dict[str, str]]:
    """Sentence pairs {src: ..., "en": ...} from every paragraph that splits alike in both languages."""
    pairs = []
    for path in sorted(data.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if not row.get(src) or not row.get("en"):
                continue
            sents = {lang: [row[lang][s.start:s.end] for s in split_sentences(row[lang], lang)]
                     for lang in (src, "en")}
            if len(sents[src]) == len(sents["en"]):
                pairs.extend({src: a, "en": b} for a, b in zip(sents[src], sents["en"]))
    if not pairs:
        raise SystemExit(f"no {src}-en sentence pairs in {data}")
    return pairs


def _redraw_numbers(pair: dict[str, str], rng: random.Random) -> dict[str, str] | None:
    """The pair with every digit run redrawn alike on both sides, or None if the sides' runs differ."""
    runs = {lang: _DIGITS.findall(text) for lang, text in pair.items()}
    first = next(iter(runs.values()))
    if not first or any(r != first for r in runs.values()):
        return None
    new = {}
    for run in dict.fromkeys(first):
        lead = str(rng.randint(1, 9)) if len(run) > 1 else str(rng.randint(0, 9))
        new[run] = lead + "".join(str(rng.randint(0, 9)) for _ in range(len(run) - 1))
    return {lang: _DIGITS.sub(lambda m: new[m.group()], text) for lang, text in pair.items()}


def _dateline(pair: dict[str, str], rng: random.Random) -> dict[str, str]:
    d, m, y = rng.randint(1, 28), rng.randrange(12), rng.randint(1990, 2035)
    return {lang: DATELINE[lang].format(d=d, m=MONTHS[lang][m], y=y) + text for lang, text in pair.items()}


def damage(english: str, source: str, rng: random.Random) -> str:
    """One MT-like error in the English, chosen at random."""
    words = english.split()
    kind = rng.choice(("drop", "repeat", "swap", "number", "truncate", "untranslated"))
    if kind == "untranslated" and rng.random() < 0.3:
        return source
    if len(words) < 4:
        return english
    i = rng.randrange(1, len(words) - 2)
    if kind == "drop":
        del words[i]
    elif kind == "repeat":
        words.insert(i, words[i])
    elif kind == "swap":
        words[i], words[i + 1] = words[i + 1], words[i]
    elif kind == "number" and _DIGITS.search(english):
        return _DIGITS.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), english, count=1)
    elif kind == "truncate":
        words = words[: max(3, len(words) // 2)]
        words[-1] = words[-1].rstrip(",;:") + "."
    return " ".join(words)


def generate(n: int, src: str = "pl", seed: int = SEED, data: Path = DATA) -> list[Segment]:
    """`n` segments with distinct source texts (as far as the corpus allows), the same for the same seed."""
    rng = random.Random(seed)
    base = sentence_pairs(src, data)
    seen: set[str] = set()
    out: list[Segment] = []
    while len(out) < n:
        for _attempt in range(50):
            pair = rng.choice(base)
            varied = _redraw_numbers(pair, rng)
            if varied is None or rng.random() < 0.5:
                varied = _dateline(varied or pair, rng)
            if varied[src] not in seen:
                break
        seen.add(varied[src])
        ref = varied["en"]
        tgt = damage(ref, varied[src], rng) if rng.random() < DAMAGE_RATE else ref
        out.append(Segment(source=varied[src], target=tgt, reference=ref))
    return out


def paragraph_target(segments: list[Segment], rng: random.Random) -> list[str]:
    """The MT as paragraphs: about 1% of paragraphs dropped and 1% of boilerplate lines added."""
    out = []
    for seg in segments:
        r = rng.random()
        if r < 0.01:
            continue
        out.append(seg.target)
        if r > 0.99:
            out.append(rng.choice(BOILERPLATE))
    return out


def write(segments: list[Segment], out: Path, src: str = "pl", seed: int = SEED) -> dict[str, Path]:
    """Write the line-mode and paragraph-mode files; returns their paths by role."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "source": out / f"source.{src}.txt", "target": out / "target.en.txt", "reference": out / "reference.en.txt",
        "source_para": out / f"source.{src}.para.txt", "target_para": out / "target.en.para.txt",
        "reference_para": out / "reference.en.para.txt",
    }
    columns = {"source": [s.source for s in segments], "target": [s.target for s in segments],
               "reference": [s.reference for s in segments]}
    for role, lines in columns.items():
        paths[role].write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
    paras = dict(columns, target=paragraph_target(segments, random.Random(seed + 1)))
    for role, lines in paras.items():
        paths[f"{role}_para"].write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("segments", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--src", default="pl", choices=SOURCES)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    segments = generate(args.segments, args.src, args.seed)
    paths = write(segments, args.out, args.src, args.seed)
    distinct = len({s.source for s in segments})
    words = sum(len(s.source.split()) + len(s.target.split()) for s in segments) / max(1, 2 * len(segments))
    print(f"{len(segments)} segments ({distinct} distinct sources, {words:.1f} words a side) -> {paths['source'].parent}")


if __name__ == "__main__":
    main()
