"""The entities of a place proposal: organisations, functions, governance bodies, people.

Each carries an `id`; everything else refers to them by id, and each reference
field says which collections its id must be in (types.RefersTo).
"""

# No `from __future__ import annotations` here: pydantic reads these annotations to build
# the models on every run, and annotations kept as strings would be parsed and evaluated
# again each time.

from pydantic import BaseModel, ConfigDict

from placecheck.model import vocab
from placecheck.model.types import (
    Amount,
    AnyEntityRef,
    BodyOrPersonRef,
    BodyPersonOrOrganisationRef,
    BodyRef,
    Date,
    Flag,
    FunctionRef,
    Id,
    OrganisationOrBodyRef,
    OrganisationRef,
    PersonRef,
    Text,
    about,
    vocabulary,
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_default=False, defer_build=True)


class Organisation(Strict):
    """A partner organisation: the ICB, a council, a trust, a PCN, the VCSE..."""

    id: Id = about("The id others use to refer to this organisation (a lower-case slug).",
                   example="riverton-cc", required=True)
    name: Text = about("Its name.", example="Riverton City Council", required=True)
    kind: vocabulary("organisation kind", vocab.ORGANISATION_KIND) = about(  # type: ignore[valid-type]
        "What sort of organisation it is; membership coverage and statutory roles follow "
        "from it.", "M1", "M2", "M3", "M4", "M5", "M6", "M7", example="local_authority",
        required=True)
    code: Text | None = about("Its ONS or ODS code.", example="E06000999")
    services: list[vocabulary("service", vocab.SERVICE)] = about(  # type: ignore[valid-type]
        "For an NHS provider: the services it provides.", "M2",
        example=["acute", "community"], default=[])
    foundation_trust: Flag | None = about("For an NHS provider: whether it is a foundation "
                                          "trust.", "M10", example=True)
    statutory: Flag | None = about(
        "Whether it is a statutory body; derived from `kind` (icb, local_authority, "
        "nhs_provider and nhs_england are) unless stated.", "D6", "D7", example=True)
    representation: Text | None = about(
        "How a partner with a complex footprint (e.g. an ambulance trust) is represented.",
        "M8", example="Represented through the provider collaborative's seat", added=True)


class Instrument(Strict):
    kind: vocabulary("instrument kind", vocab.INSTRUMENT_KIND) | None = about(  # type: ignore[valid-type]
        "The kind of instrument that delegates the function.", "D3",
        example="scheme_of_reservation_and_delegation")
    reference: Text | None = about("Which document and section.", "D2", "D3",
                                   example="ICB SoRD v3, section 4.2")
    approved_by: list[OrganisationRef] = about("The organisations that approved it (ids).",
                                               "D3", example=["example-icb"], default=[])
    approved_on: Date | None = about("When it was approved (YYYY-MM-DD).", "D3",
                                     example="2023-03-29")


class Assurance(Strict):
    reports_to: list[OrganisationOrBodyRef] = about(
        "Who the function reports back to: organisation or body ids.", "D2",
        example=["example-icb"], default=[])
    frequency: Text | None = about("How often.", "D2", example="quarterly")


class Budget(Strict):
    amount_gbp: Amount | None = about("The budget in pounds, as a plain number (no £ or "
                                      "commas).", "D11", example=48000000)
    pooled: Flag | None = about("Whether it is a pooled budget (e.g. under section 75).",
                                "D11", example=False)
    nhs_funding: Flag | None = about("Whether it includes NHS funding delegated by the ICB.",
                                     "D12", "D17", example=True)


class Function(Strict):
    """A function carried out at place, delegated or not."""

    id: Id = about("The id others use to refer to this function.",
                   example="community-services-commissioning", required=True)
    name: Text = about("What the function is.", "S3",
                       example="Commissioning of community health services", required=True)
    delegated_from: list[OrganisationRef] = about(
        "The statutory bodies that delegate it (ids); empty when it is not a delegated "
        "statutory function.", "D1", "D3", "D6", "D7", example=["example-icb"], default=[])
    delegated_to: BodyOrPersonRef | None = about(
        "Who it is delegated to: a governance body id or a person id.", "D5", "D6", "D8",
        example="riverton-place-committee")
    accountable: list[AnyEntityRef] = about(
        "Who stays accountable: every delegator, each for its own part.", "D1",
        example=["example-icb"], default=[])
    instrument: Instrument | None = about("The instrument that delegates it.", "D3")
    assurance: Assurance | None = about("How the function reports back to the delegator.",
                                        "D2")
    budget: Budget | None = about("The budget that goes with it, if any.", "D11", "D12")
    commitments: list[vocabulary("commitment", vocab.COMMITMENT)] = about(  # type: ignore[valid-type]
        "National NHS commitments the function is run to (mental_health_investment_standard "
        "is placecheck's addition).", "D12", "D17",
        example=["equal_access_for_equal_need", "reduce_health_inequalities"], default=[])


class TermsOfReference(Strict):
    reference: Text | None = about("Which document and version.", "D2",
                                   example="Place Committee terms of reference v2")
    disagreement: Text | None = about("How disagreement between partners is managed.", "D13",
                                      example="Escalation to the ICB and council chief "
                                      "executives")
    lead_member_required: Flag | None = about("Whether a lead member is required.", "D13",
                                              example=False)
    quorum: Text | None = about("What makes the meeting quorate.", "M9",
                                example="Half the voting members, including an ICB member")
    non_statutory_members_approved_by: list[OrganisationRef] = about(
        "The statutory bodies that agreed the non-statutory members' part (ids).", "D10",
        example=["example-icb"], default=[])
    approved_by: list[OrganisationRef] = about(
        "The parties that formally approved the terms (ids).", "D7",
        example=["example-icb", "riverton-cc"], default=[], added=True)
    approved_on: Date | None = about("When they were approved.", "D7", example="2023-03-29",
                                     added=True)


class Contract(Strict):
    reference: Text | None = about("Which contract (lead provider arrangements).", "D9",
                                   example="Lead provider contract 2023-26")
    parties: list[OrganisationRef] = about("The parties to it (ids).", "D9",
                                           example=["example-icb", "riverton-ft"], default=[],
                                           added=True)
    signed_on: Date | None = about("When it was signed.", "D9", example="2023-04-01",
                                   added=True)


class Member(Strict):
    role: Text | None = about("The member's role on the body.", "M9", example="Place Director")
    person: PersonRef | None = about("The person (id), where named.", "M9", example="p-jones")
    organisation: OrganisationRef | None = about("The organisation they come from (id).",
                                                 "M1", "M7", example="example-icb")
    represents: list[vocabulary("represents", vocab.REPRESENTS)] = about(  # type: ignore[valid-type]
        "Who they represent, in the format's words: used to check membership coverage.",
        "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "M10",
        example=["local_authority", "public_health"], default=[])
    voting: Flag | None = about("Whether they take part in formal decisions.", "M9",
                                example=True)


class GovernanceBody(Strict):
    """A body of the partnership's governance: a committee, a forum..."""

    id: Id = about("The id others use to refer to this body.",
                   example="riverton-place-committee", required=True)
    name: Text = about("Its name.", example="Riverton Place Committee", required=True)
    model: vocabulary("governance model", vocab.GOVERNANCE_MODEL) | None = about(  # type: ignore[valid-type]
        "Its governance model, from Thriving places Table 2 (`other` needs an explanation).",
        "D4", "D5", "D6", "D7", "D8", "D9", example="committee_of_statutory_body")
    explanation: Text | None = about("Why the model is `other`, and how it works.", "D4",
                                     example="An advisory board of the two partners")
    established_by: list[OrganisationRef] = about("The bodies that set it up (ids).", "D6",
                                                  "D7", example=["example-icb"], default=[])
    reports_to: list[OrganisationOrBodyRef] = about(
        "Who it reports to: organisation or body ids.", "D7", "D14",
        example=["example-icb"], default=[])
    terms_of_reference: TermsOfReference | None = about("Its terms of reference.",
                                                        "D2", "D13")
    contract: Contract | None = about("For a lead provider: its contract.", "D9")
    members: list[Member] = about("Its members.", "M1", "M9", default=[])


class Role(Strict):
    type: vocabulary("role type", vocab.ROLE_TYPE) = about(  # type: ignore[valid-type]
        "The leadership role, from Thriving places Table 3.", "C2", "C4", "C5", "C7",
        example="executive_lead", required=True)
    functions: list[FunctionRef] = about("For an executive lead: the functions led (ids).",
                                         "C2", "C5", example=["community-services-commissioning"],
                                         default=[])
    body: BodyRef | None = about("For a convenor: the body convened (id).", "C7",
                                 example="riverton-place-committee")
    chair: Flag | None = about("Whether they chair the body.", "C7", "C12", example=True)
    independent: Flag | None = about("Whether the chair is independent.", "C7", example=False,
                                     added=True)
    appointed_by: list[OrganisationRef] = about(
        "Who appointed them (ids); two or more is a joint appointment.", "C2", "C7",
        example=["example-icb", "riverton-cc"], default=[])
    programme: Text | None = about("For a programme lead: the programme.", "C4",
                                   example="Population health analytics")
    responsibilities: Text | None = about("What the role is responsible for.", "C4", "C5",
                                          example="Leads the analytics programme", added=True)
    reports_to: BodyPersonOrOrganisationRef | None = about(
        "Who the role reports to: a body, person or organisation id.", "C4",
        example="riverton-place-committee")
    accountable_to: list[OrganisationOrBodyRef] = about(
        "Who the role is accountable to (ids).", "C8", example=["example-icb", "riverton-cc"],
        default=[], added=True)


class Person(Strict):
    """A named leader or member."""

    id: Id = about("The id others use to refer to this person.", example="p-jones",
                   required=True)
    name: Text = about("Their name.", example="Pat Jones", required=True)
    title: Text | None = about("Their job title.", example="Place Director")
    employers: list[OrganisationRef] = about(
        "Who employs them (ids); two or more is a joint appointment.", "C2",
        example=["example-icb"], default=[])
    roles: list[Role] = about("Their leadership roles at place.", "C2", "C4", "C5", "C7",
                              default=[])
    other_roles: list[Text] = about("Roles they hold elsewhere in the system.", "C6",
                                    example=["Director of Strategy, Riverton FT"], default=[])
    conflict_of_interest_policies: list[OrganisationRef] = about(
        "Whose conflict of interest policies they follow (organisation ids).", "C3",
        example=["example-icb"], default=[])
    conflicts_declared: Text | None = about(
        "How a potential conflict from other roles is declared and managed.", "C6",
        example="Declared on the register; leaves items on Riverton FT contracts", added=True)
