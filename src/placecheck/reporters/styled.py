"""A line of report text with its styles, turned into rich's Text only when coloured.

Plain output (a pipe, a file, CI, NO_COLOR) is most output, and importing rich
costs more than the rest of a one-file report; so the report is built as these
lines and rich is imported only to colour them. `to_rich` makes exactly the Text
the same calls would have made: the first style styles the whole line (rich's
base style), each later one its own piece.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text


class Line:
    """Text in pieces, each with a rich style name ("" for none)."""

    __slots__ = ("base", "pieces")

    def __init__(self, text: str = "", style: str = "") -> None:
        self.base = style
        self.pieces: list[tuple[str, str]] = [(text, "")]

    def append(self, text: str, style: str = "") -> Line:
        self.pieces.append((text, style))
        return self

    @property
    def plain(self) -> str:
        return "".join(text for text, _ in self.pieces)

    def to_rich(self) -> Text:
        from rich.text import Text

        first, *rest = self.pieces
        line = Text(first[0], self.base)
        for text, style in rest:
            line.append(text, style or None)
        return line
