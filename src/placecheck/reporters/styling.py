"""Whether the text report is coloured.

The usual conventions, in order: an explicit choice wins, then NO_COLOR, then
FORCE_COLOR, then TERM=dumb, then whether the stream is a terminal. rich then
does the styling; without colour the report is plain text.
"""

from __future__ import annotations

import os
from typing import TextIO


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
