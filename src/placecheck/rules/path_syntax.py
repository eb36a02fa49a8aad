"""The path language's syntax: a path's text read once into its steps.

What the steps select, and the language itself, are described in `paths`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from placecheck.model.vocab import ENTITY_COLLECTIONS


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
    # A filter's value, read once: the variable path in `{...}`, or else the constant.
    variable: str = ""
    constant: Any = None


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
        names.update(s.variable.split(".")[0] for s in self.segments if s.variable)
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
            value = (match.group("fval") or "").strip()
            op = match.group("op") or ""
            variable = _VARIABLE.match(value) if op else None
            segments.append(
                Segment(
                    "filter",
                    key=match.group("fkey"),
                    negate=bool(match.group("neg")),
                    op=op,
                    value=value,
                    variable=variable.group(1) if variable else "",
                    constant=_constant(value) if op and not variable else None,
                )
            )
        else:
            name = match.group("deref")
            if name != "entity" and name not in ENTITY_COLLECTIONS:
                known = ", ".join(["entity", *ENTITY_COLLECTIONS])
                raise PathError(f"`->{name}` in {text!r}: collections are {known}")
            segments.append(Segment("deref", key=name))
        position = match.end()
        if fixed < 0 and segments[-1].variable:
            fixed = len(segments) - 1
        elif fixed < 0:
            fixed_end = position
    if fixed < 0:
        fixed = len(segments)
    return CompiledPath(stripped, root, tuple(segments), fixed, stripped[:fixed_end])


def _constant(text: str) -> Any:
    """A filter's value as written: quoted text, true, false, null, or the text itself."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return {"true": True, "false": False, "null": None}.get(text, text)
