"""Checks of the councils, boards and population on a place's footprint.

A place of several councils (districts with their county, or several
unitaries) needs each of its councils to agree the arrangements (TP-B5) and
to have a seat or a stated route into the partnership (TP-M4), and the health
and wellbeing board of each authority with social care duties named (TP-B8).
Only the footprint's councils count: a neighbouring council listed as a
partner organisation is welcome but not required. `geography_checks`
registers these as `geography:` check words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from placecheck.footprint import Footprint, footprint
from placecheck.geography import Geography, LocalAuthority
from placecheck.geography_names import normalise_name
from placecheck.rules.checks import Failure, deepest, is_stated
from placecheck.rules.paths import Scope

_CENSUS_TOLERANCE = 0.15
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Council:
    """A council of the footprint and the organisation entry that stands for it, if any."""

    authority: LocalAuthority
    organisation: dict[str, Any] | None


def _place_footprint(geography: Geography, scope: Scope) -> Footprint:
    return footprint(geography, [n.value for n in scope.select("$.place.local_authorities[*]")])


def _organisation(geography: Geography, scope: Scope,
                  authority: LocalAuthority) -> dict[str, Any] | None:
    for org in scope.select("$.organisations[*]"):
        value = org.value
        if not isinstance(value, dict) or value.get("kind") != "local_authority":
            continue
        code, name = value.get("code"), value.get("name")
        if isinstance(code, str) and code.strip().upper() == authority.code:
            return value
        if not isinstance(code, str) and isinstance(name, str) and \
                geography.names_match(name, authority.name):
            return value
    return None


def _named(scope: Scope, code: str) -> bool:
    listed = scope.values("$.place.local_authorities[*].code")
    listed += scope.values("$.organisations[*].code")
    return any(isinstance(c, str) and c.strip().upper() == code for c in listed)


def councils(geography: Geography, scope: Scope) -> list[Council]:
    """The footprint's councils: each area's own council, and the county of its districts
    where the proposal names it (a county it does not name is TP-B3's finding, not ours)."""
    area = _place_footprint(geography, scope)
    found: dict[str, LocalAuthority] = {}
    for item in area.areas:
        found.setdefault(item.authority.code, item.authority)
        upper = item.authority.upper_tier_code
        if upper != item.authority.code and _named(scope, upper):
            county = geography.local_authority(upper)
            if county is not None:
                found.setdefault(upper, county)
    return [Council(a, _organisation(geography, scope, a))
            for a in sorted(found.values(), key=lambda a: (a.tier != "county", a.name))]


def _label(council: Council) -> str:
    org = council.organisation
    name = org.get("name") if org else None
    if isinstance(name, str) and name:
        return name
    authority = council.authority
    if authority.tier == "county":
        return f"{authority.name} County Council ({authority.code})"
    return f"{authority.name} ({authority.code})"


def _id(organisation: dict[str, Any]) -> str | None:
    """The organisation's id, if it is text (a malformed one, e.g. a list, is reported by
    the format checks; it can name nothing here)."""
    found = organisation.get("id")
    return found if isinstance(found, str) else None


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def councils_agreed(geography: Geography, scope: Scope) -> list[Failure]:
    """Each council of the footprint is recorded in `agreement:`."""
    found = councils(geography, scope)
    agreed = {v for v in scope.values("$.agreement[*].organisation") if isinstance(v, str)}
    if not found:  # no code ONS knows: every council organisation stands in
        orgs = [n.value for n in scope.select("$.organisations[?kind=local_authority]")]
        missing = [str(o.get("name") or o.get("id")) for o in orgs
                   if isinstance(o, dict) and _id(o) not in agreed]
    else:
        missing = [_label(c) for c in found
                   if c.organisation is None or _id(c.organisation) not in agreed]
    if not missing:
        return []
    return [Failure(deepest(scope, "$.agreement"), f"{_and(missing)} did not agree",
                    {"missing": _and(missing)})]


def _words(text: str) -> str:
    return " " + " ".join(_NON_ALNUM.sub(" ", text.casefold()).split()) + " "


def _mentions(texts: list[str], authority: LocalAuthority, organisation: dict[str, Any] | None
              ) -> bool:
    # Also the name as people write it: "Herefordshire" for ONS's "Herefordshire, County of".
    names = [authority.name, normalise_name(authority.name)]
    if organisation and isinstance(organisation.get("name"), str):
        names.append(organisation["name"])
    body = " ".join(_words(t) for t in texts)
    return any(_words(n) in body for n in names if n.strip())


def _prose(scope: Scope, path: str) -> list[str]:
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for value in scope.values(path):
        walk(value)
    return found


def councils_represented(geography: Geography, scope: Scope) -> list[Failure]:
    """Each council of the footprint has a seat on a governance body, or the proposal states
    its route into the partnership (its `representation:`, or in words under `accountability`
    or a body's terms of reference)."""
    seats = {v for v in scope.values("$.governance[*].members[*].organisation")
             if isinstance(v, str)}
    prose: list[str] | None = None  # read only for a council with no seat (report evidence)
    missing = []
    for council in councils(geography, scope):
        org = council.organisation
        if org is not None and (_id(org) in seats or is_stated(org.get("representation"))):
            continue
        if prose is None:
            prose = (_prose(scope, "$.accountability")
                     + _prose(scope, "$.governance[*].terms_of_reference"))
        if _mentions(prose, council.authority, org):
            continue
        missing.append(_label(council))
    if not missing:
        return []
    return [Failure(deepest(scope, "$.governance"),
                    f"{_and(missing)} {'have' if len(missing) > 1 else 'has'} no seat on the "
                    "partnership and no stated route into it", {"missing": _and(missing)})]


def boards_named(geography: Geography, scope: Scope) -> list[Failure]:
    """The health and wellbeing board of each authority with social care duties on the
    footprint is named (by name or in the relationship), once any board is named."""
    boards = scope.select("$.place.health_and_wellbeing_boards[*]")
    if not boards:
        return []  # TP-B8's own "board named" part says so, once
    texts = [str(v) for b in boards if isinstance(b.value, dict)
             for v in (b.value.get("name"), b.value.get("relationship")) if isinstance(v, str)]
    area = _place_footprint(geography, scope)
    missing = [a.name for a in area.upper_tiers(geography) if not _mentions(texts, a, None)]
    if not missing:
        return []
    return [Failure(deepest(scope, "$.place.health_and_wellbeing_boards"),
                    f"the footprint is in the area of {_and(missing)}, whose health and "
                    f"wellbeing board{'s are' if len(missing) > 1 else ' is'} not named",
                    {"missing": _and(missing)})]


def _number(value: int) -> str:
    return f"{value:,}"


def population_matches_census(geography: Geography, scope: Scope) -> list[Failure]:
    """A stated population more than 15% away from the footprint's Census 2021 figure (or,
    where parts are stated, from the range the parts allow)."""
    nodes = scope.select("$.place.population")
    if not nodes or isinstance(nodes[0].value, bool) or not isinstance(nodes[0].value, int):
        return []
    stated = nodes[0].value
    area = _place_footprint(geography, scope)
    if not area.areas or any(a.authority.population is None for a in area.areas):
        return []
    whole = sum(a.authority.population or 0 for a in area.areas if a.part is None)
    parts = sum(a.authority.population or 0 for a in area.areas if a.part is not None)
    low, high = whole, whole + parts
    if low * (1 - _CENSUS_TOLERANCE) <= stated <= high * (1 + _CENSUS_TOLERANCE):
        return []
    names = [a.authority.name + (" (part)" if a.part else "") for a in area.areas]
    if len(names) > 6:
        names = [*names[:5], f"{len(names) - 5} more"]
    census = _number(low) if not parts else f"between {_number(low)} and {_number(high)}"
    return [Failure(nodes[0].path,
                    f"The stated population of {_number(stated)} is more than 15% away from "
                    f"the Census 2021 population of the footprint, {census} ({_and(names)})",
                    {"found": _number(stated), "expected": census})]
