"""When a target name that no romanisation rule predicts is still a right rendering of a source name.

Two kinds of evidence, both about spelling systems rather than particular names:

* `sound_match`: the target keeps the name's original spelling, which the source wrote its own
  way (Russian Казьмерчак for the Polish Kaźmierczak, German Hryzenko for the Ukrainian
  Hrytsenko, Russian Чжэн for the pinyin Zheng); see entity_sound.
* `unverifiable`: the source uses its own language's exonym for a foreign name (Polish Luwr,
  Niemen, Izolda), which English replaces with another one (Louvre, Neman, Isolde). Without a
  gazetteer entry nothing says which English form is right, so a merely similar one is not
  called a misspelling. German land names in -ien (Podlachien, Kujawien) are such exonyms too.

Russian and Ukrainian surnames (Собянин, Набиуллина, Токаев) are romanised by English texts,
never kept in a Polish or German spelling, so for them the strict romanisation keys stand.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import gazetteer, lexicon
from .entities import SourceEntity, SourcePart
from .entity_expect import Expect
from .entity_sound import is_cyrillic, pinyin_alike, sounds_alike
from .translit import NON_LATIN_SOURCES, polish_spelling_of_foreign

# East Slavic surname shapes that only a Russian (or Ukrainian, Belarusian) name has; -ский is
# left out, since Polish names take it too (Ольшевский is Olszewski). -ой / -ый also end place
# names (Бильче-Золотое, Золотой), so they count only in a person's name (Андрей Мостовой).
_RUSSIAN_SURNAME = re.compile(r"(ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына)$")
_RUSSIAN_ADJ_SURNAME = re.compile(r"(ой|ый|ая)$")


def _russian_surname(ent: SourceEntity, part: SourcePart) -> bool:
    words = [(part.lemma or part.text).lower(), part.text.lower()]
    if any(_RUSSIAN_SURNAME.search(w) for w in words):
        return True
    return len(ent.parts) > 1 and any(_RUSSIAN_ADJ_SURNAME.search(w) for w in words)


def is_given_name(ent: SourceEntity, part: SourcePart) -> bool:
    """A part before the last one of a person's name (Кшиштоф in Кшиштоф Адамчик)."""
    return len(ent.parts) > 1 and part is not ent.parts[-1] and ent.kind == "name"


def _forms(part: SourcePart) -> tuple[str, ...]:
    return tuple(dict.fromkeys((part.text, part.lemma or part.bases[0], *part.bases[:4])))


def _other_entity(cand_text: str, ids: frozenset[str]) -> bool:
    """The candidate is a known place that is not the source one (Iraq for Iran)."""
    other = gazetteer.ids_for(cand_text.replace("’", "'").removesuffix("'s"))
    return bool(other) and not (other & ids) and gazetteer.is_known_place(cand_text)


def sound_match(lang: str, ent: SourceEntity, part: SourcePart, exp: Expect, cand_text: str,
                given: bool | None = None) -> bool:
    """Whether `cand_text` is the source name in another spelling system (see module doc)."""
    lang = lang[:2]
    if given is None:
        given = is_given_name(ent, part)
    if _other_entity(cand_text, exp.ids):
        return False
    forms = _forms(part)
    if lang in NON_LATIN_SOURCES and is_cyrillic(part.text):
        # A gazetteer name has its English forms; only given names (Елена / Olena) also have
        # their national forms, which the gazetteer does not list.
        # Чжоу Мэйлин is Zhou Meiling; a Chinese syllable may also spell a town's name somewhere
        # (Мэй: Myeik), whose English form does not make the pinyin wrong.
        chinese = " " not in cand_text and pinyin_alike(forms, cand_text)
        if chinese and all(i.startswith(("geo:", "cur:g-")) for i in exp.ids):
            return True
        if exp.ids and not all(i.startswith("cur:g-") for i in exp.ids):
            return False
        if chinese:
            return True
        if not given and cand_text.isascii() and _russian_surname(ent, part):
            return False
        return any(sounds_alike(f, cand_text, 2 if given else 3) for f in forms)
    if exp.ids or _native(lang, part):
        return False  # a known name has its English forms; a native one keeps its spelling
    return any(sounds_alike(f, cand_text, 0) for f in forms)


def _native(lang: str, part: SourcePart) -> bool:
    """A name of the source language's own, which English keeps letter for letter."""
    lemma = part.lemma or part.bases[0]
    if lang == "pl":
        return part.native and not polish_spelling_of_foreign(lemma, True)
    if lang == "de":
        return lexicon.german_is_name(lemma) or lexicon.german_is_name(part.text)
    return bool(_OWN_LETTERS.get(lang, _NO_LETTERS).search(lemma))  # Černochová: a Czech name


_OWN_LETTERS = {"cs": re.compile(r"[áčďéěíňóřšťúůýž]", re.IGNORECASE), "sk": re.compile(r"[áäčďéíĺľňóôŕšťúýž]", re.IGNORECASE)}
_NO_LETTERS = re.compile(r"(?!x)x")


def given_name_variant(part: SourcePart, cand_text: str) -> bool:
    """A given name in its form in another language: Karol / Karl, Елена / Olena, Мария / Marie.
    Only the consonants must agree; the surname beside it has been matched already."""
    return any(sounds_alike(f, cand_text, 2) for f in _forms(part))


def unverifiable(lang: str, part: SourcePart, exp: Expect, cand_text: str, similarity: float,
                 full_name: bool = False) -> bool:
    """Whether a similar target name must not be called a misspelling (see module doc)."""
    if exp.ids:
        return False
    lang = lang[:2]
    if lang == "pl" and part.native and not _person(part):
        return True  # a Polish exonym (Luwr, Niemen, Sewilla): English has its own
    if lang == "de" and (part.lemma or part.text).endswith("ien") and not full_name \
            and not lexicon.german_is_given_name(part.lemma or part.text):
        return True  # a German land name (Podlachien, Kujawien): English has Podlasie, Kuyavia
    if lang == "de" and lexicon.german_is_name(part.lemma or part.text) \
            and not lexicon.german_is_given_name(part.lemma or part.text) \
            and not lexicon.german_is_person_or_place(part.lemma or part.text):
        return True
    return False


def _person(part: SourcePart) -> bool:
    from . import polish

    info = polish.analyse(part.text)
    return info.person and not info.geo


_EN_ADJECTIVE = ("ian", "ean", "an", "ese", "ish", "ic", "n", "i")


@lru_cache(maxsize=65536)  # every candidate against every source name
def english_stems(text: str) -> tuple[str, ...]:
    """A target name and the name it may be made from: Kraków's, Jagiellonian -> Jagiellon."""
    base = text.replace("’", "'").removesuffix("'s")
    out = [base]
    for suf in _EN_ADJECTIVE:
        if base.endswith(suf) and len(base) - len(suf) >= 3:
            out.append(base[: -len(suf)])
    return tuple(dict.fromkeys(out))


def adjective_renders(lang: str, part: SourcePart, cand_text: str) -> bool:
    """Whether a target word renders a source adjective made from a name (Шанхайский: Shanghai,
    Люблинской: Lublin, Jagiellonian for Ягеллонского)."""
    cyr = lang[:2] in NON_LATIN_SOURCES and is_cyrillic(part.text)
    return any(sounds_alike(b, t, 3 if cyr else 0) for b in part.bases[:4] for t in english_stems(cand_text))
