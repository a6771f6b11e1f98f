"""HTML review page: escaping, highlight splitting, determinism, and behaviour in a real browser."""
from __future__ import annotations

import copy
import hashlib
import base64
import json
import re
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings, strategies as st

from evaluator.report.html import render_html

try:  # works whether or not tests/ becomes a package
    from tests.browser import (  # noqa: F401  (chromium, open_page are fixtures)
        VISIBLE, assert_clean, assert_highlights, chromium, full_screenshot, only, open_page)
except ImportError:
    from browser import (  # noqa: F401
        VISIBLE, assert_clean, assert_highlights, chromium, full_screenshot, only, open_page)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "evaluator/report/schema.json").read_text(encoding="utf-8"))
ARTIFACTS = ROOT / "test-artifacts"
WEIGHTS = {"minor": 1, "major": 5, "critical": 10}
SEVERITIES = ("minor", "major", "critical")
XSS = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">"


# ---------------------------------------------------------------- fixtures (Polish → English)
def at(text: str, sub: str) -> list[int]:
    start = text.index(sub)
    return [start, start + len(sub)]


def finding(category: str, severity: str, message: str, src: list[int] | None = None,
            tgt: list[int] | None = None, **extra: Any) -> dict[str, Any]:
    return {"category": category, "severity": severity, "message": message,
            "source_span": src, "target_span": tgt, **extra}


def pairs() -> list[tuple[str, str, str | None, str, list[dict[str, Any]]]]:
    """(source, target, reference, alignment, findings) in document order."""
    s0 = "Prezydent Kazachstanu Kasym-Żomart Tokajew ogłosił w środę stan wyjątkowy w Ałmaty."
    t0 = "Kazakhstan's President Kassym-Jomart Tokayev declared a state of emergency in Astana on Wednesday."
    r0 = "Kazakh President Kassym-Jomart Tokayev declared a state of emergency in Almaty on Wednesday."
    s1 = "W protestach wzięło udział około 4 tys. osób, a 18 funkcjonariuszy zginęło."
    t1 = "About 400 people took part in the protests, and 18 officers were wounded."
    r1 = "Around 4,000 people took part in the protests, and 18 officers were killed."
    t2 = "📰 Read also: Russia sends paratroopers. Subscribe to our newsletter!"
    s3 = "Rzecznik OUBZ poinformował, że wojska pozostaną w kraju do odwołania."
    s4 = "Sekretarz stanu USA Antony Blinken wezwał do powściągliwości."
    t4 = "US Secretary of State Antony Blinken called for restraint."
    s5 = f"Ataki {XSS} trwały."
    t5 = "Attacks <img src=x onerror=\"window.__pwned=3\"> continued </mark></div><b>bold</b>."
    s6 = "Tokajew zwrócił się o pomoc do OUBZ.\nOrganizacja zgodziła się wysłać żołnierzy."
    t6 = "Tokaev asked the CSTO for help, and the organisation agreed to send soldiers."
    t7 = "Smaiłow said that the situation w mieście jest stabilna."
    s7 = "Smaiłow powiedział, że sytuacja w mieście jest stabilna."
    return [
        (s0, t0, r0, "1-1", [finding("entity.substituted", "critical", "Ałmaty became Astana",
                                     at(s0, "Ałmaty"), at(t0, "Astana"), suggestion="Almaty",
                                     check="entity.v1", evidence={"source_entity": "Ałmaty", "target_entity": "Astana"})]),
        (s1, t1, r1, "1-1", [
            finding("number.mismatch", "critical", "4 tys. (4000) became 400", at(s1, "około 4 tys. osób"),
                    at(t1, "About 400 people"), suggestion="About 4,000 people", check="numbers.v1",
                    evidence={"source_value": "4000", "target_value": "400"}),
            # Crosses the number finding in both texts: highlights must split, not misnest.
            finding("meaning", "major", "zginęło (were killed) rendered as were wounded",
                    at(s1, "4 tys. osób, a 18 funkcjonariuszy zginęło"), at(t1, "400 people took part"), check="meaning.v1"),
            finding("entity.missing", "minor", "zero-width marker", None, [at(t1, "officers")[0]] * 2)]),
        ("", t2, None, "0-1", [finding("boilerplate", "minor", "Publisher boilerplate, not a translation",
                                       None, at(t2, "Read also"), check="boilerplate.v1")]),
        (s3, "", "The CSTO spokesman said the troops would stay until further notice.", "1-0",
         [finding("omission", "major", "Source paragraph has no translation", [0, len(s3)], None, check="alignment.v1")]),
        (s4, t4, "US Secretary of State Antony Blinken urged restraint.", "1-1", []),
        (s5, t5, None, "1-1", [finding("untranslated", "minor", f"Message {XSS}", at(s5, "<script>"),
                                       at(t5, "<img"), suggestion="</mark><script>window.__pwned=4</script>",
                                       check="<b>check</b>", evidence={"<i>key</i>": XSS})]),
        (s6, t6, "Tokayev asked the CSTO for help. The organisation agreed to send soldiers.", "2-1",
         [finding("entity.misspelled", "minor", "Tokajew spelled Tokaev", at(s6, "Tokajew"), at(t6, "Tokaev"),
                  suggestion="Tokayev")]),
        (s7, t7, "Smailov said the situation in the city was stable.", "1-1",
         [finding("untranslated", "major", "Polish left in the translation", None, at(t7, "w mieście jest stabilna"))]),
    ]


def make_report(rows: list[tuple[str, str, str | None, str, list[dict[str, Any]]]] | None = None) -> dict[str, Any]:
    rows = pairs() if rows is None else rows
    segments, src_id, tgt_id = [], 0, 0
    for i, (source, target, reference, alignment, findings) in enumerate(rows):
        n_src, n_tgt = map(int, alignment.split("-"))
        penalty = sum(WEIGHTS[f["severity"]] for f in findings)
        segments.append({
            "index": i, "source": source, "target": target, "reference": reference, "alignment": alignment,
            "source_ids": list(range(src_id, src_id + n_src)), "target_ids": list(range(tgt_id, tgt_id + n_tgt)),
            "alignment_score": 0.0 if "0" in (n_src, n_tgt) else 0.8125, "scores": {"fidelity": 0.8125},
            "quality": float(max(0, 100 - 3 * penalty)), "findings": findings})
        src_id, tgt_id = src_id + n_src, tgt_id + n_tgt
    all_f = [f for s in segments for f in s["findings"]]
    words = sum(len(s["source"].split()) for s in segments)
    penalty = sum(WEIGHTS[f["severity"]] for f in all_f) * 1000 / max(words, 1)
    categories: dict[str, int] = {}
    for f in all_f:
        categories[f["category"]] = categories.get(f["category"], 0) + 1
    return {
        "schema_version": "1.0", "tool": {"name": "evaluator", "version": "0.1.0"},
        "signature": "evaluator|align:usem3.v1|checks:entity.v1+numbers.v1|version:0.1.0",
        "command": f"evaluator score source.pl.txt 'mt {XSS}.en.txt' --html out.html",
        "source_lang": "pl", "target_lang": "en",
        "files": {"source": "source.pl.txt", "target": f"mt {XSS}.en.txt", "reference": "ref.en.txt"},
        "summary": {"segments": len(segments), "document_score": round(max(0.0, 100 - penalty / 10), 2),
                    "penalty_per_1000": round(penalty, 2), "words": words,
                    "findings": {s: sum(f["severity"] == s for f in all_f) for s in SEVERITIES},
                    "categories": dict(sorted(categories.items()))},
        "metrics": [{"name": "BLEU", "value": 31.42, "signature": "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3"},
                    {"name": "chrF2", "value": 58.7, "signature": "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.4.3"}],
        "warnings": [f"Target paragraph 3 looks like boilerplate {XSS}", "cs is not supported by usem3"],
        "segments": segments,
    }


# ---------------------------------------------------------------- an HTML parser that checks nesting
VOID = {"meta", "input", "br", "img", "hr", "link", "rect"}  # rect: self-closed inside SVG


class Page(HTMLParser):
    """Collects tags, attributes and text; fails on misnested or unclosed elements."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.errors: list[str] = []
        self.cells: dict[str, str] = {}  # "seg-3 src" -> text content
        self.marks: dict[str, str] = {}  # "seg-3 src f3-1" -> text of all pieces of that finding
        self.text: list[str] = []
        self.feed(html)
        self.close()
        if self.stack:
            self.errors.append(f"unclosed: {[t for t, _ in self.stack]}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append((tag, a))
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID and tag == "rect" and (not self.stack or self.stack[-1][0] != "rect"):
            return
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        seg = next((a["id"] for t, a in reversed(self.stack) if t == "article"), None)
        cell = next((a["class"].split()[1] for t, a in self.stack if t == "div" and "txt" in a.get("class", "")), None)
        if seg and cell:
            self.cells[f"{seg} {cell}"] = self.cells.get(f"{seg} {cell}", "") + data
            for t, a in self.stack:
                if t == "mark":
                    for fid in a["data-finding"].split():
                        key = f"{seg} {cell} {fid}"
                        self.marks[key] = self.marks.get(key, "") + data


# ---------------------------------------------------------------- unit tests (no browser)
def test_fixture_is_a_valid_report() -> None:
    jsonschema.validate(make_report(), SCHEMA)


def test_injected_markup_is_escaped_in_every_field() -> None:
    report = make_report()

    def poison(value: Any, path: str) -> Any:
        # Every string gets a payload naming its field, so a missing escape is pinpointed.
        if isinstance(value, str):
            return f"{value}<script>window.__pwned='{path}'</script><img src=x onerror=alert('{path}')>\"'"
        if isinstance(value, list):
            return [poison(v, f"{path}.{i}") for i, v in enumerate(value)]
        if isinstance(value, dict):
            return {poison(k, f"{path}.key") if path.endswith("evidence") or path.endswith("scores") else k:
                    poison(v, f"{path}.{k}") for k, v in value.items()}
        return value

    hostile = poison(report, "r")
    html = render_html(hostile)
    page = Page(html)
    assert page.errors == []
    allowed = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "code", "div", "section",
               "b", "span", "dl", "dt", "dd", "meter", "table", "tr", "td", "th", "svg", "rect", "ul", "li", "figure",
               "figcaption", "a", "i", "nav", "fieldset", "legend", "label", "input", "button", "kbd", "noscript",
               "main", "article", "mark", "details", "summary", "script"}
    assert {t for t, _ in page.tags} <= allowed
    assert sum(t == "script" for t, _ in page.tags) == 1
    assert [k for _, a in page.tags for k in a if k.startswith("on")] == []
    text = "".join(page.text)
    for path in ("r.files.target", "r.command", "r.signature", "r.warnings.0", "r.metrics.1.signature",
                 "r.segments.5.source", "r.segments.5.findings.0.message", "r.segments.5.findings.0.suggestion",
                 "r.segments.5.findings.0.check", "r.segments.5.findings.0.evidence.key", "r.tool.version",
                 "r.segments.0.reference", "r.segments.0.scores.key", "r.segments.2.findings.0.category"):
        assert f"<script>window.__pwned='{path}'</script>" in text, path


overlapping = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6)


@settings(max_examples=60, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("<>&\"'\n😀"), max_size=40),
       src_spans=overlapping, tgt_spans=overlapping)
def test_overlapping_highlights_nest_and_keep_the_text(text: str, src_spans: list, tgt_spans: list) -> None:
    spans = [(sorted(a), sorted(b)) for a, b in zip(src_spans, tgt_spans)]
    findings = [finding("meaning", SEVERITIES[i % 3], f"f{i}", a, b) for i, (a, b) in enumerate(spans)]
    report = make_report([(text, text[::-1], None, "1-1", findings)])
    page = Page(render_html(report))
    assert page.errors == []
    assert page.cells.get("seg-0 src", "") == text
    assert page.cells.get("seg-0 tgt", "") == text[::-1]
    for k, (a, b) in enumerate(spans):
        for side, (start, end), body in (("src", a, text), ("tgt", b, text[::-1])):
            assert page.marks.get(f"seg-0 {side} f0-{k}", "") == body[min(start, len(body)):min(end, len(body))]


def test_real_overlap_splits_into_pieces() -> None:
    report = make_report()
    page = Page(render_html(report))
    seg = report["segments"][1]
    for k, f in enumerate(seg["findings"]):
        for side, key, text in (("src", "source_span", seg["source"]), ("tgt", "target_span", seg["target"])):
            if f[key] is not None:
                assert page.marks.get(f"seg-1 {side} f1-{k}", "") == text[f[key][0]:f[key][1]]
    # The two crossing spans share a piece marked with both ids.
    assert any(a.get("data-finding") == "f1-0 f1-1" for t, a in page.tags if t == "mark")


def test_render_is_deterministic() -> None:
    report = make_report()
    first = render_html(report)
    assert render_html(copy.deepcopy(report)) == first
    assert render_html(json.loads(json.dumps(report))) == first


def test_no_remote_urls_and_csp_hashes_match() -> None:
    html = render_html(make_report())
    page = Page(html)
    links = [a[k] for _, a in page.tags for k in ("src", "href") if k in a]
    assert links and all(link.startswith("#seg-") for link in links)
    assert not re.search(r"https?://", html)
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    for tag in ("script", "style"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)  # type: ignore[union-attr]
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{tag}-src 'sha256-{digest}'" in csp


def test_unaligned_paragraphs_are_labelled_in_place() -> None:
    rows = re.findall(r'<article [^>]*id="(seg-\d+)"(.*?)</article>', render_html(make_report()), re.S)
    assert [r for r, _ in rows] == [f"seg-{i}" for i in range(8)]  # document order, unaligned ones included
    labels = {r: re.findall(r'<span class="label [a-z]+">([^<]*)</span>', body) for r, body in rows}
    assert {r: v for r, v in labels.items() if v} == {
        "seg-2": ["Boilerplate: target only"], "seg-3": ["Omission: source not translated"]}


def test_minimal_report_without_reference_or_findings() -> None:
    report = make_report([("Dzień dobry.", "Good morning.", None, "1-1", [])])
    report.update(command=None, metrics=[], warnings=[])
    report["files"]["reference"] = None
    jsonschema.validate(report, SCHEMA)
    html = render_html(report)
    page = Page(html)
    assert page.errors == []
    classes = [a.get("class", "") for _, a in page.tags]
    assert not any("txt ref" in c for c in classes)  # no reference column at all
    assert "No findings." in page.text and "(not recorded)" in page.text
    assert '<p class="none-msg" id="none-msg">No segment matches the filters.</p>' in html
    empty = dict(report, segments=[], summary=dict(report["summary"], segments=0))
    assert Page(render_html(empty)).errors == []


# ---------------------------------------------------------------- browser tests
def problems(report: dict[str, Any], keep: Any = lambda f: True) -> list[int]:
    return [i for i, s in enumerate(report["segments"]) if any(keep(f) for f in s["findings"])]

@pytest.mark.browser
@pytest.mark.slow
def test_page_loads_offline_with_problems_only_and_screenshot(open_page: Any) -> None:
    report = make_report()
    page, log = open_page(render_html(report))
    assert page.evaluate(VISIBLE) == problems(report)  # "show only problems" is the default
    assert page.locator("#status").text_content() == f"{len(problems(report))} of 8 segments shown"
    page.locator("#only-problems").uncheck()
    assert page.evaluate(VISIBLE) == list(range(8))
    page.locator("#seg-1 mark").first.hover()  # hover links the pieces of a finding
    full_screenshot(page, ARTIFACTS / "report.png")
    page.emulate_media(media="print")
    assert not page.locator("nav.controls").is_visible()
    assert page.locator("#seg-0 details dl").first.is_visible()  # print shows the evidence
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_severity_and_category_filters_match_the_report(open_page: Any) -> None:
    report = make_report()
    page, log = open_page(render_html(report))
    for sev in SEVERITIES:
        only(page, "severity", sev)
        assert page.evaluate(VISIBLE) == problems(report, lambda f: f["severity"] == sev), sev
    only(page, "severity", "")
    assert page.evaluate(VISIBLE) == []
    assert page.locator("#none-msg").is_visible()
    for box in page.locator("input[data-filter=severity]").all():
        box.check()
    for cat in report["summary"]["categories"]:
        only(page, "category", cat)
        assert page.evaluate(VISIBLE) == problems(report, lambda f: f["category"] == cat), cat
    # Both at once: a row shows when one finding has the ticked severity and category.
    only(page, "severity", "minor")
    only(page, "category", "untranslated")
    assert page.evaluate(VISIBLE) == problems(report, lambda f: f["severity"] == "minor" and f["category"] == "untranslated")
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_search_and_sort(open_page: Any) -> None:
    report = make_report()
    page, log = open_page(render_html(report))
    page.locator("#only-problems").uncheck()
    for query in ("TOKAJEW", "blinken", "were wounded", "<script>", "no such words"):
        page.locator("#search").fill(query)
        expected = [i for i, s in enumerate(report["segments"])
                    if query.lower() in "\n".join([s["source"], s["target"], s["reference"] or "",
                                                   *(f["message"] for f in s["findings"])]).lower()]
        assert page.evaluate(VISIBLE) == expected, query
    page.locator("#search").fill("")
    page.locator("#sort").click()
    order = page.evaluate("() => Array.from(document.querySelectorAll('#segments > .seg'), e => +e.id.slice(4))")
    assert [report["segments"][i]["quality"] for i in order] == sorted(s["quality"] for s in report["segments"])
    page.locator("#sort").click()
    assert page.evaluate(VISIBLE) == list(range(8))
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_keyboard_navigation_and_chart_jump(open_page: Any) -> None:
    report = make_report()
    page, log = open_page(render_html(report))
    focused = "() => document.activeElement.id"
    expected = [f"seg-{i}" for i in problems(report)]
    below_bar = """() => document.activeElement.getBoundingClientRect().top >=
                         document.querySelector('.controls').getBoundingClientRect().bottom"""
    for want in expected:
        page.keyboard.press("j")
        assert page.evaluate(focused) == want
        assert page.evaluate(below_bar), want  # not hidden under the sticky filter bar
    page.keyboard.press("n")  # at the last problem: stays
    assert page.evaluate(focused) == expected[-1]
    for key, want in zip("kpk", reversed(expected[:-1])):
        page.keyboard.press(key)
        assert page.evaluate(focused) == want
    page.locator("#search").focus()
    page.keyboard.press("j")  # typing in the search box is not navigation
    assert page.locator("#search").input_value() == "j"
    page.locator("#search").fill("")
    clean = next(i for i, s in enumerate(report["segments"]) if not s["findings"])
    page.locator(f".chart a[href='#seg-{clean}']").click()  # hidden by the default filter
    assert page.evaluate(focused) == f"seg-{clean}"
    assert page.locator(f"#seg-{clean}").is_visible()
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_highlights_match_spans_and_hostile_text_stays_text(open_page: Any) -> None:
    report = make_report()
    page, log = open_page(render_html(report))
    page.locator("#only-problems").uncheck()
    assert assert_highlights(page, report) >= 14
    page.locator("#seg-5 mark").first.hover()
    assert page.evaluate("document.querySelectorAll('img, script').length") == 1
    assert XSS in page.locator("#seg-5 .msg").text_content()
    assert page.locator("h1 + .files").text_content().count("<script>window.__pwned=1</script>") == 1
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_five_thousand_segments_render_and_filter_fast(open_page: Any, capsys: Any) -> None:
    base = pairs()
    report = make_report([copy.deepcopy(base[i % len(base)]) for i in range(5000)])
    started = time.perf_counter()
    html = render_html(report)
    render_s = time.perf_counter() - started
    started = time.perf_counter()
    page, log = open_page(html, name="big.html")
    load_s = time.perf_counter() - started
    timed = """([sel]) => { const t = performance.now(); document.querySelector(sel).click();
                            void document.body.offsetHeight; return performance.now() - t; }"""
    filter_ms = page.evaluate(timed, ["input[data-filter=severity][value=critical]"])
    assert page.evaluate(VISIBLE) == problems(report, lambda f: f["severity"] != "critical")
    unhide_ms = page.evaluate(timed, ["#only-problems"])
    sort_ms = page.evaluate(timed, ["#sort"])
    search_ms = page.evaluate("""() => { const s = document.getElementById('search'); const t = performance.now();
        s.value = 'kazach'; s.dispatchEvent(new Event('input')); void document.body.offsetHeight;
        return performance.now() - t; }""")
    with capsys.disabled():
        print(f"\n5,000 segments: HTML {len(html.encode()) / 1e6:.1f} MB, render {render_s:.2f} s, "
              f"browser load {load_s:.2f} s, filter {filter_ms:.0f} ms, show-all {unhide_ms:.0f} ms, "
              f"sort {sort_ms:.0f} ms, first search {search_ms:.0f} ms")
    assert render_s < 10 and load_s < 20
    assert max(filter_ms, unhide_ms, sort_ms, search_ms) < 3000
    assert_clean(page, log)


@pytest.mark.browser
@pytest.mark.slow
def test_case_study_report_renders(open_page: Any, case_report: dict[str, Any]) -> None:
    """The real Onet case study, as the pipeline reports it: valid, highlighted, filterable."""
    jsonschema.validate(case_report, SCHEMA)
    html = render_html(case_report)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "case-study.html").write_text(html, encoding="utf-8")
    page, log = open_page(html, name="case-study.html")
    assert page.evaluate(VISIBLE) == problems(case_report)
    assert assert_highlights(page, case_report) == sum(
        (f["source_span"] is not None) + (f["target_span"] is not None) for s in case_report["segments"] for f in s["findings"])
    for sev in SEVERITIES:
        only(page, "severity", sev)
        assert page.evaluate(VISIBLE) == problems(case_report, lambda f: f["severity"] == sev), sev
    for box in page.locator("input[data-filter=severity]").all():
        box.check()
    page.locator("#only-problems").uncheck()
    assert page.evaluate(VISIBLE) == list(range(len(case_report["segments"])))
    full_screenshot(page, ARTIFACTS / "case-study.png")
    assert_clean(page, log)
