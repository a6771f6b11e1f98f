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
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from . import gazetteer
from .entities import SourceEntity, SourcePart
from .entities_en import TargetEntity
from .entity_expect import Expect, exonym_ending, expect, gkey
from .entity_state import LEAD_WORDS, Cand, State, build_candidates
from .translit import NON_LATIN_SOURCES, consonant_skeleton, fold, name_key

MISSPELL_MIN = 62.0  # key similarity from which a leftover target name counts as a misspelling
SOFT_MIN = 80.0  # similarity at which a soft source name explains a target name
WHOLE_NAME_MIN = 80.0  # mean similarity below which a fully changed multi-part name is another name
# Letters no English spelling of a romanised name keeps.
_FOREIGN_LETTERS = re.compile(r"[żźłśćńąęŻŹŁŚĆŃĄĘřŘěĚůŮőŐűŰđĐ\u0400-\u04ff]")
_UMLAUT = re.compile(r"[äöüÄÖÜ]")
_SAINT_EN = re.compile(r"\b(St\.?|Saint|San|Santa|Sankt)\s+$")
_SAINT_SRC = re.compile(r"(?i)\b(św\.|święt\w*|sankt|san|santa|sv\.|svat\w*|свят\w*|圣)")


@dataclass
class Outcome:
    kind: str  # ok | misspelled | substituted | missing | added
    entity: SourceEntity | None
    part: SourcePart | None
    target: tuple[int, int, str] | None
    suggestion: str | None = None
    reason: str = ""
    derived: bool = False  # matched through a demonym (Kazakh for Kazakhstan)


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
    leftover, hints = _misspellings(st, pending, found)
    _soft_fuzzy(st, [e for e in named if not e.strict] + adjectives)
    _substitute_or_miss(st, leftover, found, sources, hints)
    _added(st, sources, source)
    return st.outcomes


def _ent_ids(ent: SourceEntity) -> frozenset[str]:
    return ent.ids if len(ent.parts) == 1 else frozenset()


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
        exp = expect(part, st.lang, _ent_ids(ent))
        if _FOREIGN_LETTERS.search(c.text) and not (part.native and st.lang == "pl") \
                and not _FOREIGN_LETTERS.search(exp.suggestion) and part.strict and ent.strict:
            st.outcomes.append(Outcome("misspelled", ent, part, (c.start, c.end, c.text), exp.suggestion,
                                       reason="untranslated letters"))
            return
    st.outcomes.append(Outcome("ok", ent, part, (c.start, c.end, c.text)))


def _match_part(st: State, ent: SourceEntity, part: SourcePart, demonyms: bool = False) -> bool:
    exp = expect(part, st.lang, _ent_ids(ent))
    bad = [c for c in st.cands if c.gkey in exp.bad]
    best: Cand | None = None
    for c in sorted(st.cands, key=lambda c: c.start - c.end):  # longest first
        if c.gkey in exp.bad or any(b.start <= c.start and c.end <= b.end for b in bad):
            continue
        if c.gkey in exp.accepted or c.key in exp.phonetic or (not exp.ids and _same_skeleton(st.lang, exp, c, part.lemma)) \
                or (len(ent.parts) == 1 and " " not in c.text and exonym_ending(exp, c.text)):
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
        worse = max(longer, key=lambda c: _similarity(exp, c), default=None)
        if worse is not None and _similarity(exp, worse) >= 85 and part.strict and ent.strict:
            # "Xi Jingping": the accepted "Xi" sits inside a misspelled full name.
            st.consume(worse.start, worse.end)
            st.outcomes.append(Outcome("misspelled", ent, part, (worse.start, worse.end, worse.text),
                                       exp.suggestion, reason=f"similarity {_similarity(exp, worse):.0f}"))
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


def _explained_extra(target: str, longer: Cand, best: Cand) -> bool:
    """Whether the words a longer candidate adds are a demonym or a title ("Kazakh Interior Ministry")."""
    from .entities_en import is_derived

    extra = (target[longer.start:best.start] + " " + target[best.end:longer.end]).split()
    return all(is_derived(w) or w.lower() in LEAD_WORDS for w in extra)


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
            if (ent.ids and (gazetteer.is_demonym_of(c.text, ent.ids) or gazetteer.ids_for(c.text) & ent.ids)) \
                    or any(c.gkey == gkey(b) for b in ent.parts[0].bases):
                st.consume(c.start, c.end)
                break


def _similarity(exp: Expect, cand: Cand) -> float:
    return max((fuzz.ratio(k, cand.key) for k in exp.keys), default=0.0)


def _misspellings(st: State, pending: list[tuple[SourceEntity, SourcePart]], found: dict[int, bool]
                  ) -> tuple[list[tuple[SourceEntity, SourcePart]], dict[int, Cand]]:
    leftover: list[tuple[SourceEntity, SourcePart]] = []
    hints: dict[int, Cand] = {}  # entity -> the known other entity that replaced it
    by_entity: dict[int, list[SourcePart]] = {}
    for ent, part in pending:
        by_entity.setdefault(id(ent), []).append(part)
    whole_swap: set[int] = set()
    for key, parts in by_entity.items():
        ent = next(e for e, _p in pending if id(e) == key)
        if len(ent.parts) > 1 and len(parts) == len(ent.parts):
            # Every part of a name changed. Close to the original on average (Anthony Blingen):
            # typos; otherwise another person (Mateusz Morawiecki -> Tadeusz Mazowiecki).
            best = [max((_similarity(expect(p, st.lang), c) for c in st.cands if st.is_free(c)), default=0.0)
                    for p in parts]
            if sum(best) / len(best) < WHOLE_NAME_MIN:
                whole_swap.add(key)
    for ent, part in pending:
        if id(ent) in whole_swap:
            leftover.append((ent, part))
            continue
        exp = expect(part, st.lang, _ent_ids(ent))
        best, score = None, 0.0
        for c in st.cands:
            if not st.is_free(c) or st.targets[c.entity].derived:
                continue
            sc = _similarity(exp, c)
            if sc > score or (sc == score and best is not None and len(c.text) < len(best.text)):
                best, score = c, sc
        if best is None or score < MISSPELL_MIN:
            leftover.append((ent, part))
            continue
        other = gazetteer.source_ids(best.text)
        if exp.ids and other and not (other & exp.ids):
            leftover.append((ent, part))  # Iran -> Iraq, Gdańsk -> Gdynia: a different place
            hints[id(ent)] = best
            continue
        st.consume(best.start, best.end)
        if part is ent.parts[-1] or len(ent.parts) == 1:
            found[id(ent)] = True
        st.outcomes.append(Outcome("misspelled", ent, part, (best.start, best.end, best.text), exp.suggestion,
                                   reason=f"similarity {score:.0f}"))
    return leftover, hints


def _soft_fuzzy(st: State, soft: list[SourceEntity]) -> None:
    for ent in soft:
        for part in ent.parts:
            exp = expect(part, st.lang, _ent_ids(ent))
            for c in st.cands:
                if not st.is_free(c):
                    continue
                if _similarity(exp, c) >= SOFT_MIN or _same_stem(part.text, c.text, exp):
                    st.consume(c.start, c.end)


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


def _substitute_or_miss(st: State, leftover: list[tuple[SourceEntity, SourcePart]],
                        found: dict[int, bool], sources: list[SourceEntity], hints: dict[int, Cand]) -> None:
    reported: set[int] = set()
    src_len = max((e.end for e in sources), default=1) or 1
    tgt_len = len(st.target) or 1
    matched_keys = {name_key(o.part.lemma or o.part.bases[0]) for o in st.outcomes if o.part is not None}
    for ent, part in leftover:
        # A person whose given name survived but whose surname did not (Robert Lewandowski ->
        # Robert Kubica) was replaced all the same.
        surname_lost = len(ent.parts) > 1 and part is ent.parts[-1]
        if (found.get(id(ent)) and not surname_lost) or id(ent) in reported:
            continue
        reported.add(id(ent))
        if gazetteer.paraphrasable(ent.ids):
            continue  # "Szef MSZ" may become "Foreign Minister": nothing to hold the target to
        exp = expect(part, st.lang, _ent_ids(ent))
        hint = hints.get(id(ent))
        if hint is not None and st.is_free(hint):
            st.consume(hint.start, hint.end)
            st.outcomes.append(Outcome("substituted", ent, part, (hint.start, hint.end, hint.text), exp.suggestion))
            continue
        place = bool(ent.ids) and any(i.startswith(("cc:", "geo:")) for i in ent.ids)
        free = [i for i in range(len(st.targets)) if st.free_tokens(i)
                and (not st.targets[i].derived or place) and (st.targets[i].strong or ent.ids)]
        if free:
            pos = ent.start / src_len
            ti = min(free, key=lambda i: (st.targets[i].derived, abs(st.targets[i].start / tgt_len - pos)))
            toks = st.free_tokens(ti)
            s, e = toks[0].start, toks[-1].end
            st.consume(s, e)
            st.outcomes.append(Outcome("substituted", ent, part, (s, e, st.target[s:e]), exp.suggestion))
            continue
        if found.get(id(ent)) or gazetteer.paraphrasable(ent.ids):
            continue
        # A second mention of a name already rendered may become a pronoun: not an error.
        if any(name_key(p.lemma or p.bases[0]) in matched_keys for p in ent.parts):
            continue
        st.outcomes.append(Outcome("missing", ent, part, None, exp.suggestion))


def _added(st: State, sources: list[SourceEntity], source: str) -> None:
    from . import lexicon

    src_fold = fold(source)
    src_words = frozenset(re.findall(r"\w+", src_fold))
    # A quoted name in a script without capitals («摩羯») may be translated (Typhoon Yagi).
    unexplained = sum(1 for e in sources if not e.strict and e.kind == "phrase" and not e.text.isascii()
                      and st.lang[:2] in ("zh", "ja", "ko"))
    for i, t in enumerate(st.targets):
        toks = st.free_tokens(i)
        if not toks or not t.strong or t.derived:
            continue
        strong = [x for x in toks if lexicon.english_kind(x.text) != "common" or t.acronym
                  or gazetteer.is_known_place(x.text)]
        if not strong:
            continue
        if st.lang[:2] in ("zh", "ja", "ko"):
            from .entities_cjk import pinyin_explains

            if all(pinyin_explains(x.text, source) for x in strong):
                continue
        free_text = st.target[toks[0].start:toks[-1].end]
        if gazetteer.mentioned_in(free_text, src_words) or all(gazetteer.mentioned_in(x.text, src_words) for x in strong):
            continue  # a place the source names in another form (Wenecka -> Venice, 紐約 -> New York)
        # Written the same in the source (Air Force One, a quoted brand): nothing was added.
        if all(re.search(r"(?<!\w)" + re.escape(fold(x.text)[:max(4, len(x.text) - 2)]), src_fold) for x in strong):
            continue
        if unexplained:
            unexplained -= 1
            continue
        s, e = toks[0].start, toks[-1].end
        if _SAINT_EN.search(st.target[max(0, s - 7):s]) and _SAINT_SRC.search(source):
            continue  # St Peter's Square for placu Świętego Piotra: saints' names are translated
        st.outcomes.append(Outcome("added", None, None, (s, e, st.target[s:e])))
