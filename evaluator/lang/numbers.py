"""Locale-aware number extraction and comparison.

``extract_numbers`` finds quantities however a language writes them ("4 tys.", "4,000",
"osiemnastu", "2 stycznia 2022", "11,4 proc.") and gives each a canonical ``value`` so that equal
quantities compare equal across languages. ``compare_numbers`` matches two sides as multisets and
reports what changed, went missing or was added.

Canonical values: plain numbers as normalised decimals ("4000", "2.5"); percentages "11.4%";
dates "YYYY-MM-DD", "--MM-DD" (no year) or "YYYY-MM" (month and year); years "2022"; times
"10:30"; ordinals as their number ("3", kind "ordinal"); fractions "2/3" ("dwie trzecie").
Codes and names ("COVID-19", "F-16", "G7", "Air Force One") and approximate words ("kilkanaście",
"several", "thousands") are not quantities and are skipped.
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Callable

from ..types import Span
from .numwords import HMUL, SCALE, Lexicon, all_months, lexicon, lookup, multiplier_words, parse_words

KINDS = ("number", "percent", "date", "year", "ordinal", "time")


@dataclass(frozen=True)
class NumberMention:
    value: str
    span: Span
    text: str
    kind: str


@dataclass(frozen=True)
class Mismatch:
    """An unmatched source mention with its likely replacement, or an added target mention."""

    source: NumberMention | None
    target: NumberMention | None

    @property
    def kind(self) -> str:
        if self.source is None:
            return "added"
        return "missing" if self.target is None else "changed"


_GROUP = "[ \u00a0\u202f\u2009'’]"
_TOKEN = re.compile(
    rf"(?P<num>\d{{1,3}}(?:{_GROUP}\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_ISO_DATE = re.compile(r"(?<![\d.-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DOT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_TIME = re.compile(r"(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
# "12.30" is a time only beside an hour word: "um 12.30 Uhr", "o godz. 12.30", "v 12.30 hod."
_DOT_TIME = re.compile(r"(?<![\d.,])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.,])")
_TIME_AFTER = re.compile(r"\s*(?:Uhr|h|hod\.|godz\.)(?!\w)")
_TIME_BEFORE = re.compile(r"(?:godz\.|godzinie|godzina|um|hod\.)\s*$", re.IGNORECASE)
_CURRENCY = "$£€¥₽₴"
_DASHES = {"-", "–", "—"}
_TITLE_OPEN, _TITLE_CLOSE = {"«", "„"}, {"»", "”", "“"}
_OPEN_QUOTES = {"„", "“", "\"", "«", "‚", "'"}
_SPANS = {"decade": 10, "century": 100, "millennium": 1000}  # English spans of years
# "on January 26" is a date; "In January 26 people died" is not, so English month-first days
# need one of these before the month, or no word right after the day.
_DATE_BEFORE = {"on", "until", "till", "since", "by", "from", "to", "before", "after", "through",
                "between", "and", "or", "of", "as"}
# English "one" as a pronoun ("the one who", "no one") is no quantity.
_PRONOUN_BEFORE = {"the", "this", "that", "no", "any", "every", "each", "which", "another",
                   "some", "little", "only", "last", "new", "other", "such", "right", "wrong"}


@dataclass
class _Tok:
    kind: str  # num, word, punct
    text: str
    start: int
    end: int
    low: str = field(init=False)  # read several times per token: computed once

    def __post_init__(self) -> None:
        self.low = self.text.lower().replace("’", "'")


@dataclass
class _Raw:
    start: int
    end: int
    value: Decimal | str
    kind: str
    mult: Decimal = Decimal(1)  # scale applied to digits, kept for ranges ("2-3 tys.")


def canonical(value: Decimal) -> str:
    """"4000", "2.5": no exponent, no trailing zeros."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def parse_digits(text: str, decimal_mark: str) -> Decimal | None:
    """A digit string with separators → its value; None if the separators make no number.

    One separator followed by exactly three digits is ambiguous ("4,000", "1.500"): the locale's
    decimal mark decides. Otherwise the last of two different marks is the decimal one, a
    repeated mark groups thousands, and spaces, NBSPs and apostrophes always group.
    """
    text = re.sub(_GROUP, " ", text)
    try:
        if " " in text:
            head, _, tail = text.rpartition(" ")
            frac = re.split(r"[.,]", tail, maxsplit=1)
            return Decimal(head.replace(" ", "") + frac[0] + ("." + frac[1] if len(frac) > 1 else ""))
        marks = [c for c in text if c in ".,"]
        if not marks:
            return Decimal(text)
        if len(set(marks)) == 2:
            dec = marks[-1]
            if marks.count(dec) != 1:
                return None
            whole, frac_part = text.rsplit(dec, 1)
            return _grouped(whole.split("," if dec == "." else "."), frac_part)
        groups = text.split(marks[0])
        if len(groups) > 2:
            return _grouped(groups, "")
        head, tail = groups
        if len(tail) == 3 and 1 <= len(head) <= 3 and head != "0" and marks[0] != decimal_mark:
            return Decimal(head + tail)
        return Decimal(f"{head}.{tail}")
    except InvalidOperation:
        return None


def _grouped(groups: list[str], frac: str) -> Decimal | None:
    if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
        return None
    return Decimal("".join(groups) + ("." + frac if frac else ""))


def extract_numbers(text: str, lang: str) -> list[NumberMention]:
    """Every quantity in ``text`` read with the conventions of ``lang``, in text order."""
    return list(_extract(text, lang))


# The offload worker reads a slice's numbers twice in a row (source_number_facts for the clause
# check, then the number check): remembered for about two slices' texts.
@lru_cache(maxsize=2048)
def _extract(text: str, lang: str) -> tuple[NumberMention, ...]:
    return tuple(_Extractor(text, lang).run())


def source_number_facts(source: str, target: str, source_lang: str, target_lang: str) -> list[tuple[int, bool]]:
    """(start, missing from the target) of each source number that is a real quantity (not weak)."""
    found = extract_numbers(source, source_lang)
    real = [m for m in found if not is_weak(m)]
    if not real:
        return []  # nothing to look for in the target
    missing = {m.source.span.start for m in compare_numbers(found, extract_numbers(target, target_lang))
               if m.source is not None and m.target is None}
    return [(m.span.start, m.span.start in missing) for m in real]


class _Extractor:
    def __init__(self, text: str, lang: str):
        self.text = text
        self.lex: Lexicon = lexicon(lang)
        self.months = self.lex.months or all_months()
        self.toks = [_Tok(m.lastgroup or "punct", m.group(), m.start(), m.end())
                     for m in _TOKEN.finditer(text)]
        self.raws: list[_Raw] = []

    def run(self) -> list[NumberMention]:
        claimed = self._pattern_dates()
        i = 0
        while i < len(self.toks):
            tok = self.toks[i]
            if claimed and any(s <= tok.start < e for s, e in claimed):
                i += 1
                continue
            nxt = self._date(i)
            if nxt is None and tok.kind == "num":
                nxt = self._digits(i)
            elif nxt is None and tok.kind == "word":
                nxt = self._words(i)
            i = nxt if nxt is not None else i + 1
        self._propagate_ranges()
        out = []
        for r in sorted(self.raws, key=lambda r: r.start):
            value = r.value if isinstance(r.value, str) else canonical(r.value)
            if r.kind == "percent":
                value += "%"
            out.append(NumberMention(value, Span(r.start, r.end), self.text[r.start:r.end], r.kind))
        return out

    # --- helpers over tokens -------------------------------------------------------------
    def _glued(self, i: int) -> bool:
        """Token i touches token i-1 (no whitespace between)."""
        return 0 < i < len(self.toks) and self.toks[i - 1].end == self.toks[i].start

    def _keys(self, j: int) -> list[tuple[str, int]]:
        """Lookup keys for the word at j: with its glued dot ("tys.") first, then bare."""
        if j >= len(self.toks) or self.toks[j].kind != "word":
            return []
        low = self.toks[j].low
        keys = []
        if j + 1 < len(self.toks) and self.toks[j + 1].text == "." and self._glued(j + 1):
            keys.append((low + ".", j + 2))
        return keys + [(low, j + 1)]

    def _phrase(self, j: int, phrases: tuple[tuple[str, ...], ...]) -> int | None:
        for phrase in phrases:
            k = j
            for element in phrase:
                if k < len(self.toks) and element == "%" and self.toks[k].text == "%":
                    k += 1
                    continue
                hit = next((nk for key, nk in self._keys(k) if key == element), None)
                if hit is None:
                    break
                k = hit
            else:
                return k
        return None

    def _percent(self, j: int) -> int | None:
        """Token index after a percent marker starting at j ("%", "proc.", "-procentowy")."""
        end = self._phrase(j, self.lex.percent)
        if end is not None:
            return end
        if j + 1 < len(self.toks) and self.toks[j].text in _DASHES and self._glued(j) and self._glued(j + 1):
            word = self.toks[j + 1].low
            stems = [p[0] for p in self.lex.percent if len(p) == 1 and len(p[0]) >= 6]
            if any(word.startswith(s) for s in stems):
                return j + 2
        return None

    def _month(self, j: int) -> tuple[int, int] | None:
        # Asked of every token: most are no month, which one look-up can tell.
        if j >= len(self.toks) or self.toks[j].kind != "word" or (
                self.toks[j].low not in self.months and self.toks[j].low + "." not in self.months):
            return None
        for key, nk in self._keys(j):
            if key in self.months and (not self.lex.months_cased or self.toks[j].text[0].isupper()):
                return self.months[key], nk
        return None

    def _plain_int(self, j: int, lo: int, hi: int, width: tuple[int, int]) -> int | None:
        if j >= len(self.toks) or self.toks[j].kind != "num" or not self.toks[j].text.isdigit():
            return None
        if not width[0] <= len(self.toks[j].text) <= width[1]:
            return None
        value = int(self.toks[j].text)
        return value if lo <= value <= hi else None

    def _add(self, i_start: int, i_end: int, value: Decimal | str, kind: str,
             mult: Decimal = Decimal(1)) -> int:
        start, end = self.toks[i_start].start, self.toks[i_end - 1].end
        self.raws.append(_Raw(start, end, value, kind, mult))
        return i_end

    # --- dates ---------------------------------------------------------------------------
    def _pattern_dates(self) -> list[tuple[int, int]]:
        claimed = []
        slash = "mdy" if self.lex.decimal == "." else "dmy"  # US 01/02/2022 where "." is decimal
        for rx, order in ((_ISO_DATE, "ymd"), (_DOT_DATE, "dmy"), (_SLASH_DATE, slash)):
            for m in rx.finditer(self.text):
                parts = dict(zip(order, map(int, m.groups())))
                if order == "mdy" and parts["m"] > 12:
                    parts["d"], parts["m"] = parts["m"], parts["d"]
                value = _date_value(parts.get("y"), parts["m"], parts["d"])
                if value and not any(s <= m.start() < e for s, e in claimed):
                    claimed.append((m.start(), m.end()))
                    self.raws.append(_Raw(m.start(), m.end(), value, "date"))
        if self.lex.lang == "pl":
            for m in _PL_DECADE.finditer(self.text):  # "w latach 70. XIX wieku": the 1870s
                century = _roman(m.group(2))
                if century and not any(s <= m.start() < e for s, e in claimed):
                    claimed.append((m.start(1), m.end()))
                    self.raws.append(_Raw(m.start(1), m.end(), Decimal((century - 1) * 100 + int(m.group(1))), "year"))
        if self.lex.lang in ("pl", "ru"):
            for m in _ROMAN_CENTURY.finditer(self.text):  # "XVI wieku", "XVI-wieczne", "XVI века": the 16th
                century = _roman(m.group(1))
                if century and not any(s <= m.start() < e for s, e in claimed):
                    claimed.append((m.start(), m.end()))
                    self.raws.append(_Raw(m.start(), m.start(1) + len(m.group(1)), Decimal(century), "ordinal"))
        times = [m for m in _TIME.finditer(self.text)] + [
            m for m in _DOT_TIME.finditer(self.text)
            if _TIME_AFTER.match(self.text, m.end()) or _TIME_BEFORE.search(self.text, 0, m.start())]
        for m in times:
            if m.re is _TIME and _in_score_list(self.text, m):
                continue  # "3:1 (25:21, 23:25)": match scores, not times of day
            if not any(s <= m.start() < e for s, e in claimed):
                claimed.append((m.start(), m.end()))
                self.raws.append(_Raw(m.start(), m.end(), f"{int(m.group(1)):02d}:{m.group(2)}", "time"))
        return claimed

    def _day(self, j: int, dot: bool = True) -> tuple[int, int] | None:
        """A day number at j with an optional glued ordinal mark ("2nd", "2.", "2-го")."""
        day = self._plain_int(j, 1, 31, (1, 2))
        if day is None:
            return None
        k = j + 1
        if k < len(self.toks) and self._glued(k):
            if self.toks[k].text == ".":
                if not (dot and self.lex.dotted_ordinal):
                    return day, k
                k += 1
            elif self.lex.digit_ordinal:
                m = re.compile(self.lex.digit_ordinal).match(self.text, self.toks[j].end)
                if m:
                    while k < len(self.toks) and self.toks[k].start < m.end():
                        k += 1
        return day, k

    def _year(self, j: int) -> int | None:
        return self._plain_int(j, 1000, 2100, (4, 4))

    def _date(self, i: int) -> int | None:
        skip = {"of", "de", ","}
        day = self._day(i)
        if day is not None:  # "2 stycznia 2022", "2. Januar", "2nd of January", "2 de enero de 2022"
            k = day[1] + (1 if day[1] < len(self.toks) and self.toks[day[1]].low in skip else 0)
            month = self._month(k)
            if month is not None:
                k = month[1]
                kk = k + (1 if k < len(self.toks) and self.toks[k].low in skip else 0)
                year = self._year(kk)
                value = _date_value(year, month[0], day[0])
                if value:
                    return self._add(i, kk + 1 if year else k, value, "date")
            return None
        month = self._month(i)
        if month is None:
            return None
        k = month[1]
        day = self._day(k, dot=False) if self.lex.lang in ("en", "") else None
        if day is not None and not self._month_first_day(i, day[1]):
            day = None
        if day is not None:  # "January 2, 2022", "Jan. 2nd"
            kk = day[1] + (1 if day[1] < len(self.toks) and self.toks[day[1]].text == "," else 0)
            year = self._year(kk)
            value = _date_value(year, month[0], day[0])
            if value:
                return self._add(i, kk + 1 if year else day[1], value, "date")
        k += 1 if k < len(self.toks) and self.toks[k].low in skip else 0
        year = self._year(k)
        if year is not None:  # "January 2022", "w styczniu 2022"
            return self._add(i, k + 1, f"{year:04d}-{month[0]:02d}", "date")
        return None

    def _month_first_day(self, i: int, after_day: int) -> bool:
        if i == 0 or self.toks[i - 1].low in _DATE_BEFORE:
            return True
        if after_day >= len(self.toks) or self.toks[after_day].kind != "word":
            return True
        return self.toks[after_day - 1].kind == "word"  # an ordinal suffix: "January 26th"

    # --- digits --------------------------------------------------------------------------
    def _is_code(self, i: int) -> bool:
        toks = self.toks
        if self._glued(i) and toks[i - 1].kind == "word":
            return True  # "G7", "MH17"
        if self._glued(i) and toks[i - 1].text in "-/" and self._glued(i - 1) and toks[i - 2].kind == "word":
            return True  # "COVID-19", "F-16"
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if nxt is not None and self._glued(i + 1) and nxt.kind == "word" and nxt.text[0].isupper():
            entry = lookup(toks[i + 1].low, self.lex)
            return entry is None or entry.cls != SCALE  # "5G", "3D" (but "$4M" is a scale)
        return False

    def _digits(self, i: int) -> int | None:
        tok = self.toks[i]
        if self._is_code(i):
            return i + 1
        value = parse_digits(tok.text, self.lex.decimal)
        if value is None:
            return i + 1  # "1.2.3": a version or an id, not a quantity
        plain = tok.text.isdigit()
        if plain and self.lex.digit_ordinal:
            m = re.compile(self.lex.digit_ordinal).match(self.text, tok.end)
            if m:
                k = i + 1
                while k < len(self.toks) and self.toks[k].start < m.end():
                    k += 1
                return self._add(i, k, value, "ordinal")
        if plain and self.lex.dotted_ordinal and len(tok.text) <= 3 and self._dotted_ordinal(i):
            return self._add(i, i + 2, value, "ordinal")
        if plain and i + 2 < len(self.toks) and self.toks[i + 1].text == "/" and self._glued(i + 1) \
                and self._glued(i + 2) and self.toks[i + 2].text.isdigit() \
                and 0 < int(tok.text) < int(self.toks[i + 2].text) <= 10:
            return self._add(i, i + 3, f"{int(tok.text)}/{int(self.toks[i + 2].text)}", "number")  # "2/3"
        mult, k = self._scale_after(i)
        pct = self._percent(k)
        if pct is not None:
            return self._add(i, pct, value * mult, "percent", mult)
        if mult != 1:
            return self._add(i, k, value * mult, "number", mult)
        kind = "year" if plain and len(tok.text) == 4 and self._is_year(i, int(tok.text)) else "number"
        return self._add(i, i + 1, value, kind)

    def _dotted_ordinal(self, i: int) -> bool:
        toks = self.toks
        if not (i + 2 < len(toks) and toks[i + 1].text == "." and self._glued(i + 1)):
            return False
        nxt = toks[i + 2]
        if nxt.kind != "word" or self._glued(i + 2):
            return False
        if nxt.text[0].islower():
            return True
        return i > 0 and toks[i - 1].low in self.lex.ordinal_after

    def _scale_after(self, i: int) -> tuple[Decimal, int]:
        """Scale words after the digits at i: "2,5 mln", "$4m", "2 hundred thousand", "2 mil millones"."""
        mult, k, last = Decimal(1), i + 1, None
        currency = self.toks[i].start > 0 and self.text[self.toks[i].start - 1] in _CURRENCY
        if k + 1 < len(self.toks) and self.toks[k].text in _DASHES and self._glued(k) and self._glued(k + 1) \
                and any((e := lookup(key, self.lex)) is not None and e.cls == SCALE and not e.ordinal
                        for key, _nk in self._keys(k + 1)):
            k += 1  # "a 6.2-billion-riyal contract"
        while k < len(self.toks) and self.toks[k].kind == "word":
            hit = None
            for key, nk in self._keys(k):
                entry = lookup(key, self.lex)
                if entry is not None and entry.cls in (SCALE, HMUL) and not entry.ordinal:
                    hit = (key, entry, nk)
                    break
            if hit is None:
                break
            key, entry, nk = hit
            if key in self.lex.not_alone and not (currency and self._glued(k)):
                break  # "4m" is four metres unless it is money: "$4m"
            if entry.cls == HMUL and last is not None or last is not None and entry.value <= last:
                break
            mult, k, last = mult * entry.value, nk, entry.value
        return mult, k

    def _is_year(self, i: int, value: int) -> bool:
        if not 1000 <= value <= 2100:
            return False
        after = any(key in self.lex.year_after for key, _ in self._keys(i + 1))
        before = i > 0 and self.toks[i - 1].low in self.lex.year_before
        return after or before or value >= 1900

    def _propagate_ranges(self) -> None:
        """"2-3 tys." and "20–30%": the scale or percent of the second number covers the first."""
        raws = sorted(self.raws, key=lambda r: r.start)
        for a, b in zip(raws, raws[1:]):
            between = self.text[a.end:b.start].strip()
            plain = a.kind in ("number", "year") and a.mult == 1
            if between in _DASHES and plain and isinstance(a.value, Decimal):
                if b.kind == "percent" or b.mult != 1:
                    a.value, a.mult = a.value * b.mult, b.mult
                    a.kind = "percent" if b.kind == "percent" else "number"

    # --- words ---------------------------------------------------------------------------
    def _words(self, i: int) -> int | None:
        toks, lex = self.toks, self.lex
        if lex.lang == "en" and toks[i].low in _SPANS and i > 0 and toks[i - 1].low in ("a", "one"):
            # "for more than a century" renders "ponad sto lat": a count of years, kept weak.
            return self._add(i - 1, i + 1, Decimal(_SPANS[toks[i].low]), "number")
        if toks[i].low in lex.fractions:  # "pół miliona", "half a million"
            k = i + 1 + (1 if i + 1 < len(toks) and toks[i + 1].low in ("a", "an") else 0)
            for key, nk in self._keys(k):
                entry = lookup(key, lex)
                if entry is not None and entry.cls == SCALE:
                    return self._add(i, nk, lex.fractions[toks[i].low] * entry.value, "number")
        if lookup(self._keys(i)[0][0], lex) is None and lookup(toks[i].low, lex) is None:
            return None  # what parse_words would find: a number starts with a number word
        items, index = [], []
        k = i
        while k < len(toks) and len(items) < 16:
            t = toks[k]
            if t.kind == "word":
                keys = self._keys(k)
                items.append(keys[0][0] if lookup(keys[0][0], lex) else t.low)
                index.append(keys[0][1] if lookup(keys[0][0], lex) else k + 1)
            elif t.text in _DASHES and self._glued(k) and self._glued(k + 1):
                items.append("-")
                index.append(k + 1)
            else:
                break
            k = index[-1]
        parsed = parse_words(items, lex)
        if parsed is None:
            return None
        consumed, value, ordinal = parsed
        end = index[consumed - 1]
        first = toks[i]
        denominator = self._denominator(end) if not ordinal and value <= 10 else None
        if denominator is not None:  # "two-thirds", "dwie trzecie", "a quarter"
            return self._add(i, denominator[1], f"{value}/{denominator[0]}", "number")
        if consumed == 1 and items[0] in lex.not_alone:
            return None
        if i > 0 and toks[i - 1].low in lex.approx:
            return None  # "několik tisíc": several thousand
        if value == 1 and consumed == 1 and not ordinal and self._pronoun(i):
            return None
        prev = toks[i - 1] if i > 0 else None
        if first.text[0].isupper() and prev is not None and (
                prev.kind == "word" and prev.text[0].isupper() or prev.text in _DASHES and self._glued(i)):
            return end  # a name: "Air Force One", "Formula One", "7-Eleven"
        title_next = end < len(toks) and toks[end].text[:1].isupper()
        quoted = prev is not None and prev.text in _OPEN_QUOTES and self._glued(i)
        short_quote = quoted and any(t.kind == "punct" and t.text not in _DASHES for t in toks[end:end + 2])
        if first.text[0].isupper() and prev is not None and (
                quoted and (title_next or short_quote) or title_next and prev.kind == "word" and lex.lang != "de"):
            return end  # a title: ruch Milion Chwil dla Demokracji, „Eine Million Augenblicke"
        if self._short_quote_title(i, end):
            return end  # «Турне четырёх трамплинов»: a title capitalised on its first word only
        pct = self._percent(end)
        if pct is not None:
            return self._add(i, pct, Decimal(value), "percent")
        return self._add(i, end, Decimal(value), "ordinal" if ordinal else "number")

    def _short_quote_title(self, i: int, end: int) -> bool:
        """A number word inside «...» or „...” of at most six words that opens on a capital."""
        toks = self.toks
        start = next((k for k in range(i, max(i - 5, -1), -1) if toks[k].text in _TITLE_OPEN), None)
        if start is None or start + 1 >= len(toks) or not toks[start + 1].text[:1].isupper():
            return False
        inner = toks[start + 1 : start + 8]
        close = next((k for k, t in enumerate(inner) if t.text in _TITLE_CLOSE), None)
        return close is not None and start + 1 + close >= end and all(
            t.kind == "word" or t.text in _DASHES for t in inner[:close])

    def _denominator(self, k: int) -> tuple[int, int] | None:
        if k < len(self.toks) and self.toks[k].text in _DASHES and self._glued(k) and self._glued(k + 1):
            k += 1
        if k < len(self.toks) and self.toks[k].low in self.lex.denominators:
            return self.lex.denominators[self.toks[k].low], k + 1
        return None

    def _pronoun(self, i: int) -> bool:
        if self.lex.lang != "en":
            return False
        before = self.toks[i - 1].low if i > 0 else ""
        after = self.toks[i + 1].low if i + 1 < len(self.toks) else ""
        return before in _PRONOUN_BEFORE or after in ("another", "day")


_ROMAN_CENTURY = re.compile(r"\b([IVX]{1,5})(?:[-\u2011]|\s)(?:w\.|wiek\w*|wieczn\w*|век\w*|в\.)")
_PL_DECADE = re.compile(r"\blat(?:ach|a)? ([1-9]0)\.? ([IVX]{1,5}) (?:wieku|w\.)")
_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(text: str) -> int | None:
    values = [_ROMAN[c] for c in text]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if 1 <= total <= 21 else None


_COLON_PAIR = re.compile(r"(?<![\d:.,])(\d{1,3}):(\d{1,3})(?![\d:])")


def _in_score_list(text: str, m: re.Match[str]) -> bool:
    """A colon pair beside another one that can't be a time of day (25:21, 3:1) is a score."""
    near = text[max(0, m.start() - 30):m.end() + 30]
    return any(not _TIME.fullmatch(o.group()) for o in _COLON_PAIR.finditer(near))


def _date_value(year: int | None, month: int, day: int) -> str | None:
    try:
        date(year or 2000, month, day)  # 2000 is a leap year, so 29 February stands
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


# --- comparison ----------------------------------------------------------------------------
_NUMERIC = {"number", "ordinal", "year", "percent"}
_TEMPORAL = {"date", "year"}
_MULTIPLIERS = multiplier_words()


def is_weak(m: NumberMention) -> bool:
    """A word that is often no quantity at all ("one of", "pierwszy raz", "second", "twice").
    Weak mentions still match, but are never reported as missing or added on their own."""
    if any(c.isdigit() for c in m.text):
        return False
    return m.value == "1" or m.text.lower().split()[-1] in _SPANS or (m.kind == "ordinal" and m.value == "2") or m.text.lower() in _MULTIPLIERS


def compatible(a: NumberMention, b: NumberMention) -> bool:
    """Could ``b`` be what the translation made of ``a``?"""
    return a.kind == b.kind or {a.kind, b.kind} <= _NUMERIC or {a.kind, b.kind} <= _TEMPORAL


def _same_date(a: NumberMention, b: NumberMention) -> bool:
    """"2022-01-02" and "--01-02": a date with its year matches the same date without one."""
    if a.kind != "date" or b.kind != "date" or "--" not in (a.value[:2], b.value[:2]):
        return False
    return _month_day(a.value) == _month_day(b.value) is not None


def _month_day(value: str) -> str | None:
    if value.startswith("--"):
        return value[2:]
    return value[5:] if len(value) == 10 else None


def _rounded(source: NumberMention, target: NumberMention) -> bool:
    """"2 456 000" rendered as "2.5 million": a translation may round to its scale word's last digit.

    Only the translation may be the coarse side: "3 tys." rendered as "3,040" invents a precision
    the source never had, which is how a changed digit hides ("4 tys." -> "4,200").
    """
    if source.kind != "number" or target.kind != "number":
        return False
    digits = re.sub(r"\D", "", target.text).lstrip("0")
    coarse, fine = _decimal(target.value), _decimal(source.value)
    if not digits or coarse is None or fine is None or not any(c.isalpha() for c in target.text):
        return False
    unit = coarse / Decimal(digits)
    return unit >= 10 and abs(coarse - fine) <= unit / 2


def _ordinal_fraction(a: NumberMention, b: NumberMention) -> bool:
    """"piątą część" / "a fifth", "trzecia runda" / "a third round": one ordinal, one 1/n."""
    for o, f in ((a, b), (b, a)):
        if o.kind == "ordinal" and f.value == f"1/{o.value}":
            return True
    return False


def _decimal(value: str) -> Decimal | None:
    try:
        return Decimal(value)
    except InvalidOperation:
        return None  # a fraction such as "2/3"


def _pair(source: list[NumberMention], target: list[NumberMention], s_free: set[int],
          t_free: set[int], ok: Callable[[NumberMention, NumberMention], bool]) -> list[tuple[int, int]]:
    """Greedy matching of free mentions that satisfy ``ok``, nearest relative position first."""
    def rel(i: int, n: int) -> float:
        return (i + 0.5) / n

    cands = sorted(
        (abs(rel(i, len(source)) - rel(j, len(target))), i, j)
        for i in s_free for j in t_free if ok(source[i], target[j]))
    pairs = []
    for _, i, j in cands:
        if i in s_free and j in t_free:
            s_free.discard(i)
            t_free.discard(j)
            pairs.append((i, j))
    return pairs


def compare_numbers(source: list[NumberMention], target: list[NumberMention]) -> list[Mismatch]:
    """Match both sides as multisets of values; report the rest.

    Each unmatched source mention comes with its most likely replacement (an unmatched target
    mention of a compatible kind, nearest in relative position) or None when it is missing;
    unmatched target mentions left over are additions. Order: by source, then target position.
    """
    s_free, t_free = set(range(len(source))), set(range(len(target)))
    _pair(source, target, s_free, t_free, lambda a, b: a.value == b.value)
    _pair(source, target, s_free, t_free, _same_date)
    _pair(source, target, s_free, t_free, _rounded)
    _pair(source, target, s_free, t_free, _ordinal_fraction)
    # Strong pairs first, so a weak word ("one") never takes the replacement of a real number.
    pairs = _pair(source, target, s_free, t_free,
                  lambda a, b: compatible(a, b) and not is_weak(a) and not is_weak(b))
    pairs += _pair(source, target, s_free, t_free,
                   lambda a, b: compatible(a, b) and not (is_weak(a) and is_weak(b)))
    out = [Mismatch(source[i], target[j]) for i, j in pairs]
    out += [Mismatch(source[i], None) for i in s_free if not is_weak(source[i])]
    out += [Mismatch(None, target[j]) for j in t_free if not is_weak(target[j])]
    return sorted(out, key=lambda m: (m.source.span.start if m.source else 1 << 60,
                                      m.target.span.start if m.target else -1))
