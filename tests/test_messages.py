"""Messages say what is true: what is missing, where placecheck looked, and names, not ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from placecheck.lint import lint_document
from placecheck.loading import load_path
from placecheck.rules.pack import load_pack, shipped_pack_dirs
from placecheck.rules.testing import patched

PACK = load_pack(shipped_pack_dirs()["thriving-places"])
FIXTURE = PACK.directory / "fixtures" / "clean.yaml"
RULE = {rule.id: rule for rule in PACK.rules}


def _messages(rule_id: str, change: dict[str, Any]) -> list[str]:
    doc = patched(load_path(FIXTURE), change)
    return [f.message for f in lint_document(doc, PACK.rules) if f.rule_id == rule_id]


def test_c1_names_the_missing_policy_not_a_missing_process() -> None:
    (message,) = _messages("TP-C1", {"remove": ["$.conflicts_of_interest.policy.reference"]})
    assert "no agreed" not in message
    assert "`conflicts_of_interest.policy.reference` is not stated" in message


def test_d17_says_where_placecheck_looked_not_that_nothing_is_planned() -> None:
    (message,) = _messages("TP-D17", {"remove": ["$.accountability.national_commitments"]})
    assert "not planned" not in message and "placecheck found no statement" in message


def test_c6_does_not_say_not_stated_when_it_is() -> None:
    (message,) = _messages("TP-C6", {"set": {"$.people[2].other_roles": ["Trust director"]}})
    assert "neither the conflicts of interest `process` nor `conflicts_declared`" in message


def test_joint_committee_parties_are_named_not_miscounted() -> None:
    (message,) = _messages("TP-D7", {"set": {"$.governance[0].model": "joint_committee"}})
    assert "1 statutory parties" not in message
    assert "its statutory parties are: NHS North East and North Cumbria ICB" in message


def test_committee_parents_are_named_not_counted() -> None:
    (message,) = _messages("TP-D6", {"set": {"$.governance[0].established_by":
                                              ["nenc-icb", "gateshead-council"]}})
    assert "found where at most" not in message
    assert "`established_by` names NHS North East and North Cumbria ICB and Gateshead Council" \
        in message


def test_m8_points_at_the_ambulance_trust() -> None:
    doc = patched(load_path(FIXTURE), {"remove": [
        "$.governance[*].members[?represents=ambulance]",
        "$.organisations[?id=neas-ft].representation"]})
    (finding,) = [f for f in lint_document(doc, PACK.rules) if f.rule_id == "TP-M8"]
    assert finding.location.json_path == "$.organisations[4]"


def test_c8_rationale_does_not_make_the_kings_fund_a_requirement() -> None:
    assert "does not require it" in RULE["TP-C8"].rationale
    assert "National policy" not in RULE["TP-C8"].rationale


def test_f014_does_not_claim_the_guidance_says_must() -> None:
    departure = {"rule": "TP-D5", "reason": "The forum holds the grants fund by local agreement",
                 "agreed_by": ["nenc-icb"], "review_by": dt.date(2099, 1, 1)}
    doc = patched(load_path(FIXTURE), {"set": {"$.departures": [departure]}})
    (message,) = [f.message for f in lint_document(doc, PACK.rules) if f.rule_id == "F014"]
    assert "says it must" not in message and "condition of the arrangement" in message
