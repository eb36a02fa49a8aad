"""The action list: each gap's next step, under who must act where the proposal says who.

A finding about a delegated function is for the body that delegates it; one
about an instrument or terms of reference, for the body that must approve
them; one about a governance body's make-up, for its convenor. Anything else
is for the partnership as a whole.
"""

from __future__ import annotations

import re
from typing import Any

from placecheck.report.model import Action, ActionGroup, Expectation
from placecheck.report.words import Names

PARTNERSHIP = "The partnership"
_PART = re.compile(r"\.?([^.\[\]]+)|\[(\d+)\]")


def group(gaps: list[Expectation], data: dict[str, Any], names: Names) -> list[ActionGroup]:
    """Groups in order of first appearance (gaps come most serious first); the partnership last."""
    groups: dict[str, ActionGroup] = {}
    seen: set[tuple[str, str, str]] = set()
    for expectation in gaps:
        steps = [(who_acts(f.path, data, names), f.hint or "") for f in expectation.findings
                 if not f.explained]
        fallback = expectation.next_steps[0] if expectation.next_steps else ""
        for who, hint in steps or [(PARTNERSHIP, fallback)]:
            step = hint or fallback
            if (who, expectation.rule_id, step) in seen:
                continue
            seen.add((who, expectation.rule_id, step))
            groups.setdefault(who, ActionGroup(who)).actions.append(Action(expectation, step))
    ordered = [g for w, g in groups.items() if w != PARTNERSHIP]
    if PARTNERSHIP in groups:
        ordered.append(groups[PARTNERSHIP])
    return ordered


def parse_path(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for key, index in _PART.findall(text):
        parts.append(int(index) if index else key)
    return tuple(parts)


def who_acts(path_text: str, data: dict[str, Any], names: Names) -> str:
    path = parse_path(path_text)
    if len(path) < 2 or not isinstance(path[1], int):
        return PARTNERSHIP
    item = _item(data, path[0], path[1])
    rest = path[2:]
    if item is None:
        return PARTNERSHIP
    if path[0] == "functions":
        if rest[:1] == ("instrument",):
            approvers = _ids(_get(item, "instrument", "approved_by"))
            if approvers:
                return _who(approvers, names, "must approve the instrument")
        return _who(_ids(item.get("delegated_from")), names, "the delegating body")
    if path[0] == "governance":
        if rest[:1] in (("terms_of_reference",), ("contract",)):
            approvers = (_ids(_get(item, "terms_of_reference", "approved_by"))
                         or _ids(item.get("established_by")))
            return _who(approvers, names, "must approve the terms of reference")
        convenor = _convenor(data, item.get("id"))
        if convenor:
            body = names.name(str(item.get("id")))
            return f"{convenor}, convenor of {body}"
        return _who(_ids(item.get("established_by")), names, "established the body")
    if path[0] == "people":
        functions = [f for role in _list(item.get("roles")) if isinstance(role, dict)
                     and role.get("type") == "executive_lead"
                     for f in _ids(role.get("functions"))]
        delegators = [d for fn in _list(data.get("functions")) if isinstance(fn, dict)
                      and fn.get("id") in functions for d in _ids(fn.get("delegated_from"))]
        return _who(list(dict.fromkeys(delegators)), names, "the delegating body")
    if path[0] == "departures":
        return _who(_ids(item.get("agreed_by")), names, "agreed the departure")
    return PARTNERSHIP


def _who(ids: list[str], names: Names, role: str) -> str:
    if not ids:
        return PARTNERSHIP
    listed = [names.name(i) for i in ids]
    joined = ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else listed[0]
    return f"{joined} ({role})"


def _convenor(data: dict[str, Any], body: object) -> str:
    for person in _list(data.get("people")):
        if not isinstance(person, dict):
            continue
        for role in _list(person.get("roles")):
            if isinstance(role, dict) and role.get("type") == "convenor" and \
                    role.get("body") == body and isinstance(person.get("name"), str):
                return str(person["name"])
    return ""


def _item(data: dict[str, Any], key: str | int, index: str | int) -> dict[str, Any] | None:
    entries = data.get(str(key))
    if isinstance(entries, list) and isinstance(index, int) and 0 <= index < len(entries):
        entry = entries[index]
        return entry if isinstance(entry, dict) else None
    return None


def _get(item: dict[str, Any], *keys: str) -> Any:
    value: Any = item
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _ids(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in _list(value) if isinstance(v, str)]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
