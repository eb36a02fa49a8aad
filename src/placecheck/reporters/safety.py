"""Make text from a proposal safe to print: no terminal control sequences."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str, keep_newlines: bool = False) -> str:
    """Control characters (ESC, bidi overrides, ...) become visible `\\xNN` escapes."""
    if not keep_newlines:
        text = text.replace("\r\n", " ").replace("\n", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group(0)):02x}", text)
