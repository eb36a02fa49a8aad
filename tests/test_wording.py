"""Rules that read prose: many ways of saying a thing meet them, saying the opposite does not.

Each case runs the shipped rule on its pack's clean fixture with one prose field
rewritten (and the structured field that would otherwise answer removed).
"""

from __future__ import annotations

from typing import Any

import pytest

from placecheck.lint import lint_document
from placecheck.loading import load_path
from placecheck.rules.pack import load_pack, shipped_pack_dirs
from placecheck.rules.testing import patched

PACKS = {name: load_pack(path) for name, path in shipped_pack_dirs().items()}
RULES = {rule.id: (pack, rule) for pack in PACKS.values() for rule in pack.rules}

OTHER_ROLE = {"$.people[2].other_roles": ["Non-executive director, Gateshead Health NHS FT"]}
JOINT = {"$.governance[0].model": "joint_committee",
         "$.governance[0].established_by": ["nenc-icb", "gateshead-council"],
         "$.governance[0].reports_to": ["nenc-icb", "gateshead-council"]}
LEAD_PROVIDER = {"$.governance[1].model": "lead_provider"}
NO_NEAS = ["$.governance[*].members[?organisation=neas-ft]",
           "$.organisations[?id=neas-ft].representation"]

# rule: (field written, changes, removals, ways of saying it, ways of saying the opposite)
CASES: dict[str, tuple[str, dict[str, Any], list[str], list[str], list[str]]] = {
    "TP-C10": ("$.conflicts_of_interest.process", {}, ["$.conflicts_of_interest.management"], [
        "A member with a conflict withdraws for that item; the chair decides how the conflict "
        "is handled, and this is minuted.",
        "Conflicted members leave the room and take no part in the vote. The chair determines "
        "how each conflict is managed and the decision is recorded in the minutes.",
        "Where an interest is declared the chair decides whether the member steps out of the "
        "meeting, and the outcome is minuted.",
        "Anyone with a conflict is excluded from the discussion and the decision, at the "
        "chair's discretion; the minutes record what was done.",
        "Interests are recorded in the minutes. The chair will rule on each declared interest; "
        "a member who is conflicted takes no part in the decision.",
        "The chair agrees how a declared conflict is managed (usually the member withdraws) "
        "and the minutes note it.",
        "Conflicted members do not vote and leave the meeting for the item, as the chair "
        "directs; the action is logged.",
        "Members who are conflicted will not take part in the decision. It is for the chair to "
        "decide how to manage the conflict, and every such decision is minuted.",
        "The chairperson decides how each conflict is managed; the conflicted member stepped "
        "aside and the minutes recorded it.",
        "Conflicted members will be excluded from the discussion and the vote. The chair shall "
        "decide how each conflict is managed, and this shall be minuted.",
    ], [
        "Conflicted members may still vote; the chair decides and it is minuted.",
        "Members with an interest are not required to leave the room; the chair decides how it "
        "is handled and it is recorded.",
        "Conflicted members need not withdraw. The chair decides, and it is minuted.",
        "The chair decides how conflicts are handled and it is minuted; no member is ever "
        "excluded from a decision.",
    ]),
    "TP-C6": ("$.conflicts_of_interest.process", OTHER_ROLE, [], [
        "Leaders who hold roles in more than one organisation declare each of them.",
        "Where a leader holds several roles across the partners, each is on the register and "
        "the chair agrees how they are managed.",
        "Dual roles, such as a trust director who is also an executive lead, are declared.",
        "People with other roles in partner organisations declare them on appointment.",
        "Any member holding multiple roles in the system declares them and they are recorded.",
        "Executive leads who also hold another role elsewhere declare it to the ICB.",
        "Other posts held by members are declared on the register.",
        "Members declare their wider roles in the system on appointment and each year.",
    ], [
        "Leaders' other roles are not declared.",
        "Members holding several roles do not need to declare them.",
        "No declaration is needed for other roles.",
        "Other roles held by members are never declared.",
    ]),
    "TP-D7": ("$.governance[0].terms_of_reference.reference", JOINT,
              ["$.governance[0].terms_of_reference.approved_by"], [
        "Joint committee MOU, approved by the ICB Board on 29 March 2023 and by Cabinet.",
        "Terms agreed by the ICB Board and the council's Cabinet in March 2023.",
        "MOU v2 (ICB Board approval 29/03/2023; Cabinet approval 21/03/2023).",
        "Terms of reference adopted by both partners in March 2023.",
        "Memorandum of understanding signed by the ICB and council chief executives.",
        "Terms ratified by the ICB Board and by full Council in April 2023.",
        "Joint committee terms, endorsed by the ICB Board and Cabinet.",
        "Both parties formally agreed the terms of reference on 1 April 2023.",
    ], [
        "Draft terms of reference, not yet approved by either party.",
        "MOU awaiting approval by the ICB Board and Cabinet.",
        "Terms of reference pending approval by the council.",
        "Terms of reference, still subject to approval by the ICB.",
        "Joint committee MOU, to be approved by the ICB Board and Cabinet in April.",
        "The terms are awaiting ratification by both parties.",
    ]),
    "TP-D9": ("$.governance[1].contract.reference", LEAD_PROVIDER, [], [
        "Lead provider contract with NHS North East and North Cumbria ICB, 2023-2028.",
        "Alliance contract between the ICB and Gateshead Health NHS FT.",
        "Section 75 lead provider agreement with Gateshead Council.",
        "Contract awarded by the integrated care board in April 2023.",
        "NHS Standard Contract held with the ICB (schedule 2 sets the place outcomes).",
        "Lead provider agreement with the local authority for community services.",
        "Contract for community services let by the council and the ICB jointly.",
        "Agreement with the borough council for integrated community services.",
    ], [
        "Alliance agreement between the two foundation trusts, not with the ICB.",
        "A subcontract from the trust; the council is not a party.",
        "Memorandum between providers only.",
    ]),
    "TP-D17": ("$.accountability.performance_monitoring", {},
               ["$.accountability.national_commitments"], [
        "The place meets the Mental Health Investment Standard and reports on it quarterly.",
        "Delivery of national NHS commitments is tracked in the shared performance report.",
        "MHIS compliance is reported to the ICB each quarter.",
        "Our plan delivers the NHS operational planning guidance targets for Gateshead.",
        "The performance report covers the operational plan and local priorities.",
        "National commitments from the NHS Long Term Plan are built into the place budget.",
        "We monitor the constitutional standards alongside local measures.",
        "Progress against national priorities and targets is reviewed each month.",
    ], [
        "The Mental Health Investment Standard does not apply at place.",
        "No national commitments are planned at place.",
        "National NHS commitments are not delegated to the place.",
    ]),
    "TP-P5": ("$.people_and_communities.mechanisms",
              {}, ["$.people_and_communities.healthwatch_role",
                   "$.governance[*].members[?represents=healthwatch]"], [
        "Healthwatch Gateshead brings its quarterly insight report to the committee.",
        "Enter and view visits by Healthwatch inform commissioning decisions.",
        "The local Healthwatch runs the citizens' panel on our behalf.",
        "Healthwatch's independent reports are a standing item.",
        "Healthwatch co-chairs the people and communities group.",
        "We commission Healthwatch to gather views from seldom-heard groups.",
        "Patient experience is reported by HEALTHWATCH each quarter.",
        "Healthwatch is consulted on every service change.",
    ], [
        "No Healthwatch involvement is planned.",
        "Healthwatch is not involved.",
        "We engage residents without Healthwatch.",
    ]),
    "TP-S4": ("$.purpose.vision", {}, ["$.purpose.capabilities"], [
        "Care joined up in each neighbourhood, with at-scale work left to the provider "
        "collaborative.",
        "Place leads neighbourhood care; analytics sit at system level.",
        "We avoid duplication with the ICB by agreeing what is done where.",
        "Specialised pathways are planned across the system, community services at place.",
        "Work is done at the lowest sensible level (subsidiarity), the rest at ICS level.",
        "Estates and digital sit at system, integration at place.",
        "Each programme sits where it works best, to avoid duplication.",
        "The provider collaborative runs acute reconfiguration; place runs neighbourhoods.",
    ], [
        "There is no provider collaborative in this area.",
        "Nothing is planned at system level.",
        "Capabilities at scale are not yet agreed.",
    ]),
    "NENC-S5": ("$.place.health_and_wellbeing_boards[0].relationship", {},
                ["$.purpose.remit.safeguarding"], [
        "Same footprint; the safeguarding boards report to the Board.",
        "The Board receives the Safeguarding Adults Board annual report.",
        "The Safeguarding Children Partnership and the HWB share a work plan.",
        "Safeguarding is overseen by the multi-agency safeguarding partnership, which reports "
        "to the Board.",
        "The HWB links with the safeguarding adults and children boards.",
        "Our safeguarding arrangements are reviewed at the Board each year.",
        "The Board and the place committee both hear from the safeguarding partnerships.",
        "Risks are escalated to the local safeguarding boards.",
    ], [
        "The safeguarding boards are not involved.",
        "No safeguarding board relationship exists.",
        "The Board works without reference to safeguarding.",
    ]),
    "NENC-M10": ("$.accountability.performance_monitoring", {}, NO_NEAS, [
        "The ambulance trust attends for urgent care items.",
        "North East Ambulance Service receives all papers.",
        "NEAS (the ambulance service) joins when urgent care is discussed.",
        "Ambulance performance is reviewed with the trust each quarter.",
        "The regional ambulance trust is represented through the urgent care board.",
        "An ambulance service manager attends twice a year.",
        "Ambulance handover data are shared with the trust.",
        "The ambulance trust, which covers the whole ICS, sends its head of operations.",
    ], [
        "The ambulance trust does not take part.",
        "No ambulance representation is arranged.",
        "The ambulance service is not represented.",
    ]),
}


def _findings(rule_id: str, text: str | list[str]) -> list[str]:
    pack, rule = RULES[rule_id]
    where, changes, removals, _, _ = CASES[rule_id]
    fixture = load_path(pack.directory / "fixtures" / "clean.yaml")
    value: Any = [text] if where.endswith("mechanisms") else text
    if where.endswith("contract.reference"):
        where, value = where.removesuffix(".reference"), {"reference": text}
    doc = patched(fixture, {"remove": removals, "set": {**changes, where: value}})
    findings = lint_document(doc, [rule])
    assert not [f for f in findings if f.pack == "format"], "the patched fixture is not valid"
    return [f.message for f in findings if f.rule_id == rule_id]


SAYINGS = [(rule, text) for rule, case in CASES.items() for text in case[3]]
OPPOSITES = [(rule, text) for rule, case in CASES.items() for text in case[4]]


@pytest.mark.parametrize(("rule_id", "text"), SAYINGS)
def test_each_way_of_saying_it_meets_the_rule(rule_id: str, text: str) -> None:
    assert _findings(rule_id, text) == []


@pytest.mark.parametrize(("rule_id", "text"), OPPOSITES)
def test_saying_the_opposite_does_not(rule_id: str, text: str) -> None:
    assert _findings(rule_id, text)


def test_every_prose_rule_has_enough_wordings() -> None:
    for rule_id, (_, _, _, sayings, opposites) in CASES.items():
        assert len(sayings) >= 8 and len(opposites) >= 3, rule_id


def test_every_rule_that_reads_prose_has_a_wording_table() -> None:
    reads_prose = {rule.id for _, rule in RULES.values() if "mentions" in repr(rule.parts)}
    # TP-C7 reads a member's role title ("Independent chair"), a label rather than prose.
    assert reads_prose - {"TP-C7"} == set(CASES)
