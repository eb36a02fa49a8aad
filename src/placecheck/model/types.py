"""Field types shared by the proposal models: ids, codes, dates, vocabularies.

Each type rejects what YAML might have silently turned into something else
(a number where text was meant, a timestamp number where a date was meant),
and carries its JSON Schema so editors can validate and autocomplete.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StrictInt, WithJsonSchema
from pydantic_core import PydanticCustomError

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
_BOOL_WORDS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}


def _text(value: Any) -> Any:
    if isinstance(value, str):
        return value
    raise PydanticCustomError("text_type", "expected text", {"found": value})


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise PydanticCustomError(
            "slug",
            "ids are lower-case slugs",
            {"found": value, "suggestion": re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")},
        )
    return value


def _pattern(regex: str, what: str) -> Any:
    compiled = re.compile(regex)

    def check(value: str) -> str:
        if not compiled.match(value):
            raise PydanticCustomError("code", "not a valid code", {"found": value, "what": what})
        return value

    return check


def vocabulary(name: str, allowed: tuple[str, ...]) -> Any:
    """A text field whose value must come from a controlled vocabulary."""

    def check(value: str) -> str:
        if value not in allowed:
            raise PydanticCustomError(
                "vocabulary",
                "not in the vocabulary",
                {"found": value, "allowed": allowed, "name": name},
            )
        return value

    return Annotated[
        str,
        BeforeValidator(_text),
        AfterValidator(check),
        WithJsonSchema({"type": "string", "enum": list(allowed)}),
    ]


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("date_type", "expected a date", {"found": value})


def _bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.lower()]  # already reported as ambiguous by the loader
    raise PydanticCustomError("bool_type", "expected true or false", {"found": value})


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PydanticCustomError("number_type", "expected a number", {"found": value})
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("number_type", "expected a finite number", {"found": value})
    if value < 0:
        raise PydanticCustomError("negative", "cannot be negative", {"found": value})
    return value


Text = Annotated[str, BeforeValidator(_text), WithJsonSchema({"type": "string"})]
Id = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_slug),
    WithJsonSchema({"type": "string", "pattern": SLUG.pattern}),
]
Ref = Id  # a reference to an id; resolved after validation
Date = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Flag = Annotated[bool, BeforeValidator(_bool), WithJsonSchema({"type": "boolean"})]
Amount = Annotated[
    float | int, BeforeValidator(_amount), WithJsonSchema({"type": "number", "minimum": 0})
]
Count = Annotated[StrictInt, Field(ge=0), WithJsonSchema({"type": "integer", "minimum": 0})]
IcbCode = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(_pattern(r"^E54\d{6}$", "an ONS ICB code (E54 followed by six digits)")),
    WithJsonSchema({"type": "string", "pattern": r"^E54\d{6}$"}),
]
LaCode = Annotated[
    str,
    BeforeValidator(_text),
    AfterValidator(
        _pattern(
            r"^E(06|07|08|09|10)\d{6}$",
            "an ONS local authority code (E06, E07, E08, E09 or E10 followed by six digits)",
        )
    ),
    WithJsonSchema({"type": "string", "pattern": r"^E(06|07|08|09|10)\d{6}$"}),
]
