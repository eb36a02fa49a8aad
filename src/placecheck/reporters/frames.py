"""Code frames: the lines of a proposal a finding points at, with its column marked.

The frame is read from the file when the report is written, so a file edited
since the lint may show its new text; a file that cannot be read (or is very
large) simply has no frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from placecheck.safety import printable

MAX_BYTES = 5 * 1024 * 1024
CONTEXT = 1  # lines shown above the one the finding points at
_STOP = " \t:,]}"  # the marked span ends at the end of the key or word


@dataclass(frozen=True)
class FrameLine:
    """One numbered source line, with the caret span under it when it is the target."""

    number: int
    text: str
    mark_start: int = -1  # 0-based column of the caret under `text`, -1 for none
    mark_length: int = 0


class Sources:
    """Each file's lines, read once per report."""

    def __init__(self) -> None:
        self._lines: dict[str, list[str] | None] = {}

    def lines(self, file: str) -> list[str] | None:
        if file not in self._lines:
            self._lines[file] = _read_lines(file)
        return self._lines[file]

    def frame(self, file: str, line: int, column: int) -> list[FrameLine]:
        """The target line and the one above it, made printable; [] when unknown."""
        lines = self.lines(file)
        if lines is None or not 1 <= line <= len(lines):
            return []
        frame = [FrameLine(n, _show(lines[n - 1])) for n in range(max(1, line - CONTEXT), line)]
        source = lines[line - 1]
        start = max(0, min(column - 1, len(source)))
        end = start
        while end < len(source) and source[end] not in _STOP:
            end += 1
        shown_start = len(_show(source[:start]))
        shown_length = max(1, len(_show(source[start:end])))
        frame.append(FrameLine(line, _show(source), shown_start, shown_length))
        return frame


def _show(text: str) -> str:
    return printable(text.expandtabs(4))


def _read_lines(file: str) -> list[str] | None:
    try:
        with open(file, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_BYTES:
        return None
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    # YAML counts lines at line feeds only (not at form feeds or U+2028)
    return [line.removesuffix("\r") for line in text.split("\n")]
