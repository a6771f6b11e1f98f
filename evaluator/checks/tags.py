"""Inline tags and placeholders the translation lost or invented.

Loaders move inline codes (XLIFF <g>, <x/>, <ph>, <pc>...; TMX <bpt>/<ept>...) and text
placeholders ({0}, %s, ${var}...) out of the text into `Segment.tags`; the pipeline hands them to
us as `AlignedPair.source_tags` / `target_tags`. Source and target are compared as multisets:
word order moves tags legitimately, so order is not a finding.

A lost or invented placeholder is major: the software fills it at run time, so the sentence loses
a value or shows a raw "%s". A lost or invented formatting tag is minor: the text reads right but
loses bold, a link, a line break. A pair that vanished whole (<bpt>+<ept>) is one finding.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from ..load.inline import PLACEHOLDER, is_placeholder
from ..registry import checks
from ..types import Finding
from .base import Check, Context

_CLOSING = {"ept": "bpt", "ex": "bx", "ec": "sc"}  # closing half -> opening half of a pair


@checks.register("tags")
class TagCheck(Check):
    name = "tags"
    categories = ("tag.mismatch",)

    def run(self, ctx: Context) -> Iterable[Finding]:
        for pair in ctx.pairs:
            if not pair.is_aligned or not (pair.source_tags or pair.target_tags):
                continue
            if not pair.target and not pair.target_tags:
                continue  # an empty translation is an omission, reported by the alignment check
            source, target = Counter(pair.source_tags), Counter(pair.target_tags)
            for tag in _without_closing_halves(source - target):
                yield self._finding(pair.index, tag, lost=True)
            for tag in _without_closing_halves(target - source):
                yield self._finding(pair.index, tag, lost=False)

    def _finding(self, index: int, tag: str, lost: bool) -> Finding:
        what = describe(tag)
        placeholder = is_placeholder(tag)
        if lost:
            message = f"{what} is missing from the target"
            suggestion = f"copy {what} from the source into the translation"
        else:
            message = f"target adds {what}, which the source does not have"
            suggestion = f"remove {what} from the translation"
        return Finding(category="tag.mismatch", severity="major" if placeholder else "minor",
                       message=message, segment=index, suggestion=suggestion, check=self.name,
                       evidence=(("tag", tag), ("change", "missing" if lost else "added")))


def describe(tag: str) -> str:
    kind, _, key = tag.partition(":")
    if kind == "ph" and PLACEHOLDER.fullmatch(key):
        return f"placeholder {key}"
    if is_placeholder(tag):
        return f"placeholder code <{kind}> {key}".rstrip()
    return f"formatting tag <{kind}> {key}".rstrip()


def _without_closing_halves(diff: Counter) -> list[str]:
    """Tags in order of first appearance, dropping a closing half whose opening half is also listed."""
    out = []
    for tag, count in diff.items():
        kind, _, key = tag.partition(":")
        opening = _CLOSING.get(kind)
        if opening:
            count -= min(count, diff.get(f"{opening}:{key}" if key else opening, 0))
        out.extend([tag] * count)
    return out
