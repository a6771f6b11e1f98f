"""Embed each distinct text once per run, and optionally keep vectors on disk across runs.

In memory, vectors stay in the blocks the encoder returned, with a text → row index: no copy per
text, and when a call's texts are all new and distinct the encoder's own array is handed back.
Returned arrays are read-only, because they are the cache's own memory. Past MAX_ROWS vectors the
least recently read blocks are dropped: the pipeline embeds a document a slice at a time
(pipeline._by_slices), so a slice's pair texts are read again only within that slice, while the
word forms the checks embed are read by every slice and stay. Memory stays bounded at any
document size; dropping the oldest blocks instead made every later slice re-embed its words.
Blocks the pipeline pins (a paragraph-aligned document's own vectors) stay outside the bound.

The on-disk cache (disk_cache.py) is keyed by model name and text (sha256), so a re-run of an
unchanged delivery costs almost nothing.

`ahead` embeds texts in a background thread while the caller does something else (the pipeline
checks one slice of pairs while the next one's pair texts are embedded). Which texts it embeds,
and in which batches, is settled when it is called, and its vectors join the cache only when the
caller asks for them: what the calls in between compute cannot depend on which thread got there
first, so a report stays the same byte for byte.
"""
from __future__ import annotations

import os
import threading
from bisect import bisect_left
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Sequence

import numpy as np

from .base import Embedder
from .disk_cache import DiskCache

MAX_ROWS = 16_384  # vectors held in memory (32 MB at 512 dimensions), beyond one call's own


class CachedEmbedder:
    def __init__(self, inner: Embedder, cache_dir: str | None = None):
        self.inner = inner
        self.name = inner.name
        self._rows: dict[str, int] = {}
        self._starts: list[int] = []  # each held block's first row, ascending (rows are never reused)
        self._blocks: dict[int, np.ndarray] = {}  # by first row
        self._texts: dict[int, list[str]] = {}  # the texts of each block, to forget them with it
        self._recent: OrderedDict[int, None] = OrderedDict()  # blocks, least recently read first
        self._size = 0  # rows ever added: row numbers are never reused
        self._held = 0  # rows counted against MAX_ROWS: every block's but the pinned ones'
        self._pinned: set[int] = set()
        self._disk = DiskCache(os.path.join(cache_dir, _slug(inner.name))) if cache_dir else None
        self._lock = threading.RLock()  # the cache's own state
        self._inner_lock = threading.Lock()  # one encoder call at a time, whichever thread makes it
        self._background: ThreadPoolExecutor | None = None

    def supports(self, lang: str) -> bool:
        return self.inner.supports(lang)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        with self._lock:
            if not texts:
                return self._inner([])
            out = self._encode(texts)
            self._evict()  # after the lookup, so the blocks this call read count as recent
            return out

    def ahead(self, *calls: Sequence[str]) -> Callable[[], None]:
        """Start embedding the texts of `calls` not held yet (one encoder call each, in order) in
        a background thread. The returned function waits for them and adds them to the cache;
        call it before the encode() calls that want them."""
        with self._lock:
            pending, seen = [], set()
            for texts in calls:
                missing = self._from_disk([t for t in dict.fromkeys(texts) if t not in self._rows and t not in seen])
                seen.update(missing)
                if missing:
                    pending.append(missing)
        if not pending:
            return lambda: None
        if self._background is None:
            self._background = ThreadPoolExecutor(1, thread_name_prefix="embed-ahead")
        future = self._background.submit(lambda: [self._inner(texts) for texts in pending])

        def finish() -> None:
            computed = future.result()
            with self._lock:
                for texts, vectors in zip(pending, computed):
                    # A text an encode() call embedded meanwhile keeps that call's vector.
                    keep = [k for k, t in enumerate(texts) if t not in self._rows]
                    if len(keep) < len(texts):
                        texts, vectors = [texts[k] for k in keep], vectors[keep]
                    if texts:
                        self._store(texts, vectors)
                self._evict()

        return finish

    def _inner(self, texts: list[str]) -> np.ndarray:
        with self._inner_lock:
            return self.inner.encode(texts)

    def _encode(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._rows]
        fresh = len(missing) == len(texts)
        missing = self._from_disk(missing)
        if missing:
            block = self._store(missing, self._inner(missing))
            if fresh and len(missing) == len(texts):
                return block
        return self._gather(texts)

    def _from_disk(self, missing: list[str]) -> list[str]:
        """Add what the disk cache holds of `missing`; returns the rest."""
        if not missing or self._disk is None:
            return missing
        at, vectors = self._disk.load(missing)
        if not at:
            return missing
        self._add([missing[i] for i in at], vectors)
        done = set(at)
        return [t for i, t in enumerate(missing) if i not in done]

    def _store(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        """Vectors the encoder just computed: into memory, and to disk if there is one."""
        block = self._add(texts, vectors)
        if self._disk is not None:
            self._disk.save(texts, block)
        return block

    def _add(self, texts: list[str], vectors: np.ndarray) -> np.ndarray:
        block = np.asarray(vectors, dtype=np.float32)
        block.flags.writeable = False
        self._blocks[self._size] = block
        self._texts[self._size] = texts
        self._starts.append(self._size)
        self._recent[self._size] = None
        for k, text in enumerate(texts, start=self._size):
            self._rows[text] = k
        self._size += len(texts)
        self._held += len(texts)
        return block

    def pin(self, texts: Sequence[str]) -> None:
        """Keep the blocks that hold `texts` until `unpin()`, outside the MAX_ROWS bound.

        Paragraph alignment embeds both whole documents, and every slice then reads its pair
        texts back from them. Counted against the bound, they were dropped at once and each
        slice embedded its texts again (2.4x the encoder's work at 10,000 paragraphs)."""
        with self._lock:
            self._pin(texts)

    def _pin(self, texts: Sequence[str]) -> None:
        rows = np.fromiter((self._rows[t] for t in texts if t in self._rows), dtype=np.int64)
        for b in np.unique(np.searchsorted(self._starts, rows, side="right") - 1):
            start = self._starts[b]
            if start not in self._pinned:
                self._pinned.add(start)
                del self._recent[start]
                self._held -= len(self._blocks[start])

    def unpin(self) -> None:
        with self._lock:
            for start in sorted(self._pinned, reverse=True):  # back as the least recently read
                self._recent[start] = None
                self._recent.move_to_end(start, last=False)
                self._held += len(self._blocks[start])
            self._pinned.clear()
            self._evict()

    def _evict(self) -> None:
        while self._held > MAX_ROWS and len(self._recent) > 1:  # the newest unpinned block stays
            start, _ = self._recent.popitem(last=False)
            for text in self._texts.pop(start):
                del self._rows[text]
            self._held -= len(self._blocks.pop(start))
            del self._starts[bisect_left(self._starts, start)]

    def _gather(self, texts: list[str]) -> np.ndarray:
        rows = np.fromiter((self._rows[t] for t in texts), dtype=np.int64, count=len(texts))
        if len(self._blocks) == 1:
            start = self._starts[0]
            out = self._blocks[start].take(rows - start, axis=0)
        else:
            out = np.empty((len(rows), next(iter(self._blocks.values())).shape[1]), dtype=np.float32)
            block_of = np.searchsorted(self._starts, rows, side="right") - 1
            for b in np.unique(block_of):
                start = self._starts[b]
                m = block_of == b
                out[m] = self._blocks[start].take(rows[m] - start, axis=0)
                if start not in self._pinned:
                    self._recent.move_to_end(start)
        out.flags.writeable = False
        return out


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
