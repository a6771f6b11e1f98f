"""Match the names of one source paragraph with the names in its translation.

Evidence is used strongest first, so a weaker rule never overrides a stronger one:
1. gazetteer: source and target names share an id (Kijów / Kyiv, ODKB / CSTO), a demonym
   stands for a country (Kazachstanu / Kazakh), or an English form of a known organisation
   appears in the target (MSW -> "Interior Ministry");
2. the same name after romanisation: equal phonetic keys (Ławrow / Lavrov, Tokajew / Tokayev);
3. leftovers: a close target name is a misspelling (Blinken / Blingen), a different known
   entity or a distant name a substitution (Tokajew / Djokovic, Iran / Iraq), nothing at all a
   missing name; a target name that nothing in the source explains was added.
A target form that keeps the source spelling where English respells it (Kijow, Pieskow,
Kasym-Żomart) or keeps a source case ending (Tokajewa, Scholzem) is a misspelling too.
"""
from __future__ import annotations

import re
from dataclasses import replace

from . import gazetteer
from .entities import SourceEntity, SourcePart
from .entities_en import TargetEntity
from .entity_accept import adjective_renders, english_stems, sound_match
from .entity_leftover import added, ent_ids, misspellings, similarity, source_words, substitute_or_miss
from .entity_expect import Expect, exonym_ending, expect, gkey
from .entity_state import LEAD_WORDS, Cand, Outcome, State, build_candidates
from .translit import NON_LATIN_SOURCES, consonant_skeleton, fold, name_key

SOFT_MIN = 80.0  # similarity at which a soft source name explains a target name
# Letters of the source alphabet that no English spelling of a name romanised from it keeps
# (Kasym-Żomart). Letters of other alphabets are the name's own: a Russian or German text's
# Казьмерчак / Kaźmierczak is Kaźmierczak, its Гданьск Gdańsk. Czech names keep č, š, ž in
# English (Aleš, Čaputová), so only letters English never keeps count there.
_SOURCE_LETTERS = {
    "pl": re.compile(r"[żźłśćńąęŻŹŁŚĆŃĄĘ]"),
    "cs": re.compile(r"[řŘěĚůŮ]"),
    "sk": re.compile(r"[ľĽĺĹŕŔ]"),
}
_CYRILLIC_LETTERS = re.compile(r"[\u0400-\u04ff]")
_NOTHING = re.compile(r"(?!x)x")
_UMLAUT = re.compile(r"[äöüÄÖÜ]")


def _source_letters(lang: str) -> re.Pattern[str]:
    lang = lang[:2]
    if lang in _SOURCE_LETTERS:
        return _SOURCE_LETTERS[lang]
    return _CYRILLIC_LETTERS if lang in NON_LATIN_SOURCES else _NOTHING


# --- matching ---------------------------------------------------------------------------------


def match(
    sources: list[SourceEntity], targets: list[TargetEntity], source: str, target: str, lang: str
) -> list[Outcome]:
    st = State(target, targets, lang)
    build_candidates(st)
    # Institutions a translation may paraphrase (MSZ, 外交部) only explain target names.
    sources = [replace(e, strict=False) if gazetteer.paraphrasable(e.ids) else e for e in sources]
    named = [e for e in sources if e.kind != "adjective"]
    adjectives = [e for e in sources if e.kind == "adjective"]
    found: dict[int, bool] = {}
    pending: list[tuple[SourceEntity, SourcePart]] = []
    named = _verbatim(st, named, source, found)
    for ent in sorted(named, key=lambda e: (not e.strict, e.start)):
        ok = _match_entity(st, ent)
        found[id(ent)] = ok
        if ok and len(ent.parts) == 1:
            continue
        for part in ent.parts:
            if any(o.part is part for o in st.outcomes):
                continue
            if _match_part(st, ent, part):
                found[id(ent)] = True
            elif part.strict and ent.strict:
                pending.append((ent, part))
    _adjectives(st, adjectives)
    words = source_words(source)
    left = misspellings(st, pending, found, words)
    _soft_fuzzy(st, [e for e in named if not e.strict] + adjectives)
    substitute_or_miss(st, left, found, sources, words)
    added(st, sources, source, left)
    return [_in_place_name(o, source, target) for o in st.outcomes]


# "Uście nad Łabą" is "Ústí nad Labem", "Frankfurt nad Menem" "Frankfurt am Main": a river
# inside a town's name follows that name's language, not the river's English name.
_PARTICLE_SOURCE = re.compile(r"(?i)(?:\bnad|\bam|\ban der|\bpod|[\s-]на|[\s-]над)[\s-]$")
_PARTICLE_TARGET = re.compile(r"(?i)(?:\bnad|\bam|\ban der|\bupon|-on|\bpod|\bna)[\s-]$")


def _in_place_name(o: Outcome, source: str, target: str) -> Outcome:
    if o.kind not in ("misspelled", "substituted") or o.part is None or o.target is None:
        return o
    # The same river in the town's own language starts alike (Łabą / Labem, Menem / Main).
    if _PARTICLE_SOURCE.search(source[max(0, o.part.start - 8):o.part.start]) \
            and _PARTICLE_TARGET.search(target[max(0, o.target[0] - 8):o.target[0]]) \
            and fold(o.part.text)[:1].lower() == fold(o.target[2])[:1].lower():
        return replace(o, kind="ok", unverified=True)
    return o


_PARTICLE_AFTER = re.compile(r" (?:d|l|el|al|di|de|da|del|van|von|der|nad|am|an)['’ -][A-ZÀ-Ž][\w'’-]*")


def _verbatim(st: State, named: list[SourceEntity], source: str, found: dict[int, bool]) -> list[SourceEntity]:
    """Names of two or more source names side by side that the target keeps letter for letter
    ("Wisła Kraków", "DataNord Polska") name a club or a firm, which keeps its own spelling.
    Returns the names still to match."""
    ents = sorted(named, key=lambda e: e.start)
    done: set[int] = set()
    i = 0
    while i < len(ents):
        j = i
        while j + 1 < len(ents) and source[ents[j].end:ents[j + 1].start] == " ":
            j += 1
        particle = _PARTICLE_AFTER.match(source, ents[j].end)  # Cortina d'Ampezzo
        if j > i or particle:
            text = source[ents[i].start:particle.end() if particle else ents[j].end]
            m = re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", st.target)
            if m and len(text) >= 6:
                st.consume(m.start(), m.end())
                for ent in ents[i:j + 1]:
                    done.add(id(ent))
                    found[id(ent)] = True
                    for part in ent.parts:
                        st.outcomes.append(Outcome("ok", ent, part, (m.start(), m.end(), m.group()), unverified=True))
        i = j + 1
    return [e for e in named if id(e) not in done]


def _match_entity(st: State, ent: SourceEntity) -> bool:
    """Whole-entity matches through the gazetteer, demonyms and known English phrases."""
    if not ent.ids:
        return False
    part = ent.parts[0] if len(ent.parts) == 1 else None
    if part is not None:
        return _match_part(st, ent, part, demonyms=True)
    accepted = gazetteer.primary_keys(ent.ids)
    for c in sorted(st.cands, key=lambda c: c.start - c.end):
        if c.gkey in accepted:
            _ok(st, ent, None, c)
            return True
    return _match_phrase(st, ent, None)


def _match_phrase(st: State, ent: SourceEntity, part: SourcePart | None) -> bool:
    """An English form of a curated name anywhere in the text, in any case ("interior ministry")."""
    forms = {f for i in ent.ids if i.startswith("cur:") for f in gazetteer.get().english_forms(i)}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        flags = 0 if form.isupper() else re.IGNORECASE
        m = re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", st.target, flags)
        if m:
            st.consume(m.start(), m.end())
            st.outcomes.append(Outcome("ok", ent, part, (m.start(), m.end(), m.group())))
            return True
    return False


def _ok(st: State, ent: SourceEntity, part: SourcePart | None, c: Cand) -> None:
    st.consume(c.start, c.end)
    if part is not None:
        exp = expect(part, st.lang, ent_ids(ent))
        letters = _source_letters(st.lang)
        if letters.search(c.text) and not (part.native and st.lang == "pl") \
                and not letters.search(exp.suggestion) and part.strict and ent.strict:
            st.outcomes.append(Outcome("misspelled", ent, part, (c.start, c.end, c.text), exp.suggestion,
                                       reason="untranslated letters"))
            return
    st.outcomes.append(Outcome("ok", ent, part, (c.start, c.end, c.text)))


def _match_part(st: State, ent: SourceEntity, part: SourcePart, demonyms: bool = False) -> bool:
    exp = expect(part, st.lang, ent_ids(ent))
    bad = [c for c in st.cands if c.gkey in exp.bad]
    best: Cand | None = None
    for c in sorted(st.cands, key=lambda c: c.start - c.end):  # longest first
        if c.gkey in exp.bad or any(b.start <= c.start and c.end <= b.end for b in bad):
            continue
        if c.gkey in exp.accepted or c.key in exp.phonetic or (not exp.ids and _same_skeleton(st.lang, exp, c, part.lemma)) \
                or (len(ent.parts) == 1 and " " not in c.text and exonym_ending(exp, c.text)) \
                or sound_match(st.lang, ent, part, exp, c.text) or _derived_from(c, exp):
            if best is None or (st.is_free(c) and not st.is_free(best)):
                best = c
    if best is not None and st.lang == "de" and _UMLAUT.search(part.lemma or "") \
            and not _UMLAUT.search(best.text) and best.gkey == gkey(part.lemma):
        bad.append(best)  # Köln -> "Koln": an umlaut dropped without its "e"
        best = None
    if best is not None:
        # "Реала" / "Real Madrid": the target spells out a known name the source shortened.
        short_of = exp.ids.union(*(gazetteer.shortened_from(b) for b in part.bases[:3]))
        fuller = [c for c in st.cands if c.start == best.start and c.end > best.end and st.is_free(c)
                  and gazetteer.ids_for(c.text) & short_of] if short_of else []
        if fuller:
            best = max(fuller, key=lambda c: c.end)
        longer = [c for c in st.cands if c.start <= best.start and best.end <= c.end and c is not best
                  and st.is_free(c) and c.gkey not in exp.accepted and c.key not in exp.phonetic
                  and not _explained_extra(st.target, c, best)]
        worse = max(longer, key=lambda c: similarity(exp, c), default=None)
        if worse is not None and similarity(exp, worse) >= 85 and part.strict and ent.strict:
            # "Xi Jingping": the accepted "Xi" sits inside a misspelled full name.
            st.consume(worse.start, worse.end)
            st.outcomes.append(Outcome("misspelled", ent, part, (worse.start, worse.end, worse.text),
                                       exp.suggestion, reason=f"similarity {similarity(exp, worse):.0f}"))
            return True
        if _respelt_kept_name(st.lang, ent, part, exp, best):
            st.consume(best.start, best.end)
            st.outcomes.append(Outcome("misspelled", ent, part, (best.start, best.end, best.text),
                                       exp.suggestion, reason="respelt"))
            return True
        _ok(st, ent, part, best)
        return True
    if exp.ids and (demonyms or any(i.startswith("cc:") for i in exp.ids)):
        for c in st.cands:
            if " " not in c.text and gazetteer.is_demonym_of(c.text, exp.ids):
                st.consume(c.start, c.end)
                st.outcomes.append(Outcome("ok", ent, part, (c.start, c.end, c.text), derived=True))
                return True
    if bad:
        b = max(bad, key=lambda c: c.end - c.start)
        st.consume(b.start, b.end)
        if not (part.strict and ent.strict):
            return True  # a soft name only explains the target, it is never reported
        reason = "source case form" if b.gkey == gkey(part.text) and part.inflected else "untranslated"
        st.outcomes.append(Outcome("misspelled", ent, part, (b.start, b.end, b.text), exp.suggestion,
                                   reason=reason))
        return True
    if exp.ids and any(i.startswith("cur:") for i in exp.ids) and demonyms:
        return _match_phrase(st, ent, part)
    return False


def _respelt_kept_name(lang: str, ent: SourceEntity, part: SourcePart, exp: Expect, c: Cand) -> bool:
    """A foreign name the Polish source already writes as English does (Antony Blinken), which the
    target respells into a name that only sounds the same (Anthony): the person's own spelling
    was lost. Accepted forms (a romanisation, a gazetteer name) never count."""
    if lang[:2] != "pl" or exp.ids or part.native or part.inflected or not (part.strict and ent.strict):
        return False
    if c.gkey in exp.accepted or c.key in exp.phonetic and gkey(c.text) == gkey(exp.suggestion):
        return False
    src, tgt = part.text.casefold(), c.text.casefold()
    # A changed ending is the Polish case (Petra for Petr, Maxa for Max), not a respelling.
    return part.text.isascii() and part.text == exp.suggestion and tgt != src and tgt.isascii() \
        and " " not in tgt and src[-2:] == tgt[-2:] and src[0] == tgt[0] and abs(len(src) - len(tgt)) <= 2


def _derived_from(c: Cand, exp: Expect) -> bool:
    """An English adjective of an accepted name: "Central European" for Europa Środkowa."""
    return any(len(t) >= 4 and gkey(t) in exp.accepted for t in english_stems(c.text)[1:])


def _explained_extra(target: str, longer: Cand, best: Cand) -> bool:
    """Whether the words a longer candidate adds are a demonym or a title ("Kazakh Interior
    Ministry"), a number (Kraken II) or an initial (Dariusz W.)."""
    from .entities_en import is_derived

    extra = (target[longer.start:best.start] + " " + target[best.end:longer.end]).split()
    return all(is_derived(w) or w.lower() in LEAD_WORDS or re.fullmatch(r"[IVXL]+|\d+|[A-Z]\.?", w) for w in extra)


_NON_LATIN_SOURCES = NON_LATIN_SOURCES


def _skeleton(key: str) -> str:
    return re.sub(r"[aeiouy ]", "", key)


# Endings of Russian and Ukrainian names (Мостовой, Семак is not one): such a name is spelt letter
# by letter, so a changed vowel in its romanisation is a misspelling, not a transcription choice.
_SLAVIC_NAME = re.compile(r"(ов|ев|ёв|ин|ын|ий|ый|ой|ская|цкая|ова|ева|ёва|ина|ына|ая|енко|ук|юк|чук)$")


def _same_skeleton(lang: str, exp: Expect, c: Cand, lemma: str = "") -> bool:
    """Кир Стармер is Keir Starmer: a name written into Cyrillic from English loses vowels, so
    from non-Latin scripts equal consonants count as the same name."""
    if lang[:2] not in _NON_LATIN_SOURCES or len(c.key) < 3 or _SLAVIC_NAME.search(lemma):
        return False
    sk = _skeleton(c.key)
    if len(sk) >= 2 and any(_skeleton(k) == sk for k in exp.keys):
        return True
    heard = consonant_skeleton(c.text)
    return len(heard.replace(" ", "")) >= 3 and heard in exp.skeletons


def _adjectives(st: State, adjectives: list[SourceEntity]) -> None:
    for ent in adjectives:
        for c in st.cands:
            if c.entity is None or not st.is_free(c) or " " in c.text:
                continue
            if (ent.ids and (gazetteer.is_demonym_of(c.text, ent.ids) or gazetteer.ids_for(c.gkey) & ent.ids)) \
                    or any(c.gkey == gkey(b) for b in ent.parts[0].bases) \
                    or adjective_renders(st.lang, ent.parts[0], c.text):
                st.consume(c.start, c.end)
                st.used.add(id(ent))
                break


def _soft_fuzzy(st: State, soft: list[SourceEntity]) -> None:
    for ent in soft:
        for part in ent.parts:
            exp = expect(part, st.lang, ent_ids(ent))
            for c in st.cands:
                if not st.is_free(c):
                    continue
                if similarity(exp, c) >= SOFT_MIN or _same_stem(part.text, c.text, exp) \
                        or sound_match(st.lang, ent, part, exp, c.text):
                    st.consume(c.start, c.end)
                    st.used.add(id(ent))


def _same_stem(source_word: str, target_word: str, exp: Expect) -> bool:
    # "Pražském" / "Prague", "Wyszehradzkiej" / "Visegrad": an adjective and its place share a stem.
    a, b = fold(source_word), fold(target_word)
    if len(a) < 4 or len(b) < 4:
        return False
    if a[:4] == b[:4] or (a[:3] == b[:3] and gazetteer.ids_for(target_word)):
        return True
    if b.removesuffix("'s")[:5] in a and len(b) >= 5:  # południowokoreańskiego / Korea's
        return True
    kb = name_key(target_word)
    return len(kb) >= 4 and any(k[:4] == kb[:4] for k in exp.keys)
