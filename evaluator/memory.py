"""Give freed memory back to the operating system between the slices of a long run.

glibc's malloc keeps what Python and numpy free in its arenas, and only returns the top of each
one: the freed middle of an arena stays resident. The encoder's threads and the per-slice word
analysis free a lot between slices, so the main process's resident size crept up through a long
document. `malloc_trim(0)` hands back every free page, in all arenas, in a few milliseconds.
A fixed mmap threshold would have returned large arrays at once too, but cost a quarter of the
run's time in page faults.
"""
from __future__ import annotations

import ctypes
import ctypes.util
from functools import lru_cache


def release() -> None:
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to do
        return None
