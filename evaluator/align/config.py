"""Alignment settings and the link type shared by the paragraph and sentence aligners."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AlignConfig:
    threshold: float = 0.30  # a pairing below this similarity is worth less than leaving both unpaired
    # ... raised for documents whose unrelated units already resemble each other (see banded.calibrated)
    baseline_margin: float = 0.12
    merge_penalty: float = 0.05  # similarity margin per extra unit in a group (see gains.py)
    merge_cost: float = 0.02  # and a fixed cost per extra unit, so that ties go to 1-1
    # A member of a group must itself resemble the other side: a boilerplate line glued to a
    # paragraph adds almost nothing to the group's similarity, but is unlike the other side.
    member_floor: float = 0.40
    member_weight: float = 2.0
    member_name_bonus: float = 0.10  # × share of a member's names found in the other group
    member_number_bonus: float = 0.15  # × share of its numbers
    name_weight: float = 0.12
    number_weight: float = 0.12
    length_weight: float = 0.25
    length_slack: float = 0.35  # |log length ratio| (beyond the document's own) that costs nothing
    boilerplate_penalty: float = 0.25  # pairing a boilerplate-looking target unit with a normal source one
    # Without vectors (a language the embedder doesn't cover) a pairing starts from this value and
    # names, numbers and length move it.
    cheap_base: float = 0.40
    cheap_merge_penalty: float = 0.10  # cheap signals grow with group size more than cosines do
    # Coarse-to-fine: above this many DP cells, align blocks of `coarse_factor` units first and run
    # the fine DP only within `band_margin` units of the projected coarse path.
    full_cells: int = 250_000
    coarse_factor: int = 8
    band_margin: int = 10
    version: int = 2

    @property
    def signature(self) -> str:
        return f"dp.v{self.version}"


@dataclass(frozen=True)
class Link:
    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float
