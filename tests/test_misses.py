"""Gaps a careful reviewer catches: each flawed variant of the clean fixture is found,
by the right rule, for the right catalogue line, at the line of the fixture it concerns."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from placecheck.lint import lint_document
from placecheck.loading import load_path
from placecheck.rules.pack import load_pack, shipped_pack_dirs
from placecheck.rules.testing import patched

PACK = load_pack(shipped_pack_dirs()["thriving-places"])
FIXTURE = PACK.directory / "fixtures" / "clean.yaml"
LINES = FIXTURE.read_text(encoding="utf-8").splitlines()

# name: (changes to the clean fixture, rule, catalogue line, fixture line, text on that line)
MISSES: dict[str, tuple[dict[str, Any], str, str, int, str]] = {
    "a function delegated to a person who is not its executive lead": (
        {"set": {"$.functions[4].delegated_to": "p-fenwick"}},
        "TP-C2", "C2", 391, "employers: [gateshead-health-ft]"),
    "a programme lead whose role lists a delegated function": (
        {"set": {"$.people[?id=p-brennan].roles[0].functions": ["gateshead-primary-care"]}},
        "TP-C4", "C4", 374, "- {type: programme_lead"),
    "a delegated function exercised by nobody": (
        {"remove": ["$.functions[0].delegated_to"]},
        "TP-D2", "D2", 107, "id: gateshead-community-services"),
    "a delegated function with no instrument at all": (
        {"remove": ["$.functions[0].instrument"]},
        "TP-D3", "D2", 107, "id: gateshead-community-services"),
    "a lead provider with no contract": (
        {"set": {"$.governance[1].model": "lead_provider"}},
        "TP-D9", "D9", 258, "id: gateshead-cares-forum"),
    "a committee with no named chair": (
        {"remove": ["$.people[0].roles[0]"]},
        "TP-C7", "C7", 192, "id: gateshead-place-committee"),
    "a chair who presents the body's own delegated function": (
        {"set": {"$.people[0].roles[1]": {"type": "executive_lead",
                                          "functions": ["gateshead-quality-assurance"]}}},
        "TP-C12", "C12", 309, "id: p-armstrong"),
    "a committee of the ICB with no ICB member": (
        {"remove": ["$.governance[0].members[?organisation=nenc-icb]"]},
        "TP-D6", "D6", 215, "- {role: Independent chair"),
    "an adopted proposal agreed in the future": (
        {"set": {"$.agreement[1].on": dt.date(2099, 3, 21)}},
        "TP-D3-ADOPTED", "D3", 36, '"on": 2023-03-21'),
}


def _lint(change: dict[str, Any]) -> list[Any]:
    fixture = load_path(FIXTURE)
    findings = lint_document(patched(fixture, change), PACK.rules)
    assert not [f for f in findings if f.pack == "format"]
    return findings


def test_the_clean_fixture_has_no_error_or_warning() -> None:
    findings = _lint({})
    assert [f.rule_id for f in findings if f.severity.label != "info"] == []


@pytest.mark.parametrize("name", sorted(MISSES))
def test_each_miss_is_found_where_it_is(name: str) -> None:
    change, rule_id, catalogue, line, text = MISSES[name]
    assert text in LINES[line - 1], "the expected line no longer holds what the test means"
    found = [f for f in _lint(change) if f.rule_id == rule_id]
    assert len(found) == 1, [f.message for f in found]
    (finding,) = found
    assert catalogue in finding.implements
    assert finding.location.line == line
    severity = {"C2": "error", "C4": "error", "D2": "error", "D9": "error", "C7": "info",
                "C12": "info", "D6": "error", "D3": "error"}[catalogue]
    assert finding.severity.label == severity
