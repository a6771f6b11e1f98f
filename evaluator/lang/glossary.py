"""Glossary term lookup: a source term in any inflection, a required English term in the target.

The source side compares lemma sets word by word ("Organizacji Układu" matches the glossary
entry "Organizacja Układu"); the target side accepts the term with an English plural or
possessive ending and is case-insensitive.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon, polish
from .entities_en import TOKEN

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@lru_cache(maxsize=100_000)
def _lemma_set(word: str, lang: str) -> frozenset[str]:
    lang = lang[:2]
    if lang == "pl":
        return polish.lemmas(word)
    from .entities_generic import bases

    out = {word.lower(), lexicon.lemma(word, lang).lower(), lexicon.lemma(word.lower(), lang).lower()}
    out.update(b.lower() for b in bases(word, lang))
    return frozenset(out)


def find_source_term(text: str, term: str, lang: str) -> tuple[int, int] | None:
    """Span of the first occurrence of `term` (any inflection) in `text`, or None."""
    if _CJK.search(term):
        i = text.find(term)
        return (i, i + len(term)) if i >= 0 else None
    words = [m.group() for m in TOKEN.finditer(term)]
    if not words:
        return None
    want = [_lemma_set(w, lang) for w in words]
    toks = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    n = len(words)
    for i in range(len(toks) - n + 1):
        if all(_lemma_set(toks[i + k][0], lang) & want[k] for k in range(n)):
            return (toks[i][1], toks[i + n - 1][2])
    return None


def _target_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in term.split()]
    body = r"[\s-]+".join(words)
    return re.compile(r"(?<!\w)" + body + r"(?:s|es|['’]s|['’])?(?!\w)", re.IGNORECASE)


def find_target_term(text: str, term: str) -> bool:
    return bool(_target_pattern(term).search(text))


_STOP = frozenset("the a an of to in on at for and or by with from that this is was were has have had will would"
                  " be been its their his her it as into than".split())
_WORD = re.compile(r"[\w'’-]+")


def _ngrams(text: str, longest: int = 5) -> list[tuple[int, int]]:
    toks = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    out: list[tuple[int, int]] = []
    for i in range(len(toks)):
        for j in range(i + 1, min(len(toks), i + longest) + 1):
            s, e = toks[i][0], toks[j - 1][1]
            first, last = text[toks[i][0]:toks[i][1]], text[toks[j - 1][0]:toks[j - 1][1]]
            if first.lower() in _STOP or last.lower() in _STOP or re.search(r"[,.;:!?()]", text[s:e]):
                continue
            out.append((s, e))
    return out


def _widen_to_capitals(text: str, start: int, end: int) -> tuple[int, int]:
    """Extend a span over neighbouring capitalised words ("Election Commission" -> "State Election
    Commission"), since the wrong term is usually a whole name."""
    if not text[start:start + 1].isupper():
        return start, end
    toks = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    idx = [i for i, (s, e) in enumerate(toks) if s >= start and e <= end]
    if not idx:
        return start, end
    i, j = idx[0], idx[-1]
    while i > 0 and text[toks[i - 1][0]].isupper() and text[toks[i - 1][1]:toks[i][0]] == " " \
            and text[toks[i - 1][0]:toks[i - 1][1]].lower() not in _STOP:
        i -= 1
    while j + 1 < len(toks) and text[toks[j + 1][0]].isupper() and text[toks[j][1]:toks[j + 1][0]] == " ":
        j += 1
    return toks[i][0], toks[j][1]


def locate_wrong_term(text: str, source_term: str, term: str, embedder: object | None = None,
                      source_pos: float | None = None) -> tuple[int, int] | None:
    """Where the target most likely put something else instead of `term`.

    With an embedder (the multilingual sentence encoder), the target phrase closest in meaning
    to the source term and the required term ("district" for powiat / county); without one,
    a fuzzy match of the required term, then the capitalised phrase nearest to where the
    source term stands.
    """
    from rapidfuzz import fuzz

    if not text or not term:
        return None
    spans = _ngrams(text)
    if embedder is not None and spans:
        vecs = embedder.encode([source_term, term] + [text[s:e] for s, e in spans])  # type: ignore[attr-defined]
        scores = vecs[2:] @ vecs[0] + vecs[2:] @ vecs[1]
        s, e = spans[int(scores.argmax())]
        return _widen_to_capitals(text, s, e)
    res = fuzz.partial_ratio_alignment(term.lower(), text.lower())
    if res is not None and res.score >= 60:
        start, end = res.dest_start, res.dest_end
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        if text[start:start + 1].isupper():  # "Constitutional Court was" -> "Constitutional Court"
            words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
            last = start
            for i, (s_, e_) in enumerate(words):
                w = text[s_:e_]
                nxt_cap = i + 1 < len(words) and text[words[i + 1][0]].isupper()
                if w[:1].isupper() or (w.lower() in ("of", "the", "for", "and") and nxt_cap):
                    last = e_
                else:
                    break
            end = last
        return _widen_to_capitals(text, start, end)
    capitals = [(s, e) for s, e in spans if text[s:s + 1].isupper() and s > 0]
    if capitals and source_pos is not None:
        s, e = min(capitals, key=lambda se: abs(se[0] / len(text) - source_pos))
        return _widen_to_capitals(text, s, e)
    return None
