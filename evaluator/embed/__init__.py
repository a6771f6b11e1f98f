"""Embedders: the bundled multilingual encoder (default) and sentence-transformers (any model).

`get_embedder("usem")` gives the bundled Universal Sentence Encoder multilingual v3; any other
spec is taken as a sentence-transformers model name or local path (optionally prefixed "st:").
"""
from __future__ import annotations

from ..registry import embedders
from .base import Embedder
from .cache import CachedEmbedder

DEFAULT = "usem"


def get_embedder(spec: str = DEFAULT, *, cache_dir: str | None = None) -> Embedder:
    from . import st, usem  # noqa: F401  (register the backends)

    if spec in embedders:
        inner = embedders.get(spec)()
    else:
        inner = embedders.get("st")(spec.removeprefix("st:"))
    return CachedEmbedder(inner, cache_dir=cache_dir)


def model_name(spec: str) -> str:
    """The name the embedder `spec` would report, without loading its model: the run cache's key
    must tell the bundled encoder's int8 and float paths apart (only the CPU decides which runs)."""
    if spec == "usem":
        from .usem import INT8_NAME, NAME
        from .usem_int8 import checked_session

        return INT8_NAME if checked_session() is not None else NAME
    return spec


__all__ = ["Embedder", "get_embedder", "model_name", "DEFAULT"]
