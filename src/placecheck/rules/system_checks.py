"""Checks across the places of one ICS: `system: {check: NAME}` in a rule.

A system rule runs on a `kind: system` document. The places it lists are
loaded beforehand and handed over in `scope.context["places"]` as
`PlaceRef`s; findings point at the system file's `places:` entry, with the
place files involved as related locations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from placecheck.findings import Location
from placecheck.footprint import Area, Footprint, footprint
from placecheck.geography import Geography, LocalAuthority, load_geography
from placecheck.loading import Document, json_path
from placecheck.rules.checks import Failure, Named, check, options
from placecheck.rules.paths import PathKey, Scope


@dataclass(frozen=True)
class PlaceRef:
    """One entry of a system's `places:`, with the place it resolved to."""

    path: PathKey  # of the entry in the system document
    label: str  # the file name, or the inline place's name
    data: dict[str, Any]
    document: Document | None  # None for a place written inline
    prefix: PathKey = ()  # where the place's data sits in `document`

    def location(self, path: PathKey) -> Location | None:
        if self.document is None:
            return None
        full = (*self.prefix, *path)
        line, column = self.document.position(full)
        return Location(self.document.file, line, column, json_path(full))


SystemCheck = Callable[[Geography, Scope, list[PlaceRef]], list[Failure]]
SYSTEM_CHECKS: Named[SystemCheck] = Named()
system = SYSTEM_CHECKS.register


@check("system",
       summary="a named check across the places of a `kind: system` file "
               "(rules with `applies_to: system`)",
       options=options(["check"]), params={}, named=SYSTEM_CHECKS)
def check_system(params: dict[str, Any], scope: Scope) -> list[Failure]:
    places: list[PlaceRef] = scope.context.get("places", [])
    return SYSTEM_CHECKS[params["check"]](load_geography(), scope, places)


def _footprint(geography: Geography, place: PlaceRef) -> Footprint:
    items = (place.data.get("place") or {}).get("local_authorities")
    return footprint(geography, items if isinstance(items, list) else [])


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@system("places_do_not_overlap",
        params={"found": "the authority in two places", "value": "the two places"})
def places_do_not_overlap(geography: Geography, scope: Scope,
                          places: list[PlaceRef]) -> list[Failure]:
    """Each lowest-tier area in more than one place, once, unless every place that has it
    states its part; the finding names every such place and points at each entry."""
    holders: dict[str, list[tuple[PlaceRef, Area]]] = {}
    for place in places:
        for area in _footprint(geography, place).areas:
            holders.setdefault(area.authority.code, []).append((place, area))
    failures = []
    for code in sorted(holders, key=lambda c: min(places.index(p) for p, _ in holders[c])):
        held = holders[code]
        if len({id(p) for p, _ in held}) < 2 or all(a.part is not None for _, a in held):
            continue
        authority = held[0][1].authority
        labels = _and([p.label for p, _ in held])
        related = [loc for p, a in held
                   if (loc := p.location(("place", "local_authorities", a.index))) is not None]
        failures.append(Failure(held[-1][0].path, f"{authority.name} ({code}) is in {labels}",
                                {"found": f"{authority.name} ({code})", "value": labels,
                                 "related": related}))
    return failures


def _in_icb(authority: LocalAuthority, icb_code: str) -> str:
    """"Cumberland (E06000063)", with the share in the ICB where ONS splits it."""
    for share in authority.shares if authority.is_split else ():
        if share.icb_code == icb_code:
            fraction = share.pop_share if share.pop_share is not None else share.lsoa_share
            return (f"{authority.name} ({authority.code}; the part in this ICB, about "
                    f"{max(1, round(fraction * 100))}% of its residents)")
    return f"{authority.name} ({authority.code})"


@system("places_cover_ics",
        params={"missing": "the authorities no place covers", "count": "how many"})
def places_cover_ics(geography: Geography, scope: Scope,
                     places: list[PlaceRef]) -> list[Failure]:
    """Every lowest-tier area ONS puts (wholly or partly) in the ICB is in some place."""
    code = scope.first("$.ics.code")
    icb = geography.icb(code) if isinstance(code, str) else None
    if icb is None or not places:
        return []
    covered = {c for place in places for c in _footprint(geography, place).codes}
    missing = [a for a in geography.local_authorities_in_icb(icb.code) if a.code not in covered]
    if not missing:
        return []
    names = _and([_in_icb(a, icb.code) for a in missing])
    where = scope.select("$.places")
    return [Failure(where[0].path if where else (), f"no place covers {names}, which ONS "
                    f"puts in {icb.name}", {"missing": names, "count": len(missing)})]


@system("same_ics",
        params={"found": "the ICS the place names", "expected": "the system's ICS",
                "value": "the place"})
def same_ics(geography: Geography, scope: Scope, places: list[PlaceRef]) -> list[Failure]:
    code = scope.first("$.ics.code")
    failures = []
    for place in places:
        ics = (place.data.get("place") or {}).get("ics")
        other = ics.get("code") if isinstance(ics, dict) else None
        if isinstance(other, str) and isinstance(code, str) and other != code:
            related = [loc for loc in (place.location(("place", "ics", "code")),) if loc]
            failures.append(Failure(place.path, f"{place.label} names ICS {other}, not {code}",
                                    {"found": other, "expected": code, "value": place.label,
                                     "related": related}))
    return failures


@system("governance_models_alike",
        params={"found": "the models, place by place", "count": "how many models"})
def governance_models_alike(geography: Geography, scope: Scope,
                            places: list[PlaceRef]) -> list[Failure]:
    models: dict[str, list[str]] = {}
    for place in places:
        bodies = place.data.get("governance")
        decision = sorted({str(b["model"]) for b in bodies if isinstance(b, dict)
                           and isinstance(b.get("model"), str)
                           and b["model"] != "consultative_forum"}
                          ) if isinstance(bodies, list) else []
        key = " + ".join(m.replace("_", " ") for m in decision) or "no decision-making body"
        models.setdefault(key, []).append(place.label)
    if len(models) <= 1:
        return []
    summary = "; ".join(f"{model}: {', '.join(labels)}" for model, labels in models.items())
    where = scope.select("$.places")
    return [Failure(where[0].path if where else (), f"places use different governance models "
                    f"({summary})", {"found": summary, "count": len(models)})]
