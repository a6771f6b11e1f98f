"""Named entities in source text, for checking them against a translation.

`extract_source(text, lang)` returns `SourceEntity` objects: a span, its name parts (a person's
given name and surname are checked one by one, since a translation may drop a given name), the
nominative forms of each part and any gazetteer ids. An entity is *strict* when a changed or
missing rendering is an error (a person, a place, a known organisation) and *soft* when the
translation may legitimately rephrase it (an unknown acronym, a name made of common words such
as "Organizacja Układu...", an adjective such as "kazachski"): soft entities only explain
target names, they are never reported.

Polish goes through morfeusz2 (entities_pl.py); other languages through entities_generic.py and
entities_cjk.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer, polish
from .entities_en import TOKEN
from .sentences import split_sentences


@dataclass(frozen=True)
class SourcePart:
    text: str
    start: int
    end: int
    bases: tuple[str, ...]  # nominative candidates
    strict: bool
    native: bool = False  # the source dictionary knows it as a name (Duda, Kraków, Siergiej)
    lemma: str = ""  # the likeliest nominative
    inflected: bool = False  # `text` carries a case ending (Tokajewa, Scholzem)
    place_ok: bool = True  # may be a city (False when the dictionary knows it as a person or group)
    gloss: bool = False  # the source shows this form as a foreign original ("(ros. ODKB)"): it may stay


@dataclass(frozen=True)
class SourceEntity:
    text: str
    start: int
    end: int
    parts: tuple[SourcePart, ...]
    kind: str  # name | acronym | phrase | region | adjective
    ids: frozenset[str]
    strict: bool


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    info: polish.WordInfo | None = None
    tentative: bool = False  # a sentence-initial common word kept only if a longer name needs it


def sentence_starts(text: str, lang: str) -> set[int]:
    starts: set[int] = set()
    for span in split_sentences(text, lang):
        m = TOKEN.search(text, span.start, span.end)
        if m:
            starts.add(m.start())
    return starts


def extract_source(text: str, lang: str) -> list[SourceEntity]:
    lang = (lang or "").lower()[:2]
    if lang == "pl":
        from .entities_pl import extract_polish

        return extract_polish(text)
    from .entities_generic import extract_generic

    return extract_generic(text, lang)


# --- Polish ----------------------------------------------------------------------------------


# What stands before an acronym that the source gives as a gloss, in the original language or as
# the acronym of the name just spelt out: "(ros. ODKB)", "(ODKB)", "(англ. NATO)", "по-английски NATO",
# "(russ. OVKS)", "(englisch: IAEA)". A translation that keeps such a form is faithful.
_GLOSS_BEFORE = re.compile(
    r"(?:\(\s*|\b(?:ros|ang|niem|fr|franc|ukr|kaz|biał|łac|hiszp|wł|chiń|russ|engl|dt|frz|span|ital|lat"
    r"|rus|angl|něm|англ|рус|нем|франц|фр|укр|лат|каз)\.\s*|\bпо-\w+\s*[—–-]?\s*"
    r"|\b(?:englisch|russisch|deutsch|französisch|rosyjsku|angielsku|po \w+sku)\s*:?\s*)$",
    re.IGNORECASE,
)


def is_gloss(text: str, start: int) -> bool:
    """Whether the word at `start` is given as a gloss (see _GLOSS_BEFORE)."""
    return bool(text) and bool(_GLOSS_BEFORE.search(text[max(0, start - 24):start]))


def acronym_entity(tok: Tok, lang: str, text: str = "") -> SourceEntity:
    base = tok.text.split("-")[0]
    ids = gazetteer.source_ids(base)
    part = SourcePart(tok.text, tok.start, tok.start + len(base), (base,), strict=bool(ids), lemma=base,
                      gloss=is_gloss(text, tok.start))
    return SourceEntity(tok.text, tok.start, tok.end, (part,), "acronym", ids, bool(ids))


@lru_cache(maxsize=8)
def _signature_index(lang: str) -> dict[str, list[tuple[tuple[frozenset[str], ...], str]]]:
    """Lemma signatures of multi-word curated and country names, by first lemma."""
    from .gazetteer_data import CURATED

    index: dict[str, list[tuple[tuple[frozenset[str], ...], str]]] = {}
    names: list[tuple[str, str]] = [(f, f"cur:{ident}") for ident, _en, others in CURATED for f in others]
    names += _country_names(lang)
    for form, ident in names:
        words = form.split()
        if len(words) < 2:
            continue
        sig = tuple(_lemma_set(w, lang) for w in words)
        for first in sig[0]:
            index.setdefault(first, []).append((sig, ident))
    return index


def _lemma_set(word: str, lang: str) -> frozenset[str]:
    if lang == "pl":
        return polish.lemmas(word)
    from . import lexicon

    return frozenset({word.lower(), lexicon.lemma(word, lang).lower()})


def _country_names(lang: str) -> list[tuple[str, str]]:
    from babel import Locale

    try:
        terr = Locale.parse(lang).territories
    except (ValueError, LookupError):
        return []
    return [(name, f"cc:{code}") for code, name in terr.items() if len(code) == 2 and " " in name]


def signature_ids(lang: str, sig: tuple[frozenset[str], ...]) -> frozenset[str]:
    index = _signature_index(lang)
    found: set[str] = set()
    for first in sig[0]:
        for cand, ident in index.get(first, ()):
            if len(cand) == len(sig) and all(a & b for a, b in zip(cand, sig)):
                found.add(ident)
    return frozenset(found)
