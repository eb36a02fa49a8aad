"""Builds the report's data (model.py) from assessments, once for every format."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable
from typing import Any

from placecheck import __version__
from placecheck.assess import Assessment
from placecheck.findings import Finding, Severity
from placecheck.loading import Document
from placecheck.report import actions
from placecheck.report.model import (
    SEVERITIES,
    STATUSES,
    AskSection,
    ChapterSection,
    Departure,
    Expectation,
    FindingLine,
    PackInfo,
    ProposalReport,
    Quote,
    ReportData,
)
from placecheck.report.structure import (
    ASKS,
    ASPECTS,
    CHAPTER_BY_ID,
    CHAPTERS,
    ask_for,
    chapter_for,
)
from placecheck.report.words import Names, long_date, not_applicable_reason
from placecheck.rules.engine import RuleOutcome
from placecheck.rules.pack import Pack, Rule

_ANCHOR_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")

FindingFilter = Callable[[list[Finding]], list[Finding]]


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
    data = ReportData(version=__version__, packs=pack_info, geography=vintage,
                      generated=generated or _today(), proposals=[], attribution=attribution)
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
    data = doc.data if doc is not None else {}
    proposal = ProposalReport(
        file=result.file, kind=result.kind, name=result.name, status=result.status,
        date=_latest_agreement(data), anchor=prefix.rstrip("-"),
        error=str(result.error) if result.error is not None else "",
        departures=_departures(data),
    )
    names = Names.of(data)
    expectations: list[Expectation] = []
    for outcome in assessment.outcomes:
        found = keep(list(outcome.findings)) if keep else list(outcome.findings)
        expectations.append(_from_outcome(outcome, found, doc, names, prefix))
    others: dict[str, list[Finding]] = {}
    format_findings = list(assessment.format_findings)
    for finding in keep(format_findings) if keep else format_findings:
        others.setdefault(finding.rule_id, []).append(finding)
    for rule_id, found in others.items():
        expectations.append(_from_findings(rule_id, found, names, prefix))

    sections = {c.id: ChapterSection(c, f"{prefix}ch-{c.id}") for c in CHAPTERS}
    asks = {a.id: AskSection(a) for a in ASKS}
    order = {status: i for i, status in enumerate(STATUSES)}
    rank = {label: i for i, label in enumerate(SEVERITIES)}
    # Gaps first, most severe first; otherwise the packs' own order.
    expectations.sort(key=lambda e: (order[e.status],
                                     rank[e.severity] if e.status == "not_met" else 0))
    for expectation in expectations:
        counts = [proposal.totals]
        if expectation.chapter == "format":
            proposal.format_problems.append(expectation)
        else:
            section = sections[expectation.chapter]
            section.expectations.append(expectation)
            counts += [section.counts, proposal.guidance]
        if expectation.ask is not None:
            asks[expectation.ask].expectations.append(expectation)
            counts.append(asks[expectation.ask].counts)
        for count in counts:
            count.add(expectation)
    proposal.chapters = [s for s in sections.values() if s.expectations]
    for asked in asks.values():  # the governance model by its parts, in the guidance's order
        asked.expectations.sort(key=lambda e: ASPECTS.index(e.aspect)
                                  if e.aspect in ASPECTS else len(ASPECTS))
    if result.error is None and doc is not None:
        proposal.asks = [a for a in asks.values() if a.expectations]
        proposal.actions = actions.group(proposal.not_met, data, names)
    return proposal


def _latest_agreement(data: dict[str, Any]) -> str:
    entries = data.get("agreement")
    dates = [e.get("on") for e in entries if isinstance(e, dict)] if isinstance(
        entries, list) else []
    found = [d for d in dates if isinstance(d, dt.date)]
    return max(found).isoformat() if found else ""


def _departures(data: dict[str, Any]) -> list[Departure]:
    entries = data.get("departures")
    found = []
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("rule"), str):
            review = entry.get("review_by")
            found.append(Departure(entry["rule"], str(entry.get("where") or ""),
                                   review.isoformat() if isinstance(review, dt.date) else ""))
    return found


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
                  names: Names, prefix: str) -> Expectation:
    rule = outcome.rule
    status = _status(outcome.applicable, findings)
    asked = ask_for(rule.implements, rule.family)
    evidence = []
    if doc is not None and status != "not_applicable":
        for path, value in outcome.evidence:
            line, _ = doc.position(path)
            key = next((k for k in reversed(path) if isinstance(k, str)), "")
            evidence.append(Quote(line, names.field_phrase(path), names.value(value, key),
                                  _json_path(path)))
    return Expectation(
        rule_id=rule.id, title=rule.title, severity=_severity(rule.severity, findings),
        status=status, chapter=chapter_for(rule.citations, rule.family),
        ask=asked[0] if asked else None, aspect=asked[1] if asked else "",
        pack=rule.pack, rationale=rule.rationale, citations=rule.citations,
        evidence=evidence, findings=[_finding_line(f, names) for f in _in_order(findings)],
        next_steps=_next_steps(rule.id, status, findings, names),
        anchor=_anchor(prefix, rule.id),
        why_not_applicable=((rule.not_applicable
                             or not_applicable_reason(rule.for_each, rule.when))
                            if status == "not_applicable" else ""),
    )


def _from_findings(rule_id: str, findings: list[Finding], names: Names, prefix: str
                   ) -> Expectation:
    """Findings no rule outcome holds (the format checks): one entry per check."""
    first = findings[0]
    status = _status(True, findings)
    chapter = chapter_for(first.citations, first.family)
    asked = None if first.pack == "format" else ask_for(first.implements, first.family)
    return Expectation(
        rule_id=rule_id, title=first.title, severity=_severity(first.severity, findings),
        status=status, chapter=chapter if chapter in CHAPTER_BY_ID else "other",
        ask=asked[0] if asked else None, aspect=asked[1] if asked else "",
        pack=first.pack, rationale="", citations=first.citations, evidence=[],
        findings=[_finding_line(f, names) for f in _in_order(findings)],
        next_steps=_next_steps(rule_id, status, findings, names),
        anchor=_anchor(prefix, rule_id),
    )


def _in_order(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.location.line, f.location.column))


def _finding_line(finding: Finding, names: Names) -> FindingLine:
    loc = finding.location
    explained = finding.explained
    return FindingLine(
        rule_id=finding.rule_id, severity=finding.severity.label, message=finding.message,
        line=loc.line, column=loc.column, path=_readable(loc.json_path), hint=finding.hint,
        explained=explained is not None,
        reason=explained.reason if explained else "",
        review_by=long_date(explained.review_by or "") if explained else "",
        agreed_by=tuple(names.name(a) for a in explained.agreed_by) if explained else (),
    )


def _next_steps(rule_id: str, status: str, findings: list[Finding], names: Names
                ) -> list[str]:
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
                step = f"Review this departure by {long_date(explained.review_by)}"
            else:
                step = "Agree a date to review this departure"
            if explained.agreed_by:
                step += f" (agreed by {_and(names.name(a) for a in explained.agreed_by)})"
            step += "."
            if step not in steps:
                steps.append(step)
    return steps


def _json_path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out.lstrip(".")


def _readable(text: str) -> str:
    return text[2:] if text.startswith("$.") else ("" if text == "$" else text.lstrip("$"))


def _and(items: Iterable[str]) -> str:
    listed = list(items)
    return ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else "".join(listed)
