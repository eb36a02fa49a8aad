"""The HTML self-assessment in a real browser: layout at two widths, print to PDF, the DOM.

Needs Debian's `chromium` (.ci/run installs it where it can) and Playwright for
Python (a test extra; its own browsers are never downloaded: it drives
/usr/bin/chromium). Skipped, with the reason, where either is missing.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .conftest import EXAMPLES, run_cli
from .pdf_layout import read
from .test_report import parse, scorecard

CHROMIUM = shutil.which("chromium")
try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - the skip below says so
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
    pytest.mark.skipif(sync_playwright is None,
                       reason="playwright is not installed (pip install -e '.[test]')"),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SUNDERLAND = "examples/sunderland-draft.yaml"
A4_CONTENT_PX = (688, 1009)  # A4 less the print margins (15mm x 14mm), at 96 px per inch


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert sync_playwright is not None and CHROMIUM is not None
    with tempfile.TemporaryDirectory(prefix="placecheck-chromium-") as profile, \
            sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield context
        context.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Reports of a flawed draft, a sound proposal, and one at a very long path."""
    folder = tmp_path_factory.mktemp("report")
    deep = folder / ("a-very-long-folder-name-for-the-governance-repository-" * 3) / "places"
    deep.mkdir(parents=True)
    long_path = deep / "gateshead-place-based-partnership-proposal-final-v12.yaml"
    long_path.write_text((EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8"),
                         encoding="utf-8")
    made = {}
    for name, proposal in (("draft", SUNDERLAND), ("sound", "examples/gateshead.yaml"),
                           ("long", str(long_path)), ("folder", "examples")):
        out = folder / f"{name}.html"
        result = run_cli("report", proposal, "-o", str(out))
        assert result.returncode == 0, result.stderr
        made[name] = out
    return made


def _open(browser: Any, page_file: Path, width: int, height: int = 900) -> Any:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": height})
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.requests = requests
    return page


@pytest.mark.parametrize("name", ["draft", "sound", "long", "folder"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_horizontal_overflow(browser: Any, pages: dict[str, Path], name: str,
                                width: int) -> None:
    page = _open(browser, pages[name], width)
    try:
        scroll = page.evaluate("document.documentElement.scrollWidth")
        wide = page.evaluate("""(width) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 1)
            .slice(0, 3).map(e => e.tagName + '.' + e.className)""", width)
        assert scroll <= width and not wide, (scroll, wide)
    finally:
        page.close()


def test_the_first_screen_holds_the_verdict_and_the_picture(browser: Any,
                                                            pages: dict[str, Path]) -> None:
    for width, height in ((1280, 800), (390, 844)):
        page = _open(browser, pages["sound"], width, height)
        try:
            verdict = page.locator(".verdict .answer").bounding_box()
            assert verdict is not None and verdict["y"] + verdict["height"] < height
            assert page.locator(".verdict .answer").inner_text().startswith("Ready to submit")
            if width == 1280:
                chart = page.locator("figure.chart").bounding_box()
                assert chart is not None and chart["y"] < height
        finally:
            page.close()


def test_makes_no_request(browser: Any, pages: dict[str, Path]) -> None:
    page = _open(browser, pages["draft"], 1280)
    try:
        page.wait_for_load_state("load")
        assert page.requests == [pages["draft"].as_uri()]
        assert page.evaluate("document.scripts.length") == 0
    finally:
        page.close()


@pytest.mark.parametrize("name", ["draft", "sound"])
def test_printed_to_pdf(browser: Any, pages: dict[str, Path], name: str,
                        tmp_path: Path) -> None:
    page = _open(browser, pages[name], 1280)
    try:
        pdf = page.pdf(format="A4", print_background=True, outline=True, tagged=True,
                       prefer_css_page_size=True)
    finally:
        page.close()
    assert pdf.startswith(b"%PDF-")
    layout = read(pdf)
    assert 3 <= layout.pages <= 14, layout.pages  # a document, readable in five minutes
    assert layout.ending_in_heading == [], f"a heading ends page {layout.ending_in_heading}"
    assert layout.heading_pages["Expectations by chapter of the guidance"] == 1
    (tmp_path / f"{name}.pdf").write_bytes(pdf)


def test_no_printed_row_is_taller_than_a_third_of_a_page(browser: Any,
                                                         pages: dict[str, Path]) -> None:
    width, height = A4_CONTENT_PX
    page = _open(browser, pages["draft"], width, height)
    try:
        page.emulate_media(media="print")
        tallest = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            'tr, ul.settled > li, ul.actions > li, ol.gaps > li, .chart .row')]
            .map(e => e.getBoundingClientRect().height))""")
        assert 0 < tallest < height / 3
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.close()


def test_dom_numbers_equal_lint_findings(browser: Any, pages: dict[str, Path]) -> None:
    page = _open(browser, pages["draft"], 1280)
    try:
        dom = page.content()
    finally:
        page.close()
    lint = run_cli("lint", SUNDERLAND, "--format", "json")
    summary = json.loads(lint.stdout)["summary"]
    totals = scorecard(dom)
    for key in ("error", "warning", "info", "explained"):
        assert totals[key] == summary[key], key
    # The rows add up to the total row, as the browser sees them.
    cells = [e for e in parse(dom).elements if e["attrs"].get("data-count") == "error"]
    rows = [int(e["text"]) for e in cells if e["attrs"].get("data-row") != "total"]
    assert sum(rows) == totals["error"]
