"""Capitalised adjectives made from names, in languages other than Polish.

Russian capitalises the first word of a name, and that word is often an adjective of a place:
"Шанхайский кинофестиваль" (the Shanghai film festival), "в Люблинской области" (Lublin
province), "Вроцлавский стартап" (a Wrocław-based start-up). German makes adjectives of towns
with -er: "Danziger Werft", "Krakauer Altstadt". English renders such an adjective by the place's
name, its adjective, a possessive or a compound ("Kraków's", "Wrocław-based"), or leaves it
out: the adjective is a *soft* entity that explains those renderings and is never reported.

A surname may look like an adjective too (Вишневский, Мостовой); it follows a given name, so
only a word that does not continue a name and stands before a lower-case word is read as an
adjective.
"""
from __future__ import annotations

import re

from . import gazetteer
from .entities import SourceEntity, SourcePart

# Russian and Ukrainian adjective endings, longest first; "ск" / "цк" adjectives of towns keep
# their "ск" in one reading (Гданьский is Гданьск + ий).
_CYR_ADJ = re.compile(
    r"(ского|скому|скими|ских|ским|ском|ской|скую|ская|ское|ские|ский|ськ\w{1,3}|цкого|цкой|цкий|цкая"
    r"|ого|его|ому|ему|ыми|ими|ых|их|ым|им|ой|ей|ую|юю|ая|яя|ое|ее|ые|ие|ый|ий)$"
)
_CYR_LANGS = frozenset({"ru", "uk", "be", "bg"})
# "Варминьско-Мазурском": the first part of a compound adjective ends in -ско / -о.
_COMPOUND_HEAD = re.compile(r"(ско|цко|о)$")


def proper_adjective(word: str, start: int, lang: str, next_lower: bool, continues_name: bool) -> SourceEntity | None:
    """A capitalised adjective made from a name (see module doc), or None."""
    if continues_name or not next_lower:
        return None
    if lang in _CYR_LANGS:
        stems = _cyrillic_stems(word)
    elif lang == "de":
        stems = _german_stems(word)
    else:
        return None
    if not stems:
        return None
    ids: frozenset[str] = frozenset()
    for s in stems:
        ids = gazetteer.source_ids(s)
        if ids:
            break
    part = SourcePart(word, start, start + len(word), tuple(dict.fromkeys((*stems, word))), strict=False,
                      lemma=stems[0])
    return SourceEntity(word, start, start + len(word), (part,), "adjective", ids, False)


def _cyrillic_stems(word: str) -> tuple[str, ...]:
    m = _CYR_ADJ.search(word.lower())
    if m is None or len(word) - len(m.group()) < 3:
        return ()
    ending = m.group()
    stem = word[: len(word) - len(ending)]
    out = [stem]
    if ending.startswith(("ск", "цк", "ськ")):
        out.append(stem + ending[:2])  # Гданьский -> Гданьск
    if "-" in stem:
        head, _, tail = stem.partition("-")
        out.append(_COMPOUND_HEAD.sub("", head) + "-" + tail)
    # Suffixes between a name and its adjective ending: Татр-ан-ский (Tatra), Карл-ов (Charles).
    m2 = _CYR_SUFFIX.search(stem.lower())
    if m2 and len(stem) - len(m2.group()) >= 3:
        out.append(stem[: len(stem) - len(m2.group())])
    return tuple(dict.fromkeys(out))


_CYR_SUFFIX = re.compile(r"(ан|ян|ин|ов|ев|н)$")


def _german_stems(word: str) -> tuple[str, ...]:
    # Only a known town makes an -er word an adjective: Weber and Schuster stay surnames.
    for end in ("er", "ern", "ers"):
        stem = word[: -len(end)]
        if word.endswith(end) and len(stem) >= 3 and gazetteer.source_ids(stem):
            return (stem,)
    return ()
