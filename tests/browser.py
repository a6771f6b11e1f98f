"""Playwright helpers: Debian's chromium with offline flags, and pages that record what went wrong.

Never `playwright install` (it downloads a browser); the system chromium is used instead.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def require_chromium() -> None:
    """Browser tests must not silently vanish in CI: fail there, skip on a bare developer machine."""
    if Path(CHROMIUM).exists():
        return
    message = f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PageLog:
    """Everything the page complained about, plus every URL it tried to load."""

    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(chromium: object, tmp_path: Path) -> Iterator[Callable[..., tuple[object, PageLog]]]:
    """Open HTML as a file:// page (as a reviewer would) in a fresh context; returns (page, log)."""
    contexts: list[object] = []

    def _open(html: str, name: str = "report.html", width: int = 1400, height: int = 900) -> tuple[object, PageLog]:
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        context = chromium.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        contexts.append(context)
        page = context.new_page()
        log = PageLog()
        page.on("console", lambda msg: log.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        page.on("pageerror", lambda exc: log.errors.append(f"pageerror: {exc}"))
        page.on("requestfailed", lambda req: log.failed.append(req.url))
        page.on("request", lambda req: log.requests.append(req.url))
        page.goto(path.as_uri(), wait_until="load")
        return page, log

    yield _open
    for context in contexts:
        context.close()  # type: ignore[attr-defined]


def full_screenshot(page: object, path: Path) -> None:
    """Full-page screenshot with every row painted: rows use content-visibility: auto, which skips
    painting rows far off screen, so the viewport is first grown to the page's height."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size  # type: ignore[attr-defined]
    for _ in range(3):  # heights settle once skipped rows have been laid out for real
        height = page.evaluate("document.documentElement.scrollHeight")  # type: ignore[attr-defined]
        page.set_viewport_size({"width": size["width"], "height": min(height, 30000)})  # type: ignore[attr-defined]
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(size)  # type: ignore[attr-defined]


# ---------------------------------------------------------------- page checks shared by the tests
VISIBLE = "() => Array.from(document.querySelectorAll('#segments > .seg')).filter(e => e.checkVisibility()).map(e => +e.id.slice(4))"


def only(page: Any, kind: str, value: str) -> None:
    for box in page.locator(f"input[data-filter={kind}]").all():
        box.set_checked(box.get_attribute("value") == value)


def assert_clean(page: Any, log: PageLog) -> None:
    """No console error, no failed or remote request, and none of the injected payloads ran."""
    assert log.errors == [], log.errors
    assert log.failed == [], log.failed
    remote = [u for u in log.requests if not u.startswith("file://")]
    assert remote == [], remote
    assert page.evaluate("window.__pwned") is None, "injected markup executed"


def assert_highlights(page: Any, report: dict[str, Any]) -> int:
    """Each cell shows its text verbatim and each finding's pieces join to text[start:end].

    Rows must be in document order. Returns how many spans were checked."""
    got = page.evaluate("""() => Array.from(document.querySelectorAll('#segments > .seg'), row => {
        const cell = c => { const el = row.querySelector(c); const marks = {};
            el.querySelectorAll('mark').forEach(m => m.dataset.finding.split(' ').forEach(id => {
                marks[id] = (marks[id] || '') + m.textContent; }));
            return [el.textContent, marks]; };
        return [cell('.src'), cell('.tgt')]; })""")
    checked = 0
    for i, (seg, (src, tgt)) in enumerate(zip(report["segments"], got)):
        assert (src[0], tgt[0]) == (seg["source"], seg["target"]), i
        for k, f in enumerate(seg["findings"]):
            for (text, marks), key, body in ((src, "source_span", seg["source"]), (tgt, "target_span", seg["target"])):
                if f[key] is not None:
                    start, end = f[key]
                    assert marks.get(f"f{i}-{k}", "") == body[start:end], (i, k, key)
                    checked += 1
    return checked
