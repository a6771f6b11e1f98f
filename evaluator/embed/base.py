"""The embedder interface shared by alignment and the similarity metrics."""
from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np

# Texts per encode call when a whole document is embedded for its pairwise cosines: the vectors
# of 100,000 pairs would take 800 MB held at once, a slice of them takes 16 MB.
SLICE = 4000


class Embedder(Protocol):
    name: str  # goes into the report signature

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text, in order."""

    def supports(self, lang: str) -> bool:
        """Whether the model was trained on this language (ISO 639-1)."""


def paired_cosines(embedder: Embedder, left: Sequence[str], right: Sequence[str]) -> list[float]:
    """cos(left[i], right[i]) for every i, embedding a slice at a time."""
    out: list[float] = []
    for a in range(0, len(left), SLICE):
        x, y = embedder.encode(left[a:a + SLICE]), embedder.encode(right[a:a + SLICE])
        out.extend(float(v) for v in np.einsum("ij,ij->i", x, y))
    return out
