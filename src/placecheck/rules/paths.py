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

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from placecheck.model.vocab import ENTITY_COLLECTIONS, label

PathKey = tuple[str | int, ...]


@dataclass(slots=True)
class Node:
    """A selected value and its path from the root (read-only: not frozen, which is
    four times slower to make, and a lint makes hundreds of thousands)."""

    path: PathKey
    value: Any


class PathError(ValueError):
    pass


_TOKEN = re.compile(
    r"""
    \.(?P<key>[A-Za-z_][A-Za-z0-9_]*)
  | \[\*\](?P<star>)
  | \[(?P<index>-?\d+)\]
  | \[\?(?P<neg>!)?(?P<fkey>[A-Za-z_][A-Za-z0-9_.]*)
        (?:(?P<op>!=|=)(?P<fval>[^\]]*))?\]
  | ->(?P<deref>[a-z_]+)
    """,
    re.VERBOSE,
)
_ROOT = re.compile(r"^(?P<root>\$|[A-Za-z_][A-Za-z0-9_]*)")
_VARIABLE = re.compile(r"^\{([A-Za-z_][A-Za-z0-9_.]*)\}$")


@dataclass(frozen=True, slots=True)
class Segment:
    """One step of a compiled path: a key, `[*]`, an index, a filter or a dereference."""

    kind: str  # key | star | index | filter | deref
    key: str = ""
    index: int = 0
    negate: bool = False
    op: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class CompiledPath:
    """A path expression parsed once: the variable it starts from, and its steps."""

    text: str
    root: str
    segments: tuple[Segment, ...]
    # `$` paths: how many leading segments name no variable, and that part's text. What
    # they select is the same all through one document's rules, so is worked out once.
    fixed: int = 0
    fixed_text: str = ""

    @property
    def variables(self) -> set[str]:
        names = {self.root} if self.root != "$" else set()
        for segment in self.segments:
            match = _VARIABLE.match(segment.value) if segment.kind == "filter" else None
            if match:
                names.add(match.group(1).split(".")[0])
        return names


@lru_cache(maxsize=4096)
def compile_path(text: str) -> CompiledPath:
    stripped = text.strip()
    head = _ROOT.match(stripped)
    if not head:
        raise PathError(f"a path starts with `$` or a variable name: {text!r}")
    segments: list[Segment] = []
    position = head.end()
    root = head.group("root")
    fixed = -1 if root == "$" else 0  # -1: still counting
    fixed_end = position
    while position < len(stripped):
        match = _TOKEN.match(stripped, position)
        if not match:
            raise PathError(f"cannot read the path {text!r} at {stripped[position:]!r}")
        if match.group("key") is not None:
            segments.append(Segment("key", key=match.group("key")))
        elif match.group("star") is not None:
            segments.append(Segment("star"))
        elif match.group("index") is not None:
            segments.append(Segment("index", index=int(match.group("index"))))
        elif match.group("fkey") is not None:
            segments.append(
                Segment(
                    "filter",
                    key=match.group("fkey"),
                    negate=bool(match.group("neg")),
                    op=match.group("op") or "",
                    value=(match.group("fval") or "").strip(),
                )
            )
        else:
            name = match.group("deref")
            if name != "entity" and name not in ENTITY_COLLECTIONS:
                known = ", ".join(["entity", *ENTITY_COLLECTIONS])
                raise PathError(f"`->{name}` in {text!r}: collections are {known}")
            segments.append(Segment("deref", key=name))
        position = match.end()
        if fixed < 0 and _VARIABLE.match(segments[-1].value):
            fixed = len(segments) - 1
        elif fixed < 0:
            fixed_end = position
    if fixed < 0:
        fixed = len(segments)
    return CompiledPath(stripped, root, tuple(segments), fixed, stripped[:fixed_end])


class Scope:
    """The document, its id index, and the variables bound by `for_each`."""

    def __init__(self, data: Any, variables: dict[str, Node] | None = None,
                 index: dict[str, dict[str, Node]] | None = None,
                 context: dict[str, Any] | None = None,
                 selected: dict[str, list[Node]] | None = None) -> None:
        self.data = data
        self.variables = variables or {}
        self.index = index if index is not None else build_index(data)
        self.context = context or {}  # facts from outside the document (system places)
        # What the variable-free start of each `$` path selected, shared by every scope
        # bound from this one: the rules ask for `$.people[*]` many times a document.
        # It lives as long as this scope, so holds nothing from another document.
        self.selected: dict[str, list[Node]] = {} if selected is None else selected
        # When a list is given, every selection is recorded in it (evidence for reports).
        self.trace: list[Node] | None = None
        # With a trace: the sentences of prose that met a check, in the user's words.
        self.quotes: list[Node] | None = None

    def bind(self, name: str, node: Node) -> Scope:
        bound = Scope(self.data, {**self.variables, name: node}, self.index, self.context,
                      self.selected)
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
            expected = self._literal(segment.value) if segment.op else None
            for node in nodes:
                value = node.value
                if isinstance(value, list):
                    path = node.path
                    out.extend([Node((*path, i), item) for i, item in enumerate(value)
                                if self._matches(item, segment, expected)])
                elif self._matches(value, segment, expected):
                    out.append(node)
        else:
            for node in nodes:
                out.extend(self._deref(node.value, segment.key))
        return out

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

    def _literal(self, text: str) -> Any:
        variable = _VARIABLE.match(text)
        if variable:
            return self.first(variable.group(1))
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            return text[1:-1]
        return {"true": True, "false": False, "null": None}.get(text, text)

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
