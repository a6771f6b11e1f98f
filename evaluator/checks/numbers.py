"""Number check: every quantity, date, year and percentage of the source must reach the target.

Extraction and matching live in ``evaluator.lang.numbers``; this module turns the mismatches
into findings with a suggestion written the way the target language writes numbers. Weekdays
and month names outside full dates ("w czwartek", "in March") are compared too
(``evaluator.lang.calendar``): one replaced by another is a major error, one only dropped or
added a minor one, since translators do drop or add a weekday the context makes plain.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Iterable

from ..lang.calendar import CalendarWord, extract_calendar, supported
from ..lang.numbers import Mismatch, NumberMention, compare_numbers, extract_numbers
from ..registry import checks
from ..types import Finding
from .base import Check, Context

_CATEGORY = "number.mismatch"


@checks.register("numbers")
class NumbersCheck(Check):
    name = "numbers"
    version = 3
    categories = (_CATEGORY,)
    pair_local = True

    def run(self, ctx: Context) -> Iterable[Finding]:
        calendar = supported(ctx.source_lang or "") and supported(ctx.target_lang or "")
        for pair in ctx.pairs:
            if not pair.is_aligned:
                continue
            source = extract_numbers(pair.source, ctx.source_lang)
            target = extract_numbers(pair.target, ctx.target_lang)
            for mismatch in compare_numbers(source, target):
                yield _finding(mismatch, pair.index, ctx.target_lang)
            if calendar:
                yield from _calendar(pair.index, extract_calendar(pair.source, ctx.source_lang), source,
                                     extract_calendar(pair.target, ctx.target_lang), target, ctx.target_lang,
                                     pair.source)


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _calendar(segment: int, src: list[CalendarWord], src_numbers: list[NumberMention], tgt: list[CalendarWord],
              tgt_numbers: list[NumberMention], target_lang: str, source_text: str = "") -> Iterable[Finding]:
    """Weekdays and months of one pair that the other side lacks. Words inside a full date are
    matched but never reported: the date's own comparison covers them."""
    s_keys = {(w.kind, w.number) for w in src}
    t_keys = {(w.kind, w.number) for w in tgt}
    missing = _unmatched(src, t_keys, src_numbers)
    # "Fridays for Future" in a German source is the movement's name, kept as written.
    extra = [w for w in _unmatched(tgt, s_keys, tgt_numbers)
             if not re.search(r"(?<!\w)" + re.escape(w.text) + r"(?!\w)", source_text)]
    while missing and extra:
        s = missing.pop(0)
        t = next((w for w in extra if w.kind == s.kind), extra[0])
        extra.remove(t)
        yield Finding(_CATEGORY, "major", f"source has {_named(s, target_lang)}; target has '{t.text}' instead",
                      segment, s.span, t.span, _name(s, target_lang), "numbers",
                      (("source_value", s.text), ("target_value", t.text)))
    for s in missing:
        yield Finding(_CATEGORY, "minor", f"source {_kind(s)} {_named(s, target_lang)} is missing from the target",
                      segment, s.span, None, _name(s, target_lang), "numbers", (("source_value", s.text),))
    for t in extra:
        yield Finding(_CATEGORY, "minor", f"target adds the {_kind(t)} '{t.text}', not in the source",
                      segment, None, t.span, None, "numbers", (("target_value", t.text),))


def _unmatched(words: list[CalendarWord], other: set[tuple[str, int]], numbers: list[NumberMention]) -> list[CalendarWord]:
    dates = [m.span for m in numbers if m.kind == "date"]
    out, seen = [], set()
    for w in words:
        key = (w.kind, w.number)
        if key in other or key in seen or any(d.start <= w.span.start < d.end for d in dates):
            continue
        seen.add(key)
        out.append(w)
    return out


def _kind(w: CalendarWord) -> str:
    return "weekday" if w.kind == "day" else "month"


def _name(w: CalendarWord, lang: str) -> str | None:
    if not lang.lower().startswith("en"):
        return None
    return (_DAYS if w.kind == "day" else _MONTHS)[w.number - 1]


def _named(w: CalendarWord, lang: str) -> str:
    name = _name(w, lang)
    return f"'{w.text}' ({name})" if name and name.lower() != w.text.lower() else f"'{w.text}'"


def _finding(m: Mismatch, segment: int, target_lang: str) -> Finding:
    evidence = []
    if m.source is not None:
        evidence.append(("source_value", m.source.value))
    if m.target is not None:
        evidence.append(("target_value", m.target.value))
    if m.source is not None and m.target is not None:
        message = f"source has {_shown(m.source)}; target has {_plain(m.target.text)} instead"
        severity = "critical" if _serious(m.source, m.target) else "major"
    elif m.source is not None:
        message = f"source number {_shown(m.source)} is missing from the target"
        severity = "major"
    elif m.target is not None:
        message = f"target adds the number {_shown(m.target)}, not in the source"
        severity = "minor"
    else:
        raise ValueError("a mismatch needs a source or a target mention")
    return Finding(
        category=_CATEGORY,
        severity=severity,
        message=message,
        segment=segment,
        source_span=m.source.span if m.source else None,
        target_span=m.target.span if m.target else None,
        suggestion=format_value(m.source, target_lang) if m.source else None,
        check="numbers",
        evidence=tuple(evidence),
    )


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def _shown(m: NumberMention) -> str:
    """"4 000 (4000)": the words as written, with the value when they differ."""
    text = _plain(m.text)
    return text if text == m.value else f"{text} ({m.value})"


def _number(value: str) -> Decimal | None:
    try:
        return Decimal(value.rstrip("%"))
    except InvalidOperation:
        return None


def _serious(source: NumberMention, target: NumberMention) -> bool:
    """Critical: a changed date or year, or a change by a factor of ten or more (4000 → 400)."""
    if source.kind in ("date", "year") or target.kind == "date":
        return True
    a, b = _number(source.value), _number(target.value)
    if a is None or b is None:
        return False
    if a == 0 or b == 0:
        return a != b
    ratio = abs(a / b)
    return ratio >= 10 or ratio <= Decimal("0.1")


def format_value(m: NumberMention, lang: str) -> str:
    """The source value written the target language's way: "4,000", "11,4 %", "2 stycznia 2022"."""
    from babel import Locale, UnknownLocaleError, dates, numbers

    try:
        locale = Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        locale = Locale.parse("en")
    value = m.value
    if m.kind in ("number", "percent"):
        amount = _number(value)
        if amount is None:
            return value
        if m.kind == "percent":
            return numbers.format_percent(amount / 100, locale=locale, decimal_quantization=False)
        return numbers.format_decimal(amount, locale=locale, decimal_quantization=False)
    if m.kind == "date":
        if value.startswith("--"):
            return dates.format_skeleton("MMMMd", date(2000, int(value[2:4]), int(value[5:7])), locale=locale)
        if len(value) == 7:
            return dates.format_skeleton("yMMMM", date(int(value[:4]), int(value[5:7]), 1), locale=locale)
        return dates.format_date(date.fromisoformat(value), format="long", locale=locale)
    if m.kind == "ordinal" and locale.language == "en":
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    if m.kind == "ordinal" and locale.language in ("pl", "de", "cs"):
        return f"{value}."
    return value
