"""Whether two spellings of a name can be the same name written by different spelling systems.

A Russian text writes the Polish surname Kaźmierczak as Казьмерчак, the German Lichtenberg as
Лихтенберг and the Ukrainian Horbenko as Горбенко; an English text keeps the original spelling.
Romanising the Russian form gives Kazmerchak, Likhtenberg, Gorbenko: no romanisation recovers
the original. German texts do the same with Ukrainian and Arabic names (Hryzenko, Al-Chatib for
Hrytsenko, Al-Khatib).

So both sides are read into one phonetic notation, with every reading a spelling system allows
(Polish and Czech, English romanisations of Cyrillic, German, pinyin), and compared there:

* the *sound key* keeps vowels, with glides (j, y, i next to a vowel) dropped;
* the *skeleton* keeps consonants only, and merges voiced and voiceless sibilants (rz in
  Przemyśl is Пшемысль), so Ольга / Olha and Александра / Oleksandra agree.

A misspelling is what no spelling system explains: Blinken / Blingen differ in k / g, which no
system swaps, so they stay apart. Notation: S = sh, Z = zh, C = ch, c = ts, h = kh.
"""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

from anyascii import anyascii

from .translit import rewrite

_VOWELS = "aeiou"
_SEP = re.compile(r"[\s\-‐‑–'’.]+")

# --- Cyrillic -----------------------------------------------------------------------------------

_CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "Z", "з": "z", "и": "i",
    "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "h", "ц": "c", "ч": "C", "ш": "S", "щ": "SC", "ъ": "", "ы": "i", "ь": "",
    "э": "e", "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g", "ў": "u",
}


def _cyrillic_readings(word: str) -> set[str]:
    low = word.lower()
    plain = "".join(_CYR.get(ch, anyascii(ch).lower()) for ch in low)
    out = {plain, plain.replace("g", "h")}  # Г is h in Ukrainian, Czech and Polish names (Горбенко)
    # An English W is written У before a vowel (Уэбб, Уитфилд).
    out |= {re.sub(r"^u(?=[aeio])", "v", r) for r in out}
    return out


# --- Latin spelling systems --------------------------------------------------------------------

# Polish, Czech, Slovak, Lithuanian, and the Latin spellings of Ukrainian in those languages.
_SLAVIC: tuple[tuple[str, str], ...] = (
    ("szcz", "SC"), ("dż", "dZ"), ("dź", "dz"), ("cz", "C"), ("sz", "S"), ("rz", "Z"), ("ch", "h"),
    ("ż", "Z"), ("ź", "z"), ("ś", "s"), ("ć", "c"), ("ń", "n"), ("ł", "l"), ("ó", "u"), ("w", "v"),
    ("č", "C"), ("š", "S"), ("ž", "Z"), ("ř", "rZ"), ("ě", "e"), ("ů", "u"), ("ý", "i"), ("ė", "e"),
    ("ū", "u"), ("ų", "u"), ("į", "i"), ("x", "ks"), ("q", "k"), ("y", "i"),
)
# English romanisations of Cyrillic (BGN/PCGN, Ukrainian national), English and Arabic names.
_ANGLO: tuple[tuple[str, str], ...] = (
    ("shch", "SC"), ("sch", "S"), ("sh", "S"), ("zh", "Z"), ("kh", "h"), ("ch", "C"), ("wh", "v"), ("tz", "c"),
    ("ts", "c"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("x", "ks"), ("q", "k"), ("w", "v"), ("y", "i"),
)
_GERMAN: tuple[tuple[str, str], ...] = (
    ("tsch", "C"), ("sch", "S"), ("ch", "H"), ("ck", "k"), ("tz", "c"), ("z", "c"), ("ß", "s"),
    ("ph", "f"), ("th", "t"), ("qu", "kv"), ("x", "ks"), ("v", "f"), ("w", "v"), ("ei", "aj"),
    ("ai", "aj"), ("eu", "oj"), ("äu", "oj"), ("ie", "i"), ("ä", "e"), ("ö", "e"), ("ü", "ju"), ("y", "i"),
)


def _nasal(word: str) -> str:
    # Polish ą / ę are a vowel and a nasal consonant: Dąbrowska is Домбровская.
    word = re.sub(r"ą(?=[bp])", "om", word)
    word = re.sub(r"ę(?=[bp])", "em", word)
    word = re.sub(r"ą(?=.)", "on", word)
    word = re.sub(r"ę(?=.)", "en", word)
    return word.replace("ą", "o").replace("ę", "e")


def _ascii(s: str) -> str:
    return "".join(ch if ch in "SZCjc" or ch.isascii() else anyascii(ch).lower() for ch in s)


def _latin_readings(word: str) -> set[str]:
    low = word.lower()
    slavic = rewrite(_nasal(low), _SLAVIC)
    out = {_ascii(slavic)}
    if any(ch in low for ch in "śźć"):
        # Russian hears Polish ś, ź, ć as ш, ж, ч in some names (Wiśniewski, Вишневский).
        out.add(_ascii(rewrite(_nasal(low.replace("ś", "sz").replace("ź", "ż").replace("ć", "cz")), _SLAVIC)))
    folded = anyascii(low).lower()
    if folded.startswith("eu"):
        folded_ev = "ev" + folded[2:]  # Europe, Eurostat: Европа, Евростат
        out.add(rewrite(folded_ev, _ANGLO))
    anglo = rewrite(folded, _ANGLO)
    out.add(rewrite(folded.replace("ch", "sh"), _ANGLO))  # French ch (Chopin, Шопен)
    # English c is k before a back vowel or a consonant (Cortina), s before e, i, y.
    anglo_c = re.sub(r"c(?=[eiy])", "s", rewrite(folded, tuple(r for r in _ANGLO if r[0] not in ("ts", "tz")))).replace("c", "k")
    out |= {anglo, _ascii(anglo_c)}
    out.add(anglo.replace("j", "dZ"))  # English J (Джон)
    out.add(anglo.replace("j", "h"))  # Spanish J (Javier, Хавьер)
    out.add(re.sub(r"^v(?=[aeio])", "u", anglo))  # English W as a vowel (Webb, Уэбб)
    out.add(re.sub(r"(?<=[aeiou])h$", "", anglo))  # a silent final h (Abdullah, Абдулла)
    german = rewrite(low, _GERMAN)
    german = re.sub(r"(?<=[aeiou])h", "", german).replace("H", "h")  # a silent h: Kitzbühel
    german = re.sub(r"^s(?=[pt])", "S", german)  # Striezelmarkt, Spitze
    german = re.sub(r"(?<=[bdgkptlmnr])s(?=[pt])", "S", german)  # Zugspitze
    german_z = re.sub(r"(?<![sS])s(?=[aeiou])", "z", german)  # Krause, Sommer
    # German spells Cyrillic з as s everywhere: Ismajil (Измаил), Ukrsalisnyzja.
    german_zz = re.sub(r"(?<![sS])s(?![sS])", "z", german)
    out |= {_ascii(german), _ascii(german_z), _ascii(german_zz)}
    return {r for r in out if r}


# --- keys --------------------------------------------------------------------------------------


def _vowel_key(reading: str) -> str:
    # Doubled letters stay: Weber / Webber and Guterres / Gutteres are misspellings.
    s = reading.replace("j", "i")
    s = re.sub(r"i+", "i", s)
    s = re.sub(r"(?<=[aeou])i|i(?=[aeou])", "", s)  # glides: Иоанна / Joanna, Гаевский / Gajewski
    return s.replace("ie", "e")


def _skeleton(reading: str) -> str:
    s = re.sub(r"[aeiouj]", "", reading)
    s = s.replace("Z", "S").replace("z", "s")  # Пшемысль / Przemyśl, Ismajil / Izmail
    s = s.replace("tc", "c")  # German tz is тц or ц (Цугшпитце, Кицбюэль)
    # Russian spells German and English doubled consonants single (Шуман / Schumann).
    return re.sub(r"(.)\1+", r"\1", s)


def _words(text: str) -> list[str]:
    return [w for w in _SEP.split(text.replace("’s", "").replace("'s", "")) if w]


_RU_ENDINGS = ("ского", "скому", "ским", "ском", "ской", "ская", "ский", "ское", "скую",
               "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ей", "ом", "ем", "ым", "им",
               "ах", "ях", "ую", "ая", "ий", "ый")


def _cyr_stems(word: str) -> list[str]:
    """The word and its likely nominatives without a case ending (Ионавой -> Ионава)."""
    out = [word]
    low = word.lower()
    for end in _RU_ENDINGS:
        if low.endswith(end) and len(low) - len(end) >= 2:
            stem = word[: -len(end)]
            if end.startswith("ск"):
                out.extend([stem, stem + "ски"])  # Беловежской: Беловеж(a), Вишневский: Вишневски
            else:
                out.extend([stem, stem + "а"])
            break
    else:
        if low[-1:] in "аяуюеиы" and len(low) >= 4:
            out.extend([word[:-1], word[:-1] + "а"])  # Елены -> Елена
    return out


@lru_cache(maxsize=50_000)
def _keys(text: str, cyrillic: bool) -> tuple[frozenset[str], frozenset[str]]:
    """(sound keys, skeletons) of every reading of `text`; words joined by one space."""
    per_word: list[set[str]] = []
    for w in _words(text)[:4]:
        readings: set[str] = set()
        if cyrillic:
            for stem in _cyr_stems(w):
                readings |= _cyrillic_readings(stem)
        else:
            readings = _latin_readings(w)
        per_word.append(readings)
    if not per_word:
        return frozenset(), frozenset()
    vowel: set[str] = set()
    skel: set[str] = set()
    for combo in product(*per_word):
        if len(vowel) > 400:
            break
        vowel.add(" ".join(_vowel_key(r) for r in combo))
        skel.add(" ".join(_skeleton(r) for r in combo))
    return frozenset(vowel), frozenset(skel)


def is_cyrillic(text: str) -> bool:
    return any("\u0400" <= ch <= "\u04ff" for ch in text)


@lru_cache(maxsize=100_000)
def sounds_alike(source: str, target: str, min_consonants: int = 3) -> bool:
    """Whether `target` (Latin letters) can be `source` in another spelling system.

    Equal sound keys always count; equal consonant skeletons count when they hold at least
    `min_consonants` consonants (fewer leave too much to chance: Anna / Inna); 0 turns
    skeletons off. Skeletons suit a name written into Cyrillic, which loses vowels and doubled
    letters; between two Latin spellings they would hide misspellings (Sabalenka / Sabalenko).
    """
    if not source or not target:
        return False
    s_vowel, s_skel = _keys(source, is_cyrillic(source))
    t_vowel, t_skel = _keys(target, False)
    if s_vowel & t_vowel:
        return True
    if not min_consonants:
        return False
    common = s_skel & t_skel
    return any(len(k.replace(" ", "")) >= min_consonants for k in common)


# --- pinyin and the Russian (Palladius) spelling of Chinese -------------------------------------

_PY_INITIALS = (("zh", "чж"), ("ch", "ч"), ("sh", "ш"), ("b", "б"), ("p", "п"), ("m", "м"), ("f", "ф"),
                ("d", "д"), ("t", "т"), ("n", "н"), ("l", "л"), ("g", "г"), ("k", "к"), ("h", "х"),
                ("j", "цз"), ("q", "ц"), ("x", "с"), ("r", "ж"), ("z", "цз"), ("c", "ц"), ("s", "с"))
_PY_FINALS = {
    "a": ("а",), "o": ("о",), "e": ("э", "е"), "ai": ("ай",), "ei": ("эй", "ей"), "ao": ("ао",), "ou": ("оу",),
    "an": ("ань",), "en": ("энь", "ень"), "ang": ("ан",), "eng": ("эн", "ен"), "ong": ("ун",), "er": ("эр",),
    "i": ("и", "ы"), "ia": ("я",), "ie": ("е",), "iao": ("яо",), "iu": ("ю",), "ian": ("янь",), "in": ("инь",),
    "iang": ("ян",), "ing": ("ин",), "iong": ("юн",), "u": ("у", "юй"), "ua": ("уа",), "uo": ("о", "уо"),
    "uai": ("уай",), "ui": ("уй", "уэй"), "uan": ("уань", "юань"), "un": ("унь", "юнь"), "uang": ("уан",),
    "ue": ("юэ",), "v": ("юй",), "ve": ("юэ",),
}
_PY_ZERO = {
    "yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "wu": "у", "wa": "ва",
    "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн",
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "er": "эр",
}


@lru_cache(maxsize=4096)
def _syllables(word: str) -> tuple[tuple[str, ...], ...]:
    """Every reading of a pinyin word as syllables, as Russian spellings of each syllable."""
    if not word:
        return ((),)
    out: list[tuple[str, ...]] = []
    for size in range(1, min(6, len(word)) + 1):
        head, rest = word[:size], word[size:]
        spellings = _syllable(head)
        if not spellings:
            continue
        for tail in _syllables(rest):
            for sp in spellings:
                out.append((sp, *tail))
                if len(out) > 64:
                    return tuple(out)
    return tuple(out)


def _syllable(syl: str) -> tuple[str, ...]:
    if syl in _PY_ZERO:
        return (_PY_ZERO[syl],)
    for ini, cyr in _PY_INITIALS:
        if syl.startswith(ini) and len(syl) > len(ini):
            fin = syl[len(ini):]
            if fin in _PY_FINALS:
                return tuple(cyr + f for f in _PY_FINALS[fin])
    return ()


def _cyr_norm(text: str) -> str:
    return text.lower().replace("ь", "").replace("ъ", "").replace("э", "е").replace("ё", "е").replace("-", "")


@lru_cache(maxsize=20_000)
def palladius(target: str) -> frozenset[str]:
    """Russian spellings of a pinyin name (Zheng -> Чжэн, Haoran -> Хаожань), normalised."""
    word = anyascii(target).lower().replace("'", "").replace("-", "")
    if not word.isalpha() or len(word) > 14:
        return frozenset()
    return frozenset(_cyr_norm("".join(s)) for s in _syllables(word)[:64])


def pinyin_alike(source_forms: tuple[str, ...], target: str) -> bool:
    """Whether a Cyrillic source name is the Russian spelling of the pinyin `target`."""
    spellings = palladius(target)
    return bool(spellings) and any(_cyr_norm(f) in spellings for f in source_forms)
