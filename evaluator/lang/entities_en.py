"""Names in English (target) text: capitalised token runs and acronyms, with how sure we are.

A run of capitalised tokens is a candidate; sentence-initial common words ("Protesters",
"The"), titles ("President", "Prime Minister") and months are dropped from its edges. What is
left is *strong* when it holds a word English does not know (Djokovic, Blingen), an acronym, or
a known place; it is *weak* when every word is an ordinary English word ("Joint Security
Agency"): weak names can stand in for a source name but are never reported as additions.
Demonyms and language names (Kazakh, Russian) are *derived*: they echo a source adjective.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import gazetteer, lexicon
from .entity_units import is_unit
from .sentences import split_sentences

TOKEN = re.compile(r"[^\W\d_](?:[\w]|[-'’](?=\w))*", re.UNICODE)
_CONNECT = frozenset({"of", "the", "de", "al", "bin", "ibn", "van", "von", "der", "la", "du", "da", "del", "for"})
_DEMONYM_EXTRA = frozenset(
    "british french dutch swiss welsh scottish irish spanish swedish danish finnish turkish greek"
    " thai filipino kyrgyz tajik uzbek afghan israeli iraqi pakistani yemeni saudi emirati kuwaiti"
    " qatari omani bahraini bangladeshi nepali kazakhstani soviet european asian african american"
    " arab arabic muslim christian catholic orthodox jewish western eastern baltic slavic"
    " caucasian latin nordic scandinavian balkan cossack tatar uyghur uighur chechen kurdish kurd"
    " belarusian ukrainian russian polish german czech chinese kazakh kazakhs americans europeans"
    " sunni shia shiite protestant buddhist hindu communist socialist democrat democrats"
    " republican republicans conservative conservatives liberal liberals labour".split()
)


@dataclass(frozen=True)
class TargetToken:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TargetEntity:
    text: str
    start: int
    end: int
    tokens: tuple[TargetToken, ...]
    strong: bool  # reportable as an addition if nothing in the source explains it
    derived: bool  # a demonym / language adjective (Kazakh, Russian)
    acronym: bool


@lru_cache(maxsize=100_000)
def is_acronym(word: str) -> bool:
    """NATO, ODKB, and mixed ones like PiS: at least two capitals, and capitals are the majority."""
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return len(letters) >= 2 and upper >= 2 and word[:1].isupper() and 2 * upper >= len(letters) + 1 \
        and not _is_roman(word)


def _is_roman(word: str) -> bool:
    return bool(re.fullmatch(r"[IVXLCDM]+", word)) and len(word) <= 4


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=1)
def _derived_words() -> frozenset[str]:
    from babel import Locale

    from .gazetteer_data import IRREGULAR_DEMONYMS

    en = Locale("en")
    out = set(_DEMONYM_EXTRA) | {d.lower() for ds in IRREGULAR_DEMONYMS.values() for d in ds}
    for name in list(en.languages.values()):
        for w in name.lower().split():
            out.add(w)
    for code, name in en.territories.items():
        if len(code) != 2:
            continue
        low = name.lower()
        if " " in low:
            continue
        out.update(_demonym_guesses(low))
    return frozenset(out)


def _demonym_guesses(country: str) -> set[str]:
    stems = {country, country[:-1], country[:-2]}
    out: set[str] = set()
    for s in stems:
        for suf in ("n", "an", "ian", "ese", "i", "ish", "ic", "ean"):
            out.add(s + suf)
    if country.endswith("stan"):
        out.add(country[:-4])
        out.add(country[:-4] + "i")
    return out


@lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from .gazetteer_data import IRREGULAR_DEMONYMS

    return frozenset(_DEMONYM_EXTRA) | {d.lower() for ds in IRREGULAR_DEMONYMS.values() for d in ds}


def is_demonym(word: str) -> bool:
    """A people's or a country's adjective English capitalises (Spaniard, Briton, Kazakh)."""
    return word.lower().replace("’", "'").removesuffix("'s") in _demonyms()


_ADJECTIVE_SHAPE = re.compile(r"[a-z]{3,}(ian|ean|ese|ish)s?$")


@lru_cache(maxsize=100_000)
def is_derived(word: str) -> bool:
    low = word.lower().replace("’", "'")
    low = low[:-2] if low.endswith("'s") else low
    words = _derived_words()
    if low in words or (low.endswith("s") and low[:-1] in words):
        return True
    # "Masovian", "Pomeranian": an adjective of a region, named in the source by its own adjective.
    return bool(_ADJECTIVE_SHAPE.fullmatch(low)) and lexicon.english_kind(word) == "unknown"


def tokens(text: str) -> list[TargetToken]:
    return [TargetToken(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def sentence_starts(text: str, lang: str) -> set[int]:
    """Offsets of the first word of each sentence."""
    starts: set[int] = set()
    for span in split_sentences(text, lang):
        m = TOKEN.search(text, span.start, span.end)
        if m:
            starts.add(m.start())
    return starts


def extract(text: str, lower_vocab: frozenset[str] = frozenset()) -> list[TargetEntity]:
    """Names in an English text. `lower_vocab`: words seen lower-case anywhere in the document."""
    toks = tokens(text)
    starts = sentence_starts(text, "en")
    runs: list[list[TargetToken]] = []
    cur: list[TargetToken] = []
    for i, tok in enumerate(toks):
        word = tok.text
        joinable = cur and _gap_ok(text, cur[-1].end, tok.start)
        if _is_cap(word) and not is_unit(word, text, tok.start, tok.end):  # "PLN 5 billion"
            if cur and not joinable:
                runs.append(cur)
                cur = []
            cur.append(tok)
            continue
        # "Organization of the Islamic ...": a connector joins two capitalised words.
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (cur and joinable and word in _CONNECT and nxt is not None and _is_cap(nxt.text)
                and _gap_ok(text, tok.end, nxt.start)):
            cur.append(tok)
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    out: list[TargetEntity] = []
    for run in runs:
        for piece in _trim(run, starts, lower_vocab):
            # "Prime Minister Donald Tusk": a run right after a title names a person.
            titled = any(t.end <= piece[0].start and t.text.lower() in _TITLE_SPLIT for t in run)
            out.append(_entity(text, piece, lower_vocab, titled))
    return out


def _gap_ok(text: str, a: int, b: int) -> bool:
    return text[a:b] == " "


def _droppable(tok: TargetToken, starts: set[int], lower_vocab: frozenset[str]) -> bool:
    word = tok.text
    if not _is_cap(word) or is_acronym(word):
        return not _is_cap(word)
    low = word.lower()
    kind = lexicon.english_kind(word)
    if low in lexicon.ENGLISH_NOT_NAMES or low in lexicon.MONTHS_DAYS:
        return True
    if is_derived(word):
        return False  # "Slovenian Prime Minister ...": a demonym that may stand for a country
    if tok.start in starts and (kind == "common" or low in lower_vocab):
        return True
    return False


def _trim(run: list[TargetToken], starts: set[int], lower_vocab: frozenset[str]) -> list[list[TargetToken]]:
    """Drop titles, months and sentence-initial common words from the edges of a run."""
    i, j = 0, len(run)
    while i < j and (_droppable(run[i], starts, lower_vocab) or run[i].text in _CONNECT):
        i += 1
    while j > i and (_droppable(run[j - 1], starts, lower_vocab) or run[j - 1].text in _CONNECT):
        j -= 1
    if i >= j:
        return []
    core = run[i:j]
    # Split at inner titles: "Kazakh President Tokayev" is a demonym and a name.
    pieces: list[list[TargetToken]] = [[]]
    for tok in core:
        if tok.text.lower() in lexicon.ENGLISH_NOT_NAMES and lexicon.english_kind(tok.text) == "common" \
                and tok.text.lower() in _TITLE_SPLIT:
            pieces.append([])
        else:
            pieces[-1].append(tok)
    return [p for p in pieces if p and not all(t.text in _CONNECT for t in p)]


_TITLE_SPLIT = frozenset(
    "president minister prime chancellor secretary senator governor mayor general king queen"
    " prince pope mr mrs ms dr prof ambassador spokesman spokeswoman premier".split()
)


def _entity(text: str, toks: list[TargetToken], lower_vocab: frozenset[str], titled: bool = False) -> TargetEntity:
    start, end = toks[0].start, toks[-1].end
    surface = text[start:end]
    words = [t.text for t in toks if t.text not in _CONNECT]
    acronym = len(words) == 1 and is_acronym(words[0])
    derived = all(is_derived(w) for w in words)
    strong = acronym or (titled and len(words) > 1)
    if not derived:
        for w in words:
            kind = lexicon.english_kind(w)
            if kind == "unknown" and w.lower() not in lower_vocab:
                strong = True
            elif kind == "proper" and w.lower() not in lexicon.MONTHS_DAYS:
                strong = True
            elif gazetteer.is_known_place(w):
                strong = True  # "berlin" is also a carriage, "Berlin" is the city
            elif not w.isascii():
                strong = True
    return TargetEntity(surface, start, end, tuple(toks), strong and not derived, derived, acronym)
