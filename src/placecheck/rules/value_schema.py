"""The `schema` check's one meaning: JSON Schema (jsonschema does the work), with placeholders.

A rule's schema is checked against each selected value as JSON Schema (Draft
2020-12) does (schema_eval, which a test holds to jsonschema's results),
after one step of our own: **a value that is empty
or a placeholder ("TODO", "TBC", "<name>", see placeholders.py) counts as not
stated** (as for `present`: so is an empty list or mapping, and a list none
of whose items is stated; a mapping with keys is stated). So

- a key whose value is not stated is taken as absent: `required` reports it
  missing, and no other keyword looks at it;
- any other value that is not stated (the selected value itself, an item of a
  list) is left alone by every keyword.

Saying that something is missing is the job of `required` or the `present`
check, once. Rules may use only the keywords in KEYWORDS (the rule schema
enforces this), so every failure is explained in placecheck's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from placecheck.rules.placeholders import is_stated
from placecheck.rules.schema_eval import faults

InnerPath = tuple[str | int, ...]

_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text",
               "boolean": "true or false", "number": "a number", "integer": "a whole number",
               "null": "empty"}
_TYPE = {"enum": sorted(_TYPE_NAMES)}
_NUMBER = {"type": "number"}
_SIZE = {"type": "integer", "minimum": 0}
_SELF = {"$ref": "#/$defs/value_schema"}

# The keywords a rule's schema may use, each with the schema of its value.
KEYWORDS: dict[str, dict[str, Any]] = {
    "type": {"oneOf": [_TYPE, {"type": "array", "items": _TYPE, "minItems": 1}]},
    "const": {},
    "enum": {"type": "array", "minItems": 1},
    "minimum": _NUMBER, "maximum": _NUMBER,
    "exclusiveMinimum": _NUMBER, "exclusiveMaximum": _NUMBER,
    "minLength": _SIZE, "maxLength": _SIZE,
    "pattern": {"type": "string", "maxLength": 200},
    "minItems": _SIZE, "maxItems": _SIZE,
    "required": {"type": "array", "items": {"type": "string"}},
    "properties": {"type": "object", "additionalProperties": _SELF},
    "items": _SELF,
    "not": _SELF,
    "title": {"type": "string"}, "description": {"type": "string"},
}

META_SCHEMA: dict[str, Any] = {"type": "object", "properties": KEYWORDS,
                               "additionalProperties": False}


def pattern_problem(schema: Any) -> str | None:
    """The first `pattern` in a schema that is not a valid regular expression, explained."""
    if not isinstance(schema, dict):
        return None
    pattern = schema.get("pattern")
    if isinstance(pattern, str):
        try:
            re.compile(pattern)
        except re.error as exc:
            return f"the pattern {pattern!r} is not a valid regular expression ({exc})"
    inner = [schema.get("items"), schema.get("not")]
    properties = schema.get("properties")
    if isinstance(properties, dict):
        inner.extend(properties.values())
    return next((p for p in map(pattern_problem, inner) if p), None)


def errors(schema: dict[str, Any], value: Any) -> Iterator[tuple[InnerPath, str, Any]]:
    """(path inside the value, plain-English detail, the offending value) for each fault."""
    if not is_stated(value):
        return
    missing: dict[InnerPath, list[str]] = {}
    for error in faults(schema, _stated_only(value)):
        path = tuple(error.absolute_path)
        if not is_stated(_original(value, path)):
            continue
        if error.validator == "required":
            missing.setdefault(path, []).extend(
                k for k in error.validator_value
                if k not in error.instance and k not in missing.get(path, []))
            continue
        yield path, _detail(error, path), _original(value, path)
    for path, names in missing.items():
        listed = _and([f"`{n}`" for n in names])
        yield path, f"{listed} {'is' if len(names) == 1 else 'are'} not stated", \
            _original(value, path)


def _stated_only(value: Any) -> Any:
    """The value as JSON, without the mapping keys whose values are not stated."""
    if isinstance(value, dict):
        return {str(k): _stated_only(v) for k, v in value.items() if is_stated(v)}
    if isinstance(value, list):
        return [_stated_only(v) for v in value]
    if hasattr(value, "isoformat"):  # a YAML date or time
        return value.isoformat()
    return value


def _original(value: Any, path: InnerPath) -> Any:
    for step in path:
        if isinstance(value, dict):
            value = next(v for k, v in value.items() if str(k) == step)
        else:
            value = value[step]
    return value


def _detail(error: Any, path: InnerPath) -> str:
    where = "`" + ".".join(str(p) for p in path) + "`" if path else "the value"
    keyword = error.validator
    limit = error.validator_value
    found = error.instance
    shown = _show(found)
    if keyword == "type":
        names = limit if isinstance(limit, list) else [limit]
        return f"{where} is {shown}; expected {' or '.join(_TYPE_NAMES[n] for n in names)}"
    if keyword == "const":
        return f"{where} is {shown}; expected {_show(limit)}"
    if keyword == "enum":
        return f"{where} is {shown}; expected {_or([_show(v) for v in limit])}"
    if keyword in ("minimum", "exclusiveMinimum"):
        return f"{where} is {shown}, below {'or at ' if keyword[0] == 'e' else ''}{limit}"
    if keyword in ("maximum", "exclusiveMaximum"):
        return f"{where} is {shown}, above {'or at ' if keyword[0] == 'e' else ''}{limit}"
    if keyword == "minLength":
        return f"{where} has {len(found)} characters where at least {limit} are needed"
    if keyword == "maxLength":
        return f"{where} has {len(found)} characters where at most {limit} are allowed"
    if keyword == "pattern":
        return f"{where} is {shown}, which is not in the form this rule asks for"
    if keyword == "minItems":
        return f"{where} lists {len(found)} where at least {limit} are needed"
    if keyword == "maxItems":
        return f"{where} lists {len(found)} where at most {limit} are allowed"
    if keyword == "not":
        return f"{where} is set to something that is not allowed here"
    return f"{where} does not meet this rule's `{keyword}` condition"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict | list):
        return "a mapping" if isinstance(value, dict) else f"a list of {len(value)}"
    return str(value)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _or(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
