"""Check a document's structure against the compiled proposal format, without pydantic.

data/proposal-structure.json is generated from the pydantic models
(structure_build.py). This module walks a document with it and reports each
problem as pydantic would (same `type`, `loc`, `input` and `ctx`), calling the
same value checks (fields.py), so validate.py translates both alike. A test
compares the two on every example and on thousands of mutated documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import Any

from placecheck.model import fields
from placecheck.resources import package_data_path

Loc = tuple[str | int, ...]
StructureError = dict[str, Any]
Walker = Callable[[Any, Loc, list[StructureError]], None]


def _error(kind: str, loc: Loc, value: Any, message: str,
           ctx: dict[str, Any] | None = None) -> StructureError:
    error: StructureError = {"type": kind, "loc": loc, "msg": message, "input": value}
    if ctx is not None:
        error["ctx"] = ctx
    return error


class Structure:
    """The compiled format: a walker per model, and each model's keys."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.spec = spec["models"]
        self.walkers: dict[str, Walker] = {}
        for name in self.spec:
            self.walkers[name] = self._model(name)

    def errors(self, data: Any, model: str) -> list[StructureError]:
        found: list[StructureError] = []
        self.walkers[model](data, (), found)
        return found

    def keys(self, model: str) -> list[str]:
        return [entry[0] for entry in self.spec[model]]

    def keys_at(self, model: str, loc: Loc) -> set[str]:
        """The keys allowed at a location under a model (for "did you mean")."""
        shape: dict[str, Any] | None = {"model": model}
        for part in loc:
            shape = _unwrap(shape)
            if shape is None:
                return set()
            if isinstance(part, int):
                shape = shape.get("list")
            elif "model" in shape:
                entries = {e[0]: e[2] for e in self.spec[shape["model"]]}
                shape = entries.get(part)
            else:
                return set()
        shape = _unwrap(shape)
        return set(self.keys(shape["model"])) if shape and "model" in shape else set()

    def _model(self, name: str) -> Walker:
        entries = [(alias, required, self._shape(shape))
                   for alias, required, shape in self.spec[name]]
        known = frozenset(alias for alias, _, _ in entries)

        def walk(value: Any, loc: Loc, found: list[StructureError]) -> None:
            if not isinstance(value, dict):
                found.append(_error("model_type", loc, value, f"expected a mapping ({name})",
                                    {"class_name": name}))
                return
            for alias, required, check in entries:
                if alias in value:
                    check(value[alias], (*loc, alias), found)
                elif required:
                    found.append(_error("missing", (*loc, alias), value, "field required"))
            if len(value) > len(entries) or not known.issuperset(value):
                for key, item in value.items():
                    if key not in known:
                        found.append(_error("extra_forbidden", (*loc, key), item,
                                            "extra inputs are not permitted"))

        return walk

    def _shape(self, shape: dict[str, Any]) -> Walker:
        if "leaf" in shape:
            return _leaf(fields.leaf_check(shape["leaf"], _arguments(shape["args"])))
        if "nullable" in shape:
            inner = self._shape(shape["nullable"])

            def nullable(value: Any, loc: Loc, found: list[StructureError]) -> None:
                if value is not None:
                    inner(value, loc, found)

            return nullable
        if "list" in shape:
            item = self._shape(shape["list"])

            def items(value: Any, loc: Loc, found: list[StructureError]) -> None:
                if not isinstance(value, list):
                    found.append(_error("list_type", loc, value, "expected a list"))
                    return
                for index, entry in enumerate(value):
                    item(entry, (*loc, index), found)

            return items
        if "model" in shape:
            name = shape["model"]

            def model(value: Any, loc: Loc, found: list[StructureError]) -> None:
                self.walkers[name](value, loc, found)  # looked up late: models refer ahead

            return model
        if "literal" in shape:
            return _literal(shape["literal"])
        if shape.get("separately"):
            return lambda value, loc, found: None
        raise ValueError(f"unknown shape in the proposal structure: {shape!r}")


def _arguments(args: list[Any]) -> tuple[Any, ...]:
    return tuple(tuple(a) if isinstance(a, list) else a for a in args)


def _leaf(check: fields.Check) -> Walker:
    def leaf(value: Any, loc: Loc, found: list[StructureError]) -> None:
        try:
            check(value)
        except fields.FieldError as exc:
            found.append(_error(exc.kind, loc, value, exc.message, exc.ctx))

    return leaf


def _literal(expected: Any) -> Walker:
    numeric = isinstance(expected, int)

    def literal(value: Any, loc: Loc, found: list[StructureError]) -> None:
        # Like pydantic's lax mode: 1 also accepts 1.0 and true; text must match exactly.
        ok = (isinstance(value, int | float) and value == expected) if numeric else (
            isinstance(value, str) and value == expected)
        if not ok:
            found.append(_error("literal_error", loc, value, f"expected {expected!r}",
                                {"expected": repr(expected)}))

    return literal


def _unwrap(shape: dict[str, Any] | None) -> dict[str, Any] | None:
    while shape is not None and "nullable" in shape:
        shape = shape["nullable"]
    return shape


@cache
def structure() -> Structure:
    """The bundled structure (read once per process)."""
    with open(package_data_path("proposal-structure.json"), encoding="utf-8") as handle:
        return Structure(json.load(handle))
