"""The self-assessment in GitHub-flavoured Markdown, for a pull request or a wiki.

The same content as the HTML report, from the same `ReportData`. Every piece of
text goes through `cell` (see placecheck.reporters.markdown): it can neither
end a table cell, start a link or emphasis, nor carry HTML or an @mention.
"""

from __future__ import annotations

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
from placecheck.reporters.markdown import cell

GAPS = ("not_met", "explained")  # shown in full; the rest in a compact table per chapter
COMPACT_EVIDENCE = 3


def render(data: ReportData, stream: TextIO) -> None:
    stream.write(render_text(data))


def _h(level: int, text: str) -> str:
    return "#" * min(max(level, 1), 6) + " " + text + "\n\n"


def render_text(data: ReportData) -> str:
    single = len(data.proposals) == 1
    out = [
        _h(1, cell(data.proposals[0].title if single else data.title)),
        "Pre-submission self-assessment against *Thriving places* (NHS England and the LGA, "
        "2021).\n\n",
        _meta(data, data.proposals[0] if single else None),
    ]
    if single:
        out.append(_proposal_body(data.proposals[0], base=2))
    else:
        out.append(_all_proposals(data))
        for proposal in data.proposals:
            out.append(_h(2, cell(proposal.title)))
            out.append(_facts_list(_facts(proposal)))
            out.append(_proposal_body(proposal, base=3))
    out.append("---\n\n")
    out.append(f"Produced by placecheck {cell(data.version)} on {cell(data.generated)}. This "
               "is a self-assessment to prepare a proposal for its board; it is not an "
               "approval or an assurance opinion. Each expectation cites the guidance that "
               "sets it.")
    if data.attribution:
        out.append(f" Geography: {cell(data.attribution)}")
    out.append("\n")
    return "".join(out)


def _table(head: list[str], rows: list[list[str]], align: str) -> str:
    """`align`: one character per column, `-` left or `:` right."""
    rule = "|".join("---:" if a == ":" else "---" for a in align)
    lines = ["| " + " | ".join(head) + " |", "|" + rule + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n\n"


def _facts(proposal: ProposalReport) -> list[tuple[str, str]]:
    date = (f"{cell(proposal.date)} (latest agreement)" if proposal.date
            else "no agreement date stated")
    return [
        ("Proposal", cell(proposal.file)),
        ("Kind", cell(proposal.kind or "unknown")),
        ("Status", cell(proposal.status or "not stated")),
        ("Date", date),
    ]


def _meta(data: ReportData, proposal: ProposalReport | None) -> str:
    rows: list[tuple[str, str]] = []
    if proposal is not None:
        rows += _facts(proposal)
    packs = "<br>".join(f"{cell(p.title)} ({cell(p.id)}, {p.rules} rules)" for p in data.packs)
    rows += [
        ("Checked with", f"placecheck {cell(data.version)}"),
        ("Rule packs", packs or "none"),
        ("Geography", cell(data.geography)),
        ("Report date", cell(data.generated)),
    ]
    return _facts_list(rows)


def _facts_list(rows: list[tuple[str, str]]) -> str:
    return "".join(f"- **{term}:** {value}\n" for term, value in rows) + "\n"


def _all_proposals(data: ReportData) -> str:
    statuses = [[f"{cell(p.title)} ({cell(p.file)})", str(p.totals.expectations),
                 *_status_cells(p.totals)] for p in data.proposals]
    statuses.append(["**All proposals**", f"**{data.totals.expectations}**",
                     *_bold(_status_cells(data.totals))])
    findings = [[f"{cell(p.title)} ({cell(p.file)})", *_finding_cells(p.totals)]
                for p in data.proposals]
    findings.append(["**All proposals**", *_bold(_finding_cells(data.totals))])
    return (_h(2, "All proposals") + f"**{cell(headline(data.totals))}**\n\n"
            + "Expectations by proposal:\n\n"
            + _table(["Proposal", "Assessed", *(STATUS_LABELS[s] for s in STATUSES)],
                     statuses, "-" + ":" * (1 + len(STATUSES)))
            + "Findings by proposal and severity:\n\n"
            + _table(["Proposal", *(FINDING_LABELS[k] for k in FINDING_COLUMNS)], findings,
                     "-" + ":" * len(FINDING_COLUMNS)))


def _status_cells(counts: Counts) -> list[str]:
    return [str(counts.statuses[s]) for s in STATUSES]


def _finding_cells(counts: Counts) -> list[str]:
    return [str(counts.findings[k]) for k in FINDING_COLUMNS]


def _bold(cells: list[str]) -> list[str]:
    return [f"**{c}**" for c in cells]


def _proposal_body(proposal: ProposalReport, base: int) -> str:
    if proposal.error:
        return (_h(base, "Could not be read")
                + f"placecheck could not read this file: {cell(proposal.error)}\n\n")
    out = [_h(base, "Summary scorecard"), f"**{cell(headline(proposal.totals))}**\n\n"]
    rows = scorecard_rows(proposal)
    status_rows = [[cell(label), str(c.expectations), *_status_cells(c)]
                   for _, label, c in rows]
    status_rows.append(["**Total**", f"**{proposal.totals.expectations}**",
                        *_bold(_status_cells(proposal.totals))])
    out.append("Expectations by chapter:\n\n")
    out.append(_table(["Chapter", "Assessed", *(STATUS_LABELS[s] for s in STATUSES)],
                      status_rows, "-" + ":" * (1 + len(STATUSES))))
    finding_rows = [[cell(label), *_finding_cells(c)] for _, label, c in rows]
    finding_rows.append(["**Total**", *_bold(_finding_cells(proposal.totals))])
    out.append("Findings by chapter and severity (explained findings are counted apart and do "
               "not count as failures):\n\n")
    out.append(_table(["Chapter", *(FINDING_LABELS[k] for k in FINDING_COLUMNS)],
                      finding_rows, "-" + ":" * len(FINDING_COLUMNS)))
    if proposal.asks:
        out.append(_h(base, "What ICSs were asked to set out"))
        out.append(f"Proposals for place “should set out” three things ({cell(ASKS_SOURCE)}).\n\n")
        for number, asked in enumerate(proposal.asks, start=1):
            out.append(_ask(asked, number, base + 1))
    out.append(_h(base, "Assessment by chapter of Thriving places"))
    out.append("Each expectation: whether it is met, what the proposal says and where (line "
               "numbers in the proposal file), the guidance that asks for it, and the next "
               "step. Gaps come first in each chapter.\n\n")
    group_open = ""
    for section in proposal.chapters:
        chapter = section.chapter
        if chapter.group and chapter.group != group_open:
            out.append(_h(base + 1, cell(GOVERNANCE_HEADING)))
            out.append(f"*{cell(GOVERNANCE_GUIDANCE)}*\n\n")
        group_open = chapter.group
        out.append(_chapter(section, base + 2 if chapter.group else base + 1))
    return "".join(out)


def _ask(section: AskSection, number: int, level: int) -> str:
    ask = section.ask
    counts = section.counts.statuses
    summary = ", ".join(f"{counts[s]} {STATUS_LABELS[s].lower()}" for s in STATUSES
                        if counts[s])
    with_aspect = any(e.aspect for e in section.expectations)
    head = ["Expectation", *(["Part"] if with_aspect else []), "Status"]
    rows = []
    for expectation in section.expectations:
        row = [f"{cell(expectation.rule_id)} {cell(expectation.title)}"]
        if with_aspect:
            row.append(cell(expectation.aspect))
        row.append(_status(expectation))
        rows.append(row)
    return (_h(level, f"{number}. {cell(ask.title)}")
            + f"The guidance asks for {cell(ask.wording)}. {cell(summary)}.\n\n"
            + _table(head, rows, "-" * len(head)))


def _status(expectation: Expectation) -> str:
    text = f"**{expectation.status_label}**"
    if expectation.status in ("not_met", "explained"):
        text += f" ({cell(expectation.severity)})"
    return text


def _chapter(section: ChapterSection, level: int) -> str:
    out = [_h(level, cell(section.chapter.title)), f"*{cell(section.chapter.guidance)}*\n\n"]
    others = []
    for expectation in section.expectations:
        if expectation.status in GAPS:
            out.append(_expectation(expectation, level + 1))
        else:
            others.append(expectation)
    if others:
        out.append(_settled(others, section.chapter.title))
    return "".join(out)


def _settled(items: list[Expectation], chapter: str) -> str:
    """Met and not applicable expectations: one compact table (no next step to take)."""
    rows = []
    for item in items:
        if item.status == "not_applicable":
            said = "does not apply to this proposal"
        elif item.evidence:
            said = "<br>".join(f"line {e.line} · {cell(e.path)}: {cell(_clip(e.value))}"
                               for e in item.evidence[:COMPACT_EVIDENCE])
            if len(item.evidence) > COMPACT_EVIDENCE:
                said += f"<br>and {len(item.evidence) - COMPACT_EVIDENCE} more"
        else:
            said = "nothing to quote for this check"
        guidance = _brief_citation(item.citations[0]) if item.citations else ""
        rows.append([f"{cell(item.rule_id)} {cell(item.title)}", _status(item), said,
                     guidance])
    return (f"{cell(chapter)}: expectations met or not applicable ({len(items)}):\n\n"
            + _table(["Expectation", "Status", "What the proposal says", "Guidance"], rows,
                     "----"))


def _brief_citation(citation: Citation) -> str:
    text = f"{citation.document}, p. {citation.page}" if citation.page else citation.short()
    url = citation_url(citation)
    return f"[{cell(text)}]({url})" if url else cell(text)


def _clip(text: str, width: int = 140) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def _expectation(item: Expectation, level: int) -> str:
    out = [_h(level, f"{cell(item.rule_id)} {cell(item.title)}")]
    status = _status(item)
    if item.pack:
        status += f" · pack {cell(item.pack)}"
    out.append(status + "\n\n")
    out.append("- **What the proposal says:**" + _evidence(item) + "\n")
    if item.findings:
        out.append("- **Findings:**\n" + "".join(_finding(f) for f in item.findings))
    if item.rationale and item.status in ("not_met", "explained"):
        out.append(f"- **Why it matters:** {cell(item.rationale)}\n")
    if item.citations:
        gap = item.status in ("not_met", "explained")
        citations = item.citations if gap else item.citations[:1]
        out.append("- **Guidance:**" + _citations(citations, quote=gap))
    if item.next_steps:
        if len(item.next_steps) == 1:
            out.append(f"- **Next step:** {cell(item.next_steps[0])}\n")
        else:
            out.append("- **Next step:**\n"
                       + "".join(f"  - {cell(step)}\n" for step in item.next_steps))
    return "".join(out) + "\n"


def _evidence(item: Expectation) -> str:
    if item.status == "not_applicable":
        return (" does not apply: the proposal has nothing of the kind this expectation "
                "covers.")
    if not item.evidence:
        return " see the findings." if item.findings else " nothing to quote for this check."
    return "\n" + "".join(f"  - line {e.line} · {cell(e.path)}: {cell(e.value)}\n"
                          for e in item.evidence).rstrip("\n")


def _finding(finding: FindingLine) -> str:
    where = f"line {finding.line}:{finding.column}" if finding.line >= 1 else "file"
    if finding.path:
        where += f" · {cell(finding.path)}"
    severity = "" if finding.explained else f"**{cell(finding.severity)}** "
    text = f"  - {where}: {severity}{cell(finding.message)}"
    if finding.explained:
        text += f" (explained: {cell(finding.reason)})"
    return text + "\n"


def _citations(citations: tuple[Citation, ...], quote: bool = True) -> str:
    lines = []
    quoted = not quote
    for citation in citations:
        text = cell(citation.short())
        url = citation_url(citation)
        if url:
            text = f"[{text}]({url})"
        if citation.quote and not quoted:
            text += f": “{cell(citation.quote)}”"
            quoted = True
        lines.append(f"  - {text}\n")
    return "\n" + "".join(lines)
