"""The self-assessment as one self-contained HTML page.

Standard library only: strings built with `html.escape`. The page makes no
network request: the CSS is inline, it uses the reader's system fonts, and it
has no scripts, images or links to other files. The only addresses in it are
the `href`s of citations to published guidance. Every piece of text, from the
proposal or from a rule pack, goes through `_e`, which escapes `&`, `<`, `>`
and both quotes, and makes control characters visible.

Accessibility: one `h1`, headings in order, landmarks (header, nav, main,
footer), tables with captions and `th` headers with `scope`, status told in
words as well as colour, colours at WCAG AA contrast or better, and a print
stylesheet for A4 (PDF).
"""

from __future__ import annotations

import html
import re
from typing import TextIO

from placecheck.findings import Citation
from placecheck.report.model import (
    FINDING_COLUMNS,
    FINDING_LABELS,
    STATUS_LABELS,
    STATUSES,
    AskSection,
    ChapterSection,
    Counts,
    Expectation,
    FindingLine,
    ProposalReport,
    ReportData,
    citation_url,
    headline,
    scorecard_rows,
)
from placecheck.report.structure import ASKS_SOURCE, GOVERNANCE_GUIDANCE, GOVERNANCE_HEADING
from placecheck.safety import printable

_CODE_SPAN = re.compile(r"`([^`<>]+)`")
GAPS = ("not_met", "explained")  # shown in full; the rest in a compact table per chapter
COMPACT_EVIDENCE = 3

CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #ffffff; color: #1b1b1b; line-height: 1.5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  "Liberation Sans", sans-serif; font-size: 16px; }
header.page, nav.contents, main, footer.page { max-width: 62rem; margin: 0 auto;
  padding: 0 1.5rem; }
header.page { padding-top: 2rem; padding-bottom: 1rem; border-bottom: 4px solid #005eb8; }
.kicker { margin: 0; color: #33414e; font-weight: 600; letter-spacing: .01em; }
h1 { font-size: 2rem; line-height: 1.2; margin: .3rem 0 1rem; }
h2 { font-size: 1.55rem; line-height: 1.25; margin: 2.5rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 1px solid #b1b4b6; }
h3 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .5rem; }
h4 { font-size: 1.12rem; line-height: 1.3; margin: 1.5rem 0 .5rem; }
h5, h6 { font-size: 1rem; line-height: 1.35; margin: 0 0 .35rem; }
.guidance-ref { margin: 0 0 .75rem; color: #33414e; font-size: .95rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.25rem;
  margin: 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
dl.meta ul { margin: 0; padding-left: 1.1rem; }
.headline { font-size: 1.1rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.5rem;
  font-size: .95rem; }
caption { text-align: left; font-weight: 700; padding: 0 0 .4rem; }
th, td { border: 1px solid #8c9196; padding: .35rem .6rem; text-align: left;
  vertical-align: top; }
thead th { background: #e4eaf0; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total th, tr.total td { font-weight: 700; background: #f2f4f6; }
td.zero { color: #505a5f; }
a { color: #00468c; }
a:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
nav.contents ol { padding-left: 1.4rem; margin: .25rem 0; }
nav.contents li { margin: .1rem 0; }
.badge { display: inline-block; padding: 0 .45rem; border: 1px solid currentColor;
  border-radius: .25rem; font-weight: 700; font-size: .9rem; white-space: nowrap; }
.badge.st-met { color: #155724; background: #e3f2e6; }
.badge.st-explained { color: #4a2a7a; background: #efe8fa; }
.badge.st-not_applicable { color: #41474d; background: #eef0f2; }
.badge.st-not_met.sev-error { color: #8b0d0d; background: #fde9e9; }
.badge.st-not_met.sev-warning { color: #5c3d00; background: #fff1cc; }
.badge.st-not_met.sev-info { color: #0a4473; background: #e3eef8; }
td.status { white-space: nowrap; }
table.settled th[scope="row"] { font-weight: 400; width: 34%; }
table.settled td p { margin: 0; }
table.settled { font-size: .9rem; }
table.settled td:last-child { min-width: 9.5rem; }
article.expectation { border: 1px solid #b1b4b6; border-left: 6px solid #6f777b;
  border-radius: 4px; padding: .7rem 1rem .5rem; margin: .9rem 0; break-inside: avoid; }
article.expectation > :first-child { margin-top: 0; }
article.expectation.st-met { border-left-color: #2e7d32; }
article.expectation.st-explained { border-left-color: #6a3fb0; }
article.expectation.st-not_met.sev-error { border-left-color: #b10e1e; }
article.expectation.st-not_met.sev-warning { border-left-color: #b37400; }
article.expectation.st-not_met.sev-info { border-left-color: #1d70b8; }
.rule-id { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
  monospace; font-weight: 700; margin-right: .35rem; }
.status-line { margin: 0 0 .4rem; font-size: .95rem; color: #33414e; }
dl.detail { margin: 0; }
dl.detail dt { font-weight: 700; margin-top: .45rem; font-size: .95rem; }
dl.detail dd { margin: .1rem 0 0; }
dl.detail ul { margin: .1rem 0; padding-left: 1.2rem; }
dl.detail p { margin: .1rem 0; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
  monospace; font-size: .9em; background: #f2f4f6; padding: 0 .15rem; border-radius: 2px; }
.where { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono",
  monospace; font-size: .85rem; color: #33414e; }
.value { overflow-wrap: anywhere; }
blockquote { margin: .2rem 0 .4rem; padding: 0 0 0 .75rem; border-left: 3px solid #8c9196;
  font-style: italic; }
.muted { color: #4b5359; }
footer.page { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem;
  border-top: 1px solid #b1b4b6; font-size: .9rem; color: #33414e; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { font-size: 10pt; }
  header.page, nav.contents, main, footer.page { max-width: none; padding-left: 0;
    padding-right: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3, h4, h5, h6, caption { break-after: avoid; }
  tr, article.expectation, blockquote { break-inside: avoid; }
  a { color: #1b1b1b; }
  a.citation::after { content: " (" attr(href) ")"; font-size: .85em; overflow-wrap: anywhere; }
  nav.contents { break-after: page; }
}
"""


def _e(text: object) -> str:
    """Escaped text, with control characters (bidi overrides, ESC, ...) made visible."""
    return html.escape(printable(str(text), keep_newlines=True), quote=True)


def _prose(text: object) -> str:
    """Escaped text in which `backtick spans` (field names in messages) become <code>."""
    return _CODE_SPAN.sub(r"<code>\1</code>", _e(text))


def _id(anchor: str) -> str:
    return html.escape(anchor, quote=True)


def _h(level: int, text: str, anchor: str = "") -> str:
    level = min(max(level, 1), 6)
    attribute = f' id="{_id(anchor)}"' if anchor else ""
    return f"<h{level}{attribute}>{text}</h{level}>\n"


def _badge(expectation: Expectation) -> str:
    return (f'<span class="badge st-{expectation.status} sev-{expectation.severity}">'
            f"{_e(expectation.status_label)}</span>")


def _num(value: int, attributes: str) -> str:
    zero = " zero" if value == 0 else ""
    return f'<td class="num{zero}" {attributes}>{value}</td>'


def render(data: ReportData, stream: TextIO) -> None:
    stream.write(render_text(data))


def render_text(data: ReportData) -> str:
    single = len(data.proposals) == 1
    out: list[str] = [
        "<!DOCTYPE html>\n",
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="placecheck ' + _e(data.version) + '">\n',
        f"<title>{_e(data.title)} (placecheck)</title>\n",
        f"<style>{CSS}</style>\n</head>\n<body>\n",
        '<header class="page">\n',
        '<p class="kicker">Pre-submission self-assessment against <cite>Thriving places</cite> '
        "(NHS England and the LGA, 2021)</p>\n",
        _h(1, _e(data.proposals[0].title if single else data.title)),
        _meta(data, data.proposals[0] if single else None),
        "</header>\n",
        _contents(data, single),
        '<main id="main">\n',
    ]
    if single:
        out.append(_proposal_body(data.proposals[0], base=2))
    else:
        out.append(_all_proposals(data))
        for proposal in data.proposals:
            out.append(f'<section aria-labelledby="{_id(proposal.anchor)}">\n')
            out.append(_h(2, _e(proposal.title), proposal.anchor))
            out.append(_proposal_meta(proposal))
            out.append(_proposal_body(proposal, base=3))
            out.append("</section>\n")
    out.append("</main>\n")
    out.append(_footer(data))
    out.append("</body>\n</html>\n")
    return "".join(out)


def _meta(data: ReportData, proposal: ProposalReport | None) -> str:
    rows: list[tuple[str, str]] = []
    if proposal is not None:
        rows += _proposal_facts(proposal)
    packs = "".join(f"<li>{_e(p.title)} (<code>{_e(p.id)}</code>, {p.rules} rules)</li>"
                    for p in data.packs)
    rows += [
        ("Checked with", f"placecheck {_e(data.version)}"),
        ("Rule packs", f"<ul>{packs}</ul>" if packs else "none"),
        ("Geography", _e(data.geography)),
        ("Report date", _e(data.generated)),
    ]
    return _dl(rows)


def _proposal_facts(proposal: ProposalReport) -> list[tuple[str, str]]:
    date = (_e(proposal.date) + ' <span class="muted">(latest agreement)</span>'
            if proposal.date else '<span class="muted">no agreement date stated</span>')
    return [
        ("Proposal", f"<code>{_e(proposal.file)}</code>"),
        ("Kind", _e(proposal.kind or "unknown")),
        ("Status", _e(proposal.status or "not stated")),
        ("Date", date),
    ]


def _proposal_meta(proposal: ProposalReport) -> str:
    return _dl(_proposal_facts(proposal))


def _dl(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<dt>{term}</dt><dd>{value}</dd>\n" for term, value in rows)
    return f'<dl class="meta">\n{body}</dl>\n'


def _contents(data: ReportData, single: bool) -> str:
    items: list[str] = []
    if single:
        items.append(_toc_entries(data.proposals[0]))
    else:
        items.append('<li><a href="#all-proposals">All proposals</a></li>')
        for proposal in data.proposals:
            items.append(f'<li><a href="#{_id(proposal.anchor)}">{_e(proposal.title)}</a>'
                         f' <span class="muted">({_e(proposal.file)})</span></li>')
    return ('<nav class="contents" aria-labelledby="contents">\n'
            + _h(2, "Contents", "contents") + "<ol>" + "".join(items) + "</ol>\n</nav>\n")


def _toc_entries(proposal: ProposalReport) -> str:
    prefix = proposal.anchor
    if proposal.error:
        return f'<li><a href="#{_id(prefix)}-summary">Could not be read</a></li>'
    items = [f'<li><a href="#{_id(prefix)}-summary">Summary scorecard</a></li>']
    if proposal.asks:
        items.append(f'<li><a href="#{_id(prefix)}-asks">What ICSs were asked to set out</a>'
                     "</li>")
    chapters = "".join(f'<li><a href="#{_id(s.anchor)}">{_e(_chapter_label(s))}</a></li>'
                       for s in proposal.chapters)
    items.append(f'<li><a href="#{_id(prefix)}-chapters">Assessment by chapter</a>'
                 f"<ol>{chapters}</ol></li>")
    return "".join(items)


def _chapter_label(section: ChapterSection) -> str:
    chapter = section.chapter
    return f"Governance: {chapter.title}" if chapter.group else chapter.title


def _all_proposals(data: ReportData) -> str:
    rows = [(f'<a href="#{_id(p.anchor)}">{_e(p.title)}</a><br>'
             f'<span class="where">{_e(p.file)}</span>', p.totals, p.anchor)
            for p in data.proposals]
    status_head = "".join(f'<th scope="col" class="num">{_e(STATUS_LABELS[s])}</th>'
                          for s in STATUSES)
    finding_head = "".join(f'<th scope="col" class="num">{_e(FINDING_LABELS[k])}</th>'
                           for k in FINDING_COLUMNS)
    statuses = "\n".join(_status_row(label, counts, row, "") for label, counts, row in rows)
    findings = "\n".join(_finding_row(label, counts, row, "") for label, counts, row in rows)
    return ('<section aria-labelledby="all-proposals">\n'
            + _h(2, "All proposals", "all-proposals")
            + f'<p class="headline">{_e(headline(data.totals))}</p>\n'
            + '<table class="scorecard" id="scorecard-all-expectations">\n'
            + "<caption>Expectations by proposal</caption>\n"
            + '<thead><tr><th scope="col">Proposal</th><th scope="col" class="num">Assessed'
            + f"</th>{status_head}</tr></thead>\n<tbody>\n{statuses}\n"
            + _status_row("All proposals", data.totals, "all", ' class="total"')
            + "\n</tbody></table>\n"
            + '<table class="scorecard" id="scorecard-all-findings">\n'
            + "<caption>Findings by proposal and severity</caption>\n"
            + f'<thead><tr><th scope="col">Proposal</th>{finding_head}</tr></thead>\n'
            + f"<tbody>\n{findings}\n"
            + _finding_row("All proposals", data.totals, "all", ' class="total"')
            + "\n</tbody></table>\n</section>\n")


def _proposal_body(proposal: ProposalReport, base: int) -> str:
    prefix = proposal.anchor
    out = [f'<section aria-labelledby="{_id(prefix)}-summary">\n']
    if proposal.error:
        out.append(_h(base, "Could not be read", f"{prefix}-summary"))
        out.append(f"<p>placecheck could not read this file: <code>{_e(proposal.error)}</code>"
                   "</p>\n</section>\n")
        return "".join(out)
    out.append(_h(base, "Summary scorecard", f"{prefix}-summary"))
    out.append(f'<p class="headline">{_e(headline(proposal.totals))}</p>\n')
    out.append(_scorecards(proposal))
    out.append("</section>\n")
    if proposal.asks:
        out.append(f'<section aria-labelledby="{_id(prefix)}-asks">\n')
        out.append(_h(base, "What ICSs were asked to set out", f"{prefix}-asks"))
        out.append(f'<p class="guidance-ref">Proposals for place “should set out” three things '
                   f"({_e(ASKS_SOURCE)}). Each expectation below links to its assessment.</p>\n")
        for number, asked in enumerate(proposal.asks, start=1):
            out.append(_ask(asked, number, base + 1, prefix))
        out.append("</section>\n")
    out.append(f'<section aria-labelledby="{_id(prefix)}-chapters">\n')
    out.append(_h(base, "Assessment by chapter of Thriving places", f"{prefix}-chapters"))
    out.append('<p class="guidance-ref">Each expectation: whether it is met, what the proposal '
               "says and where (line numbers in the proposal file), the guidance that asks "
               "for it, and the next step. Gaps come first in each chapter.</p>\n")
    group_open = ""
    for section in proposal.chapters:
        chapter = section.chapter
        if chapter.group != group_open:
            if group_open:
                out.append("</section>\n")
            group_open = chapter.group
            if group_open:
                out.append(f'<section aria-labelledby="{_id(prefix)}-governance">\n')
                out.append(_h(base + 1, _e(GOVERNANCE_HEADING), f"{prefix}-governance"))
                out.append(f'<p class="guidance-ref">{_e(GOVERNANCE_GUIDANCE)}</p>\n')
        level = base + 2 if chapter.group else base + 1
        out.append(_chapter(section, level))
    if group_open:
        out.append("</section>\n")
    out.append("</section>\n")
    return "".join(out)


def _scorecards(proposal: ProposalReport) -> str:
    rows = scorecard_rows(proposal)
    prefix = proposal.anchor
    status_head = "".join(f'<th scope="col" class="num">{_e(STATUS_LABELS[s])}</th>'
                          for s in STATUSES)
    expectations = [
        f'<table class="scorecard" id="{_id(prefix)}-scorecard-expectations">',
        "<caption>Expectations by chapter</caption>",
        f'<thead><tr><th scope="col">Chapter</th><th scope="col" class="num">Assessed</th>'
        f"{status_head}</tr></thead>",
        "<tbody>",
    ]
    for anchor, label, counts in rows:
        expectations.append(_status_row(f'<a href="#{_id(anchor)}">{_e(label)}</a>', counts,
                                        anchor, ""))
    expectations.append(_status_row("Total", proposal.totals, "total", ' class="total"'))
    expectations.append("</tbody></table>")
    finding_head = "".join(f'<th scope="col" class="num">{_e(FINDING_LABELS[k])}</th>'
                           for k in FINDING_COLUMNS)
    findings = [
        f'<table class="scorecard" id="{_id(prefix)}-scorecard-findings">',
        "<caption>Findings by chapter and severity (explained findings are counted apart "
        "and do not count as failures)</caption>",
        f'<thead><tr><th scope="col">Chapter</th>{finding_head}</tr></thead>',
        "<tbody>",
    ]
    for anchor, label, counts in rows:
        findings.append(_finding_row(f'<a href="#{_id(anchor)}">{_e(label)}</a>', counts,
                                     anchor, ""))
    findings.append(_finding_row("Total", proposal.totals, "total", ' class="total"'))
    findings.append("</tbody></table>")
    return "\n".join(expectations) + "\n" + "\n".join(findings) + "\n"


def _status_row(label: str, counts: Counts, row: str, attributes: str) -> str:
    cells = [f'<th scope="row">{label}</th>',
             _num(counts.expectations, f'data-row="{_id(row)}" data-status="assessed"')]
    cells += [_num(counts.statuses[s], f'data-row="{_id(row)}" data-status="{s}"')
              for s in STATUSES]
    return f"<tr{attributes}>" + "".join(cells) + "</tr>"


def _finding_row(label: str, counts: Counts, row: str, attributes: str) -> str:
    cells = [f'<th scope="row">{label}</th>']
    cells += [_num(counts.findings[k], f'data-row="{_id(row)}" data-count="{k}"')
              for k in FINDING_COLUMNS]
    return f"<tr{attributes}>" + "".join(cells) + "</tr>"


def _ask(section: AskSection, number: int, level: int, prefix: str) -> str:
    ask = section.ask
    counts = section.counts.statuses
    summary = ", ".join(f"{counts[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES
                        if counts[s])
    with_aspect = any(e.aspect for e in section.expectations)
    head = '<th scope="col">Expectation</th>'
    if with_aspect:
        head += '<th scope="col">Part</th>'
    head += '<th scope="col">Status</th>'
    rows = []
    for expectation in section.expectations:
        cells = [f'<td><a href="#{_id(expectation.anchor)}"><span class="rule-id">'
                 f"{_e(expectation.rule_id)}</span></a> {_e(expectation.title)}</td>"]
        if with_aspect:
            cells.append(f"<td>{_e(expectation.aspect)}</td>")
        cells.append(f'<td class="status">{_badge(expectation)}'
                     f"{_severity_note(expectation)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<section aria-labelledby="{_id(prefix)}-ask-{_id(ask.id)}">\n'
            + _h(level, f"{number}. {_e(ask.title)}", f"{prefix}-ask-{ask.id}")
            + f"<p>The guidance asks for {_e(ask.wording)}. <span class=\"muted\">"
            + f"{_e(summary)}.</span></p>\n"
            + f"<table><caption>{_e(ask.title)}: expectations and their status</caption>\n"
            + f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows)
            + "\n</tbody></table>\n</section>\n")


def _severity_note(expectation: Expectation) -> str:
    if expectation.status in ("not_met", "explained"):
        return f' <span class="muted">{_e(expectation.severity)}</span>'
    return ""


def _chapter(section: ChapterSection, level: int) -> str:
    chapter = section.chapter
    out = [f'<section aria-labelledby="{_id(section.anchor)}">\n',
           _h(level, _e(chapter.title), section.anchor),
           f'<p class="guidance-ref">{_e(chapter.guidance)}</p>\n']
    gaps = [e for e in section.expectations if e.status in GAPS]
    others = [e for e in section.expectations if e.status not in GAPS]
    for expectation in gaps:
        out.append(_expectation(expectation, level + 1))
    if others:
        out.append(_settled(others, section.chapter.title))
    out.append("</section>\n")
    return "".join(out)


def _settled(items: list[Expectation], chapter: str) -> str:
    """Met and not applicable expectations: one compact table (no next step to take)."""
    rows = []
    for item in items:
        if item.status == "not_applicable":
            said = '<span class="muted">Does not apply to this proposal.</span>'
        elif item.evidence:
            said = "<br>".join(
                f'<span class="where">line {e.line} · {_e(e.path)}</span>: '
                f'<span class="value">{_e(_clip(e.value))}</span>'
                for e in item.evidence[:COMPACT_EVIDENCE])
            if len(item.evidence) > COMPACT_EVIDENCE:
                more = len(item.evidence) - COMPACT_EVIDENCE
                said += f'<br><span class="muted">and {more} more</span>'
        else:
            said = '<span class="muted">Nothing to quote for this check.</span>'
        guidance = _brief_citation(item.citations[0]) if item.citations else ""
        rows.append(f'<tr id="{_id(item.anchor)}"><th scope="row"><span class="rule-id">'
                    f"{_e(item.rule_id)}</span>{_e(item.title)}</th>"
                    f'<td class="status">{_badge(item)}</td><td>{said}</td>'
                    f"<td>{guidance}</td></tr>")
    return ('<table class="settled">\n'
            f"<caption>{_e(chapter)}: expectations met or not applicable ({len(items)})"
            "</caption>\n"
            '<thead><tr><th scope="col">Expectation</th><th scope="col">Status</th>'
            '<th scope="col">What the proposal says</th><th scope="col">Guidance</th></tr>'
            "</thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table>\n")


def _brief_citation(citation: Citation) -> str:
    """'Thriving places, p. 10' where there is a page; the full reference otherwise."""
    text = f"{citation.document}, p. {citation.page}" if citation.page else citation.short()
    label = _e(text)
    url = citation_url(citation)
    return f'<a class="citation" href="{_e(url)}">{label}</a>' if url else label


def _clip(text: str, width: int = 140) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _expectation(item: Expectation, level: int) -> str:
    heading = f'<span class="rule-id">{_e(item.rule_id)}</span>{_e(item.title)}'
    status = _badge(item)
    if item.status in ("not_met", "explained"):
        status += f" severity: {_e(item.severity)}"
    if item.pack:
        status += f' <span class="muted">· pack <code>{_e(item.pack)}</code></span>'
    parts = [f'<article class="expectation st-{item.status} sev-{item.severity}" '
             f'id="{_id(item.anchor)}" aria-labelledby="{_id(item.anchor)}-h">\n',
             _h(level, heading, f"{item.anchor}-h"),
             f'<p class="status-line">{status}</p>\n<dl class="detail">\n']
    parts.append("<dt>What the proposal says</dt>\n<dd>" + _evidence(item) + "</dd>\n")
    if item.findings:
        parts.append("<dt>Findings</dt>\n<dd><ul>"
                     + "".join(_finding(f) for f in item.findings) + "</ul></dd>\n")
    if item.rationale and item.status in ("not_met", "explained"):
        parts.append(f"<dt>Why it matters</dt>\n<dd>{_e(item.rationale)}</dd>\n")
    if item.citations:
        gap = item.status in ("not_met", "explained")
        citations = item.citations if gap else item.citations[:1]
        parts.append("<dt>Guidance</dt>\n<dd>" + _citations(citations, quote=gap) + "</dd>\n")
    if item.next_steps:
        steps = "".join(f"<li>{_prose(step)}</li>" for step in item.next_steps)
        parts.append(f"<dt>Next step</dt>\n<dd><ul>{steps}</ul></dd>\n")
    parts.append("</dl>\n</article>\n")
    return "".join(parts)


def _evidence(item: Expectation) -> str:
    if item.status == "not_applicable":
        return ('<span class="muted">Does not apply: the proposal has nothing of the kind '
                "this expectation covers.</span>")
    if not item.evidence:
        if item.findings:
            return '<span class="muted">See the findings below.</span>'
        return '<span class="muted">Nothing to quote for this check.</span>'
    items = "".join(
        f'<li><span class="where">line {e.line} · {_e(e.path)}</span>: '
        f'<span class="value">{_e(e.value)}</span></li>'
        for e in item.evidence)
    return f"<ul>{items}</ul>"


def _finding(finding: FindingLine) -> str:
    where = f"line {finding.line}:{finding.column}" if finding.line >= 1 else "file"
    if finding.path:
        where += f" · {finding.path}"
    severity = "" if finding.explained else f"<strong>{_e(finding.severity)}</strong> "
    text = f'<li><span class="where">{_e(where)}</span> {severity}{_prose(finding.message)}'
    if finding.explained:
        text += f' <span class="muted">(explained: {_e(finding.reason)})</span>'
    return text + "</li>"


def _citations(citations: tuple[Citation, ...], quote: bool = True) -> str:
    out = []
    quoted = not quote
    for citation in citations:
        label = _e(citation.short())
        url = citation_url(citation)
        if url:
            label = f'<a class="citation" href="{_e(url)}">{label}</a>'
        line = f"<p>{label}</p>"
        if citation.quote and not quoted:
            line += f"<blockquote>“{_e(citation.quote)}”</blockquote>"
            quoted = True
        out.append(line)
    return "".join(out)


def _footer(data: ReportData) -> str:
    attribution = (f"<p>Geography: {_e(data.attribution)}</p>\n" if data.attribution else "")
    return ('<footer class="page">\n'
            f"<p>Produced by placecheck {_e(data.version)} on {_e(data.generated)}. This is "
            "a self-assessment to prepare a proposal for its board; it is not an approval or "
            "an assurance opinion. Each expectation cites the guidance that sets it.</p>\n"
            f"{attribution}</footer>\n")
