"""Make text from a proposal safe to print: no terminal or CI-log control sequences.

Control characters (ESC, bidi overrides, ...) become visible `\\xNN` / `\\uNNNN`
escapes. GitHub Actions also treats `::name ...` at the start of a log line, and the
legacy `##[name]` anywhere in one, as workflow commands, so both are broken up:
placecheck often runs in CI, and its text output is a log.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep_newlines: bool = False) -> str:
    """Text that cannot move the cursor or recolour the terminal."""
    if not keep_newlines:
        text = text.replace("\r\n", " ").replace("\n", " ")
    return _CONTROL.sub(_escape, text)


def loggable(text: str) -> str:
    """One line of plain output that also cannot command a CI runner (for text reports)."""
    text = printable(text).replace("##[", "# #[")
    return ": :" + text[2:] if text.startswith("::") else text
