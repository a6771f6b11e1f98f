"""Meaning errors inside aligned pairs: flipped negation, flipped direction, wrong high-stakes verbs.

Sentence similarity alone cannot locate a mistranslated word and barely moves when one word is
wrong (USE puts "sold" 0.62 from "kupił", "bought" 0.83), so no finding rests on it. Each finding
has its own lexical evidence, read from word coverage (evaluator.lang.wordcover):

* polarity — a sentence negated on one side only ("nie podpisał" → "signed"); counted from
  closed negation lists, so it works even where the encoder does not (critical);
* concepts — a target word of a high-stakes concept (killing, arrest, injury, attack) whose
  source counterpart belongs to another concept or to none, or the reverse: "zatrzymano"
  (detained) → "killed" (critical). Concepts are a few English probe words, embedded once;
* direction — a matched word pair that sits on opposite ends of an antonym axis (rise/fall,
  buy/sell, open/close, accept/reject...), judged with probe words too (major);
* coverage — a source content word with no target word above the match level next to a target
  content word with no source support, in a sentence pair whose similarity is below the
  calibrated level (major).

The probe lists and thresholds were chosen on the dev half of benchmarks/data/meaning/pl-en.jsonl
(see benchmarks/meaning.py) so that at most 3% of correct translations get a finding.
"""
from __future__ import annotations

from typing import Iterable

from ..lang.function_words import has_word_lists, soft_negations
from ..lang.wordcover import DocumentWords, PairWords, Token, analyse_document
from ..registry import checks
from ..types import AlignedPair, Finding, Span
from .base import Check, Context
from .meaning_rules import (AXES, CONCEPTS, Calibration, DEFAULT, axis_scores, concept_lean, concept_of,
                            negation_groups, probe_words)

CATEGORY = "meaning"


@checks.register("meaning")
class MeaningCheck(Check):
    name = "meaning"
    version = 2
    pair_local = True
    facts = ("sentences",)
    categories = (CATEGORY,)

    def __init__(self, calibration: Calibration = DEFAULT) -> None:
        self.cal = calibration
        self._target_lang = "en"

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return has_word_lists(source_lang) and has_word_lists(target_lang) and source_lang != target_lang

    def run(self, ctx: Context) -> Iterable[Finding]:
        emb = ctx.embedder
        if emb is None or not (emb.supports(ctx.source_lang) and emb.supports(ctx.target_lang)):
            return []  # every signal here needs the word lexicon the encoder provides
        self._target_lang = ctx.target_lang
        probes = probe_words()
        doc = analyse_document(ctx.pairs, ctx.source_lang, ctx.target_lang, emb, extra=probes, facts=ctx.facts)
        out: list[Finding] = []
        pending: list[tuple[AlignedPair, PairWords, list, list]] = []
        for pair in ctx.pairs:
            pw = doc.pairs.get(pair.index)
            if pw is not None:
                found, used = self._pair(pair, pw, doc)
                out.extend(found)
                cands = [c for c in self._coverage(pair, pw) if c[1] not in used[0] and c[2] not in used[1]]
                if cands:
                    pending.append((pair, pw, found, cands))
        out.extend(self._confirm_coverage(pending, emb))
        return out

    def _confirm_coverage(self, pending: list, emb) -> list[Finding]:
        """Keep a coverage candidate only if deleting the target word does not cost the sentence
        pair any similarity: a word that carries source meaning does (median -0.05 on correct
        pairs), a wrong one does not (median -0.01)."""
        texts: list[str] = []
        for pair, pw, _found, cands in pending:
            for _f, i, j in cands:
                s, t = pw.source[i], pw.target[j]
                ss, ts = pw.src_sentences[s.sentence], pw.tgt_sentences[t.sentence]
                sentence = pair.target[ts.start:ts.end]
                texts += [pair.source[ss.start:ss.end], sentence,
                          sentence[: t.start - ts.start] + sentence[t.end - ts.start:]]
        if not texts:
            return []
        vecs = emb.encode(texts)
        out, k = [], 0
        for _pair, _pw, _found, cands in pending:
            for f, _i, _j in cands:
                src, full, cut = vecs[k], vecs[k + 1], vecs[k + 2]
                k += 3
                gain = float(src @ cut) - float(src @ full)
                if gain >= self.cal.deletion_gain:
                    out.append(f)
        return out

    def _pair(self, pair: AlignedPair, pw: PairWords, doc: DocumentWords) -> tuple[list[Finding], tuple[set, set]]:
        found: list[Finding] = []
        used_t: set[int] = set()
        used_s: set[int] = set()

        def add(f: Finding, i: int | None, j: int | None) -> None:
            if (j is not None and j in used_t) or (i is not None and i in used_s):
                return
            found.append(f)
            if j is not None:
                used_t.add(j)
            if i is not None:
                used_s.add(i)

        for f, i, j in self._polarity(pair, pw):
            add(f, i, j)
        for f, i, j in self._concepts(pair, pw, doc):
            add(f, i, j)
        for f, i, j in self._directions(pair, pw, doc):
            add(f, i, j)
        return found, (used_s, used_t)

    # -- polarity ---------------------------------------------------------------------------

    def _polarity(self, pair: AlignedPair, pw: PairWords):
        for s_ids, t_ids in negation_groups(pw, self.cal.group_similarity):
            s_hard = sum(pw.src_negation[k][0] for k in s_ids)
            s_soft = sum(pw.src_negation[k][1] for k in s_ids)
            t_hard = sum(pw.tgt_negation[k][0] for k in t_ids)
            t_soft = sum(pw.tgt_negation[k][1] for k in t_ids)
            s_span = _join(pw.src_sentences, s_ids)
            t_span = _join(pw.tgt_sentences, t_ids)
            if t_hard > s_hard + s_soft:
                neg = _negation_span(pair.target, t_span, pw.tgt_negation_tokens)
                yield self._finding(
                    pair, "critical", f'the translation adds a negation ("{pair.target[neg.start:neg.end]}") '
                    "that the source does not have: it states the opposite", s_span, neg,
                    (("signal", "polarity"), ("source_negations", str(s_hard)), ("target_negations", str(t_hard)))), None, None
            elif s_hard > t_hard + t_soft:
                neg = _negation_span(pair.source, s_span, pw.src_negation_tokens)
                i, j = _word_after(pw, neg)
                tspan = Span(pw.target[j].start, pw.target[j].end) if j is not None else t_span
                shown = f' ("{pair.target[tspan.start:tspan.end]}" is not negated)' if j is not None else ""
                yield self._finding(
                    pair, "critical", f'the negation "{pair.source[neg.start:neg.end]}" is lost in translation{shown}: '
                    "it states the opposite", neg, tspan,
                    (("signal", "polarity"), ("source_negations", str(s_hard)), ("target_negations", str(t_hard)))), i, j

    # -- high-stakes concepts ----------------------------------------------------------------

    def _concepts(self, pair: AlignedPair, pw: PairWords, doc: DocumentWords):
        """Per group of sentences that translate each other: a target mention of a high-stakes
        concept beyond what the source mentions. The source is counted generously (any word
        close to the concept counts), so noise in the lexicon can only hide a finding."""
        cal = self.cal
        t_conc = [concept_of(t, doc, cal.concept_target) if t.content else None for t in pw.target]
        for s_ids, t_ids in negation_groups(pw, cal.group_similarity):
            src = [i for i, s in enumerate(pw.source) if s.sentence in s_ids]
            tgt = [j for j, t in enumerate(pw.target) if t.sentence in t_ids]
            for concept in CONCEPTS:
                mentions = [j for j in tgt if t_conc[j] == concept]
                if not mentions:
                    continue
                carriers = [i for i in src if concept_of(pw.source[i], doc, cal.concept_source_min, name=concept)]
                extra = len(mentions) - len(carriers)
                # The target mentions not matched to a source word that carries the concept go first.
                mentions.sort(key=lambda j: (pw.tgt_match[j] in carriers, j))
                for j in mentions[:max(extra, 0)]:
                    t = pw.target[j]
                    i = self._moved_from(pw, doc, src, tgt, t_conc, concept, t)
                    if i is None:
                        i = pw.tgt_match[j]
                    if i < 0:
                        i = _nearest_unmatched_source(pw, j, cal.position_window)
                    if i is None or i < 0:
                        yield self._finding(pair, "critical", f'"{t.text}" ({CONCEPTS[concept][0]}) has no counterpart '
                                            "in the source", None, Span(t.start, t.end),
                                            (("signal", "concept"), ("concept", concept))), None, j
                        continue
                    s = pw.source[i]
                    sc, margin = concept_lean(s, doc, against=concept)
                    gloss = CONCEPTS[sc][0] if (sc != concept and margin >= cal.concept_margin and
                                                concept_of(s, doc, cal.concept_source, name=sc)) else None
                    yield self._finding(pair, "critical", _mistranslated(s, t, gloss, CONCEPTS[concept][0]),
                                        Span(s.start, s.end), Span(t.start, t.end),
                                        (("signal", "concept"), ("target_concept", concept),
                                         ("source_mentions", str(len(carriers))),
                                         ("target_mentions", str(len(mentions))))), i, j

    def _moved_from(self, pw: PairWords, doc: DocumentWords, src: list[int], tgt: list[int],
                    t_conc: list[str | None], concept: str, t: Token) -> int | None:
        """The source word, nearest to `t`, that clearly carries another concept the target
        mentions less often: "rannych" (injured) when "killed" replaced it."""
        cal = self.cal
        options = []
        for i in src:
            s = pw.source[i]
            sc, margin = concept_lean(s, doc, against=concept)
            if sc == concept or margin < cal.concept_margin or not concept_of(s, doc, cal.concept_source, name=sc):
                continue
            if sum(t_conc[j] == sc for j in tgt) < sum(concept_lean(pw.source[k], doc)[0] == sc for k in src):
                options.append((abs(s.pos - t.pos), i))
        return min(options)[1] if options else None

    # -- antonym axes -----------------------------------------------------------------------

    def _directions(self, pair: AlignedPair, pw: PairWords, doc: DocumentWords):
        cal = self.cal
        for j, t in enumerate(pw.target):
            i = pw.tgt_match[j]
            if i < 0 or not t.content or not pw.source[i].content:
                continue
            s = pw.source[i]
            if pw.cos[i, j] < cal.direction_min_cos or t.text.lower() in soft_negations(self._target_lang):
                continue  # a weak match is noise; "failed" may render "nie udało się"
            if int(pw.cos[:, j].argmax()) != i:
                continue  # the target word must render this source word best: not "verlor" for "won"
            if _negated(pair.source, s, pw.src_negation_tokens) or _negated(pair.target, t, pw.tgt_negation_tokens):
                continue  # "nie udała się" -> "failed": a negated antonym is a paraphrase
            scores = list(axis_scores(s, t, doc))
            # "Inflacja spadła" / "inflation eased": two words that move an amount the same way
            # are good or bad news only by what moves, so the good/bad axis does not apply.
            same_move = any(axis == "amount" and ds * dt > 0 and min(cs, ct) >= cal.direction_source_pole
                            for axis, ds, dt, cs, ct in scores)
            for axis, ds, dt, cs, ct in scores:
                if axis == "good" and same_move:
                    continue
                if (ds * dt < 0 and abs(ds) >= cal.axis_source and abs(dt) >= cal.axis_target
                        and cs >= cal.direction_source_pole and ct >= cal.direction_target_pole):
                    (pos_a, _), (pos_b, _) = AXES[axis]
                    gs, gt = (pos_a, pos_b) if ds > 0 else (pos_b, pos_a)
                    sim = pw.sentence_similarity(s.sentence, t.sentence)
                    if sim > cal.direction_similarity:
                        continue
                    yield self._finding(pair, "major", _mistranslated(s, t, gs, gt), Span(s.start, s.end),
                                        Span(t.start, t.end), (("signal", "direction"), ("axis", axis),
                                                               ("similarity", f"{sim:.2f}"))), i, j
                    break

    # -- plain coverage -----------------------------------------------------------------------

    def _coverage(self, pair: AlignedPair, pw: PairWords):
        cal = self.cal
        for j, t in enumerate(pw.target):
            if not t.content or pw.support(j) >= cal.support_max:
                continue
            best, best_i = None, None
            for i, s in enumerate(pw.source):
                if (not s.content or s.text[:1].isupper() or pw.cover(i) >= cal.cover_max
                        or abs(s.pos - t.pos) > cal.position_window):  # capitals: German compounds embed poorly
                    continue
                if best is None or abs(s.pos - t.pos) < best:
                    best, best_i = abs(s.pos - t.pos), i
            if best_i is None:
                continue
            s = pw.source[best_i]
            sim = pw.sentence_similarity(s.sentence, t.sentence)
            if sim >= cal.coverage_similarity:
                continue
            yield self._finding(pair, "major", _mistranslated(s, t, None), Span(s.start, s.end), Span(t.start, t.end),
                                (("signal", "coverage"), ("source_cover", f"{pw.cover(best_i):.2f}"),
                                 ("target_support", f"{pw.support(j):.2f}"), ("similarity", f"{sim:.2f}"))), best_i, j

    def _finding(self, pair: AlignedPair, severity: str, message: str, src: Span | None, tgt: Span | None,
                 evidence: tuple[tuple[str, str], ...]) -> Finding:
        return Finding(category=CATEGORY, severity=severity, message=message, segment=pair.index,
                       source_span=src, target_span=tgt, check=self.name, evidence=evidence,
                       suggestion="check the meaning of this passage against the source")


def _mistranslated(s: Token, t: Token, gloss: str | None, target_gloss: str | None = None) -> str:
    src = f"{s.text!r} (≈ {gloss})" if gloss else repr(s.text)
    tgt = f"{t.text!r} (≈ {target_gloss})" if target_gloss else repr(t.text)
    return f"{src} seems mistranslated as {tgt}".replace("'", '"')


def _negated(text: str, tok: Token, negations: list[Span]) -> bool:
    """A negation marker at most two words before the token (same sentence)."""
    for n in negations:
        gap = text[n.end : tok.start]
        if n.end <= tok.start and len(gap.split()) <= 2 and not any(c in gap for c in ".!?"):
            return True
    return False


def _join(spans: list[Span], ids: list[int]) -> Span:
    return Span(min(spans[k].start for k in ids), max(spans[k].end for k in ids))


def _negation_span(text: str, within: Span, negations: list[Span]) -> Span:
    inside = [n for n in negations if within.start <= n.start and n.end <= within.end]
    return inside[0] if inside else within


def _word_after(pw: PairWords, neg: Span) -> tuple[int | None, int | None]:
    """The source content word right after a negation particle, and its matched target word."""
    for i, s in enumerate(pw.source):
        if s.start >= neg.end:
            j = pw.src_match[i]
            return (i, j) if j >= 0 else (i, None)
    return None, None


def _nearest_unmatched_source(pw: PairWords, j: int, window: float) -> int | None:
    t = pw.target[j]
    options = [(abs(s.pos - t.pos), i) for i, s in enumerate(pw.source)
               if pw.src_match[i] < 0 and s.content and abs(s.pos - t.pos) <= window]
    return min(options)[1] if options else None

