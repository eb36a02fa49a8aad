"""`placecheck report`: the self-assessment's structure, numbers, escaping and exit codes.

None of these tests needs a browser (tests/test_report_browser.py does).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from placecheck.assess import assess_paths
from placecheck.report import assess_files, build_report, render
from placecheck.report.model import BAR_ORDER, STATUS_LABELS, STATUSES, ReportData
from placecheck.report.render import render_text
from placecheck.report.structure import CHAPTER_BY_ID, GUIDANCE_REFERENCE, ask_for, chapter_for
from placecheck.report.words import Names, long_date, not_applicable_reason

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


def page_for(*args: str, cwd: Path | None = None, tmp: Path) -> str:
    """The HTML report of `args`, written to a file as a user would."""
    out = tmp / "report.html"
    result = run_cli("report", *args, "-o", str(out), cwd=cwd)
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def board_view(page: str) -> str:
    """The page before the appendix for the governance lead."""
    return page.split('id="appendix"', 1)[0]


@pytest.mark.parametrize("proposal", [SUNDERLAND, GATESHEAD])
def test_html_totals_equal_lint_findings(proposal: str, tmp_path: Path) -> None:
    totals = scorecard(page_for(proposal, tmp=tmp_path))
    summary = lint_summary(proposal)
    for key in ("error", "warning", "info", "explained"):
        assert totals[key] == summary[key], key


@pytest.mark.parametrize("proposal", [SUNDERLAND, GATESHEAD])
def test_chapter_rows_add_up_to_the_totals(proposal: str, rules: Any) -> None:
    data = data_for(proposal, rules=rules)
    (report,) = data.proposals
    for key in ("error", "warning", "info", "explained"):
        assert sum(s.counts.findings[key] for s in report.chapters) + \
            report.format_counts.findings[key] == report.totals.findings[key]
    for status in STATUSES:
        assert sum(s.counts.statuses[status] for s in report.chapters) == \
            report.guidance.statuses[status]
    # Every finding of the lint run is in the report exactly once.
    (assessment,) = assess_paths([ROOT / proposal], rules)
    shown = [f for e in report.expectations + report.format_problems for f in e.findings]
    assert len(shown) == len(assessment.result.findings)


def test_markdown_and_html_agree(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    page = render_text(data, "html")
    text = render_text(data, "markdown")
    totals = data.proposals[0].totals
    assert scorecard(page)["error"] == totals.findings["error"]
    row = f"| **Total** | **{totals.findings['error']}** | **{totals.findings['warning']}** |"
    assert row in text
    for section in data.proposals[0].chapters:
        assert section.chapter.title in text and section.chapter.title in page
    assert data.proposals[0].verdict in text and data.proposals[0].verdict in page


def test_the_verdict_in_plain_words(rules: Any) -> None:
    ready = data_for(GATESHEAD, rules=rules).proposals[0]
    assert ready.verdict == "Ready to submit: every expectation is met or explained."
    draft = data_for(SUNDERLAND, rules=rules).proposals[0]
    gaps = draft.guidance.statuses["not_met"]
    assert gaps > 1 and draft.incomplete  # the `memebers` typo and a misspelt id
    assert draft.verdict == ("Assessment incomplete: fix 2 format problems first. "
                             f"So far {gaps} expectations are not met.")
    draft.format_problems.clear()
    assert draft.verdict == f"Not ready: {gaps} expectations are not met."


def test_first_screen_is_the_answer(rules: Any) -> None:
    page = render_text(data_for(SUNDERLAND, rules=rules), "html")
    body = page.split("<body>", 1)[1]
    order = [body.index(marker) for marker in (
        "<h1>Sunderland</h1>", "Assessment incomplete", "Before this can be assessed",
        '<svg class="bar"', "Not met, most serious first", "What to do, and who must act",
        "Assessment by chapter")]
    assert order == sorted(order)
    assert "25 January 2024" in body.split("Assessment incomplete")[0]  # status and date
    # The gaps, most serious first, each with its page in the guidance.
    gaps = body.split("Not met, most serious first", 1)[1].split("</ol>", 1)[0]
    severities = re.findall(r'class="sev sev-(\w+)"', gaps)
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    assert "(Thriving places, p. 10)" in gaps


def test_one_stacked_bar_per_chapter_with_numbers_and_a_text_alternative(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    page = render_text(data, "html")
    dom = parse(page)
    bars = [e for e in dom.elements if e["tag"] == "svg" and e["attrs"].get("class") == "bar"]
    chapters = data.proposals[0].chapters
    assert len(bars) == len(chapters)
    for bar, section in zip(bars, chapters, strict=True):
        assert bar["attrs"]["role"] == "img"
        assert bar["attrs"]["aria-label"] == f"{section.label}: {section.counts.in_words()}"
        title = f"<title>{section.label}: {section.counts.in_words()}</title>"
        assert title in _svg_of(page, section.label)
        numbers = [int(n) for n in re.findall(r">(\d+)</text>", _svg_of(page, section.label))]
        assert numbers == [section.counts.statuses[s] for s in BAR_ORDER
                           if section.counts.statuses[s]]
    # Black and white: each status has its own pattern, and a legend names them.
    for status in BAR_ORDER:
        assert f'<pattern id="pat-{status}"' in page
    legend = page.split('class="legend"', 1)[1].split("</ul>", 1)[0]
    assert all(STATUS_LABELS[s] in legend for s in BAR_ORDER)


def _svg_of(page: str, label: str) -> str:
    start = page.index(f'aria-label="{label}:')
    return page[start:page.index("</svg>", start)]


def test_evidence_in_the_proposals_own_words(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    by_id = {e.rule_id: e for e in data.proposals[0].expectations}
    b6 = by_id["TP-B6"]  # population
    assert any(q.text == "274,173" and q.line == 19 for q in b6.evidence)
    b5 = by_id["TP-B5"]  # agreements: names, not ids
    assert "NHS North East and North Cumbria ICB" in {q.text for q in b5.evidence}
    assert not any(q.text == "nenc-icb" for q in b5.evidence)
    page = board_view(render_text(data, "html"))
    assert "25 January 2024" in page and "2024-01-25" not in page
    assert "274,173" in page and "274173" not in page
    assert not re.search(r"\w\[\d+\]\.", page), "a JSON path in the board view"
    appendix = render_text(data, "html").split('id="appendix"', 1)[1]
    assert "functions[0].accountable[0]" in appendix


def test_quoted_evidence_from_any_check_is_shown_with_its_line(rules: Any) -> None:
    """A check that records a sentence (through the outcome's evidence) is quoted as such."""
    (assessment,) = assess_paths([ROOT / GATESHEAD], rules)
    outcome = next(o for o in assessment.outcomes if o.rule.id == "TP-B4")
    sentence = "Gateshead is one borough <b>with</b> one health & wellbeing board."
    outcome.evidence = [(("place", "footprint_rationale"), sentence)]
    data = build_report([assessment], (), rules, generated="2025-01-01", geography="t")
    quote = next(e for e in data.proposals[0].expectations if e.rule_id == "TP-B4").evidence[0]
    line = assessment.result.document.position(("place", "footprint_rationale"))[0]  # type: ignore[union-attr]
    assert (quote.text, quote.line) == (sentence, line)
    page = render_text(data, "html")
    assert (f'<span class="line">line {line}</span> <span class="about">place footprint '
            "rationale</span>: <q class=\"said\">Gateshead is one borough &lt;b&gt;with&lt;/b&gt;"
            " one health &amp; wellbeing board.</q>") in page
    text = render_text(data, "markdown")
    assert (f"line {line}, place footprint rationale: “Gateshead is one borough "
            "&lt;b&gt;with&lt;/b&gt; one health &amp; wellbeing board.”") in text


def test_not_applicable_says_why(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    na = [e for e in data.proposals[0].expectations if e.status == "not_applicable"]
    assert na and all(e.why_not_applicable for e in na)
    reasons = {e.rule_id: e.why_not_applicable for e in na}
    assert "The proposal has no governance body whose model is lead provider." in \
        reasons.values()
    # Sunderland is not split between ICBs: no part to state, so TP-B2 does not apply.
    assert reasons["TP-B2"] == ("No local authority of the place is split between ICBs by "
                                "ONS, so there is no part to state.")
    page = render_text(data, "html")
    for reason in reasons.values():
        assert html.escape(reason, quote=True) in page


def test_format_problems_are_not_guidance(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    report = data.proposals[0]
    assert {e.rule_id for e in report.format_problems} == {"F003", "F006"}
    assert not any(e.rule_id.startswith("F") for e in report.expectations)
    page = render_text(data, "html")
    box = page.split('class="before"', 1)[1].split("</section>", 1)[0]
    assert "Before this can be assessed" in box and "memebers" in box
    chart = page.split('class="chart"', 1)[1].split("</figure>", 1)[0]
    assert "Format" not in chart


def test_action_list_is_grouped_by_who_must_act(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    groups = {g.who: [a.expectation.rule_id for a in g.actions]
              for g in data.proposals[0].actions}
    icb = "NHS North East and North Cumbria ICB (the delegating body)"
    assert "TP-D1" in groups[icb]
    convenor = next(w for w in groups if "convenor of Sunderland Place Committee" in w)
    assert "TP-M2" in groups[convenor]
    assert list(groups)[-1] == "The partnership" and "TP-C1" in groups["The partnership"]
    shown = {r for ids in groups.values() for r in ids}
    assert shown == {e.rule_id for e in data.proposals[0].not_met}


def test_sunderland_report_content(rules: Any) -> None:
    data = data_for(SUNDERLAND, rules=rules)
    (report,) = data.proposals
    assert (report.name, report.status, report.kind) == ("Sunderland", "draft", "place")
    assert report.date == "2024-01-25"  # the latest agreement
    assert data.packs[0].id == "thriving-places" and data.packs[0].rules > 50
    by_id = {e.rule_id: e for e in report.expectations + report.format_problems}
    b1 = by_id["TP-B1"]
    assert b1.status == "not_met" and b1.chapter == "defining-place"
    assert b1.ask == "boundaries" and b1.page == "Thriving places, p. 10"
    assert any(e.path == "place.ics.code" and e.text == "E54000051" and e.line >= 1
               for e in b1.evidence)
    assert b1.next_steps and b1.next_steps[0].startswith("Move Sunderland")
    met = [e for e in by_id.values() if e.status == "met"]
    assert met and all(not e.next_steps for e in met)
    assert by_id["F003"].chapter == "format"  # the `memebers` typo
    assert by_id["TP-D1"].ask == "functions"
    assert by_id["TP-D14"].aspect == "representation and reporting"
    assert by_id["TP-M2"].ask == "governance-model" and by_id["TP-M2"].aspect == "membership"
    assert by_id["TP-P1"].ask is None  # people and communities: not one of the three asks
    for section in report.chapters:  # gaps first in each chapter
        statuses = [STATUSES.index(e.status) for e in section.expectations]
        assert statuses == sorted(statuses)


def test_explained_departure_next_step_is_its_review_date(rules: Any) -> None:
    data = data_for(GATESHEAD, rules=rules)
    by_id = {e.rule_id: e for e in data.proposals[0].expectations}
    b7 = by_id["TP-B7"]
    assert b7.status == "explained"
    assert b7.next_steps == ["Review this departure by 31 March 2027 (agreed by NHS North "
                             "East and North Cumbria ICB and Gateshead Council)."]
    assert data.proposals[0].totals.findings["explained"] == 1


def test_explained_departures_are_listed_near_the_top(rules: Any) -> None:
    data = data_for(GATESHEAD, rules=rules)
    page = render_text(data, "html")
    section = page.split("Explained departures</h2>", 1)[1].split("</section>", 1)[0]
    assert "agreed by NHS North East and North Cumbria ICB and Gateshead Council; review by " \
        "31 March 2027" in section
    assert page.index("Explained departures</h2>") < page.index("Assessment by chapter</h2>")
    text = render_text(data, "markdown")
    assert "## Explained departures\n\n- ⚠️ A population outside the typical" in text


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


def test_words() -> None:
    assert long_date("2023-03-29") == "29 March 2023" and long_date("soon") == "soon"
    assert long_date(dt.date(2024, 1, 5)) == "5 January 2024"
    names = Names.of({"organisations": [{"id": "gateshead-council",
                                         "name": "Gateshead Council"}]})
    assert names.value("gateshead-council") == "Gateshead Council"
    assert names.value(196149) == "196,149" and names.value(True) == "yes"
    assert names.value(48000000, "amount_gbp") == "£48,000,000"
    assert names.value("mental_health") == "mental health providers"  # the format's words
    assert names.value("committee_of_statutory_body") == "committee of a statutory body"
    assert names.value("Sunderland") == "Sunderland"
    assert names.field_phrase(("organisations", 0, "code")) == "Gateshead Council: code"
    assert not_applicable_reason(("$.functions[?budget]", "fn"), None) == \
        "The proposal has no function with a budget."
    assert not_applicable_reason(None, {"count": {}}).startswith("The situation")


def test_guidance_is_identified() -> None:
    text = (Path(__file__).parents[1].parent / "shared/guidance/INDEX.md")
    if text.is_file():
        index = text.read_text(encoding="utf-8")
        assert "PAR660" in index and "2 September 2021" in index
    assert "PAR660" in GUIDANCE_REFERENCE and "2 September 2021" in GUIDANCE_REFERENCE


def test_html_is_self_contained_and_accessible(tmp_path: Path) -> None:
    page = page_for(SUNDERLAND, tmp=tmp_path)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en-GB">' in page
    dom = parse(page)
    assert "script" not in dom.tags and "link" not in dom.tags and "img" not in dom.tags
    assert "iframe" not in dom.tags and "object" not in dom.tags and "image" not in dom.tags
    assert not re.search(r"url\((?!#pat-)", page) and "@import" not in page
    for element in dom.elements:  # the only addresses: citation links (and the SVG namespace)
        for name, value in element["attrs"].items():
            if value and re.search(r"https?:|//", value):
                if (element["tag"], name) == ("svg", "xmlns"):
                    assert value == "http://www.w3.org/2000/svg"
                    continue
                assert (element["tag"], name) == ("a", "href"), element
                assert element["attrs"].get("class") == "citation"
    assert dom.tags.count("h1") == 1
    levels = [int(t[1]) for t in dom.tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in pairwise(levels)), "heading skipped"
    assert dom.tags.count("table") == dom.tags.count("caption") >= 2
    assert 'scope="col"' in page and 'scope="row"' in page
    ids = [e["attrs"]["id"] for e in dom.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids)) and "" not in ids, "duplicate or empty ids"
    for element in dom.elements:  # every in-page link has a target
        href = element["attrs"].get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
    assert "@media print" in page and "PAR660" in page


def test_colours_meet_wcag_aa() -> None:
    """Every text colour against the background it is set on (the CSS declares both)."""
    pairs = [("#1b1b1b", "#ffffff"), ("#33414e", "#ffffff"), ("#4b5359", "#ffffff"),
             ("#00468c", "#ffffff"), ("#155724", "#e3f2e6"), ("#4a2a7a", "#efe8fa"),
             ("#41474d", "#eef0f2"), ("#8b0d0d", "#fde9e9"), ("#a00d1b", "#ffffff"),
             ("#6b4700", "#ffffff"), ("#0a4473", "#ffffff"), ("#1b1b1b", "#fff6e0"),
             ("#1b1b1b", "#fdf0f0"), ("#1b1b1b", "#eef7ef"), ("#4b5359", "#fffbf0")]
    css = (Path(render.__file__).parent / "templates" / "report.css").read_text()
    for text, background in pairs:
        assert text in css and background in css
        assert _contrast(text, background) >= 4.5, (text, background)


def _contrast(first: str, second: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


HOSTILE_NAME = '<script>alert("x")</script> & `tick` | pipe [link](http://evil.example) @team'


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    text = text.replace("  name: Gateshead\n", "  name: " + json.dumps(HOSTILE_NAME) + "\n", 1)
    text = text.replace("{id: gateshead-council, name: Gateshead Council,",
                        "{id: gateshead-council, name: " + json.dumps(HOSTILE_NAME) + ",", 1)
    text = text.replace("footprint_rationale: >-",
                        'footprint_rationale: "<img src=x onerror=alert(1)> \\u202e evil"\n'
                        "  old_rationale: >-", 1)
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_html_escapes_proposal_text(hostile: Path, tmp_path: Path) -> None:
    page = page_for(str(hostile), tmp=tmp_path)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "\u202e" not in page  # bidi override made visible
    dom = parse(page)
    assert "script" not in dom.tags and "img" not in dom.tags
    h1 = next(e for e in dom.elements if e["tag"] == "h1")
    assert h1["text"] == HOSTILE_NAME
    assert not any("evil.example" in str(e["attrs"]) for e in dom.elements)


@pytest.mark.parametrize("variant", [(), ("--summary",)])
def test_markdown_escapes_proposal_text(hostile: Path, variant: tuple[str, ...]) -> None:
    result = run_cli("report", str(hostile), "--format", "markdown", *variant)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "<script" not in text and "<img" not in text and "\u202e" not in text
    assert "\\[link\\](" in text and "@team" not in text  # no link, no mention
    assert "[link](" not in text.replace("\\[link\\](", "")  # nowhere, e.g. who agreed
    assert "&lt;script&gt;" in text.splitlines()[0]


def test_markdown_report_content() -> None:
    result = run_cli("report", SUNDERLAND, "-f", "markdown")
    assert result.returncode == 0
    text = result.stdout
    assert text.startswith("# Sunderland\n")
    for heading in ("## Before this can be assessed", "## Expectations by chapter of the guidance",
                    "## Not met, most serious first", "## What to do, and who must act",
                    "### NHS North East and North Cumbria ICB (the delegating body)",
                    "## What ICSs were asked to set out",
                    "## Assessment by chapter", "### Defining place",
                    "### Governance, decision-making and accountability", "#### Membership",
                    "### Leadership"):
        assert f"\n{heading}\n" in text, heading
    assert "> ⚠️ **Assessment incomplete" in text
    assert "#### ❌ Every local authority" in text and "- ✅ **" in text and "➖" in text
    assert "- **Next step:** Move Sunderland" in text
    assert "Thriving places, 2. Defining place within the health and care system" in text
    summary = lint_summary(SUNDERLAND)
    assert (f"| **Total** | **{summary['error']}** | **{summary['warning']}** | "
            f"**{summary['info']}** | **{summary['explained']}** |") in text


def test_summary_is_short_for_a_pull_request_comment() -> None:
    full = run_cli("report", SUNDERLAND, "-f", "markdown").stdout
    result = run_cli("report", SUNDERLAND, "--summary")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert len(text) * 4 < len(full)
    assert text.startswith("### ⚠️ Sunderland: Assessment incomplete")
    assert "| Defining place | 10 | 0 | 2 | 1 |" in text
    assert "- ❌ Every local authority of the place lies in the place's ICS (ONS) " \
        "(Thriving places, p. 10)" in text
    assert "- ⚠️ Format, line 208: unknown key" in text


def test_output_file_and_exit_codes(tmp_path: Path) -> None:
    out = tmp_path / "assessment.html"
    result = run_cli("report", SUNDERLAND, "-o", str(out))
    assert result.returncode == 0, result.stderr  # gaps found, report written: still 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert f"Wrote the self-assessment to {out}. Assessment incomplete" in result.stdout
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
    assert unwritable.stderr.count("\n") == 1


def test_without_output_html_goes_next_to_the_proposal(tmp_path: Path) -> None:
    proposal = tmp_path / "draft.yaml"
    proposal.write_text((EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8"))
    result = run_cli("report", str(proposal), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "sunderland-self-assessment.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "<html" not in result.stdout and str(written) in result.stdout
    markdown = run_cli("report", str(proposal), "-f", "markdown", cwd=tmp_path)
    assert markdown.stdout.startswith("# Sunderland")  # Markdown is for piping
    piped = run_cli("report", str(proposal), "-o", "-", cwd=tmp_path)  # not a terminal
    assert piped.returncode == 0 and piped.stdout.startswith("<!DOCTYPE html>")


def test_never_html_to_a_terminal(monkeypatch: pytest.MonkeyPatch, rules: Any) -> None:
    from placecheck.report import ReportError, ReportOptions, run_report

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdout", Terminal())
    with pytest.raises(ReportError, match="not for a terminal"):
        run_report([ROOT / GATESHEAD], [], rules, ReportOptions(output=Path("-")))


def test_directory_report_lists_each_proposal_once(tmp_path: Path) -> None:
    page = page_for("examples", tmp=tmp_path)
    dom = parse(page)
    listed = [e["text"] for e in dom.elements if e["tag"] == "span"
              and e["text"].startswith("examples/") and e["text"].endswith(".yaml")]
    assert len(listed) == len(set(listed)) >= 8
    summary = lint_summary("examples")
    totals = scorecard(page, "all")
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
    assert "F003" not in result.stdout and "Before this can be assessed" not in result.stdout


def _fixed(text: str) -> str:
    """The Sunderland draft with its ICS code corrected (TP-B1 and TP-B1-DOC met)."""
    return text.replace("code: E54000051}", "code: E54000050}", 1)


def test_compare_with_an_earlier_version(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    draft = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
    old.write_text(draft, encoding="utf-8")
    new.write_text(_fixed(draft).replace("conflict_of_interest_policies: [nenc-icb",
                                         "conflict_of_interest_policies: [stsft", 1),
                   encoding="utf-8")
    result = run_cli("report", str(new), "--compare", str(old), "-f", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "## Since the last version" in text
    assert "> 2 gaps closed since old.yaml, 0 new." in text
    assert "- ✅ Newly met: Every local authority of the place lies in the place's ICS" in text
    same = run_cli("report", str(old), "--compare", str(old), "-f", "markdown")
    assert "No gap closed or opened since old.yaml." in same.stdout
    gone = run_cli("report", str(new), "--compare", str(tmp_path / "gone.yaml"))
    assert gone.returncode == 2 and "no such file to compare with" in gone.stderr
    both = run_cli("report", str(new), "--compare", str(old), "--since", "HEAD")
    assert both.returncode == 2 and "not both" in both.stderr
    assert gone.stderr.count("\n") == both.stderr.count("\n") == 1


def test_since_a_git_revision(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "places").mkdir(parents=True)
    proposal = repo / "places" / "sunderland.yaml"
    draft = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
    proposal.write_text(draft, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-03-01T12:00:00",
           "GIT_AUTHOR_DATE": "2026-03-01T12:00:00"}
    subprocess.run([*git, "commit", "-q", "-m", "draft"], check=True, env=env)
    proposal.write_text(_fixed(draft), encoding="utf-8")
    out = tmp_path / "r.html"
    result = run_cli("report", str(proposal), "--since", "HEAD", "-o", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "2 gaps closed since 1 March 2026 (HEAD), 0 new." in page
    assert "Since the last version" in page and "Newly met" in page

    unknown = run_cli("report", str(proposal), "--since", "no-such-rev", "-o", str(out))
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1
    assert "no revision 'no-such-rev'" in unknown.stderr and "Traceback" not in unknown.stderr
    outside = tmp_path / "loose.yaml"
    outside.write_text(draft, encoding="utf-8")
    loose = run_cli("report", str(outside), "--since", "HEAD", "-o", str(out), cwd=tmp_path)
    assert loose.returncode == 2 and "to be in a git repository" in loose.stderr
    two = run_cli("report", str(proposal), GATESHEAD, "--since", "HEAD")
    assert two.returncode == 2 and "one proposal file" in two.stderr


def test_departures_added_and_expired_are_listed(rules: Any) -> None:
    from placecheck.report.changes import compare
    from placecheck.report.model import Departure

    old = data_for(SUNDERLAND, rules=rules).proposals[0]
    new = data_for(SUNDERLAND, rules=rules).proposals[0]
    new.departures = [Departure("TP-B7", "", "2026-01-31")]
    changes = compare(old, new, "1 March 2026", "2026-12-01")
    assert changes.departures_added == new.departures == changes.departures_expired
    assert not changes.closed and not changes.opened and not changes.nothing


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
