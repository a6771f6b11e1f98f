"""Named-entity corruption, reference-free: every name in the source must survive translation.

For each aligned pair the source names (people, places, organisations, in any inflection) are
matched with the names in the translation through gazetteers, romanisation rules and phonetic
keys (see evaluator/lang/entity_match.py). Leftovers become findings:

- entity.substituted (critical): a different name stands where the source one was;
- entity.misspelled (major; minor for a dated exonym such as Kiev): a close but wrong form, or
  a name that kept letters of the source alphabet (Kasym-Żomart in English text);
- entity.missing (major) and entity.added (major);
- entity.inconsistent (major): one source name rendered in different ways across the
  document, reported once, where the second rendering first appears;
- terminology (major): a glossary term in the source whose required translation is absent.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable, Iterator

from rapidfuzz import fuzz

from ..lang import entities_en, gazetteer
from ..lang.entities import SourceEntity, extract_source
from ..lang.entity_accept import is_given_name
from ..lang.entity_match import Outcome, match
from ..lang.gazetteer_data import VARIANTS
from ..lang.glossary import find_source_term, find_target_term, locate_wrong_term
from ..lang.translit import name_key
from ..registry import checks
from ..types import AlignedPair, Finding, Span
from .alignment import aligned_targets, duplicate_of
from .base import Check, Context

_LOWER_WORD = re.compile(r"\b[a-z][a-z'-]+\b")
VARIANT_MIN = 70.0  # key similarity from which two renderings are spellings of one name


@lru_cache(maxsize=4_096)  # repeated segments; the worker reads pairs back from pickles, so this holds copies
def _source_entities(text: str, lang: str) -> tuple[SourceEntity, ...]:
    return tuple(extract_source(text, lang))


@dataclass
class _Renderings:
    """How one source name was rendered across the document."""

    label: str
    forms: list[tuple[str, str, str | None]] = field(default_factory=list)  # (casefolded, surface, given names)
    reported: bool = False


def _abbreviates(short: str, long: str) -> bool:
    words = [w for w in re.split(r"[\s-]+", long) if w and w not in ("of", "the", "and", "for")]
    letters = short.replace(".", "")
    return len(words) > 1 and letters.casefold() == "".join(w[0] for w in words).casefold()


def _rendering(text: str) -> str | None:
    """The name a target form renders, or None for a form made from it (Ukrainian, Wrocław-based)."""
    surface = re.sub(r"['’]s?$", "", text)
    if re.search(r"-[a-z]+$", surface) or entities_en.is_derived(surface.split()[-1]):
        return None
    return surface


def _variants(a: str, b: str) -> bool:
    """Two spellings of one name (Kyiv / Kiev, Zelensky / Zelenskyy, St / Saint Petersburg), as
    opposed to two names of one thing that writers alternate (Czechia / Czech Republic, US /
    United States)."""
    if _abbreviates(a, b) or _abbreviates(b, a):
        return False
    short, long = sorted((a.casefold(), b.casefold()), key=len)
    if long.startswith(short) and long[len(short):] in ("n", "an", "ian", "ese", "i", "ish", "ic"):
        return False  # Saudi Arabia / Saudi Arabian: the name and its adjective
    if gazetteer.key(a) in VARIANTS or gazetteer.key(b) in VARIANTS:
        return True
    return fuzz.ratio(name_key(a), name_key(b)) >= VARIANT_MIN


def _given_key(ent: SourceEntity) -> str | None:
    if len(ent.parts) < 2 or ent.kind != "name":
        return None
    return " ".join(name_key(p.lemma or p.text) for p in ent.parts[:-1])


def _in_repeat(f: Finding, twin: int) -> Finding:
    """A finding in a repeated paragraph: its source text lives in segment `twin`."""
    return replace(f, source_span=None, message=f"{f.message} (in a repeat of segment {twin})",
                   evidence=f.evidence + (("source_segment", str(twin)),))


def _source_span(o: Outcome) -> tuple[int, int]:
    src = o.part if o.part is not None else o.entity
    return (src.start, src.end) if src is not None else (0, 0)


@checks.register("entities")
class EntityCheck(Check):
    name = "entities"
    version = 2
    categories = (
        "entity.substituted",
        "entity.misspelled",
        "entity.missing",
        "entity.added",
        "entity.inconsistent",
        "terminology",
    )
    source_langs = None

    def run(self, ctx: Context) -> Iterable[Finding]:
        return list(self._run(ctx))

    def _run(self, ctx: Context) -> Iterator[Finding]:
        lang = (ctx.source_lang or "").lower()
        gazetteer.get()  # load once, up front, so per-pair timing is flat
        vocab = frozenset(w for p in ctx.pairs for w in _LOWER_WORD.findall(p.target or ""))
        seen: dict[str, _Renderings] = {}
        source_of: dict[int, str] = {}
        aligned: list[tuple[int, str]] | None = None  # built at the first target without a source
        for pair in ctx.pairs:
            if not pair.target.strip():
                continue
            twin = None
            if not pair.source.strip():
                # A repeated lead bullet is still read first: its names are held to its twin's source.
                if aligned is None:
                    aligned = aligned_targets(ctx.pairs)
                    source_of = {p.index: p.source for p in ctx.pairs if p.is_aligned}
                twin = duplicate_of(pair.target, aligned)
                if twin is None:
                    continue
            source = source_of[twin] if twin is not None else pair.source
            sources = list(_source_entities(source, lang))
            targets = entities_en.extract(pair.target, vocab)
            outcomes = match(sources, targets, source, pair.target, lang)
            # A repeat may be shortened: what it leaves out of its twin is not missing.
            found = [f for o in outcomes if (twin is None or o.kind != "missing")
                     and (f := self._finding(pair, o)) is not None]
            found += self._consistency(pair, outcomes, seen)
            if twin is None:
                found += self._glossary(pair, ctx, lang)
            yield from (f if twin is None else _in_repeat(f, twin) for f in found)

    def _finding(self, pair: AlignedPair, o: Outcome) -> Finding | None:
        if o.kind == "ok":
            return None
        src_text = o.part.text if o.part is not None else (o.entity.text if o.entity else None)
        src_span = None
        if o.part is not None:
            src_span = Span(o.part.start, o.part.end)
        elif o.entity is not None:
            src_span = Span(o.entity.start, o.entity.end)
        tgt_span = Span(o.target[0], o.target[1]) if o.target else None
        tgt_text = o.target[2] if o.target else None
        evidence: list[tuple[str, str]] = []
        if src_text:
            evidence.append(("source_name", src_text))
        if tgt_text:
            evidence.append(("target_name", tgt_text))
        if o.suggestion:
            evidence.append(("expected", o.suggestion))
        if o.reason:
            evidence.append(("rule", o.reason))
        if o.kind == "substituted":
            cat, sev = "entity.substituted", "critical"
            msg = f"'{src_text}' is rendered as '{tgt_text}', a different name (expected '{o.suggestion}')"
        elif o.kind == "misspelled":
            cat, sev = "entity.misspelled", "major"
            if o.reason == "untranslated letters":
                msg = f"'{tgt_text}' keeps letters of the source alphabet (expected '{o.suggestion}')"
            elif o.reason in ("untranslated", "source case form"):
                what = "the source-language form" if o.reason == "untranslated" else "a source case ending"
                msg = f"'{tgt_text}' keeps {what} of '{src_text}' (expected '{o.suggestion}')"
            else:
                msg = f"'{tgt_text}' misspells '{src_text}' (expected '{o.suggestion}')"
        elif o.kind == "missing":
            cat, sev = "entity.missing", "major"
            msg = f"'{src_text}' does not appear in the translation (expected '{o.suggestion}')"
        else:
            cat, sev = "entity.added", "major"
            msg = f"'{tgt_text}' has no counterpart in the source"
        return Finding(cat, sev, msg, pair.index, src_span, tgt_span, o.suggestion, self.name, tuple(evidence))

    def _consistency(self, pair: AlignedPair, outcomes: list[Outcome],
                     seen: dict[str, _Renderings]) -> Iterator[Finding]:
        for o in outcomes:
            if o.entity is None or o.target is None or o.kind == "missing" or o.derived or o.unverified \
                    or not o.entity.strict:
                continue  # soft names (MSW, Komisja Wenecka) may be paraphrased differently each time
            if o.kind == "substituted" and " " not in o.entity.text and o.entity.kind != "acronym":
                continue  # Djokovic is not a way of writing Tokajew; that finding is made already
            if o.part is not None and is_given_name(o.entity, o.part):
                continue  # given names are shared by many people (Andrij Sawczuk, Andrij Melnyk)
            surface = _rendering(o.target[2])
            if surface is None:
                continue  # "Ukrainian", "Wrocław-based": a form made from the name, not the name
            # Keyed by the source name's dictionary form: Kijów / Kijowa / Kijowie are one name,
            # while "Astana, dawniej Nur-Sułtan" names one city in two ways on purpose. A surname
            # is one person's only with the same given name, or with none.
            lemma = (o.part.lemma or o.part.bases[0]) if o.part is not None else o.entity.text
            person = _given_key(o.entity)
            # Висла and Wisła (kept in Latin letters, as a firm's name) are two source names.
            rend = seen.setdefault(f"{gazetteer.is_latin_text(lemma)}:{name_key(lemma)}", _Renderings(lemma))
            norm = surface.casefold()
            if any(norm == f for f, _s, _p in rend.forms):
                continue
            rival = next((s for f, s, p in rend.forms if (p is None or person is None or p == person)
                          and _variants(surface, s)), None)
            rend.forms.append((norm, surface, person))
            if rend.reported or rival is None:
                continue
            rend.reported = True
            yield Finding(
                "entity.inconsistent", "major",
                f"'{rend.label}' is rendered 2 different ways: '{rival}', '{surface}'",
                pair.index, Span(*_source_span(o)), Span(o.target[0], o.target[1]),
                rival, self.name,
                (("source_name", rend.label), ("renderings", f"{rival} | {surface}")),
            )

    def _glossary(self, pair: AlignedPair, ctx: Context, lang: str) -> Iterator[Finding]:
        for src_term, tgt_term in ctx.options.glossary:
            src = find_source_term(pair.source, src_term, lang)
            if src is None or find_target_term(pair.target, tgt_term):
                continue
            pos = src[0] / max(1, len(pair.source))
            wrong = locate_wrong_term(pair.target, pair.source[src[0]:src[1]], tgt_term, ctx.embedder, pos)
            yield Finding(
                "terminology", "major",
                f"glossary: '{src_term}' must be translated as '{tgt_term}'",
                pair.index, Span(*src), Span(*wrong) if wrong else None, tgt_term, self.name,
                (("glossary_source", src_term), ("glossary_target", tgt_term)),
            )
