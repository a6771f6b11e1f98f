"""The whole-run cache (--cache): an unchanged delivery reads its report back, any change
scores again, and a cache file cannot run code."""
from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import CASE
from evaluator import run_cache
from evaluator.pipeline import RunConfig, evaluate
from evaluator.report.json import dumps, report_to_dict
from evaluator.types import Document, Segment

pytestmark = pytest.mark.slow


def _docs(edit: str | None = None) -> tuple[Document, Document]:
    src = [line for line in (CASE / "source.pl.txt").read_text(encoding="utf-8").split("\n\n") if line.strip()][:6]
    tgt = [line for line in (CASE / "mt.en.txt").read_text(encoding="utf-8").split("\n\n") if line.strip()][:6]
    if edit is not None:
        tgt[2] = edit
    return (Document("source.pl.txt", tuple(Segment(t) for t in src), "pl"),
            Document("mt.en.txt", tuple(Segment(t) for t in tgt), "en"))


def _run(tmp_path: Path, embedder, docs, command: str = "first") -> dict:
    config = RunConfig(cache_dir=str(tmp_path), command=command)
    return report_to_dict(evaluate(*docs, config=config, embedder=embedder))


def test_unchanged_rerun_reads_the_report_back(tmp_path, embedder):
    first = _run(tmp_path, embedder, _docs())
    [stored] = (tmp_path / run_cache.FOLDER).iterdir()
    # Prove the second run reads the file: change what it holds.
    report = pickle.loads(stored.read_bytes())
    stored.write_bytes(pickle.dumps(replace(report, warnings=("read from the cache",))))
    second = _run(tmp_path, embedder, _docs(), command="second")
    assert second["warnings"] == ["read from the cache"]
    assert second["command"] == "second"  # the command line is this run's, not the stored one
    assert dumps({**second, "warnings": first["warnings"], "command": "first"}) == dumps(first)


def test_any_changed_segment_scores_again(tmp_path, embedder):
    _run(tmp_path, embedder, _docs())
    changed = _run(tmp_path, embedder, _docs(edit="Subscribe to our newsletter!"))
    assert len(list((tmp_path / run_cache.FOLDER).iterdir())) == 2
    assert any(s["target"] == "Subscribe to our newsletter!" for s in changed["segments"])


def test_a_cache_file_cannot_run_code(tmp_path, embedder):
    first = _run(tmp_path, embedder, _docs())
    [stored] = (tmp_path / run_cache.FOLDER).iterdir()
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.system, (f"touch {marker}",))

    stored.write_bytes(pickle.dumps(Evil()))
    again = _run(tmp_path, embedder, _docs())
    assert not marker.exists()
    assert dumps(again) == dumps(first)  # scored again, and stored again
    assert run_cache.load(str(tmp_path), stored.stem) is not None
