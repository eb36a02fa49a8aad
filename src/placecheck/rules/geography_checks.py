"""Checks against ONS reference data: `geography: {check: NAME}` in a rule.

Each named check looks at `$.place` (the ICS and the local authorities) and
compares what the proposal says with the bundled ONS lookups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from placecheck.footprint import footprint
from placecheck.geography import Geography, LocalAuthority, load_geography
from placecheck.rules import council_checks
from placecheck.rules.checks import Failure, Named, check, options
from placecheck.rules.paths import Node, Scope

GeoCheck = Callable[[Geography, Scope], list[Failure]]
GEO_CHECKS: Named[GeoCheck] = Named()
geo = GEO_CHECKS.register


@check("geography",
       summary="a named check of the place's local authorities and ICS against the bundled "
               "ONS lookups",
       options=options(["check"]), params={}, named=GEO_CHECKS)
def check_geography(params: dict[str, Any], scope: Scope) -> list[Failure]:
    return GEO_CHECKS[params["check"]](load_geography(), scope)


def _authorities(geography: Geography, scope: Scope) -> Iterator[tuple[Node, LocalAuthority]]:
    """Each listed local authority whose code ONS knows, with its ONS record."""
    for node in scope.select("$.place.local_authorities[*]"):
        code = node.value.get("code") if isinstance(node.value, dict) else None
        if isinstance(code, str):
            found = geography.local_authority(code)
            if found is not None:
                yield node, found


def _ics_code(geography: Geography, scope: Scope) -> str | None:
    code = scope.first("$.place.ics.code")
    if isinstance(code, str) and geography.icb(code) is not None:
        icb = geography.icb(code)
        return icb.code if icb else None
    return None


def _icb_name(geography: Geography, code: str) -> str:
    icb = geography.icb(code)
    return f"{icb.name} ({icb.code})" if icb else code


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def _shares(geography: Geography, authority: LocalAuthority) -> str:
    parts = []
    for share in authority.shares:
        icb = geography.icb(share.icb_code)
        fraction = share.pop_share if share.pop_share is not None else share.lsoa_share
        parts.append(f"{icb.name if icb else share.icb_code} {_percent(fraction)}")
    return ", ".join(parts)


@geo("ics_known", params={"found": "the code given", "missing": "the nearest ICB codes"})
def ics_known(geography: Geography, scope: Scope) -> list[Failure]:
    nodes = scope.select("$.place.ics.code")
    if not nodes or not isinstance(nodes[0].value, str):
        return []
    code = nodes[0].value
    if geography.icb(code) is not None:
        return []
    name = scope.first("$.place.ics.name")
    near = geography.nearest_icbs(code, name if isinstance(name, str) else None, n=2)
    suggestion = " or ".join(f"{i.code} ({i.name})" for i in near)
    return [Failure(nodes[0].path, f"{code} is not the code of any of the 42 ICBs",
                    {"found": code, "missing": suggestion or "a code from the ONS list"})]


@geo("known_codes", params={"found": "the code given", "missing": "the nearest current codes"})
def known_codes(geography: Geography, scope: Scope) -> list[Failure]:
    failures = []
    for node in scope.select("$.place.local_authorities[*]"):
        entry = node.value if isinstance(node.value, dict) else {}
        code = entry.get("code")
        if not isinstance(code, str) or geography.local_authority(code) is not None:
            continue
        name = entry.get("name") if isinstance(entry.get("name"), str) else None
        near = geography.nearest_local_authorities(code, name, n=2)
        suggestion = " or ".join(f"{a.code} ({a.name})" for a in near)
        failures.append(Failure((*node.path, "code"),
                                f"{code} is not a current local authority code",
                                {"found": code, "missing": suggestion or "a current ONS code"}))
    return failures


@geo("names_match",
     params={"found": "the name given", "expected": "the name ONS gives", "value": "the code"})
def names_match(geography: Geography, scope: Scope) -> list[Failure]:
    failures = []
    for node, authority in _authorities(geography, scope):
        given = node.value.get("name")
        if isinstance(given, str) and not geography.names_match(given, authority.name):
            failures.append(Failure((*node.path, "name"),
                                    f"{given!r} does not match {authority.code}, which ONS "
                                    f"calls {authority.name!r}",
                                    {"found": given, "expected": authority.name,
                                     "value": authority.code}))
    return failures


def _whole_share(geography: Geography, authority: LocalAuthority, ics: str) -> str:
    """"about 15% of North Hertfordshire is in NHS Cambridgeshire and Peterborough ICB" for
    each ICB of a split authority other than `ics`."""
    parts = []
    for share in authority.shares:
        if share.icb_code == ics:
            continue
        fraction = share.pop_share if share.pop_share is not None else share.lsoa_share
        icb = geography.icb(share.icb_code)
        parts.append(f"about {max(1, round(fraction * 100))}% of {authority.name} is in "
                     f"{icb.name if icb else share.icb_code}")
    return "; ".join(parts)


@geo("local_authority_in_ics",
     params={"found": "the authority", "missing": "the ICBs it is in",
             "expected": "the ICS named",
             "value": "what to do: the share inside the ICS to state, or where to move it"})
def local_authority_in_ics(geography: Geography, scope: Scope) -> list[Failure]:
    """Every area of the footprint has a share in the ICS; a county listed alone covers all
    its districts unless it states the part (its share inside the ICS)."""
    ics = _ics_code(geography, scope)
    if ics is None:
        return []
    failures = []
    entries = scope.select("$.place.local_authorities[*]")
    area = footprint(geography, [n.value for n in entries])
    reported: set[int] = set()
    for index, county in area.covering_counties:
        if ics not in county.icb_codes:
            continue  # reported below as the county's own failure
        outside = [a.authority for a in area.areas if a.index == index
                   and ics not in a.authority.icb_codes and a.part is None]
        if outside:
            reported.add(index)
            names = _and([f"{d.name} ({d.code})" for d in outside])
            elsewhere = _and(sorted({_icb_name(geography, d.icb_codes[0]) for d in outside}))
            failures.append(Failure((*entries[index].path, "code"),
                                    f"{county.name} ({county.code}) is listed without any of its "
                                    f"districts, so it covers all of them, and {names} "
                                    f"{'are' if len(outside) > 1 else 'is'} in {elsewhere}, not "
                                    f"{_icb_name(geography, ics)}",
                                    {"found": f"{county.name} ({county.code})",
                                     "missing": elsewhere, "expected": _icb_name(geography, ics),
                                     "value": f"List with {county.name} County Council the "
                                              "districts that make up this place, or say which "
                                              "part of the county it covers with `part:`"}))
    for index, node in enumerate(entries):
        code = node.value.get("code") if isinstance(node.value, dict) else None
        authority = geography.local_authority(code) if isinstance(code, str) else None
        if authority is None or index in reported or ics in authority.icb_codes:
            continue
        if any(index == i for i, _ in area.partner_counties):
            continue  # a partner for districts that are checked themselves
        actual = " and ".join(_icb_name(geography, c) for c in authority.icb_codes)
        failures.append(Failure((*node.path, "code"),
                                f"{authority.name} ({authority.code}) is in {actual}, not "
                                f"{_icb_name(geography, ics)}",
                                {"found": f"{authority.name} ({authority.code})",
                                 "missing": actual, "expected": _icb_name(geography, ics),
                                 "value": f"Move {authority.name} ({authority.code}) to a "
                                          f"place of {actual}, or correct the code"}))
    return failures


@geo("no_split_authority", params={"found": "the authorities ONS splits between ICBs"})
def no_split_authority(geography: Geography, scope: Scope) -> list[Failure]:
    """No unitary or district of the place is one ONS splits between ICBs (for `when`: the
    rules about split authorities apply only where one is listed)."""
    split = [authority.name for node, authority in _authorities(geography, scope)
             if authority.is_split and authority.tier != "county"]
    if not split:
        return []
    return [Failure(("place", "local_authorities"),
                    f"{_and(split)} {'are' if len(split) > 1 else 'is'} split between ICBs",
                    {"found": _and(split)})]


@geo("split_district_part",
     params={"found": "the authority", "value": "its shares by ICB",
             "missing": "the shares of it in other ICBs, in words",
             "expected": "the ICS it shares, by name"})
def split_district_part(geography: Geography, scope: Scope) -> list[Failure]:
    """A listed unitary or district that ONS splits between ICBs, with no `part:`; not where
    the ICS is none of its ICBs (TP-B1 says so)."""
    ics = _ics_code(geography, scope)
    failures = []
    for node, authority in _authorities(geography, scope):
        if authority.tier == "county" or not authority.is_split or node.value.get("part"):
            continue
        if ics is not None and ics not in authority.icb_codes:
            continue
        inside = ics or authority.icb_codes[0]
        failures.append(Failure(node.path,
                                f"{authority.name} is split between ICBs "
                                f"({_shares(geography, authority)})",
                                {"found": authority.name,
                                 "value": _shares(geography, authority),
                                 "missing": _whole_share(geography, authority, inside),
                                 "expected": _icb_name(geography, inside)}))
    return failures


@geo("whole_authorities", params={"found": "the authority",
                                  "value": "what to do about the part taken"})
def whole_authorities(geography: Geography, scope: Scope) -> list[Failure]:
    """A `part:` of an authority ONS puts wholly in one ICB. A county that is a partner for
    listed districts adds no area, so its `part:` changes nothing."""
    entries = scope.select("$.place.local_authorities[*]")
    area = footprint(geography, [n.value for n in entries])
    partners = {i for i, _ in area.partner_counties}
    failures = []
    for index, node in enumerate(entries):
        code = node.value.get("code") if isinstance(node.value, dict) else None
        authority = geography.local_authority(code) if isinstance(code, str) else None
        if authority is None or index in partners or not node.value.get("part"):
            continue
        if authority.is_split:
            continue
        if authority.tier == "county":
            advice = (f"list the districts of {authority.name} that make up the place, with "
                      "the county as their partner, instead of a part of the county")
        else:
            advice = ("if the place deliberately takes only part of it, record why as a "
                      "departure for TP-B3; otherwise take in the whole "
                      f"{authority.tier.replace('_', ' ')}")
        failures.append(Failure((*node.path, "part"),
                                f"The place takes only part of {authority.name} "
                                f"({authority.tier.replace('_', ' ')}), which lies wholly "
                                f"in {_icb_name(geography, authority.icb_codes[0])}",
                                {"found": authority.name, "value": advice}))
    return failures


@geo("districts_name_county", params={"found": "the district", "missing": "its county, not named"})
def districts_name_county(geography: Geography, scope: Scope) -> list[Failure]:
    named = {v for v in scope.values("$.place.local_authorities[*].code") if isinstance(v, str)}
    named |= {v for v in scope.values("$.organisations[*].code") if isinstance(v, str)}
    failures = []
    for node, authority in _authorities(geography, scope):
        if authority.tier != "district" or authority.upper_tier_code in named:
            continue
        failures.append(Failure(node.path,
                                f"{authority.name} is a district of {authority.upper_tier_name} "
                                f"({authority.upper_tier_code}), which the proposal does not name",
                                {"found": authority.name,
                                 "missing": f"{authority.upper_tier_name} "
                                            f"({authority.upper_tier_code})"}))
        named.add(authority.upper_tier_code)
    return failures


geo("footprint_councils_agreed", params={"missing": "the footprint's councils that did not "
                                                    "agree"})(council_checks.councils_agreed)
geo("footprint_councils_represented", params={"missing": "the footprint's councils with no "
                                                         "seat or stated route"})(
    council_checks.councils_represented)
geo("footprint_boards_named", params={"missing": "the authorities whose health and wellbeing "
                                                 "board is not named"})(
    council_checks.boards_named)
geo("population_matches_census", params={"found": "the population stated, formatted",
                                         "expected": "the Census 2021 figure or range"})(
    council_checks.population_matches_census)
