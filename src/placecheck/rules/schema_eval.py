"""JSON Schema's meaning for the keywords a rule's schema may use, without jsonschema.

A lint runs `schema` checks on every proposal, and importing jsonschema costs
more than the rest of a lint (about 0.2 s of CPU). These are the Draft 2020-12
semantics of value_schema.KEYWORDS only; the rule schema refuses any other
keyword, and tests/test_checks.py proves on every shipped rule's schema and on
generated ones that the faults found here are exactly those jsonschema finds.
Each `Fault` carries the same attributes as a jsonschema error, so one
wording serves both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Fault:
    """One keyword that a value fails, where, as jsonschema's errors describe it."""

    absolute_path: Path
    validator: str
    validator_value: Any
    instance: Any


def faults(schema: dict[str, Any], value: Any, path: Path = ()) -> Iterator[Fault]:
    """Every keyword of `schema` (and of its sub-schemas) that the JSON `value` fails."""
    for keyword, limit in schema.items():
        if not _holds(keyword, limit, value):
            yield Fault(path, keyword, limit, value)
        if keyword == "properties" and isinstance(value, dict):
            for key, sub in limit.items():
                if key in value:
                    yield from faults(sub, value[key], (*path, key))
        elif keyword == "items" and isinstance(value, list):
            for index, item in enumerate(value):
                yield from faults(limit, item, (*path, index))


def _holds(keyword: str, limit: Any, value: Any) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if keyword == "type":
        return any(_is_type(value, name) for name in (limit if isinstance(limit, list)
                                                      else [limit]))
    if keyword == "const":
        return _equal(value, limit)
    if keyword == "enum":
        return any(_equal(value, option) for option in limit)
    if keyword == "not":
        return next(faults(limit, value), None) is not None
    if number and keyword in _COMPARE:
        return bool(_COMPARE[keyword](value, limit))
    if isinstance(value, str) and keyword in ("minLength", "maxLength", "pattern"):
        if keyword == "pattern":
            return _regex(limit).search(value) is not None
        return bool(len(value) >= limit if keyword == "minLength" else len(value) <= limit)
    if isinstance(value, list) and keyword in ("minItems", "maxItems"):
        return bool(len(value) >= limit if keyword == "minItems" else len(value) <= limit)
    if isinstance(value, dict) and keyword == "required":
        return all(key in value for key in limit)
    return True


_COMPARE = {
    "minimum": lambda v, n: v >= n, "maximum": lambda v, n: v <= n,
    "exclusiveMinimum": lambda v, n: v > n, "exclusiveMaximum": lambda v, n: v < n,
}


def _is_type(value: Any, name: str) -> bool:
    if name in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return name == "number" or isinstance(value, int) or value.is_integer()
    kinds: dict[str, type | tuple[type, ...]] = {
        "object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    return isinstance(value, kinds.get(name, ()))


def _equal(one: Any, two: Any) -> bool:
    """JSON equality: true is not 1, 1 is 1.0, and containers compare item by item."""
    if isinstance(one, bool) or isinstance(two, bool):
        return isinstance(one, bool) and isinstance(two, bool) and one is two
    if isinstance(one, dict) and isinstance(two, dict):
        return one.keys() == two.keys() and all(_equal(one[k], two[k]) for k in one)
    if isinstance(one, list) and isinstance(two, list):
        return len(one) == len(two) and all(_equal(a, b) for a, b in zip(one, two, strict=True))
    return bool(one == two)


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
