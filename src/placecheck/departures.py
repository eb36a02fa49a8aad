"""Comply or explain: `departures:` entries turn matching findings into explained ones.

An explained finding is still reported, but never counts towards failure.
A departure must give its reason, stay within its review date, match a
finding, and name a rule that may be departed from (`waivable: true`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from placecheck.findings import Explanation, Finding, Location
from placecheck.loading import Diagnostic, Document, json_path


def _matches(finding: Finding, rule: str, where: str | None) -> bool:
    if finding.rule_id != rule:
        return False
    if not where:
        return True
    wanted = where if where.startswith("$") else "$." + where.lstrip(".")
    return finding.location.json_path == wanted or finding.location.json_path.startswith(
        (wanted + ".", wanted + "["))


def apply_departures(doc: Document, findings: list[Finding], waivable: dict[str, bool],
                     today: dt.date | None = None) -> tuple[list[Finding], list[Diagnostic]]:
    """Mark explained findings; report departures that cannot stand."""
    entries = doc.data.get("departures")
    if not isinstance(entries, list):
        return findings, []
    today = today or dt.date.today()
    problems: list[Diagnostic] = []
    result = list(findings)
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("rule"), str):
            continue
        path = ("departures", i)
        position = doc.position(path)
        rule = entry["rule"]
        where = entry.get("where") if isinstance(entry.get("where"), str) else None
        reason = entry.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            problems.append(Diagnostic("F011", f"the departure from {rule} gives no reason",
                                       path, position, "Say why the arrangement departs from "
                                       "the guidance in `reason:`: the explanation is the "
                                       "point of comply or explain."))
            continue
        if waivable.get(rule) is False:
            problems.append(Diagnostic("F014", f"{rule} cannot be explained away by a departure: "
                                       "its rule pack marks it as a condition of the "
                                       "arrangement itself, not a choice a place may depart "
                                       f"from (`placecheck explain {rule}` says why)",
                                       path, position, "Change the arrangement so the rule is "
                                       "met; a departure is not accepted for it."))
            continue
        review = entry.get("review_by")
        if isinstance(review, dt.date) and review < today:
            problems.append(Diagnostic("F012", f"the departure from {rule} was due for review "
                                       f"by {review.isoformat()}", (*path, "review_by"),
                                       doc.position((*path, "review_by")),
                                       "Review it, then set a new `review_by:` date."))
            continue
        matched = False
        explanation = Explanation(
            reason=reason.strip(),
            agreed_by=_agreed_by(entry.get("agreed_by")),
            review_by=review.isoformat() if isinstance(review, dt.date) else None,
            location=Location(doc.file, *position, json_path(path)),
        )
        for index, finding in enumerate(result):
            if finding.explained is None and _matches(finding, rule, where):
                result[index] = replace(finding, explained=explanation)
                matched = True
        if not matched and rule in waivable:  # rules that did not run cannot be matched
            problems.append(Diagnostic("F013", f"the departure from {rule}"
                                       f"{' at ' + where if where else ''} matches no finding",
                                       path, position, "Remove it if the arrangement now "
                                       "complies, or correct the rule id or `where:`."))
    return result, problems


def _agreed_by(value: Any) -> tuple[str, ...]:
    """Who agreed a departure: a list, as the format has it; one name written alone is
    taken as that name (not its letters). Anything else is F004's to report."""
    if isinstance(value, list):
        return tuple(str(a) for a in value if a is not None)
    return (value,) if isinstance(value, str) and value.strip() else ()


def strip_explanations(findings: list[Finding]) -> list[Finding]:
    """For audits (`--no-departures`): every finding as if nothing were explained."""
    return [replace(f, explained=None) if f.explained else f for f in findings]


def rule_waivability(rules: list[Any]) -> dict[str, bool]:
    return {rule.id: rule.waivable for rule in rules}
