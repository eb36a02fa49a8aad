"""A small path language for selecting values in a proposal.

    $.governance[*].members[*].represents[*]
    body.members[?voting=true].organisation->organisations
    $.functions[?delegated_to={person.id}]

Segments:
  `.name`          a key of a mapping
  `[*]`            every item of a list
  `[N]`            one item of a list
  `[?key=value]`   keep mappings whose key equals value (`!=` for not equal,
                   `[?key]` for present and not empty, `[?!key]` for absent or
                   empty); applied to a list, it filters the list's items.
                   `{var.path}` in the value is replaced by that variable's value.
  `->collection`   an id becomes the entity with that id in the named
                   top-level collection (`->entity`: any of them)

A path starts with `$` (the document) or the name of a variable bound by a
rule's `for_each`. Evaluation never fails on the wrong shape of data: a
segment that does not apply to a value yields nothing for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from placecheck.model.vocab import ENTITY_COLLECTIONS, label
from placecheck.rules.path_syntax import (
    CompiledPath,
    PathError,
    Segment,
    compile_path,
)

__all__ = ["CompiledPath", "Node", "PathError", "PathKey", "Scope", "Segment", "build_index",
           "compile_path"]

PathKey = tuple[str | int, ...]


@dataclass(slots=True)
class Node:
    """A selected value and its path from the root (read-only: not frozen, which is
    four times slower to make, and a lint makes hundreds of thousands)."""

    path: PathKey
    value: Any


class Scope:
    """The document, its id index, and the variables bound by `for_each`."""

    def __init__(self, data: Any, variables: dict[str, Node] | None = None,
                 index: dict[str, dict[str, Node]] | None = None,
                 context: dict[str, Any] | None = None,
                 selected: dict[str, list[Node]] | None = None,
                 by_value: dict[tuple[int, str], tuple[list[Any], dict[str, list[int]]]]
                 | None = None) -> None:
        self.data = data
        self.variables = variables or {}
        self.index = index if index is not None else build_index(data)
        self.context = context or {}  # facts from outside the document (system places)
        # What the variable-free start of each `$` path selected, shared by every scope
        # bound from this one: the rules ask for `$.people[*]` many times a document.
        # It lives as long as this scope, so holds nothing from another document.
        self.selected: dict[str, list[Node]] = {} if selected is None else selected
        # For `[?key={variable}]` on a list: its items' indexes by the text of `key`,
        # made the first time the list is filtered on that key (see `_equal_to`).
        self.by_value: dict[tuple[int, str], tuple[list[Any], dict[str, list[int]]]] = (
            {} if by_value is None else by_value)
        # When a list is given, every selection is recorded in it (evidence for reports).
        self.trace: list[Node] | None = None
        # With a trace: the sentences of prose that met a check, in the user's words.
        self.quotes: list[Node] | None = None

    def bind(self, name: str, node: Node) -> Scope:
        bound = Scope(self.data, {**self.variables, name: node}, self.index, self.context,
                      self.selected, self.by_value)
        bound.trace = self.trace
        bound.quotes = self.quotes
        return bound

    def select(self, path: str | CompiledPath) -> list[Node]:
        compiled = compile_path(path) if isinstance(path, str) else path
        segments = compiled.segments
        if compiled.fixed:
            nodes = self._fixed_start(compiled)
            segments = segments[compiled.fixed:]
        elif compiled.root == "$":
            nodes = [Node((), self.data)]
        elif compiled.root in self.variables:
            nodes = [self.variables[compiled.root]]
        else:
            raise PathError(f"`{compiled.root}` in {compiled.text!r} is not a bound variable")
        for segment in segments:
            nodes = self._step(nodes, segment)
            if not nodes:
                break
        if self.trace is not None and compiled.segments:
            self.trace.extend(nodes[:8])
        return nodes

    def _fixed_start(self, compiled: CompiledPath) -> list[Node]:
        """A fresh list of what the path's variable-free start selects."""
        found = self.selected.get(compiled.fixed_text)
        if found is None:
            found = [Node((), self.data)]
            for segment in compiled.segments[:compiled.fixed]:
                found = self._step(found, segment)
            self.selected[compiled.fixed_text] = found
        return list(found)

    def values(self, path: str | CompiledPath) -> list[Any]:
        return [node.value for node in self.select(path)]

    def first(self, path: str) -> Any:
        found = self.select(path)
        return found[0].value if found else None

    def display(self, value: Any) -> str:
        """An entity's name for its id; a vocabulary token's label; else the value."""
        if isinstance(value, str):
            for table in self.index.values():
                found = table.get(value)
                if found is not None and isinstance(found.value.get("name"), str):
                    return str(found.value["name"])
        return label(value)

    def _step(self, nodes: list[Node], segment: Segment) -> list[Node]:
        kind = segment.kind
        out: list[Node] = []
        if not nodes:
            return out  # a filter's `{variable}` is worked out only when there is something
        if kind == "key":
            key = segment.key
            for node in nodes:
                value = node.value
                if isinstance(value, dict) and key in value:
                    out.append(Node((*node.path, key), value[key]))
        elif kind == "star":
            for node in nodes:
                value = node.value
                if isinstance(value, list):
                    path = node.path
                    out.extend([Node((*path, i), item) for i, item in enumerate(value)])
        elif kind == "index":
            for node in nodes:
                value = node.value
                if isinstance(value, list) and -len(value) <= segment.index < len(value):
                    i = segment.index % len(value)
                    out.append(Node((*node.path, i), value[i]))
        elif kind == "filter":
            if not segment.op:
                expected = None
            elif segment.variable:
                expected = self.first(segment.variable)
            else:
                expected = segment.constant
            text = expected if segment.op == "=" and isinstance(expected, str) else None
            for node in nodes:
                value = node.value
                if isinstance(value, list):
                    path = node.path
                    if text is not None:
                        out.extend([Node((*path, i), value[i])
                                    for i in self._equal_to(value, segment.key, text)])
                    else:
                        out.extend([Node((*path, i), item) for i, item in enumerate(value)
                                    if self._matches(item, segment, expected)])
                elif self._matches(value, segment, expected):
                    out.append(node)
        else:
            for node in nodes:
                out.extend(self._deref(node.value, segment.key))
        return out

    def _equal_to(self, items: list[Any], key: str, expected: str) -> list[int]:
        """The indexes of the mappings in `items` whose `key` is `expected`, as `_matches`
        judges it; for a list's `[?key={variable}]` asked once per binding of the variable,
        so looked up instead of scanning the list each time."""
        made = self.by_value.get((id(items), key))
        if made is None or made[0] is not items:
            table: dict[str, list[int]] = {}
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    continue
                actual = _lookup(item, key) if "." in key else item.get(key)
                for text in {_text_of(v) for v in (actual if isinstance(actual, list)
                                                   else [actual])}:
                    if text is not None:
                        table.setdefault(text, []).append(i)
            made = (items, table)
            self.by_value[(id(items), key)] = made
        return made[1].get(expected, [])

    def _matches(self, value: Any, segment: Segment, expected: Any) -> bool:
        if not isinstance(value, dict):
            return False
        key = segment.key
        actual = _lookup(value, key) if "." in key else value.get(key)
        if not segment.op:
            present = actual not in (None, "", [], {}, False)
            return present != segment.negate
        if isinstance(actual, list):
            equal = any(_same(item, expected) for item in actual)
        else:
            equal = _same(actual, expected)
        return equal if segment.op == "=" else not equal

    def _deref(self, value: Any, collection: str) -> list[Node]:
        if not isinstance(value, str):
            return []
        if collection == "entity":
            for table in self.index.values():
                if value in table:
                    return [table[value]]
            return []
        found = self.index.get(collection, {}).get(value)
        return [found] if found is not None else []


def _lookup(value: Any, dotted: str) -> Any:
    """Follow a dotted key; through lists it collects every item's value."""
    current: Any = value
    for part in dotted.split("."):
        if isinstance(current, list):
            collected: list[Any] = []
            for item in current:
                found = item.get(part) if isinstance(item, dict) else None
                if isinstance(found, list):
                    collected.extend(found)
                elif found is not None:
                    collected.append(found)
            current = collected or None
        elif isinstance(current, dict):
            current = current.get(part)
        else:
            return None
    return current


def _text_of(actual: Any) -> str | None:
    """The only text that `_same(actual, text)` holds for (None: no text)."""
    if actual is None:
        return None
    if isinstance(actual, bool):
        return "true" if actual else "false"
    return str(actual)


def _same(actual: Any, expected: Any) -> bool:
    if isinstance(actual, bool) or isinstance(expected, bool):
        return actual is expected or (isinstance(expected, str) and str(actual).lower() == expected)
    if actual == expected:
        return True
    return actual is not None and expected is not None and str(actual) == str(expected)


def build_index(data: Any) -> dict[str, dict[str, Node]]:
    """Map each entity collection's ids to their nodes (first one wins)."""
    index: dict[str, dict[str, Node]] = {}
    if not isinstance(data, dict):
        return index
    for collection in ENTITY_COLLECTIONS:
        table: dict[str, Node] = {}
        items = data.get(collection)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    ident = item.get("id")
                    if isinstance(ident, str) and ident not in table:
                        table[ident] = Node((collection, i), item)
        index[collection] = table
    return index
