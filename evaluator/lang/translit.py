"""Romanisation of names into the forms an English text is expected to use, and comparison keys.

Two tools live here:

* `english_candidates(name, lang)` turns a source-language name into a few plausible English
  spellings (Polish "Tokajew" -> "Tokayev", Russian "Жанаозен" -> "Zhanaozen"). The first
  candidate is the one we suggest to the user.
* `name_key(text)` is a deliberately lossy phonetic key. English transliterations of the same
  name vary (Tokayev / Tokaev, Kasym / Kassym / Qasym, Zhomart / Jomart, Zelensky / Zelenskiy),
  and none of those variants is an error, so the key folds exactly those differences together:
  y/i/j, v/w, zh/j, kh/h, q/k, doubled letters. Different names keep different keys
  (Blinken / Blingen, Nur-Sultan / Noor-Sultan, Smailov / Smilov).
"""
from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

# Source languages written in a script other than Latin: their names reach English by romanisation.
NON_LATIN_SOURCES = frozenset({"ru", "uk", "bg", "be", "kk", "sr", "mk", "zh", "ja", "ko", "el", "ar", "he", "fa", "hi"})
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_VOWELS = "aeiou"

# Polish orthography -> English, longest patterns first. Alternatives give the second and third
# candidates: Kazakh names use "j" for ż (Jomart), Russian ones "zh" (Zhanaozen).
_PL_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("szcz", ("shch",)),
    ("dż", ("j", "dzh")),
    ("dź", ("dz",)),
    ("cz", ("ch",)),
    ("sz", ("sh",)),
    ("rz", ("zh", "r")),
    ("ch", ("kh", "h")),
    ("ż", ("zh", "j", "z")),
    ("ź", ("z", "zh")),
    ("ł", ("l",)),
    ("w", ("v",)),
    ("j", ("y", "i")),
    ("ó", ("o", "u")),
    ("ś", ("s",)),
    ("ć", ("ch", "ts")),
    ("ń", ("n",)),
    ("ą", ("on", "a")),
    ("ę", ("en", "e")),
    ("c", ("ts", "c")),
)

# BGN/PCGN-style Russian romanisation, the one English news uses.
_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "yi",
    "є": "ye", "ґ": "g", "ә": "a", "ғ": "g", "қ": "k", "ң": "n", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h",
}

_CS_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ch", ("kh", "ch")),
    ("č", ("ch", "c")),
    ("š", ("sh", "s")),
    ("ž", ("zh", "z")),
    ("ř", ("rzh", "r")),
    ("ě", ("ye", "e")),
    ("j", ("y", "j")),
    ("c", ("ts", "c")),
)

_DE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ß", ("ss",)),
    ("ä", ("a", "ae")),
    ("ö", ("o", "oe")),
    ("ü", ("u", "ue")),
)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form: 'Kijów' -> 'kijow', 'Kasym-Żomart' -> 'kasym-zomart'."""
    return anyascii(text).lower().strip()


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Phonetic key that is equal for accepted transliteration variants of one name."""
    s = anyascii(text).lower().replace("’", "'")
    s = s.replace("'s ", " ").removesuffix("'s")
    s = _NON_ALNUM.sub(" ", s).strip()
    for a, b in (
        ("shch", "s"), ("sch", "s"), ("sh", "s"), ("dzh", "j"), ("zh", "j"), ("kh", "h"),
        ("ch", "c"), ("tz", "c"), ("ts", "c"), ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"),
        ("ph", "f"), ("ou", "u"), ("y", "i"),
    ):
        s = s.replace(a, b)
    # Tokayev / Tokaev: a glide between vowels is spelt or dropped at will. A "j" is not
    # folded in: Sobjanin or Tokajev are not English spellings of Собянин and Токаев.
    s = re.sub(r"(?<=[aeiou])i(?=[aeou])", "", s)
    # Kassym / Kasym, Zelenskyy / Zelensky; other doubled letters matter (Guterres / Gutteres).
    s = re.sub(r"s{2,}", "s", s)
    s = re.sub(r"i{2,}", "i", s)
    return s




# Endings and letters that show a name was spelt the Polish way from another alphabet
# (Pieskow, Siergiej, Zełenski): English spells such names differently.
_PL_TRANSLIT_MARK = re.compile(r"(iej|ij|ow|ew|jew|jow|ienko|ow[ae]|ew[ae])$|^(Dż|Sz|Cz)|[żźłśćńąęó]|szcz", re.IGNORECASE)


def polish_spelling_of_foreign(name: str, known_native: bool) -> bool:
    """Whether a Polish-spelt name needs respelling in English (Ławrow -> Lavrov).

    Names the dictionary knows as Polish (Andrzej, Glapiński) keep their spelling unless they
    carry an ending that only transliterations have (Siergiej, Andriej).
    """
    if known_native:
        return bool(re.search(r"(iej|ij|ow|ew|owa|ewa)$", name))
    return bool(_PL_TRANSLIT_MARK.search(name))


def similarity(a: str, b: str) -> float:
    """0-100 similarity of two names' keys."""
    from rapidfuzz import fuzz

    return float(fuzz.ratio(name_key(a), name_key(b)))


@lru_cache(maxsize=65536)  # the same names' readings are asked for again and again
def rewrite(word: str, rules: tuple[tuple[str, str | tuple[str, ...]], ...], variant: int = 0) -> str:
    """Rewrite `word` with `rules` (longest patterns first, left to right), taking alternative
    number `variant` where a rule offers several; a capital stays a capital."""
    out: list[str] = []
    i = 0
    low = word.lower()
    by_first = _by_first_letter(rules)
    while i < len(word):
        for pat, subs in by_first.get(low[i:i + 1], ()):
            if low.startswith(pat, i):
                rep = subs if isinstance(subs, str) else subs[min(variant, len(subs) - 1)]
                if word[i].isupper():
                    rep = rep[:1].upper() + rep[1:]
                out.append(rep)
                i += len(pat)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=64)
def _by_first_letter(rules: tuple[tuple[str, str | tuple[str, ...]], ...]) -> dict[str, list]:
    """The rules by the first letter of their pattern, in their order: a rule can match at i only
    if its pattern starts with the letter at i (patterns are never empty)."""
    out: dict[str, list] = {}
    for pat, subs in rules:
        out.setdefault(pat[:1], []).append((pat, subs))
    return out


def _pl_softening(word: str) -> str:
    # Polish spells Russian soft consonants with "i": Siergiej -> Sergei, Wasilij -> Vasily.
    # Also "-ij" endings -> "-y", and "ie" after a consonant is just "e".
    word = re.sub(r"(?<=[bcdfghklmnprstvwzBCDFGHKLMNPRSTVWZ])ie", "e", word)
    word = re.sub(r"ij\b", "y", word)
    return word


def _pl_endings(word: str) -> str:
    # -ow / -ew / -ów surnames are -ov / -ev in English.
    return re.sub(r"(?<=[aeiouy])(o|e|ó)w\b", lambda m: {"ó": "o"}.get(m.group(1), m.group(1)) + "v",
                  word)


@lru_cache(maxsize=32768)
def english_candidates(name: str, lang: str) -> tuple[str, ...]:
    """Plausible English spellings of a source-language name, best first, without duplicates."""
    lang = (lang or "").lower()[:2]
    if lang == "pl":
        base = _pl_endings(name)
        forms = [
            rewrite(base, _PL_RULES, 0),
            rewrite(_pl_softening(base), _PL_RULES, 0),
            rewrite(_pl_softening(base), _PL_RULES, 1),
            rewrite(base, _PL_RULES, 2),
            # Polish writes the soft l of Подоляк / Ілля as a plain l: Podolak, Ilja (Podolyak, Ilya).
            rewrite(_PL_SOFT_L.sub(r"\1y\2", _pl_softening(base)), _PL_RULES, 0),
            anyascii(name),
        ]
    elif lang in ("ru", "uk", "bg", "sr", "be", "kk") or _is_cyrillic(name):
        forms = [*cyrillic_variants(name, lang), anyascii(name)]
    elif lang == "cs" or lang == "sk":
        forms = [anyascii(name), rewrite(name, _CS_RULES, 0), rewrite(name, _CS_RULES, 1)]
    elif lang == "de":
        forms = [name, rewrite(name, _DE_RULES, 0), rewrite(name, _DE_RULES, 1)]
    else:
        forms = [anyascii(name) if not name.isascii() else name]
    seen: dict[str, None] = {}
    for f in forms:
        f = f.strip()
        if f and f not in seen:
            seen[f] = None
    return tuple(seen)


def polish_respellings(name: str) -> frozenset[str]:
    """English spellings the Polish rules give, without the plain ASCII fallback."""
    base = _pl_endings(name)
    return frozenset({rewrite(base, _PL_RULES, 0), rewrite(_pl_softening(base), _PL_RULES, 0),
                      rewrite(_pl_softening(base), _PL_RULES, 1), rewrite(base, _PL_RULES, 2)})


_PL_SOFT_L = re.compile(r"([lL])([aou])")
# Letters whose English romanisation varies between the systems in use (BGN/PCGN, passports,
# scholarly, the name's own choice): Артём is Artyom or Artem, Андрей Andrei or Andrey or Andrej,
# Соловьёв Solovyov or Soloviev. The phonetic key folds most of the rest (kh/h, ya/ia, shch/sch).
_CYR_CHOICES: tuple[dict[str, str], ...] = (
    {},
    {"ё": "e", "е+": "e", "ь+": "i"},
    {"ё": "e", "й": "j"},
    {"е+": "e", "ь+": "i", "й": "i"},
    {"ё": "io", "е+": "ie", "ь+": "i"},
)


@lru_cache(maxsize=32768)
def cyrillic_variants(text: str, lang: str = "ru") -> tuple[str, ...]:
    """Romanisations of a Cyrillic name in the systems English texts use, the BGN/PCGN one first."""
    out = [romanize_cyrillic(text, dict(c), lang) for c in _CYR_CHOICES]
    return tuple(dict.fromkeys(out))


_LOOSE = (("sch", "s"), ("sh", "s"), ("sz", "s"), ("cz", "c"), ("ch", "c"), ("th", "t"), ("ph", "f"),
          ("c", "k"), ("w", "v"), ("y", "i"), ("j", "i"), ("x", "ks"), ("q", "k"))
# Plural endings of a source name (Sudety, Karpaty, Alpy, Альпы, Alpen, Himalaje, Krkonoše) and the
# English ones that replace them (Sudetes, Carpathians, Alps, Himalayas, Balkans).
_SOURCE_PLURAL = ("ie", "i", "e", "a", "en", "n")
_ENGLISH_PLURAL = ("ians", "ans", "ian", "an", "es", "as", "s", "ia", "a")


def loose(text: str) -> str:
    """A lenient spelling key (c = k, w = v, y = i, no doubled letters): Arktyka, Arctic -> arktik(a)."""
    return _loose(text)


def _loose(text: str) -> str:
    s = re.sub(r"[^a-z]", "", anyascii(text).lower())
    for a, b in _LOOSE:
        s = s.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=32768)
def source_stems(name: str) -> frozenset[str]:
    """Loose stems of a source name without a plural ending: Sudety -> sudet, Karpaty -> karpat."""
    s = _loose(name)
    out = {s}
    for end in _SOURCE_PLURAL:
        if s.endswith(end) and len(s) - len(end) >= 3:
            out.add(s[: -len(end)])
    return frozenset(x for x in out if len(x) >= 3)


@lru_cache(maxsize=32768)
def english_stems(name: str) -> frozenset[str]:
    """Loose stems of an English name without a plural or adjective ending: Carpathians -> karpat."""
    s = _loose(name)
    out = set()
    for end in _ENGLISH_PLURAL:
        if s.endswith(end) and len(s) - len(end) >= 3:
            out.add(s[: -len(end)])
    return frozenset(out)


_SKELETON = (("qu", "kv"), ("nh", "n"), ("lh", "l"), ("gn", "n"), ("dzh", "j"), ("jh", "j"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("gh", ""), ("w", "v"), ("x", "ks"),
             ("kh", "h"), ("zh", "j"), ("ch", "c"), ("ts", "c"), ("tz", "c"), ("q", "k"))


@lru_cache(maxsize=65536)
def consonant_skeleton(text: str) -> str:
    """Consonants of a name as heard: Keir Starmer and Кир Стармер (Kir Starmer) both give
    "kr strmr", Quincy and Квинси (Kvinsi) "kvns". English c is s before e, i, y and k elsewhere."""
    s = re.sub(r"[^a-z ]", "", anyascii(text).lower().replace("-", " "))
    for a, b in _SKELETON:
        s = s.replace(a, b)
    s = re.sub(r"c(?=[eiy])", "s", s).replace("c", "k")
    s = re.sub(r"[aeiouy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s).strip()


def _is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


_UK = {"г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "е": "e"}


def romanize_cyrillic(text: str, choice: dict[str, str] | None = None, lang: str = "ru") -> str:
    """BGN/PCGN romanisation; `choice` swaps letters for another system's (see _CYR_CHOICES)."""
    choice = choice or {}
    table = {**_RU, **_UK} if lang == "uk" else _RU
    out: list[str] = []
    prev = " "
    for i, ch in enumerate(text):
        low = ch.lower()
        nxt = text[i + 1].lower() if i + 1 < len(text) else " "
        if low in table:
            rep = choice.get(low, table[low])
            # е after a vowel, a soft/hard sign or at a word start is "ye" (Yeltsin, Sergeyev).
            if low == "е" and lang != "uk" and (not prev.isalpha() or prev.lower() in "аеёиоуыэюяьъ"):
                rep = choice.get("е+", "ye")
            elif low in "ьъ" and nxt in "еёюяи":
                rep = choice.get("ь+", "")
            if ch.isupper() and rep:
                rep = rep[0].upper() + rep[1:]
            out.append(rep)
        else:
            out.append(anyascii(ch) if not ch.isascii() else ch)
        prev = ch
    return "".join(out)

