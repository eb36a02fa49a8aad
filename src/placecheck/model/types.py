"""Field types shared by the proposal models: ids, codes, dates, vocabularies.

Each type rejects what YAML might have silently turned into something else
(a number where text was meant, a timestamp number where a date was meant),
and carries its JSON Schema so editors can validate and autocomplete. The
checks themselves live in fields.py; each type also carries a Leaf marker
naming its check, from which structure.py's compiled form is generated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from placecheck.model import fields
from placecheck.model.fields import ICB_CODE, LA_CODE, SLUG


@dataclass(frozen=True)
class Leaf:
    """Names a field type's check in fields.py (and its arguments) for the compiler."""

    kind: str
    args: tuple[Any, ...] = ()


def _as_pydantic(check: fields.Check) -> fields.Check:
    def run(value: Any) -> Any:
        try:
            return check(value)
        except fields.FieldError as exc:
            raise PydanticCustomError(exc.kind, exc.message, exc.ctx) from None

    return run


def _leaf(base: Any, leaf: Leaf, json_schema: dict[str, Any]) -> Any:
    check = fields.leaf_check(leaf.kind, leaf.args)
    return Annotated[base, BeforeValidator(_as_pydantic(check)), WithJsonSchema(json_schema),
                     leaf]


def vocabulary(name: str, allowed: tuple[str, ...]) -> Any:
    """A text field whose value must come from a controlled vocabulary."""
    return _leaf(str, Leaf("vocabulary", (name, allowed)),
                 {"type": "string", "enum": list(allowed)})


Text = _leaf(str, Leaf("text"), {"type": "string"})
Id = _leaf(str, Leaf("id"), {"type": "string", "pattern": SLUG.pattern})
Ref = Id  # a reference to an id; resolved after validation
Date = _leaf(dt.date, Leaf("date"), {"type": "string", "format": "date"})
Flag = _leaf(bool, Leaf("flag"), {"type": "boolean"})
Amount = _leaf(float | int, Leaf("amount"), {"type": "number", "minimum": 0})
Count = _leaf(int, Leaf("count"), {"type": "integer", "minimum": 0})
IcbCode = _leaf(str, Leaf("code", (ICB_CODE, "an ONS ICB code (E54 followed by six digits)")),
                {"type": "string", "pattern": ICB_CODE})
LaCode = _leaf(str, Leaf("code", (LA_CODE, "an ONS local authority code (E06, E07, E08, E09 "
                                           "or E10 followed by six digits)")),
               {"type": "string", "pattern": LA_CODE})
