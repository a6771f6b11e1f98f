"""Capitalised tokens that are units, number scales or currencies, not names.

German writes "2,1 Mrd. Euro" and "500 Mio. Euro", Polish "5 mld zł" and "150 KM", Russian
"3 млрд рублей", and English MT "PLN 5 billion": none of these is an entity to check, yet a
capital or an all-capitals spelling makes them look like one. The same test serves the source
and the target side.

Some of these words are also names (Mio and Tys are a given name and a surname, "Bio" is an
ordinary word), so a scale abbreviation counts as one only with a dot after it or a number
beside it; measurement units need the number too. Currency codes in everyday use (PLN, EUR,
USD...) are never names; the rest of ISO 4217 (BND is also Germany's intelligence service, NPR
a radio network) only next to a number.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Number scales: thousand, million, billion, trillion, in the languages we read.
_SCALES = frozenset(
    "tsd tds mio mrd md bio mld mln mlrd tys tyś bln trln mn bn tn k"
    " тыс млн млрд трлн mil mill tis".split()
)
# Units of measurement that may be written with a capital (KM is Polish horsepower).
_UNITS = frozenset(
    "km kg cm mm m ha t l kw kwh mw mwh gw gwh tw twh kv hpa ps km2 m2 m3 kn mph"
    " км кг см мм га квт мвт гвт".split()
)
# Currency codes that no organisation shares: never a name.
_CURRENCY_CODES = frozenset(
    "PLN EUR USD GBP CHF JPY CNY RMB RUB UAH CZK HUF SEK NOK DKK KZT BYN TRY INR CAD AUD RON BGN"
    " HRK ILS KRW BRL MXN ZAR".split()
)
# Currency names and signs (lower case): "Euro" in German, "Zloty" capitalised by some MT.
_CURRENCY_WORDS = frozenset(
    "zł zl gr złoty złotych złotego złotówka złotówek zloty zlotys zlotych euro euros eurocent"
    " dollar dollars dolar dolarów ruble rubles rouble roubles rubli rubla hryvnia hryvnias"
    " hrywna hrywien francs franken tenge koruna korun kč forint forints rupee rupees pence cents"
    " руб рубль рубля рублей рублях коп грн гривна гривны гривен евро доллар доллара долларов юань юаней"
    " тенге € $ £ ¥ ₽ ₴ ₸".split()
)
# Currency names that are also names (Yuan Shikai, Lev Tolstoy, Frank): only beside a number.
_CURRENCY_AMBIGUOUS = frozenset("yuan yen lira lev leva lei leu frank franc rand real won kuna mark pound cent rubel".split())
# Temperature scales carry a person's name but are units: "stopni Celsjusza", "degrees Celsius".
_TEMPERATURE = frozenset("celsius celsjusza celsjusz fahrenheit fahrenheita kelvin kelwina цельсия фаренгейта".split())
# Percent words, capitalised at a sentence start or in a table header.
_PERCENT = frozenset("proc procent prozent percent процент процента процентов проц".split())

_NUMBER_BEFORE = re.compile(r"\d[\d\s.,]*\s?$")
# A number and a scale word before a currency: "180 Millionen Dinar", "3 млрд динаров".
_SCALED_BEFORE = re.compile(r"\d[\d\s.,]*\s?([^\W\d]+)\.?\s$")
_SCALE_WORDS = re.compile(r"(?i)(mil+i?on|mil+iard|billion|trillion|thousand|tausend|tysi|тысяч|миллион|миллиард|триллион)")
_NUMBER_AFTER = re.compile(r"^\s?[\d€$£]")


@lru_cache(maxsize=1)
def _currency_nouns() -> frozenset[str]:
    """The head nouns that CLDR's currency names share (Jordanischer Dinar, Serbischer Dinar;
    dinar jordański): a currency's name, which only a number beside it tells from a place or a
    person. Polish puts the noun first, the others last."""
    from collections import Counter

    from babel import Locale

    out: set[str] = set()
    for lang in ("en", "de", "pl", "ru", "cs", "uk"):
        heads = Counter()
        for name in Locale.parse(lang).currencies.values():
            words = re.findall(r"[^\W\d_]{3,}", name)
            if len(words) >= 2:
                heads[(words[0] if lang == "pl" else words[-1]).lower()] += 1
        out |= {w for w, n in heads.items() if n >= 3}
    return frozenset(out)


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(c for c in list_currencies() if len(c) == 3 and c.isupper())


def _number_beside(text: str, start: int, end: int) -> bool:
    if start < 0:
        return False
    if _NUMBER_BEFORE.search(text[max(0, start - 16):start]) or _NUMBER_AFTER.match(text[end:end + 3]):
        return True
    scaled = _SCALED_BEFORE.search(text[max(0, start - 32):start])
    return bool(scaled) and bool(_SCALE_WORDS.match(scaled.group(1)))


def is_unit(word: str, text: str = "", start: int = -1, end: int = -1) -> bool:
    """Whether the token `word` at text[start:end] is a unit, a number scale or a currency."""
    low = word.lower().rstrip(".")
    if low in _CURRENCY_WORDS or low in _PERCENT or word in _CURRENCY_CODES or low in _TEMPERATURE:
        return True
    dotted = start >= 0 and text[end:end + 1] == "."
    if low in _SCALES:
        return dotted or _number_beside(text, start, end)
    if low in _UNITS or low in _CURRENCY_AMBIGUOUS or (word in _iso_codes() and len(word) == 3) \
            or low in _currency_nouns():
        return _number_beside(text, start, end)
    return False
