"""Plain scalars YAML resolved to numbers or dates, turned into values as YAML 1.1 means them.

A text that only looks like a number (base 60, `1_000` forms gone wrong) is kept
as the text the author wrote.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from placecheck.loading.document import MAX_INT_DIGITS

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ScalarError(ValueError):
    """A value that cannot be meant as written; the message says why."""


def integer(value: str) -> int | str:
    text = value.replace("_", "")
    digits = text.lstrip("+-")
    if len(digits) > MAX_INT_DIGITS:
        raise ScalarError(f"the number {value[:20]}… is too long to be meaningful")
    try:
        if ":" in text:  # YAML 1.1 base-60 (`1:30` is 90): almost never meant
            return str(value)
        sign = -1 if text.startswith("-") else 1
        if digits.startswith("0x"):
            return sign * int(digits[2:], 16)
        if digits.startswith("0o"):
            return sign * int(digits[2:], 8)
        if digits.startswith("0b"):
            return sign * int(digits[2:], 2)
        if len(digits) > 1 and digits.startswith("0"):
            return sign * int(digits, 8)  # YAML 1.1 octal, e.g. 010 == 8
        return int(text)
    except ValueError:
        return str(value)


def floating(value: str) -> float | str:
    text = value.replace("_", "").lower()
    if ":" in text:
        return str(value)
    if text in (".nan", "+.nan", "-.nan"):
        return math.nan
    if text in (".inf", "+.inf"):
        return math.inf
    if text == "-.inf":
        return -math.inf
    try:
        return float(text)
    except ValueError:
        return str(value)


def timestamp(value: str) -> dt.date | dt.datetime | str:
    try:
        if _ISO_DATE.match(value):
            return dt.date.fromisoformat(value)
        return dt.datetime.fromisoformat(value.replace(" ", "T").replace("Z", "+00:00"))
    except ValueError:
        raise ScalarError(
            f"`{value}` looks like a date but is not a real one (use YYYY-MM-DD)") from None
