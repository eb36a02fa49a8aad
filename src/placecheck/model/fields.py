"""The checks on single values (ids, codes, dates, vocabularies).

Each check returns the value as the format reads it (`yes` as true, a timestamp
as its date) or raises FieldError with a kind and details; types.py runs them
as pydantic validators, and the kind and details become pydantic's error type
and context, from which messages.py writes the finding.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any

SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
ICB_CODE = r"^E54\d{6}$"
LA_CODE = r"^E(06|07|08|09|10)\d{6}$"
_BOOL_WORDS = {"yes": True, "y": True, "on": True, "no": False, "n": False, "off": False}

Check = Callable[[Any], Any]


class FieldError(ValueError):
    """A value that is not what its field holds; `kind` names the problem."""

    def __init__(self, kind: str, message: str, ctx: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.ctx = ctx


def text(value: Any) -> str:
    if isinstance(value, str):
        return value
    raise FieldError("text_type", "expected text", {"found": value})


def identifier(value: Any) -> str:
    word = text(value)
    if not SLUG.match(word):
        suggestion = re.sub(r"[^a-z0-9]+", "-", word.lower()).strip("-")
        raise FieldError("slug", "ids are lower-case slugs",
                         {"found": word, "suggestion": suggestion})
    return word


def code(pattern: str, what: str) -> Check:
    """Text matching an ONS code pattern; `what` says in words which code."""
    compiled = re.compile(pattern)

    def check(value: Any) -> str:
        word = text(value)
        if not compiled.match(word):
            raise FieldError("code", "not a valid code", {"found": word, "what": what})
        return word

    return check


def vocabulary(name: str, allowed: tuple[str, ...]) -> Check:
    """Text that must be one of a controlled vocabulary's words."""
    words = frozenset(allowed)

    def check(value: Any) -> str:
        word = text(value)
        if word not in words:
            raise FieldError("vocabulary", "not in the vocabulary",
                             {"found": word, "allowed": allowed, "name": name})
        return word

    return check


def date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FieldError("date_type", "expected a date", {"found": value})


def flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOL_WORDS:
        return _BOOL_WORDS[value.lower()]  # already reported as ambiguous by the loader
    raise FieldError("bool_type", "expected true or false", {"found": value})


def amount(value: Any) -> float | int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError("number_type", "expected a number", {"found": value})
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError("number_type", "expected a finite number", {"found": value})
    if value < 0:
        raise FieldError("negative", "cannot be negative", {"found": value})
    return value


def count(value: Any) -> int:
    if type(value) is not int:
        raise FieldError("int_type", "expected a whole number")
    if value < 0:
        raise FieldError("greater_than_equal", "expected a number that is not negative",
                         {"ge": 0})
    return value
