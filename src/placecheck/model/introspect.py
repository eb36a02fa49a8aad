"""What the models say about a document's shape: keys at a location, and id references.

Read from the pydantic models' fields, so that "did you mean", the
reference check and the format's documentation follow the models as they are.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from placecheck.model.types import RefersTo

Loc = tuple[str | int, ...]
EACH = "*"  # any entry of a list, in a reference's path


@dataclass(frozen=True)
class Reference:
    """A field holding ids: its path under the document (EACH for a list entry)."""

    path: tuple[str, ...]
    collections: tuple[str, ...]


@cache
def hints(model: type[BaseModel]) -> Mapping[str, Any]:
    """Each field's annotation, with its Annotated metadata, by the key written in YAML."""
    return MappingProxyType({(field.alias or name): _annotation(field)
                             for name, field in model.model_fields.items()})


def _annotation(field: FieldInfo) -> Any:
    """The annotation pydantic resolved (it keeps the outermost Annotated's metadata apart)."""
    return Annotated[field.annotation, *field.metadata] if field.metadata else field.annotation


def strip(annotation: Any) -> tuple[Any, list[Any]]:
    """The type inside Annotated and `X | None`, with the metadata met on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            metadata.extend(annotation.__metadata__)
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            models = [a for a in options if _is_model(a)]
            if len(options) > 1 and not models:
                return annotation, metadata  # a plain union of values (e.g. float | int)
            annotation = models[0] if models else options[0]
        else:
            return annotation, metadata


def item_type(annotation: Any) -> Any | None:
    """The entry type of a list annotation, or None if it is not a list."""
    inner, _ = strip(annotation)
    if typing.get_origin(inner) is list:
        return typing.get_args(inner)[0]
    return None


def model_of(annotation: Any) -> type[BaseModel] | None:
    inner, _ = strip(annotation)
    return inner if _is_model(inner) else None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def keys_at(model: type[BaseModel], loc: Loc) -> list[str]:
    """The keys the model allows at a location (for "did you mean"), or none."""
    current = annotation_at(model, loc)
    found = model_of(current) if current is not None else None
    return list(hints(found)) if found is not None else []


def annotation_at(model: type[BaseModel], loc: Loc) -> Any | None:
    """The annotation of the field at a location, or None."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            current = item_type(current)
        else:
            found = model_of(current)
            current = hints(found).get(part) if found is not None else None
        if current is None:
            return None
    return current


@cache
def references(model: type[BaseModel]) -> tuple[Reference, ...]:
    """Every field under the model that holds ids, with the collections they must name."""
    found: list[Reference] = []

    def visit(annotation: Any, path: tuple[str, ...], seen: frozenset[type]) -> None:
        inner, metadata = strip(annotation)
        marks = [m for m in metadata if isinstance(m, RefersTo)]
        if marks:
            found.append(Reference(path, marks[0].collections))
            return
        if typing.get_origin(inner) is list:
            visit(typing.get_args(inner)[0], (*path, EACH), seen)
        elif _is_model(inner) and inner not in seen:
            for key, hint in hints(inner).items():
                visit(hint, (*path, key), seen | {inner})

    visit(model, (), frozenset())
    return tuple(found)


@cache
def collections_with_ids(model: type[BaseModel]) -> Mapping[str, type[BaseModel]]:
    """The top-level lists whose entries carry an `id` (the entity collections)."""
    found: dict[str, type[BaseModel]] = {}
    for key, hint in hints(model).items():
        entry = item_type(hint)
        entry_model = model_of(entry) if entry is not None else None
        if entry_model is not None and "id" in entry_model.model_fields:
            found[key] = entry_model
    return MappingProxyType(found)
