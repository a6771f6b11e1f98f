"""Embed each distinct text once per run, and optionally keep vectors on disk across runs.

The on-disk cache is keyed by model name and text (sha256), so a re-run of an unchanged delivery
costs almost nothing.
"""
from __future__ import annotations

import hashlib
import os
from typing import Sequence

import numpy as np

from .base import Embedder


class CachedEmbedder:
    def __init__(self, inner: Embedder, cache_dir: str | None = None):
        self.inner = inner
        self.name = inner.name
        self._memory: dict[str, np.ndarray] = {}
        self._dir = os.path.join(cache_dir, _slug(inner.name)) if cache_dir else None

    def supports(self, lang: str) -> bool:
        return self.inner.supports(lang)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._memory]
        if missing and self._dir:
            missing = self._load_from_disk(missing)
        if missing:
            # Sorting by length batches similar lengths together, which the encoders run faster.
            order = sorted(missing, key=len)
            vectors = self.inner.encode(order)
            for text, vec in zip(order, vectors):
                self._memory[text] = vec
            if self._dir:
                self._save_to_disk(order, vectors)
        if not texts:
            return self.inner.encode([])
        return np.stack([self._memory[t] for t in texts])

    def _path(self, text: str) -> str:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return os.path.join(self._dir or "", digest[:2], digest + ".npy")

    def _load_from_disk(self, texts: list[str]) -> list[str]:
        left = []
        for text in texts:
            path = self._path(text)
            try:
                self._memory[text] = np.load(path)
            except (OSError, ValueError):
                left.append(text)
        return left

    def _save_to_disk(self, texts: list[str], vectors: np.ndarray) -> None:
        for text, vec in zip(texts, vectors):
            path = self._path(text)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            with open(tmp, "wb") as fh:
                np.save(fh, vec)
            os.replace(tmp, path)


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
