"""Command line: parses arguments, calls the library, maps errors to exit codes. Nothing else.

Exit codes: 0 done; 1 a quality gate failed; 2 bad input, options or configuration (a one-line
message naming the file and the problem); 3 an internal error (a bug: rerun with --debug).
Only typer is imported at module level, so `evaluator --help` starts fast.
"""
from __future__ import annotations

import sys
from functools import wraps
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Machine-translation quality evaluation: align, check, score, report, gate.")

DEBUG = typer.Option(False, "--debug", help="Show tracebacks for errors.")


def _cli_errors(fn):
    """Turn library errors into one-line messages and exit codes; tracebacks only with --debug."""

    @wraps(fn)
    def run(*args, **kwargs):
        from .errors import EvaluatorError

        try:
            return fn(*args, **kwargs)
        except EvaluatorError as e:
            if kwargs.get("debug"):
                raise
            _fail(str(e), e.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; no report written", 130)
        except typer.Exit:
            raise
        except Exception as e:  # a bug, not bad input: say so in one line
            if kwargs.get("debug"):
                raise
            _fail(f"internal error: {type(e).__name__}: {e} (rerun with --debug for the traceback)", 3)

    return run


def _fail(message: str, code: int) -> None:
    sys.stderr.write(f"evaluator: error: {' '.join(str(message).split())}\n")
    raise typer.Exit(code)


def _run_config(src_lang, tgt_lang, aligned, embedder, checks, glossary, fmt, encoding, cache):
    from .checks.base import Options
    from .load.glossary import load_glossary
    from .pipeline import RunConfig

    check_names = tuple(c.strip() for c in checks.split(",") if c.strip()) if checks else None
    terms = load_glossary(glossary) if glossary else ()
    return RunConfig(source_lang=src_lang, target_lang=tgt_lang, aligned=aligned, embedder=embedder,
                     checks=check_names, options=Options(glossary=terms), fmt=fmt, encoding=encoding,
                     cache_dir=str(cache) if cache else None, command=_command_line())


def _command_line() -> str:
    import shlex

    return "evaluator " + " ".join(shlex.quote(a) for a in sys.argv[1:])


@app.command()
@_cli_errors
def score(
    source: Path = typer.Argument(..., help="Source document (or a bilingual XLIFF/TMX/TSV/JSONL file)."),
    target: Optional[Path] = typer.Argument(None, help="Machine translation of SOURCE."),
    reference: Optional[Path] = typer.Option(None, "--reference", "-r", help="Human reference translation."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang", help="Source language (ISO 639-1); detected if omitted."),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang", help="Target language; detected if omitted."),
    aligned: bool = typer.Option(False, "--aligned", help="Inputs are line-aligned: one segment per line."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the JSON report here."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Write the HTML review report here."),
    embedder: str = typer.Option("usem", "--embedder", help="'usem' (bundled, int8 products), 'usem-exact' (bundled, float) or a sentence-transformers model name/path."),
    checks: Optional[str] = typer.Option(None, "--checks", help="Comma-separated checks to run (default: all)."),
    glossary: Optional[Path] = typer.Option(None, "--glossary", help="TSV/CSV of source term → required target term."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Input format (text, xliff, tmx, tsv, csv, jsonl)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Input encoding (default: detected)."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="Folder for a cache of embeddings and reports across runs: an unchanged re-run reads its report back."),
    worst: int = typer.Option(10, "--worst", help="How many of the worst segments to list."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No terminal report."),
    policy: Optional[Path] = typer.Option(None, "--policy", help="Gate the report with this policy TOML: exit 1 if it fails."),
    debug: bool = DEBUG,
) -> None:
    """Score a machine translation against its source (and a reference, if given)."""
    from .pipeline import evaluate
    from .report.json import report_to_dict

    gate_policy = None
    if policy:
        from .cli_gate import policy_for_score

        gate_policy, (src_lang, tgt_lang, embedder, checks, glossary) = policy_for_score(
            policy, src_lang, tgt_lang, embedder, checks, glossary)
    config = _run_config(src_lang, tgt_lang, aligned, embedder, checks, glossary, fmt, encoding, cache)
    with _progress(quiet) as progress:
        report = evaluate(source, target, reference, config=config, progress=progress)
    data = report_to_dict(report, lazy=True)
    _write_outputs(data, json_out, html_out)
    if not quiet:
        _print_terminal(data, worst)
    if gate_policy is not None:
        from .cli_gate import gate_report

        gate_report(data, gate_policy, quiet)


@app.command()
@_cli_errors
def align(
    source: Path = typer.Argument(..., help="Source document."),
    target: Path = typer.Argument(..., help="Translation to align with SOURCE."),
    json_out: Optional[Path] = typer.Option(None, "--json", help="Write the alignment as JSON here."),
    src_lang: Optional[str] = typer.Option(None, "--src-lang"),
    tgt_lang: Optional[str] = typer.Option(None, "--tgt-lang"),
    embedder: str = typer.Option("usem", "--embedder"),
    fmt: Optional[str] = typer.Option(None, "--format"),
    encoding: Optional[str] = typer.Option(None, "--encoding"),
    debug: bool = DEBUG,
) -> None:
    """Align paragraphs: every paragraph of each side appears exactly once, in order."""
    from .pipeline import RunConfig, align_documents
    from .report.json import dumps, write_atomic

    config = RunConfig(source_lang=src_lang, target_lang=tgt_lang, embedder=embedder, fmt=fmt, encoding=encoding)
    links = align_documents(source, target, config=config)
    data = {"pairs": [{"source": list(k.source), "target": list(k.target), "score": round(k.score, 4)}
                      for k in links]}
    if json_out:
        write_atomic(json_out, dumps(data))
    else:
        sys.stdout.write(dumps(data))


@app.command()
@_cli_errors
def report(
    report_json: Path = typer.Argument(..., help="A JSON report written by `evaluator score --json`."),
    html_out: Optional[Path] = typer.Option(None, "--html", help="Render it as HTML here."),
    worst: int = typer.Option(10, "--worst"),
    debug: bool = DEBUG,
) -> None:
    """Render a saved JSON report again (terminal, or HTML with --html)."""
    from .report.validate import read_report

    data = read_report(report_json)
    if html_out:
        _write_outputs(data, None, html_out)
    else:
        _print_terminal(data, worst)


def _write_outputs(data: dict, json_out: Optional[Path], html_out: Optional[Path]) -> None:
    """Render everything first, then write: a failure leaves no half-written set of reports."""
    from .report.json import iter_dumps, write_atomic

    html = None
    if html_out:
        from .report.html import render_html

        html = render_html(data)
    if json_out:  # streamed: the JSON of 100,000 segments is never held whole
        write_atomic(json_out, iter_dumps(data))
    if html is not None:
        write_atomic(html_out, html)


def _print_terminal(data: dict, worst: int) -> None:
    from rich.console import Console

    from .report.terminal import render_terminal

    render_terminal(data, Console(), worst=worst)


class _progress:
    """A progress bar on stderr for interactive runs; silent in pipes and CI logs."""

    def __init__(self, quiet: bool):
        self.enabled = not quiet and sys.stderr.isatty()

    def __enter__(self):
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import Progress

        self._bar = Progress(console=Console(stderr=True), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("load", total=None)
        return lambda stage, done, total: self._bar.update(self._task, description=stage, completed=done, total=total)

    def __exit__(self, *exc):
        if self.enabled:
            self._bar.stop()
        return False


from . import cli_gate  # noqa: E402,F401  (registers gate, baseline, compare)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
