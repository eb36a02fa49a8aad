"""Terminal colours for the text report, without a terminal library.

The text report only needs a handful of ANSI styles; importing a full terminal
library for them cost ~30 ms of every lint's start-up. The colour decision
follows the usual conventions: an explicit choice wins, then NO_COLOR, then
FORCE_COLOR, then TERM=dumb, then whether the stream is a terminal.
"""

from __future__ import annotations

import os
from typing import TextIO

_CODES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4",
          "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


def colour_wanted(stream: TextIO, choice: bool | None = None) -> bool:
    """Whether to colour output to this stream (choice: True/False forces it)."""
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR", ""):
        return False
    if os.environ.get("FORCE_COLOR", ""):
        return True
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


class Styler:
    """Wraps text in ANSI styles ("bold red", "dim italic") when colour is on."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, style: str = "") -> str:
        if not self.enabled or not style or not text:
            return text
        codes = ";".join(_CODES[word] for word in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"
