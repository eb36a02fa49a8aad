"""Findings: what placecheck reports, and how findings are ordered and counted.

Every stage after the rules produces or consumes `Finding` objects; reporters
only format them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import IntEnum


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(
                f"unknown severity {text!r}: use one of error, warning, info"
            ) from None


@dataclass(frozen=True)
class Citation:
    """A pointer into the guidance registry (rules/sources.yaml), resolved."""

    source: str  # registry id, e.g. "thriving-places"
    section: str  # section id within the source, e.g. "membership"
    document: str  # the document's title
    section_title: str
    page: int | None = None
    quote: str | None = None
    url: str | None = None
    table: str | None = None

    def short(self) -> str:
        """One line: 'Thriving places, Membership, p. 19'."""
        where = self.section_title
        if self.table:
            where = f"{where} ({self.table})"
        page = f", p. {self.page}" if self.page else ""
        return f"{self.document}, {where}{page}"


@dataclass(frozen=True)
class Location:
    """Where a finding points: file, 1-based line and column, and the JSON path."""

    file: str
    line: int  # 1-based
    column: int  # 1-based
    json_path: str = "$"


@dataclass(frozen=True)
class Explanation:
    """A `departures:` entry that explains a finding (comply or explain)."""

    reason: str
    agreed_by: tuple[str, ...] = ()
    review_by: str | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Finding:
    """One gap found in a proposal: rule, severity, message, location, hint, citations."""

    rule_id: str
    severity: Severity
    message: str
    location: Location
    title: str = ""
    hint: str = ""
    citations: tuple[Citation, ...] = ()
    implements: tuple[str, ...] = ()
    pack: str = ""
    family: str = ""
    # Extra locations involved (e.g. the other place file in a system check).
    related: tuple[Location, ...] = ()
    explained: Explanation | None = None
    # Facts the check found, for reports: what was looked at and what it held.
    evidence: tuple[str, ...] = field(default=(), compare=False)

    @property
    def counts(self) -> bool:
        """Explained findings are shown but never count towards failure."""
        return self.explained is None

    def fingerprint(self, file: str | None = None) -> str:
        """Stable identity that survives line moves: rule, file, path, message.

        `file` replaces the location's file name (a baseline names files relative
        to itself, so that it works from any working directory).
        """
        import hashlib  # only the formats that carry fingerprints pay for it

        raw = "\x1f".join((self.rule_id, self.location.file if file is None else file,
                            self.location.json_path, self.message))
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def sort_key(finding: Finding) -> tuple[str, int, int, str]:
    loc = finding.location
    return (loc.file, loc.line, loc.column, finding.rule_id)


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)


def fails(findings: list[Finding], fail_on: Severity) -> bool:
    return any(f.counts and f.severity >= fail_on for f in findings)


def unique_citations(findings: list[Finding]) -> list[Citation]:
    """Each citation once, in the order the findings first give it."""
    seen: dict[tuple[str, str, str | None], Citation] = {}
    for finding in findings:
        for citation in finding.citations:
            seen.setdefault((citation.source, citation.section, citation.quote), citation)
    return list(seen.values())
