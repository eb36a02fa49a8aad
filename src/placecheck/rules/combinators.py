"""The checks that combine other checks: `some`, `all_of`, `any_of` and `not`."""

from __future__ import annotations

from typing import Any

from placecheck.rules.checks import CHECK, PATH, at_path, options, readable
from placecheck.rules.paths import Node, Scope
from placecheck.rules.registry import Failure, check, run_check


@check("some",
       summary="at least one item `path` selects, bound to the name `as`, passes the inner "
               "`check`",
       options=options(["path", "as", "check"], path=PATH, at=PATH, check=CHECK,
                       **{"as": {"$ref": "#/$defs/variable"}}),
       params={})
def check_some(params: dict[str, Any], scope: Scope) -> list[Failure]:
    last: list[Failure] = []
    for node in scope.select(params["path"]):
        last = run_check(params["check"], scope.bind(params["as"], node))
        if not last:
            return []
    detail = last[0].detail if last else f"`{readable(params['path'])}` has no entries"
    return [Failure(at_path(params, scope, params["path"]), f"none qualifies: {detail}",
                    {"detail": detail})]


@check("all_of",
       summary="every inner check passes; each failure is reported",
       options={"type": "array", "items": CHECK, "minItems": 1},
       params={}, inherits="all")
def check_all_of(params: list[dict[str, Any]], scope: Scope) -> list[Failure]:
    failures: list[Failure] = []
    for spec in params:
        failures.extend(run_check(spec, scope))
    return failures


@check("any_of",
       summary="at least one inner check passes; otherwise the first one's failure is reported",
       options={"type": "array", "items": CHECK, "minItems": 1},
       params={}, inherits="first")
def check_any_of(params: list[dict[str, Any]], scope: Scope) -> list[Failure]:
    first: list[Failure] = []
    for spec in params:
        failures = run_check(spec, scope)
        if not failures:
            return []
        first = first or failures
    return first[:1]


@check("not",
       summary="the inner check fails",
       options=CHECK,
       params={})
def check_not(params: dict[str, Any], scope: Scope) -> list[Failure]:
    if run_check(params, scope):
        return []
    root = next(iter(scope.variables.values()), Node((), scope.data))
    return [Failure(root.path, "the condition that must not hold does hold", {})]
