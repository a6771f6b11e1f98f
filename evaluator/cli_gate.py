"""CLI commands for CI: `gate`, `baseline`, `compare` (registered on the app of evaluator/cli.py).

Exit codes as everywhere: 0 the gate passed (or the command did its job), 1 the gate failed,
2 bad input, options or policy. Only typer is imported at module level, so `--help` stays fast;
the commands forward to plain functions in evaluator/gate/.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from .cli import DEBUG, _cli_errors, _progress, _run_config, app

POLICY_HELP = r"Policy TOML (default: ./evaluator.toml, else the \[tool.evaluator] table of ./pyproject.toml)."


@app.command()
@_cli_errors
def gate(
    source: Optional[Path] = typer.Argument(None, help="Source document, or a folder of source documents."),
    target: Optional[Path] = typer.Argument(None, help="Its translation, or the folder of translations."),
    reference: Optional[Path] = typer.Option(None, "--reference", "-r", help="Reference document or folder."),
    policy: Optional[Path] = typer.Option(None, "--policy", "-p", help=POLICY_HELP),
    reports: Optional[List[Path]] = typer.Option(None, "--report", help="Gate a saved JSON report (repeatable; a gate summary.json stands for its reports) instead of scoring."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="TOML/CSV listing source,target[,reference] of each document."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Accepted findings (from `evaluator baseline`) not to count."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for per-document JSON reports, summary.json and summary.md."),
    html: bool = typer.Option(False, "--html", help="Also write an HTML report per document (with --out)."),
    junit: Optional[Path] = typer.Option(None, "--junit", help="Write JUnit XML here (one testcase per document)."),
    github: bool = typer.Option(False, "--github", help="Print GitHub Actions annotations (::error file=…,line=…::…)."),
    gitlab: Optional[Path] = typer.Option(None, "--gitlab", help="Write a GitLab Code Quality report here."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Source language (default: policy, else detected)."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Target language (default: policy, else detected)."),
    aligned: bool = typer.Option(False, "--aligned", help="Inputs are line-aligned: one segment per line."),
    embedder: str = typer.Option("usem", "--embedder", help="Embedder (default: policy, else the bundled 'usem')."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="Folder for an embedding cache across runs."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print the verdict only when the gate fails."),
    debug: bool = DEBUG,
) -> None:
    """Pass or fail a delivery against a quality policy: exit 0 pass, 1 fail, 2 bad input or policy."""
    from .errors import ConfigError
    from .gate.baseline import read_baseline
    from .gate.run import judge_scored, load_reports, score_delivery
    from .gate.rules import judge

    pol = _policy(policy)
    base = read_baseline(baseline) if baseline else None
    if html and not out:
        raise ConfigError("--html", ["needs --out FOLDER to write the per-document HTML reports into"])
    if reports:
        if source or target or manifest or reference:
            raise ConfigError("gate", ["give either --report files or documents to score, not both"])
        verdicts = [judge(data, pol, name=name, baseline=base, report_path=path)
                    for name, path, data in load_reports(reports)]
    else:
        pairs = _pairs(source, target, reference, manifest)
        run = pol.run_options(src_lang, tgt_lang, embedder, None, None)
        config = _run_config(run[0], run[1], aligned, run[2], run[3], run[4], None, None, cache)
        with _progress(quiet) as progress:
            verdicts = judge_scored(score_delivery(pairs, config, progress=progress), pol, base)
    _finish(verdicts, pol, out=out, write_reports=not reports, html=html, junit=junit, github=github,
            gitlab=gitlab, baseline=str(baseline) if baseline else None, quiet=quiet)


@app.command()
@_cli_errors
def baseline(
    reports: Optional[List[Path]] = typer.Argument(None, help="JSON reports (or a gate summary.json); none writes an empty baseline."),
    output: Path = typer.Option(..., "--output", "-o", help="Baseline file to write."),
    debug: bool = DEBUG,
) -> None:
    """Accept every finding of REPORTS: `gate --baseline` stops counting them (prune the file to taste)."""
    from .gate.baseline import baseline_to_dict, entries_from_report
    from .gate.run import load_reports
    from .report.json import dumps, write_atomic

    loaded = load_reports(reports or [])
    entries = [e for _, _, data in loaded for e in entries_from_report(data)]
    data = baseline_to_dict(entries)
    write_atomic(output, dumps(data))
    sys.stdout.write(f"baseline: {len(data['findings'])} accepted finding(s) from {len(loaded)} report(s) "
                     f"written to {output}\n")


@app.command()
@_cli_errors
def compare(
    source: Path = typer.Argument(..., help="Source document both systems translated."),
    system_a: Path = typer.Argument(..., help="Translation by system (vendor) A."),
    system_b: Path = typer.Argument(..., help="Translation by system (vendor) B."),
    reference: Optional[Path] = typer.Option(None, "--reference", "-r", help="Human reference: adds BLEU, chrF, chrF++, TER."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the comparison as JSON here."),
    samples: int = typer.Option(1000, "--samples", help="Bootstrap resamples."),
    seed: int = typer.Option(12345, "--seed", help="Seed of the resampling (sacrebleu's default)."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang"),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang"),
    aligned: bool = typer.Option(False, "--aligned", help="Inputs are line-aligned: one segment per line."),
    embedder: str = typer.Option("usem", "--embedder"),
    cache: Optional[Path] = typer.Option(None, "--cache"),
    quiet: bool = typer.Option(False, "--quiet", "-q"),
    debug: bool = DEBUG,
) -> None:
    """Which translation is better, per metric, with paired bootstrap confidence intervals and p-values."""
    from .gate.compare import compare as run_compare
    from .gate.compare import comparison_to_dict, render_comparison
    from .report.json import dumps, write_atomic

    config = _run_config(src_lang, tgt_lang, aligned, embedder, None, None, None, None, cache)
    result = run_compare(source, system_a, system_b, reference, config=config, samples=samples, seed=seed)
    if json_out:
        write_atomic(json_out, dumps(comparison_to_dict(result)))
    if not quiet:
        sys.stdout.write(render_comparison(result))


def policy_for_score(path: Path, src_lang, tgt_lang, embedder, checks, glossary):
    """For `score --policy`: the policy, and the run options with the policy filling what is unset."""
    from .gate.policy import load_policy

    pol = load_policy(path)
    return pol, pol.run_options(src_lang, tgt_lang, embedder, checks, glossary)


def gate_report(data: dict, pol, quiet: bool) -> None:
    """For `score --policy`: judge the one report; exit 1 when it breaks the policy."""
    from .gate.rules import judge

    _finish([judge(data, pol)], pol, out=None, write_reports=False, html=False, junit=None, github=False,
            gitlab=None, baseline=None, quiet=quiet)


def _policy(path: Optional[Path]):
    from .errors import ConfigError
    from .gate.policy import find_policy, load_policy

    path = path or find_policy(Path.cwd())
    if path is None:
        raise ConfigError("--policy", ["no policy: pass --policy FILE, or add evaluator.toml or a "
                                       "[tool.evaluator] table in pyproject.toml to the working directory"])
    return load_policy(path)


def _pairs(source, target, reference, manifest):
    from .errors import ConfigError
    from .gate.batch import DocPair, pair_delivery

    if manifest or (source is not None and source.is_dir()):
        return pair_delivery(source, target, reference, manifest)
    if source is None:
        raise ConfigError("gate", ["nothing to gate: give SOURCE and TARGET (files or folders), "
                                   "--manifest FILE, or --report REPORT.json"])
    name = (target or source).name.split(".", 1)[0] or (target or source).name
    return [DocPair(name=name, source=source, target=target, reference=reference)]


def _finish(verdicts, pol, *, out, write_reports, html, junit, github, gitlab, baseline, quiet) -> None:
    """Render every output first, then write, then print; exit 1 when any document failed."""
    from .gate.annotations import LineFinder, github_annotations, gitlab_code_quality
    from .gate.junit import render_junit
    from .gate.render import render_verdicts
    from .gate.run import render_outputs, write_all

    lines = LineFinder()
    rendered = render_outputs(out, verdicts, pol, write_reports=write_reports, html=html,
                              baseline=baseline) if out else []
    if junit:
        rendered.append((junit, render_junit(verdicts, pol)))
    if gitlab:
        rendered.append((gitlab, gitlab_code_quality(verdicts, lines=lines)))
    write_all(rendered)
    passed = all(v.passed for v in verdicts)
    if not quiet or not passed:  # a failed gate always says why, or a CI log shows only "exit 1"
        sys.stdout.write(render_verdicts(verdicts, pol))
    if github:
        sys.stdout.write(github_annotations(verdicts, lines=lines))
    if not passed:
        raise typer.Exit(1)
