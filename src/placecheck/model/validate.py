"""Check a loaded document against the proposal format, in plain English.

The structure check (structure.py, compiled from the pydantic models) does the
structural work; this module turns its errors into located diagnostics a
governance lead can act on ("did you mean `members`?"), then resolves every id
reference and reports the ones that point nowhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from placecheck.loading import Diagnostic, Document, PathKey
from placecheck.model import vocab
from placecheck.model.structure import StructureError, structure
from placecheck.rules.paths import Scope

FORMAT_VERSION = 1
# How many id comparisons "did you mean" may make per document. Each unknown id
# is compared with every known one, so a file with thousands of both would
# otherwise take minutes; past the budget, unknown ids are still reported,
# just without a suggestion.
SUGGESTION_BUDGET = 20_000
_SUGGEST_MAX_LENGTH = 100

# Where ids are used, and which collections each use may point into.
_ORGS = ("organisations",)
REFERENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("$.agreement[*].organisation", _ORGS),
    ("$.functions[*].delegated_from[*]", _ORGS),
    ("$.functions[*].delegated_to", ("governance", "people")),
    ("$.functions[*].accountable[*]", ("organisations", "governance", "people")),
    ("$.functions[*].instrument.approved_by[*]", _ORGS),
    ("$.functions[*].assurance.reports_to[*]", ("organisations", "governance")),
    ("$.governance[*].established_by[*]", _ORGS),
    ("$.governance[*].reports_to[*]", ("organisations", "governance")),
    ("$.governance[*].terms_of_reference.non_statutory_members_approved_by[*]", _ORGS),
    ("$.governance[*].terms_of_reference.approved_by[*]", _ORGS),
    ("$.governance[*].contract.parties[*]", _ORGS),
    ("$.governance[*].members[*].person", ("people",)),
    ("$.governance[*].members[*].organisation", _ORGS),
    ("$.people[*].employers[*]", _ORGS),
    ("$.people[*].roles[*].functions[*]", ("functions",)),
    ("$.people[*].roles[*].body", ("governance",)),
    ("$.people[*].roles[*].appointed_by[*]", _ORGS),
    ("$.people[*].roles[*].reports_to", ("governance", "people", "organisations")),
    ("$.people[*].roles[*].accountable_to[*]", ("organisations", "governance")),
    ("$.people[*].conflict_of_interest_policies[*]", _ORGS),
    ("$.conflicts_of_interest.policy.owner[*]", _ORGS),
    ("$.conflicts_of_interest.register.kept_by", _ORGS),
    ("$.approvals_required[*].by", _ORGS),
    ("$.departures[*].agreed_by[*]", _ORGS),
)


def validate_document(doc: Document) -> list[Diagnostic]:
    """Everything wrong with the document's form: keys, types, vocabularies, ids."""
    data = doc.data
    version = data.get("placecheck")
    if "placecheck" not in data:
        return [_diag(doc, "F005", (), "the file does not start with `placecheck: 1`",
                      "Add `placecheck: 1` as the first line: it says which format version "
                      "the file follows.")]
    if version != FORMAT_VERSION:
        return [_diag(doc, "F009", ("placecheck",),
                      f"format version {version!r} is not one placecheck reads "
                      f"(it reads version {FORMAT_VERSION})",
                      "Write `placecheck: 1`.")]
    kind = data.get("kind")
    if kind == "place":
        found = _model_errors(doc, "PlaceProposal", data, ())
        return found + check_references(doc, data, ())
    if kind == "system":
        return _validate_system(doc)
    hint = "Write `kind: place` for one place's arrangements, or `kind: system` for an ICS."
    if kind is None:
        return [_diag(doc, "F005", (), "`kind:` is missing", hint)]
    return [_diag(doc, "F007", ("kind",), f"`kind: {kind}` is not a kind of proposal", hint)]


def _validate_system(doc: Document) -> list[Diagnostic]:
    data = dict(doc.data)
    places = data.pop("places", [])
    found = _model_errors(doc, "SystemProposal", data, ())
    if not isinstance(places, list):
        found.append(_diag(doc, "F004", ("places",), f"`places` should be a list, found "
                           f"{_describe(places)}", "List each place file's path, one per line."))
        return found
    for i, entry in enumerate(places):
        if isinstance(entry, str):
            continue
        if isinstance(entry, dict):
            found += _model_errors(doc, "InlinePlace", entry, ("places", i))
            found += check_references(doc, entry, ("places", i))
        else:
            found.append(_diag(doc, "F004", ("places", i),
                               f"a place is a path to a place file or a place written inline, "
                               f"not {_describe(entry)}", "Write the place file's path, e.g. "
                               "`places/riverton.yaml`."))
    return found


def _diag(doc: Document, code: str, path: PathKey, message: str, hint: str = "",
          at_key: bool = False) -> Diagnostic:
    position = doc.key_position(path) if at_key else doc.position(path)
    return Diagnostic(code, message, path, position, hint)


def _model_errors(doc: Document, model: str, data: Any, prefix: PathKey) -> list[Diagnostic]:
    return [_translate(doc, model, error, prefix) for error in structure().errors(data, model)]


def _translate(doc: Document, model: str, error: StructureError, prefix: PathKey) -> Diagnostic:
    loc: PathKey = tuple(error["loc"])
    path = (*prefix, *loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = str(loc[-1]) if loc else "document"

    if kind == "extra_forbidden":
        allowed = sorted(structure().keys_at(model, loc[:-1]))
        guess = _close_matches(name, allowed, 1, 0.6)
        hint = f"Did you mean `{guess[0]}`?" if guess else (
            "Allowed here: " + ", ".join(f"`{a}`" for a in allowed) + "." if allowed else "")
        return _diag(doc, "F003", path, f"unknown key `{name}`", hint, at_key=True)

    if kind == "missing":
        owner = _owner(loc[:-1])
        return _diag(doc, "F005", path, f"`{name}` is missing from {owner}",
                     f"Add `{name}:` to {owner}.")

    if kind == "vocabulary":
        vocabulary_words = [str(a) for a in ctx["allowed"]]
        found = str(ctx["found"])
        guess = _close_matches(found, vocabulary_words, 1, 0.5)
        hint = (f"Did you mean `{guess[0]}`? " if guess else "") + "Allowed values: " + ", ".join(
            f"`{a}`" for a in vocabulary_words) + "."
        noun = _article(str(ctx["name"]))
        return _diag(doc, "F007", path, f"`{found}` is not {noun} placecheck knows", hint)

    if kind == "literal_error":
        if name == "kind":
            return _diag(doc, "F007", path, f"`kind: {value}` does not belong here",
                         "Write `kind: place` or `kind: system` as the format says.")
        return _diag(doc, "F009", path, f"`{name}` should be {ctx.get('expected')}",
                     f"Write `{name}: {ctx.get('expected')}`.")

    if kind == "slug":
        return _diag(doc, "F009", path, f"`{ctx['found']}` is not a valid id: ids are lower-case "
                     "letters, digits and hyphens", f"Write `{ctx['suggestion']}` here and "
                     "wherever it is referred to.")

    if kind == "code":
        return _diag(doc, "F009", path, f"`{ctx['found']}` is not {ctx['what']}",
                     "Check the code against the ONS register (ONS geography codes).")

    if kind == "negative":
        return _diag(doc, "F009", path, f"`{name}` cannot be negative ({ctx['found']})",
                     "Write the amount as a positive number.")

    expected = _EXPECTED.get(kind)
    if expected is not None:
        return _type_error(doc, path, name, expected, value)
    return _diag(doc, "F009", path, f"`{name}`: {error['msg']}")


_EXPECTED = {
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


def _type_error(doc: Document, path: PathKey, name: str, expected: str,
                value: Any) -> Diagnostic:
    raw = doc.raw_scalars.get(path)
    if expected == "text" and raw is not None and value is not None:
        return _diag(doc, "F004", path,
                     f"`{name}` should be text, but YAML reads `{raw}` as {_describe(value)}",
                     f'Put it in quotes: "{raw}".')
    if expected.startswith("a list") and isinstance(value, str | int | float):
        return _diag(doc, "F004", path, f"`{name}` should be a list, found {_describe(value)}",
                     f"Write it as a list: `{name}: [{value}]`.")
    return _diag(doc, "F004", path, f"`{name}` should be {expected}, found {_describe(value)}")


def _describe(value: Any) -> str:
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


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _owner(loc: PathKey) -> str:
    for part in reversed(loc):
        if isinstance(part, str):
            singular = vocab.ENTITY_COLLECTIONS.get(part)
            return f"this {singular or part.replace('_', ' ')}"
    return "the document"


def check_references(doc: Document, data: Any, prefix: PathKey) -> list[Diagnostic]:
    """Unknown ids (with the nearest known ones) and ids used twice."""
    scope = Scope(data)
    found: list[Diagnostic] = []
    all_ids: dict[str, PathKey] = {}
    for collection, singular in vocab.ENTITY_COLLECTIONS.items():
        for node in scope.select(f"$.{collection}[*].id"):
            ident = node.value
            if not isinstance(ident, str):
                continue
            path = (*prefix, *node.path)
            if ident in all_ids:
                first_line = doc.position(all_ids[ident])[0]
                found.append(_diag(doc, "F008", path,
                                   f"the id `{ident}` is used twice (first at line {first_line})",
                                   f"Give this {singular} its own id: every organisation, "
                                   "function, body and person needs a different one."))
            else:
                all_ids[ident] = path
    budget = SUGGESTION_BUDGET
    for pattern, collections in REFERENCES:
        known = {i for c in collections for i in scope.index.get(c, {})}
        candidates = sorted(i for i in known if len(i) <= _SUGGEST_MAX_LENGTH)
        for node in scope.select(pattern):
            if not isinstance(node.value, str) or node.value in known:
                continue
            what = " or ".join(vocab.ENTITY_COLLECTIONS[c] for c in collections)
            near: list[str] = []
            # "did you mean" costs a comparison per known id: only within the budget,
            # and only for something short enough to be a mistyped id.
            if len(candidates) <= budget and len(node.value) <= _SUGGEST_MAX_LENGTH:
                budget -= len(candidates)
                near = _close_matches(node.value, candidates, 3, 0.5)
            singular = vocab.ENTITY_COLLECTIONS[collections[0]]
            hint = ("Did you mean " + " or ".join(f"`{n}`" for n in near) + "?") if near else (
                f"Add {_article(singular)} with `id: {node.value}`, or correct the id.")
            found.append(_diag(doc, "F006", (*prefix, *node.path),
                               f"`{node.value}` is not the id of any {what} in this file", hint))
    return found


def _close_matches(word: str, candidates: list[str], n: int, cutoff: float) -> list[str]:
    import difflib  # only a document with problems pays for "did you mean"

    return difflib.get_close_matches(word, candidates, n=n, cutoff=cutoff)
