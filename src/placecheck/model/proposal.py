"""pydantic models of the proposal format, version 1: the one definition of the format.

lint validates every document with these models (validate.py); the JSON Schema
(schema.py) and docs/proposal-format.md (docs.py) are generated from them.
Structure only: almost every field is optional here, because a missing
expectation is the rules' business (they cite the guidance that asks for it).
The model insists on what makes a document readable at all: the right keys,
the right types, values from the vocabularies, ids on entities, and ids that
refer to something (the entities are in entities.py).
"""

# No `from __future__ import annotations` here: pydantic reads these annotations to build
# the models on every run, and annotations kept as strings would be parsed and evaluated
# again each time.

from typing import Literal

from placecheck.model import vocab
from placecheck.model.entities import Function, GovernanceBody, Organisation, Person, Strict
from placecheck.model.types import (
    Count,
    Date,
    Flag,
    IcbCode,
    LaCode,
    OrganisationRef,
    Text,
    about,
    vocabulary,
)


class IcsRef(Strict):
    name: Text | None = about("The integrated care board's name.", "B1",
                              example="NHS Example ICB")
    code: IcbCode | None = about("Its ONS code (E54 and six digits).", "B1", example="E54000099")


class LocalAuthorityRef(Strict):
    name: Text | None = about("The council's name.", "B3", example="Riverton City Council")
    code: LaCode | None = about("Its ONS code (E06, E07, E08, E09 or E10 and six digits).",
                                "B1", "B3", example="E06000999")
    tier: vocabulary("tier", vocab.TIER) | None = about(  # type: ignore[valid-type]
        "Its tier.", "B3", example="unitary")
    part: Text | None = about("Only where the authority is split: which part is in the place.",
                              "B2", example="wards north of the river")


class HealthAndWellbeingBoard(Strict):
    name: Text | None = about("The board's name.", "B8", example="Riverton HWB")
    relationship: Text | None = about("How the partnership and the board work together.", "B8",
                                      example="HWB sets strategy; partnership delivers it")


class Place(Strict):
    name: Text = about("The place's name.", "B6", example="Riverton", required=True)
    ics: IcsRef | None = about("The integrated care system the place is in.", "B1")
    local_authorities: list[LocalAuthorityRef] = about(
        "The footprint: whole local authority areas.", "B1", "B2", "B3", default=[])
    population: Count | None = about("Residents of the footprint, as a whole number.", "B6",
                                     "B7", example=312000)
    footprint_rationale: Text | None = about("Why this footprint.", "B4",
                                             example="Coterminous with the unitary council")
    health_and_wellbeing_boards: list[HealthAndWellbeingBoard] = about(
        "The health and wellbeing board(s) on the footprint.", "B8", default=[])


class Agreement(Strict):
    organisation: OrganisationRef = about("Who agreed the arrangements (an organisation id).",
                                          "B5", example="example-icb", required=True)
    on: Date | None = about('When (write the key quoted, "on", as YAML 1.1 reads on as true).',
                            "B5", example="2023-03-29")
    forum: Text | None = about("Where it was agreed.", "B5", example="ICB board")


class Remit(Strict):
    adult_social_care: Flag | None = about("Whether adult social care is in the remit.", "S5",
                                           example=True)
    childrens_services: Flag | None = about("Whether children's services are.", "S5",
                                            example=True)
    public_health: Flag | None = about("Whether public health is.", "S5", example=True)
    primary_care: Flag | None = about("Whether primary care is.", "S5", example=True, added=True)
    safeguarding: Text | None = about(
        "Relationship with the safeguarding boards and other multi-agency forums.", "S5",
        example="Reports annually to both safeguarding partnerships", added=True)


class Purpose(Strict):
    vision: Text | None = about("The shared vision.", "S1",
                                example="Everyone in Riverton lives a healthy, independent life")
    priorities: list[Text] = about("The shared priorities.", "S1",
                                   example=["Narrow the gap in healthy life expectancy"],
                                   default=[])
    evidence: list[Text] = about("What the priorities build on (JSNA, joint strategy).", "S2",
                                 example=["Riverton JSNA 2023"], default=[])
    remit: Remit | None = about("What the partnership's remit covers.", "S5")
    capabilities: Text | None = about(
        "Where capabilities and programmes sit (place, system, collaboratives).", "S4",
        example="Analytics at system; neighbourhood teams at place", added=True)


class ConflictPolicy(Strict):
    owner: list[OrganisationRef] = about("Whose policy it is (organisation ids).", "C1", "C3",
                                         example=["example-icb"], default=[])
    reference: Text | None = about("Which policy.", "C1",
                                   example="ICB Conflicts of Interest Policy v2")


class Register(Strict):
    kept_by: OrganisationRef | None = about("Who keeps the register of interests (id).", "C9",
                                            example="example-icb")
    published: Flag | None = about("Whether it is published.", "C9", example=True)


class ConflictManagement(Strict):
    exclusion: vocabulary("exclusion", vocab.CONFLICT_EXCLUSION) | None = about(  # type: ignore[valid-type]
        "What a conflicted member is excluded from.", "C10", example="discussion_and_decision")
    decided_by: Text | None = about("Who decides how each conflict is managed.", "C10",
                                    example="The chair")
    minuted: Flag | None = about("Whether the decision is minuted.", "C10", example=True)


class ConflictsOfInterest(Strict):
    policy: ConflictPolicy | None = about("The conflicts of interest policy followed.", "C1")
    register_: Register | None = about("The register of interests.", "C9", alias="register")
    declarations_at_each_meeting: Flag | None = about(
        "Whether interests are declared at the start of each meeting.", "C9", example=True)
    process: Text | None = about("The agreed process to manage conflicts of interest.", "C1",
                                 example="Conflicted members leave the discussion and do not "
                                 "vote")
    management: ConflictManagement | None = about("How each conflict is managed.", "C10",
                                                  added=True)
    guardian: Text | None = about("Who concerns go to.", "C11",
                                  example="ICB audit committee chair")


class PeopleAndCommunities(Strict):
    mechanisms: list[Text] = about("How people and communities are involved.", "P1",
                                   example=["Citizens' panel"], default=[])
    excluded_groups: list[Text] = about("How excluded groups are reached.", "P2",
                                        example=["Outreach with Gypsy and Traveller groups"],
                                        default=[])
    public_information: Text | None = about("Where the public finds vision, plans and progress.",
                                            "P3", example="https://...")
    feedback: Text | None = about("How people hear what their views changed.", "P3",
                                  example="'You said, we did' report each quarter")
    equality_impact_assessment: Text | None = about("Equality impact assessments.", "P4",
                                                    example="Each new service design")
    healthwatch_role: Text | None = about("Healthwatch's role.", "P5",
                                          example="Voting seat on the committee", added=True)


class Relationship(Strict):
    representation: Text | None = about("How the place is represented there.", "D14",
                                        example="Place Director attends the ICB board")
    reporting: Text | None = about("How the place reports to it.", "D14",
                                   example="Quarterly report")


class Accountability(Strict):
    icb: Relationship | None = about("Representation on, and reporting to, the ICB.", "D14")
    icp: Relationship | None = about("Representation on, and reporting to, the ICP.", "D14")
    nhs_partners: Text | None = about("How NHS partners account to NHS England.", "D15",
                                      example="Through the ICB", added=True)
    local_authorities: Text | None = about("How local authorities account through local "
                                           "democracy.", "D15", example="Through Cabinet",
                                           added=True)
    health_overview_and_scrutiny: Text | None = about(
        "The relationship with health overview and scrutiny.", "D15",
        example="Annual report to the scrutiny committee")
    elected_members: Text | None = about("How elected members take part.", "D15",
                                         example="Two cabinet members sit on the committee")
    performance_monitoring: Text | None = about(
        "The role in performance monitoring of delegated functions.", "D16",
        example="Monthly dashboard; risks to the ICB")
    national_commitments: Text | None = about(
        "How national NHS commitments (e.g. the Mental Health Investment Standard) are "
        "delivered.", "D17", example="MHIS tracked by the ICB finance team", added=True)


class Approval(Strict):
    by: OrganisationRef = about("Whose approval is needed (organisation id).", "D18",
                                example="riverton-cc", required=True)
    what: Text | None = about("What needs approving.", "D18", example="Cabinet approval of s75")
    due: Date | None = about("When it is due.", "D18", example="2023-02-15")


class Departure(Strict):
    rule: Text = about("The rule departed from (comply or explain).",
                       example="TP-B7", required=True)
    where: Text | None = about("Optionally, the path it applies to.",
                               example="$.place.population")
    reason: Text | None = about("The explanation.", example="The borough is the natural "
                                "footprint")
    agreed_by: list[OrganisationRef] = about("Who agreed it (ids).", example=["example-icb"],
                                             default=[])
    review_by: Date | None = about("When it is to be reviewed.", example="2024-03-31")


class PlaceProposal(Strict):
    """`kind: place`: one place-based partnership's arrangements."""

    placecheck: Literal[1] = about("The format version: always 1.", example=1, required=True)
    kind: Literal["place"] = about("`place` for one place's arrangements.", example="place",
                                   required=True)
    status: vocabulary("status", vocab.STATUS) | None = about(  # type: ignore[valid-type]
        "Where the arrangements stand.", example="draft")
    place: Place = about("The place: name, system, footprint, population.", "B1", "B6",
                         required=True)
    agreement: list[Agreement] = about("Who agreed these arrangements, and when.", "B5",
                                       default=[])
    purpose: Purpose | None = about("The shared purpose.", "S1", "S2")
    organisations: list[Organisation] = about("The partner organisations.", "M1", default=[])
    functions: list[Function] = about("What is done or delegated at place.", "S3", "D1",
                                      default=[])
    governance: list[GovernanceBody] = about("The governance bodies.", "D4", "M9", default=[])
    people: list[Person] = about("The leaders and named members.", "C2", "C5", default=[])
    conflicts_of_interest: ConflictsOfInterest | None = about(
        "How conflicts of interest are managed.", "C1", "C9")
    people_and_communities: PeopleAndCommunities | None = about(
        "How people and communities are involved.", "P1")
    accountability: Accountability | None = about("Accountability routes and relationships.",
                                                  "D14", "D15")
    approvals_required: list[Approval] = about(
        "Approvals needed before the arrangements are established.", "D18", default=[])
    departures: list[Departure] = about("Comply or explain: departures from rules, with their "
                                        "reasons.", default=[])


class InlinePlace(PlaceProposal):
    """A place written inside a system file: `placecheck` and `kind` may be left out."""

    placecheck: Literal[1] = about("The format version (may be left out inline).", default=1)
    kind: Literal["place"] = about("`place` (may be left out inline).", default="place")


class SystemProposal(Strict):
    """`kind: system`: one ICS and the places it has."""

    placecheck: Literal[1] = about("The format version: always 1.", example=1, required=True)
    kind: Literal["system"] = about("`system` for an ICS and its places.", example="system",
                                    required=True)
    ics: IcsRef = about("The integrated care system.", "B9", required=True)
    places: list[Text | InlinePlace] = about(
        "Its places: paths to place files (relative to this file) or places written inline.",
        "B9", example=["places/riverton.yaml"], default=[])
    departures: list[Departure] = about("Comply or explain: departures from system rules.",
                                        default=[])
