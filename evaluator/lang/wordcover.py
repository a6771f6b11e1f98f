"""Word-level coverage between a source text and its translation, from the sentence encoder alone.

The bundled multilingual encoder embeds single words well enough to act as a noisy bilingual
lexicon (zatrzymano→detained 0.71, →killed 0.49; funkcjonariuszy→officers 0.88). Each content
word is embedded as its surface form and its lemma(s) (morfeusz2 for Polish, simplemma for the
rest: "skutki"→"skutek" lifts skutki→consequences from 0.55 to 0.75) and two words score the
best cosine over their forms. Within an aligned pair, words are then matched one to one, greedily
by cosine with a small penalty for distance in relative position, so a word repeated in the
target ("killed" twice for one "zginęło") cannot lean on one source word twice.

Names (capitalised words that are not known common words) take part in matching, since they can
cover an adjective ("rosyjskie"→"Russian"), but are never reported: the entity check owns them.
Function words and numbers are skipped: other checks own numbers, negation is counted apart.

Everything a document needs (all word forms, all sentences, any extra probe words) is encoded
in one batched `embedder.encode` call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Sequence

import numpy as np

from ..facts import fact
from ..types import AlignedPair, Span
from . import lexicon
from .function_words import negation_count, negation_spans, number_sign, stopwords
from .polish import _Morfeusz
from .sentences import split_sentences

if TYPE_CHECKING:
    from ..embed.base import Embedder
    from ..facts import Facts

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?$")
_OPENERS = "\"'„“”«»‘’([–—-:; "
MATCH_MIN = 0.45  # below this two words are not taken as translations of each other
POSITION_PENALTY = 0.3  # per unit of relative-position distance, in cosine


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    sentence: int  # index into the side's sentence spans
    pos: float  # relative position in the pair text, 0..1
    forms: tuple[str, ...]  # what gets embedded: surface form and lemmas
    content: bool  # an ordinary content word that may be reported (not a name)


@dataclass
class PairWords:
    """Word coverage of one aligned pair."""

    source: list[Token]
    target: list[Token]
    src_sentences: list[Span]
    tgt_sentences: list[Span]
    cos: np.ndarray  # (len(source), len(target)) best cosine over forms
    src_match: list[int]  # matched target token per source token, -1 if none
    tgt_match: list[int]
    src_sent_vecs: np.ndarray
    tgt_sent_vecs: np.ndarray
    src_negation: list[tuple[int, int]]  # (hard, soft) per source sentence
    tgt_negation: list[tuple[int, int]]
    src_negation_tokens: list[Span]  # where the hard negations are
    tgt_negation_tokens: list[Span]

    def cover(self, i: int) -> float:
        """Best cosine of source token i with any target token."""
        return float(self.cos[i].max()) if self.cos.shape[1] else 0.0

    def support(self, j: int) -> float:
        return float(self.cos[:, j].max()) if self.cos.shape[0] else 0.0

    def sentence_similarity(self, s: int, t: int) -> float:
        return float(self.src_sent_vecs[s] @ self.tgt_sent_vecs[t])


@dataclass
class DocumentWords:
    pairs: dict[int, PairWords]  # by pair index; pairs with an empty side are absent
    extra: np.ndarray  # vectors of the extra probe texts, in order
    matrix: np.ndarray  # every embedded text's vector: word forms, sentences, probe texts
    rows: dict[str, int]  # text -> its row in `matrix`
    # Per token forms: the meaning rules' closeness to each of their word lists (filled on demand).
    probe_cosines: dict[tuple[str, ...], list[float]] = field(default_factory=dict)

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        return _take(self.matrix, self.rows, texts)


# -- tokens -------------------------------------------------------------------------------------




@lru_cache(maxsize=100_000)
def _polish(word: str) -> tuple[str, ...]:
    """Common-word lemmas of a Polish word (none for names and unknown words)."""
    lemmas: list[str] = []
    for _s, _e, (_form, lemma, tag, _classes, _q) in _Morfeusz.get().analyse(word):
        lemma = lemma.split(":", 1)[0]
        if tag.startswith("ign") or lemma[:1].isupper() or lemma in lemmas:
            continue
        lemmas.append(lemma)
    return tuple(lemmas[:2])


@lru_cache(maxsize=100_000)
def _forms(word: str, lang: str) -> tuple[tuple[str, ...], bool]:
    """(forms to embed, is a common word) for one token. Memoised: a word recurs across pairs."""
    low = word.lower()
    if lang == "pl":
        lemmas = _polish(word)
        return tuple(dict.fromkeys((low, *(x.lower() for x in lemmas)))), bool(lemmas)
    if lang == "de" and word[:1].isupper():  # German nouns keep their capital in the lexicon
        return tuple(dict.fromkeys((word, lexicon.lemma(word, lang)))), lexicon.is_known(word, lang)
    return tuple(dict.fromkeys((low, lexicon.lemma(low, lang).lower()))), lexicon.is_known(low, lang)


def tokens(text: str, lang: str, sentences: Sequence[Span]) -> list[Token]:
    """Content-word and name tokens of `text` (function words and numbers dropped)."""
    base = lang.split("-")[0].lower()
    skip = stopwords(base)
    out: list[Token] = []
    n = max(len(text), 1)
    sent = 0
    for m in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group()) if base == "en" else m.group()
        if len(word) < 2 or word.lower() in skip:
            continue
        while sent + 1 < len(sentences) and m.start() >= sentences[sent + 1].start:
            sent += 1
        initial = sentences and not text[sentences[sent].start : m.start()].strip(_OPENERS)
        forms, common = _forms(word, base)
        if word.isupper() and len(word) > 1:
            content = False  # an acronym
        elif word[:1].isupper():
            content = common and (initial or base == "de")
        else:
            content = True
        if not content:  # a name embeds better as written
            forms = tuple(dict.fromkeys((word, *forms)))
        out.append(Token(word, m.start(), m.start() + len(word), sent, (m.start() + m.end()) / 2 / n, forms, content))
    return out


def sentence_tokens(text: str, span: Span) -> list[str]:
    return [m.group().lower() for m in _TOKEN.finditer(text, span.start, span.end)
            if not number_sign(text, m.start(), m.end())]


# -- matching -----------------------------------------------------------------------------------


def _take(matrix: np.ndarray, rows: dict[str, int], texts: Sequence[str]) -> np.ndarray:
    # One gather by row index: stacking the rows one array at a time took longer than the
    # products they feed.
    return matrix.take([rows[t] for t in texts], axis=0)


def _pair_cosines(src: list[Token], tgt: list[Token], matrix: np.ndarray, rows: dict[str, int]) -> np.ndarray:
    if not src or not tgt:
        return np.zeros((len(src), len(tgt)), dtype=np.float32)
    full = (_take(matrix, rows, [f for t in src for f in t.forms])
            @ _take(matrix, rows, [f for t in tgt for f in t.forms]).T)
    by_src = np.maximum.reduceat(full, np.cumsum([0] + [len(t.forms) for t in src[:-1]]), axis=0)
    return np.maximum.reduceat(by_src, np.cumsum([0] + [len(t.forms) for t in tgt[:-1]]), axis=1)


def match_tokens(src: list[Token], tgt: list[Token], cos: np.ndarray) -> tuple[list[int], list[int]]:
    """One-to-one matching that maximises the total cosine above MATCH_MIN, with a penalty for
    distance in relative position. Optimal rather than greedy: a greedy pass lets a noisy strong
    pair (starciach→killed 0.70) push the true pairs (zatrzymano→killed, starciach→clash) apart."""
    src_match, tgt_match = [-1] * len(src), [-1] * len(tgt)
    if not src or not tgt:
        return src_match, tgt_match
    dist = np.abs(np.array([s.pos for s in src])[:, None] - np.array([t.pos for t in tgt])[None, :])
    gain = np.where(cos >= MATCH_MIN, cos - POSITION_PENALTY * dist - MATCH_MIN + 1.0, 0.0)
    rows, cols = _assign(-gain) if len(src) <= len(tgt) else _assign(-gain.T)[::-1]
    for i, j in zip(rows, cols):
        if cos[i, j] >= MATCH_MIN:
            src_match[i], tgt_match[j] = j, i
    return src_match, tgt_match


def _assign(cost: np.ndarray) -> tuple[list[int], list[int]]:
    """Minimum-cost assignment of every row to a distinct column (rows <= columns): scipy's
    compiled Jonker-Volgenant solver. Our own vectorised Kuhn-Munkres took a seventh of the
    meaning and clause checks' time; on the 10,000-pair speed benchmark the two chose different
    matchings for 21 pairs and the reports were byte-identical."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(cost)
    return rows.tolist(), cols.tolist()


# -- the document -------------------------------------------------------------------------------


def analyse_document(pairs: Sequence[AlignedPair], source_lang: str, target_lang: str,
                     embedder: "Embedder", extra: Sequence[str] = (), facts: "Facts | None" = None) -> DocumentWords:
    """Tokens, sentence vectors and one-to-one word matches for every aligned pair. `facts` may
    hold each pair's `sentences` (see sentence_facts), computed elsewhere (the offload worker)."""
    return _analyse(tuple(pairs), source_lang, target_lang, embedder, tuple(extra), facts)


def sentence_facts(source: str, target: str, source_lang: str, target_lang: str) -> tuple:
    """Each side's sentences, (hard, soft) negation counts per sentence, and where the hard
    negations are. Text alone decides them, so the offload worker computes them beside its checks."""
    ss, ts = split_sentences(source, source_lang), split_sentences(target, target_lang)
    return (ss, ts, [negation_count(sentence_tokens(source, s), source_lang) for s in ss],
            [negation_count(sentence_tokens(target, s), target_lang) for s in ts],
            negation_spans(source, source_lang), negation_spans(target, target_lang))


# The meaning and clause checks read the same analysis of a document (or of a slice of its pairs,
# see Check.pair_local); one is kept, since an analysis holds vectors for every word and sentence.
@lru_cache(maxsize=1)
def _analyse(pairs: tuple[AlignedPair, ...], source_lang: str, target_lang: str,
             embedder: "Embedder", extra: tuple[str, ...], facts: "Facts | None") -> DocumentWords:
    prepared = []
    texts: dict[str, None] = dict.fromkeys(extra)
    for pair in pairs:
        if not (pair.source.strip() and pair.target.strip()):
            continue
        ss, ts, *negated = fact(facts, "sentences", pair, source_lang, target_lang)
        st, tt = tokens(pair.source, source_lang, ss), tokens(pair.target, target_lang, ts)
        prepared.append((pair, ss, ts, st, tt, negated))
        for tok in st + tt:
            texts.update(dict.fromkeys(tok.forms))
        texts.update(dict.fromkeys(pair.source[s.start : s.end] for s in ss))
        texts.update(dict.fromkeys(pair.target[s.start : s.end] for s in ts))
    order = list(texts)
    matrix = embedder.encode(order) if order else np.zeros((0, 512), dtype=np.float32)
    rows = {text: k for k, text in enumerate(order)}
    out: dict[int, PairWords] = {}
    for pair, ss, ts, st, tt, negated in prepared:
        cos = _pair_cosines(st, tt, matrix, rows)
        sm, tm = match_tokens(st, tt, cos)
        out[pair.index] = PairWords(
            source=st, target=tt, src_sentences=ss, tgt_sentences=ts, cos=cos, src_match=sm, tgt_match=tm,
            src_sent_vecs=_take(matrix, rows, [pair.source[s.start : s.end] for s in ss]),
            tgt_sent_vecs=_take(matrix, rows, [pair.target[s.start : s.end] for s in ts]),
            src_negation=negated[0], tgt_negation=negated[1],
            src_negation_tokens=negated[2], tgt_negation_tokens=negated[3],
        )
    ex = _take(matrix, rows, extra) if extra else np.zeros((0, matrix.shape[1]), dtype=np.float32)
    return DocumentWords(pairs=out, extra=ex, matrix=matrix, rows=rows)
