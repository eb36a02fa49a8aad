"""How the self-assessment is organised: data, kept in one place.

Two views of the same outcomes:

- by the chapters of *Thriving places* (chapter 4, governance, in its five
  parts), found from the section of a rule's first *Thriving places* citation,
  or from the rule's family where it cites no section of that document;
- by the three things NHS England asked each ICS to set out (Thriving places,
  p. 6): boundaries, functions at place, and the governance model, found from
  the catalogue lines a rule implements, or from its family.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from placecheck.findings import Citation

GUIDANCE_SOURCE = "thriving-places"


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    guidance: str  # where it is in the guidance, for the reader
    group: str = ""  # a parent heading (chapter 4's parts), or ""


GOVERNANCE_HEADING = "Governance, decision-making and accountability"
GOVERNANCE_GUIDANCE = "Thriving places, chapter 4, pp. 19–27"

CHAPTERS: tuple[Chapter, ...] = (
    Chapter("defining-place", "Defining place",
            "Thriving places, chapter 2: Defining place within the health and care system, "
            "pp. 9–11"),
    Chapter("purpose-and-role", "Purpose and role",
            "Thriving places, chapter 3: Defining the purpose and role of the place-based "
            "partnership, pp. 12–18"),
    Chapter("membership", "Membership", "Thriving places, chapter 4: Membership, p. 19",
            GOVERNANCE_HEADING),
    Chapter("people-and-communities", "People and communities",
            "Thriving places, chapter 4: Working with people and communities, p. 20",
            GOVERNANCE_HEADING),
    Chapter("functions", "Functions",
            "Thriving places, chapter 4: Agreeing the functions of the place-based "
            "partnership, p. 21", GOVERNANCE_HEADING),
    Chapter("decision-making", "Decision-making",
            "Thriving places, chapter 4: Governance and decision-making arrangements, "
            "pp. 22–26 (Table 2)", GOVERNANCE_HEADING),
    Chapter("accountability", "Accountability",
            "Thriving places, chapter 4: Accountability arrangements, p. 27",
            GOVERNANCE_HEADING),
    Chapter("leadership", "Leadership", "Thriving places, chapter 5: Leadership, pp. 28–30"),
    Chapter("other", "Other expectations", "rules that fit no chapter of the guidance"),
    Chapter("format", "Format of the proposal",
            "the proposal format, not the guidance: fix these first"),
)
CHAPTER_BY_ID = {c.id: c for c in CHAPTERS}

# Thriving places section id (rules/sources.yaml) -> chapter id. None: the
# section is not specific to one chapter (the introduction's summary of what
# ICSs were asked), so the rule's family decides.
SECTION_CHAPTER: dict[str, str | None] = {
    "key-points": None,
    "action-required": None,
    "foreword": None,
    "introduction": None,
    "background": None,
    "transitioning": None,
    "defining-place": "defining-place",
    "guiding-principles": "defining-place",
    "geography": "defining-place",
    "purpose-and-role": "purpose-and-role",
    "governance-overview": "accountability",  # representation on, and reporting to, ICB and ICP
    "membership": "membership",
    "people-and-communities": "people-and-communities",
    "agreeing-functions": "functions",
    "governance-and-decision-making": "decision-making",
    "accountability": "accountability",
    "leadership-roles": "leadership",
    "leadership-skills": "leadership",
    "conclusion": None,
    "helpful-resources": None,
}

# Rule family -> chapter, where the citations do not decide.
FAMILY_CHAPTER: dict[str, str] = {
    "boundaries": "defining-place",
    "purpose": "purpose-and-role",
    "membership": "membership",
    "people": "people-and-communities",
    "delegation": "decision-making",
    "governance": "decision-making",
    "timetable": "decision-making",
    "leadership": "leadership",
    "format": "format",
}


def chapter_for(citations: Iterable[Citation], family: str) -> str:
    for citation in citations:
        if citation.source == GUIDANCE_SOURCE:
            chapter = SECTION_CHAPTER.get(citation.section)
            if chapter is not None:
                return chapter
            break
    return FAMILY_CHAPTER.get(family, "other")


@dataclass(frozen=True)
class Ask:
    id: str
    title: str
    wording: str  # the guidance's words


ASKS: tuple[Ask, ...] = (
    Ask("boundaries", "Boundaries",
        "the configuration, size and boundaries of the ICS's places"),
    Ask("functions", "Functions at place",
        "the system responsibilities and functions to be carried out at place level"),
    Ask("governance-model", "Governance model",
        "the planned governance model, including membership, decision-making arrangements, "
        "leadership roles as well as agreed representation on, and reporting relationships "
        "with, the ICP and ICB"),
)
ASKS_SOURCE = "Thriving places, 1. Introduction: Transitioning to statutory ICS arrangements, p. 6"

# The parts of the governance model, in the order the guidance lists them.
ASPECTS = ("membership", "decision-making", "leadership", "representation and reporting")

# Catalogue lines (rules' `implements`) for the functions carried out at place.
FUNCTION_LINES = frozenset({"S3", "D1", "D2", "D3", "D11", "D12", "D16", "D17", "NENC8"})
# Governance-model lines that are about representation on, and reporting to, ICB and ICP.
REPORTING_LINES = frozenset({"D14", "D15"})
# The parts of the governance model, by the letter of a catalogue line.
ASPECT_BY_LETTER = {"M": "membership", "D": "decision-making", "C": "leadership"}
# Rule family -> (ask, aspect) for lines with no catalogue letter we know (local packs).
FAMILY_ASK: dict[str, tuple[str, str]] = {
    "boundaries": ("boundaries", ""),
    "membership": ("governance-model", "membership"),
    "delegation": ("governance-model", "decision-making"),
    "governance": ("governance-model", "decision-making"),
    "leadership": ("governance-model", "leadership"),
}


def ask_for(implements: Iterable[str], family: str) -> tuple[str, str] | None:
    """(ask id, aspect of the governance model or "") or None for neither of the three."""
    lines = tuple(implements)
    first = lines[0] if lines else ""
    if first in FUNCTION_LINES:
        return ("functions", "")
    if first.startswith("B") and first[1:].isdigit():
        return ("boundaries", "")
    if first in REPORTING_LINES:
        return ("governance-model", "representation and reporting")
    letter = first[:1]
    if letter in ASPECT_BY_LETTER and first[1:].isdigit():
        return ("governance-model", ASPECT_BY_LETTER[letter])
    if first[:1] in ("P", "S") and first[1:].isdigit():
        return None
    return FAMILY_ASK.get(family)

# How a reader finds the guidance (its own title page; shared/guidance/INDEX.md).
GUIDANCE_REFERENCE = (
    "Thriving places: Guidance on the development of place-based partnerships as part of "
    "statutory integrated care systems, version 1, NHS England and NHS Improvement with the "
    "Local Government Association, 2 September 2021, publication reference PAR660")
