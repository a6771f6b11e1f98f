"""Embedding vectors on disk across runs: append-only shard files, safe to share between runs.

A run that embeds new texts writes one shard: `<name>.npy`, the (n, dim) float32 vectors, and
`<name>.keys.npy`, the sha256 digests of their texts, sorted, row for row. Lookups are a binary
search per shard, and only the rows found are read (the vectors file is memory-mapped), so a
re-run over 100,000 segments reads its vectors in well under a second. One file per text (the
first layout) cost a file open per text and 200,000 small files per 100,000 segment pairs.

Safety: a shard is written under a temporary name and renamed into place, vectors before keys,
so a reader never sees half a shard; concurrent runs write different shards (the same text twice
is harmless: the vectors are equal). A shard that cannot be read (truncated, garbled, wrong
shape) is removed and its texts are embedded again, and a row that is not a unit vector (the
interface promises L2-normalised rows) is treated as missing. When shards pile up they are
merged into one.
"""
from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path
from typing import Sequence

import numpy as np

KEY = "S32"  # a raw sha256 digest
MERGE_AT = 32  # shards in a folder before they are merged into one


def digests(texts: Sequence[str]) -> np.ndarray:
    return np.array([hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest() for t in texts], dtype=KEY)


class DiskCache:
    def __init__(self, directory: str | Path):
        self.dir = Path(directory)
        self._shards: list[tuple[np.ndarray, np.ndarray]] | None = None  # (sorted keys, vectors)

    def load(self, texts: Sequence[str]) -> tuple[list[int], np.ndarray | None]:
        """Positions in `texts` found on disk, and their vectors in that order."""
        if not texts:
            return [], None
        wanted = digests(texts)
        found = np.zeros(len(texts), dtype=bool)
        parts: list[tuple[np.ndarray, np.ndarray]] = []
        for keys, vectors in self._read_shards():
            todo = np.flatnonzero(~found)
            if not len(todo):
                break
            pos = np.minimum(np.searchsorted(keys, wanted[todo]), len(keys) - 1)
            hit = keys[pos] == wanted[todo]
            if not hit.any():
                continue
            rows = np.asarray(vectors[np.sort(pos[hit])], dtype=np.float32)  # sorted: sequential reads
            order = np.argsort(pos[hit], kind="stable")
            at = todo[hit][order]
            ok = _unit_rows(rows)
            found[at[ok]] = True
            parts.append((at[ok], rows[ok]))
        if not parts:
            return [], None
        at = np.concatenate([a for a, _ in parts])
        vecs = np.concatenate([v for _, v in parts])
        order = np.argsort(at, kind="stable")
        return at[order].tolist(), vecs[order]

    def save(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        if not len(texts):
            return
        self.dir.mkdir(parents=True, exist_ok=True)
        keys = digests(texts)
        order = np.argsort(keys, kind="stable")
        keys, vectors = keys[order], np.ascontiguousarray(vectors[order], dtype=np.float32)
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = keys[1:] != keys[:-1]
        self._write(keys[keep], vectors[keep])
        self._shards = None
        if len(self._names()) >= MERGE_AT:
            self._merge()

    def _names(self) -> list[str]:
        try:
            return sorted(p.name[: -len(".keys.npy")] for p in self.dir.glob("*.keys.npy"))
        except OSError:
            return []

    def _read_shards(self) -> list[tuple[np.ndarray, np.ndarray]]:
        if self._shards is None:
            self._shards = []
            for name in self._names():
                shard = self._open(name)
                if shard is not None:
                    self._shards.append(shard)
        return self._shards

    def _open(self, name: str) -> tuple[np.ndarray, np.ndarray] | None:
        keys_path, vec_path = self.dir / f"{name}.keys.npy", self.dir / f"{name}.npy"
        try:
            keys = np.load(keys_path, allow_pickle=False)
            vectors = np.load(vec_path, mmap_mode="r", allow_pickle=False)
        except FileNotFoundError:
            return None  # merged away by a concurrent run
        except (OSError, ValueError, EOFError):
            self._discard(name)
            return None
        if (keys.dtype != np.dtype(KEY) or keys.ndim != 1 or vectors.ndim != 2 or vectors.dtype != np.float32
                or len(vectors) != len(keys) or not len(keys) or np.any(keys[1:] <= keys[:-1])):
            self._discard(name)
            return None
        return keys, vectors

    def _discard(self, name: str) -> None:
        for path in (self.dir / f"{name}.keys.npy", self.dir / f"{name}.npy"):
            try:
                path.unlink()
            except OSError:
                pass

    def _write(self, keys: np.ndarray, vectors: np.ndarray | None, fill=None) -> None:
        """Write a shard; `fill(out)` writes the vectors into a memory map instead of `vectors`."""
        name = f"{os.getpid()}-{uuid.uuid4().hex}"
        vec_path, keys_path = self.dir / f"{name}.npy", self.dir / f"{name}.keys.npy"
        tmp = vec_path.with_name(f".{vec_path.name}.tmp")
        try:
            if fill is None:
                with open(tmp, "wb") as fh:
                    np.save(fh, vectors, allow_pickle=False)
            else:
                out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float32, shape=(len(keys), fill.dim))
                fill(out)
                out.flush()
                del out
            os.replace(tmp, vec_path)
            tmp = keys_path.with_name(f".{keys_path.name}.tmp")
            with open(tmp, "wb") as fh:
                np.save(fh, keys, allow_pickle=False)
            os.replace(tmp, keys_path)
        finally:
            tmp.unlink(missing_ok=True)

    def _merge(self) -> None:
        shards = [(n, s) for n in self._names() if (s := self._open(n)) is not None]
        if len(shards) < 2:
            return
        keys = np.concatenate([k for _, (k, _) in shards])
        order = np.argsort(keys, kind="stable")
        keep = np.ones(len(keys), dtype=bool)
        keep[1:] = keys[order][1:] != keys[order][:-1]
        chosen = order[keep]
        offsets = np.cumsum([0] + [len(k) for _, (k, _) in shards])
        self._write(keys[chosen], None, fill=_Gather([v for _, (_, v) in shards], offsets, chosen))
        for name, _ in shards:
            self._discard(name)
        self._shards = None


class _Gather:
    """Copies rows from several memory-mapped shards into the merged one, a chunk at a time."""

    def __init__(self, sources: list[np.ndarray], offsets: np.ndarray, rows: np.ndarray):
        self.sources, self.offsets, self.rows = sources, offsets, rows
        self.dim = sources[0].shape[1]

    def __call__(self, out: np.ndarray, chunk: int = 65536) -> None:
        for a in range(0, len(self.rows), chunk):
            idx = self.rows[a:a + chunk]
            part = np.empty((len(idx), self.dim), dtype=np.float32)
            for s, src in enumerate(self.sources):
                m = (idx >= self.offsets[s]) & (idx < self.offsets[s + 1])
                if m.any():
                    part[m] = src[idx[m] - self.offsets[s]]
            out[a:a + len(idx)] = part


def _unit_rows(rows: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", invalid="ignore"):
        norms = np.linalg.norm(rows.astype(np.float64), axis=1)
    return np.isfinite(norms) & (np.abs(norms - 1.0) < 1e-3)
