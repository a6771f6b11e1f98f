"""sentence-transformers backend: any model by hub name or local path (LaBSE, multilingual MiniLM...).

Nothing is downloaded unless the user's environment allows it: with HF_HUB_OFFLINE=1 (or no
network) a name that is not cached locally fails with a clear message.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import ConfigError
from ..registry import embedders


@embedders.register("st")
class SentenceTransformerEmbedder:
    def __init__(self, model: str, languages: frozenset[str] | None = None):
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ConfigError("--embedder", ["sentence-transformers is not installed: pip install 'evaluator[st]'"]) from None
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as e:  # the library raises many types (OSError, HF errors, ValueError)
            raise ConfigError("--embedder", [f"cannot load sentence-transformers model {model!r}: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"]) from None
        self.name = f"st:{model.rstrip('/').split('/')[-1]}"
        self._languages = languages

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            dim = self._model.get_sentence_embedding_dimension() or 0
            return np.zeros((0, dim), dtype=np.float32)
        out = self._model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(out, dtype=np.float32)

    def supports(self, lang: str) -> bool:
        # The model card is the only source of truth; without one we assume it can judge.
        return self._languages is None or lang in self._languages
