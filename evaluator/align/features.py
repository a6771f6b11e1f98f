"""What the aligner knows about each unit (paragraph or sentence) of one side of a document.

Meaning comes from the embedder (one normalised vector per unit). The cheap signals are those
that survive translation without a model: names, numbers, length, and whether a unit looks like
site boilerplate. Names and numbers live in sparse matrices, so a long document never holds a
dense units × vocabulary (or units × units) array.

Groups of 2 or 3 consecutive units (for 1-2, 2-1, ... pairings) are built on demand for a block
of start positions, never for the whole document.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from anyascii import anyascii

from .boilerplate import boilerplate_reason

PAD = 3  # the largest group; block computations reach this far outside the document
BOILERPLATE_MAX_CHARS = 300  # site furniture is short; longer units are not worth the regex

_NUM = re.compile(r"\d+(?:[.,\u00a0 ]\d{3})*(?:[.,]\d+)?(?:\s*([^\W\d_]+))?")
# Words that start with a capital letter (Latin, Greek, Cyrillic, Armenian): a character class
# built once, so the scan never looks at lower-case words.
_UPPER = "".join(chr(c) for c in range(0x41, 0x590) if chr(c).isupper())
_CAP_WORD = re.compile(r"(?<![\w'-])[" + re.escape(_UPPER) + r"][\w'-]*")
_SENTENCE_OPENERS = ".!?:„\"“«–—•·*"
# Number words that scale the number before them, by their first letters (any inflection).
_SCALES = (
    (1e3, ("tys", "thousand", "тыс", "tsd", "tausend", "tis")),
    (1e6, ("mln", "milion", "million", "млн", "mio", "miliony")),
    (1e9, ("mld", "miliard", "billion", "млрд", "mrd", "milliard")),
)


def numbers(text: str) -> set[str]:
    """Values of the numbers in `text`, written the same whatever the language wrote:
    "4 tys." / "4,000" / "4000" → "4000", "4,1 mln" / "4.1 million" → "4100000"."""
    out = set()
    for m in _NUM.finditer(text):
        digits = m.group()[: m.start(1) - m.start()] if m.group(1) else m.group()
        value = _number_value(digits.strip())
        word = (m.group(1) or "").lower()
        for scale, prefixes in _SCALES:
            if word.startswith(prefixes):
                value = round(value * scale, 3)
                break
        out.add(f"{value:.6g}" if value != int(value) or value >= 1e15 else str(int(value)))
    return out


def _number_value(s: str) -> float:
    # A separator followed by exactly three digits groups thousands; any other is a decimal mark.
    parts = re.split(r"[.,\u00a0 ]", s)
    if len(parts) > 1 and len(parts[-1]) != 3:
        return float("".join(parts[:-1]) + "." + parts[-1])
    return float("".join(parts))


def names(text: str) -> set[str]:
    """Capitalised words not at a sentence start, folded to ASCII and cut to 3 letters, so that
    inflected Polish (Tokajewa, Brnie), Russian (Токаев) and English (Tokayev, Brno) forms of a
    name share a key."""
    keys = set()
    for m in _CAP_WORD.finditer(text):
        word = m.group()
        k = m.start() - 1
        while k >= 0 and text[k].isspace():
            k -= 1
        if k < 0 or text[k] in _SENTENCE_OPENERS:
            continue
        key = anyascii(word).lower().replace("w", "v").replace("j", "y").replace("kh", "h")[:3]
        if len(key) >= 3:
            keys.add(key)
    return keys


def _matrix(sets: list[set[str]], ids: dict[str, int]) -> sp.csr_matrix:
    rows = [r for r, feats in enumerate(sets) for _ in feats]
    cols = [ids[f] for feats in sets for f in feats]
    return sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(sets), max(len(ids), 1)))


@dataclass
class Side:
    """One side of a document as the aligner sees it. `weighted` is vector × length, so that a
    group's vector (the sum of its members') leans towards its longer members, like the vector
    of the concatenated text would."""

    lengths: np.ndarray  # characters per unit, float64
    weighted: np.ndarray | None  # (n, d) float32, or None without an embedder
    names: sp.csr_matrix
    numbers: sp.csr_matrix
    boiler: np.ndarray  # bool: looks like site furniture
    _groups: dict = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.lengths)

    @property
    def mean_length(self) -> float:
        if "mean" not in self._groups:
            self._groups["mean"] = max(float(self.lengths.mean()), 1.0) if len(self) else 1.0
        return self._groups["mean"]

    @staticmethod
    def build_pair(src: list[str], tgt: list[str], src_vecs: np.ndarray | None,
                   tgt_vecs: np.ndarray | None) -> tuple["Side", "Side"]:
        """Both sides, with name and number columns shared so their matrices can be multiplied.
        Vectors are used only when both sides have them."""
        use_vecs = src_vecs is not None and tgt_vecs is not None
        mats: dict[str, tuple[sp.csr_matrix, sp.csr_matrix]] = {}
        for kind, extract in (("names", names), ("numbers", numbers)):
            s_sets, t_sets = [extract(t) for t in src], [extract(t) for t in tgt]
            ids = {f: k for k, f in enumerate(sorted(set().union(*s_sets, *t_sets)))}
            mats[kind] = (_matrix(s_sets, ids), _matrix(t_sets, ids))
        sides = []
        for k, (texts, vecs) in enumerate(((src, src_vecs), (tgt, tgt_vecs))):
            lengths = np.array([len(t) for t in texts], dtype=np.float64)
            weighted = np.asarray(vecs, dtype=np.float32) * lengths.astype(np.float32)[:, None] if use_vecs else None
            boiler = np.array([len(t) <= BOILERPLATE_MAX_CHARS and boilerplate_reason(t) is not None for t in texts],
                              dtype=bool)
            sides.append(Side(lengths, weighted, mats["names"][k], mats["numbers"][k], boiler))
        return sides[0], sides[1]

    def downsample(self, k: int) -> "Side":
        """Blocks of k consecutive units become one unit (vecalign's coarse pass)."""
        n = len(self)
        blocks = (n + k - 1) // k
        owner = sp.csr_matrix((np.ones(n, dtype=np.float32), (np.arange(n) // k, np.arange(n))), shape=(blocks, n))
        weighted = None if self.weighted is None else np.asarray(owner @ self.weighted, dtype=np.float32)
        return Side(np.asarray(owner @ self.lengths, dtype=np.float64), weighted,
                    _binary(owner @ self.names), _binary(owner @ self.numbers), np.zeros(blocks, dtype=bool))

    # -- groups of `size` consecutive units starting at each position of [lo, hi) ----------------
    # Starts outside [0, n - size] are allowed and give an empty group (flagged by `valid`).

    def valid(self, lo: int, hi: int, size: int) -> np.ndarray:
        starts = np.arange(lo, hi)
        return (starts >= 0) & (starts + size <= len(self))

    def group_vectors(self, lo: int, hi: int, size: int) -> np.ndarray:
        w = _padded_rows(self.weighted, lo, hi + size - 1)
        g = w[: hi - lo].copy()
        for s in range(1, size):
            g += w[s : s + hi - lo]
        norms = np.linalg.norm(g, axis=1, keepdims=True)
        return g / np.maximum(norms, 1e-12)

    def group_lengths(self, lo: int, hi: int, size: int) -> np.ndarray:
        return _window_sum(self.lengths, lo, hi, size)

    def group_featured(self, lo: int, hi: int, size: int) -> np.ndarray:
        """Characters of each group that lie in units with at least one name or number."""
        if "featured" not in self._groups:
            has = (np.diff(self.names.indptr) + np.diff(self.numbers.indptr)) > 0
            self._groups["featured"] = self.lengths * has
        return _window_sum(self._groups["featured"], lo, hi, size)

    def group_boiler(self, lo: int, hi: int, size: int) -> np.ndarray:
        return _window_sum(self.boiler.astype(np.float64), lo, hi, size) > 0

    def group_features(self, which: str, lo: int, hi: int, size: int) -> sp.csr_matrix:
        """Rows lo..hi-1 of the union-of-`size`-units feature matrix (empty rows where out of range)."""
        key = (which, size)
        if key not in self._groups:
            x = getattr(self, which)
            n = x.shape[0]
            total = x[: max(n - size + 1, 0)]
            for s in range(1, size):
                total = total + x[s : n - size + 1 + s]
            # PAD empty rows on either side make out-of-range starts plain slices.
            pad = sp.csr_matrix((PAD, x.shape[1]), dtype=np.float32)
            self._groups[key] = sp.vstack([pad, _binary(total), pad, pad], format="csr")
        g = self._groups[key]
        n_groups = g.shape[0] - 3 * PAD
        a, b = lo + PAD, hi + PAD
        if a >= 0 and b <= g.shape[0]:
            return g[a:b]
        rows = np.arange(lo, hi)
        rows = np.where((rows >= 0) & (rows < n_groups), rows + PAD, 0)
        return g[rows]


def _binary(x: sp.spmatrix) -> sp.csr_matrix:
    x = sp.csr_matrix(x)
    x.data[:] = 1.0
    return x


def _padded_rows(x: np.ndarray, lo: int, hi: int) -> np.ndarray:
    out = np.zeros((hi - lo, x.shape[1]), dtype=x.dtype)
    a, b = max(lo, 0), min(hi, len(x))
    if a < b:
        out[a - lo : b - lo] = x[a:b]
    return out


def _window_sum(x: np.ndarray, lo: int, hi: int, size: int) -> np.ndarray:
    padded = np.zeros(hi + size - 1 - lo)
    a, b = max(lo, 0), min(hi + size - 1, len(x))
    if a < b:
        padded[a - lo : b - lo] = x[a:b]
    c = np.concatenate([[0.0], np.cumsum(padded)])
    return c[size : size + hi - lo] - c[: hi - lo]
