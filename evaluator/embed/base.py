"""The embedder interface shared by alignment and the similarity metrics."""
from __future__ import annotations

from typing import Protocol, Sequence

import numpy as np


class Embedder(Protocol):
    name: str  # goes into the report signature

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """L2-normalised float32 rows, one per text, in order."""

    def supports(self, lang: str) -> bool:
        """Whether the model was trained on this language (ISO 639-1)."""
