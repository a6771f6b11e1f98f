"""Word lists that tell names from ordinary words, per language, loaded lazily.

* English (the target side): simplemma's dictionary. A word is "common" when simplemma knows
  its lower-case form with a lower-case lemma (protesters -> protester); a known word whose
  lemma keeps its capital (Paris, January, Vladimir) is a known proper noun.
* German capitalises every noun, so a capital says nothing; german-nouns (Wiktionary DE)
  separates ordinary nouns from first names, surnames and toponyms, and a compound is ordinary
  when it ends in an ordinary noun (Energiepreiskrise -> Krise).
* Other languages: simplemma lemmas (Praze -> Praha, Москве -> Москва) and "is this a known
  word" for sentence-initial capitals.
"""
from __future__ import annotations

import csv
import threading
from functools import lru_cache

_lock = threading.Lock()
_German = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
_german: _German | None = None

# simplemma has data for these; anything else falls back to suffix rules only. Every simplemma
# look-up in evaluator goes through `lemma` and `is_known` below, with simplemma's low-memory
# dictionaries: the same answers (checked on every word of our corpora), but Polish takes 30 MB
# instead of 410 MB and loads in half the time.
_SIMPLEMMA_LANGS = frozenset(
    "bg ca cs cy da de el en es et fa fi fr ga gd gl gv hbs hi hu hy id is it ka la lb lt lv mk"
    " ms nb nl nn pl pt ro ru se sk sl sq sv sw tl tr uk".split()
)

MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# Words English capitalises that are not names to check: titles, honorifics, holidays, eras.
ENGLISH_NOT_NAMES = frozenset(
    "president minister prime deputy chancellor secretary senator governor mayor general colonel"
    " lieutenant captain major sergeant admiral king queen prince princess pope saint st mr mrs"
    " ms miss dr prof professor sir lord lady chairman chairwoman spokesman spokeswoman"
    " ambassador commissioner director premier vice foreign interior defence defense justice"
    " christmas easter ramadan eid hanukkah year years eve day god lord internet web"
    " i i'm i've i'd i'll ok okay tv ceo cfo ad bc am pm gmt utc"
    " ministry ministries office government parliament council committee court police army"
    " republic kingdom federation union state states region province district oblast city"
    " northern southern eastern western central voivodeship county district province municipality commune"
    " federal finance economy health education trade labour agriculture environment energy transport"
    " culture digital national voivode voivodship marshal starost prefect sheriff"
    " ombudsman".split()
)


def simplemma_lang(lang: str) -> str | None:
    lang = (lang or "").lower()[:2]
    return lang if lang in _SIMPLEMMA_LANGS else None


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    code = simplemma_lang(lang)
    if code is None:
        return word
    return _simplemma()[0].lemmatize(word, lang=code)


@lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    code = simplemma_lang(lang)
    if code is None:
        return False
    from simplemma.utils import normalize_token

    return _simplemma()[1].get_lemma(normalize_token(word), code) is not None


@lru_cache(maxsize=1)
def _simplemma():
    """simplemma's lemmatizer and dictionary look-up, as `simplemma.lemmatize` and `simplemma.is_known`
    with `low_memory=True` build them, over the same low-memory dictionaries indexed once and then
    read back from the user's cache (see cache_files: indexing Polish took ~1 s per process)."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy, StreamDictionaryFactory

    class Stored(StreamDictionaryFactory):
        __slots__ = ()

        def _get_dictionary_uncached(self, lang: str):
            return _stream_map(lang)

    factory = Stored()
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), DictionaryLookupStrategy(factory)


def _stream_map(lang: str):
    from simplemma.strategies.dictionaries.stream_dictionary_factory import StreamMap

    from .cache_files import cached

    def build() -> tuple:
        m = StreamMap(lang)
        return (m._data, m._rev, m._count, m._pos, m._firsts, m._blocks)

    def valid(state) -> bool:
        return (isinstance(state, tuple) and len(state) == 6 and isinstance(state[0], bytes)
                and isinstance(state[4], list) and isinstance(state[5], list))

    state = cached(f"simplemma-{lang}", ("lang/lexicon.py",), ("simplemma",), build, valid)
    m = StreamMap.__new__(StreamMap)
    m._data, m._rev, m._count, m._pos, m._firsts, m._blocks = state
    return m


@lru_cache(maxsize=200_000)
def english_kind(word: str) -> str:
    """'common', 'proper' (a known name such as Paris or January) or 'unknown' (Djokovic)."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    low = w.lower()
    if not low.isalpha() and "-" in low:
        parts = [p for p in low.split("-") if p]
        kinds = {english_kind(p) for p in parts}
        if kinds == {"common"}:
            return "common"
        return "unknown" if "unknown" in kinds else "proper"
    if low in MONTHS_DAYS or low in ENGLISH_NOT_NAMES:
        return "common"
    if not is_known(low, "en"):
        # Plural or possessive of a known word: Kazakhs, Americans.
        if low.endswith("s") and is_known(low[:-1], "en"):
            return english_kind(w[:-1])
        return "unknown"
    lem = lemma(low, "en")
    return "proper" if lem[:1].isupper() else "common"


def _load_german() -> _German:
    global _german
    if _german is None:
        with _lock:
            if _german is None:
                _german = _read_german_nouns()
    return _german


def _read_german_nouns() -> _German:
    """(ordinary nouns, names, given names, names of people and places, places) from german-nouns'
    Wiktionary table; the rest of the names are "Eigennamen" (Sonne, Bundesverfassungsgericht)."""
    import importlib.resources as resources

    common: set[str] = set()
    names: set[str] = set()
    given: set[str] = set()
    people_places: set[str] = set()
    places: set[str] = set()
    name_pos = {"Vorname", "Nachname", "Toponym", "Eigenname", "Straßenname"}
    path = resources.files("german_nouns") / "nouns.csv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.reader(fh)
        next(rows, None)
        for row in rows:
            if len(row) < 2:
                continue
            forms = {row[0]} | {x for x in row[2:] if x[:1].isupper()}
            pos = set(row[1].split(","))
            if pos & name_pos:
                names.update(forms)
                if "Vorname" in pos:
                    given.add(row[0])
                if pos & (name_pos - {"Eigenname"}):
                    people_places.update(forms)
                if "Toponym" in pos:
                    places.update(forms)
            else:
                common.update(forms)
    return frozenset(common), frozenset(names), frozenset(given), frozenset(people_places), frozenset(places)


@lru_cache(maxsize=100_000)
def german_is_common_noun(word: str) -> bool:
    """True for an ordinary German noun (or compound of one); False for names and unknowns."""
    common, names = _load_german()[:2]
    if word in names and word not in common:
        return False
    if word in common:
        return True
    # Compounds: Energiepreiskrise ends in "Krise"; keep a prefix of 3+ letters so a surname
    # like "Scholz" is not read as S + "cholz".
    for i in range(3, len(word) - 3):
        tail = word[i].upper() + word[i + 1 :]
        if tail in common:
            return True
    return False


def german_common_nouns() -> frozenset[str]:
    return _load_german()[0]


def german_is_name(word: str) -> bool:
    return word in _load_german()[1]


def german_is_given_name(word: str) -> bool:
    return word in _load_german()[2]


def german_is_person_or_place(word: str) -> bool:
    return word in _load_german()[3]


def german_is_place(word: str) -> bool:
    return word in _load_german()[4]


@lru_cache(maxsize=100_000)
def german_doubles_as_word(word: str) -> bool:
    """A German name that is also an ordinary word: Sonne (sun), Busch (bush), Weber (weaver),
    Jung (young). Such a word is read as the ordinary word unless something marks it as a name."""
    common, names = _load_german()[:2]
    if word in common:
        return True
    low = word.lower()
    return is_known(low, "de") and lemma(low, "de")[:1].islower()
