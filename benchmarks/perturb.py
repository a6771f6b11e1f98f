"""Test documents for the alignment benchmark: parallel paragraphs, with seeded damage to the target.

A document is a list of gold links (source paragraph ids, target paragraph texts); the target
document is the concatenation of the links' texts. Each perturbation rewrites links the way a
scraper or an MT system damages a delivery, and keeps the gold pairing up to date.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from evaluator.lang.sentences import split_sentences

DATA = Path(__file__).resolve().parent / "data" / "parallel"
KINDS = ("drop", "boilerplate", "unrelated", "split", "merge", "duplicate", "swap")

# Site furniture in several wordings; "{headline}" becomes a headline from another topic.
BOILERPLATE = (
    "See also: {headline}", "Read more: {headline}", "Related: {headline}", "ALSO READ: {headline}",
    "Subscribe to our newsletter and get the day's top stories in your inbox.",
    "Sign up for our free newsletter", "Share this article on Facebook", "Follow us on Twitter",
    "Leave a Reply", "Your email address will not be published. Required fields are marked *",
    "We use cookies to improve your experience. By continuing you accept our cookie policy.",
    "Advertisement", "The rest of the article is available below the video.",
    "Click here to download our app", "Previous article", "Comments (12)", "Photo: Reuters",
    "© 2024 All rights reserved.", "Log in to comment",
)


@dataclass
class Link:
    source: tuple[int, ...]
    target: list[str]


def load_corpus(languages: tuple[str, ...]) -> dict[str, list[dict[str, str]]]:
    """Topic file name → rows that have every requested language (files may still be partial)."""
    corpus = {}
    for path in sorted(DATA.glob("*.jsonl")):
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line still being written
            if all(isinstance(row.get(lang), str) and row[lang].strip() for lang in languages):
                rows.append(row)
        if rows:
            corpus[path.stem] = rows
    return corpus


def gold_pairs(links: list[Link]) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    pairs, j = set(), 0
    for link in links:
        tgt = tuple(range(j, j + len(link.target)))
        j += len(link.target)
        if link.source and not tgt:
            pairs.update(((i,), ()) for i in link.source)
        elif tgt and not link.source:
            pairs.update(((), (t,)) for t in tgt)
        else:
            pairs.add((link.source, tgt))
    return pairs


def target_texts(links: list[Link]) -> list[str]:
    return [t for link in links for t in link.target]


def perturb(links: list[Link], kind: str, rng: random.Random, other_texts: list[str], count: int = 2) -> list[Link]:
    """Apply `count` perturbations of one kind at random places; `other_texts` are target-language
    paragraphs from other topics (for unrelated insertions and boilerplate headlines)."""
    links = [Link(link.source, list(link.target)) for link in links]
    for _ in range(count):
        plain = [k for k, link in enumerate(links) if len(link.source) == 1 and len(link.target) == 1]
        if kind == "drop":
            k = rng.choice(plain)
            links[k].target = []
        elif kind == "boilerplate":
            text = rng.choice(BOILERPLATE).format(headline=_first_sentence(rng.choice(other_texts)))
            links.insert(rng.randrange(len(links) + 1), Link((), [text]))
        elif kind == "unrelated":
            links.insert(rng.randrange(len(links) + 1), Link((), [rng.choice(other_texts)]))
        elif kind == "split":
            splittable = [k for k in plain if len(_sentence_ends(links[k].target[0])) >= 1]
            k = rng.choice(splittable)
            text = links[k].target[0]
            ends = _sentence_ends(text)
            cut = ends[len(ends) // 2]
            links[k].target = [text[:cut].strip(), text[cut:].strip()]
        elif kind == "merge":
            k = rng.choice([k for k in plain if k + 1 < len(links) and k + 1 in plain])
            a, b = links[k], links[k + 1]
            links[k : k + 2] = [Link(a.source + b.source, [a.target[0] + " " + b.target[0]])]
        elif kind == "duplicate":
            k = rng.choice(plain)
            far = [p for p in range(len(links) + 1) if p <= k - 2 or p >= k + 3]
            links.insert(rng.choice(far), Link((), [links[k].target[0]]))
        elif kind == "swap":
            k = rng.choice([k for k in plain if k + 1 < len(links) and k + 1 in plain])
            a, b = links[k], links[k + 1]
            links[k : k + 2] = [Link(a.source + b.source, [b.target[0], a.target[0]])]
        else:
            raise ValueError(f"unknown perturbation {kind!r}")
    return links


def _sentence_ends(text: str) -> list[int]:
    """Offsets where a sentence of the English `text` ends, except its last."""
    return [span.end for span in split_sentences(text, "en")[:-1]]


def _first_sentence(text: str) -> str:
    ends = _sentence_ends(text)
    return (text[: ends[0]] if ends else text).strip().rstrip(".")
