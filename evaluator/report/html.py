"""Self-contained HTML review page for a finished report.

The input is the report dict exactly as the JSON reporter writes it (see ``schema.json``), so a
saved JSON report can be re-rendered without re-running the pipeline. Rows are rendered here,
server-side; the inlined script only toggles visibility, which keeps 5,000-segment pages fast.

Security: every input-derived string goes through Jinja2 autoescaping (highlighted text is passed
to the template as pieces, never as pre-built markup), and a Content-Security-Policy admits only
the one inline script and style emitted here (by sha256 hash) and no network at all.
"""
from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_TEMPLATES = Path(__file__).with_name("templates")
_SEVERITY_RANK = {"minor": 1, "major": 2, "critical": 3}
SEVERITY_ORDER = ("critical", "major", "minor")


@dataclass(frozen=True)
class Highlight:
    """One finding's span on one side of a segment, the input to :func:`split_highlights`."""

    finding: str  # finding id, shared by the source and target highlight of the same finding
    start: int
    end: int
    severity: str
    category: str
    title: str = ""


@dataclass(frozen=True)
class Piece:
    """A run of text covered by the same set of findings (none: plain text).

    ``point`` pieces are empty markers for zero-length spans (e.g. where omitted text belongs).
    """

    text: str
    covers: tuple[Highlight, ...] = ()
    point: bool = False

    @property
    def ids(self) -> str:
        return " ".join(h.finding for h in self.covers)

    @property
    def severities(self) -> str:
        return " ".join(h.severity for h in self.covers)

    @property
    def categories(self) -> str:
        return " ".join(h.category for h in self.covers)

    @property
    def worst(self) -> str:
        return _worst(h.severity for h in self.covers)

    @property
    def title(self) -> str:
        return "\n".join(h.title for h in self.covers if h.title)


def _worst(severities: Any) -> str:
    return max(severities, key=lambda s: _SEVERITY_RANK.get(s, 0), default="")


def split_highlights(text: str, highlights: Sequence[Highlight]) -> list[Piece]:
    """Cut ``text`` at every span boundary so overlapping spans become flat, non-overlapping pieces.

    Concatenating the pieces gives ``text`` back; the pieces covered by one highlight concatenate
    to ``text[start:end]``. Spans are clamped to the text; reversed spans are not drawn.
    """
    n = len(text)
    clamped = []
    for h in highlights:
        start, end = min(max(h.start, 0), n), min(max(h.end, 0), n)
        if start <= end:
            clamped.append(Highlight(h.finding, start, end, h.severity, h.category, h.title))
    ranged = [h for h in clamped if h.start < h.end]
    points = [h for h in clamped if h.start == h.end]
    cuts = sorted({0, n, *(h.start for h in clamped), *(h.end for h in ranged)})
    pieces: list[Piece] = []
    for i, at in enumerate(cuts):
        here = tuple(h for h in points if h.start == at)
        if here:
            pieces.append(Piece("", here, point=True))
        if i + 1 < len(cuts):
            nxt = cuts[i + 1]
            covers = tuple(h for h in ranged if h.start <= at and nxt <= h.end)
            pieces.append(Piece(text[at:nxt], covers))
    return pieces


def _span(value: Any) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return int(value[0]), int(value[1])
    return None


def _label(alignment: str, categories: set[str]) -> tuple[str, str]:
    """Visible label and CSS class for paragraphs that have no counterpart on the other side."""
    src, _, tgt = alignment.partition("-")
    if src == "0":
        if "boilerplate" in categories:
            return "Boilerplate: target only", "added"
        if "addition" in categories:
            return "Addition: no source", "added"
        return "Target only: no source paragraph", "added"
    if tgt == "0":
        return "Omission: source not translated", "omitted"
    return "", ""


def _segment_view(pos: int, seg: Mapping[str, Any]) -> dict[str, Any]:
    findings = list(seg.get("findings") or [])
    src_hl: list[Highlight] = []
    tgt_hl: list[Highlight] = []
    items = []
    for k, f in enumerate(findings):
        fid = f"f{pos}-{k}"
        sev, cat, msg = str(f.get("severity", "")), str(f.get("category", "")), str(f.get("message", ""))
        title = f"{sev} · {cat}: {msg}"
        for side, bucket in (("source_span", src_hl), ("target_span", tgt_hl)):
            span = _span(f.get(side))
            if span is not None:
                bucket.append(Highlight(fid, span[0], span[1], sev, cat, title))
        evidence = f.get("evidence") or {}
        items.append({
            "id": fid, "severity": sev, "category": cat, "message": msg,
            "suggestion": f.get("suggestion"), "check": f.get("check") or "",
            "evidence": [(str(key), str(val)) for key, val in evidence.items()],
        })
    cats = {i["category"] for i in items}
    label, label_class = _label(str(seg.get("alignment", "")), cats)
    worst = _worst(i["severity"] for i in items)
    source, target = str(seg.get("source") or ""), str(seg.get("target") or "")
    reference = seg.get("reference")
    scores = seg.get("scores") or {}
    return {
        "pos": pos, "index": seg.get("index", pos), "alignment": str(seg.get("alignment", "")),
        "alignment_score": float(seg.get("alignment_score") or 0.0),
        "quality": float(seg.get("quality", 100.0)), "worst": worst,
        "label": label, "label_class": label_class,
        "src": split_highlights(source, src_hl), "tgt": split_highlights(target, tgt_hl),
        "ref": None if reference is None else str(reference),
        "findings": items, "scores": sorted((str(k), float(v)) for k, v in scores.items()),
        "fx": " ".join(f"{i['severity']}:{i['category']}" for i in items),
    }


def _fmt(value: Any) -> str:
    """Compact, stable number formatting: 4 significant digits, thousands as integers."""
    v = float(value)
    if abs(v) >= 1000:
        return f"{v:,.0f}"
    return f"{v:.4g}"


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,  # explicit: every input-derived string is escaped
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = _fmt
    return env


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    js = (_TEMPLATES / "report.js").read_text(encoding="utf-8")
    # The assets are inlined raw; a closing tag inside them would end the element early.
    for name, text, tag in (("report.css", css, "</style"), ("report.js", js, "</script")):
        if tag in text.lower():
            raise ValueError(f"{name} must not contain {tag!r}")
    return css, js


def _chart(views: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One bar per segment in document order; height grows with the penalty, colour is the worst severity."""
    width = 0.86 if len(views) < 300 else 1.0
    bars = []
    for v in views:
        height = max(6.0, min(100.0, 100.0 - v["quality"]))
        cls = f"b-{v['worst']}" if v["worst"] else "b-ok"
        title = f"#{v['index']} quality {_fmt(v['quality'])}" + (f", worst {v['worst']}" if v["worst"] else "")
        bars.append({"pos": v["pos"], "y": _fmt(100.0 - height), "h": _fmt(height), "cls": cls, "title": title})
    return {"n": max(len(views), 1), "width": _fmt(width), "bars": bars}


def _categories(report: Mapping[str, Any], views: Sequence[Mapping[str, Any]]) -> list[tuple[str, int]]:
    counted: dict[str, int] = {}
    for v in views:
        for f in v["findings"]:
            counted[f["category"]] = counted.get(f["category"], 0) + 1
    summary = dict(report.get("summary", {}).get("categories") or {})
    names = sorted(set(summary) | set(counted))
    return [(name, int(summary.get(name, counted.get(name, 0)))) for name in names]


def render_html(report: Mapping[str, Any]) -> str:
    """Render the report dict (as written by the JSON reporter) to one self-contained HTML page."""
    segments = list(report.get("segments") or [])
    views = [_segment_view(pos, seg) for pos, seg in enumerate(segments)]
    # Worst-first order is computed here so the script only has to re-append rows.
    ranked = sorted(range(len(views)), key=lambda i: (views[i]["quality"], -_SEVERITY_RANK.get(views[i]["worst"], 0), i))
    for rank, i in enumerate(ranked):
        views[i]["rank"] = rank
    files = report.get("files") or {}
    has_reference = files.get("reference") is not None or any(v["ref"] is not None for v in views)
    categories = _categories(report, views)
    max_cat = max((c for _, c in categories), default=0) or 1
    css, js = _assets()
    csp = "; ".join([
        "default-src 'none'", f"script-src {_csp_hash(js)}", f"style-src {_csp_hash(css)}",
        "img-src 'none'", "base-uri 'none'", "form-action 'none'",
    ])
    summary = report.get("summary") or {}
    score = float(summary.get("document_score", 0.0))
    template = _environment().get_template("report.html")
    return template.render(
        r=report, files=files, summary=summary, score=score,
        score_class="good" if score >= 90 else "fair" if score >= 70 else "poor",
        severities=[(s, int((summary.get("findings") or {}).get(s, 0))) for s in SEVERITY_ORDER],
        categories=categories, max_cat=max_cat, views=views, has_reference=has_reference,
        shown=sum(1 for v in views if v["findings"]), chart=_chart(views),
        css=Markup(css), js=Markup(js), csp=csp,  # our own static files, not input-derived
    )
