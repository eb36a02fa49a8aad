"""Lines and columns counted as editors count them, worked out only when asked for."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import Any

from placecheck.loading.document import PathKey, Position


class Lines:
    """Positions counted the way editors, git and GitHub count them: by `\n` only.

    YAML also breaks lines at CR, NEL (U+0085) and U+2028/U+2029, even inside
    quoted text, so its own line numbers drift from what the author sees (and
    can point past the end of the file). Marks carry the character offset too;
    lines and columns are worked out from that.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, mark: Any) -> Position:
        if mark is None:
            return (0, 0)
        return self.at_index(mark.index)

    def at_index(self, index: int) -> Position:
        line = bisect.bisect_right(self.starts, index)
        return (line, index - self.starts[line - 1] + 1)

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break ("" past the end)."""
        if not 0 < number <= len(self.starts):
            return ""
        start = self.starts[number - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


class Positions(Mapping[PathKey, Position]):
    """Each path's line and column, kept as a character offset until looked up.

    A proposal has about a thousand values and a lint looks up the positions of
    a handful (those with findings), so turning every offset into a line and
    column up front would be wasted work.
    """

    __slots__ = ("_lines", "_offsets")

    def __init__(self, offsets: dict[PathKey, int], lines: Lines) -> None:
        self._offsets = offsets
        self._lines = lines

    def __getitem__(self, path: PathKey) -> Position:
        return self._lines.at_index(self._offsets[path])

    def __contains__(self, path: object) -> bool:
        return path in self._offsets

    def __iter__(self) -> Iterator[PathKey]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)
