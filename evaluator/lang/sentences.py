"""Sentence splitting that knows abbreviations ("r.", "tys.", "mln", "ul.", "prof.", "np." in Polish).

Returns spans, so findings on a sentence keep offsets into the original paragraph.

Two kinds of abbreviation: those that always lead into more of the sentence ("prof.", "ul.",
"np.", "z.B.", "г." before a city) never end one; those that often close a sentence ("r." after
a year, "tys.", "itd.", "usw.") end one only when the next word starts with a capital letter.
German capitalises every noun, so there units ("Mio. Euro") belong to the first kind.
"""
from __future__ import annotations

import re

from ..types import Span

# Lower-cased, without the final dot. A dot after these never ends a sentence.
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "pl": frozenset(
        "ul prof np dr inż mgr hab św im godz ok tzw tj wg pkt ust art nr al pl os poz ds płk gen mjr"
        " kpt por ppłk ks bp abp red m.in tzn zob jw wyd s t str woj pow gm przyp ros ang niem fr łac"
        " pn wsch zach płd ż.".split()
    ),
    "en": frozenset(
        "mr mrs ms dr prof st jr sr vs e.g i.e no gen col lt sgt rep sen gov jan feb mar apr jun jul aug"
        " sep sept oct nov dec approx fig mt ft pres".split()
    ),
    "de": frozenset(
        "bzw ca dr prof nr str z.b u.a vgl evtl ggf inkl mio mrd tsd abs art hr fr sog bspw d.h u.ä"
        " jan feb mär apr jun jul aug sep okt nov dez".split()
    ),
    "ru": frozenset("ул им др проф см стр т.е т.к напр пос обл г-н г-жа".split()),
    "cs": frozenset("tj tzv např str č mld mil tis prof dr ing mgr ul resp popř pan mj".split()),
}
# A dot after these ends a sentence when a capitalised word (not an acronym) follows
# ("w 2022 r. Policja" ends, "6,7 proc. PKB" does not).
MAY_END: dict[str, frozenset[str]] = {
    "pl": frozenset("r tys mln mld zł gr itd itp cdn proc mies tyg ha km kg min m".split()),
    "en": frozenset("etc inc ltd co corp a.m p.m u.s u.k est".split()),
    "de": frozenset("usw etc".split()),
    "ru": frozenset("г гг тыс млн млрд руб т.д т.п др".split()),
    "cs": frozenset("atd apod r kč".split()),
}
# "г." is "год" after a year but "город" before a city name: it may end a sentence only after a number.
AFTER_NUMBER_ONLY = frozenset({"г", "гг"})
# Languages that write ordinal numbers with a dot ("am 5. März", "5. ledna", "3. Dywizja").
ORDINAL_DOT = frozenset({"de", "pl", "cs"})

_END = re.compile(r'[.!?…]+["”“»’)\]]*(?=\s+)|[。！？]')
_NEXT_START = re.compile(r'\s+["„“«‘(\[–—-]*\s*(\w)', re.UNICODE)


def split_sentences(text: str, lang: str = "en") -> list[Span]:
    """Spans of sentences in `text`, covering all of its non-space characters, in order."""
    base = lang.split("-")[0].lower()
    never = ABBREVIATIONS.get(base, ABBREVIATIONS["en"])
    may_end = MAY_END.get(base, MAY_END["en"])
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for m in _END.finditer(text):
        end = m.end()
        if end <= start:
            continue
        nxt = _NEXT_START.match(text, end)
        next_upper = bool(nxt) and not nxt.group(1).islower()
        if m.group() not in ("。", "！", "？") and not next_upper:
            continue  # "w 2022 r. policja", "e.g. the": only something that can start a sentence ends one
        if m.group() == "." and _dot_continues(text, m.start(), base, never, may_end, text[nxt.start(1) : nxt.start(1) + 2]):
            continue
        spans.append(Span(start, end))
        start = _skip_space(text, end)
    tail_end = len(text.rstrip())
    if start < tail_end:
        spans.append(Span(start, tail_end))
    return spans


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _dot_continues(text: str, dot: int, lang: str, never: frozenset[str], may_end: frozenset[str],
                   next_start: str) -> bool:
    """Whether the dot at `dot`, followed by a word starting with `next_start`, is not a sentence end."""
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot]
    if not word:
        if lang in ORDINAL_DOT:
            k = dot
            while k > 0 and text[k - 1].isdigit():
                k -= 1
            return 0 < dot - k <= 3 and (k == 0 or text[k - 1] in " (\u00a0")
        return False
    if len(word) == 1 and word.isupper() and text[j - 1 : j] in (" ", "", "\u00a0", "("):
        return True  # initials: "J. Smith", "A. Nowak"
    low = word.lower()
    if low in AFTER_NUMBER_ONLY:
        return not text[:j].rstrip()[-1:].isdigit()
    if low in may_end:
        # "6,7 proc. PKB": an acronym after a unit usually continues the sentence.
        return next_start.isupper() and len(next_start) == 2
    return low in never
