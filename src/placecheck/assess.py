"""A self-assessment: every expectation, met or not, with evidence and citations.

Where `lint` lists what is wrong, an assessment walks every rule that applies
to a proposal and says, for each, whether it is met, not met, explained by a
departure, or not applicable, with what the proposal says and where.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from placecheck.findings import Finding
from placecheck.lint import FileResult, PlaceCache, lint_paths, resolve_places
from placecheck.loading import Document
from placecheck.rules.engine import RuleOutcome, outcomes
from placecheck.rules.pack import Rule


@dataclass
class Assessment:
    result: FileResult
    outcomes: list[RuleOutcome] = field(default_factory=list)
    # Findings no rule outcome holds: the format checks (F001...).
    format_findings: list[Finding] = field(default_factory=list)

    @property
    def document(self) -> Document | None:
        return self.result.document


def assess_paths(paths: list[Path], rules: list[Rule]) -> list[Assessment]:
    run = lint_paths(paths, rules, keep_documents=True)
    assessments = []
    cache = PlaceCache()
    for result in run.results:
        assessment = Assessment(result)
        doc = result.document
        if doc is not None and result.kind in ("place", "system"):
            if result.kind == "place":
                chosen = [r for r in rules if r.applies_to == "place"]
                context = None
            else:
                chosen = [r for r in rules if r.applies_to == "system"]
                refs, _, _ = resolve_places(doc, cache)
                context = {"places": refs}
            by_rule: dict[str, list[Finding]] = {}
            for finding in result.findings:
                by_rule.setdefault(finding.rule_id, []).append(finding)
            assessment.outcomes = outcomes(chosen, doc, context)
            for outcome in assessment.outcomes:
                outcome.findings = by_rule.pop(outcome.rule.id, [])
                if outcome.findings:
                    outcome.applicable = True
            assessment.format_findings = [f for items in by_rule.values() for f in items]
        else:
            assessment.format_findings = list(result.findings)
        assessments.append(assessment)
    return assessments
