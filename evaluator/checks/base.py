"""The check interface: a check reads every aligned pair of a document and returns findings.

Checks see the whole document (not one pair at a time) because some errors only show across
pairs, e.g. one source name rendered three different ways. A check whose findings for a pair
depend on that pair alone says so (`pair_local`), and then sees the document a slice at a time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Iterable

from ..facts import Facts, fact
from ..types import AlignedPair, Finding

if TYPE_CHECKING:  # the embedder stack is heavy; checks that need it get it through the context
    from ..embed.base import Embedder


@dataclass(frozen=True)
class Options:
    """User options that checks read. Defaults are what `evaluator score` uses."""

    glossary: tuple[tuple[str, str], ...] = ()  # (source term, required target term)
    meaning_threshold: float | None = None  # None: the check's calibrated default


@dataclass(frozen=True)
class Context:
    pairs: tuple[AlignedPair, ...]
    source_lang: str
    target_lang: str
    # Cross-lingual cosine of each pair in `pairs`, in order; None where a side is empty or the
    # embedder can't judge.
    similarity: tuple[float | None, ...]
    options: Options = field(default_factory=Options)
    embedder: "Embedder | None" = None
    # Facts about pairs computed elsewhere (the offload worker); see Check.facts.
    facts: Facts | None = None

    def fact(self, name: str, pair: AlignedPair) -> object:
        """The fact `name` about `pair` (see evaluator.facts): as computed elsewhere, or now."""
        return fact(self.facts, name, pair, self.source_lang, self.target_lang)


class Check:
    """Subclass, set the class attributes, implement `run`, and register with `@checks.register`."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
    categories: ClassVar[tuple[str, ...]] = ()
    # True when a pair's findings depend on that pair alone: the pipeline may then run the check
    # on slices of the document, to bound its memory. Document-wide checks keep False.
    pair_local: ClassVar[bool] = False
    # Text-only facts about each pair the check reads through Context.fact, which the offload
    # worker may compute beside its own checks (see evaluator.facts).
    facts: ClassVar[tuple[str, ...]] = ()
    # None means any language; otherwise the source languages the check can judge.
    source_langs: ClassVar[frozenset[str] | None] = None

    def supports(self, source_lang: str, target_lang: str) -> bool:
        return self.source_langs is None or source_lang in self.source_langs

    def run(self, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    @property
    def signature(self) -> str:
        return f"{self.name}.v{self.version}"
