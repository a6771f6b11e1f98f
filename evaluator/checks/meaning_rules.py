"""Probe words, thresholds and small helpers of the meaning check (evaluator.checks.meaning).

Probes are English words. The encoder is multilingual, so a source word is compared with them
directly (zatrzymano→detained 0.71, getötet→killed 0.91, задержаны→detained 0.73): there is no
per-language list to keep. Thresholds live in one frozen `Calibration`, chosen on the dev split
of benchmarks/data/meaning/pl-en.jsonl by benchmarks/meaning.py.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

import numpy as np

from ..lang.wordcover import DocumentWords, PairWords, Token

# High-stakes concepts: a translation that moves a fact between them (or invents one) changes
# what happened to people. name -> (gloss shown to users, probe words)
CONCEPTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "death": ("killed / died", ("kill", "killed", "die", "died", "dead", "death", "deaths", "murder",
                                "murdered", "fatalities", "lethal")),
    "arrest": ("detained / arrested", ("arrest", "arrested", "detain", "detained", "jailed")),
    "injury": ("injured / wounded", ("injure", "injured", "injuries", "wounded", "wound", "hurt")),
}
# Antonym axes: name -> ((gloss, probes of one end), (gloss, probes of the other end))
AXES: dict[str, tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]] = {
    "amount": (("rise", ("increase", "rise", "grow", "raise", "higher", "growth")),
               ("fall", ("decrease", "fall", "decline", "lower", "reduce", "shrink"))),
    "trade": (("buy", ("buy", "bought", "purchase")), ("sell", ("sell", "sold", "sale"))),
    "open": (("open", ("open", "opened", "reopen")), ("close", ("close", "closed", "shut"))),
    "win": (("win", ("win", "won", "victory")), ("lose", ("lose", "lost", "defeat"))),
    "accept": (("accept", ("accept", "approve", "adopt", "agree")), ("reject", ("reject", "refuse", "veto", "oppose"))),
    "start": (("start", ("start", "begin", "launch")), ("end", ("end", "finish", "cancel"))),
    "allow": (("allow", ("allow", "permit", "legalise")), ("ban", ("ban", "forbid", "prohibit"))),
    "guilt": (("guilty", ("guilty", "convict", "convicted")), ("innocent", ("innocent", "acquit", "acquitted"))),
    "good": (("good", ("good", "praise", "success", "friendly", "safe", "calm", "easy", "profit", "stable",
                       "optimistic", "promising", "clean")),
             ("bad", ("bad", "criticise", "failure", "hostile", "dangerous", "tense", "difficult", "loss",
                      "unstable", "pessimistic", "disappointing", "dirty"))),
}


@dataclass(frozen=True)
class Calibration:
    concept_target: float = 0.85  # a target word belongs to a concept (English probes: near-exact)
    concept_source: float = 0.70  # a source word surely belongs to a concept (cross-lingual), for glosses
    concept_margin: float = 0.08  # a source word leans to another concept than its translation by this much
    concept_source_min: float = 0.60  # a source word may carry a concept (generous: it hides findings)
    axis_source: float = 0.10  # margin between an axis' two ends, source word
    axis_target: float = 0.15  # ...target word
    direction_min_cos: float = 0.50  # direction flips only between words matched at least this well
    direction_source_pole: float = 0.60  # ...where the source word is this close to its end of the axis
    direction_target_pole: float = 0.70  # ...and the target word to the other end
    direction_similarity: float = 0.90  # direction flips only in pairs below this sentence similarity
    cover_max: float = 0.45  # a source word is uncovered below this best cosine
    support_max: float = 0.45  # a target word is unsupported below this best cosine
    position_window: float = 0.30  # relative-position distance for pairing an uncovered and an unsupported word
    coverage_similarity: float = 0.75  # coverage findings only below this sentence similarity
    deletion_gain: float = 0.02  # ...and only if deleting the target word raises the similarity by this much
    group_similarity: float = 0.30  # sentences below this are not taken as translations of each other


DEFAULT = Calibration()


@lru_cache(maxsize=1)
def probe_words() -> tuple[str, ...]:
    words = {w for _, ws in CONCEPTS.values() for w in ws}
    for (_, a), (_, b) in AXES.values():
        words.update(a)
        words.update(b)
    return tuple(sorted(words))


@lru_cache(maxsize=1)
def _groups() -> tuple[dict[tuple[str, ...], int], np.ndarray, np.ndarray]:
    """Every word list a closeness is asked for (each concept, each axis end): its number, and
    the probe rows of all lists laid end to end with where each list starts."""
    lists = [words for _, words in CONCEPTS.values()]
    for (_, a), (_, b) in AXES.values():
        lists += [a, b]
    number: dict[tuple[str, ...], int] = {}
    for words in lists:
        number.setdefault(words, len(number))
    index = {w: k for k, w in enumerate(probe_words())}
    rows = [index[w] for words in number for w in words]
    starts = np.cumsum([0] + [len(words) for words in number][:-1])
    return number, np.array(rows, dtype=np.intp), starts


def _closeness_all(tok: Token, doc: DocumentWords) -> list[float]:
    """The token's closeness to every word list, by the list's number in _groups."""
    # Once per distinct token: one matrix product against every probe word, then the maximum over
    # each word list at once; every later question about the token is a look-up.
    best = doc.probe_cosines.get(tok.forms)
    if best is None:
        _, rows, starts = _groups()
        cos = (doc.vectors(tok.forms) @ doc.extra[: len(probe_words())].T).max(axis=0)
        best = doc.probe_cosines[tok.forms] = np.maximum.reduceat(cos[rows], starts).tolist()
    return best


@lru_cache(maxsize=1)
def _numbered() -> tuple[tuple[tuple[str, int], ...], tuple[tuple[str, int, int], ...]]:
    """(concept, its list's number) and (axis, its two ends' numbers): the look-ups above are
    asked millions of times in a long document, and hashing the word lists each time showed."""
    number = _groups()[0]
    return (tuple((c, number[words]) for c, (_, words) in CONCEPTS.items()),
            tuple((axis, number[a], number[b]) for axis, ((_, a), (_, b)) in AXES.items()))


def concept_of(tok: Token, doc: DocumentWords, threshold: float, name: str | None = None) -> str | None:
    """The high-stakes concept a word expresses (closest above `threshold`), or None."""
    best, best_score = None, threshold
    closeness = _closeness_all(tok, doc)
    for concept, k in _numbered()[0]:
        if name is not None and concept != name:
            continue
        score = closeness[k]
        if score >= best_score:
            best, best_score = concept, score
    return best


def concept_lean(tok: Token, doc: DocumentWords, against: str | None = None) -> tuple[str | None, float]:
    """The concept a word is closest to, and by how much it is closer to it than to `against`
    (or than to the runner-up concept when `against` is None)."""
    closeness = _closeness_all(tok, doc)
    scores = {c: closeness[k] for c, k in _numbered()[0]}
    ranked = sorted(scores, key=lambda c: -scores[c])
    best = ranked[0]
    other = against if against is not None and against != best else ranked[1]
    return best, scores[best] - scores[other]


def axis_scores(s: Token, t: Token, doc: DocumentWords) -> Iterator[tuple[str, float, float, float, float]]:
    """(axis, source lean, target lean, source closeness, target closeness) per axis; a lean > 0
    points to the axis' first end, a closeness is to the end the word leans to."""
    sc, tc = _closeness_all(s, doc), _closeness_all(t, doc)
    for axis, a, b in _numbered()[1]:
        sa, sb, ta, tb = sc[a], sc[b], tc[a], tc[b]
        yield axis, sa - sb, ta - tb, max(sa, sb), max(ta, tb)


def negation_groups(pw: PairWords, min_similarity: float) -> list[tuple[list[int], list[int]]]:
    """Groups of source and target sentences that translate each other, from sentence vectors.

    Each sentence is linked to its most similar sentence on the other side (if similar enough);
    connected sentences form a group, so a merged or split sentence is compared as a whole.
    """
    ns, nt = len(pw.src_sentences), len(pw.tgt_sentences)
    if ns == 0 or nt == 0:
        return []
    sim = pw.src_sent_vecs @ pw.tgt_sent_vecs.T
    parent = list(range(ns + nt))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def link(a: int, b: int) -> None:
        parent[find(a)] = find(b)

    for i in range(ns):
        j = int(np.argmax(sim[i]))
        if sim[i, j] >= min_similarity:
            link(i, ns + j)
    for j in range(nt):
        i = int(np.argmax(sim[:, j]))
        if sim[i, j] >= min_similarity:
            link(i, ns + j)
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for i in range(ns):
        groups.setdefault(find(i), ([], []))[0].append(i)
    for j in range(nt):
        groups.setdefault(find(ns + j), ([], []))[1].append(j)
    return [g for g in groups.values() if g[0] and g[1]]
