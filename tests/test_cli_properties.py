"""Property tests over the CLI itself: whatever the files, `evaluator score` exits 0 with a whole
report or 2 with one line naming the file, never 3 (an internal error), never a traceback, and
never leaves a report behind when it fails.

Runs in-process through typer's runner so that hundreds of inputs fit in seconds; the real
default encoder is loaded once (session fixture) and handed to every run. Seeded.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from evaluator import embed
from evaluator.cli import app

DATA = Path(__file__).parent / "data" / "formats"
FIXTURES = sorted(p for p in DATA.iterdir() if p.is_file() and p.suffix != ".md")
SETTINGS = dict(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
NAMES = ["src.txt", "src.xlf", "src.tmx", "src.tsv", "src.csv", "src.jsonl", "src"]
SNIPPETS = [b"<", b"&", b"</target>", b"<x/>", b"\t", b"\n\n", b"\xff\xfe", b"\xef\xbb\xbf", b"\x00",
            b"<!ENTITY a 'b'>", b"{0}", b"2,5 mln", b"Kasym-\xc5\xbbomart", b"\r\n"]


@pytest.fixture(scope="module")
def cli(embedder):
    """Invoke the CLI with the session's encoder instead of loading it again for every run."""
    patch = pytest.MonkeyPatch()
    patch.setattr(embed, "get_embedder", lambda *a, **k: embedder)
    work = Path(tempfile.mkdtemp(prefix="evaluator-cli-props-"))
    runner = CliRunner()

    def invoke(files: dict[str, bytes], args: list[str]):
        for old in work.iterdir():
            old.unlink()
        for name, data in files.items():
            (work / name).write_bytes(data)
        out = work / "report.json"
        argv = [a.replace("@", str(work) + "/") for a in args] + ["--json", str(out), "--quiet"]
        return runner.invoke(app, argv), out

    yield invoke
    patch.undo()
    shutil.rmtree(work, ignore_errors=True)


@st.composite
def damaged(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(FIXTURES)).read_bytes())
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        i = draw(st.integers(0, len(data) - 1))
        op = draw(st.sampled_from(["cut", "insert", "truncate", "snippet"]))
        if op == "cut":
            del data[i:i + draw(st.integers(1, 40))]
        elif op == "insert":
            data[i:i] = draw(st.binary(min_size=1, max_size=6))
        elif op == "truncate":
            del data[i:]
        else:
            data[i:i] = draw(st.sampled_from(SNIPPETS))
    return bytes(data)


inputs = st.one_of(damaged(), st.binary(max_size=300),
                   st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))


def check(result, out: Path) -> str:
    assert result.exit_code in (0, 2), (result.exit_code, result.output, result.exception)
    if result.exit_code == 2:
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("evaluator: error: "), result.output
        assert "Traceback" not in result.output
        assert not out.exists()  # no half-written report
        return "refused"
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["segments"] == len(report["segments"])
    return "scored"


@settings(max_examples=250, **SETTINGS)
@given(inputs, inputs, st.sampled_from(NAMES), st.sampled_from([[], ["--aligned"], ["--format", "text"]]))
def test_score_two_generated_files(cli, src, tgt, name, extra):
    target = "tgt" + Path(name).suffix
    result, out = cli({name: src, target: tgt}, ["score", f"@{name}", f"@{target}", "--src-lang", "pl",
                                                 "--tgt-lang", "en", *extra])
    event(check(result, out))


@settings(max_examples=250, **SETTINGS)
@given(damaged(), st.sampled_from(NAMES[1:]))
def test_score_one_generated_bilingual_file(cli, data, name):
    result, out = cli({name: data}, ["score", f"@{name}"])
    event(check(result, out))
