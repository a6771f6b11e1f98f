"""Polish source entities: morfeusz2 readings decide what is a name and in which case it stands.

A run of capitalised words is cut into known multi-word names (Stany Zjednoczone, Bank
Światowy, Organizacja Układu o Bezpieczeństwie Zbiorowym), countries or cities standing next to
a person ("Prezydent Kazachstanu Kasym-Żomart Tokajew"), people (checked part by part) and
translated names made of ordinary words (Komisja Wenecka, Róg Afryki), which stay soft.
Sentence-initial capitals are kept only inside a longer known name or for well-known places.
Lower-case adjectives made from names (kazachski, polskiej, mangistauski after "obwód") are
soft entities that explain demonyms and region names in the translation.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import lru_cache

from . import gazetteer, polish
from .entities import SourceEntity, SourcePart, acronym_entity, signature_ids, Tok, sentence_starts
from .entities_en import TOKEN, is_acronym
from .entity_units import is_unit
from .translit import polish_spelling_of_foreign

# Polish words naming an administrative unit; a lower-case unknown adjective after one is the
# region's name: "obwód mangistauski" is Mangystau Region.
_PL_REGION_NOUNS = re.compile(
    r"^(obw[óo]d|obwodu|obwodzie|obwodem|obwodowi|województw\w*|prowincj\w*|region\w*|okręg\w*|"
    r"rejon\w*|oblast\w*|kraj\w*|republik\w*|stan\w*)$",
    re.IGNORECASE,
)
_PL_ADJ_END = re.compile(r"(sk|ck|dzk|ńsk)(i|iego|iemu|im|iej|ą|a|ie|ich|imi)$")
# Names after these are conventionally translated, not transliterated: saints (placu Świętego
# Piotra -> St Peter's Square), popes (papież Franciszek -> Pope Francis), monarchs (król Karol).
_SAINT = frozenset(
    "św święty świętego świętemu świętym święta świętej świętą papież papieża papieżowi papieżem papieżu"
    " król króla królowi królem królowa królowej królową książę księcia księżna".split()
)
_PL_SURNAME = re.compile(r"(ński|ńska|wski|wska|wicz|czyk)$")
_REGION_OF_TOWN = re.compile(r"(szczy|czy|ccy)[zź]n(a|y|ie|ę|ą|o)$")
_CONNECTORS = frozenset({"o", "i", "na", "nad", "pod", "do", "dla", "ds.", "de", "von", "van", "der", "al", "bin", "ibn", "la",
                         "le", "du", "da", "di", "del"})


def extract_polish(text: str) -> list[SourceEntity]:
    toks = [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    starts = sentence_starts(text, "pl")
    out: list[SourceEntity] = []
    run: list[Tok] = []

    def flush() -> None:
        if run:
            out.extend(_polish_run(run))
            run.clear()

    saint = False
    for i, tok in enumerate(toks):
        word = tok.text
        joinable = bool(run) and text[run[-1].end : tok.start] == " "
        after_saint, saint = saint or (after_saint_run(toks, i, text)), word.lower() in _SAINT
        if is_unit(word, text, tok.start, tok.end):  # "5 mld zł", "150 KM": not names
            flush()
            continue
        if after_saint and word[:1].isupper():
            # "placu Świętego Piotra" is St Peter's Square: saints' names are translated.
            flush()
            part = SourcePart(word, tok.start, tok.end, polish.name_bases(word), strict=False, lemma=word)
            out.append(SourceEntity(word, tok.start, tok.end, (part,), "phrase", frozenset(), False))
            continue
        if is_acronym(word.split("-")[0]) and not word[:1].isdigit():
            flush()
            out.append(acronym_entity(tok, "pl", text))
            continue
        if word[:1].isupper() and _REGION_OF_TOWN.search(word):
            # Opolszczyzna, Białostocczyzna: "the Opole region", made from the town's name.
            flush()
            lemma = polish.nominative(word, feminine=True)
            part = SourcePart(word, tok.start, tok.end, (lemma, word), strict=False, lemma=lemma)
            out.append(SourceEntity(word, tok.start, tok.end, (part,), "phrase", frozenset(), False))
            continue
        if word[:1].isupper():
            info = polish.analyse(word)
            at_start = tok.start in starts or _after_quote(text, tok.start)
            if info.title:
                flush()
                continue
            if run and not joinable:
                flush()
            tentative = at_start and not _sentence_initial_name(info)
            if tentative:
                flush()
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                starts_name = nxt is not None and nxt.text[:1].isupper() and text[tok.end : nxt.start] == " "
                adj = None if starts_name else _polish_adjective(Tok(word.lower(), tok.start, tok.end))
                if adj is not None:  # "Ukraińska armia"
                    out.append(adj)
                    continue
            run.append(Tok(word, tok.start, tok.end, info, tentative))
            continue
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (run and joinable and word in _CONNECTORS and nxt is not None and nxt.text[:1].isupper()
                and text[tok.end : nxt.start] == " "):
            run.append(tok)
            continue
        flush()
        if i > 0 and _PL_REGION_NOUNS.match(toks[i - 1].text):
            region = _polish_region(tok)
            if region is not None:
                out.append(region)
                continue
        adj = _polish_adjective(tok, text)
        if adj is not None:
            out.append(adj)
    flush()
    return out


_ADJ_SUFFIX = re.compile(r"((sk|ck|dzk|ańsk|ińsk)(i|a|ie|iego|iej|iemu|im|imi|ich|ą)|unijn\w+)$")


# Abbreviated adjectives in parentheses: "(ros. ODKB)" is the Russian acronym.
_PL_ABBREVIATIONS = {"ros": "RU", "ang": "GB", "niem": "DE", "fr": "FR", "franc": "FR", "ukr": "UA",
                     "kaz": "KZ", "biał": "BY", "łac": "VA", "hiszp": "ES", "wł": "IT", "chiń": "CN"}


def _polish_adjective(tok: Tok, text: str = "") -> SourceEntity | None:
    """A lower-case adjective made from a name (kazachski, polskiej): soft, explains "Kazakh"."""
    word = tok.text
    if word in _PL_ABBREVIATIONS and text[tok.end : tok.end + 1] == ".":
        part = SourcePart(word, tok.start, tok.end, (word,), strict=False, lemma=word)
        return SourceEntity(word, tok.start, tok.end, (part,), "adjective",
                            frozenset({f"cc:{_PL_ABBREVIATIONS[word]}"}), False)
    if not word[:1].islower() or not _ADJ_SUFFIX.search(word):
        return None
    info = polish.analyse(word)
    lemma = next((c for c in info.common_lemmas if c.endswith(("ski", "cki", "ny"))), word)
    lang_country = gazetteer.language_country(lemma, "pl")
    ids = lang_country[1] if lang_country else frozenset()
    ids = ids | gazetteer.adjective_country(lemma, "pl")
    stem = re.sub(r"(sk|ck|dzk)i$", "", lemma)
    bases = tuple(dict.fromkeys([lang_country[0]] if lang_country else []) ) + (stem.capitalize(),)
    part = SourcePart(word, tok.start, tok.end, bases, strict=False, lemma=bases[0])
    return SourceEntity(word, tok.start, tok.end, (part,), "adjective", ids, False)


def after_saint_run(toks: list[Tok], i: int, text: str) -> bool:
    """Whether token i continues a translated name: "papież Jan Paweł II" (Paweł after Jan)."""
    j = i - 1
    while j >= 0 and toks[j].text[:1].isupper() and text[toks[j].end : toks[j + 1].start] == " ":
        j -= 1
    return j >= 0 and j < i - 1 and toks[j].text.lower() in _SAINT


def _after_quote(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos]
    return bool(before) and before[-1] in "„\"“«'(" and (len(before) < 2 or before[0] in " \n")


def _sentence_initial_name(info: polish.WordInfo) -> bool:
    # "Dudy" (bagpipes / Duda) at a sentence start is ambiguous: only unknown words and words
    # with no common reading count as names there.
    return info.unknown or (bool(info.name_lemmas) and not info.common_lemmas)


def _polish_region(tok: Tok) -> SourceEntity | None:
    word = tok.text
    if not word[:1].islower():
        return None
    info = polish.analyse(word)
    m = _PL_ADJ_END.search(word)
    if not info.unknown or not m:
        return None
    stem = word[: m.start()]
    lemma = stem + m.group(1) + "i"
    bases = tuple(dict.fromkeys([stem.capitalize(), lemma, word]))
    ids = gazetteer.source_ids(lemma) or gazetteer.source_ids(stem)
    part = SourcePart(word, tok.start, tok.end, bases, strict=True, lemma=bases[0])
    return SourceEntity(word, tok.start, tok.end, (part,), "region", ids, True)


def _polish_run(run: list[Tok]) -> list[SourceEntity]:
    while run and run[-1].info is None:  # a trailing connector
        run = run[:-1]
    if not run:
        return []
    out: list[SourceEntity] = []
    i = 0
    n = len(run)
    segment: list[Tok] = []
    while i < n:
        found = None
        for j in range(min(n, i + 6), i + 1, -1):  # longest multi-word gazetteer name first
            ids = _multiword_ids(tuple(run[i:j]))
            if ids:
                found = (j, ids)
                break
        if found:
            if segment:
                out.extend(_polish_segment(segment))
                segment = []
            j, ids = found
            toks = run[i:j]
            combos = tuple(_lemma_combos(tuple(toks)))[:4]
            lemma = next((c for c in _lemma_combos(tuple(toks)) if gazetteer.source_ids(c)), combos[0])
            surface = _span_text(toks)
            part = SourcePart(surface, toks[0].start, toks[-1].end, tuple(dict.fromkeys((lemma, *combos))),
                              strict=True, native=True, lemma=lemma, inflected=lemma != surface)
            out.append(SourceEntity(part.text, part.start, part.end, (part,), "name", ids, True))
            i = j
            continue
        head = run[i].info
        # Only a place's own name: "Kotlina Kłodzka" (kotlina: a basin) is translated, Kłodzko Valley.
        place = polish.agreeing_place(run[i].text, run[i + 1].text) if i + 1 < n and head is not None \
            and not run[i].tentative \
            and run[i + 1].info is not None and head.geo \
            and not {g.lower() for g in head.geo_lemmas} & set(head.common_lemmas) \
            and not _well_known(head.geo_lemmas) else None  # Azja Centralna is Central Asia
        if place is not None:  # "w Stroniu Śląskim" is Stronie Śląskie, not Stronie plus Silesia
            if segment:
                out.extend(_polish_segment(segment))
                segment = []
            toks = run[i:i + 2]
            surface = _span_text(toks)
            part = SourcePart(surface, toks[0].start, toks[-1].end, (place, surface), strict=True, native=True,
                              lemma=place, inflected=place != surface)
            out.append(SourceEntity(surface, part.start, part.end, (part,), "name", gazetteer.source_ids(place), True))
            i += 2
            continue
        if run[i].info is None and segment:  # "Izrael i Hamas": two names, not one
            out.extend(_polish_segment(segment))
            segment = []
        else:
            segment.append(run[i])
        i += 1
    if segment:
        out.extend(_polish_segment(segment))
    return out




def _span_text(toks: list[Tok] | tuple[Tok, ...]) -> str:
    return " ".join(t.text for t in toks)


def _polish_segment(seg: list[Tok]) -> list[SourceEntity]:
    # A sentence-initial capital is kept only when the word names something the gazetteer
    # knows ("Dunaj wylał...", "Polska przyjęła..."); otherwise it is an ordinary word.
    kept = [t for t in seg if not t.tentative or (t.info is not None and t.info.name_lemmas
                                                    and _well_known(polish.name_bases(t.text)))]
    # "Prokuratura Krajowa": a name made of an ordinary noun and an adjective is translated, even
    # though its first word was dropped as sentence-initial ("Władze Kijowa" is not such a name).
    noun_led = len(kept) < len(seg) and seg[0].info is not None and seg[0].info.common_noun \
        and not seg[0].info.adjective and bool(kept) and kept[0].info is not None and kept[0].info.adjective \
        and not _well_known(kept[0].info.name_lemmas)
    seg = kept
    while seg and seg[0].info is None:
        seg = seg[1:]
    while seg and seg[-1].info is None:
        seg = seg[:-1]
    if not seg:
        return []
    infos = [t.info for t in seg if t.info is not None]
    # A name made of ordinary words (Organizacja Układu..., Komisja Wenecka, Bank Polski, Róg
    # Afryki) is translated, not transliterated: only unknown words inside it are checked.
    # A word that is also a surname (Duda, Biały) counts as ordinary unless a first name or
    # another pure name stands beside it.
    commonish = [i.only_common or (bool(i.common_lemmas) and not i.unknown
                                   and not (i.geo and _well_known(polish.name_bases(i.word))))
                 or (i.adjective and not i.geo and not i.unknown) for i in infos]
    pure_person = any(i.person and not i.common_lemmas and not i.adjective for i in infos)
    if noun_led or any(i.only_common for i in infos) or (len(infos) > 1 and any(commonish) and not pure_person) \
            or (len(infos) == 1 and infos[0].adjective and not infos[0].geo and not infos[0].unknown):
        named = [t for t in seg if t.info is not None]
        fems = _feminine(named)
        parts = tuple(_polish_part(t, strict=bool(t.info and t.info.unknown), feminine=f) for t, f in zip(named, fems))
        return [SourceEntity(_span_text(seg), seg[0].start, seg[-1].end, parts, "phrase",
                             frozenset(), any(p.strict for p in parts))]
    out: list[SourceEntity] = []
    # "Prezydent Kazachstanu Kasym-Żomart Tokajew": a country next to a person is its own name.
    for i, t in enumerate(seg):
        nxt = seg[i + 1].info if i + 1 < len(seg) else None
        # ...unless it is a given name before a surname (Hanna Zdanowska: Hanna is also a town).
        first_name = t.info is not None and t.info.given and nxt is not None and nxt.person and not nxt.given
        # ...or a surname after one (Stanisław Kurek: Kurek is also a village).
        surname = i > 0 and seg[i - 1].info is not None and seg[i - 1].info.given and t.info is not None \
            and t.info.person and not t.info.given
        if t.info is not None and t.info.geo and len(seg) > 1 and not first_name and not surname:
            return (_polish_segment(seg[:i]) if i else []) + _polish_segment([t]) + \
                (_polish_segment(seg[i + 1:]) if i + 1 < len(seg) else [])
    named = [t for t in seg if t.info is not None]
    parts_list = [_polish_part(t, strict=True, feminine=f) for t, f in zip(named, _feminine(named))]
    last = parts_list[-1] if parts_list else None
    if last is not None and len(parts_list) > 1 and last.lemma != last.text and polish.is_own_nominative(last.text):
        # Tomasz Mazur: a surname in its own dictionary form, not the Mazury region's genitive.
        parts_list[-1] = replace(last, lemma=last.text, inflected=False, bases=(last.text, *last.bases))
    # "Wałerij Załużny": a foreign given name makes the whole name foreign, even where the
    # dictionary knows the surname; it is then romanised, not kept. A given name shows it by
    # -ij / -iej only (not Maciej): Zbigniew, Bogusław end in -ew, -aw like Russian surnames.
    if len(parts_list) > 1 and any(not p.native or (polish_spelling_of_foreign(p.lemma, True) if k == len(parts_list) - 1
                                                    else re.search(r"(?<!c)iej$|ij$", p.lemma))
                                   for k, p in enumerate(parts_list)):
        parts_list = [replace(p, native=False) for p in parts_list]
    if len(parts_list) > 1:  # "Jarosław Kaczyński" is a man, not the town of Jarosław
        parts_list = [replace(p, place_ok=False) for p in parts_list]
    if not parts_list:
        return out
    ids: frozenset[str] = frozenset()
    if len(parts_list) == 1:
        ids = _ids_of_bases(parts_list[0].bases, parts_list[0].place_ok)
    out.append(SourceEntity(_span_text(seg), seg[0].start, seg[-1].end, tuple(parts_list), "name", ids, True))
    return out


def _feminine(named: list[Tok]) -> list[bool]:
    """Per word of a name, whether a final -a belongs to it: a woman's name (Aryna Sabalenka), or a
    given name before an undeclined surname (Annalena Baerbock, Iryna Bondar); "Olafa Scholza"
    declines both."""
    feminine = len(named) > 1 and all(t.text.lower().endswith(("a", "ą", "ę")) for t in named)
    surname_declined = bool(named) and polish.nominative(named[-1].text, feminine) != named[-1].text
    return [feminine or (i < len(named) - 1 and not surname_declined) for i in range(len(named))]


def _polish_part(t: Tok, strict: bool, feminine: bool) -> SourcePart:
    lemma = polish.nominative(t.text, feminine)
    bases = tuple(dict.fromkeys((lemma, *polish.name_bases(t.text))))
    info = t.info
    native = info is not None and bool(info.name_lemmas) and not info.unknown
    # Kierwiński, unknown to the dictionary: only Polish spells a surname -ński or -wski.
    native = native or (info is not None and info.unknown and bool(_PL_SURNAME.search(lemma)))
    # "Hamas", "Hanna": the dictionary knows them, and not as places; a town of that name
    # somewhere must not turn them into a place to translate.
    place_ok = info is None or info.unknown or info.geo
    return SourcePart(t.text, t.start, t.end, bases, strict, native, lemma, lemma != t.text, place_ok)


def _country_or_curated(bases: tuple[str, ...]) -> bool:
    return any(i.startswith(("cc:", "cur:")) for b in bases for i in gazetteer.source_ids(b))


def _well_known(bases: tuple[str, ...]) -> bool:
    """A country, a curated name or a city of 100,000+ (not a village that shares a word)."""
    g = gazetteer.get()
    return any(i in g.populous for b in bases for i in gazetteer.ids_for(b))


def _ids_of_bases(bases: tuple[str, ...], place_ok: bool = True) -> frozenset[str]:
    for b in bases:
        ids = gazetteer.source_ids(b)
        if not place_ok:
            ids = frozenset(i for i in ids if not i.startswith("geo:"))
        if ids:
            return ids
    return frozenset()


def _token_forms(tok: Tok) -> list[str]:
    if tok.info is None:
        return [tok.text]
    forms = [tok.text, *tok.info.name_lemmas]
    forms += [c.capitalize() for c in tok.info.common_lemmas]
    if tok.info.unknown:
        forms += list(polish.name_bases(tok.text))
    return list(dict.fromkeys(forms))[:4]


@lru_cache(maxsize=50_000)
def _lemma_combos(toks: tuple[Tok, ...]) -> tuple[str, ...]:
    per = [_token_forms(t) for t in toks]
    combos = itertools.islice(itertools.product(*per), 64)
    return tuple(" ".join(c) for c in combos)


def _multiword_ids(toks: tuple[Tok, ...]) -> frozenset[str]:
    if sum(1 for t in toks if t.info is not None) < 2:
        return frozenset()
    for combo in _lemma_combos(toks):
        ids = gazetteer.source_ids(combo)
        if ids:
            return ids
    sig = tuple(polish.lemmas(t.text) if t.info is not None else frozenset({t.text.lower()}) for t in toks)
    return signature_ids("pl", sig)
