"""The metric interface: a metric gives each aligned pair a number and, optionally, a corpus score."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..checks.base import Context
from ..types import MetricScore


@dataclass(frozen=True)
class MetricResult:
    segments: dict[int, float]  # pair index -> score, only for pairs the metric can judge
    corpus: MetricScore | None = None


class Metric:
    name: ClassVar[str]
    requires_reference: ClassVar[bool] = False

    def compute(self, ctx: Context) -> MetricResult:
        raise NotImplementedError
