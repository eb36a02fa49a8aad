"""`placecheck report`: the self-assessment's structure, numbers, escaping and exit codes.

None of these tests needs a browser (tests/test_report_browser.py does).
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from placecheck.assess import assess_paths
from placecheck.report import assess_files, build_report
from placecheck.report import html as html_report
from placecheck.report import markdown as markdown_report
from placecheck.report.model import STATUSES, ReportData
from placecheck.report.structure import CHAPTER_BY_ID, ask_for, chapter_for

from .conftest import EXAMPLES, ROOT, run_cli

SUNDERLAND = "examples/sunderland-draft.yaml"
GATESHEAD = "examples/gateshead.yaml"


class Cells(HTMLParser):
    """Every element's attributes and text, for DOM queries without a browser."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, Any]] = []
        self._open: list[dict[str, Any]] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("meta", "br", "hr", "img", "input", "link"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] += data


def parse(text: str) -> Cells:
    cells = Cells()
    cells.feed(text)
    cells.close()
    return cells


def scorecard(text: str, row: str = "total") -> dict[str, int]:
    """The numbers in a scorecard row, by data-count / data-status."""
    found: dict[str, int] = {}
    for element in parse(text).elements:
        attrs = element["attrs"]
        if attrs.get("data-row") != row:
            continue
        key = attrs.get("data-count") or attrs.get("data-status")
        if key:
            found[key] = int(element["text"].strip())
    return found


def lint_summary(*paths: str) -> dict[str, int]:
    result = run_cli("lint", *paths, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    summary: dict[str, int] = json.loads(result.stdout)["summary"]
    return summary


def data_for(*paths: str, rules: Any) -> ReportData:
    from placecheck.rules.selection import load_packs

    return build_report(assess_files([ROOT / p for p in paths], rules), load_packs(), rules,
                        generated="2025-01-01", geography="test vintage")


@pytest.mark.parametrize("proposal", [SUNDERLAND, GATESHEAD])
def test_html_scorecard_totals_equal_lint_findings(proposal: str) -> None:
    result = run_cli("report", proposal)
    assert result.returncode == 0, result.stderr
    totals = scorecard(result.stdout)
    summary = lint_summary(proposal)
    for key in ("error", "warning", "info", "explained"):
        assert totals[key] == summary[key], key


@pytest.mark.parametrize("proposal", [SUNDERLAND, GATESHEAD])
def test_chapter_rows_add_up_to_the_totals(proposal: str, rules: Any) -> None:
    data = data_for(proposal, rules=rules)
    (report,) = data.proposals
    for key in ("error", "warning", "info", "explained"):
        assert sum(s.counts.findings[key] for s in report.chapters) == \
            report.totals.findings[key]
    for status in STATUSES:
        assert sum(s.counts.statuses[status] for s in report.chapters) == \
            report.totals.statuses[status]
    # Every finding of the lint run is in the report exactly once.
    (assessment,) = assess_paths([ROOT / proposal], rules)
    shown = [f for s in report.chapters for e in s.expectations for f in e.findings]
    assert len(shown) == len(assessment.result.findings)


def test_markdown_and_html_agree(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    page = html_report.render_text(data)
    text = markdown_report.render_text(data)
    totals = data.proposals[0].totals
    assert scorecard(page)["error"] == totals.findings["error"]
    row = f"| **Total** | **{totals.findings['error']}** | **{totals.findings['warning']}** |"
    assert row in text
    for section in data.proposals[0].chapters:
        assert section.chapter.title in text and section.chapter.title in page


def test_sunderland_report_content(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    (report,) = data.proposals
    assert (report.name, report.status, report.kind) == ("Sunderland", "draft", "place")
    assert report.date == "2024-01-25"  # the latest agreement
    assert data.packs[0].id == "thriving-places" and data.packs[0].rules > 50
    by_id = {e.rule_id: e for s in report.chapters for e in s.expectations}
    b1 = by_id["TP-B1"]
    assert b1.status == "not_met" and b1.chapter == "defining-place"
    assert b1.ask == "boundaries"
    assert any(e.path == "place.ics.code" and e.value == "E54000051" and e.line >= 1
               for e in b1.evidence)
    assert b1.next_steps and b1.next_steps[0].startswith("Move Sunderland")
    assert b1.citations[0].page == 10
    met = [e for e in by_id.values() if e.status == "met"]
    assert met and all(not e.next_steps for e in met)
    assert by_id["F003"].chapter == "format"  # the `memebers` typo
    assert by_id["TP-D1"].ask == "functions"
    assert by_id["TP-D14"].aspect == "representation and reporting"
    assert by_id["TP-M2"].ask == "governance-model" and by_id["TP-M2"].aspect == "membership"
    assert by_id["TP-P1"].ask is None  # people and communities: not one of the three asks
    # Gaps first in each chapter.
    for section in report.chapters:
        statuses = [STATUSES.index(e.status) for e in section.expectations]
        assert statuses == sorted(statuses)


def test_explained_departure_next_step_is_its_review_date(rules: Any) -> None:
    data = data_for(GATESHEAD, rules=rules)
    by_id = {e.rule_id: e for s in data.proposals[0].chapters for e in s.expectations}
    b7 = by_id["TP-B7"]
    assert b7.status == "explained"
    assert b7.next_steps == [
        "Review this departure by 2027-03-31 (agreed by nenc-icb, gateshead-council)."]
    assert data.proposals[0].totals.findings["explained"] == 1


def test_structure_mapping_is_complete(rules: Any) -> None:
    for rule in rules:
        assert chapter_for(rule.citations, rule.family) in CHAPTER_BY_ID, rule.id
    assert ask_for(("B9",), "boundaries") == ("boundaries", "")
    assert ask_for(("S3",), "purpose") == ("functions", "")
    assert ask_for(("D12",), "delegation") == ("functions", "")
    assert ask_for(("D13",), "delegation") == ("governance-model", "decision-making")
    assert ask_for(("C1",), "leadership") == ("governance-model", "leadership")
    assert ask_for(("S1",), "purpose") is None
    assert ask_for(("NENC3",), "leadership") == ("governance-model", "leadership")


def test_html_is_self_contained_and_accessible() -> None:
    result = run_cli("report", SUNDERLAND)
    page = result.stdout
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    dom = parse(page)
    assert "script" not in dom.tags and "link" not in dom.tags and "img" not in dom.tags
    assert "iframe" not in dom.tags and "object" not in dom.tags
    assert "url(" not in page and "@import" not in page
    for element in dom.elements:  # the only addresses: citation links
        for name, value in element["attrs"].items():
            if value and re.search(r"https?:|//", value):
                assert (element["tag"], name) == ("a", "href"), element
                assert element["attrs"].get("class") == "citation"
    assert dom.tags.count("h1") == 1
    levels = [int(t[1]) for t in dom.tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in pairwise(levels)), "heading skipped"
    assert dom.tags.count("table") == dom.tags.count("caption") > 2
    assert 'scope="col"' in page and 'scope="row"' in page
    ids = [e["attrs"]["id"] for e in dom.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for element in dom.elements:  # every in-page link has a target
        href = element["attrs"].get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    assert "@media print" in page


HOSTILE_NAME = '<script>alert("x")</script> & `tick` | pipe [link](http://evil.example) @team'


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Gateshead\n", "  name: " + json.dumps(HOSTILE_NAME) + "\n", 1)
    text = text.replace("footprint_rationale: >-",
                        'footprint_rationale: "<img src=x onerror=alert(1)> \\u202e evil"\n'
                        "  old_rationale: >-", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_escapes_proposal_text(hostile: Path) -> None:
    result = run_cli("report", str(hostile))
    assert result.returncode == 0, result.stderr
    page = result.stdout
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "\u202e" not in page  # bidi override made visible
    dom = parse(page)
    assert "script" not in dom.tags and "img" not in dom.tags
    h1 = next(e for e in dom.elements if e["tag"] == "h1")
    assert h1["text"] == HOSTILE_NAME
    assert not any("evil.example" in str(e["attrs"]) for e in dom.elements)


def test_markdown_escapes_proposal_text(hostile: Path) -> None:
    result = run_cli("report", str(hostile), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "<script" not in text and "<img" not in text
    assert "\\[link\\](" in text and "@team" not in text  # no link, no mention
    assert text.startswith("# &lt;script&gt;")


def test_markdown_report_content() -> None:
    result = run_cli("report", SUNDERLAND, "-f", "markdown")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("# Sunderland\n")
    for heading in ("## Summary scorecard", "## What ICSs were asked to set out",
                    "### 1. Boundaries", "### 2. Functions at place", "### 3. Governance model",
                    "## Assessment by chapter of Thriving places", "### Defining place",
                    "### Governance, decision-making and accountability", "#### Membership",
                    "### Leadership"):
        assert f"\n{heading}\n" in text, heading
    assert "- **Status:** draft" in text and "- **Geography:**" in text
    assert "#### TP-B1 Every local authority" in text
    assert "- **Next step:** Move Sunderland" in text
    assert "Thriving places, 2. Defining place within the health and care system" in text
    summary = lint_summary(SUNDERLAND)
    assert (f"| **Total** | **{summary['error']}** | **{summary['warning']}** | "
            f"**{summary['info']}** | **{summary['explained']}** |") in text


def test_output_file_and_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "assessment.html"
    result = run_cli("report", SUNDERLAND, "-o", str(out))
    assert result.returncode == 0, result.stderr  # errors found, report written: still 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(out) in result.stdout and "13 errors" in result.stdout
    md = tmp_path / "assessment.md"
    assert run_cli("report", SUNDERLAND, "-f", "markdown", "-o", str(md)).returncode == 0
    assert md.read_text(encoding="utf-8").startswith("# Sunderland")

    missing = run_cli("report", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.html"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
    assert missing.stderr.count("\n") == 1 and not (tmp_path / "x.html").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("placecheck: 1\nkind: place\nplace: [1,\n", encoding="utf-8")
    partly = run_cli("report", GATESHEAD, str(broken), "-o", str(tmp_path / "y.html"))
    assert partly.returncode == 2 and "broken.yaml" in partly.stderr
    page = (tmp_path / "y.html").read_text(encoding="utf-8")
    assert "Could not be read" in page and "Gateshead" in page
    unwritable = run_cli("report", GATESHEAD, "-o", str(tmp_path / "no" / "dir.html"))
    assert unwritable.returncode == 2 and "cannot write" in unwritable.stderr


def test_directory_report_lists_each_proposal_once() -> None:
    result = run_cli("report", "examples", "-f", "html")
    assert result.returncode == 0, result.stderr
    dom = parse(result.stdout)
    listed = [e["text"] for e in dom.elements if e["tag"] == "code"
              and e["text"].startswith("examples/") and e["text"].endswith(".yaml")]
    assert len(listed) == len(set(listed)) >= 8
    summary = lint_summary("examples")
    totals = scorecard(result.stdout, "all")
    for key in ("error", "warning", "info", "explained"):
        assert totals[key] == summary[key], key


def test_report_honours_the_configuration(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    proposal.write_text((EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8"))
    (tmp_path / "placecheck.toml").write_text('ignore = ["F"]\n[severity]\n"TP-B1" = "info"\n')
    result = run_cli("report", str(proposal), "-f", "markdown", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lint = run_cli("lint", str(proposal), "-f", "json", cwd=tmp_path)
    summary = json.loads(lint.stdout)["summary"]
    assert (f"| **Total** | **{summary['error']}** | **{summary['warning']}** | "
            f"**{summary['info']}** |") in result.stdout
    assert "F003" not in result.stdout


def test_progress_is_quiet_when_not_at_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from placecheck import progress

    monkeypatch.setattr(progress.sys, "stderr", io.StringIO())
    assert not progress.enabled()
    assert list(progress.progress([1, 2, 3], "x")) == [1, 2, 3]

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(progress.sys, "stderr", Terminal())
    monkeypatch.delenv("CI", raising=False)
    assert progress.enabled()
    monkeypatch.setenv("CI", "true")
    assert not progress.enabled()
    with progress.file_progress([EXAMPLES], "Linting") as on_file:
        assert on_file is None


def test_progress_bar_counts_each_file(monkeypatch: pytest.MonkeyPatch, rules: Any) -> None:
    from placecheck import progress
    from placecheck.lint import lint_paths

    seen: list[Path] = []
    run = lint_paths([EXAMPLES], rules, on_file=seen.append)
    assert len(seen) == len(run.results) == len({p.resolve() for p in seen})

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(progress.sys, "stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    assert list(progress.progress(["a", "b"], "Assessing")) == ["a", "b"]
    with progress.file_progress([EXAMPLES], "Linting") as on_file:
        assert on_file is not None
        lint_paths([EXAMPLES], rules, on_file=on_file)
