"""Evaluate rules against a document and turn failures into findings."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from placecheck.findings import Finding, Location
from placecheck.loading import Document, json_path
from placecheck.model.vocab import LABELS, label
from placecheck.rules.pack import Rule
from placecheck.rules.paths import Node, PathKey, Scope
from placecheck.rules.rule_refs import TEMPLATE_FIELD
from placecheck.rules.vocabulary import Failure, passes, run_check


def evaluate(rules: Iterable[Rule], doc: Document, data: Any = None,
             prefix: PathKey = (), context: dict[str, Any] | None = None) -> list[Finding]:
    """Run each rule on the document (or on `data`, a part of it at `prefix`)."""
    scope = Scope(doc.data if data is None else data, context=context)
    findings: list[Finding] = []
    for rule in rules:
        # Two checks of one part can find the same gap (a person who both leads a
        # function and has it delegated to them): it is reported once.
        seen: set[tuple[str, int, int, str]] = set()
        for item in _items(rule, scope):
            if rule.when is not None and not passes(rule.when, item):
                continue
            for part in rule.parts:
                for failure in run_check(part.check, item):
                    finding = _finding(rule, part.message, part.hint,
                                       part.severity or rule.severity, failure, item, doc,
                                       prefix)
                    key = (finding.location.json_path, finding.location.line,
                           finding.location.column, finding.message)
                    if key not in seen:
                        seen.add(key)
                        findings.append(finding)
    return findings


@dataclass
class RuleOutcome:
    """How one rule went on one document, for the self-assessment report."""

    rule: Rule
    applicable: bool  # False when for_each found nothing or `when` never held
    findings: list[Finding] = field(default_factory=list)
    evidence: list[tuple[PathKey, Any]] = field(default_factory=list)

    @property
    def status(self) -> str:
        if not self.applicable:
            return "not_applicable"
        if not self.findings:
            return "met"
        if all(not f.counts for f in self.findings):
            return "explained"
        return "not_met"


def outcomes(rules: Iterable[Rule], doc: Document,
             context: dict[str, Any] | None = None) -> list[RuleOutcome]:
    """Each rule's outcome, with the values its checks read as evidence.

    Findings are left empty here: the caller attaches the findings of the lint
    run (which carry departures) by rule id.
    """
    results = []
    for rule in rules:
        applicable, trace, quotes = _trace(rule, doc.data, context)
        evidence: list[tuple[PathKey, Any]] = []
        # Prose that met a check is shown by the sentences that met it, not as a whole.
        quoted = {node.path for node in quotes}
        seen: set[tuple[PathKey, str]] = set()
        for node in trace:
            shown = [q for q in quotes if q.path == node.path] if node.path in quoted else [node]
            for item in shown:
                key = (item.path, str(item.value))
                if key in seen or isinstance(item.value, dict | list):
                    continue
                seen.add(key)
                evidence.append((item.path, item.value))
        results.append(RuleOutcome(rule, applicable, [], evidence[:6]))
    return results


def trace_rule(rule: Rule, data: Any,
               context: dict[str, Any] | None = None) -> tuple[bool, list[Node]]:
    """Run a rule and record every value its checks read.

    Returns whether the rule applied at all (for_each found something and
    `when` held for it), and the recorded nodes (none when it did not apply).
    """
    applicable, trace, _ = _trace(rule, data, context)
    return applicable, trace


def _trace(rule: Rule, data: Any,
           context: dict[str, Any] | None) -> tuple[bool, list[Node], list[Node]]:
    scope = Scope(data, context=context)
    scope.trace = []
    scope.quotes = []
    applicable = False
    for item in _items(rule, scope):
        if rule.when is not None and not passes(rule.when, item):
            continue
        applicable = True
        for part in rule.parts:
            run_check(part.check, item)
    if not applicable:
        return False, [], []
    return True, scope.trace, scope.quotes


def _items(rule: Rule, scope: Scope) -> list[Scope]:
    if rule.for_each is None:
        return [scope]
    path, name = rule.for_each
    return [scope.bind(name, node) for node in scope.select(path)]


def _finding(rule: Rule, message: str, hint: str, severity: Any, failure: Failure,
             scope: Scope, doc: Document, prefix: PathKey) -> Finding:
    path = (*prefix, *failure.path)
    line, column = doc.position(path)
    values = {"detail": failure.detail, **failure.params}
    related = tuple(values.pop("related", ()))
    return Finding(
        rule_id=rule.id,
        severity=severity,
        message=render(message, scope, values),
        hint=render(hint, scope, values),
        location=Location(doc.file, line, column, json_path(path)),
        title=rule.title,
        citations=rule.citations,
        implements=rule.implements,
        pack=rule.pack,
        family=rule.family,
        related=related,
    )


def render(template: str, scope: Scope, values: dict[str, Any]) -> str:
    """Fill `{name}` and `{variable.path}` fields; never evaluates anything."""

    def field(match: Any) -> str:
        name = match.group(1)
        if name in values:
            return _text(values[name])
        root, _, rest = name.partition(".")
        if root in scope.variables:
            path = root + ("." + rest if rest else "")
            found = scope.values(path)
            return _text(found[0] if len(found) == 1 else found) if found else "(not stated)"
        return str(match.group(0))

    return TEMPLATE_FIELD.sub(field, template).strip()


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) or "none"
    if isinstance(value, dict):
        return str(value.get("name") or value.get("id") or "")
    if value is None:
        return "(not stated)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float) and abs(value) >= 10000:
        return f"{value:,}"  # 196,149: as the guidance and people write populations
    return label(value) if isinstance(value, str) and value in LABELS else str(value)
