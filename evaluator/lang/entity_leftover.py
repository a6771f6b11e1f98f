"""What is left after matching: source names with no rendering and target names with no source.

A leftover is reported only on positive evidence, since a correct translation may render a name
in a way no rule predicts (an exonym the gazetteer lacks, a name turned into a description):

* misspelled: a close target name (by phonetic key) that no spelling system explains. Without
  a gazetteer entry on either side the names must be very close; a source exonym (Luwr, Niemen)
  or a known place the source names in another language (Sewilla / Seville) is not one.
* substituted: a known other entity took the name's place (Iran -> Iraq, a gazetteer place, a
  person's name for a person's), or a known place's English name is absent while another name
  stands where it was.
* missing: a name that is surely a name (gazetteer, a person's full name, a word the dictionary
  does not know) has no rendering, and no unexplained target name could be one.
* added: a target name nothing in the source explains, while every source name is accounted
  for; a common English acronym (GDP, VAT) or a possessive of a country is context, not a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from . import gazetteer, lexicon, polish
from .entities import SourceEntity, SourcePart
from .entity_accept import english_stems, given_name_variant, is_given_name, unverifiable
from .entity_expect import Expect, expect
from .entity_sound import is_cyrillic, sounds_alike
from .entities_en import is_demonym
from .entity_explain import capital_of_named_country, loose_name_words, name_words, quoted, resembles
from .entity_state import Cand, Outcome, State
from .translit import NON_LATIN_SOURCES, fold, loose, name_key, polish_spelling_of_foreign

MISSPELL_MIN = 62.0  # key similarity from which a leftover target name can be a misspelling
CLOSE_MIN = 80.0  # ...and without a gazetteer entry to hold it to, from which it is one
WHOLE_NAME_MIN = 80.0  # mean similarity below which a fully changed multi-part name is another name
_SAINT_EN = re.compile(r"\b(St\.?|Saint|San|Santa|Sankt)\s+$")
_SAINT_SRC = re.compile(r"(?i)\b(św\.|święt\w*|sankt|san|santa|sv\.|svat\w*|свят\w*|圣)")
_WORD = re.compile(r"\w{4,}")


@dataclass
class Leftovers:
    """Source names nothing rendered, and the known other entities that may have replaced them."""

    parts: list[tuple[SourceEntity, SourcePart]]
    hints: dict[int, Cand]
    unclaimed: int = 0  # source names left without a finding: a free target name may render them


def ent_ids(ent: SourceEntity) -> frozenset[str]:
    return ent.ids if len(ent.parts) == 1 else frozenset()


def similarity(exp: Expect, cand: Cand) -> float:
    return max((fuzz.ratio(k, cand.key) for k in exp.keys), default=0.0)


def source_words(source: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", fold(source)))


# --- misspellings ------------------------------------------------------------------------------


def misspellings(st: State, pending: list[tuple[SourceEntity, SourcePart]], found: dict[int, bool],
                 words: frozenset[str]) -> Leftovers:
    out = Leftovers([], {})
    by_entity: dict[int, list[SourcePart]] = {}
    for ent, part in pending:
        by_entity.setdefault(id(ent), []).append(part)
    whole_swap: set[int] = set()
    for key, parts in by_entity.items():
        ent = next(e for e, _p in pending if id(e) == key)
        if len(ent.parts) > 1 and len(parts) == len(ent.parts):
            # Every part of a name changed. Close to the original on average (Anthony Blingen):
            # typos; otherwise another person (Mateusz Morawiecki -> Tadeusz Mazowiecki).
            best = [max((similarity(expect(p, st.lang), c) for c in st.cands if st.is_free(c)), default=0.0)
                    for p in parts]
            if sum(best) / len(best) < WHOLE_NAME_MIN:
                whole_swap.add(key)
    for ent, part in pending:
        if id(ent) in whole_swap:
            out.parts.append((ent, part))
            continue
        exp = expect(part, st.lang, ent_ids(ent))
        best, score = None, 0.0
        for c in st.cands:
            if not st.is_free(c) or st.targets[c.entity].derived:
                continue
            sc = similarity(exp, c)
            if sc > score or (sc == score and best is not None and len(c.text) < len(best.text)):
                best, score = c, sc
        if best is None or score < MISSPELL_MIN:
            out.parts.append((ent, part))
            continue
        other = gazetteer.source_ids(best.text)
        if exp.ids and other and not (other & exp.ids):
            out.parts.append((ent, part))  # Iran -> Iraq, Gdańsk -> Gdynia: a different place
            if not gazetteer.mentioned_in(best.text, words):  # ...unless the source names it too
                out.hints[id(ent)] = best
            continue
        st.consume(best.start, best.end)
        if part is ent.parts[-1] or len(ent.parts) == 1:
            found[id(ent)] = True
        target = (best.start, best.end, best.text)
        if _explained(st, ent, part, exp, best, score, words):
            st.outcomes.append(Outcome("ok", ent, part, target, unverified=True))
            continue
        st.outcomes.append(Outcome("misspelled", ent, part, target, exp.suggestion, reason=f"similarity {score:.0f}"))
    return out


def _explained(st: State, ent: SourceEntity, part: SourcePart, exp: Expect, best: Cand, score: float,
               words: frozenset[str]) -> bool:
    """A similar target name that is not a misspelling after all (see the module doc)."""
    if is_given_name(ent, part) and any(o.entity is ent and o.kind == "ok" for o in st.outcomes) \
            and given_name_variant(part, best.text):
        return True  # Karola Scheiblera: Karl Scheibler
    if gazetteer.ids_for(best.gkey) and gazetteer.mentioned_in(best.text, words) and not _respelt(exp, best):
        return True  # Sewilla / Seville, Bazylea / Basel: the place's own names include the source's
    if unverifiable(st.lang, part, exp, best.text, score, len(ent.parts) > 1 and ent.kind == "name"):
        return True
    # Żanaozen romanises to Zhanaozen, a place the gazetteer knows: Jangasen is held to it.
    return not exp.ids and score < CLOSE_MIN and not gazetteer.is_known_place(exp.suggestion)


def _respelt(exp: Expect, cand: Cand) -> bool:
    """A known name's English form respelt by another language's system or with a typo: Charkiv,
    Tokajev, Peterburg. An exonym of its own (Seville for Sevilla) is neither."""
    if not exp.ids:
        return False
    return any(sounds_alike(k, cand.text, 0) or fuzz.ratio(name_key(k), cand.key) >= 90 for k in exp.accepted)


# --- substitutions and missing names -----------------------------------------------------------


def confident(ent: SourceEntity, part: SourcePart, lang: str) -> bool:
    """Whether a source name is surely a name, so that its absence is an error."""
    if ent.ids and not all(i.startswith("cur:g-") for i in ent.ids):
        return True
    if len(ent.parts) > 1 and ent.kind == "name":
        return True  # a person's full name
    if lang[:2] == "pl":
        if "-" in part.text and polish.analyse(part.text.rsplit("-", 1)[1]).common_lemmas:
            return False  # Wodorowo-elektryczny: an adjective
        info = polish.analyse(part.text)
        return not info.common_lemmas  # Jury, Ziemi, Rynku are also ordinary words
    if is_cyrillic(part.text) or lang[:2] in ("de", "cs", "sk", "uk", "ru"):
        return not lexicon.is_known(part.text.lower(), lang)
    return True


def substitute_or_miss(st: State, left: Leftovers, found: dict[int, bool], sources: list[SourceEntity],
                       words: frozenset[str]) -> None:
    reported: set[int] = set()
    src_len = max((e.end for e in sources), default=1) or 1
    tgt_len = len(st.target) or 1
    matched_keys = {name_key(o.part.lemma or o.part.bases[0]) for o in st.outcomes if o.part is not None}
    for ent, part in left.parts:
        # A person whose given name survived but whose surname did not (Robert Lewandowski ->
        # Robert Kubica) was replaced all the same.
        surname_lost = len(ent.parts) > 1 and part is ent.parts[-1]
        if (found.get(id(ent)) and not surname_lost) or id(ent) in reported:
            continue
        reported.add(id(ent))
        if gazetteer.paraphrasable(ent.ids):
            continue  # "Szef MSZ" may become "Foreign Minister": nothing to hold the target to
        exp = expect(part, st.lang, ent_ids(ent))
        hint = left.hints.get(id(ent))
        if hint is not None and st.is_free(hint) and not (_ids(hint.text) & exp.ids):
            st.consume(hint.start, hint.end)
            st.outcomes.append(Outcome("substituted", ent, part, (hint.start, hint.end, hint.text), exp.suggestion))
            continue
        place = _place_ids(ent)
        free = [i for i in range(len(st.targets)) if st.free_tokens(i)
                and (not st.targets[i].derived or place) and (st.targets[i].strong or place)
                and not _explained_elsewhere(st, i, words)]
        if free:
            pos = ent.start / src_len
            ti = min(free, key=lambda i: (st.targets[i].derived, not st.targets[i].strong,
                                          abs(st.targets[i].start / tgt_len - pos)))
            # "FC Schalke": a name right after an acronym is an organisation's.
            org = any(e.kind == "acronym" and 0 <= ent.start - e.end <= 1 for e in sources) \
                and any(t.text.isupper() and len(t.text) > 1 and t.text.lower() not in lexicon.ENGLISH_NOT_NAMES
                        for t in st.free_tokens(ti))
            if _replaces(st, ti, ent, part, exp, place, words, org):
                toks = st.free_tokens(ti)
                s, e = toks[0].start, toks[-1].end
                st.consume(s, e)
                st.outcomes.append(Outcome("substituted", ent, part, (s, e, st.target[s:e]), exp.suggestion))
                continue
            # A person's full name with no part rendered, beside free names that cannot be a
            # rendering of it ("University Hospital"), is missing; otherwise the free name may
            # be a rendering no rule knows.
            if not (len(ent.parts) > 1 and ent.kind == "name" and not found.get(id(ent))
                    and not any(_could_render(st, i) for i in free)):
                left.unclaimed += 1
                continue
        # A surname lost beside its rendered given name ("Mykola, a deputy head" for Николай
        # Гриценко) is missing: a translation may drop a given name, not keep it alone.
        if (found.get(id(ent)) and not surname_lost) or not confident(ent, part, st.lang) or _trace(part, st):
            continue
        # A second mention of a name already rendered may become a pronoun: not an error.
        if any(name_key(p.lemma or p.bases[0]) in matched_keys for p in ([part] if surname_lost else ent.parts)):
            continue
        st.outcomes.append(Outcome("missing", ent, part, None, exp.suggestion))


def _place_ids(ent: SourceEntity) -> bool:
    """A place or an organisation the gazetteer knows: its English name is known, so a different
    name in its place is a substitution (Jelenia Góra -> "Deer Mountain")."""
    return bool(ent.ids) and not all(i.startswith("cur:g-") for i in ent.ids)


def _replaces(st: State, ti: int, ent: SourceEntity, part: SourcePart, exp: Expect, place: bool,
              words: frozenset[str], org: bool = False) -> bool:
    """Whether target entity `ti` confidently took the source name's place: a known other place
    for a place (Wilno -> Vienna), a literal translation of a place's name word for word
    (Jelenia Góra -> "Deer Mountain"), a person's name for a person's (Lewandowski -> Kubica).
    An unknown name may be the right rendering of a name the gazetteer lacks, and a name the
    source itself gives in another language (Dżudda: Jeddah) is no other one."""
    toks = st.free_tokens(ti)
    text = st.target[toks[0].start:toks[-1].end]
    names = [text] + ([t.text for t in toks] if len(toks) > 1 else [])
    if any(_ids(n) & exp.ids for n in names):
        return False  # another language's name of the same place (Neisse for Nysa): not another one
    others = [n for n in names if _ids(n) and not (_ids(n) & exp.ids)]
    if any(named_in_source(n, words) for n in others):
        return False
    if place:
        if others:
            return True  # Wilno -> Vienna, Wisła -> Oder, Bank Światowy -> IMF
        if _populous(exp.ids) and st.targets[ti].strong and not st.targets[ti].derived \
                and all(lexicon.english_kind(t.text) != "common" for t in toks):
            return True  # a country or a large city has a known English name: Kijów -> "Sobota"
        literal = [t for t in toks if t.text.lower() not in ("the", "a", "an")]
        if not st.targets[ti].strong and len(literal) == len(ent.text.split()):
            return True
        if not any(i.startswith("cur:") for i in ent.ids):
            return False
        if len(ent.text.split()) >= 3 and len(literal) >= 2 and all(t.text[:1].isupper() for t in literal):
            return True  # Organizacja Układu o Bezpieczeństwie Zbiorowym -> "Joint Security Agency"
        # A curated entry is often a person (Tokajew): another person's name in its place is a
        # substitution (Djokovic), judged as for any person below.
    if st.targets[ti].derived or ent.kind != "name":
        return False
    if org:
        return True  # FC Schalke -> Hertha BSC: a club for a club
    if not _person(ent, part, st.lang):
        return False
    # A name ends in a name word: "Charles University", "Royal Castle" are descriptions.
    names = [t.text for t in toks if t.text.lower() not in lexicon.ENGLISH_NOT_NAMES]
    return bool(names) and lexicon.english_kind(names[-1]) != "common"


def _populous(ids: frozenset[str]) -> bool:
    g = gazetteer.get()
    return bool(ids) and any(i in g.populous for i in ids)


def _could_render(st: State, i: int) -> bool:
    """Whether free target name `i` could be an unpredicted rendering of a person's name: some
    word of it is no common English word and no known place or organisation."""
    return any(lexicon.english_kind(t.text) != "common" and not _ids(t.text) for t in st.free_tokens(i))


def _ids(name: str) -> frozenset[str]:
    return gazetteer.ids_for(name.replace("’", "'").removesuffix("'s"))


def named_in_source(name: str, words: frozenset[str]) -> bool:
    """Whether the source names `name` in some language, in any case form: one of its names is a
    source word but for an ending (Moldau; Dżudda in "w Dżuddzie" for Jeddah). Stricter than
    gazetteer.mentioned_in: Slovenija must not be found in Slovensko."""
    g = gazetteer.get()
    for ident in _ids(name):
        for alt in g.alts.get(ident, ()):
            for word in alt.split():  # Nysa in "Nysa Łużycka", Moldau in "Republik Moldau"
                head = word[:-1]
                if len(word) >= 4 and any(w.startswith(head) and len(w) - len(word) <= 4 for w in words):
                    return True
    return False


def _person(ent: SourceEntity, part: SourcePart, lang: str) -> bool:
    """A person's name: given name and surname, or a surname by its shape or its dictionary."""
    if len(ent.parts) > 1:
        return True
    lemma = part.lemma or part.text
    if lang[:2] == "pl":
        return polish_spelling_of_foreign(lemma, part.native) or polish.analyse(part.text).person
    if is_cyrillic(lemma):
        return bool(re.search(r"(ов|ев|ёв|ин|ын|ский|цкий|ова|ева|ина|ская|енко|ук)$", lemma))
    if lang[:2] == "de":
        return lexicon.german_is_person_or_place(lemma) and not lexicon.german_is_place(lemma)
    return False


def _trace(part: SourcePart, st: State) -> bool:
    """Whether the target holds a word no other name took that begins like the source name
    (varroa for Varroa, Arctic for Arktyka, Emirates for Emiracka): then it is rendered, if
    not as a name. Kłodzka in "Nysa Kłodzka" belongs to the river, not to Kłodzko."""
    stems = {loose(b)[:4] for b in (part.lemma, part.text, *part.bases[:3]) if b and len(loose(b)) >= 4}
    return any(loose(m.group())[:4] in stems and m.start() not in st.consumed for m in _WORD.finditer(st.target))


def _explained_elsewhere(st: State, ti: int, words: frozenset[str]) -> bool:
    """A free multi-word target name the source names in another language ("European
    Commission" for "Европейская комиссия"). One word is too little to go on: Slovensko
    (Slovakia) shares its first letters with Slovenija (Slovenia)."""
    toks = st.free_tokens(ti)
    text = st.target[toks[0].start:toks[-1].end]
    return len(toks) > 1 and gazetteer.mentioned_in(text, words)


# --- additions ---------------------------------------------------------------------------------


def added(st: State, sources: list[SourceEntity], source: str, left: Leftovers) -> None:
    src_fold = fold(source)
    words = source_words(source)
    # A quoted name in a script without capitals («摩羯») may be translated (Typhoon Yagi).
    unexplained = sum(1 for e in sources if not e.strict and e.kind == "phrase" and not e.text.isascii()
                      and st.lang[:2] in ("zh", "ja", "ko"))
    unexplained += left.unclaimed
    covered = [(e.start, e.end) for e in sources if e.strict or id(e) in st.used
               or any(o.entity is e for o in st.outcomes)]
    if st.lang[:2] not in ("zh", "ja", "ko"):
        unexplained += name_words(source, st.lang, covered)
    loose = loose_name_words(source, st.lang, covered)
    for i, t in enumerate(st.targets):
        toks = st.free_tokens(i)
        if not toks or not t.strong or t.derived:
            continue
        strong = [x for x in toks if (lexicon.english_kind(x.text) != "common" or t.acronym
                                      or gazetteer.is_known_place(x.text)) and not is_demonym(x.text)
                  and not _context(x.text, sources) and not _explained_word(x.text, words, sources, source, st.lang)]
        if not strong or quoted(st.target, toks[0].start, source):
            continue
        if st.lang[:2] in ("zh", "ja", "ko"):
            from .entities_cjk import pinyin_explains

            if all(pinyin_explains(x.text, source) for x in strong):
                continue
        free_text = st.target[toks[0].start:toks[-1].end]
        if gazetteer.mentioned_in(free_text, words) or all(gazetteer.mentioned_in(x.text, words) for x in strong):
            continue  # a place the source names in another form (Wenecka -> Venice, 紐約 -> New York)
        # Written the same in the source (Air Force One, a quoted brand): nothing was added.
        if all(re.search(r"(?<!\w)" + re.escape(fold(x.text)[:max(4, len(x.text) - 2)]), src_fold) for x in strong):
            continue
        if all(_sounds_in_source(x.text, source, st.lang) for x in strong):
            continue  # Białowieża for Беловежской: the source's own spelling of it
        like = next((w for w in loose if any(resembles(w, x.text) for x in strong)), None)
        if like is not None:
            loose.remove(like)
            continue
        # A country or a large city is named in every source language: when the source does not
        # name it in any form, an unidentified source word is no rendering of it.
        if unexplained and not all(gazetteer.is_known_place(x.text.replace("’", "'").removesuffix("'s"))
                                   for x in strong):
            unexplained -= 1
            continue
        s, e = toks[0].start, toks[-1].end
        if _SAINT_EN.search(st.target[max(0, s - 7):s]) and _SAINT_SRC.search(source):
            continue  # St Peter's Square for placu Świętego Piotra: saints' names are translated
        st.outcomes.append(Outcome("added", None, None, (s, e, st.target[s:e])))


def _explained_word(word: str, words: frozenset[str], sources: list[SourceEntity], source: str, lang: str) -> bool:
    """A target word the source names in some form: "Munich-based" for monachijska, "Silesian"
    for śląski (Silesia), Vienna for "the Austrian capital"."""
    head = re.sub(r"-[a-z]+$", "", word)
    if lang[:2] in ("zh", "ja", "ko"):
        return False  # romanised, a Chinese sentence is one long "word" that holds every prefix
    for stem in english_stems(head):
        for form in (stem, stem + "a", stem + "ia"):
            if len(form) >= 4 and gazetteer.ids_for(form) and gazetteer.mentioned_in(form, words):
                return True
    return capital_of_named_country(head, sources, source)


def _context(word: str, sources: list[SourceEntity]) -> bool:
    """Words a translation adds for context, not names: a common English acronym or
    abbreviation (GDP, VAT, MPs), an acronym of an organisation the source spells out or
    abbreviates its own way (GDDKiA for Generalna Dyrekcja..., UTK), and a country's possessive
    (Poland's economy for "polska gospodarka")."""
    from .entities_en import is_acronym

    if is_acronym(word):
        if lexicon.is_known(word, "en"):
            return True
        return any(e.kind == "acronym" or (e.kind == "phrase" and len(e.parts) > 1) for e in sources)
    base = word.replace("’", "'")
    if base.endswith("'s"):
        return any(i.startswith("cc:") for i in gazetteer.ids_for(base[:-2]))
    return False


def _sounds_in_source(word: str, source: str, lang: str) -> bool:
    """Whether some source word is `word` in the source's spelling, with any ending."""
    cyr = lang[:2] in NON_LATIN_SOURCES
    stems = english_stems(word)
    for w in _WORD.findall(source):
        if cyr != is_cyrillic(w):
            continue
        cands = {w, w.capitalize()}
        if any(sounds_alike(c, t, 3 if cyr else 0) for c in cands for t in stems):
            return True
    return False
