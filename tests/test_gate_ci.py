"""The CI templates run: their `evaluator` commands, taken from the YAML, on a delivery laid out as
the templates expect; and docs/ci.md shows the templates exactly as they are."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from test_gate_batch import DATA, build_delivery

TEMPLATES = ROOT / "docs" / "templates"
DOC = ROOT / "docs" / "ci.md"
INIT_BASELINE = "evaluator baseline -o baseline.json"
ACCEPT_ALL = "evaluator baseline gate-reports/summary.json -o baseline.json"


def shell_lines(script: str) -> list[str]:
    """Lines of a `run:`/`script:` entry, with backslash continuations joined."""
    out, buf = [], ""
    for line in script.splitlines():
        buf += line.rstrip()
        if buf.endswith("\\"):
            buf = buf[:-1] + " "
            continue
        if buf.strip():
            out.append(buf.strip())
        buf = ""
    return out


def github_commands() -> list[str]:
    data = yaml.safe_load((TEMPLATES / "github-actions.yml").read_text(encoding="utf-8"))
    steps = [s for job in data["jobs"].values() for s in job["steps"]]
    return [c for s in steps if "run" in s for c in shell_lines(s["run"]) if c.startswith("evaluator ")]


def gitlab_commands() -> list[str]:
    data = yaml.safe_load((TEMPLATES / "gitlab-ci.yml").read_text(encoding="utf-8"))
    jobs = [j for j in data.values() if isinstance(j, dict) and "script" in j]
    return [c for j in jobs for entry in j.get("before_script", []) + j["script"]
            for c in shell_lines(entry) if c.startswith("evaluator ")]


def sh(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """Run a template line the way a CI runner does: through a shell, `evaluator` on the PATH."""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "GITHUB_STEP_SUMMARY": str(cwd / "step-summary.md")}
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True)


def test_templates_have_gate_commands_and_the_doc_shows_them_verbatim():
    assert len(github_commands()) == 1 and github_commands()[0].startswith("evaluator gate ")
    assert len(gitlab_commands()) == 1 and gitlab_commands()[0].startswith("evaluator gate ")
    doc = DOC.read_text(encoding="utf-8")
    for name in ("github-actions.yml", "gitlab-ci.yml"):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        assert f"```yaml\n{text}```" in doc, f"docs/ci.md does not show templates/{name} as it is"
    assert INIT_BASELINE in doc and ACCEPT_ALL in doc


@pytest.mark.slow
def test_template_commands_gate_a_delivery_then_pass_once_findings_are_accepted(tmp_path):
    from lxml import etree

    build_delivery(tmp_path / "deliveries", "source", "incoming")
    (tmp_path / "evaluator.toml").write_bytes((TEMPLATES / "evaluator.toml").read_bytes())
    assert sh(INIT_BASELINE, tmp_path).returncode == 0

    (github,) = github_commands()
    r = sh(github, tmp_path)
    assert r.returncode == 1, r.stderr  # the case study and the half-Polish document break the policy
    out = tmp_path / "gate-reports"
    assert "gate: FAILED: 2 of 3 document(s)" in r.stdout
    assert "::error file=deliveries/incoming/prices.en.txt,line=3," in r.stdout
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit.xsd")))
    assert schema.validate(etree.parse(str(out / "junit.xml"))), schema.error_log
    assert "| prices | FAIL |" in (out / "summary.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "documents").iterdir()) == [
        "kazakhstan.html", "kazakhstan.json", "prices.html", "prices.json", "weather.html", "weather.json"]

    (gitlab,) = gitlab_commands()
    r = sh(gitlab, tmp_path)
    assert r.returncode == 1, r.stderr
    issues = json.loads((out / "code-quality.json").read_text(encoding="utf-8"))
    assert any(i["location"]["path"] == "deliveries/incoming/prices.en.txt" for i in issues)

    # A reviewer accepts the current findings (the documented command); the same gate now passes.
    assert sh(ACCEPT_ALL, tmp_path).returncode == 0
    r = sh(github, tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "gate: passed: 3 document(s) meet the policy" in r.stdout
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["passed"] and summary["totals"]["suppressed"] > 0 and summary["baseline"] == "baseline.json"
