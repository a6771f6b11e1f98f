"""A vendor delivery: pairing files, scoring them with one encoder, and the CI outputs."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASE, ROOT
from evaluator.errors import ConfigError
from evaluator.gate.batch import pair_delivery, read_manifest

DATA = ROOT / "tests" / "data" / "gate"
TEMPLATE_POLICY = ROOT / "docs" / "templates" / "evaluator.toml"


def build_delivery(root: Path, source: str = "src", target: str = "mt") -> tuple[Path, Path]:
    """The case study plus the two tiny Polish/English documents, as a vendor would deliver them."""
    src, mt = root / source, root / target
    shutil.copytree(DATA / "delivery" / "src", src)
    shutil.copytree(DATA / "delivery" / "mt", mt)
    shutil.copy(CASE / "source.pl.txt", src / "kazakhstan.pl.txt")
    shutil.copy(CASE / "mt.en.txt", mt / "kazakhstan.en.txt")
    return src, mt


def touch(path: Path, text: str = "Tekst.\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- pairing ---------------------------------------------------------------------------------

def test_pairing_by_name_tolerates_language_tags_and_folders(tmp_path):
    for rel in ("src/news/foo.pl.txt", "src/bar_pl.txt", "src/same.txt", "src/baz.pl-PL.txt", "src/.DS_Store",
                "mt/news/foo.en.txt", "mt/bar-en.txt", "mt/same.txt", "mt/baz.en_GB.md", "mt/.hidden/x.txt"):
        touch(tmp_path / rel)
    pairs = pair_delivery(tmp_path / "src", tmp_path / "mt")
    got = {p.name: (p.source.relative_to(tmp_path).as_posix(), p.target.relative_to(tmp_path).as_posix())
           for p in pairs}
    assert got == {
        "news/foo": ("src/news/foo.pl.txt", "mt/news/foo.en.txt"),
        "bar": ("src/bar_pl.txt", "mt/bar-en.txt"),
        "same": ("src/same.txt", "mt/same.txt"),
        "baz": ("src/baz.pl-PL.txt", "mt/baz.en_GB.md"),
    }


def test_unpaired_files_are_all_listed(tmp_path):
    for rel in ("src/ok.pl.txt", "mt/ok.en.txt", "src/lonely.pl.txt", "mt/extra.en.txt",
                "src/twice.pl.txt", "mt/twice.en.txt", "mt/twice.de.txt", "ref/ok.en.txt", "ref/stray.en.txt"):
        touch(tmp_path / rel)
    with pytest.raises(ConfigError) as err:
        pair_delivery(tmp_path / "src", tmp_path / "mt", tmp_path / "ref")
    problems = err.value.problems
    assert len(problems) == 4, problems
    assert any("lonely.pl.txt has no target" in p for p in problems)
    assert any("extra.en.txt matches no source" in p for p in problems)
    assert any("ambiguous pairing for 'twice'" in p and "twice.de.txt" in p and "twice.en.txt" in p for p in problems)
    assert any(p.startswith("[reference]") and "stray.en.txt matches no source" in p for p in problems)


def test_references_are_paired_like_targets(tmp_path):
    for rel in ("src/a.pl.txt", "mt/a.en.txt", "ref/a.en.txt", "src/b.pl.txt", "mt/b.en.txt"):
        touch(tmp_path / rel)
    pairs = {p.name: p for p in pair_delivery(tmp_path / "src", tmp_path / "mt", tmp_path / "ref")}
    assert pairs["a"].reference == tmp_path / "ref" / "a.en.txt"
    assert pairs["b"].reference is None  # a reference is optional per document


def test_manifest_toml_and_csv_pair_what_names_cannot(tmp_path):
    for rel in ("d/src/a.txt", "d/mt/alpha-final.txt", "d/ref/a-ref.txt", "d/src/b.txt", "d/mt/beta.txt"):
        touch(tmp_path / rel)
    toml = touch(tmp_path / "d" / "manifest.toml", '[[documents]]\nsource = "src/a.txt"\ntarget = "mt/alpha-final.txt"\n'
                                                    'reference = "ref/a-ref.txt"\n\n[[documents]]\nsource = "src/b.txt"\n'
                                                    'target = "mt/beta.txt"\nname = "second"\n')
    csv = touch(tmp_path / "d" / "manifest.csv", "source,target,reference\nsrc/a.txt,mt/alpha-final.txt,ref/a-ref.txt\n"
                                                  "src/b.txt,mt/beta.txt,\n")
    for manifest in (toml, csv):
        pairs = read_manifest(manifest)
        assert [(p.source.name, p.target.name, p.reference.name if p.reference else None) for p in pairs] == [
            ("a.txt", "alpha-final.txt", "a-ref.txt"), ("b.txt", "beta.txt", None)]
    assert [p.name for p in read_manifest(toml)] == ["a", "second"]


def test_manifest_with_folders_pairs_the_rest_by_name(tmp_path):
    for rel in ("src/a.txt", "mt/alpha-final.txt", "src/c.pl.txt", "mt/c.en.txt"):
        touch(tmp_path / rel)
    manifest = touch(tmp_path / "m.csv", "src/a.txt,mt/alpha-final.txt\n")
    pairs = pair_delivery(tmp_path / "src", tmp_path / "mt", manifest=manifest)
    assert sorted((p.source.name, p.target.name) for p in pairs) == [("a.txt", "alpha-final.txt"), ("c.pl.txt", "c.en.txt")]


def test_manifest_problems_are_all_reported(tmp_path):
    touch(tmp_path / "src/a.txt")
    manifest = touch(tmp_path / "m.csv", "source,target,lang\nsrc/a.txt,mt/missing.txt,pl\n,src/a.txt,\n")
    with pytest.raises(ConfigError) as err:
        read_manifest(manifest)
    assert err.value.problems == [
        "[line 2] unknown column(s) lang (known: source, target, reference, name)",
        f"[line 2.target] no such file: {tmp_path / 'mt/missing.txt'} (paths are relative to the manifest)",
        "[line 3] unknown column(s) lang (known: source, target, reference, name)",
        "[line 3.source] missing",
    ]


def test_cli_unpaired_delivery_exits_2_listing_every_file(tmp_path):
    src, mt = build_delivery(tmp_path)
    touch(src / "orphan.pl.txt")
    touch(mt / "stray.en.txt")
    r = subprocess.run([sys.executable, "-m", "evaluator", "gate", str(src), str(mt), "--policy", str(TEMPLATE_POLICY)],
                       capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "orphan.pl.txt has no target" in r.stderr and "stray.en.txt matches no source" in r.stderr


# --- scoring a delivery ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def delivery(tmp_path_factory, embedder):
    """The scored delivery and its verdicts under the template policy (scored once for the module)."""
    import evaluator.embed
    from evaluator.gate.policy import load_policy
    from evaluator.gate.run import judge_scored, score_delivery
    from evaluator.pipeline import RunConfig

    root = tmp_path_factory.mktemp("delivery")
    src, mt = build_delivery(root)
    policy = load_policy(TEMPLATE_POLICY)
    loads = []

    def counting(spec="usem", **kwargs):  # the real shared encoder; we only count how often it is asked for
        loads.append(spec)
        return embedder

    patch = pytest.MonkeyPatch()
    patch.setattr(evaluator.embed, "get_embedder", counting)
    try:
        scored = score_delivery(pair_delivery(src, mt), RunConfig(source_lang="pl", target_lang="en"))
    finally:
        patch.undo()
    return {"root": root, "policy": policy, "scored": scored, "loads": loads,
            "verdicts": judge_scored(scored, policy)}


@pytest.mark.slow
def test_a_delivery_is_scored_with_one_encoder_and_judged_per_document(delivery):
    assert delivery["loads"] == ["usem"]
    verdicts = {v.name: v for v in delivery["verdicts"]}
    assert sorted(verdicts) == ["kazakhstan", "prices", "weather"]
    assert verdicts["weather"].passed and not verdicts["weather"].findings  # a faithful translation
    assert "limits.categories.untranslated" in [v.rule for v in verdicts["prices"].violations]
    untranslated = next(v for v in verdicts["prices"].violations if v.rule == "limits.categories.untranslated")
    segments = {s["index"]: s for s in verdicts["prices"].report["segments"]}
    for f in untranslated.findings:  # all inside the paragraph left in Polish
        start, end = f.target_span
        assert segments[f.segment]["target"][start:end] in "Analitycy uważają, że podwyżki potrwają co najmniej " \
            "do końca miesiąca, ponieważ ropa naftowa drożeje na światowych rynkach."
    assert "limits.categories.boilerplate" in [v.rule for v in verdicts["kazakhstan"].violations]


@pytest.mark.slow
def test_output_folder_has_every_report_and_a_combined_summary(delivery, tmp_path):
    from evaluator.gate.run import render_outputs, write_all
    from evaluator.report.validate import read_report

    out = tmp_path / "out"
    write_all(render_outputs(out, delivery["verdicts"], delivery["policy"], write_reports=True, html=True))
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["passed"] is False
    assert summary["totals"]["documents"] == 3 and summary["totals"]["failed"] == 2
    assert summary["totals"]["words"] == sum(s.report["summary"]["words"] for s in delivery["scored"])
    for doc in summary["documents"]:
        report = read_report(out / doc["report"])  # valid against the report schema
        assert report["files"] == doc["files"]
        assert (out / doc["html"]).read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
        assert doc["passed"] == (not doc["violations"])
    table = (out / "summary.md").read_text(encoding="utf-8")
    assert "| weather | pass |" in table and "| prices | FAIL |" in table


@pytest.mark.slow
def test_junit_validates_against_the_schema(delivery):
    from lxml import etree

    from evaluator.gate.junit import render_junit

    xml = render_junit(delivery["verdicts"], delivery["policy"])
    schema = etree.XMLSchema(etree.parse(str(DATA / "junit.xsd")))
    doc = etree.fromstring(xml.encode("utf-8"))
    assert schema.validate(doc), schema.error_log
    suite = doc.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["kazakhstan", "prices", "weather"]
    assert suite.get("tests") == "3" and suite.get("failures") == "2"
    failure = cases[1].find("failure")
    assert "limits.categories.untranslated" in failure.get("message")
    assert re.search(r"segment \d+ +\w+ untranslated", failure.text), failure.text
    assert cases[2].find("failure") is None
    # The schema is strict enough to catch a broken report.
    broken = etree.fromstring(xml.replace('tests="3"', 'tests="three"', 1).encode("utf-8"))
    assert not schema.validate(broken)


@pytest.mark.slow
def test_github_annotations_point_at_the_paragraph_line(delivery, monkeypatch):
    from evaluator.gate.annotations import github_annotations

    monkeypatch.chdir(delivery["root"])
    text = github_annotations(delivery["verdicts"])
    pattern = re.compile(r"^::(error|warning) file=([^,]+)(?:,line=(\d+))?,title=([^:]*)::(.*)$")
    lines = text.splitlines()
    assert lines and all(pattern.match(line) for line in lines), text
    located = 0
    for line in lines:
        kind, path, number, title, message = pattern.match(line).groups()
        if number is None:
            continue
        located += 1
        segment = int(re.search(r"segment (\d+)", title).group(1))
        verdict = next(v for v in delivery["verdicts"] if Path(v.report["files"]["target"]).name == Path(path).name
                       or Path(v.report["files"]["source"]).name == Path(path).name)
        seg = next(s for s in verdict.report["segments"] if s["index"] == segment)
        file_line = (delivery["root"] / path).read_text(encoding="utf-8").split("\n")[int(number) - 1].strip()
        side = seg["target"] if seg["target_ids"] and "/mt/" in f"/{path}" else seg["source"]
        paragraphs = side.split("\n\n")  # a merged segment joins its paragraphs with a blank line
        assert file_line and any(p.startswith(file_line[:40]) for p in paragraphs), (line, file_line, side[:80])
    assert located >= 10
    assert "::error file=mt/prices.en.txt,line=3,title=minor untranslated" in text \
        or "::error file=mt/prices.en.txt,line=3,title=major untranslated" in text


def test_github_escaping():
    from evaluator.gate.annotations import _command

    line = _command("error", {"file": "a,b:c.txt", "title": "x"}, "100% wrong\nsecond line")
    assert line == "::error file=a%2Cb%3Ac.txt,title=x::100%25 wrong%0Asecond line"


@pytest.mark.slow
def test_gitlab_code_quality(delivery, monkeypatch):
    from evaluator.gate.annotations import gitlab_code_quality

    monkeypatch.chdir(delivery["root"])
    issues = json.loads(gitlab_code_quality(delivery["verdicts"]))
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert (delivery["root"] / issue["location"]["path"]).is_file()
        assert issue["location"]["lines"]["begin"] >= 1
    blockers = [i["check_name"] for i in issues if i["severity"] == "blocker"]
    assert "evaluator.gate.limits.categories.untranslated" in blockers
    n_findings = sum(len(v.findings) for v in delivery["verdicts"])
    assert len(issues) == n_findings + sum(len(v.violations) for v in delivery["verdicts"])
    assert json.loads(gitlab_code_quality(delivery["verdicts"])) == issues  # stable across runs
