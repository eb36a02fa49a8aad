"""What counts as stated: not empty, and not a placeholder such as "TODO" or "<name>"."""

from __future__ import annotations

import re
from typing import Any

PLACEHOLDER = re.compile(r"^\s*(TODO|TBC|TBD|FIXME|XXX|\.\.\.|…|<[^>]*>)", re.IGNORECASE)


def is_stated(value: Any) -> bool:
    """Not empty and not a placeholder; a list counts when any of its items does.

    `false` and `0` are stated: they are answers.
    """
    if value is None or value == "" or value == [] or value == {}:
        return False
    if isinstance(value, list):
        return any(is_stated(item) for item in value)
    return not (isinstance(value, str) and PLACEHOLDER.match(value))
