"""The check vocabulary: the only things a rule can ask of a proposal.

Each check takes its options from the rule file and a `Scope` (the document
plus the variables bound by `for_each`) and returns `Failure`s. A failure
says where it is and explains itself in plain English (`detail`); its
`params` fill the rule's message template. Each `@check` declares, beside its
function, when it passes, its options and its parameters (see registry.py);
the rule schema and the docs' vocabulary table are generated from them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from placecheck.model.vocab import label
from placecheck.rules import value_schema
from placecheck.rules.paths import Node, PathKey, Scope, compile_path
from placecheck.rules.placeholders import PLACEHOLDER, is_stated
from placecheck.rules.registry import (
    VOCABULARY,
    CheckFn,
    Failure,
    Named,
    check,
    passes,
    run_check,
)

__all__ = ["PLACEHOLDER", "VOCABULARY", "CheckFn", "Failure", "Named", "check", "is_stated",
           "passes", "run_check"]

PATH = {"$ref": "#/$defs/path"}
CHECK = {"$ref": "#/$defs/check"}


def options(required: list[str], **properties: Any) -> dict[str, Any]:
    """The schema of a check's options: a mapping with these keys and no others."""
    return {"type": "object", "properties": properties, "required": required,
            "additionalProperties": False}


def readable(path_text: str) -> str:
    """`$.place.population` -> `place.population`; `body.quorum` -> `quorum`."""
    compiled = compile_path(path_text)
    text = compiled.text[len(compiled.root):].lstrip(".")
    return re.sub(r"\[\?[^\]]*\]|\[\*\]|->[a-z_]+", "", text) or compiled.root


def deepest(scope: Scope, path_text: str) -> PathKey:
    """The deepest node that exists along a path (for pointing at what is missing)."""
    compiled = compile_path(path_text)
    nodes = [Node((), scope.data)] if compiled.root == "$" else [scope.variables[compiled.root]]
    best = nodes[0].path
    for segment in compiled.segments:
        nodes = scope._step(nodes, segment)
        if not nodes:
            break
        if segment.kind != "filter":
            best = nodes[0].path
    return best


def at_path(params: dict[str, Any], scope: Scope, fallback: str) -> PathKey:
    where = params.get("at")
    if where:
        found = scope.select(where)
        return found[0].path if found else deepest(scope, where)
    return deepest(scope, fallback)


def join(items: list[Any], scope: Scope | None = None) -> str:
    """Values for people to read: entity names for ids, labels for vocabulary tokens."""
    return _and([scope.display(i) if scope else label(i) for i in items])


def _and(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _paths(params: Any) -> list[str]:
    if isinstance(params, str):
        return [params]
    if isinstance(params, dict):
        return _paths(params["paths"])
    return list(params)


@check("present",
       summary="each path has a stated value (not empty, not a placeholder such as `TODO`, "
               "`TBC`, `<...>`); `false` counts as stated",
       options={"$ref": "#/$defs/paths"},
       params={"missing": "the paths not stated, readable", "count": "how many"})
def check_present(params: Any, scope: Scope) -> list[Failure]:
    """One failure per place in the file: missing values under one node are listed together."""
    missing: dict[PathKey, list[str]] = {}
    failures = []
    for path in _paths(params):
        nodes = scope.select(path)
        if any(is_stated(n.value) for n in nodes):
            continue
        name = readable(path)
        placeholder = next((n for n in nodes if isinstance(n.value, str) and n.value.strip()),
                           None)
        if placeholder is not None:
            failures.append(Failure(placeholder.path,
                                    f"`{name}` is still a placeholder ({placeholder.value!r})",
                                    {"missing": name}))
        else:
            missing.setdefault(deepest(scope, path), []).append(name)
    for where, names in missing.items():
        listed = _and([f"`{n}`" for n in names])
        verb = "is" if len(names) == 1 else "are"
        failures.append(Failure(where, f"{listed} {verb} not stated",
                                {"missing": _and(names), "count": len(names)}))
    return failures


@check("absent",
       summary="no path has a stated value",
       options={"$ref": "#/$defs/paths"},
       params={"found": "the path, readable", "value": "the value stated there"})
def check_absent(params: Any, scope: Scope) -> list[Failure]:
    failures = []
    for path in _paths(params):
        for node in scope.select(path):
            if is_stated(node.value):
                name = readable(path)
                failures.append(Failure(node.path, f"`{name}` is set here",
                                        {"found": name, "value": node.value}))
                break
    return failures


def _tokens(values: list[Any]) -> set[str]:
    return {v for v in values if isinstance(v, str)}


@check("covers",
       summary="the tokens selected by `values` include at least one of each group in "
               "`require` (a token, or a list of tokens any of which will do)",
       options=options(["values", "require"], values=PATH, at=PATH, require={
           "type": "array", "minItems": 1, "items": {"oneOf": [
               {"type": "string"},
               {"type": "array", "items": {"type": "string"}, "minItems": 1}]}}),
       params={"missing": "labels of the groups not covered", "missing_ids": "their tokens",
               "count": "how many groups"})
def check_covers(params: dict[str, Any], scope: Scope) -> list[Failure]:
    present = _tokens(scope.values(params["values"]))
    missing_groups: list[list[str]] = []
    for group in params["require"]:
        options = group if isinstance(group, list) else [group]
        if not present.intersection(options):
            missing_groups.append(options)
    if not missing_groups:
        return []
    names = [" or ".join(label(o) for o in g) for g in missing_groups]
    listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
    return [Failure(at_path(params, scope, params["values"]), f"nothing covers {listed}",
                    {"missing": listed, "missing_ids": ", ".join(g[0] for g in missing_groups),
                     "count": len(missing_groups)})]


@check("subset",
       summary="every value selected by `items` is among those selected by `of`",
       options=options(["items", "of"], items=PATH, of=PATH, at=PATH),
       params={"missing": "names of the values outside", "of": "names of the allowed values",
               "count": "how many are outside"})
def check_subset(params: dict[str, Any], scope: Scope) -> list[Failure]:
    allowed = scope.values(params["of"])
    outside = [n for n in scope.select(params["items"])
               if n.value is not None and n.value not in allowed]
    if not outside:
        return []
    seen: list[Any] = []
    for node in outside:
        if node.value not in seen:
            seen.append(node.value)
    of_values = [v for v in allowed if v is not None]
    where = at_path(params, scope, params["of"]) if params.get("at") else outside[0].path
    return [Failure(where,
                    f"{join(seen, scope)} {'is' if len(seen) == 1 else 'are'} not among "
                    f"{join(of_values, scope) or 'the listed values (none are listed)'}",
                    {"missing": join(seen, scope), "of": join(of_values, scope) or "nobody",
                     "count": len(seen)})]


def _name_of(node: Node) -> Any:
    value = node.value
    fallback = node.path[-1] if node.path else "the proposal"
    if isinstance(value, dict):
        return value.get("name") or value.get("id") or fallback
    return value if isinstance(value, str) else fallback


@check("count",
       summary="the number of values `path` selects is at least `min` and at most `max`",
       options=options(["path"], path=PATH, at=PATH, min={"type": "integer", "minimum": 0},
                       max={"type": "integer", "minimum": 0}),
       params={"count": "the number found", "min": "the minimum, when too few",
               "max": "the maximum, when too many", "found": "names of up to six found"})
def check_count(params: dict[str, Any], scope: Scope) -> list[Failure]:
    nodes = scope.select(params["path"])
    count = len(nodes)
    lowest = params.get("min")
    highest = params.get("max")
    if (lowest is None or count >= lowest) and (highest is None or count <= highest):
        return []
    name = readable(params["path"])
    found = join([_name_of(n) for n in nodes[:6]], scope) or "none"
    if lowest is not None and count < lowest:
        return [Failure(at_path(params, scope, params["path"]),
                        f"{count} found where at least {lowest} {'is' if lowest == 1 else 'are'}"
                        f" needed ({name})", {"count": count, "min": lowest, "found": found})]
    if highest is not None and count > highest:
        first_extra = nodes[highest] if highest < count else nodes[0]
        where = scope.select(params["at"])[0].path if params.get("at") and scope.select(
            params["at"]) else first_extra.path
        return [Failure(where, f"{count} found where at most {highest} "
                        f"{'is' if highest == 1 else 'are'} allowed ({name})",
                        {"count": count, "max": highest, "found": found})]
    return []


@check("equal",
       summary="all values selected are the same (or equal the first value `to` selects)",
       options=options(["values"], values=PATH, to=PATH),
       params={"found": "the values that differ", "expected": "the value they should equal"})
def check_equal(params: dict[str, Any], scope: Scope) -> list[Failure]:
    nodes = [n for n in scope.select(params["values"]) if n.value is not None]
    if "to" in params:
        targets = scope.values(params["to"])
        expected = targets[0] if targets else None
        if expected is None:
            return []
    elif nodes:
        expected = nodes[0].value
    else:
        return []
    differing = [n for n in nodes if n.value != expected]
    if not differing:
        return []
    values = sorted({str(n.value) for n in differing})
    return [Failure(differing[0].path,
                    f"{join(values, scope)} differs from {expected}",
                    {"found": join(values, scope), "expected": expected})]


@check("unique",
       summary="no value selected appears twice",
       options=options(["values"], values=PATH),
       params={"found": "the repeated value"})
def check_unique(params: dict[str, Any], scope: Scope) -> list[Failure]:
    seen: set[Any] = set()
    for node in scope.select(params["values"]):
        key = node.value if isinstance(node.value, str | int | float | bool) else repr(node.value)
        if key in seen:
            return [Failure(node.path, f"{node.value} appears more than once",
                            {"found": node.value})]
        seen.add(key)
    return []


@check("schema",
       summary="each value `path` selects passes a JSON Schema, in which empty values and "
               "placeholders count as not stated (see **schema** below)",
       options=options(["schema"], path=PATH, schema={"$ref": "#/$defs/value_schema"}),
       params={"value": "the failing value"})
def check_schema(params: dict[str, Any], scope: Scope) -> list[Failure]:
    failures = []
    for node in scope.select(params.get("path", "$")):
        for inner, detail, value in value_schema.errors(params["schema"], node.value):
            failures.append(Failure((*node.path, *inner), detail, {"value": value}))
    return failures


@lru_cache(maxsize=256)
def _pattern(text: str) -> re.Pattern[str]:
    return re.compile(text, re.IGNORECASE)


@check("matches",
       summary="some stated text `values` selects matches the regular expression `pattern` "
               "(case-insensitive)",
       options=options(["values", "pattern"], values=PATH, at=PATH, describe={"type": "string"},
                       pattern={"type": "string", "maxLength": 200}),
       params={"missing": "the `describe` text, else the pattern"})
def check_matches(params: dict[str, Any], scope: Scope) -> list[Failure]:
    pattern = _pattern(params["pattern"])
    nodes = scope.select(params["values"])
    if any(isinstance(n.value, str) and is_stated(n.value) and pattern.search(n.value)
           for n in nodes):
        return []
    what = params.get("describe", params["pattern"])
    return [Failure(at_path(params, scope, params["values"]),
                    f"nothing in `{readable(params['values'])}` mentions {what}",
                    {"missing": what})]
