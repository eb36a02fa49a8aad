"""Check a loaded document against the proposal format with the pydantic models.

pydantic does the structural work (proposal.py is the format's one
definition); messages.py turns its errors into located diagnostics a
governance lead can act on ("did you mean `members`?"). Then every id
reference that the models declare (types.RefersTo) is resolved, and the ones
that point nowhere are reported with the nearest known ids.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from placecheck.loading import Diagnostic, Document, PathKey
from placecheck.model import introspect, vocab
from placecheck.model.messages import article, close_matches, describe, diag, translate
from placecheck.model.proposal import InlinePlace, PlaceProposal, SystemProposal

FORMAT_VERSION = 1
# How many id comparisons "did you mean" may make per document. Each unknown id
# is compared with every known one, so a file with thousands of both would
# otherwise take minutes; past the budget, unknown ids are still reported,
# just without a suggestion.
SUGGESTION_BUDGET = 20_000
_SUGGEST_MAX_LENGTH = 100


def validate_document(doc: Document) -> list[Diagnostic]:
    """Everything wrong with the document's form: keys, types, vocabularies, ids."""
    data = doc.data
    version = data.get("placecheck")
    if "placecheck" not in data:
        return [diag(doc, "F005", (), "the file does not start with `placecheck: 1`",
                     "Add `placecheck: 1` as the first line: it says which format version "
                     "the file follows.")]
    if version != FORMAT_VERSION or isinstance(version, bool):
        return [diag(doc, "F009", ("placecheck",),
                     f"format version {version!r} is not one placecheck reads "
                     f"(it reads version {FORMAT_VERSION})",
                     "Write `placecheck: 1`.")]
    kind = data.get("kind")
    if kind == "place":
        found = _model_errors(doc, PlaceProposal, data, ())
        return found + check_references(doc, data, ())
    if kind == "system":
        return _validate_system(doc)
    hint = "Write `kind: place` for one place's arrangements, or `kind: system` for an ICS."
    if kind is None:
        return [diag(doc, "F005", (), "`kind:` is missing", hint)]
    return [diag(doc, "F007", ("kind",), f"`kind: {kind}` is not a kind of proposal", hint)]


def _validate_system(doc: Document) -> list[Diagnostic]:
    # Each entry of `places` is a path or an inline place, checked one by one so
    # that an inline place's errors and ids are its own.
    data = dict(doc.data)
    places = data.pop("places", [])
    found = _model_errors(doc, SystemProposal, data, ())
    if not isinstance(places, list):
        found.append(diag(doc, "F004", ("places",), f"`places` should be a list, found "
                          f"{describe(places)}", "List each place file's path, one per line, "
                          "each starting with `- `."))
        return found
    for i, entry in enumerate(places):
        if isinstance(entry, str):
            continue
        if isinstance(entry, dict):
            found += _model_errors(doc, InlinePlace, entry, ("places", i))
            found += check_references(doc, entry, ("places", i))
        else:
            found.append(diag(doc, "F004", ("places", i),
                              f"a place is a path to a place file or a place written inline, "
                              f"not {describe(entry)}", "Write the place file's path, e.g. "
                              "`places/riverton.yaml`."))
    return found


def _model_errors(doc: Document, model: type[BaseModel], data: Any,
                  prefix: PathKey) -> list[Diagnostic]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return [translate(doc, model, error, prefix) for error in exc.errors()]
    return []


def check_references(doc: Document, data: Any, prefix: PathKey) -> list[Diagnostic]:
    """Unknown ids (with the nearest known ones) and ids used twice."""
    if not isinstance(data, dict):
        return []
    # Most documents have neither mistake: the ids and references are first read without
    # their paths, which are worked out only where there is something to report.
    index = {collection: [i for i in _values(data, (collection, introspect.EACH, "id"))
                          if isinstance(i, str)]
             for collection in introspect.collections_with_ids(PlaceProposal)}
    every_id = [i for ids in index.values() for i in ids]
    found = _used_twice(doc, data, prefix) if len(set(every_id)) < len(every_id) else []
    budget = SUGGESTION_BUDGET
    known_in: dict[tuple[str, ...], set[str]] = {}
    for reference in introspect.references(PlaceProposal):
        collections = reference.collections
        known = known_in.get(collections)
        if known is None:
            known = known_in[collections] = {i for c in collections for i in index.get(c, ())}
        if all(not isinstance(v, str) or v in known for v in _values(data, reference.path)):
            continue
        candidates = sorted(i for i in known if len(i) <= _SUGGEST_MAX_LENGTH)
        for path, value in _values_at(data, reference.path, ()):
            if not isinstance(value, str) or value in known:
                continue
            what = " or ".join(vocab.ENTITY_COLLECTIONS[c] for c in collections)
            near: list[str] = []
            # "did you mean" costs a comparison per known id: only within the budget,
            # and only for something short enough to be a mistyped id.
            if len(candidates) <= budget and len(value) <= _SUGGEST_MAX_LENGTH:
                budget -= len(candidates)
                near = close_matches(value, candidates, 3, 0.5)
            singular = vocab.ENTITY_COLLECTIONS[collections[0]]
            hint = ("Did you mean " + " or ".join(f"`{n}`" for n in near) + "?") if near else (
                f"Add {article(singular)} with `id: {value}`, or correct the id.")
            found.append(diag(doc, "F006", (*prefix, *path),
                              f"`{value}` is not the id of any {what} in this file", hint))
    return found


def _used_twice(doc: Document, data: dict[str, Any], prefix: PathKey) -> list[Diagnostic]:
    """An F008 for each id after its first use, in any collection."""
    found: list[Diagnostic] = []
    first_at: dict[str, PathKey] = {}
    for collection in introspect.collections_with_ids(PlaceProposal):
        singular = vocab.ENTITY_COLLECTIONS.get(collection, collection)
        for path, ident in _values_at(data, (collection, introspect.EACH, "id"), ()):
            if not isinstance(ident, str):
                continue
            where = (*prefix, *path)
            if ident in first_at:
                first_line = doc.position(first_at[ident])[0]
                found.append(diag(doc, "F008", where,
                                  f"the id `{ident}` is used twice (first at line {first_line})",
                                  f"Give this {singular} its own id: every organisation, "
                                  "function, body and person needs a different one."))
            else:
                first_at[ident] = where
    return found


def _values(value: Any, path: tuple[str, ...]) -> list[Any]:
    """The values at a reference's path, without their paths (see `_values_at`)."""
    level = [value]
    for step in path:
        if step == introspect.EACH:
            level = [entry for found in level if isinstance(found, list) for entry in found]
        else:
            level = [found[step] for found in level if isinstance(found, dict) and step in found]
    return level


def _values_at(value: Any, path: tuple[str, ...], at: PathKey) -> list[tuple[PathKey, Any]]:
    """The values at a reference's path (EACH for every entry of a list), with their paths.

    Worked out a level at a time, which keeps the document's order.
    """
    level: list[tuple[PathKey, Any]] = [(at, value)]
    for step in path:
        deeper: list[tuple[PathKey, Any]] = []
        if step == introspect.EACH:
            for where, found in level:
                if isinstance(found, list):
                    deeper.extend([((*where, i), entry) for i, entry in enumerate(found)])
        else:
            for where, found in level:
                if isinstance(found, dict) and step in found:
                    deeper.append(((*where, step), found[step]))
        level = deeper
    return level
