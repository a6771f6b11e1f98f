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

from . import gazetteer, lexicon
from .entities import SourceEntity, SourcePart, acronym_entity, signature_ids, Tok, sentence_starts
from .entities_en import TOKEN, is_acronym

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
                else:
                    out.extend([stem + "а", stem + "я", stem + "ь"])
            elif lang in ("cs", "sk"):
                out.extend([stem + "a", stem + "y", stem + "o", stem + "ý"])
    return tuple(dict.fromkeys(out))


def _lemma_of(word: str, lang: str, cands: tuple[str, ...]) -> str:
    for b in cands:
        if gazetteer.source_ids(b):
            return b
    lem = lexicon.lemma(word, lang)
    return lem if lem[:1].isupper() else word


def _part(tok: Tok, lang: str, strict: bool = True) -> SourcePart:
    cands = bases(tok.text, lang)
    lemma = _lemma_of(tok.text, lang, cands)
    return SourcePart(tok.text, tok.start, tok.end, tuple(dict.fromkeys((lemma, *cands))), strict,
                      lemma=lemma, inflected=lemma != tok.text)


_DE_NOUN_SUFFIX = re.compile(r"(ung|heit|keit|schaft|tion|tät|ismus|nis|tum|ling|ment|ie|ik|ei|ur|enz|anz)(en|e|s)?$")


def _kind(word: str, lang: str, at_start: bool) -> str:
    """'name', 'soft' (a capitalised ordinary word), 'maybe' (sentence-initial, known) or 'none'."""
    low = word.lower()
    if low in _TITLES.get(lang, ()):
        return "none"
    known_lower = lexicon.is_known(low, lang) and lexicon.lemma(low, lang)[:1].islower()
    if lang == "de":
        if lexicon.german_is_common_noun(word) or (_DE_NOUN_SUFFIX.search(word) and not lexicon.german_is_name(word)):
            return "maybe" if at_start else "none"
        if known_lower and at_start:
            return "maybe"  # "Am Montag", "Die Polizei"
        if known_lower and not lexicon.german_is_name(word):
            return "soft"
        return "name"
    if at_start:
        return "maybe" if known_lower else "name"
    if known_lower and not any(gazetteer.source_ids(b) for b in bases(word, lang)[:3]):
        return "soft"
    return "name"


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

    prev_acronym = False
    for tok in toks:
        word = tok.text
        if is_acronym(word.split("-")[0]):
            flush()
            out.append(acronym_entity(tok, lang))
            prev_acronym = True
            continue
        after_acronym, prev_acronym = prev_acronym, False
        if word[:1].isupper():
            kind = _kind(word, lang, tok.start in starts)
            if after_acronym and kind in ("none", "soft"):
                kind = "name"  # "FC Schalke", "VfB Stuttgart": a club or party name
            if kind in ("name", "maybe"):
                if soft or (run and text[run[-1].end : tok.start] != " "):
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
        flush()
        adj = _adjective(tok, lang)
        if adj is not None:
            out.append(adj)
    flush()
    return out




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
    return SourceEntity(word, tok.start, tok.end, (part,), "adjective", lc[1] if lc else frozenset(), False)


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
    while run and run[0].tentative and not _country_or_curated(run[0].text):
        run = run[1:]
    while run and run[-1].tentative:
        run = run[:-1]
    if not run:
        return []
    # A word inside a run of names is a name, even if the dictionary knows it ("Киром Стармером").
    parts = [_part(t, lang) for t in run if not t.tentative or (0 < run.index(t) < len(run) - 1)]
    out: list[SourceEntity] = []
    person: list[SourcePart] = []

    def flush() -> None:
        if person:
            ids = _ids_single(person[0]) if len(person) == 1 else frozenset()
            text = " ".join(p.text for p in person)
            out.append(SourceEntity(text, person[0].start, person[-1].end, tuple(person), "name", ids, True))
            person.clear()

    for p in parts:
        ids = _ids_single(p)
        # "Китая Ван И": a country beside a person is a name of its own.
        if len(parts) > 1 and any(i.startswith(("cc:", "geo:")) for i in ids):
            flush()
            out.append(SourceEntity(p.text, p.start, p.end, (p,), "name", ids, True))
        else:
            person.append(p)
    flush()
    return out


def _ids_single(part: SourcePart) -> frozenset[str]:
    for b in part.bases:
        ids = gazetteer.source_ids(b)
        if ids:
            return ids
    return frozenset()


def _country_or_curated(word: str) -> bool:
    return any(i.startswith(("cc:", "cur:")) for i in gazetteer.source_ids(word))
