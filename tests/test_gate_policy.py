"""The gate policy: TOML and pyproject.toml, every problem reported at once, CLI exit code 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evaluator.errors import ConfigError, InputError
from evaluator.gate.policy import find_policy, load_policy, parse_policy

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE_POLICY = ROOT / "docs" / "templates" / "evaluator.toml"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_full_policy_is_read(tmp_path):
    write(tmp_path / "terms.tsv", "Kazachstan\tKazakhstan\n")
    policy = load_policy(write(tmp_path / "evaluator.toml", """
source_lang = "pl"
target_lang = "en"
checks = ["alignment", "language"]
glossary = "terms.tsv"
embedder = "usem"
[limits]
min_score = 90
max_penalty_per_1000 = 50.5
[limits.severities]
major = 3
critical = 0
[limits.categories]
entity.substituted = 0
"number.mismatch" = 1
"""))
    assert (policy.source_lang, policy.target_lang, policy.embedder) == ("pl", "en", "usem")
    assert policy.checks == ("alignment", "language")
    assert policy.glossary == str((tmp_path / "terms.tsv").resolve())  # relative to the policy file
    assert policy.limits.min_score == 90.0 and policy.limits.max_penalty_per_1000 == 50.5
    assert policy.limits.severities == (("major", 3), ("critical", 0))  # in severity order
    # A bare dotted key and a quoted one name a category the same way.
    assert policy.limits.categories == (("entity.substituted", 0), ("number.mismatch", 1))


def test_pyproject_tool_table(tmp_path):
    write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.evaluator]\ntarget_lang = "en"\n'
                                       '[tool.evaluator.limits.severities]\ncritical = 0\n')
    assert find_policy(tmp_path) == tmp_path / "pyproject.toml"
    policy = load_policy(tmp_path / "pyproject.toml")
    assert policy.target_lang == "en" and policy.limits.severities == (("critical", 0),)
    assert "[tool.evaluator]" in policy.source


def test_evaluator_toml_is_found_before_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.evaluator.limits]\nmin_score = 1\n")
    write(tmp_path / "evaluator.toml", "[limits]\nmin_score = 2\n")
    assert find_policy(tmp_path) == tmp_path / "evaluator.toml"
    assert find_policy(tmp_path / "nowhere") is None


def test_pyproject_without_the_table_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match=r"\[tool.evaluator\] no such table"):
        load_policy(write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n'))


def test_every_problem_is_reported_at_once(tmp_path):
    bad = write(tmp_path / "evaluator.toml", """
source_lang = "Polish"
checks = ["alignment", "langauge"]
glossary = "missing.tsv"
limit = 3
[limits]
min_score = 120
max_penalty_per_1000 = -1
[limits.severities]
major = -1
fatal = 0
[limits.categories]
entity.substitued = 0
omission = 1.5
""")
    with pytest.raises(ConfigError) as err:
        load_policy(bad)
    problems = err.value.problems
    expected = [
        "[limit] unknown setting; did you mean limits?",
        "[source_lang] expected an ISO 639 code such as \"pl\", got 'Polish'",
        "[checks] unknown check 'langauge'; did you mean language?",
        "[glossary] no such file:",
        "[limits.min_score] expected a number from 0 to 100, got 120",
        "[limits.max_penalty_per_1000] expected a number ≥ 0, got -1",
        "[limits.severities.major] expected a whole number ≥ 0, got -1",
        "[limits.severities.fatal] unknown severity",
        "[limits.categories.entity.substitued] unknown category; did you mean entity.substituted?",
        "[limits.categories.omission] expected a whole number ≥ 0, got 1.5",
    ]
    for text in expected:
        assert sum(p.startswith(text) for p in problems) == 1, (text, problems)
    assert len(problems) == len(expected)
    assert str(err.value).startswith(f"{bad}: ")


def test_a_policy_that_can_never_fail_is_refused():
    with pytest.raises(ConfigError, match=r"\[limits\] no limits set"):
        parse_policy({"source_lang": "pl"})


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_policy(write(tmp_path / "p.toml", "[limits\nmin_score = 1\n"))
    with pytest.raises(InputError, match="no such file"):
        load_policy(tmp_path / "absent.toml")


def test_limits_must_be_tables(tmp_path):
    with pytest.raises(ConfigError) as err:
        parse_policy({"limits": {"severities": 3, "categories": ["omission"]}})
    assert err.value.problems == [
        "[limits.severities] expected a table of severity = most findings allowed, got 3",
        "[limits.categories] expected a table of category = most findings allowed, got a list",
    ]


def test_command_line_options_win_over_the_policy():
    policy = parse_policy({"source_lang": "pl", "target_lang": "en", "embedder": "st:/models/labse",
                           "checks": ["language"], "limits": {"min_score": 1}})
    assert policy.run_options(None, None, "usem", None, None) == ("pl", "en", "st:/models/labse", "language", None)
    assert policy.run_options("de", None, "other", "alignment", None)[:4] == ("de", "en", "other", "alignment")


def test_the_template_policy_is_valid():
    policy = load_policy(TEMPLATE_POLICY)
    assert dict(policy.limits.categories)["entity.substituted"] == 0


def test_cli_bad_policy_exits_2_with_every_problem_on_one_line(tmp_path):
    bad = write(tmp_path / "bad.toml", "[limits]\nmin_score = 'high'\n[limits.categories]\nentity.substitued = 0\n")
    report = write(tmp_path / "r.json", "{}")
    r = subprocess.run([sys.executable, "-m", "evaluator", "gate", "--report", str(report), "--policy", str(bad)],
                       capture_output=True, text=True, env={**os.environ, "COLUMNS": "200"})
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in r.stderr
    assert "[limits.min_score] expected a number from 0 to 100, got 'high'" in lines[0]
    assert "[limits.categories.entity.substitued] unknown category; did you mean entity.substituted?" in lines[0]


def test_cli_without_any_policy_exits_2(tmp_path):
    r = subprocess.run([sys.executable, "-m", "evaluator", "gate", "--report", "r.json"], capture_output=True,
                       text=True, cwd=tmp_path)
    assert r.returncode == 2 and "no policy" in r.stderr
