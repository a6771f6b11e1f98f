"""Weekdays and month names outside full dates: "w czwartek" / "on Thursday", "im März" / "in March".

A full date ("9 października", "14 March 2024") is a number mention and the number check
compares it; a bare weekday or month is not, yet a translation that says Tuesday for Thursday
or September for June misstates when something happened, and MT does confuse them. These words
form closed sets in every language, so comparing them needs no dictionary beyond this one.

Each mention is (kind, number): ("day", 1..7, Monday first) or ("month", 1..12), with its span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..types import Span
from .numwords import lexicon

_DAY_STEMS = {
    # "среда" is also "the environment" (окружающая среда): see _ru_wednesday.
    "pl": (),  # see _PL_DAYS
    "ru": ("понедельн", "вторник вторничн", "сред", "четверг четвергов", "пятниц пятничн",
           "суббот", "воскресен воскресн"),
    "de": ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag sonnabend", "sonntag"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
}
# Polish weekday nouns in their case forms, then the stems of their adjectives ("niedzielną
# drugą turę": Sunday's runoff); months get their adjectives the same way ("czerwcowy dzień").
_PL_DAYS = ("poniedziałek poniedziałku poniedziałkiem poniedziałki poniedziałków poniedziałkach|poniedziałkow",
            "wtorek wtorku wtorkiem wtorki wtorków wtorkach|wtorkow",
            "środa środy środę środzie środą środy środach|środow",
            "czwartek czwartku czwartkiem czwartki czwartków czwartkach|czwartkow",
            "piątek piątku piątkiem piątki piątków piątkach|piątkow",
            "sobota soboty sobotę sobocie sobotą sobót sobotach|sobotn",
            "niedziela niedzieli niedzielę niedzielą niedziele niedziel niedzielach|niedzieln")
_PL_MONTH_ADJ = ("styczniow", "lutow", "marcow", "kwietniow", "majow", "czerwcow", "lipcow", "sierpniow",
                 "wrześniow", "październikow", "listopadow", "grudniow")
_PL_ADJ_ENDINGS = frozenset(("y", "a", "e", "ie", "ego", "ej", "emu", "ym", "ą", "ych", "ymi", "i", "iego", "iej",
                             "iemu", "im", "ich", "imi"))
# Russian month forms the number lexicon leaves out (dative "к сентябрю") and month adjectives
# ("сентябрьские выборы").
_RU_MONTH_EXTRA = ("январю", "февралю", "марту", "апрелю", "маю", "июню", "июлю", "августу", "сентябрю",
                   "октябрю", "ноябрю", "декабрю")
_RU_MONTH_ADJ = ("январск", "февральск", "мартовск", "апрельск", "майск", "июньск", "июльск", "августовск",
                 "сентябрьск", "октябрьск", "ноябрьск", "декабрьск")
_RU_ADJ_ENDINGS = frozenset(("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "ом", "ую", "их", "ими"))
# Words before an English or German month name that make it a date, not a person's name
# (Theresa May, Sigismund August): "In May", "Anfang Mai".
_MONTH_LEADS = frozenset("""in last since until till by from early late mid next this that each every on of for
through during before after to and or but also around im ab bis seit vom von zum am anfang ende mitte
letzten nächsten jeden vergangenen kommenden diesen""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’]s)?")
# Russian "среда" names a weekday only after a preposition of time: "в среду", "со среды".
_RU_WEDNESDAY = re.compile(r"(?i)(?:\b(?:в|во|на|до|со|с|к|по|ко)\s+)(сред(?:у|ы|е|ам))\b")


@dataclass(frozen=True)
class CalendarWord:
    kind: str  # "day" or "month"
    number: int
    span: Span
    text: str


def supported(lang: str) -> bool:
    return _base(lang) in _DAY_STEMS


def extract_calendar(text: str, lang: str) -> list[CalendarWord]:
    """Weekday and month names in `text`, in order (see the module doc)."""
    lang = _base(lang)
    if lang not in _DAY_STEMS:
        return []
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.endswith(("'s", "’s")):
            word = word[:-2]
        # Whether the word starts a sentence matters only for a capital in Polish or Russian, and
        # costs a look back through the text: asked only then.
        at_start = lang not in ("en", "de") and word[:1].isupper() and _sentence_start(text, m.start())
        found = _classify(word, lang, at_start)
        if found is not None and found[0] == "month" and lang in ("en", "de") and _after_name(text, m.start()):
            continue  # Theresa May, Sigismund August
        if found is not None:
            out.append(CalendarWord(found[0], found[1], Span(m.start(), m.end()), m.group()))
    if lang == "ru":
        for m in _RU_WEDNESDAY.finditer(text):
            out.append(CalendarWord("day", 3, Span(m.start(1), m.end(1)), m.group(1)))
        out.sort(key=lambda w: w.span.start)
    return out


def _base(lang: str) -> str:
    return (lang or "").replace("_", "-").split("-")[0].lower()


def _after_name(text: str, start: int) -> bool:
    prev = re.search(r"([^\W\d_]+)\s$", text[:start])
    if prev is None or not prev.group(1)[:1].isupper() or _sentence_start(text, prev.start(1)):
        return False
    word = prev.group(1)
    return word.lower() not in _MONTH_LEADS and _classify(word, "en", True) is None \
        and _classify(word, "de", True) is None


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'„“«(")
    return not before or before[-1] in ".!?:\n"


@lru_cache(maxsize=65536)  # every word of every text
def _classify(word: str, lang: str, at_start: bool) -> tuple[str, int] | None:
    low = word.lower()
    capital = word[:1].isupper()
    if lang in ("en", "de") or not capital or at_start:
        # English and German capitalise both; Polish and Russian only at a sentence start, so a
        # capitalised "Środa" inside a sentence is the town, "Niedziela" the weekly.
        # A capitalised month adjective names a place or an event (Августовский канал: the
        # Augustów Canal, Октябрьская революция), whatever it stands next to.
        month = _months(lang).get(low) or (None if capital else _month_adjective(low, lang)) \
            or _german_month_compound(low, lang)
        if month is not None and (lang not in ("en", "de") or capital):
            return "month", month
        day = _day(low, lang, capital)
        if day is not None:
            return "day", day
    return None


@lru_cache(maxsize=8)
def _months(lang: str) -> dict[str, int]:
    # Abbreviations ("mar.", "jun") are words of their own in running text ("mar" = mire).
    out = {k: v for k, v in lexicon(lang).months.items() if "." not in k and len(k) >= 3
           and (lang != "en" or len(k) >= 4 or k == "may")}
    if lang == "ru":
        out.update({w: n for n, w in enumerate(_RU_MONTH_EXTRA, 1)})
    return out


@lru_cache(maxsize=50_000)
def _day(low: str, lang: str, capital: bool) -> int | None:
    if lang == "pl":
        for n, spec in enumerate(_PL_DAYS, 1):
            nouns, adj = spec.split("|")
            if low in nouns.split() or (low.startswith(adj) and low[len(adj):] in _PL_ADJ_ENDINGS):
                return n
        return None
    for n, stems in enumerate(_DAY_STEMS[lang], 1):
        for stem in stems.split():
            if not low.startswith(stem):
                continue
            rest = low[len(stem):]
            if lang == "en":
                if rest in ("", "s") and capital:
                    return n
            elif lang == "de":
                # Donnerstag, Donnerstags, donnerstags, Donnerstagabend, Sonntagswahl.
                if rest == "" or rest[:1] in "sam" or rest.startswith(("nacht", "vormittag", "nachmittag")):
                    return n
            elif lang == "ru" and stem != "сред" and rest in _RU_ENDINGS:
                return n
    return None


_DE_MONTH_HEADS = re.compile(r"(tag|woche|hälfte|mitte|anfang|ende|nacht|abend|morgen|wochenende)(e|en|es|s|n)?")


def _german_month_compound(low: str, lang: str) -> int | None:
    """"Junitag", "Maiwoche": a German compound whose head is a span of time within the month."""
    if lang != "de":
        return None
    for name, n in _months("de").items():
        if low.startswith(name) and _DE_MONTH_HEADS.fullmatch(low[len(name):]):
            return n
    return None


@lru_cache(maxsize=50_000)
def _month_adjective(low: str, lang: str) -> int | None:
    stems, endings = {"pl": (_PL_MONTH_ADJ, _PL_ADJ_ENDINGS), "ru": (_RU_MONTH_ADJ, _RU_ADJ_ENDINGS)}.get(lang, ((), ()))
    for n, stem in enumerate(stems, 1):
        if low.startswith(stem) and low[len(stem):] in endings:
            return n
    return None


# Noun and adjective endings after the Russian stems: четверг-а, пятниц-у, субботн-ий, воскресень-е.
_RU_ENDINGS = frozenset(("", "а", "у", "ом", "е", "и", "ам", "ами", "ах", "ь", "ье", "ья", "ью", "ьем", "ьям",
                         "ы", "ой", "ей", "ий", "ая", "ое", "его", "ему", "им", "их", "ую", "ого", "ому", "ый",
                         "ые", "ым", "ик", "ика", "ику", "иком", "ике", "ики", "иках", "ний", "няя", "нее",
                         "нюю", "него", "ней", "нем", "них", "ный", "ная", "ное", "ного", "ной", "ную"))
