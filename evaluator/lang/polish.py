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
    nominative: bool = False  # some reading is in the nominative case
    geo: bool = False  # some reading is a geographical name
    person: bool = False  # some reading is a first name or surname
    given: bool = False  # some reading is a first name
    common_noun: bool = False  # some reading is an ordinary noun (Prokuratura, Spółka)
    geo_lemmas: tuple[str, ...] = ()  # lemmas of the geographical readings

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

            m = morfeusz2.Morfeusz()
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
        parts = [p for p in re.split(r"[-‐‑–'’.]", word_for_lookup) if p]
        if len(parts) < 2:  # split by morfeusz in a way we cannot follow: call it unknown
            return WordInfo(word, (), (), True, False, False, True)
        infos = [analyse(p) for p in parts]
        unknown = any(i.unknown for i in infos)
        capitals = sum(1 for p in parts if p[:1].isupper())
        named = any(i.is_name for i in infos) or capitals >= 2
        # Nur-Sułtanie -> Nur-Sułtan: each part's own dictionary form, the last one declined.
        lemma = "-".join(
            i.name_lemmas[0] if i.name_lemmas and not i.unknown
            else (i.common_lemmas[0].capitalize() if i.common_lemmas and p[:1].isupper() and not i.unknown
                  else p)
            for i, p in zip(infos, parts)
        )
        if unknown:
            lemma = "-".join(parts[:-1] + [nominative(parts[-1])])
        return WordInfo(
            word=word,
            name_lemmas=(lemma,) if named and not unknown else (),
            common_lemmas=() if named or unknown else (word.lower(),),
            unknown=unknown,
            adjective=False,
            title=False,
            nominative=all(i.nominative or i.unknown for i in infos),
            geo=any(i.geo for i in infos),
            person=infos[-1].person,
        )
    names: list[str] = []
    commons: list[str] = []
    unknown = adjective = is_nom = geo = person = given = common_noun = False
    geo_lemmas: list[str] = []
    for _start, _end, (_form, lemma, tag, classes, _quals) in interps:
        pos = tag.split(":", 1)[0]
        lemma = _clean_lemma(lemma)
        if pos == "ign":
            unknown = True
            continue
        if pos == "adj":
            adjective = True
        cls = set(classes)
        # Capitalised common nouns (Polak, Kazach, Amerykanin) are peoples, not names.
        if lemma[:1].isupper() and (cls & NAME_CLASSES or (pos in ("subst", "depr") and "nazwa_pospolita" not in cls)):
            if lemma not in names:
                names.append(lemma)
            if ":nom" in tag or ".nom" in tag:
                is_nom = True
            if "nazwa_geograficzna" in cls and lemma not in geo_lemmas:
                geo_lemmas.append(lemma)
            geo = geo or "nazwa_geograficzna" in cls
            person = person or bool(cls & {"imię", "nazwisko"})
            given = given or "imię" in cls
        else:
            if lemma.lower() not in commons:
                commons.append(lemma.lower())
            if pos == "subst":
                common_noun = True
    title = word.lower() in _TITLES or any(c in _TITLES for c in commons)
    return WordInfo(word, tuple(names), tuple(commons), unknown, adjective, title, is_nom, geo, person, given,
                    common_noun, tuple(geo_lemmas))


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
    out.append(word)
    out.extend(_strip_endings(word))  # Buczy -> Bucza even where morfeusz knows a surname Bucz
    out.append(word)  # Zacharowa: morfeusz reads a man's genitive, but it may be her name
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
                out.append(stem + ("i" if stem.lower().endswith(("sk", "ck", "dzk")) else "y"))
            out.append(stem)
            if end in ("ą", "ę", "y", "i", "e", "u"):
                out.append(stem + "a")  # feminine names: Arynę, Kułebą -> Aryna, Kułeba
            if end == "a":
                out.append(stem + "o")  # Giancarla -> Giancarlo, Dmytra -> Dmytro
    for end, repl in _ALTERNATIONS:
        if low.endswith(end) and len(word) - len(end) >= 2:
            out.append(word[: -len(end)] + repl)
    return out


# The dative and locative soften a stem's last consonant: Bundeslidze (Bundesliga), Arktyce
# (Arktyka), Odrze (Odra), Wiśle (Wisła), Dżuddzie (Dżudda), Rijadzie (Rijad), Malcie (Malta).
_ALTERNATIONS = (("dzie", "da"), ("dzie", "d"), ("dze", "ga"), ("ce", "ka"), ("rze", "ra"), ("rze", "r"),
                 ("le", "ła"), ("cie", "ta"), ("cie", "t"), ("ście", "sta"), ("śnie", "sna"), ("źnie", "zno"))


# Stems after which a final -a is a genitive/accusative ending of a man's name (Tokajewa,
# Jinpinga), not a woman's name in the nominative (Aryna, Kamala).
_MASC_STEM = re.compile(r"(ow|ew|ng|mp|lz|ck|rd|nd|rt|st|nk|en|on|er|in|yn)$")
_OBLIQUE = (("owi", ""), ("iego", "i"), ("iemu", "i"), ("iem", ""), ("em", ""), ("ie", ""), ("ego", "i"), ("emu", "i"),
            ("ą", "a"), ("ę", "a"))


def nominative(word: str, feminine: bool = False) -> str:
    """Best guess at the dictionary form of a name (Tokajewowi -> Tokajew, Arynę -> Aryna).

    `feminine`: the name stands next to a woman's name (Aryna Sabalenka), so a final -a is
    not a case ending.
    """
    info = analyse(word)
    acr = _ACRONYM_TAIL.match(word)
    if acr:
        return acr.group(1)
    if info.name_lemmas and not info.unknown:
        from . import gazetteer

        if word in info.geo_lemmas and info.nominative:
            return word  # Kozanów is a district in its own right, not the Kozan family's genitive

        # Łodzi -> Łódź (not the surname Łodzia), Charkowie -> Charków (not the Charko family),
        # Węgier -> Węgry (not the surname Węgier).
        places = [lem for lem in info.name_lemmas if any(i.startswith(("cc:", "cur:")) or i in gazetteer.get().populous
                                                       for i in gazetteer.source_ids(lem))]
        if info.geo_lemmas and places and not set(places) & set(info.geo_lemmas) \
                and not any(i.startswith(("cc:", "cur:")) for lem in places for i in gazetteer.source_ids(lem)):
            # Kozanowie: the district Kozanów, not the Kozan family (whose name is also a city's).
            return info.geo_lemmas[0]
        if places and word not in places:
            g = gazetteer.get()
            # The geographical reading first (Kijowie: Kijów, not the Kijo family), then a city's own name.
            return min(places, key=lambda lem: (lem not in info.geo_lemmas, gazetteer.key(lem) not in g.main))
        if word in info.name_lemmas:
            return word
        if info.nominative:
            return word
        return info.name_lemmas[0]
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return f"{head}-{nominative(tail, feminine)}"
    low = word.lower()
    for end, add in _OBLIQUE:
        if low.endswith(end) and len(word) - len(end) >= (4 if end == "em" else 3):
            stem = word[: -len(end)]
            if end == "ie" and stem[-1:].lower() in "aeiouy":
                continue
            if end in ("ego", "emu"):
                add = "i" if stem.lower().endswith(("sk", "ck", "dzk")) else "y"
            return stem + add
    if not feminine and low.endswith(("a", "u")) and len(word) >= 5 and _MASC_STEM.search(low[:-1]):
        return word[:-1]
    return word




@lru_cache(maxsize=20_000)
def agreeing_place(noun: str, adjective: str) -> str | None:
    """The dictionary form of a two-word place name made of a place and an agreeing adjective:
    ("Stroniu", "Śląskim") -> "Stronie Śląskie", ("Ustrzykach", "Górnych") -> "Ustrzyki Górne"."""
    m = _Morfeusz.get()
    places = [(_clean_lemma(lem), tag.split(":")) for _s, _e, (_f, lem, tag, cls, _q) in m.analyse(noun)
              if "nazwa_geograficzna" in cls and tag.startswith("subst:")]
    adjs = [(_clean_lemma(lem), tag.split(":")) for _s, _e, (_f, lem, tag, _c, _q) in m.analyse(adjective.lower())
            if tag.startswith("adj:")]
    for lemma, ntag in places:
        for adj, atag in adjs:
            # Agreement in case is what binds the two words into one name.
            if len(ntag) < 4 or len(atag) < 4 or not set(ntag[2].split(".")) & set(atag[2].split(".")):
                continue
            number, gender = ntag[1], ntag[3]
            if atag[1] != number or gender not in atag[3].split("."):
                continue  # "Kotlinie Kłodzkiej": the town Kotlin (m) and a feminine adjective
            for form, _lem, gtag, _c, _q in m.generate(adj):
                g = gtag.split(":")
                if g[0] == "adj" and g[1] == number and "nom" in g[2].split(".") and gender in g[3].split(".") \
                        and g[-1] == "pos":
                    return f"{lemma} {form[:1].upper()}{form[1:]}"
    return None


def is_own_nominative(word: str) -> bool:
    """Whether the dictionary reads `word` as a name in its own dictionary form (Kozanów, Sępolno),
    so a translation that keeps it has kept the name, not a case ending."""
    if " " in word:
        return all(is_own_nominative(w) for w in word.split())
    info = analyse(word)
    return info.nominative and word in info.name_lemmas


def lemmas(word: str) -> frozenset[str]:
    """Every lower-cased lemma of a word, with stripped forms for unknown words (for glossaries)."""
    info = analyse(word)
    out = {w.lower() for w in info.name_lemmas + info.common_lemmas}
    out.add(word.lower())
    if info.unknown:
        out.update(b.lower() for b in _strip_endings(word))
    return frozenset(out)
