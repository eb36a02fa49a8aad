"""The HTML self-assessment in a real browser: screenshot, print to PDF, and the DOM.

Needs Debian's `chromium` (.ci/run installs it where it can); skipped without it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import run_cli
from .test_report import parse, scorecard

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed"),
]

PROPOSAL = "examples/sunderland-draft.yaml"


def chromium(profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    page = folder / "self-assessment.html"
    result = run_cli("report", PROPOSAL, "-o", str(page))
    assert result.returncode == 0, result.stderr
    return page


def test_screenshot_and_pdf(rendered: Path, tmp_path: Path) -> None:
    png = tmp_path / "report.png"
    pdf = tmp_path / "report.pdf"
    shot = chromium(tmp_path / "profile-1", f"--screenshot={png}", "--window-size=1280,2000",
                    rendered.as_uri())
    assert png.is_file() and png.stat().st_size > 10_000, shot.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    printed = chromium(tmp_path / "profile-2", f"--print-to-pdf={pdf}",
                       "--no-pdf-header-footer", rendered.as_uri())
    assert pdf.is_file() and pdf.stat().st_size > 10_000, printed.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 3  # a document, printed on A4 pages


def test_dom_scorecard_equals_lint_findings(rendered: Path, tmp_path: Path) -> None:
    dumped = chromium(tmp_path / "profile", "--dump-dom", rendered.as_uri())
    assert dumped.returncode == 0, dumped.stderr
    dom = dumped.stdout
    assert "Summary scorecard" in dom
    lint = run_cli("lint", PROPOSAL, "--format", "json")
    report = json.loads(lint.stdout)
    summary = report["summary"]
    totals = scorecard(dom)
    for key in ("error", "warning", "info", "explained"):
        assert totals[key] == summary[key], key
    findings = report["findings"]
    assert totals["error"] == sum(1 for f in findings if f["severity"] == "error"
                                  and f["explained"] is None)
    # The chapters' rows add up to the total row, as the browser sees them.
    cells = [e for e in parse(dom).elements if e["attrs"].get("data-count") == "error"]
    rows = [int(e["text"]) for e in cells if e["attrs"].get("data-row") != "total"]
    assert sum(rows) == totals["error"]


def test_no_network_references(rendered: Path) -> None:
    page = rendered.read_text(encoding="utf-8")
    dom = parse(page)
    assert "script" not in dom.tags and "link" not in dom.tags
    addresses = re.findall(r"https?://[^\s\"'<>)]+", page)
    citation_hrefs = {e["attrs"]["href"] for e in dom.elements
                      if e["tag"] == "a" and e["attrs"].get("class") == "citation"}
    proposal_text = {e["text"] for e in dom.elements if e["tag"] == "span"
                     and e["attrs"].get("class") == "value"}
    for address in addresses:
        # A citation's href, or a value quoted from the proposal (text, never fetched).
        assert address in citation_hrefs or any(address in t for t in proposal_text), address
