"""The small part of JSON Schema that rule packs use, checked without jsonschema.

One difference from JSON Schema, on purpose: a value that is empty or a
placeholder ("TODO", "<...>") counts as not stated. `required` treats such a key
as missing, and the other keywords leave it alone (saying that something is
missing is the job of `required` or the `present` check, once).

Importing jsonschema costs more than linting a proposal, and the shipped rules
only ask for `required`, `properties`, `const`, `enum`, `type`, `minimum`,
`maximum`, `minItems` and `maxItems`. Schemas within that subset are checked
here with the same results jsonschema gives; any other schema goes to
jsonschema (see checks.check_schema).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SUPPORTED = frozenset({"required", "properties", "const", "enum", "type", "minimum",
                       "maximum", "minItems", "maxItems", "description", "title"})
_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,),
    "number": (int, float), "integer": (int,), "null": (type(None),),
}


def supported(schema: Any) -> bool:
    if not isinstance(schema, dict) or not set(schema) <= SUPPORTED:
        return False
    properties = schema.get("properties", {})
    return isinstance(properties, dict) and all(supported(s) for s in properties.values())


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("number", "integer"):
        return False
    if name == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _TYPES.get(name, ()))


def errors(schema: dict[str, Any], value: Any,
           path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str, Any]]:
    """(path inside the value, plain-English detail, the offending value)."""
    where = ".".join(str(p) for p in path) or "the value"
    if not _stated(value):
        return
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            yield path, f"`{where}` is {value!r}; expected {' or '.join(names)}", value
            return
    if "const" in schema and not _equal(value, schema["const"]):
        yield path, f"`{where}` is {value!r}; expected {schema['const']!r}", value
    if "enum" in schema and not any(_equal(value, v) for v in schema["enum"]):
        yield path, f"`{where}` is {value!r}; expected one of {schema['enum']!r}", value
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and "minimum" in schema and value < schema["minimum"]:
        yield path, f"`{where}` is {value}, below {schema['minimum']}", value
    if number and "maximum" in schema and value > schema["maximum"]:
        yield path, f"`{where}` is {value}, above {schema['maximum']}", value
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            yield path, (f"`{where}` lists {len(value)} where at least {schema['minItems']} "
                         "are needed"), value
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            yield path, (f"`{where}` lists {len(value)} where at most {schema['maxItems']} "
                         "are allowed"), value
    if isinstance(value, dict):
        missing = [k for k in schema.get("required", []) if not _stated(value.get(k))]
        if missing:
            yield path, f"`{'`, `'.join(missing)}` is not stated", value
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                yield from errors(sub, value[key], (*path, key))


def _stated(value: Any) -> bool:
    from placecheck.rules.checks import is_stated

    return value is False or value == 0 or is_stated(value)


def _equal(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)
