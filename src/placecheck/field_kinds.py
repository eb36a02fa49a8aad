"""What kind of value each place in a proposal holds, read from the format's JSON Schema.

`lint --fix` repairs a value only where the format says what it must be: a
date field, a number field, a yes/no field, or free text.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from placecheck.loading import PathKey

TEXT, DATE, NUMBER, BOOLEAN, OTHER = "text", "date", "number", "boolean", "other"


@cache
def _schema() -> dict[str, Any]:
    from placecheck.resources import bundled_dir

    with open(f"{bundled_dir('schemas')}/proposal.schema.json", encoding="utf-8") as handle:
        loaded: dict[str, Any] = json.load(handle)
    return loaded


def field_kind(kind: str, path: PathKey) -> str:
    """TEXT, DATE, NUMBER, BOOLEAN, or OTHER (unknown, a vocabulary word, an id...)."""
    schema = _schema()
    root = "SystemProposal" if kind == "system" else "PlaceProposal"
    nodes = [schema["$defs"][root]]
    for part in path:
        nodes = [child for node in nodes for child in _children(node, part)]
        if not nodes:
            return OTHER
    kinds = {leaf for node in nodes for branch in _branches(node)
             if (leaf := _leaf_kind(branch)) is not None}
    return kinds.pop() if len(kinds) == 1 else OTHER


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node, its `$ref` resolved and its `anyOf` spread, `null` left out."""
    if "$ref" in node:
        return _branches(_schema()["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "anyOf" in node:
        return [b for option in node["anyOf"] for b in _branches(option)]
    return [] if node.get("type") == "null" else [node]


def _children(node: dict[str, Any], part: str | int) -> list[dict[str, Any]]:
    found = []
    for branch in _branches(node):
        if isinstance(part, int) and "items" in branch:
            found.append(branch["items"])
        elif isinstance(part, str) and part in branch.get("properties", {}):
            found.append(branch["properties"][part])
    return found


def _leaf_kind(node: dict[str, Any]) -> str | None:
    kind = node.get("type")
    if kind == "string":
        if node.get("format") == "date":
            return DATE
        return OTHER if {"enum", "pattern", "const", "format"} & set(node) else TEXT
    if kind in ("integer", "number"):
        return NUMBER
    if kind == "boolean":
        return BOOLEAN
    return OTHER if kind else None
