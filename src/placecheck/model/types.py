"""Field types shared by the proposal models: ids, references, codes, dates, vocabularies.

Each type rejects what YAML might have silently turned into something else
(a number where text was meant, a timestamp number where a date was meant),
and carries its JSON Schema so editors can validate and autocomplete. The
checks themselves are in fields.py. A reference to an id carries a RefersTo
marker naming the collections the id must be in; the reference check reads
those markers from the models (introspect.py), so the models are the one
place that says which field refers to what.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from placecheck.model import fields
from placecheck.model.fields import ICB_CODE, LA_CODE, SLUG


def _as_pydantic(check: fields.Check) -> BeforeValidator:
    def run(value: Any) -> Any:
        try:
            return check(value)
        except fields.FieldError as exc:
            raise PydanticCustomError(exc.kind, exc.message, exc.ctx) from None

    return BeforeValidator(run)


@dataclass(frozen=True)
class RefersTo:
    """Marks a field whose value is the id of an entity in one of these collections."""

    collections: tuple[str, ...]

    def __init__(self, *collections: str) -> None:
        object.__setattr__(self, "collections", collections)


def vocabulary(name: str, allowed: tuple[str, ...]) -> Any:
    """A text field whose value must come from a controlled vocabulary."""
    return Annotated[str, _as_pydantic(fields.vocabulary(name, allowed)),
                     WithJsonSchema({"type": "string", "enum": list(allowed)})]


Text = Annotated[str, _as_pydantic(fields.text), WithJsonSchema({"type": "string"})]
Id = Annotated[str, _as_pydantic(fields.identifier),
               WithJsonSchema({"type": "string", "pattern": SLUG.pattern})]
Date = Annotated[dt.date, _as_pydantic(fields.date),
                 WithJsonSchema({"type": "string", "format": "date"})]
Flag = Annotated[bool, _as_pydantic(fields.flag), WithJsonSchema({"type": "boolean"})]
Amount = Annotated[float | int, _as_pydantic(fields.amount),
                   WithJsonSchema({"type": "number", "minimum": 0})]
Count = Annotated[int, _as_pydantic(fields.count),
                  WithJsonSchema({"type": "integer", "minimum": 0})]
IcbCode = Annotated[str, _as_pydantic(fields.code(
    ICB_CODE, "an ONS ICB code (E54 followed by six digits)")),
    WithJsonSchema({"type": "string", "pattern": ICB_CODE})]
LaCode = Annotated[str, _as_pydantic(fields.code(
    LA_CODE, "an ONS local authority code (E06, E07, E08, E09 or E10 followed by six digits)")),
    WithJsonSchema({"type": "string", "pattern": LA_CODE})]

# References, by what they may name (an id is checked as an id first).
OrganisationRef = Annotated[Id, RefersTo("organisations")]
FunctionRef = Annotated[Id, RefersTo("functions")]
BodyRef = Annotated[Id, RefersTo("governance")]
PersonRef = Annotated[Id, RefersTo("people")]
BodyOrPersonRef = Annotated[Id, RefersTo("governance", "people")]
OrganisationOrBodyRef = Annotated[Id, RefersTo("organisations", "governance")]
BodyPersonOrOrganisationRef = Annotated[Id, RefersTo("governance", "people", "organisations")]
AnyEntityRef = Annotated[Id, RefersTo("organisations", "governance", "people")]


def about(description: str, *answers: str, example: Any = None, added: bool = False,
          required: bool = False, default: Any = None, alias: str | None = None) -> Any:
    """A field's documentation: what it means, an example, the catalogue lines it answers.

    `added` marks a field placecheck added to the published format contract
    (all such fields are optional). The JSON Schema and docs/proposal-format.md
    are generated from these.
    """
    extra: dict[str, Any] = {}
    if answers:
        extra["x-answers"] = list(answers)
    if added:
        extra["x-added-by-placecheck"] = True
    return Field(... if required else default, description=description, alias=alias,
                 examples=None if example is None else [example],
                 json_schema_extra=extra or None)
