"""What loading produces: the document with positions, its diagnostics, and LoadError."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from placecheck.safety import loggable

PathKey = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # keys and values after alias and merge expansion
MAX_LISTED = 100  # loader diagnostics of one kind listed one by one; the rest summed up
MAX_DEPTH = 64
MAX_INT_DIGITS = 30


class LoadError(Exception):
    """The file cannot be read as a proposal at all: reported as one line, exit 2."""

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type, tuple[str, str, int, int]]:
        """Picklable with all its fields (results travel between processes)."""
        return (self.__class__, (self.file, self.message, self.line, self.column))

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        # One line, and nothing a terminal would act on (a file name or a YAML
        # error can carry ESC sequences or line breaks from the input).
        return loggable(f"{where}: {self.message}")


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading that is reported as a finding, not a crash."""

    code: str  # a format rule id, e.g. F001
    message: str
    path: PathKey
    position: Position
    hint: str = ""


class Listing:
    """Diagnostics in the order found; past MAX_LISTED of one code, only counted."""

    def __init__(self) -> None:
        self.listed: list[Diagnostic] = []
        self._count: dict[str, int] = {}
        self._unlisted: dict[str, list[Diagnostic]] = {}

    def add(self, diagnostic: Diagnostic) -> None:
        count = self._count.get(diagnostic.code, 0)
        if count < MAX_LISTED:
            self.listed.append(diagnostic)
            self._count[diagnostic.code] = count + 1
        else:
            self._unlisted.setdefault(diagnostic.code, []).append(diagnostic)

    def summed_up(self) -> list[Diagnostic]:
        """The listed ones, then one for each code whose further ones were not listed."""
        return self.listed + [
            Diagnostic(code, f"{len(rest):,} more like the {MAX_LISTED} above, from here on, "
                       f"are not listed one by one (the first: {rest[0].message})",
                       rest[0].path, rest[0].position, rest[0].hint)
            for code, rest in self._unlisted.items()]


@dataclass
class Document:
    """A loaded YAML file: plain data, each value's and key's position, warnings."""

    file: str
    data: dict[str, Any]
    positions: Mapping[PathKey, Position] = field(default_factory=dict)
    key_positions: Mapping[PathKey, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_count: int = 0
    # The source text of plain scalars that YAML turned into non-text values.
    raw_scalars: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> Position:
        """Where a value is, or where its nearest existing ancestor is."""
        probe = tuple(path)
        while probe:
            found = self.positions.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def key_position(self, path: PathKey) -> Position:
        """Where the key of a mapping entry is (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def json_path(path: PathKey) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out
