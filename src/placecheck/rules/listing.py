"""`placecheck rules`, `rules --coverage` and `explain`: the rules described for people."""

from __future__ import annotations

import json
import re
import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from placecheck.rules.pack import Pack, Rule


def _console() -> Console:
    return Console(file=sys.stdout, highlight=False, soft_wrap=True, emoji=False)


def print_rules(packs: list[Pack], output_format: str = "text") -> None:
    rules = [rule for pack in packs for rule in pack.rules]
    if output_format == "json":
        json.dump([{"id": r.id, "severity": r.severity.label, "title": r.title, "pack": r.pack,
                    "family": r.family, "implements": list(r.implements),
                    "waivable": r.waivable, "source": [c.short() for c in r.citations]}
                   for r in rules], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(rules)} rules in {', '.join(p.id for p in packs)}",
                  show_lines=False, expand=False)
    for column in ("id", "severity", "title", "source"):
        table.add_column(column, overflow="fold")
    for rule in rules:
        source = rule.citations[0].short() if rule.citations else ""
        table.add_row(rule.id, rule.severity.label, rule.title, source)
    _console().print(table)
    _console().print("Format checks F001-F009 always run; `placecheck explain F003` says more.")


def coverage(packs: list[Pack]) -> list[tuple[str, str, str, list[str], str]]:
    """(pack, catalogue id, description, implementing rule ids, reason not checked)."""
    rows = []
    for pack in packs:
        implementing: dict[str, list[str]] = {}
        for rule in pack.rules:
            for item in rule.implements:
                implementing.setdefault(item, []).append(rule.id)
        for item, description in pack.catalogue.items():
            rows.append((pack.id, item, description, implementing.get(item, []),
                         pack.not_checked.get(item, "")))
    return rows


def print_coverage(packs: list[Pack], output_format: str = "text") -> None:
    rows = coverage(packs)
    if output_format == "json":
        json.dump([{"pack": p, "id": i, "description": d, "rules": r, "not_checked": n}
                   for p, i, d, r, n in rows], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    table = Table(title="Catalogue coverage")
    for column in ("pack", "line", "expectation", "rules", "status"):
        table.add_column(column, overflow="fold")
    for pack_id, item, description, rule_ids, reason in rows:
        status = "checked" if rule_ids else (f"not checked: {reason}" if reason else "MISSING")
        table.add_row(pack_id, item, description, ", ".join(rule_ids), status)
    _console().print(table)
    missing = [item for _, item, _, rule_ids, reason in rows if not rule_ids and not reason]
    checked = sum(1 for row in rows if row[3])
    _console().print(f"{checked} of {len(rows)} catalogue lines checked by a rule; "
                     f"{len(rows) - checked - len(missing)} deliberately not checked; "
                     f"{len(missing)} missing.")


def _readable(template: str) -> str:
    """A message template for people: `{person.name}` becomes `‹name›`."""
    from placecheck.rules.pack import TEMPLATE_FIELD

    def word(match: re.Match[str]) -> str:
        name = match.group(1).split(".")[-1]
        return "‹details›" if name == "detail" else f"‹{name.replace('_', ' ')}›"

    return TEMPLATE_FIELD.sub(word, template)


def find_rule(packs: list[Pack], rule_id: str) -> Rule | None:
    wanted = rule_id.strip().upper()
    for pack in packs:
        for rule in pack.rules:
            if rule.id.upper() == wanted:
                return rule
    return None


def print_explanation(packs: list[Pack], rule_id: str) -> bool:
    console = _console()
    rule = find_rule(packs, rule_id)
    if rule is None:
        from placecheck.model.format_rules import FORMAT_RULES

        fmt = FORMAT_RULES.get(rule_id.strip().upper())
        if fmt is None:
            return False
        console.print(Text(f"{fmt.id}  {fmt.title}", style="bold"))
        console.print(f"severity: {fmt.severity} (a format check; always on)\n")
        console.print(fmt.rationale + "\n")
        console.print(Text("Passing YAML:", style="bold"))
        console.print(Text(fmt.example))
        return True
    console.print(Text(f"{rule.id}  {rule.title}", style="bold"))
    console.print(f"severity: {rule.severity.label}   pack: {rule.pack}   family: {rule.family}"
                  f"   implements: {', '.join(rule.implements)}"
                  f"{'   cannot be explained away by a departure' if not rule.waivable else ''}")
    console.print()
    console.print(Text("Why", style="bold"))
    console.print(Text(rule.rationale))
    console.print()
    console.print(Text("Where the guidance says so", style="bold"))
    for citation in rule.citations:
        console.print(Text(f"- {citation.short()}"))
        if citation.quote:
            console.print(Text(f'  "{citation.quote}"', style="italic"))
        if citation.url:
            console.print(Text(f"  {citation.url}", style="dim"))
    console.print()
    console.print(Text("What it checks", style="bold"))
    for part in rule.parts:
        console.print(Text(f"- {part.name + ': ' if part.name else ''}{_readable(part.message)}"))
    if rule.for_each:
        console.print(Text(f"  (for each {rule.for_each[1]} in {rule.for_each[0]})", style="dim"))
    from placecheck.rules.examples import failing_example, passing_example

    failing = failing_example(rule)
    if failing is not None and failing.yaml:
        console.print()
        console.print(Text("Failing YAML (from its failing test)", style="bold"))
        console.print(Text(failing.yaml.rstrip()))
        console.print(Text(f"  -> {failing.message}"))
        if failing.fix:
            console.print(Text(f"  fix: {failing.fix}", style="bold"))
    example = passing_example(rule)
    if example:
        console.print()
        console.print(Text("Passing YAML" + ("" if rule.example else
                                             " (the parts of its passing test it reads)"),
                           style="bold"))
        console.print(Text(example.rstrip()))
    return True
