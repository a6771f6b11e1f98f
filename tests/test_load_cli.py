"""Hostile files through the command line: exit code 2, one line on stderr, no report written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import evaluator.checks.tags  # noqa: F401  (registers "tags" for the in-process run below)
from evaluator.cli import app

DATA = Path(__file__).parent / "data" / "formats"
LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
          + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
          + ']>\n<xliff version="1.2"><file><body><trans-unit id="1"><source>&j;</source></trans-unit></body></file></xliff>')

HOSTILE = {
    "laughs.xlf": (LAUGHS, "line 2: declares the XML entity 'a'"),
    "xxe.tmx": ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx/>',
                "line 2: declares the XML entity 'x'"),
    "broken.xlf": ('<xliff version="1.2"><file source-language="pl" target-language="en"><body>\n'
                   '<trans-unit id="1"><source>a</source><target>b</source>', "line 2, column 49: malformed XML"),
    "rows.tsv": ("a\tb\nc\n", "line 2: expected 2 columns as in the first row, got 1"),
    "lines.jsonl": ('{"src": "a", "mt": "b"}\n"just a string"\n', "line 2: expected a JSON object, got a string"),
    "binary.xlf": (b"\x7fELF\x02\x01\x01\x00" + bytes(200), "binary file (NUL bytes): not a text file"),
    "empty.tmx": (b"", "file is empty"),
}


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return p


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_bilingual_file_exits_2_with_one_line(tmp_path, name):
    content, problem = HOSTILE[name]
    path = write(tmp_path, name, content)
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["score", str(path), "--json", str(out), "--quiet"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith(f"evaluator: error: {path}:"), result.stderr
    assert problem in lines[0]
    assert "Traceback" not in result.output + result.stderr
    assert not out.exists()


def test_format_and_encoding_options_reach_the_loaders(tmp_path):
    path = write(tmp_path, "delivery.txt", (DATA / "excel-pl.csv").read_bytes())
    result = CliRunner().invoke(app, ["score", str(path), "--format", "csv", "--encoding", "utf-8", "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"evaluator: error: {path}: not valid utf-8: line 2, byte 7"


def test_subprocess_reports_a_hostile_file_without_traceback(tmp_path):
    path = write(tmp_path, "laughs.xlf", LAUGHS)
    r = subprocess.run([sys.executable, "-m", "evaluator", "score", str(path)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and "entity declarations are refused" in r.stderr


@pytest.mark.slow
def test_bilingual_xliff_scores_end_to_end_with_the_tag_check(tmp_path):
    out = tmp_path / "r.json"
    result = CliRunner().invoke(app, ["score", str(DATA / "delivery-1.2.xlf"), "--checks", "tags", "--json",
                                      str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    findings = [f for s in data["segments"] for f in s["findings"]]
    assert [(f["category"], f["severity"]) for f in findings] == [("tag.mismatch", "major")]
    assert len(data["segments"]) == 6
