"""pydantic models of the proposal format, version 1 (see docs/proposal-format.md).

Structure only: almost every field is optional here, because a missing
expectation is the rules' business (they cite the guidance that asks for it).
The model insists on what makes a document readable at all: the right keys,
the right types, values from the vocabularies, and ids on entities.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from placecheck.model import vocab
from placecheck.model.types import (
    Amount,
    Count,
    Date,
    Flag,
    IcbCode,
    Id,
    LaCode,
    Ref,
    Text,
    vocabulary,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False)


class IcsRef(Strict):
    name: Text | None = None
    code: IcbCode | None = None


class LocalAuthorityRef(Strict):
    name: Text | None = None
    code: LaCode | None = None
    tier: vocabulary("tier", vocab.TIER) | None = None  # type: ignore[valid-type]
    part: Text | None = Field(None, description="Only where the authority is split")


class HealthAndWellbeingBoard(Strict):
    name: Text | None = None
    relationship: Text | None = None


class Place(Strict):
    name: Text
    ics: IcsRef | None = None
    local_authorities: list[LocalAuthorityRef] = []
    population: Count | None = None
    footprint_rationale: Text | None = None
    health_and_wellbeing_boards: list[HealthAndWellbeingBoard] = []


class Agreement(Strict):
    organisation: Ref
    on: Date | None = None
    forum: Text | None = None


class Remit(Strict):
    adult_social_care: Flag | None = None
    childrens_services: Flag | None = None
    public_health: Flag | None = None
    primary_care: Flag | None = None
    safeguarding: Text | None = Field(
        None, description="Relationship with the safeguarding boards and other multi-agency forums"
    )


class Purpose(Strict):
    vision: Text | None = None
    priorities: list[Text] = []
    evidence: list[Text] = []
    remit: Remit | None = None
    capabilities: Text | None = Field(
        None, description="Where capabilities and programmes sit (place, system, collaboratives)"
    )


class Organisation(Strict):
    id: Id
    name: Text
    kind: vocabulary("organisation kind", vocab.ORGANISATION_KIND)  # type: ignore[valid-type]
    code: Text | None = None
    services: list[vocabulary("service", vocab.SERVICE)] = []  # type: ignore[valid-type]
    foundation_trust: Flag | None = None
    statutory: Flag | None = None
    representation: Text | None = Field(
        None, description="How a partner with a complex footprint is represented"
    )


class Instrument(Strict):
    kind: vocabulary("instrument kind", vocab.INSTRUMENT_KIND) | None = None  # type: ignore[valid-type]
    reference: Text | None = None
    approved_by: list[Ref] = []
    approved_on: Date | None = None


class Assurance(Strict):
    reports_to: list[Ref] = []
    frequency: Text | None = None


class Budget(Strict):
    amount_gbp: Amount | None = None
    pooled: Flag | None = None
    nhs_funding: Flag | None = None


class Function(Strict):
    id: Id
    name: Text
    delegated_from: list[Ref] = []
    delegated_to: Ref | None = None
    accountable: list[Ref] = []
    instrument: Instrument | None = None
    assurance: Assurance | None = None
    budget: Budget | None = None
    commitments: list[vocabulary("commitment", vocab.COMMITMENT)] = []  # type: ignore[valid-type]


class TermsOfReference(Strict):
    reference: Text | None = None
    disagreement: Text | None = None
    lead_member_required: Flag | None = None
    quorum: Text | None = None
    non_statutory_members_approved_by: list[Ref] = []
    approved_by: list[Ref] = []
    approved_on: Date | None = None


class Contract(Strict):
    reference: Text | None = None
    parties: list[Ref] = []
    signed_on: Date | None = None


class Member(Strict):
    role: Text | None = None
    person: Ref | None = None
    organisation: Ref | None = None
    represents: list[vocabulary("represents", vocab.REPRESENTS)] = []  # type: ignore[valid-type]
    voting: Flag | None = None


class GovernanceBody(Strict):
    id: Id
    name: Text
    model: vocabulary("governance model", vocab.GOVERNANCE_MODEL) | None = None  # type: ignore[valid-type]
    explanation: Text | None = None
    established_by: list[Ref] = []
    reports_to: list[Ref] = []
    terms_of_reference: TermsOfReference | None = None
    contract: Contract | None = None
    members: list[Member] = []


class Role(Strict):
    type: vocabulary("role type", vocab.ROLE_TYPE)  # type: ignore[valid-type]
    functions: list[Ref] = []
    body: Ref | None = None
    chair: Flag | None = None
    independent: Flag | None = None
    appointed_by: list[Ref] = []
    programme: Text | None = None
    responsibilities: Text | None = None
    reports_to: Ref | None = None
    accountable_to: list[Ref] = []


class Person(Strict):
    id: Id
    name: Text
    title: Text | None = None
    employers: list[Ref] = []
    roles: list[Role] = []
    other_roles: list[Text] = []
    conflict_of_interest_policies: list[Ref] = []
    conflicts_declared: Text | None = Field(
        None, description="How a potential conflict from other roles is declared and managed"
    )


class ConflictPolicy(Strict):
    owner: list[Ref] = []
    reference: Text | None = None


class Register(Strict):
    kept_by: Ref | None = None
    published: Flag | None = None


class ConflictManagement(Strict):
    exclusion: vocabulary("exclusion", vocab.CONFLICT_EXCLUSION) | None = None  # type: ignore[valid-type]
    decided_by: Text | None = None
    minuted: Flag | None = None


class ConflictsOfInterest(Strict):
    policy: ConflictPolicy | None = None
    register_: Register | None = Field(None, alias="register")
    declarations_at_each_meeting: Flag | None = None
    process: Text | None = None
    management: ConflictManagement | None = None
    guardian: Text | None = None


class PeopleAndCommunities(Strict):
    mechanisms: list[Text] = []
    excluded_groups: list[Text] = []
    public_information: Text | None = None
    feedback: Text | None = None
    equality_impact_assessment: Text | None = None
    healthwatch_role: Text | None = None


class Relationship(Strict):
    representation: Text | None = None
    reporting: Text | None = None


class Accountability(Strict):
    icb: Relationship | None = None
    icp: Relationship | None = None
    nhs_partners: Text | None = None
    local_authorities: Text | None = None
    health_overview_and_scrutiny: Text | None = None
    elected_members: Text | None = None
    performance_monitoring: Text | None = None
    national_commitments: Text | None = None


class Approval(Strict):
    by: Ref
    what: Text | None = None
    due: Date | None = None


class Departure(Strict):
    rule: Text
    where: Text | None = None
    reason: Text | None = None
    agreed_by: list[Ref] = []
    review_by: Date | None = None


class PlaceProposal(Strict):
    """`kind: place`: one place-based partnership's arrangements."""

    placecheck: Literal[1]
    kind: Literal["place"]
    status: vocabulary("status", vocab.STATUS) | None = None  # type: ignore[valid-type]
    place: Place
    agreement: list[Agreement] = []
    purpose: Purpose | None = None
    organisations: list[Organisation] = []
    functions: list[Function] = []
    governance: list[GovernanceBody] = []
    people: list[Person] = []
    conflicts_of_interest: ConflictsOfInterest | None = None
    people_and_communities: PeopleAndCommunities | None = None
    accountability: Accountability | None = None
    approvals_required: list[Approval] = []
    departures: list[Departure] = []


class InlinePlace(PlaceProposal):
    """A place written inside a system file: `placecheck` and `kind` may be left out."""

    placecheck: Literal[1] = 1
    kind: Literal["place"] = "place"


class SystemProposal(Strict):
    """`kind: system`: one ICS and the places it has."""

    placecheck: Literal[1]
    kind: Literal["system"]
    ics: IcsRef
    places: list[Text | InlinePlace] = []
    departures: list[Departure] = []
