"""Terminal summary: the document score, findings per severity and category, the worst segments."""
from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

SEVERITY_STYLE = {"critical": "bold red", "major": "yellow", "minor": "cyan"}
_RANK = {"critical": 0, "major": 1, "minor": 2}


def render_terminal(report: dict[str, Any], console: Console, worst: int = 10) -> None:
    s = report["summary"]
    f = s["findings"]
    console.print(
        f"[bold]{report['files']['source']}[/] ({report['source_lang']}) → "
        f"[bold]{report['files']['target']}[/] ({report['target_lang']})", highlight=False)
    console.print(
        f"Document score [bold]{s['document_score']:.1f}[/]/100 · MQM penalty {s['penalty_per_1000']:.1f} "
        f"per 1,000 words · {s['segments']} segments, {s['words']} words", highlight=False)
    console.print(
        f"Findings: [bold red]{f['critical']} critical[/], [yellow]{f['major']} major[/], "
        f"[cyan]{f['minor']} minor[/]" + (" · " + ", ".join(f"{k} {v}" for k, v in s["categories"].items())
                                         if s["categories"] else ""), highlight=False)
    for m in report["metrics"]:
        console.print(f"  {m['name']:<15} {m['value']:8.2f}   [dim]{m['signature']}[/]", highlight=False)
    for w in report["warnings"]:
        console.print(f"[yellow]warning:[/] {w}", highlight=False)
    problems = [seg for seg in report["segments"] if seg["findings"]]
    if not problems:
        console.print("No findings.")
        return
    problems.sort(key=lambda seg: (seg["quality"], seg["index"]))
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True,
                  title=f"Worst {min(worst, len(problems))} of {len(problems)} segments with findings")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Q", justify="right", no_wrap=True)
    table.add_column("Target", ratio=2)
    table.add_column("Findings", ratio=3)
    for seg in problems[:worst]:
        lines = Text()
        for n, finding in enumerate(sorted(seg["findings"], key=lambda x: _RANK[x["severity"]])):
            if n:
                lines.append("\n")
            lines.append(f"{finding['severity']} {finding['category']}: ", style=SEVERITY_STYLE[finding["severity"]])
            lines.append(finding["message"])
            if finding.get("suggestion"):
                lines.append(f" → {finding['suggestion']}", style="green")
        target = seg["target"] or f"[omitted] {seg['source']}"
        table.add_row(str(seg["index"]), f"{seg['quality']:.0f}", Text(_clip(target, 160)), lines)
    console.print(table)


def _clip(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
