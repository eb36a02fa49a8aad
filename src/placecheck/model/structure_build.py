"""Compile the pydantic models into the plain structure that lint checks documents with.

    python -m placecheck.model.structure_build          # rewrite the bundled file
    python -m placecheck.model.structure_build --check  # exit 1 if it is stale

The models in proposal.py are the definition of the format (and of its JSON
Schema); importing pydantic and building them costs ~150 ms, more than a whole
lint of one file, so lint walks this compiled form instead (structure.py). A
test checks that the bundled file is current and that both give the same errors.
"""

from __future__ import annotations

import json
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from placecheck.model.proposal import InlinePlace, PlaceProposal, SystemProposal
from placecheck.model.types import Leaf

STRUCTURE_FILE = Path(__file__).resolve().parents[1] / "data" / "proposal-structure.json"
ROOTS: tuple[type[BaseModel], ...] = (PlaceProposal, SystemProposal, InlinePlace)
# Fields that validate.py checks entry by entry itself (a system's places are paths or
# inline places, and each inline place is checked as an InlinePlace with its own ids).
SEPARATELY = {("SystemProposal", "places")}


def build_structure() -> dict[str, Any]:
    models: dict[str, list[list[Any]]] = {}

    def add(model: type[BaseModel]) -> None:
        if model.__name__ in models:
            return
        models[model.__name__] = []  # placeholder: models may refer to each other
        hints = typing.get_type_hints(model, include_extras=True)
        entries = []
        for name, field in model.model_fields.items():
            if (model.__name__, name) in SEPARATELY:
                shape: dict[str, Any] = {"separately": True}
            else:
                shape = _shape(hints[name], add)
            entries.append([field.alias or name, field.is_required(), shape])
        models[model.__name__] = entries

    for root in ROOTS:
        add(root)
    return {"generated_by": "python -m placecheck.model.structure_build", "models": models}


def _shape(annotation: Any, add: Any) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        leaves = [m for m in annotation.__metadata__ if isinstance(m, Leaf)]
        if not leaves:
            raise TypeError(f"{annotation!r} has no Leaf marker: build it with types._leaf")
        return {"leaf": leaves[0].kind, "args": list(leaves[0].args)}
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1 or len(options) == len(args):
            raise TypeError(f"only `X | None` unions are compiled, not {annotation!r}")
        return {"nullable": _shape(options[0], add)}
    if origin is list:
        return {"list": _shape(args[0], add)}
    if origin is typing.Literal:
        return {"literal": args[0]}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        add(annotation)
        return {"model": annotation.__name__}
    raise TypeError(f"no compiled form for {annotation!r}")


def structure_text() -> str:
    """The structure as JSON, one field per line so that a change reads well in a diff."""
    structure = build_structure()
    models = [
        f"  {json.dumps(name)}: [\n" + ",\n".join(f"   {json.dumps(entry)}" for entry in fields)
        + "\n  ]"
        for name, fields in structure["models"].items()
    ]
    return ("{\n" f' "generated_by": {json.dumps(structure["generated_by"])},\n'
            ' "models": {\n' + ",\n".join(models) + "\n }\n}\n")


def main(argv: list[str]) -> int:
    text = structure_text()
    if "--check" in argv:
        current = STRUCTURE_FILE.read_text(encoding="utf-8") if STRUCTURE_FILE.exists() else ""
        if current != text:
            print(f"{STRUCTURE_FILE} is stale: run python -m placecheck.model.structure_build")
            return 1
        return 0
    STRUCTURE_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {STRUCTURE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
