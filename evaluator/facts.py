"""Text-only facts about an aligned pair that checks read: computed by the offload worker beside
its own checks when there is one, else here, on demand.

A fact is a pure function of the pair's texts and languages, so its value is the same wherever
it is computed, and a report does not depend on which process computed it (see offload.py).
"""
from __future__ import annotations

from typing import Callable, Protocol

from .types import AlignedPair


class Facts(Protocol):
    """Facts computed elsewhere: the value, or None when it is not there."""

    def get(self, name: str, index: int) -> object | None: ...


def _source_numbers(pair: AlignedPair, source_lang: str, target_lang: str) -> object:
    from .lang.numbers import source_number_facts

    return source_number_facts(pair.source, pair.target, source_lang, target_lang)


def _sentences(pair: AlignedPair, source_lang: str, target_lang: str) -> object:
    from .lang.wordcover import sentence_facts

    return sentence_facts(pair.source, pair.target, source_lang, target_lang)


FACTS: dict[str, Callable[[AlignedPair, str, str], object]] = {
    "source_numbers": _source_numbers,  # the clause check's: lang.numbers.source_number_facts
    "sentences": _sentences,  # the word analysis': lang.wordcover.sentence_facts
}


def fact(known: Facts | None, name: str, pair: AlignedPair, source_lang: str, target_lang: str) -> object:
    """The fact `name` about `pair`: from `known` if it has it, else computed now."""
    value = known.get(name, pair.index) if known is not None else None
    return value if value is not None else FACTS[name](pair, source_lang, target_lang)
