"""What every command shares: the error that ends a run with exit 2, option checks."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable, Iterable

import typer


class CouldNotRun(Exception):
    """placecheck cannot do what was asked: one line on stderr, exit 2."""


def say(message: str) -> None:
    """A note for the person running placecheck, on stderr."""
    print(message, file=sys.stderr, flush=True)


def split(values: Iterable[str] | None) -> list[str]:
    """Repeated and comma-separated values as one list: `--select A,B --select C`."""
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """"; did you mean 'x'?" when a candidate is close to the word, else "".

    Leading dashes are left out of the comparison: every option shares them.
    """
    by_bare = {c.lstrip("-"): c for c in candidates}
    close = [by_bare[c] for c in difflib.get_close_matches(word.lstrip("-"), list(by_bare),
                                                            n=3, cutoff=0.6)]
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def one_of(allowed: tuple[str, ...]) -> Callable[[str], str]:
    """An option parser that takes only these words (our wording, with a suggestion)."""

    def check(value: str) -> str:
        if value in allowed:
            return value
        raise typer.BadParameter(f"{value!r} is not one of "
                                 + ", ".join(repr(a) for a in allowed)
                                 + did_you_mean(value, allowed))

    return check


def whole_number(value: str) -> int:
    """An option parser for a count of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise typer.BadParameter(f"must be a whole number of 1 or more, not {value!r}")
    return number
