"""Source entities for languages other than Polish: one language-agnostic path with a few hooks.

* Scripts with case (Latin, Cyrillic, Greek): a capitalised word inside a sentence is a name;
  at a sentence start only if the dictionary does not know its lower-case form. A capitalised
  ordinary word (Czech "Pražském", Russian «Турецкий») is a *soft* name: a translated name's
  piece. German capitalises every noun, so there a capitalised word is a name only when
  german-nouns does not list it as an ordinary noun (lexicon.german_is_common_noun).
* Scripts without case (Chinese, Japanese, ...): see entities_cjk.
* Inflection (Czech, Russian, ...): simplemma lemmas, gazetteer look-ups of stripped forms.
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import gazetteer, lexicon
from .entities import SourceEntity, SourcePart, acronym_entity, signature_ids, Tok, sentence_starts
from .entities_en import TOKEN, is_acronym
from .entities_adj import proper_adjective
from .entities_de import german_kind
from .entity_units import is_unit

_ENDINGS: dict[str, tuple[str, ...]] = {
    "ru": ("ого", "ому", "ыми", "ами", "ями", "ом", "ем", "ой", "ей", "ым", "им", "ах", "ях",
           "а", "я", "у", "ю", "е", "ы", "и"),
    "uk": ("ого", "ому", "ом", "ем", "ою", "ею", "ові", "еві", "а", "я", "у", "ю", "і", "и", "е"),
    "cs": ("ovou", "ové", "ovi", "ům", "em", "ou", "ách", "ech", "ově", "ého", "ému", "ým", "a", "u",
           "e", "ě", "y", "i", "o"),
    "sk": ("ovi", "om", "ou", "och", "ého", "ému", "ým", "a", "u", "e", "y", "i", "o"),
    "de": ("s",),
}
_ADJ = {
    "cs": re.compile(r"(sk|ck)(ý|á|é|ého|ému|ém|ým|ou|ých|ými|í)$"),
    "sk": re.compile(r"(sk|ck)(ý|á|é|ého|ému|om|ým|ou|ých|ými)$"),
    "de": re.compile(r"isch(e|en|er|es|em)?$"),
    "ru": re.compile(r"(ск|цк)(ий|ая|ое|ие|ого|ому|ой|ым|ом|ую|их|ими)$"),
    "uk": re.compile(r"(ськ|цьк)(ий|а|е|і|ого|ому|ій|им|ою|их|ими)$"),
}
_TITLES: dict[str, frozenset[str]] = {
    "de": frozenset("herr frau präsident präsidentin bundeskanzler kanzler kanzlerin minister ministerin"
                    " außenminister außenministerin premierminister ministerpräsident ministerpräsidentin"
                    " dr prof general papst könig königin sprecher sprecherin regierungschef staatschef"
                    " bundesfinanzminister bundesinnenminister bundespräsident".split()),
    "cs": frozenset("pan paní prezident prezidentka premiér ministr ministryně generál papež král královna"
                    " předseda předsedkyně".split()),
    "ru": frozenset("господин госпожа президент премьер министр генерал".split()),
}
_ROMAN = re.compile(r"[IVXLC]{1,6}")
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_CASELESS = frozenset({"zh", "ja", "ko", "th", "ar", "he", "fa", "hi", "bn", "ta", "te", "ur"})


def extract_generic(text: str, lang: str) -> list[SourceEntity]:
    if lang in _CASELESS or _CJK_CHAR.search(text):
        from .entities_cjk import extract_cjk

        return extract_cjk(text, lang)
    return _extract_cased(text, lang)


def bases(word: str, lang: str) -> tuple[str, ...]:
    """Nominative candidates of a (possibly inflected) name."""
    out = [word]
    lem = lexicon.lemma(word, lang)
    if lem[:1].isupper() and lem != word:
        out.append(lem)
    cyr = any("\u0400" <= c <= "\u04ff" for c in word)
    if "-" in word:
        head, _, tail = word.rpartition("-")
        return tuple(dict.fromkeys(out + [f"{head}-{b}" for b in bases(tail, lang)[1:]]))
    for end in _ENDINGS.get(lang, ()):
        if word.endswith(end) and len(word) - len(end) >= 3:
            stem = word[: -len(end)]
            out.append(stem)
            if end in ("ovou", "ové"):
                out.append(stem + "ová")  # Čaputovou -> Čaputová (and Leyenovou -> Leyen)
            if cyr:
                # Instrumental -ом/-ым (Киром, Токаевым) is a man's name: Кир, not Кира.
                if end in ("ом", "ем", "ым", "им", "ого", "ому"):
                    out.extend([stem + "ий", stem + "ый", stem + "ь"] if end in ("ого", "ому", "ым", "им") else [stem + "ь", stem + "й"])
                elif end in ("ах", "ях", "ами", "ями"):
                    out.extend([stem + "ы", stem + "и"])  # Альпах -> Альпы, Карпатах -> Карпаты
                else:
                    out.extend([stem + "а", stem + "я", stem + "ь"])
                    if end == "е":
                        out.append(stem + "о")  # Ново-Огарёве -> Ново-Огарёво
            elif lang in ("cs", "sk"):
                out.extend([stem + "a", stem + "y", stem + "o", stem + "ý"])
    return tuple(dict.fromkeys(out))


# Endings of a man's surname in the nominative (Самошников, Караваев, Малкин, Достоевский): a word
# with one is its own dictionary form, whatever a lemmatiser trained on common nouns says
# (Самошников read as the genitive plural of "самошник").
_CYR_NOMINATIVE = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий)$")


def _lemma_of(word: str, lang: str, cands: tuple[str, ...]) -> str:
    for b in cands:
        if gazetteer.source_ids(b):
            return b
    if _CYR_NOMINATIVE.search(word):
        return word
    lem = lexicon.lemma(word, lang)
    return lem if lem[:1].isupper() else word


def _part(tok: Tok, lang: str, strict: bool = True) -> SourcePart:
    cands = bases(tok.text, lang)
    lemma = _lemma_of(tok.text, lang, cands)
    return SourcePart(tok.text, tok.start, tok.end, tuple(dict.fromkeys((lemma, *cands))), strict,
                      lemma=lemma, inflected=lemma != tok.text)




# Adjective endings of a sentence-initial word ("Трансферная сага", "Российские власти"): a
# title or sentence opening with an adjective is far likelier than a lone adjectival surname.
_ADJ_START = {
    "ru": re.compile(r"(ая|яя|ое|ее|ый|ые|ие|ого|его|ому|ему|ую|юю|ых|ими|ыми)$"),
    "uk": re.compile(r"(а|я|е|ий|і|ого|ому|ою|их|ими)$"),
    "cs": re.compile(r"(ý|á|é|ého|ému|ým|ou|ých|ými|í)$"),
}


def _kind(word: str, lang: str, at_start: bool) -> str:
    """'name', 'soft' (a capitalised ordinary word), 'maybe' (sentence-initial, known) or 'none'."""
    low = word.lower()
    if low in _TITLES.get(lang, ()):
        return "none"
    known_lower = lexicon.is_known(low, lang) and lexicon.lemma(low, lang)[:1].islower()
    if lang == "de":
        return german_kind(word, at_start, known_lower, _gazetteer_known(word, lang))
    if at_start:
        if known_lower:
            return "maybe"
        adj = _ADJ_START.get(lang)
        if adj is not None and adj.search(low) and not _gazetteer_known(word, lang):
            return "maybe"
        return "name"
    if known_lower and not any(gazetteer.source_ids(b) for b in bases(word, lang)[:3]):
        return "soft"
    return "name"


def _gazetteer_known(word: str, lang: str) -> bool:
    return any(gazetteer.source_ids(b) for b in bases(word, lang)[:3])


def _given_name(word: str, lang: str) -> bool:
    if lang == "de":
        return lexicon.german_is_given_name(word)
    if any(i.startswith("cur:g-") for i in gazetteer.source_ids(word)):
        return True
    low = word.lower()
    return lexicon.is_known(low, lang) and lexicon.lemma(low, lang)[:1].isupper()


def _name_evidence(run: list[Tok], tok: Tok, text: str, lang: str, after_title: bool) -> bool:
    """Whether an ordinary-looking capitalised word is a surname here: it follows a title
    ("Frau Weber") or a given name ("Roland Busch", "Андрей Мостовой", "Юлия Навальная")."""
    if after_title:  # "Frau Weber"; but "Předseda Senátu" is a title and an institution
        return lang == "de" and lexicon.german_is_name(tok.text)
    if not run or run[-1].tentative or text[run[-1].end : tok.start] != " ":
        return False
    # In German every noun has a capital, so only a known first name counts; elsewhere a
    # capitalised word after a name is that name's continuation.
    return _given_name(run[-1].text, lang) if lang == "de" else True


_SAINT_PREFIXES = frozenset("sankt st saint sainte san santa são sv svatý svatá".split())


def _saint_prefix(toks: list[Tok], i: int, text: str) -> bool:
    """Whether token i opens a place named after a saint: "Sankt Petersburg", "St. Gallen"."""
    if toks[i].text.lower() not in _SAINT_PREFIXES or i + 1 >= len(toks):
        return False
    nxt = toks[i + 1]
    return nxt.text[:1].isupper() and text[toks[i].end : nxt.start] in (" ", ". ", "-")


def _extract_cased(text: str, lang: str) -> list[SourceEntity]:
    toks = [Tok(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]
    starts = sentence_starts(text, lang if lang in ("de", "ru", "cs") else "en")
    out: list[SourceEntity] = []
    run: list[Tok] = []
    soft: list[Tok] = []

    def flush() -> None:
        if run:
            out.extend(_cased_run(list(run), lang))
            run.clear()
        if soft:
            parts = tuple(_part(t, lang, strict=False) for t in soft)
            out.append(SourceEntity(" ".join(t.text for t in soft), soft[0].start, soft[-1].end, parts,
                                    "phrase", frozenset(), False))
            soft.clear()

    prev_acronym = prev_title = saint = False
    for i, tok in enumerate(toks):
        word = tok.text
        after_saint, saint = saint, _saint_prefix(toks, i, text)
        if is_unit(word, text, tok.start, tok.end):  # "2,1 Mrd. Euro", "3 млрд рублей"
            flush()
            prev_acronym = prev_title = False
            continue
        if _ROMAN.fullmatch(word):  # XIX век, Сигизмунд II: a number, not a name
            flush()
            prev_acronym = prev_title = False
            continue
        if is_acronym(word.split("-")[0]):
            flush()
            out.append(acronym_entity(tok, lang, text))
            prev_acronym, prev_title = True, False
            continue
        # "FC Schalke": directly after the acronym; "SPD, Grünen" is a list of two parties.
        after_acronym, prev_acronym = prev_acronym and i > 0 and text[toks[i - 1].end : tok.start] == " ", False
        after_title = prev_title and text[tok.start - 1 : tok.start] == " "
        prev_title = word.lower() in _TITLES.get(lang, ())
        if word[:1].isupper():
            at_start = tok.start in starts
            kind = _kind(word, lang, at_start)
            if after_acronym and kind in ("none", "soft"):
                kind = "name"  # "FC Schalke", "VfB Stuttgart": a club or party name
            if kind in ("soft", "none") and not prev_title and _name_evidence(run, tok, text, lang, after_title):
                kind = "name"
            if saint or after_saint:
                kind = "name"  # "Sankt Petersburg", "San Sebastián"
            elif kind == "name":
                nxt = toks[i + 1] if i + 1 < len(toks) else None
                next_lower = lang == "de" or (nxt is not None and nxt.text[:1].islower()
                                              and text[tok.end : nxt.start] == " ")
                continues = bool(run) and text[run[-1].end : tok.start] == " " and not run[-1].tentative
                adj = proper_adjective(word, tok.start, lang, next_lower, continues)
                if adj is not None:  # "Шанхайский кинофестиваль", "Danziger Werft"
                    flush()
                    out.append(adj)
                    continue
            if kind in ("name", "maybe"):
                if soft and text[soft[-1].end : tok.start] == " ":
                    # "Нижний Новгород", "Weißes Haus": an ordinary word may open a known name.
                    run.extend(Tok(t.text, t.start, t.end, None, True) for t in soft)
                    soft.clear()
                elif soft or (run and text[run[-1].end : tok.start] != " " and not after_saint):
                    flush()
                run.append(Tok(word, tok.start, tok.end, None, kind == "maybe"))
                continue
            if kind == "soft":
                if run and text[run[-1].end : tok.start] == " ":
                    run.append(Tok(word, tok.start, tok.end, None, True))  # "Ван И": maybe a name's end
                    continue
                if run:
                    flush()
                soft.append(tok)
                continue
        if run and word in _CONNECTORS and text[run[-1].end : tok.start] == " " and _name_follows(toks, i, text):
            run.append(Tok(word, tok.start, tok.end, None, True))  # "Frankfurt am Main"
            continue
        flush()
        adj = _adjective(tok, lang)
        if adj is not None:
            out.append(adj)
    flush()
    return out


# Lower-case words inside place names: Frankfurt am Main, Frankfurt an der Oder, Rostov on Don.
_CONNECTORS = frozenset("am an der im ob bei upon on de del la di da sur en".split())


def _name_follows(toks: list[Tok], i: int, text: str) -> bool:
    for j in range(i + 1, min(i + 3, len(toks))):
        if text[toks[j - 1].end : toks[j].start] != " ":
            return False
        if toks[j].text[:1].isupper():
            return True
        if toks[j].text not in _CONNECTORS:
            return False
    return False


def _adjective(tok: Tok, lang: str) -> SourceEntity | None:
    word = tok.text
    if not word[:1].islower():
        return None
    lemma = lexicon.lemma(word, lang)
    lc = gazetteer.language_country(lemma, lang) or gazetteer.language_country(lemma.capitalize(), lang)
    pattern = _ADJ.get(lang)
    if lc is None and not (pattern and pattern.search(word)):
        return None
    stem = pattern.sub("", word) if pattern else word
    names = ([lc[0]] if lc else []) + [stem.capitalize()]
    part = SourcePart(word, tok.start, tok.end, tuple(dict.fromkeys(names)), False, lemma=names[0])
    ids = (lc[1] if lc else frozenset()) | gazetteer.adjective_country(lemma, lang)  # австрийская: Austria
    return SourceEntity(word, tok.start, tok.end, (part,), "adjective", ids, False)


def _cased_run(run: list[Tok], lang: str) -> list[SourceEntity]:
    """Entities of one run of capitalised words: known multi-word names first, then places,
    then people. Tentative words (sentence-initial or ordinary) survive only inside a known name."""
    out: list[SourceEntity] = []
    i, n = 0, len(run)
    pending: list[Tok] = []
    while i < n:
        hit = None
        for j in range(min(n, i + 5), i + 1, -1):
            ent = _multiword(run[i:j], lang)
            if ent is not None:
                hit = (j, ent)
                break
        if hit:
            out.extend(_people_and_places(pending, lang))
            pending = []
            out.append(hit[1])
            i = hit[0]
            continue
        if run[i].text[:1].islower():  # a connector outside a known name separates two names
            out.extend(_people_and_places(pending, lang))
            pending = []
        else:
            pending.append(run[i])
        i += 1
    out.extend(_people_and_places(pending, lang))
    return out


def _multiword(toks: list[Tok], lang: str) -> SourceEntity | None:
    forms = [" ".join(t.text for t in toks), " ".join(lexicon.lemma(t.text, lang) for t in toks)]
    forms.append(" ".join(t.text for t in toks[:-1]) + " " + _lemma_of(toks[-1].text, lang, bases(toks[-1].text, lang)))
    ids = frozenset().union(*(gazetteer.source_ids(f) for f in forms))
    if not ids:
        sig = tuple(frozenset({t.text.lower(), lexicon.lemma(t.text, lang).lower()}) for t in toks)
        ids = signature_ids(lang, sig)
    if not ids:
        return None
    lemma = next((f for f in forms if gazetteer.source_ids(f)), forms[0])
    part = SourcePart(forms[0], toks[0].start, toks[-1].end, tuple(dict.fromkeys((lemma, *forms))), True,
                      lemma=lemma, inflected=lemma != forms[0])
    return SourceEntity(part.text, part.start, part.end, (part,), "name", ids, True)


def _people_and_places(run: list[Tok], lang: str) -> list[SourceEntity]:
    dropped: list[Tok] = []
    while run and run[0].tentative and not _country_or_curated(run[0].text):
        dropped.append(run[0])
        run = run[1:]
    while run and run[-1].tentative:
        dropped.append(run[-1])
        run = run[:-1]
    # A dropped word (sentence-initial "Трансферная", a trailing "Sonne") may still be a name the
    # translation keeps: soft, so it explains such a target name but is never reported.
    soft = [SourceEntity(t.text, t.start, t.end, (_part(t, lang, strict=False),), "phrase", frozenset(), False)
            for t in sorted(dropped, key=lambda t: t.start)]
    if not run:
        return soft
    # A word inside a run of names is a name, even if the dictionary knows it ("Киром Стармером").
    parts = [_part(t, lang) for t in run if not t.tentative or (0 < run.index(t) < len(run) - 1)]
    out: list[SourceEntity] = []
    person: list[SourcePart] = []

    def flush() -> None:
        if person:
            ids = _ids_single(person[0]) if len(person) == 1 else frozenset()
            text = " ".join(p.text for p in person)
            # "Константин Зырянов" is a man, not the city of Constantine.
            parts_ = tuple(person) if len(person) == 1 else tuple(replace(p, place_ok=False) for p in person)
            out.append(SourceEntity(text, person[0].start, person[-1].end, parts_, "name", ids, True))
            person.clear()

    for k, p in enumerate(parts):
        ids = _ids_single(p)
        nxt = parts[k + 1] if k + 1 < len(parts) else None
        # "Артём Дзюба": a town's name in the nominative before a surname is a given name.
        given = nxt is not None and not p.inflected and all(i.startswith("geo:") for i in ids) \
            and (_given_name(p.text, lang) or not any(i.startswith(("cc:", "geo:")) for i in _ids_single(nxt)))
        # "Markus Söder": after a given name, a town's name is a surname.
        given = given or (k > 0 and not p.inflected and all(i.startswith("geo:") for i in ids)
                          and _given_name(parts[k - 1].text, lang))
        # "Китая Ван И": a country beside a person is a name of its own.
        if len(parts) > 1 and not given and any(i.startswith(("cc:", "geo:")) for i in ids):
            flush()
            out.append(SourceEntity(p.text, p.start, p.end, (p,), "name", ids, True))
        else:
            person.append(p)
    flush()
    return soft + out


def _ids_single(part: SourcePart) -> frozenset[str]:
    for b in part.bases:
        ids = gazetteer.source_ids(b)
        if ids:
            return ids
    return frozenset()


def _country_or_curated(word: str) -> bool:
    return any(i.startswith(("cc:", "cur:")) for i in gazetteer.source_ids(word))
