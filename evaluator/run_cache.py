"""Whole runs on disk (`--cache DIR`): a re-run of an unchanged delivery reads its report back.

The embedding cache (embed/disk_cache.py) spares the encoder, but the checks still took most of
a re-run (10,000 pairs: 30 s). A run's report depends on nothing but its inputs and its settings,
so it is stored under a key made of: every segment of the source, target and reference (text,
line, id, tags), their paths and languages, the run configuration, the tool version, the
signature of every active check and the embedder's name. Any change to any of them is a miss.

Reports are pickled (Report is a tree of frozen dataclasses) and read back with an unpickler
that builds nothing but evaluator's report types and plain values, so a cache file that someone
replaced cannot run code. A file that fails to read is removed and the run goes ahead.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from . import __version__
from .report.json import write_atomic
from .types import Document, Report

if TYPE_CHECKING:
    from .checks.base import Check
    from .pipeline import RunConfig

FOLDER = "reports"
_TYPES = frozenset({"Report", "SegmentResult", "AlignedPair", "Finding", "Span", "MetricScore"})


def run_key(docs: Sequence[Document | None], config: "RunConfig", checks: Sequence["Check"],
            embedder: str, metrics: Sequence[str]) -> str:
    h = hashlib.sha256()

    def put(value) -> None:
        data = repr(value).encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))  # length-prefixed: no two inputs run together
        h.update(data)

    put((__version__, embedder, tuple(c.signature for c in checks), tuple(metrics)))
    # The command line and where the cache lives do not change the findings.
    put(replace(config, command=None, cache_dir=None, offload_min_pairs=None))
    for doc in docs:
        put(None if doc is None else (doc.path, doc.lang, len(doc.segments)))
        for s in doc.segments if doc is not None else ():
            put((s.text, s.line, s.id, s.tags))
    return h.hexdigest()


def load(cache_dir: str, key: str) -> Report | None:
    path = Path(cache_dir) / FOLDER / f"{key}.pickle"
    try:
        with open(path, "rb") as fh:
            report = _Unpickler(fh).load()
    except FileNotFoundError:
        return None
    except Exception:  # unreadable, truncated, or not ours: forget it and score again
        path.unlink(missing_ok=True)
        return None
    return report if isinstance(report, Report) else None


def save(cache_dir: str, key: str, report: Report) -> None:
    write_atomic(Path(cache_dir) / FOLDER / f"{key}.pickle",
                 pickle.dumps(replace(report, command=None), protocol=pickle.HIGHEST_PROTOCOL))


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if module == "evaluator.types" and name in _TYPES:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a report type")
