"""The CLI writes JSON a segment at a time: the text must be exactly the whole-dict JSON."""
from __future__ import annotations

import json
from dataclasses import replace

import pytest

from conftest import CASE
from evaluator.pipeline import RunConfig, evaluate
from evaluator.report.json import Segments, dumps, iter_dumps, report_to_dict, write_atomic

pytestmark = pytest.mark.slow


def test_streamed_json_is_the_whole_dict_json(tmp_path, embedder):
    report = evaluate(CASE / "source.pl.txt", CASE / "mt.en.txt", config=RunConfig(), embedder=embedder)
    whole = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"
    lazy = report_to_dict(report, lazy=True)
    assert isinstance(lazy["segments"], Segments) and len(list(iter_dumps(lazy))) > len(report.segments)
    assert dumps(lazy) == whole
    write_atomic(tmp_path / "r.json", iter_dumps(lazy))
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == whole
    empty = replace(report, segments=())
    assert dumps(report_to_dict(empty, lazy=True)) == json.dumps(report_to_dict(empty), ensure_ascii=False, indent=2) + "\n"
