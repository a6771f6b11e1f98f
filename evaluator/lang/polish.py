"""Polish word analysis for entity extraction: morfeusz2 lemmas and name classes, cached.

Morfeusz (SGJP dictionary) knows Polish and many foreign names with their inflection
(Kazachstanu -> Kazachstan, Putinowi -> Putin). Foreign names it does not know come back as
`ign` in the inflected form (Tokajewa, Blinkena); `name_bases` strips the case endings Polish
puts on such names so they can be compared with the English rendering.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

# Name classes in SGJP's "qualifiers" that mark a proper-name reading.
NAME_CLASSES = frozenset(
    {
        "imię", "nazwisko", "nazwa_geograficzna", "nazwa_organizacji", "nazwa_instytucji",
        "nazwa_obiektu", "nazwa_własna", "pseudonim", "nazwa_firmy", "nazwa_marki",
        "nazwa_wydarzenia", "nazwa_astronomiczna", "nazwa_etniczna",
    }
)
# Words that may take a capital in Polish news without being a name of their own.
_TITLES = frozenset(
    "pan pani prezydent premier minister wicepremier wiceminister marszałek kanclerz król królowa"
    " książę generał gen prof dr sekretarz rzecznik ambasador papież święty św szef przewodniczący"
    " senator poseł posłanka mer burmistrz gubernator".split()
)

# Case endings Polish adds to foreign names it declines, longest first. The alternations of
# the stem (Sułtanie <- Sułtan, Bidenie <- Biden) only add a vowel, so stripping works.
_ENDINGS = (
    "owie", "owi", "ach", "ami", "iem", "ego", "emu", "owa", "ów", "om", "em", "ie", "ym", "im",
    "ą", "ę", "a", "u", "y", "i", "e",
)
_ACRONYM_TAIL = re.compile(r"^([A-ZĄĆĘŁŃÓŚŹŻ0-9&]{2,})-(?:[a-ząćęłńóśźż]{1,5})$")


@dataclass(frozen=True)
class WordInfo:
    word: str
    name_lemmas: tuple[str, ...]  # capitalised lemmas of proper-name readings
    common_lemmas: tuple[str, ...]  # lower-case lemmas of common-word readings
    unknown: bool  # morfeusz said `ign`
    adjective: bool  # some reading is an adjective
    title: bool  # a title or honorific (Prezydent, Pan) rather than a name

    @property
    def is_name(self) -> bool:
        return bool(self.name_lemmas) or self.unknown

    @property
    def only_common(self) -> bool:
        return not self.is_name and bool(self.common_lemmas)


class _Morfeusz:
    """One morfeusz2 instance per thread: the C++ object is not thread-safe."""

    _local = threading.local()

    @classmethod
    def get(cls):  # type: ignore[no-untyped-def]
        m = getattr(cls._local, "m", None)
        if m is None:
            import morfeusz2

            m = morfeusz2.Morfeusz(separate_spaces=False)
            cls._local.m = m
        return m


def _clean_lemma(lemma: str) -> str:
    # SGJP lemmas carry homonym tags: "Moskwa:Sf", "polski:A".
    return lemma.split(":", 1)[0]


@lru_cache(maxsize=200_000)
def analyse(word: str) -> WordInfo:
    """Readings of one word (no spaces). Hyphenated words are analysed part by part."""
    acr = _ACRONYM_TAIL.match(word)
    if acr:  # ODKB-u, ONZ-etu
        word_for_lookup = acr.group(1)
    else:
        word_for_lookup = word
    interps = _Morfeusz.get().analyse(word_for_lookup)
    n_tokens = max((i[1] for i in interps), default=0)
    if n_tokens > 1:  # hyphenated or otherwise split by morfeusz: judge it from its parts
        parts = [p for p in re.split(r"[-‐‑–]", word_for_lookup) if p]
        infos = [analyse(p) for p in parts]
        unknown = any(i.unknown for i in infos)
        named = all(i.is_name for i in infos)
        lemma = "-".join(i.name_lemmas[0] if i.name_lemmas else p for i, p in zip(infos, parts))
        return WordInfo(
            word=word,
            name_lemmas=(lemma,) if named or unknown else (),
            common_lemmas=() if named or unknown else (word.lower(),),
            unknown=unknown and not named,
            adjective=False,
            title=False,
        )
    names: list[str] = []
    commons: list[str] = []
    unknown = False
    adjective = False
    for _start, _end, (_form, lemma, tag, classes, _quals) in interps:
        pos = tag.split(":", 1)[0]
        lemma = _clean_lemma(lemma)
        if pos == "ign":
            unknown = True
            continue
        if pos == "adj":
            adjective = True
        if lemma[:1].isupper() and (set(classes) & NAME_CLASSES or pos in ("subst", "depr")):
            if lemma not in names:
                names.append(lemma)
        elif lemma not in commons:
            commons.append(lemma.lower())
    title = word.lower() in _TITLES or any(c in _TITLES for c in commons)
    return WordInfo(word, tuple(names), tuple(commons), unknown, adjective, title)


@lru_cache(maxsize=100_000)
def name_bases(word: str) -> tuple[str, ...]:
    """Likely nominative forms of a declined name, the word itself first.

    Known names give their lemmas; unknown ones lose a Polish case ending:
    Tokajewowi -> Tokajew, Blinkena -> Blinken, Żanaozenie -> Żanaozen, Zełenskiego -> Zełenski.
    """
    info = analyse(word)
    out: list[str] = []
    acr = _ACRONYM_TAIL.match(word)
    if acr:
        return (acr.group(1),)
    if info.name_lemmas:
        out.extend(info.name_lemmas)
    if info.unknown or not info.name_lemmas:
        out.append(word)
        out.extend(_strip_endings(word))
    seen: dict[str, None] = {}
    for b in out:
        seen.setdefault(b, None)
    return tuple(seen)


def _strip_endings(word: str) -> list[str]:
    if "-" in word:  # decline only the last part: Nur-Sułtanie -> Nur-Sułtan
        head, _, tail = word.rpartition("-")
        return [f"{head}-{t}" for t in _strip_endings(tail)]
    out: list[str] = []
    low = word.lower()
    for end in _ENDINGS:
        if low.endswith(end) and len(word) - len(end) >= 3:
            stem = word[: -len(end)]
            if end in ("ego", "emu", "ym", "im", "ą"):  # adjectival surnames: Zełenskiego
                if stem.lower().endswith(("sk", "ck", "dzk")):
                    out.append(stem + "i")
                else:
                    out.append(stem + "y")
            if end == "ie" and stem.lower().endswith(("rz",)):  # Piotrze? rare; keep plain too
                out.append(stem[:-2] + "r")
            if end == "ie" and stem.lower().endswith("ni"):  # Mangystaunie? no: keep plain
                pass
            out.append(stem)
            if end in ("a", "e", "i", "y", "u", "ą", "ę") and len(word) - 1 >= 3:
                # feminine -a names: Karine, Nina -> their stem + a
                out.append(stem + "a")
    return out


def is_sentence_word_common(word: str) -> bool:
    """A capitalised word that is (also) an ordinary Polish word, so a capital alone proves nothing."""
    info = analyse(word)
    return bool(info.common_lemmas) or info.title


def lemmas(word: str) -> frozenset[str]:
    """Every lower-cased lemma of a word, with stripped forms for unknown words (for glossaries)."""
    info = analyse(word)
    out = {w.lower() for w in info.name_lemmas + info.common_lemmas}
    out.add(word.lower())
    if info.unknown:
        out.update(b.lower() for b in _strip_endings(word))
    return frozenset(out)
