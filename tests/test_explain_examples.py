"""explain's YAML sits where it sits in a proposal, and shows a failure with its fix."""

from __future__ import annotations

import pytest
import yaml

from placecheck.model.proposal import PlaceProposal, SystemProposal
from placecheck.rules.examples import failing_example, passing_example
from placecheck.rules.listing import find_rule
from placecheck.rules.selection import load_packs

from .conftest import run_cli

PACKS = load_packs()
RULES = [rule for pack in PACKS for rule in pack.rules]
TOP_LEVEL = set(PlaceProposal.model_fields) | set(SystemProposal.model_fields)


def _top_keys(example: str) -> set[str]:
    data = yaml.safe_load(example.replace("# ... (shortened)", ""))
    assert isinstance(data, dict)
    return set(data)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_examples_start_at_the_top_of_a_proposal(rule) -> None:  # type: ignore[no-untyped-def]
    assert _top_keys(passing_example(rule)) <= TOP_LEVEL, rule.id
    failing = failing_example(rule)
    if failing is not None and failing.yaml:
        assert _top_keys(failing.yaml) <= TOP_LEVEL, rule.id
        assert failing.message


def test_a_hand_written_example_is_moved_under_its_parents() -> None:
    rule = find_rule(PACKS, "TP-M1")
    assert rule is not None and rule.example.startswith("members:")
    example = yaml.safe_load(passing_example(rule))
    assert list(example) == ["governance"]
    [body] = example["governance"]
    assert body["id"] and body["members"][0]["represents"] == ["primary_care"]


def test_explain_shows_the_failing_example_and_its_fix_before_the_passing_one() -> None:
    out = run_cli("explain", "TP-M1").stdout
    failing, passing = out.index("Failing YAML"), out.index("Passing YAML")
    assert failing < out.index("fix: Add the PCN clinical directors") < passing
    assert "governance:" in out[failing:passing] and "governance:" in out[passing:]


def test_explain_of_a_format_warning_says_warning() -> None:
    out = run_cli("explain", "F016").stdout
    assert "severity: warning" in out and "Members #1 and #2" in out
