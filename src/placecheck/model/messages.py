"""pydantic's validation errors as findings a governance lead can act on.

Each error becomes a located diagnostic with an F-code, in plain words, with
what to type: "did you mean" for a misspelt key or vocabulary word, how to
write a number or a date that was written as in a Word document, the right
shape where a list and a mapping were mixed up. None of pydantic's wording
reaches the user.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel

from placecheck.loading import Diagnostic, Document, PathKey
from placecheck.model import introspect, vocab

_NUMBER_LIKE = re.compile(r"^£?\s*\d{1,3}(?:[, ]\d{3})+(?:\.\d+)?$|^£\s*\d+(?:\.\d+)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
# What is left of `{amount_gbp: 96,000,000}`: YAML reads `000` as a key of its own.
_CUT_NUMBER_KEY = re.compile(r"^\d{3}(?:\.\d+)?$")
_WITHOUT_COMMAS = ("Write the whole number without £, commas or spaces, e.g. 96000000 for "
                   "£96,000,000.")
_WORDY_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y")

EXPECTED = {
    "text_type": "text",
    "string_type": "text",
    "date_type": "a date (YYYY-MM-DD)",
    "bool_type": "true or false",
    "number_type": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "greater_than_equal": "a number that is not negative",
    "list_type": "a list",
    "model_type": "a mapping of keys and values",
    "dict_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
}


def diag(doc: Document, code: str, path: PathKey, message: str, hint: str = "",
         at_key: bool = False) -> Diagnostic:
    position = doc.key_position(path) if at_key else doc.position(path)
    return Diagnostic(code, message, path, position, hint)


def translate(doc: Document, model: type[BaseModel], error: Any, prefix: PathKey) -> Diagnostic:
    """One pydantic error (from ValidationError.errors()) as a diagnostic."""
    loc: PathKey = tuple(error["loc"])
    path = (*prefix, *loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = str(loc[-1]) if loc else "document"

    if kind == "extra_forbidden" and _CUT_NUMBER_KEY.match(name):
        return diag(doc, "F003", path, f"unknown key `{name}`: inside `{{...}}` a comma starts "
                    "a new entry, so a number written with commas was cut here",
                    _WITHOUT_COMMAS, at_key=True)

    if kind == "extra_forbidden":
        allowed = sorted(introspect.keys_at(model, loc[:-1]))
        guess = close_matches(name, allowed, 1, 0.6)
        hint = f"Did you mean `{guess[0]}`?" if guess else (
            "Allowed here: " + ", ".join(f"`{a}`" for a in allowed) + "." if allowed else "")
        return diag(doc, "F003", path, f"unknown key `{name}`", hint, at_key=True)

    if kind == "missing":
        owner = _owner(loc[:-1])
        return diag(doc, "F005", path, f"`{name}` is missing from {owner}",
                    f"Add `{name}:` to {owner}.")

    if kind == "vocabulary":
        words = [str(a) for a in ctx["allowed"]]
        found = str(ctx["found"])
        guess = close_matches(found, words, 1, 0.5)
        hint = (f"Did you mean `{guess[0]}`? " if guess else "") + "Allowed values: " + ", ".join(
            f"`{a}`" for a in words) + "."
        noun = article(str(ctx["name"]))
        return diag(doc, "F007", path, f"`{found}` is not {noun} placecheck knows", hint)

    if kind == "literal_error":
        if name == "kind":
            return diag(doc, "F007", path, f"`kind: {value}` does not belong here",
                        "Write `kind: place` or `kind: system` as the format says.")
        return diag(doc, "F009", path, f"`{name}` should be {ctx.get('expected')}",
                    f"Write `{name}: {ctx.get('expected')}`.")

    if kind == "slug":
        return diag(doc, "F009", path, f"`{ctx['found']}` is not a valid id: ids are lower-case "
                    "letters, digits and hyphens", f"Write `{ctx['suggestion']}` here and "
                    "wherever it is referred to.")

    if kind == "code":
        return diag(doc, "F009", path, f"`{ctx['found']}` is not {ctx['what']}",
                    "Check the code against the ONS register (ONS geography codes).")

    if kind == "negative":
        return diag(doc, "F009", path, f"`{name}` cannot be negative ({ctx['found']})",
                    "Write the amount as a positive number.")

    expected = EXPECTED.get(kind)
    if expected is not None:
        return _type_error(doc, model, loc, path, expected, value)
    return diag(doc, "F009", path, f"{field_name(loc)} has a value placecheck cannot read",
                "See docs/proposal-format.md for what this field holds.")


def _type_error(doc: Document, model: type[BaseModel], loc: PathKey, path: PathKey,
                expected: str, value: Any) -> Diagnostic:
    name = str(loc[-1]) if loc else "document"
    label = field_name(loc)
    raw = doc.raw_scalars.get(path)
    if expected == "text" and raw is not None and value is not None:
        return diag(doc, "F004", path,
                    f"{label} should be text, but YAML reads `{raw}` as {describe(value)}",
                    f'Put it in quotes: "{raw}".')
    if isinstance(value, str) and expected in ("a number", "a whole number"):
        plain = _plain_number(value, whole=expected == "a whole number")
        if plain is not None and _was_cut(doc, path):
            return diag(doc, "F004", path, f"{label} should be {expected}, but `{value}` has "
                        f"{_extras(value)} in it and was cut at a comma", _WITHOUT_COMMAS)
        if plain is not None:
            return diag(doc, "F004", path, f"{label} should be {expected}, but `{value}` "
                        f"has {_extras(value)} in it, so YAML reads it as text",
                        f"Write the number alone: `{name}: {plain}`.")
    if isinstance(value, str) and expected.startswith("a date"):
        iso = _iso_date(value)
        if iso is not None:
            return diag(doc, "F004", path, f"{label} should be a date written year-month-day, "
                        f"but `{value}` is written another way, so it is read as text",
                        f"Write `{name}: {iso}` (YYYY-MM-DD).")
    if expected == "a list" and isinstance(value, dict):
        return diag(doc, "F004", path, f"{label} should be a list, but it is written as a "
                    "mapping (keys without a `- ` in front)",
                    "Start each entry with `- `, for example:\n"
                    + _example(model, loc, as_list=True))
    if expected == "a mapping of keys and values" and isinstance(value, list):
        return diag(doc, "F004", path, f"{label} should be a mapping of keys and values, but "
                    "it is written as a list (entries starting with `- `)",
                    "Write its keys indented under it, without `- `, for example:\n"
                    + _example(model, loc, as_list=False))
    if expected.startswith("a list") and isinstance(value, str | int | float):
        return diag(doc, "F004", path, f"{label} should be a list, found {describe(value)}",
                    f"Write it as a list: `{name}: [{value}]`.")
    return diag(doc, "F004", path, f"{label} should be {expected}, found {describe(value)}")


def _plain_number(text: str, whole: bool) -> str | None:
    """`£96,000,000` as `96000000`, if that is all that stands between it and a number."""
    stripped = text.strip()
    if not _NUMBER_LIKE.match(stripped):
        return None
    plain = re.sub(r"[£, ]", "", stripped)
    if whole and "." in plain:
        return None
    return plain


def _was_cut(doc: Document, path: PathKey) -> bool:
    """Whether the mapping holding `path` also has keys left by a number cut at its commas."""
    parent: Any = doc.data
    for part in path[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(parent, dict) and any(
        isinstance(key, str) and _CUT_NUMBER_KEY.match(key) for key in parent)


def _extras(text: str) -> str:
    found = [what for sign, what in (("£", "a £ sign"), (",", "commas"), (" ", "spaces"))
             if sign in text.strip()]
    return " and ".join(found)


def _iso_date(text: str) -> str | None:
    """A UK-style or spelled-out date as YYYY-MM-DD, if it is a real date."""
    stripped = text.strip()
    day_first = _DAY_FIRST.match(stripped)
    try:
        if day_first:
            day, month, year = (int(g) for g in day_first.groups())
            return dt.date(year, month, day).isoformat()
        year_first = _YEAR_FIRST.match(stripped)
        if year_first:
            year, month, day = (int(g) for g in year_first.groups())
            return dt.date(year, month, day).isoformat()
        for pattern in _WORDY_DATE_FORMATS:
            try:
                return dt.datetime.strptime(stripped, pattern).date().isoformat()
            except ValueError:
                continue
    except ValueError:
        return None
    return None


def field_name(loc: PathKey) -> str:
    """The key at a location, or which entry of which list it is."""
    if not loc:
        return "document"
    if isinstance(loc[-1], int):
        owner = f" of `{loc[-2]}`" if len(loc) > 1 else ""
        return f"entry {loc[-1] + 1}{owner}"
    return f"`{loc[-1]}`"


def _example(model: type[BaseModel], loc: PathKey, as_list: bool) -> str:
    """Two lines showing the right shape of the field at `loc`."""
    annotation = introspect.annotation_at(model, loc)
    entry = introspect.item_type(annotation) if as_list and annotation is not None else annotation
    inner = introspect.model_of(entry) if entry is not None else None
    keys = list(introspect.hints(inner))[:2] if inner is not None else []
    if loc and isinstance(loc[-1], int):  # an entry of a list: show one entry
        lines = [f"{k}: ..." for k in keys] or ["..."]
        return "  - " + "\n    ".join(lines[:2])
    first = f"{keys[0]}: ..." if keys else "..."
    name = str(loc[-1]) if loc else "document"
    return f"  {name}:\n    - {first}" if as_list else f"  {name}:\n    {first}"


def describe(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the true/false value {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        return f"the text {value[:60]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _owner(loc: PathKey) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            singular = vocab.ENTITY_COLLECTIONS.get(part)
            return f"this {singular or part.replace('_', ' ')}"
    return "the document"


def close_matches(word: str, candidates: list[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only a document with problems pays for "did you mean"

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)
