"""The controlled vocabularies of the proposal format, with plain-English labels.

Kept free of pydantic so that the rule engine and reporters can label tokens
without importing the model.
"""

from __future__ import annotations

# Which top-level collections hold entities with ids, and what one of each is called.
ENTITY_COLLECTIONS: dict[str, str] = {
    "organisations": "organisation",
    "functions": "function",
    "governance": "governance body",
    "people": "person",
}

STATUS = ("draft", "shadow", "adopted")
TIER = ("unitary", "county", "district", "metropolitan_district", "london_borough")

ORGANISATION_KIND = (
    "icb",
    "local_authority",
    "nhs_provider",
    "primary_care_network",
    "gp_federation",
    "healthwatch",
    "vcse",
    "social_care_provider",
    "provider_collaborative",
    "nhs_england",
    "community_partner",
    "other",
)
STATUTORY_KINDS = frozenset({"icb", "local_authority", "nhs_provider", "nhs_england"})

SERVICE = ("acute", "community", "mental_health", "ambulance")

INSTRUMENT_KIND = (
    "scheme_of_reservation_and_delegation",
    "section_75",
    "section_65z5",
    "mou",
    "contract",
    "terms_of_reference",
)

COMMITMENT = (
    "equal_access_for_equal_need",
    "reduce_health_inequalities",
    "spending_transparency",
    "mental_health_investment_standard",
)

GOVERNANCE_MODEL = (
    "consultative_forum",
    "individual_executive",
    "committee_of_statutory_body",
    "joint_committee",
    "lead_provider",
    "other",
)

ROLE_TYPE = ("convenor", "executive_lead", "programme_lead")

REPRESENTS = (
    "icb",
    "primary_care",
    "acute_care",
    "community_health",
    "mental_health",
    "healthwatch",
    "people_and_communities",
    "local_authority",
    "adult_social_services",
    "childrens_services",
    "public_health",
    "elected_member",
    "social_care_provider",
    "vcse",
    "vcse_infrastructure",
    "provider_collaborative",
    "foundation_trust",
    "clinical_primary",
    "clinical_community",
    "clinical_secondary",
    "community_partner",
    "ambulance",
)

CONFLICT_EXCLUSION = ("decision", "discussion_and_decision")

LABELS: dict[str, str] = {
    # represents
    "icb": "the ICB",
    "primary_care": "primary care leadership (e.g. PCN clinical directors)",
    "acute_care": "acute care providers",
    "community_health": "community health providers",
    "mental_health": "mental health providers",
    "healthwatch": "Healthwatch",
    "people_and_communities": "people who use services and their representatives",
    "local_authority": "the local authority",
    "adult_social_services": "the Director of Adult Social Services",
    "childrens_services": "children's services",
    "public_health": "the Director of Public Health",
    "elected_member": "elected members",
    "social_care_provider": "social care providers",
    "vcse": "the voluntary, community and social enterprise (VCSE) sector",
    "vcse_infrastructure": "local VCSE infrastructure bodies",
    "provider_collaborative": "provider collaboratives",
    "foundation_trust": "local foundation trusts",
    "clinical_primary": "clinicians from primary care",
    "clinical_community": "clinicians from community care",
    "clinical_secondary": "clinicians from secondary care",
    "community_partner": "other community partners",
    "ambulance": "the ambulance service",
    # governance models
    "consultative_forum": "consultative forum",
    "individual_executive": "individual executive",
    "committee_of_statutory_body": "committee of a statutory body",
    "joint_committee": "joint committee",
    "lead_provider": "lead provider",
    # commitments
    "equal_access_for_equal_need": "equal access for equal need",
    "reduce_health_inequalities": "the requirement to reduce health inequalities",
    "spending_transparency": "transparency on spending at place",
    "mental_health_investment_standard": "the Mental Health Investment Standard",
}


def label(token: object) -> str:
    text = str(token)
    return LABELS.get(text, text.replace("_", " "))
