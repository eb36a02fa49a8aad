"""The footprint of a place: the lowest-tier areas it covers, read from ONS data.

This is the one place where `place.local_authorities` is turned into areas
(the reading rule in the proposal format):

- a unitary, metropolitan borough, London borough or district listed is
  covered, or the stated `part:` of it;
- a county listed together with some of its districts is the social care and
  public health partner for those districts and adds no district of its own;
- a county listed with none of its districts covers all of them (each with
  the county's `part:`, if it states one).

Codes ONS does not know are left out (TP-B1-CODES reports them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from placecheck.geography import Geography, LocalAuthority

__all__ = ["Area", "Footprint", "footprint"]


@dataclass(frozen=True)
class Area:
    """One lowest-tier area of a footprint, and the entry that put it there."""

    authority: LocalAuthority  # a unitary, district, metropolitan or London borough
    index: int  # of the `local_authorities` entry that covers it
    part: str | None  # the stated part, or None for the whole area
    via_county: bool = False  # covered because its county was listed alone


@dataclass(frozen=True)
class Footprint:
    """The areas a place covers, and the councils listed as partners for them."""

    areas: tuple[Area, ...]
    partner_counties: tuple[tuple[int, LocalAuthority], ...]  # counties listed with districts
    covering_counties: tuple[tuple[int, LocalAuthority], ...]  # counties listed alone

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(a.authority.code for a in self.areas)

    def upper_tiers(self, geography: Geography) -> list[LocalAuthority]:
        """The authorities with social care duties (and a health and wellbeing board)
        for the footprint: each area's county, or the area itself where it is unitary."""
        found: dict[str, LocalAuthority] = {}
        for area in self.areas:
            code = area.authority.upper_tier_code
            upper = geography.local_authority(code) if code != area.authority.code else None
            found.setdefault(code, upper or area.authority)
        return [found[c] for c in sorted(found)]


def _part(entry: Mapping[str, Any]) -> str | None:
    part = entry.get("part")
    return part.strip() if isinstance(part, str) and part.strip() else None


def footprint(geography: Geography, entries: Iterable[Any]) -> Footprint:
    """The footprint of `place.local_authorities` (a list of `{code, part}` mappings)."""
    listed: list[tuple[int, Mapping[str, Any], LocalAuthority]] = []
    for index, entry in enumerate(entries):
        if isinstance(entry, Mapping) and isinstance(entry.get("code"), str):
            authority = geography.local_authority(entry["code"])
            if authority is not None:
                listed.append((index, entry, authority))
    lower = {a.code for _, _, a in listed if a.tier != "county"}
    areas: list[Area] = []
    partners: list[tuple[int, LocalAuthority]] = []
    covering: list[tuple[int, LocalAuthority]] = []
    seen: set[str] = set()
    for index, entry, authority in listed:
        if authority.tier != "county":
            if authority.code not in seen:
                seen.add(authority.code)
                areas.append(Area(authority, index, _part(entry)))
            continue
        if lower & set(authority.districts):
            partners.append((index, authority))
            continue
        covering.append((index, authority))
        for code in authority.districts:
            district = geography.local_authority(code)
            if district is not None and code not in seen:
                seen.add(code)
                areas.append(Area(district, index, _part(entry), via_county=True))
    return Footprint(tuple(areas), tuple(partners), tuple(covering))
