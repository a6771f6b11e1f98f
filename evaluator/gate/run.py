"""Running the gate: score a delivery (or read saved reports), judge each document, write outputs.

The CLI commands only parse arguments and call these functions; tests call them directly with
the shared encoder instance.
"""
from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Sequence

from ..errors import EvaluatorError, InputError
from .baseline import Baseline
from .batch import DocPair
from .policy import Policy
from .rules import Verdict, judge
from .summary import KIND as SUMMARY_KIND
from .summary import gate_to_dict

Progress = Callable[[str, int, int], None]


class DeliveryError(EvaluatorError):
    """Some documents of a delivery could not be read; lists every one, and nothing is written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(f"{len(problems)} document(s) could not be scored: " + "; ".join(problems))


@dataclass(frozen=True)
class Scored:
    pair: DocPair
    report: dict[str, Any]
    seconds: float


def score_delivery(pairs: Sequence[DocPair], config, *, embedder=None, progress: Progress | None = None) -> list[Scored]:
    """Score every document with ONE embedder instance (loading it is the slow part)."""
    from ..pipeline import evaluate
    from ..report.json import report_to_dict

    if embedder is None:
        from ..embed import get_embedder

        embedder = get_embedder(config.embedder, cache_dir=config.cache_dir)
    out: list[Scored] = []
    problems: list[str] = []
    for n, pair in enumerate(pairs):
        if progress:
            progress(pair.name, n, len(pairs))
        start = time.perf_counter()
        try:
            report = evaluate(pair.source, pair.target, pair.reference, config=config, embedder=embedder)
        except InputError as e:  # keep going: the user gets every broken file in one message
            problems.append(str(e))
            continue
        out.append(Scored(pair, report_to_dict(report), round(time.perf_counter() - start, 3)))
    if problems:
        raise DeliveryError(problems)
    return out


def judge_scored(scored: Sequence[Scored], policy: Policy, baseline: Baseline | None = None) -> list[Verdict]:
    return [judge(s.report, policy, name=s.pair.name, baseline=baseline, seconds=s.seconds) for s in scored]


def load_reports(paths: Sequence[Path]) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, path, report dict) for saved reports; a gate summary.json stands for all its reports."""
    from ..report.validate import read_report

    out = []
    for path in paths:
        summary = _gate_summary(path)
        if summary is None:
            data = read_report(path)
            out.append((path.stem, str(path), data))  # documents/NAME.json from a batch keeps its NAME
            continue
        for doc in summary["documents"]:
            if not doc.get("report"):
                raise InputError(str(path), f"document {doc.get('name')!r} has no saved report to read")
            report_path = path.parent / doc["report"]
            out.append((doc["name"], str(report_path), read_report(report_path)))
    names = [n for n, _, _ in out]
    if len(set(names)) != len(names):  # two reports of files with the same name: use their paths
        out = [(str(PurePosixPath(Path(p).as_posix()).with_suffix("")), p, d) for _, p, d in out]
    return out


def _gate_summary(path: Path) -> dict[str, Any] | None:
    from ..load.encoding import read_text

    try:
        data = json.loads(read_text(str(path)))
    except json.JSONDecodeError:
        return None  # read_report gives the precise message
    return data if isinstance(data, dict) and data.get("kind") == SUMMARY_KIND else None


def render_outputs(out_dir: Path, verdicts: Sequence[Verdict], policy: Policy, *, write_reports: bool,
                   html: bool, baseline: str | None = None) -> list[tuple[Path, str]]:
    """Every file for the output folder, rendered before anything is written."""
    from ..report.json import dumps
    from .render import summary_markdown

    rendered: list[tuple[Path, str]] = []
    files: dict[str, dict[str, str | None]] = {}
    for v in verdicts:
        entry: dict[str, str | None] = {"json": None, "html": None}
        if write_reports:
            json_path = out_dir / "documents" / f"{v.name}.json"
            rendered.append((json_path, dumps(v.report)))
            entry["json"] = _rel(json_path, out_dir)
            if html:
                from ..report.html import render_html

                html_path = json_path.with_suffix(".html")
                rendered.append((html_path, render_html(v.report)))
                entry["html"] = _rel(html_path, out_dir)
        elif v.report_path:
            entry["json"] = _rel(Path(v.report_path), out_dir)
        files[v.name] = entry
    summary = gate_to_dict(verdicts, policy, baseline=baseline, files=files)
    rendered.append((out_dir / "summary.json", dumps(summary)))
    rendered.append((out_dir / "summary.md", summary_markdown(verdicts, policy)))
    return rendered


def write_all(rendered: Sequence[tuple[Path, str]]) -> None:
    from ..report.json import write_atomic

    for path, text in rendered:
        write_atomic(path, text)


def _rel(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()
