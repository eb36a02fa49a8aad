"""The self-assessment as plain data, built once from assessments.

Both renderers (HTML and Markdown) draw only on `ReportData`, so the numbers
they show are the same numbers. Text from the proposal is kept as it is here;
each renderer escapes it for its own format.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from placecheck import __version__
from placecheck.assess import Assessment
from placecheck.findings import Citation, Finding, Severity
from placecheck.loading import Document, json_path
from placecheck.report.structure import (
    ASKS,
    ASPECTS,
    CHAPTER_BY_ID,
    CHAPTERS,
    Ask,
    Chapter,
    ask_for,
    chapter_for,
)
from placecheck.rules.engine import RuleOutcome
from placecheck.rules.pack import Pack, Rule

STATUSES = ("not_met", "explained", "met", "not_applicable")
STATUS_LABELS = {
    "not_met": "Not met",
    "explained": "Explained departure",
    "met": "Met",
    "not_applicable": "Not applicable",
}
SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = (*SEVERITIES, "explained")
FINDING_LABELS = {"error": "Errors", "warning": "Warnings", "info": "Info",
                  "explained": "Explained"}
MAX_VALUE_CHARS = 300
_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

FindingFilter = Callable[[list[Finding]], list[Finding]]


@dataclass(frozen=True)
class Evidence:
    """One value the check read: where it is and what it says."""

    path: str  # place.ics.code
    line: int
    column: int
    value: str


@dataclass(frozen=True)
class FindingLine:
    rule_id: str
    severity: str  # error | warning | info
    message: str
    line: int
    column: int
    path: str
    hint: str = ""
    explained: bool = False
    reason: str = ""
    review_by: str = ""
    agreed_by: tuple[str, ...] = ()


@dataclass
class Expectation:
    rule_id: str
    title: str
    severity: str  # the rule's severity, or the highest of its unexplained findings
    status: str  # one of STATUSES
    chapter: str
    ask: str | None
    aspect: str
    pack: str
    rationale: str
    citations: tuple[Citation, ...]
    evidence: list[Evidence]
    findings: list[FindingLine]
    next_steps: list[str]
    anchor: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Counts:
    """Expectations by status, and findings by severity (explained findings apart)."""

    statuses: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    findings: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(FINDING_COLUMNS, 0))

    @property
    def expectations(self) -> int:
        return sum(self.statuses.values())

    @property
    def applicable(self) -> int:
        return self.expectations - self.statuses["not_applicable"]

    def add(self, expectation: Expectation) -> None:
        self.statuses[expectation.status] += 1
        for finding in expectation.findings:
            key = "explained" if finding.explained else finding.severity
            self.findings[key] += 1

    def merge(self, other: Counts) -> None:
        for key, value in other.statuses.items():
            self.statuses[key] += value
        for key, value in other.findings.items():
            self.findings[key] += value


@dataclass
class ChapterSection:
    chapter: Chapter
    anchor: str
    expectations: list[Expectation] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class AskSection:
    ask: Ask
    expectations: list[Expectation] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass
class ProposalReport:
    file: str
    kind: str
    name: str
    status: str
    date: str  # the latest agreement date, or ""
    anchor: str
    error: str = ""
    chapters: list[ChapterSection] = field(default_factory=list)
    asks: list[AskSection] = field(default_factory=list)
    totals: Counts = field(default_factory=Counts)

    @property
    def title(self) -> str:
        return self.name or self.file


@dataclass(frozen=True)
class PackInfo:
    id: str
    title: str
    rules: int  # rules of this pack that ran


@dataclass
class ReportData:
    version: str
    packs: list[PackInfo]
    geography: str
    generated: str
    proposals: list[ProposalReport]
    totals: Counts = field(default_factory=Counts)
    attribution: str = ""  # the geography data's licence statement

    @property
    def title(self) -> str:
        if len(self.proposals) == 1:
            return f"Self-assessment: {self.proposals[0].title}"
        return f"Self-assessment of {len(self.proposals)} proposals"


def build_report(assessments: list[Assessment], packs: Iterable[Pack] = (),
                 rules: Iterable[Rule] | None = None, keep: FindingFilter | None = None,
                 generated: str | None = None, geography: str | None = None) -> ReportData:
    """The report's data. `keep` filters findings as the lint command would (config)."""
    ran = list(rules) if rules is not None else None
    pack_info = []
    for pack in packs:
        count = (len(pack.rules) if ran is None
                 else sum(1 for r in ran if r.pack == pack.id))
        pack_info.append(PackInfo(pack.id, pack.title, count))
    vintage, attribution = _geography() if geography is None else (geography, "")
    data = ReportData(
        version=__version__,
        packs=pack_info,
        geography=vintage,
        generated=generated or _today(),
        proposals=[],
        attribution=attribution,
    )
    for index, assessment in enumerate(assessments, start=1):
        proposal = _proposal(assessment, f"p{index}-", keep)
        data.proposals.append(proposal)
        data.totals.merge(proposal.totals)
    return data


def _geography() -> tuple[str, str]:
    from placecheck.geography import load_geography

    geography = load_geography()
    return f"{geography.vintage} ({geography.vintage_id})", geography.attribution


def _today() -> str:
    """Today, or SOURCE_DATE_EPOCH's day for reproducible reports."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _proposal(assessment: Assessment, prefix: str, keep: FindingFilter | None
              ) -> ProposalReport:
    result = assessment.result
    doc = assessment.document
    proposal = ProposalReport(
        file=result.file, kind=result.kind, name=result.name, status=result.status,
        date=_latest_agreement(doc.data) if doc is not None else "",
        anchor=prefix.rstrip("-"),
        error=str(result.error) if result.error is not None else "",
    )
    expectations: list[Expectation] = []
    for outcome in assessment.outcomes:
        found = keep(list(outcome.findings)) if keep else list(outcome.findings)
        expectations.append(_from_outcome(outcome, found, doc, prefix))
    others: dict[str, list[Finding]] = {}
    format_findings = list(assessment.format_findings)
    for finding in keep(format_findings) if keep else format_findings:
        others.setdefault(finding.rule_id, []).append(finding)
    for rule_id, found in others.items():
        expectations.append(_from_findings(rule_id, found, prefix))

    sections = {c.id: ChapterSection(c, f"{prefix}ch-{c.id}") for c in CHAPTERS}
    asks = {a.id: AskSection(a) for a in ASKS}
    order = {status: i for i, status in enumerate(STATUSES)}
    rank = {label: i for i, label in enumerate(SEVERITIES)}
    # Gaps first, most severe first; otherwise the packs' own order.
    expectations.sort(key=lambda e: (order[e.status],
                                     rank[e.severity] if e.status == "not_met" else 0))
    for expectation in expectations:
        section = sections[expectation.chapter]
        section.expectations.append(expectation)
        section.counts.add(expectation)
        proposal.totals.add(expectation)
        if expectation.ask is not None:
            asks[expectation.ask].expectations.append(expectation)
            asks[expectation.ask].counts.add(expectation)
    proposal.chapters = [s for s in sections.values() if s.expectations]
    for asked in asks.values():  # the governance model by its parts, in the guidance's order
        asked.expectations.sort(key=lambda e: ASPECTS.index(e.aspect)
                                  if e.aspect in ASPECTS else len(ASPECTS))
    if result.error is None and doc is not None:
        proposal.asks = [a for a in asks.values() if a.expectations]
    return proposal


def _latest_agreement(data: dict[str, Any]) -> str:
    entries = data.get("agreement")
    dates = [e.get("on") for e in entries if isinstance(e, dict)] if isinstance(
        entries, list) else []
    found = [d for d in dates if isinstance(d, dt.date)]
    return max(found).isoformat() if found else ""


def _anchor(prefix: str, rule_id: str) -> str:
    return prefix + _ANCHOR_UNSAFE.sub("-", rule_id)


def _status(applicable: bool, findings: list[Finding]) -> str:
    if not findings:
        return "met" if applicable else "not_applicable"
    if all(not f.counts for f in findings):
        return "explained"
    return "not_met"


def _severity(default: Severity, findings: list[Finding]) -> str:
    counted = [f.severity for f in findings if f.counts]
    return max(counted).label if counted else default.label


def _from_outcome(outcome: RuleOutcome, findings: list[Finding], doc: Document | None,
                  prefix: str) -> Expectation:
    rule = outcome.rule
    status = _status(outcome.applicable, findings)
    asked = ask_for(rule.implements, rule.family)
    return Expectation(
        rule_id=rule.id,
        title=rule.title,
        severity=_severity(rule.severity, findings),
        status=status,
        chapter=chapter_for(rule.citations, rule.family),
        ask=asked[0] if asked else None,
        aspect=asked[1] if asked else "",
        pack=rule.pack,
        rationale=rule.rationale,
        citations=rule.citations,
        evidence=[_evidence(path, value, doc) for path, value in outcome.evidence]
        if doc is not None and status != "not_applicable" else [],
        findings=[_finding_line(f) for f in _in_order(findings)],
        next_steps=_next_steps(rule.id, status, findings),
        anchor=_anchor(prefix, rule.id),
    )


def _from_findings(rule_id: str, findings: list[Finding], prefix: str) -> Expectation:
    """Findings no rule outcome holds (the format checks): one entry per check."""
    first = findings[0]
    status = _status(True, findings)
    chapter = chapter_for(first.citations, first.family)
    asked = None if first.pack == "format" else ask_for(first.implements, first.family)
    return Expectation(
        rule_id=rule_id,
        title=first.title,
        severity=_severity(first.severity, findings),
        status=status,
        chapter=chapter if chapter in CHAPTER_BY_ID else "other",
        ask=asked[0] if asked else None,
        aspect=asked[1] if asked else "",
        pack=first.pack,
        rationale="",
        citations=first.citations,
        evidence=[],
        findings=[_finding_line(f) for f in _in_order(findings)],
        next_steps=_next_steps(rule_id, status, findings),
        anchor=_anchor(prefix, rule_id),
    )


def _in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.location.line, f.location.column))


def _finding_line(finding: Finding) -> FindingLine:
    loc = finding.location
    explained = finding.explained
    return FindingLine(
        rule_id=finding.rule_id,
        severity=finding.severity.label,
        message=finding.message,
        line=loc.line,
        column=loc.column,
        path=_readable_path(loc.json_path),
        hint=finding.hint,
        explained=explained is not None,
        reason=explained.reason if explained else "",
        review_by=(explained.review_by or "") if explained else "",
        agreed_by=explained.agreed_by if explained else (),
    )


def _next_steps(rule_id: str, status: str, findings: list[Finding]) -> list[str]:
    steps: list[str] = []
    if status == "not_met":
        for finding in findings:
            if finding.counts and finding.hint and finding.hint not in steps:
                steps.append(finding.hint)
        if not steps:
            steps.append(f"Run `placecheck explain {rule_id}` to see what meets this "
                         "expectation.")
    elif status == "explained":
        for finding in findings:
            explained = finding.explained
            if explained is None:
                continue
            if explained.review_by:
                step = f"Review this departure by {explained.review_by}"
            else:
                step = "Agree a date to review this departure"
            if explained.agreed_by:
                step += f" (agreed by {', '.join(explained.agreed_by)})"
            step += "."
            if step not in steps:
                steps.append(step)
    return steps


def _readable_path(text: str) -> str:
    return text[2:] if text.startswith("$.") else ("" if text == "$" else text.lstrip("$"))


def _evidence(path: tuple[str | int, ...], value: Any, doc: Document) -> Evidence:
    line, column = doc.position(path)
    return Evidence(_readable_path(json_path(path)), line, column, _value_text(value))


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif value is None:
        text = "(empty)"
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE_CHARS:
        text = text[:MAX_VALUE_CHARS - 1].rstrip() + "…"
    return text


def scorecard_rows(proposal: ProposalReport) -> list[tuple[str, str, Counts]]:
    """(anchor, label, counts) for each chapter with expectations, in the guidance's order."""
    rows = []
    for section in proposal.chapters:
        chapter = section.chapter
        label = f"Governance: {chapter.title}" if chapter.group else chapter.title
        rows.append((section.anchor, label, section.counts))
    return rows


def headline(counts: Counts) -> str:
    """One sentence: how many expectations are not met, and the findings behind them."""
    s = counts.statuses
    f = counts.findings
    parts = [f"{s['not_met']} of {counts.applicable} applicable expectations not met",
             f"{s['explained']} explained by a departure",
             f"{s['met']} met"]
    if s["not_applicable"]:
        parts.append(f"{s['not_applicable']} not applicable")
    findings = (f"{_plural(f['error'], 'error')}, {_plural(f['warning'], 'warning')}, "
                f"{f['info']} info")
    if f["explained"]:
        findings += f", {f['explained']} explained"
    return "; ".join(parts) + f". Findings: {findings}."


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def citation_url(citation: Citation) -> str | None:
    """The citation's address, only if it is a plain http(s) URL."""
    url = citation.url
    if url and re.fullmatch(r"https?://[^\s<>()\"'`|\\\[\]{}]+", url):
        return url
    return None
