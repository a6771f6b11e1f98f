"""Sentence splitting that knows abbreviations ("r.", "tys.", "mln", "ul.", "prof.", "np." in Polish).

Returns spans, so findings on a sentence keep offsets into the original paragraph.
"""
from __future__ import annotations

import re

from ..types import Span

# Lower-cased abbreviations (without the final dot) after which a dot does not end a sentence.
ABBREVIATIONS: dict[str, frozenset[str]] = {
    "pl": frozenset(
        "r tys mln mld ul prof np dr inż mgr hab św im godz min ok tzw tj wg zł gr pkt ust art nr"
        " al pl os poz ds płk gen mjr kpt por ppłk ks bp abp red itd itp cdn m.in tzn zob por jw"
        " wyd s t str woj pow gm m przyp proc mies tyg ha km kg".split()
    ),
    "en": frozenset(
        "mr mrs ms dr prof st jr sr vs etc e.g i.e inc ltd co corp no gen col lt sgt rep sen gov"
        " jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m approx est fig".split()
    ),
    "de": frozenset("bzw ca dr prof nr str z.b u.a usw vgl evtl ggf inkl mio mrd tsd abs art hr fr".split()),
    "ru": frozenset("г гг тыс млн млрд руб ул им др т.е т.д т.п см стр проф".split()),
    "cs": frozenset("tj tzv např str č mld mil tis prof dr ing mgr ul".split()),
}

_END = re.compile(r'[.!?…]+["”“»’)\]]*(?=\s+)|[。！？]')
_NEXT_START = re.compile(r'\s+["„“«‘(\[–—-]*\s*(\w)', re.UNICODE)


def split_sentences(text: str, lang: str = "en") -> list[Span]:
    """Spans of sentences in `text`, covering all of its non-space characters, in order."""
    abbrevs = ABBREVIATIONS.get(lang, ABBREVIATIONS["en"])
    spans: list[Span] = []
    start = _skip_space(text, 0)
    for m in _END.finditer(text):
        end = m.end()
        if end <= start:
            continue
        if m.group().startswith(".") and _is_abbreviation(text, m.start(), abbrevs):
            continue
        nxt = _NEXT_START.match(text, end)
        # A sentence ends only before something that can start one: an upper-case letter, a digit,
        # a quote or dash. "w 2022 r. policja" keeps going; "tys. Policja" (ambiguous) splits.
        if m.group() not in ("。", "！", "？") and nxt and nxt.group(1).islower():
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


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset[str]) -> bool:
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha() and text[j - 1 : j] in (" ", ""):
        return True  # initials: "J. Smith", "A. Nowak"
    return word in abbrevs
