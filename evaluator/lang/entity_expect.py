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

from . import gazetteer, lexicon, polish
from .entities import SourcePart
from .translit import (NON_LATIN_SOURCES, consonant_skeleton, english_candidates, english_stems, fold, name_key,
                       polish_respellings, polish_spelling_of_foreign, source_stems)


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
    stems: frozenset[str] = frozenset()  # loose stems of the source name without a plural ending
    plural: bool = False  # the source name is a plural (Sudety, Альпы, Alpen): Sudetes, Alps
    skeletons: frozenset[str] = frozenset()  # consonant skeletons of the romanisations (Kvinsi: kvns)


@lru_cache(maxsize=100_000)
def expect(part: SourcePart, lang: str, entity_ids: frozenset[str] = frozenset()) -> Expect:
    lemma = part.lemma or part.bases[0]
    ids = entity_ids or _ids_of(part.bases, part.place_ok)
    g = gazetteer.get()
    bad: set[str] = set()
    phonetic: set[str] = set()
    accepted: set[str] = set()
    translit = tuple(dict.fromkeys(c for b in (lemma, *part.bases) for c in english_candidates(b, lang)))
    native_pl = part.native and lang == "pl" and (not polish_spelling_of_foreign(lemma, True) or _polish_given_ew(lemma))
    if ids:
        accepted = set(gazetteer.primary_keys(ids))
        forms = [f for i in sorted(ids) for f in g.english_forms(i)]
        suggestion = g.preferred(ids) or lemma
        # Nur-Sułtan -> "Nur-Sultan" rather than today's "Astana": keep the name the source used.
        close = [f for f in forms if gkey(f) in accepted and
                 max((fuzz.ratio(name_key(f), name_key(c)) for c in translit), default=0) >= 90]
        romanised = bool(close) and not gazetteer.is_latin_text(lemma)
        if close:
            suggestion = close[0]
            if romanised:
                # The English name is itself a romanisation (Артём -> Artyom, Artem; Алексей ->
                # Alexei, Aleksey): any usual system's spelling is the same name. Not for exonyms
                # (Москва is never "Moskva").
                phonetic = {name_key(c) for c in translit}
        # The main English name in another romanisation (Vinnytsia for the gazetteer's Vinnytsya)
        # is the same name; an exonym (Kiev, Kijow) has another phonetic key.
        phonetic |= {name_key(f) for f in forms if gkey(f) in accepted}
        if gkey(lemma) not in accepted and not romanised:
            # Kijów / Wien: an exonym; Miszustin: Polish spelling of the English "Mishustin".
            if (_is_exonym(lemma, accepted, translit) and _own_form(lemma, part, lang)) or \
                    (lang == "pl" and {gkey(r) for r in polish_respellings(lemma)} & accepted):
                bad.add(gkey(lemma))  # a source-language exonym kept: Kijow, Wien, Monachium
            else:
                accepted.add(gkey(lemma))  # Frankfurt for Frankfurt am Main
    else:
        forms = list(translit)
        if lang in ("cs", "sk") and _CS_LETTERS.search(lemma):
            # A Czech name keeps its spelling (Černochová), with or without its diacritics.
            accepted = {gkey(b) for b in (lemma, part.text, *part.bases)}
            suggestion = part.text
        elif native_pl:
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
                    # ...but its key stays when a respelling shares it (Safonow / Safonov).
                    if name_key(fold(lemma)) not in {name_key(r) for r in respelt}:
                        phonetic.discard(name_key(fold(lemma)))
    if part.inflected and gkey(part.text) != gkey(lemma):
        if part.native and part.text.endswith(("a", "o")) and not ids:
            accepted.add(gkey(part.text))  # "Fico": the dictionary's "Fica" may be wrong
        elif not _possible_nominative(part, lang, ids):
            bad.add(gkey(part.text))  # a source case form kept: Tokajewa, Scholzem, Wiedniu
    if part.gloss:  # "(ros. ODKB)": the source itself gives this form, so may the translation
        accepted.add(gkey(part.text.split("-")[0]))
    if lang[:2] in NON_LATIN_SOURCES and gazetteer.is_latin_text(part.text):
        accepted.add(gkey(part.text))  # "Studio Wisła" in a Russian text: already in its own spelling
    if ids:
        # Short forms are the same place: Petersburg for Saint Petersburg, and a city's Latin
        # alternate names that shorten its English one. Other alternates are other languages'
        # exonyms (Charkiv, Kijow), not English.
        primary = set(accepted)
        accepted |= {k.split(" ", 1)[1] for k in primary if _SAINT.match(k) and len(k.split(" ", 1)[1]) >= 5}
        alts = {k for i in ids if i.startswith("geo:") for k in gazetteer.english_keys(frozenset({i}))}
        accepted |= {a for a in alts - bad if len(a) >= 4 and any(_shortens(a, k) for k in primary)}
    bad -= accepted
    keys = tuple(dict.fromkeys(name_key(f) for f in (*forms, *translit)))
    names = (lemma, *part.bases, *translit[:1])
    stems = frozenset().union(*(source_stems(b) for b in names))
    plural = any(_plural_form(b, lang) for b in (lemma, *part.bases))
    skeletons = frozenset(consonant_skeleton(c) for c in translit) if lang[:2] in NON_LATIN_SOURCES else frozenset()
    return Expect(ids, frozenset(accepted), frozenset(phonetic), frozenset(bad), keys, suggestion, stems, plural,
                  skeletons)


_SAINT = re.compile(r"^(saint|st|sankt|san|santa|sao|swiety|sveti|svaty|sv) ")
_PLURAL_END = {
    "pl": ("y", "i", "e"), "cs": ("y", "e", "i"), "sk": ("y", "e"), "de": ("en",),
    "ru": ("ы", "и"), "uk": ("и", "і"), "bg": ("и",),
}


def _shortens(short: str, full: str) -> bool:
    return short != full and (full.endswith(" " + short) or full.startswith(short + " ")
                              or short.replace(" ", "") == full.replace(" ", ""))


def _plural_form(name: str, lang: str) -> bool:
    return name.endswith(_PLURAL_END.get(lang[:2], ())) and len(name) >= 4


def exonym_ending(exp: Expect, target: str) -> bool:
    """Whether an English name differs from the source one only by an ending (Sudety / Sudetes,
    Karpaty / Carpathians, Альпы / Alps, Урал / Urals): a plural source, or an English plural."""
    t = english_stems(target)
    if not t or not exp.stems:
        return False
    english_plural = target.replace("’", "'").removesuffix("'s").lower().endswith("s")
    return bool(t & exp.stems) and (exp.plural or english_plural)


def _is_exonym(lemma: str, accepted: set[str], translit: tuple[str, ...] = ()) -> bool:
    """Whether the source form differs from every main English name beyond spelling noise."""
    k = gkey(lemma)
    if any(_shortens(k, a) for a in accepted):  # Frankfurt / Frankfurt am Main
        return False
    if not gazetteer.is_latin_text(lemma):
        # Новгород / Veliky Novgorod: the romanised name is a word of the English one.
        return not any(_shortens(gkey(c), a) or gkey(c) == a for c in translit for a in accepted)
    if not lemma.isascii():
        return True
    return all(fuzz.ratio(k, a) < 85 for a in accepted)


_PL_LETTERS = re.compile(r"[ąćęłńóśźż]", re.IGNORECASE)
_DE_LETTERS = re.compile(r"[äöüß]", re.IGNORECASE)
# Letters of _PL_LETTERS that another source language writes too (Czech "ó" in "kóje").
_OWN_LETTERS = {"cs": re.compile(r"[ó]", re.IGNORECASE), "sk": re.compile(r"[ó]", re.IGNORECASE)}
_CS_LETTERS = re.compile(r"[áčďéěíňóřšťúůýžäĺľôŕ]", re.IGNORECASE)


def _own_form(lemma: str, part: SourcePart, lang: str) -> bool:
    """Whether the source spells a known name its own language's way (Kijów, Wien), rather than
    in the name's own spelling (Noordwijk in a Polish text), which English keeps too."""
    if lang != "pl" and _PL_LETTERS.search(lemma) and not _OWN_LETTERS.get(lang, re.compile("x^")).search(lemma):
        return False  # "Wisła" in a German text is the Polish name, kept as English keeps it
    if any(i.startswith(("cur:", "cc:")) for i in gazetteer.source_ids(lemma)):
        return True  # the curated and country tables list source-language forms (Selenskyj, Niemcy)
    if lang == "pl":
        return part.native or bool(_PL_LETTERS.search(lemma))
    if lang == "de":
        return lexicon.german_is_name(lemma) or bool(_DE_LETTERS.search(lemma))
    return True


def _possible_nominative(part: SourcePart, lang: str, ids: frozenset[str]) -> bool:
    """Whether the source form may itself be a name in its dictionary form, so a translation
    that keeps it kept no case ending: Aleksandra and Dominik are names as well as forms of
    Aleksander and Dominika, Altona is a place, Marie an English name, Анна and Петра feminine
    nominatives. Tokajewa, Scholzem, Blinkena, Wiedniu are not."""
    text = part.text
    if gazetteer.source_ids(text) or lexicon.english_kind(text) == "proper":
        return True
    if lang == "pl":
        return polish.is_own_nominative(text)
    if _CYRILLIC.search(text):
        # A feminine name or an undeclined foreign one ends in a vowel; a name the gazetteer
        # knows has its nominative, and Блинкена is not it.
        # Александра is Aleksandra as well as a form of Александр: a given-name entry is no proof.
        given_only = bool(ids) and all(i.startswith("cur:g-") for i in ids)
        return (not ids or given_only) and text[-1:].lower() in "аяоеиуюы"
    return lang == "de" and not ids  # Jonas, Thomas: German genitives and names both end in -s


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _ids_of(bases: tuple[str, ...], place_ok: bool = True) -> frozenset[str]:
    for b in bases:
        ids = gazetteer.source_ids(b)
        if not place_ok:
            ids = frozenset(i for i in ids if not i.startswith("geo:"))
        if ids:
            return ids
    return frozenset()


def _polish_given_ew(lemma: str) -> bool:
    """Zbigniew ends like the transliterated Tokajew but is a Polish given name English keeps."""
    from . import polish

    return lemma.endswith("ew") and polish.analyse(lemma).given
