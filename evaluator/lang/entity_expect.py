"""What English forms to expect for one source name part: accepted spellings, phonetic keys of
romanisations, and source spellings that must not survive into English.

Gazetteer names (countries, cities, curated people and organisations) accept only their main
English names and listed variants (Kyiv, Kiev); the source's own exonym (Kijów -> "Kijow",
Wien, Monachium) and Polish spellings of foreign names (Ławrow, Miszustin) are "bad". Names
without a gazetteer entry accept their romanisations by phonetic key; Polish people's names
keep their Polish spelling (Glapiński, with or without diacritics, never "Glapinsky").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from . import gazetteer
from .entities import SourcePart
from .translit import english_candidates, fold, name_key, polish_respellings, polish_spelling_of_foreign


def gkey(text: str) -> str:
    """Gazetteer key of a target or source form, without a possessive 's."""
    text = text.replace("’", "'")
    return gazetteer.key(text[:-2] if text.endswith("'s") else text)


@dataclass(frozen=True)
class Expect:
    ids: frozenset[str]
    accepted: frozenset[str]  # gazetteer keys of acceptable English spellings
    phonetic: frozenset[str]  # phonetic keys of acceptable romanisations (no gazetteer entry)
    bad: frozenset[str]  # gazetteer keys of source spellings that must not be kept
    keys: tuple[str, ...]  # phonetic keys of English forms, to measure misspellings against
    suggestion: str


@lru_cache(maxsize=100_000)
def expect(part: SourcePart, lang: str, entity_ids: frozenset[str] = frozenset()) -> Expect:
    lemma = part.lemma or part.bases[0]
    ids = entity_ids or _ids_of(part.bases, part.place_ok)
    g = gazetteer.get()
    bad: set[str] = set()
    phonetic: set[str] = set()
    accepted: set[str] = set()
    translit = tuple(dict.fromkeys(c for b in (lemma, *part.bases) for c in english_candidates(b, lang)))
    native_pl = part.native and lang == "pl" and not polish_spelling_of_foreign(lemma, True)
    if ids:
        accepted = set(gazetteer.primary_keys(ids))
        forms = [f for i in sorted(ids) for f in g.english_forms(i)]
        if gkey(lemma) not in accepted:
            # Kijów / Wien: an exonym; Miszustin: Polish spelling of the English "Mishustin".
            if _is_exonym(lemma, accepted) or (lang == "pl" and {gkey(r) for r in polish_respellings(lemma)} & accepted):
                bad.add(gkey(lemma))  # a source-language exonym kept: Kijow, Wien, Monachium
            else:
                accepted.add(gkey(lemma))  # Frankfurt for Frankfurt am Main
        suggestion = g.preferred(ids) or lemma
        # Nur-Sułtan -> "Nur-Sultan" rather than today's "Astana": keep the name the source used.
        close = [f for f in forms if gkey(f) in accepted and
                 max((fuzz.ratio(name_key(f), name_key(c)) for c in translit), default=0) >= 90]
        if close:
            suggestion = close[0]
    else:
        forms = list(translit)
        if native_pl:
            nominatives = [b for b in (lemma, *part.bases) if b != part.text or not part.inflected]
            accepted = {gkey(b) for b in nominatives} | {gkey(c) for b in nominatives for c in english_candidates(b, lang)}
            suggestion = lemma
            if re.search(r"[sc]ki$", lemma):  # Glapiński is never "Glapinsky"
                bad.add(gkey(fold(lemma)[:-1] + "y"))
        else:
            phonetic = {name_key(c) for c in forms}
            suggestion = forms[0] if forms else lemma
            if lang == "pl" and polish_spelling_of_foreign(lemma, part.native):
                respelt = {gkey(c) for c in polish_respellings(lemma)}
                if gkey(lemma) not in respelt:  # Ławrow must become Lavrov; Kułeba may be Kuleba
                    bad.add(gkey(lemma))
                    phonetic.discard(name_key(fold(lemma)))
    if part.inflected and gkey(part.text) != gkey(lemma):
        if part.native and part.text.endswith(("a", "o")) and not ids:
            accepted.add(gkey(part.text))  # "Fico": the dictionary's "Fica" may be wrong
        else:
            bad.add(gkey(part.text))  # a source case form kept: Tokajewa, Scholzem, Wiedniu
    bad -= accepted
    keys = tuple(dict.fromkeys(name_key(f) for f in (*forms, *translit)))
    return Expect(ids, frozenset(accepted), frozenset(phonetic), frozenset(bad), keys, suggestion)


def _is_exonym(lemma: str, accepted: set[str]) -> bool:
    """Whether the source form differs from every main English name beyond spelling noise."""
    k = gkey(lemma)
    if any(a.startswith(k + " ") for a in accepted):  # Frankfurt / Frankfurt am Main
        return False
    if not lemma.isascii():
        return True
    return all(fuzz.ratio(k, a) < 85 for a in accepted)


def _ids_of(bases: tuple[str, ...], place_ok: bool = True) -> frozenset[str]:
    for b in bases:
        ids = gazetteer.source_ids(b)
        if not place_ok:
            ids = frozenset(i for i in ids if not i.startswith("geo:"))
        if ids:
            return ids
    return frozenset()
