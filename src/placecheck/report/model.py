"""The self-assessment as plain data, built once from assessments.

Every format (HTML, Markdown, the short Markdown summary) is a template over
`ReportData`, so the numbers they show are the same numbers. Text from the
proposal is kept as it is here; each template's environment escapes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from placecheck.findings import Citation
from placecheck.report.structure import Ask, Chapter
from placecheck.report.words import long_date

STATUSES = ("not_met", "explained", "met", "not_applicable")
BAR_ORDER = ("met", "explained", "not_met", "not_applicable")
STATUS_LABELS = {
    "not_met": "Not met",
    "explained": "Explained departure",
    "met": "Met",
    "not_applicable": "Not applicable",
}
SEVERITIES = ("error", "warning", "info")
FINDING_COLUMNS = (*SEVERITIES, "explained")


@dataclass(frozen=True)
class Quote:
    """What the proposal says, in its own words: a value or a sentence, and its line."""

    line: int
    about: str  # whose field, in words: "Sunderland Place Committee: reports to"
    text: str
    path: str  # for the appendix only


@dataclass(frozen=True)
class FindingLine:
    rule_id: str
    severity: str  # error | warning | info
    message: str
    line: int
    column: int
    path: str  # for the appendix only
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
    evidence: list[Quote]
    findings: list[FindingLine]
    next_steps: list[str]
    anchor: str
    why_not_applicable: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def page(self) -> str:
        """'Thriving places, p. 10': where a reader finds it in the guidance."""
        if not self.citations:
            return ""
        first = self.citations[0]
        return f"{first.document}, p. {first.page}" if first.page else first.short()


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
            self.findings["explained" if finding.explained else finding.severity] += 1

    def merge(self, other: Counts) -> None:
        for key, value in other.statuses.items():
            self.statuses[key] += value
        for key, value in other.findings.items():
            self.findings[key] += value

    def bar(self) -> list[tuple[str, int, float, float]]:
        """(status, count, start %, width %) for each status present, for a stacked bar."""
        total = self.expectations or 1
        segments, start = [], 0.0
        for status in BAR_ORDER:
            count = self.statuses[status]
            if count:
                width = 100.0 * count / total
                segments.append((status, count, round(start, 3), round(width, 3)))
                start += width
        return segments

    def in_words(self) -> str:
        return ", ".join(f"{self.statuses[s]:,} {STATUS_LABELS[s].lower()}"
                         for s in BAR_ORDER if self.statuses[s])


@dataclass
class ChapterSection:
    chapter: Chapter
    anchor: str
    expectations: list[Expectation] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)

    @property
    def label(self) -> str:
        chapter = self.chapter
        return f"Governance: {chapter.title}" if chapter.group else chapter.title


@dataclass
class AskSection:
    ask: Ask
    expectations: list[Expectation] = field(default_factory=list)
    counts: Counts = field(default_factory=Counts)


@dataclass(frozen=True)
class Action:
    expectation: Expectation
    step: str


@dataclass
class ActionGroup:
    """Who must act, in words ("NHS North East and North Cumbria ICB, the delegating body")."""

    who: str
    actions: list[Action] = field(default_factory=list)


@dataclass(frozen=True)
class Departure:
    rule: str
    where: str
    review_by: str  # ISO date or ""


@dataclass
class Changes:
    since: str  # "1 March 2026" or "sunderland-v1.yaml"
    closed: list[Expectation] = field(default_factory=list)  # not met then, not now
    opened: list[Expectation] = field(default_factory=list)  # not met now, not then
    departures_added: list[Departure] = field(default_factory=list)
    departures_removed: list[Departure] = field(default_factory=list)
    departures_expired: list[Departure] = field(default_factory=list)

    @property
    def direction(self) -> str:
        """'3 gaps closed since 1 March 2026, 1 new'."""
        if not self.closed and not self.opened:
            return f"No gap closed or opened since {self.since}."
        closed = f"{len(self.closed)} gap{'' if len(self.closed) == 1 else 's'} closed"
        return f"{closed} since {self.since}, {len(self.opened)} new."

    @property
    def nothing(self) -> bool:
        return not (self.closed or self.opened or self.departures_added
                    or self.departures_removed or self.departures_expired)


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
    format_problems: list[Expectation] = field(default_factory=list)
    actions: list[ActionGroup] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    totals: Counts = field(default_factory=Counts)  # everything, as lint counts it
    guidance: Counts = field(default_factory=Counts)  # the guidance's expectations only
    changes: Changes | None = None  # once compared with an earlier version

    @property
    def title(self) -> str:
        return self.name or self.file

    @property
    def expectations(self) -> list[Expectation]:
        return [e for s in self.chapters for e in s.expectations]

    @property
    def not_met(self) -> list[Expectation]:
        """The gaps, most serious first."""
        rank = {label: i for i, label in enumerate(SEVERITIES)}
        gaps = [e for e in self.expectations if e.status == "not_met"]
        return sorted(gaps, key=lambda e: rank[e.severity])

    @property
    def explained(self) -> list[Expectation]:
        return [e for e in self.expectations if e.status == "explained"]

    @property
    def format_counts(self) -> Counts:
        counts = Counts()
        for expectation in self.format_problems:
            counts.add(expectation)
        return counts

    @property
    def incomplete(self) -> bool:
        return any(e.status == "not_met" for e in self.format_problems)

    @property
    def verdict(self) -> str:
        gaps = self.guidance.statuses["not_met"]
        if self.error:
            return "Not assessed: the file could not be read."
        if self.incomplete:
            problems = sum(1 for e in self.format_problems if e.status == "not_met")
            so_far = (f" So far {_plural(gaps, 'expectation')} {_are(gaps)} not met."
                      if gaps else "")
            return (f"Assessment incomplete: fix {_plural(problems, 'format problem')} "
                    f"first.{so_far}")
        if gaps == 0:
            return "Ready to submit: every expectation is met or explained."
        return f"Not ready: {_plural(gaps, 'expectation')} {_are(gaps)} not met."

    @property
    def ready(self) -> bool:
        return not self.error and not self.incomplete and self.guidance.statuses["not_met"] == 0


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
    generated: str  # ISO date
    proposals: list[ProposalReport]
    totals: Counts = field(default_factory=Counts)
    attribution: str = ""  # the geography data's licence statement

    @property
    def title(self) -> str:
        if len(self.proposals) == 1:
            return f"Self-assessment: {self.proposals[0].title}"
        return f"Self-assessment of {len(self.proposals)} proposals"

    @property
    def generated_long(self) -> str:
        return long_date(self.generated)




def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _are(count: int) -> str:
    return "is" if count == 1 else "are"
