"""Omissions and additions inside aligned pairs, clause by clause.

The alignment checks find whole paragraphs and sentences with no counterpart; this one finds a
clause lost or invented inside a pair that is otherwise translated. Three signals must agree:

* length — the pair's target/source length ratio leans the right way against what the language
  pair usually shows (shorter target for an omission, longer for an addition);
* coverage — most content words of the clause found no counterpart, or only a weak one, in
  the one-to-one word matching of evaluator.lang.wordcover;
* similarity — cutting the clause out makes the pair MORE similar: for a clause that carries
  translated meaning the cosine drops (median -0.015 on correct pairs, 95th percentile +0.015),
  for an invented one it rises (median +0.04).

Thresholds were set on the first four topics of benchmarks/data/parallel (pl→en).
"""
from __future__ import annotations

import re
from typing import Iterable

from ..lang.function_words import has_word_lists
from ..lang.wordcover import PairWords, analyse_document
from ..registry import checks
from ..types import AlignedPair, Finding, Span
from .base import Check, Context
from .meaning_rules import probe_words

_BOUNDARY = re.compile(r"[,;:()\u2013\u2014]|\s-\s|[.!?…]+(?=\s|$)")
MIN_WORDS = 2  # weakly covered content words a clause needs before it is reported
MIN_SHARE = 0.5  # ...and the share of its content words they make up
WEAK = 0.6  # a content word matched below this cosine counts as weakly covered
GAIN = {"source": 0.015, "target": 0.02}  # similarity gained by cutting the clause out
# Target/source character ratio of a correct translation into English, by source language
# (medians measured on benchmarks/data/parallel); other pairs use 1.0.
TYPICAL_RATIO = {("pl", "en"): 0.94, ("de", "en"): 0.85, ("ru", "en"): 0.94}
RATIO_SLACK = 0.05  # the pair must be at least this much shorter (omission) or longer (addition)


@checks.register("clauses")
class ClauseCheck(Check):
    name = "clauses"
    version = 1
    categories = ("omission", "addition")

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return has_word_lists(source_lang) and has_word_lists(target_lang) and source_lang != target_lang

    def run(self, ctx: Context) -> Iterable[Finding]:
        emb = ctx.embedder
        if emb is None or not (emb.supports(ctx.source_lang) and emb.supports(ctx.target_lang)):
            return []
        # The same arguments as the meaning check's, so the two share one analysis of the document.
        doc = analyse_document(ctx.pairs, ctx.source_lang, ctx.target_lang, emb, extra=probe_words())
        typical = TYPICAL_RATIO.get((ctx.source_lang, ctx.target_lang), 1.0)
        candidates = []
        for pair in ctx.pairs:
            pw = doc.pairs.get(pair.index)
            if pw is None:
                continue
            ratio = len(pair.target) / max(len(pair.source), 1) / typical
            if ratio < 1.0 - RATIO_SLACK:
                candidates.extend(self._candidates(pair, pw, "source", ratio))
            if ratio > 1.0 + RATIO_SLACK:
                candidates.extend(self._candidates(pair, pw, "target", ratio))
        if not candidates:
            return []
        texts = []
        for pair, side, clause, _lost, _n, _ratio in candidates:
            text = pair.source if side == "source" else pair.target
            texts += [pair.source, pair.target, (text[: clause.start] + text[clause.end :]).strip()]
        vecs = emb.encode(texts)
        out: list[Finding] = []
        for k, (pair, side, clause, lost, n, ratio) in enumerate(candidates):
            src, tgt, cut = vecs[3 * k], vecs[3 * k + 1], vecs[3 * k + 2]
            gain = float(cut @ tgt if side == "source" else src @ cut) - float(src @ tgt)
            if gain >= GAIN[side]:
                out.append(self._finding(pair, side, clause, lost, n, ratio, gain))
        return out

    def _candidates(self, pair: AlignedPair, pw: PairWords, side: str, ratio: float):
        text = pair.source if side == "source" else pair.target
        toks = pw.source if side == "source" else pw.target
        for clause in clauses(text):
            inside = [k for k, t in enumerate(toks) if clause.start <= t.start and t.end <= clause.end and t.content]
            lost = [toks[k].text for k in inside if _weak(pw, side, k)]
            if len(inside) >= 3 and len(lost) >= MIN_WORDS and len(lost) >= MIN_SHARE * len(inside):
                yield pair, side, clause, lost, len(inside), ratio

    def _finding(self, pair: AlignedPair, side: str, clause: Span, lost: list[str], n: int, ratio: float,
                 gain: float) -> Finding:
        words = ", ".join(lost[:6])
        evidence = (("weak_words", str(len(lost))), ("content_words", str(n)), ("length_ratio", f"{ratio:.2f}"),
                    ("similarity_gain", f"{gain:.3f}"))
        if side == "source":
            return Finding(category="omission", severity="major", segment=pair.index, source_span=clause,
                           message=f"source clause not rendered in the translation (no counterpart for {words})",
                           suggestion="translate the missing clause", check=self.name, evidence=evidence)
        return Finding(category="addition", severity="major", segment=pair.index, target_span=clause,
                       message=f"target clause has no counterpart in the source ({words})",
                       suggestion="remove the added clause or check the source", check=self.name, evidence=evidence)


def _weak(pw: PairWords, side: str, k: int) -> bool:
    if side == "source":
        j = pw.src_match[k]
        return j < 0 or pw.cos[k, j] < WEAK
    i = pw.tgt_match[k]
    return i < 0 or pw.cos[i, k] < WEAK


def clauses(text: str) -> list[Span]:
    """Clause spans: stretches between commas, semicolons, colons, dashes, brackets and sentence ends."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        _add(out, text, start, m.start())
        start = m.end()
    _add(out, text, start, len(text))
    return out


def _add(out: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))

