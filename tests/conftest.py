"""Shared fixtures: the real bundled encoder (loaded once per session) and the case study files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "references" / "onet-kazakhstan"


@pytest.fixture(scope="session")
def embedder():
    from evaluator.embed import get_embedder

    return get_embedder("usem")


@pytest.fixture(scope="session")
def case_report(embedder):
    """The case study scored reference-free, as the JSON report dict."""
    from evaluator.pipeline import RunConfig, evaluate
    from evaluator.report.json import report_to_dict

    report = evaluate(CASE / "source.pl.txt", CASE / "mt.en.txt", config=RunConfig(), embedder=embedder)
    return report_to_dict(report)


@pytest.fixture(scope="session")
def case_gold():
    return json.loads((CASE / "gold.json").read_text(encoding="utf-8"))
