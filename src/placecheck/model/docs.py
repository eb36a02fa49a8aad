"""docs/proposal-format.md, written from the models' field descriptions.

    python -m placecheck.model.docs            # print it
    python -m placecheck.model.docs --write    # rewrite docs/proposal-format.md

A test fails when the committed file differs from what the models say.
"""

from __future__ import annotations

import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, WithJsonSchema

from placecheck.model import introspect
from placecheck.model.fields import ICB_CODE, LA_CODE, SLUG
from placecheck.model.proposal import PlaceProposal, SystemProposal
from placecheck.model.types import RefersTo
from placecheck.model.vocab import ENTITY_COLLECTIONS

_PLURAL = {"organisations": "organisations", "functions": "functions",
           "governance": "governance bodies", "people": "people"}
_YAML11_BOOLEANS = {"on", "off", "yes", "no", "y", "n"}
DOC_FILE = Path(__file__).resolve().parents[3] / "docs" / "proposal-format.md"

_INTRO = """\
# The proposal format (version 1), field by field

<!-- Generated from placecheck's models (src/placecheck/model): do not edit by hand.
     Regenerate with: python -m placecheck.model.docs --write -->

A proposal is one YAML file. `kind: place` describes one place-based
partnership's arrangements; `kind: system` lists an integrated care system's
places. Every document starts with `placecheck: 1` and `kind:`. Unknown keys
are errors, with a "did you mean" hint. Organisations, functions, governance
bodies and people carry an `id` (a lower-case slug such as `riverton-cc`);
everything else refers to them by id, and an id that names nothing is an error.

Each table lists a mapping's keys: what the key holds, its type, an example,
and the lines of the guidance catalogue it answers (M membership, B boundaries
and footprint, D delegation and accountability, C leadership and conflicts of
interest, P people and communities, S shared purpose; `placecheck rules
--coverage` lists each line with the rules that check it).

**Contract** marks a field of the published format contract (version 1), whose
names and meanings other people's files rely on. **Added** marks an optional
refinement placecheck adds to the contract: a proposal that leaves it out
can still meet the guidance in the contract's text fields.

Write numbers without `£`, commas or spaces (`96000000`), dates as
year-month-day (`2026-03-25`), true/false as `true` or `false`, and put text
that YAML could read as something else (`"1.10"`, `"on"`, `"yes"`) in quotes.
"""


def format_markdown() -> str:
    sections = [_INTRO]
    seen: dict[type[BaseModel], str] = {}
    for root, heading in ((PlaceProposal, "`kind: place`: a place proposal"),
                          (SystemProposal, "`kind: system`: an integrated care system")):
        for model, where in _models(root, seen):
            title = heading if model is root else f"`{where}`"
            sections.append(_table(model, title, where, seen, describe=model is not root))
    sections.append("A place may also be written inline in a system file's `places:`, with "
                    "the keys of a place proposal (`placecheck` and `kind` may then be left "
                    "out).\n")
    return "\n".join(sections)


def _models(root: type[BaseModel], seen: dict[type[BaseModel], str]
            ) -> list[tuple[type[BaseModel], str]]:
    """The models under root not yet seen, with the path where each first appears."""
    found: list[tuple[type[BaseModel], str]] = []

    def visit(model: type[BaseModel], where: str) -> None:
        if model in seen:
            return
        seen[model] = where.removeprefix("$.")
        found.append((model, where))
        for key, hint in introspect.hints(model).items():
            entry = introspect.item_type(hint)
            inner = introspect.model_of(entry if entry is not None else hint)
            if inner is not None and not issubclass(inner, PlaceProposal):
                visit(inner, f"{where}.{key}{'[]' if entry is not None else ''}")

    visit(root, "$")
    return [(m, w.removeprefix("$.")) for m, w in found]


def _table(model: type[BaseModel], title: str, where: str, seen: dict[type[BaseModel], str],
           describe: bool) -> str:
    lines = [f"## {title}", ""]
    if describe and model.__doc__ and not model.__doc__.startswith(model.__name__ + "("):
        lines += [model.__doc__.strip(), ""]
    lines += ["| key | what it holds | type | example | answers | in |",
              "| --- | --- | --- | --- | --- | --- |"]
    hints = introspect.hints(model)
    for name, field in model.model_fields.items():
        key = field.alias or name
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        answers = ", ".join(str(a) for a in extra.get("x-answers", [])) or "—"  # type: ignore[union-attr]
        added = "added" if extra.get("x-added-by-placecheck") else "contract"
        required = " (required)" if field.is_required() else ""
        written = f'"{key}"' if key in _YAML11_BOOLEANS else key
        example = f"`{written}: {_inline(field.examples[0])}`" if field.examples else ""
        lines.append(f"| `{key}`{required} | {_cell(field.description or '')} | "
                     f"{_type(hints[key], seen)} | {example} | {answers} | {added} |")
    return "\n".join(lines) + "\n"


def _type(annotation: Any, seen: dict[type[BaseModel], str]) -> str:
    entry = introspect.item_type(annotation)
    if entry is not None:
        if typing.get_origin(entry) in (typing.Union, types.UnionType):
            return "list: each a path to a place file (text), or a place written inline"
        found = introspect.model_of(entry)
        if found is not None:
            return f"list of mappings (see `{seen[found]}`)"
        refers = [m for m in introspect.strip(entry)[1] if isinstance(m, RefersTo)]
        if refers:
            return "list of ids of " + " or ".join(_PLURAL[c] for c in refers[0].collections)
        return "list of " + _type(entry, seen)
    inner, metadata = introspect.strip(annotation)
    refers = [m for m in metadata if isinstance(m, RefersTo)]
    if refers:
        return "id of " + " or ".join(_article(ENTITY_COLLECTIONS[c])
                                      for c in refers[0].collections)
    found = introspect.model_of(inner)
    if found is not None:
        return f"mapping (see `{seen[found]}`)"
    if typing.get_origin(inner) is typing.Literal:
        return " or ".join(f"`{a}`" for a in typing.get_args(inner))
    schemas = [m.json_schema for m in metadata if isinstance(m, WithJsonSchema)]
    schema: dict[str, Any] = dict(schemas[0]) if schemas and schemas[0] else {}
    if "enum" in schema:
        return "one of " + ", ".join(f"`{w}`" for w in schema["enum"])
    pattern = schema.get("pattern")
    if pattern == SLUG.pattern:
        return "id (lower-case slug)"
    if pattern == ICB_CODE:
        return "ONS ICB code (`E54` + 6 digits)"
    if pattern == LA_CODE:
        return "ONS local authority code (`E06`–`E10` + 6 digits)"
    return {"date": "date (YYYY-MM-DD)"}.get(schema.get("format", ""), {
        "string": "text", "boolean": "`true` or `false`", "integer": "whole number",
        "number": "number"}.get(schema.get("type", ""), "text"))


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _inline(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, str) and (not value or any(c in value for c in ":#,[]{}'\"")
                                   or value[0] in "-?!&*|>%@`"):
        return '"' + value.replace('"', '\\"') + '"'
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(argv: list[str]) -> int:
    text = format_markdown()
    if "--write" in argv:
        DOC_FILE.write_text(text, encoding="utf-8")
        print(f"wrote {DOC_FILE}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
