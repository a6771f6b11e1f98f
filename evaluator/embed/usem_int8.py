"""The bundled encoder's n-gram CNN in 8-bit integer products: a third less CPU, vectors within
cosine 0.999 of the float path.

Where the time went: `FastUSE` spends about 60% of its CPU in the float32 matrix products of the
three CNN branches (2.6 MFLOP a token), already near this CPU's float32 peak (88 GFLOP/s a core
through OpenBLAS). Integer products (VNNI) run four times faster; numpy has none, onnxruntime's
MatMulIntegerToFloat (MLAS kernels) does, and is all we take from it: one operator, no model file.

Every scale is per row, so a text's vector does not depend on the texts batched with it:

- weights: int8 per output column, symmetric, quantised once at load;
- activations: uint8 per token, symmetric around 128 (a zero point of 128 is exactly 0);
- a CNN window spans tokens with different scales, so rather than gathering windows, each token
  is multiplied by the weights of every window slot side by side (256 x order*256), scaled back
  by its own scale, and the slots are summed by shifting rows;
- sentences lie with two zero rows between them, so a shift never reaches a neighbouring
  sentence: a zero row quantises to 128 and contributes exactly 0.

Measured against the float path (FastUSE): on the 34,893 texts the 10,000-pair speed benchmark
embeds, minimum cosine 0.99922 (single words; mean 0.99995); on benchmarks/data/parallel
minimum 0.9996 for sentences and 0.9998 for paragraphs in pl, de, ru and en. Encoder CPU on those
texts 38-42 s -> 25-28 s on two threads; then 16.5-18.0 s on one, with the first layer's products
of frequent tokens kept (_FirstLayerCache) and the column scales applied by the operator.

The integer products must be exact. On x86 CPUs without VNNI, MLAS multiplies uint8 x int8 pairs
into saturating 16-bit sums; so at load a worst-case product is checked against numpy, and if it
differs (or onnxruntime is missing) `load` returns None and the float path is used.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .usem_fast import CNN, ORDERS, FastUSE

PAD = 2  # zero rows between sentences: the widest window reaches two tokens either side
ZERO = np.array(128, dtype=np.uint8)  # the activations' zero point
ONE = np.array(1.0, dtype=np.float32)  # the activations' scale in the product: applied per row after
FIRST_ROWS = 2048  # tokens whose first-layer products are kept: 10 KB each (see _FirstLayerCache)


def load(threads: int = 2) -> "Int8USE | None":
    """The int8 encoder, or None where onnxruntime is missing or its products are not exact."""
    session = checked_session()
    return None if session is None else Int8USE(threads=threads, session=session)


@lru_cache(maxsize=1)
def checked_session():
    """One session for the process (it is thread-safe), if its products are exact here."""
    session = matmul_session()
    return session if session is not None and exact_products(session) else None


def matmul_session():
    """An onnxruntime session computing (uint8 A - zero point Z) x int8 B, times A's scale SA and
    B's per-column scales SB, in float32; or None."""
    try:
        import onnxruntime as ort
    except ImportError:
        return None
    options = ort.SessionOptions()
    # Our own threads run whole groups of sentences (see usem_fast); the session must not add more.
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(_MATMUL_TO_FLOAT, options, providers=["CPUExecutionProvider"])
    except Exception:  # noqa: BLE001 - e.g. a build without the com.microsoft operators: the float path
        return None


def exact_products(session) -> bool:
    """Whether the session's products equal numpy's, on values that saturate 16-bit pair sums."""
    rng = np.random.default_rng(0)
    a = rng.choice(np.array([1, 128, 255], dtype=np.uint8), size=(64, 512))
    a[:8] = 255
    b = rng.choice(np.array([-127, 0, 127], dtype=np.int8), size=(512, 256))
    b[:, :8] = 127
    try:
        got = session.run(None, {"A": a, "B": b, "SA": ONE, "SB": np.ones(b.shape[1], dtype=np.float32), "Z": ZERO})[0]
    except Exception:  # noqa: BLE001 - any failure of the runtime means: use the float path
        return False
    want = (a.astype(np.int64) - 128) @ b.astype(np.int64)  # below 2**24: exact in float32
    return got.shape == want.shape and bool((got == want).all())


class Int8USE(FastUSE):
    """`encode(texts)` -> L2-normalised float32 rows, within cosine 0.999 of `FastUSE`'s."""

    int8 = True
    # Tokens per micro-batch. Each holds more temporaries than the float path's (the products of
    # every window slot, the padded rows): halving it took 35 MB off the peak of a 10,000-pair
    # run at no cost in time.
    budget = 512

    def __init__(self, threads: int = 2, tokenizer=None, session=None):
        super().__init__(threads=threads, tokenizer=tokenizer)
        self._session = session if session is not None else checked_session()
        if self._session is None:
            raise ImportError("the int8 encoder needs onnxruntime with exact integer products on this CPU")
        self._first = _FirstLayerCache(self, FIRST_ROWS)
        self._weights = []  # (int8 slots side by side, per-column scale) for w1, w2 of each branch
        for k, (order, _left) in enumerate(ORDERS):
            for w in (self.w.w1[k], self.w.w2[k]):
                scale = (np.abs(w).max(axis=0) / 127).astype(np.float32)
                q = np.round(w / scale).astype(np.int8).reshape(order, CNN, CNN)
                self._weights.append((np.ascontiguousarray(q.transpose(1, 0, 2).reshape(CNN, order * CNN)),
                                      np.tile(scale, order)))

    def _prepare(self, flat: np.ndarray) -> None:
        self._first.fill(flat)

    def _branches(self, x, ids, starts, lens, out) -> None:
        w, n = self.w, len(x)
        rows = np.repeat(PAD * np.arange(1, len(lens) + 1), lens) + np.arange(n)  # each token's padded row
        size = n + PAD * (len(lens) + 1)
        pad = np.ones(size, dtype=bool)
        pad[rows] = False
        padded = np.zeros((size, 3 * CNN), dtype=np.float32)
        padded[rows] = x
        # Each padded row's first-layer cache row: the zero row for padding, -1 for a token not kept.
        kept = np.full(size, self._first.zero, dtype=np.int64)
        kept[rows] = self._first.slot[ids]
        missing = np.flatnonzero(kept < 0)
        kept[missing] = self._first.zero
        for k, (order, left) in enumerate(ORDERS):
            xs = padded[:, k * CNN:(k + 1) * CNN]
            h = self._first_layer(k, xs, kept, missing, order, left)
            h += w.b1[k]
            np.maximum(h, 0, out=h)
            h += xs
            h[pad] = 0.0
            f = self._dequantised(h, 2 * k + 1)
            c2 = self._sum_slots(lambda s: f[:, s * CNN:(s + 1) * CNN], len(h), order, left)
            c2 += w.b2[k]
            np.maximum(c2, 0, out=c2)
            c2 += h
            out[:, k * CNN:(k + 1) * CNN] = c2[rows]

    def _first_layer(self, k: int, xs: np.ndarray, kept: np.ndarray, missing: np.ndarray, order: int,
                     left: int) -> np.ndarray:
        """Branch k's first CNN layer: each row's products from the cache, or computed if not kept."""
        data = self._first.data[k]
        computed = self._dequantised(xs[missing], 2 * k) if len(missing) else None

        def block(s: int) -> np.ndarray:
            g = data[s].take(kept, axis=0)
            if computed is not None:
                g[missing] = computed[:, s * CNN:(s + 1) * CNN]
            return g

        return self._sum_slots(block, len(xs), order, left)

    def _dequantised(self, v: np.ndarray, j: int) -> np.ndarray:
        """Rows of `v` quantised (one scale each), times layer j's int8 weights of every window slot
        side by side, scaled back by the row's scale: (len(v), order * 256) float32."""
        weights, col_scale = self._weights[j]
        scale = np.abs(v).max(axis=1)
        scale *= np.float32(1 / 127)
        np.maximum(scale, np.float32(1e-30), out=scale)
        a = v / scale[:, None]
        np.rint(a, out=a)
        a += 128
        # The runtime scales the integer sums by the weights' column scales as it writes them (a
        # numpy pass fewer than converting int32 sums here), and then each row by its own.
        y = self._product(a.astype(np.uint8), weights, col_scale)
        y *= scale[:, None]
        return y

    def _sum_slots(self, block, size: int, order: int, left: int) -> np.ndarray:
        """A layer's window sums: row t = sum over slots s of block(s)'s row t - left + s, each
        block(s) holding every row's products with slot s's weights."""
        out = block(left)
        if out.base is not None:  # a view of the products: they are read again below
            out = out.copy()
        for s in range(order):
            d = s - left
            if d > 0:
                out[:size - d] += block(s)[d:]
            elif d < 0:
                out[-d:] += block(s)[:size + d]
        return out

    def _product(self, a: np.ndarray, weights: np.ndarray, col_scale: np.ndarray) -> np.ndarray:
        # Into a numpy buffer of ours: outputs onnxruntime allocates stay in its arena, which
        # grew by ~50 MB over a run.
        y = np.empty((len(a), weights.shape[1]), dtype=np.float32)
        binding = self._session.io_binding()
        binding.bind_cpu_input("A", a)
        binding.bind_cpu_input("B", weights)
        binding.bind_cpu_input("SA", ONE)
        binding.bind_cpu_input("SB", col_scale)
        binding.bind_cpu_input("Z", ZERO)
        binding.bind_output("Y", "cpu", 0, np.float32, y.shape, y.ctypes.data)
        self._session.run_with_iobinding(binding)
        return y


class _FirstLayerCache:
    """First-layer products of frequent tokens, by token id, filled before each slab's groups run
    (so the threads only read it).

    A first-layer row's products depend on its token alone (the projected token, one scale per
    row), so a kept token's are computed once and later only gathered: vectors are bitwise the same
    whether a token was kept or not. Tokens seen at least twice in a slab are kept, most frequent
    first, until FIRST_ROWS are; a word's frequency in the first slabs predicts the rest well
    (Zipf), and every kept row is held for the whole run."""

    def __init__(self, model: Int8USE, capacity: int):
        self.model = model
        self.capacity = capacity
        self.zero = capacity  # a row left at zero, for padding and tokens not kept
        self.slot = np.full(model.w.table.shape[0], -1, dtype=np.int64)
        # np.zeros only reserves address space: memory is used as rows are filled.
        self.data = [[np.zeros((capacity + 1, CNN), dtype=np.float32) for _ in range(order)] for order, _ in ORDERS]
        self.used = 0

    def fill(self, flat: np.ndarray) -> None:
        room = self.capacity - self.used
        if room <= 0:
            return
        ids, counts = np.unique(flat, return_counts=True)
        # Only tokens whose projection the token cache holds: computed anew, a projection may
        # differ in the last bit with the rows batched with it, and so would the products.
        new = (counts >= 2) & (self.slot[ids] < 0) & (self.model._cache.slot[ids] >= 0)
        ids, counts = ids[new], counts[new]
        if len(ids) > room:  # ties by id, so the choice is deterministic
            ids = np.sort(ids[np.argsort(-counts, kind="stable")[:room]])
        for a in range(0, len(ids), self.model.budget):
            part = ids[a:a + self.model.budget]
            x = self.model._cache.data.take(self.model._cache.slot[part], axis=0)
            rows = slice(self.used, self.used + len(part))
            for k, (order, _left) in enumerate(ORDERS):
                f = self.model._dequantised(np.ascontiguousarray(x[:, k * CNN:(k + 1) * CNN]), 2 * k)
                for s in range(order):
                    self.data[k][s][rows] = f[:, s * CNN:(s + 1) * CNN]
            self.slot[part] = np.arange(rows.start, rows.stop)
            self.used += len(part)


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        out.append((n & 0x7F) | (0x80 if n > 0x7F else 0))
        n >>= 7
        if not n:
            return bytes(out)


def _field(number: int, payload: bytes | int) -> bytes:
    """A protobuf field: a varint, or length-delimited bytes."""
    if isinstance(payload, int):
        return _varint(number << 3) + _varint(payload)
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _tensor(name: str, elem_type: int) -> bytes:
    """ONNX ValueInfoProto: a tensor of this element type, any shape."""
    return _field(1, name.encode()) + _field(2, _field(1, _field(1, elem_type)))


# ONNX ModelProto (IR 7, opsets ai.onnx 13 and com.microsoft 1) of a single
# MatMulIntegerToFloat(A: uint8, B: int8, SA: float, SB: float, Z: uint8) -> Y: float, the
# contrib operator onnxruntime's CPU provider runs on its integer GEMM (MLAS) with the scaling
# fused into the output. Written out here so that onnx itself (a build tool) is not needed at
# run time; the tests check the session's products against numpy.
FLOAT, UINT8, INT8 = 1, 2, 3
_NODE = (b"".join(_field(1, x.encode()) for x in ("A", "B", "SA", "SB", "Z")) + _field(2, b"Y")
         + _field(4, b"MatMulIntegerToFloat") + _field(7, b"com.microsoft"))
_GRAPH = (_field(1, _NODE) + _field(2, b"g")
          + b"".join(_field(11, _tensor(x, t)) for x, t in
                     (("A", UINT8), ("B", INT8), ("SA", FLOAT), ("SB", FLOAT), ("Z", UINT8)))
          + _field(12, _tensor("Y", FLOAT)))
_MATMUL_TO_FLOAT = (_field(1, 7) + _field(7, _GRAPH) + _field(8, _field(1, b"") + _field(2, 13))
                    + _field(8, _field(1, b"com.microsoft") + _field(2, 1)))
