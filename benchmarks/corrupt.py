"""Seeded corruptions of one correct English translation, the way MT gets a sentence wrong.

Each function takes the correct English text (and, where needed, the source text or a pool of
other texts) and a `random.Random`, and returns the corrupted text or None when the text offers
no place for that corruption (no number to change, no auxiliary to negate...). Reusable by any
benchmark or test; benchmarks/fidelity.py drives them over benchmarks/data/parallel.

(benchmarks/perturb.py holds the paragraph-level damage of the alignment benchmark.)
"""
from __future__ import annotations

import random
import re
from typing import Callable

_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_AUX = re.compile(r"\b(is|are|was|were|will|would|has|have|had|can|could|should|must|did|does|do|may|might)\b")
_NEGATED = re.compile(r"\b(is|are|was|were|will|would|has|have|had|could|should|must|did|does|do|may|might)"
                      r" not\b|\bcannot\b|\b(\w+)n['’]t\b")
_CONTRACTIONS = {"won't": "will", "can't": "can", "don't": "do", "doesn't": "does", "didn't": "did",
                 "isn't": "is", "aren't": "are", "wasn't": "was", "weren't": "were", "hasn't": "has",
                 "haven't": "have", "hadn't": "had", "wouldn't": "would", "couldn't": "could",
                 "shouldn't": "should", "mustn't": "must"}
_CLAUSE = re.compile(r",\s[^,.;:!?]+?(?=[,.;:!?])")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s+[A-Z“\"‘(]|\s*$)")
_NAME = re.compile(r"(?<=[a-z,;:] )(?:[A-Z][a-z]+(?:[- ][A-Z][a-z]+)*)")

# Clauses an MT system might invent: plausible in news, no numbers, no negation, no names.
ADDED_CLAUSES = (
    "which local officials described as a turning point for the whole region",
    "according to residents who spoke to reporters at the scene",
    "a decision that drew sharp criticism from opposition politicians",
    "although critics warned that the plan would mainly benefit large companies",
    "as several newspapers reported earlier in the week",
    "which many experts consider deeply controversial",
    "after weeks of tense negotiations behind closed doors",
    "a move welcomed by business groups and trade unions alike",
    "while protesters gathered outside the building and chanted slogans",
    "despite strong objections from environmental campaigners",
)


def change_number(text: str, rng: random.Random) -> str | None:
    """Change one digit of one number: 12 -> 17, 2022 -> 2027, 4.5 -> 4.8."""
    numbers = list(_NUMBER.finditer(text))
    if not numbers:
        return None
    m = rng.choice(numbers)
    digits = [k for k, c in enumerate(m.group()) if c.isdigit()]
    k = digits[-1] if len(digits) < 4 else rng.choice(digits[1:])
    old = m.group()[k]
    new = rng.choice([d for d in "123456789" if d != old])
    changed = m.group()[:k] + new + m.group()[k + 1 :]
    return text[: m.start()] + changed + text[m.end() :]


def flip_negation(text: str, rng: random.Random) -> str | None:
    """Remove a negation when the text has one, else negate an auxiliary verb."""
    negated = list(_NEGATED.finditer(text))
    if negated:
        m = rng.choice(negated)
        word = m.group()
        if word == "cannot":
            repl = "can"
        elif word.endswith(" not"):
            repl = word[: -len(" not")]
        else:
            repl = _CONTRACTIONS.get(word.lower().replace("’", "'"))
            if repl is None:
                return None
        return text[: m.start()] + repl + text[m.end() :]
    aux = list(_AUX.finditer(text))
    if not aux:
        return None
    m = rng.choice(aux)
    repl = "cannot" if m.group() == "can" else f"{m.group()} not"
    return text[: m.start()] + repl + text[m.end() :]


def drop_clause(text: str, rng: random.Random) -> str | None:
    """Drop a comma-delimited clause of at least five words, else the last sentence of several."""
    clauses = [m for m in _CLAUSE.finditer(text) if len(m.group().split()) >= 6]
    if clauses:
        m = rng.choice(clauses)
        return text[: m.start()] + text[m.end() :]
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() < len(text.rstrip())]
    if ends:
        return text[: ends[-1]].rstrip()
    return None


def add_clause(text: str, rng: random.Random) -> str | None:
    """Insert an invented clause before the end of one sentence."""
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    if not ends:
        return None
    at = rng.choice(ends)
    return f"{text[:at]}, {rng.choice(ADDED_CLAUSES)}{text[at:]}"


def leave_source(text: str, source: str, rng: random.Random) -> str | None:
    """Replace the last clause of one target sentence with a clause of the source, untranslated."""
    src_clauses = [c.strip() for c in re.split(r"[,;:.!?–—]", source) if len(c.split()) >= 3]
    tgt_clauses = list(_CLAUSE.finditer(text))
    if not src_clauses:
        return None
    fragment = rng.choice(src_clauses)
    fragment = " ".join(fragment.split()[:8])
    if tgt_clauses:
        m = rng.choice(tgt_clauses)
        return f"{text[:m.start()]}, {fragment}{text[m.end():]}"
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    at = ends[0] if ends else len(text)
    return f"{text[:at]}, {fragment}{text[at:]}"


def swap_entity(text: str, others: list[str], rng: random.Random) -> str | None:
    """Replace one name (a capitalised word run inside a sentence) with a name from other texts."""
    names = [m for m in _NAME.finditer(text) if len(m.group()) >= 4]
    if not names:
        return None
    m = rng.choice(names)
    pool = sorted({n.group() for o in others for n in _NAME.finditer(o)
                   if len(n.group()) >= 4 and n.group() not in text and len(n.group().split()) == len(m.group().split())})
    if not pool:
        return None
    return text[: m.start()] + rng.choice(pool) + text[m.end() :]


KINDS: dict[str, Callable[..., str | None]] = {
    "numbers": change_number, "negation": flip_negation, "clause dropped": drop_clause,
    "clause added": add_clause, "untranslated": leave_source, "entity swap": swap_entity,
}
