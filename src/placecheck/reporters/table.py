"""Every lint output format, by the name `--format` takes, and the function that writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from placecheck.lint import LintRun
from placecheck.reporters import github, json_report, junit, markdown, sarif, text


@dataclass(frozen=True)
class Presentation:
    """How a person asked to see the report (only the text formats use these)."""

    color: bool | None = None  # None: decide from the stream and the environment
    show_hints: bool = True
    summary: bool = True  # the closing "Found ..." line (off with --quiet)
    statistics: bool = False  # counts per rule instead of each finding


Reporter = Callable[[LintRun, TextIO, Presentation], None]


def _text(run: LintRun, stream: TextIO, how: Presentation) -> None:
    if how.statistics:
        text.render_statistics(run, stream, how.color, how.summary)
    else:
        text.render(run, stream, how.color, how.show_hints, how.summary)


def _concise(run: LintRun, stream: TextIO, how: Presentation) -> None:
    if how.statistics:
        text.render_statistics(run, stream, how.color, how.summary)
    else:
        text.render_concise(run, stream, how.color, how.summary)


def _plain(render: Callable[[LintRun, TextIO], None]) -> Reporter:
    """A machine format: the same document however it is presented."""
    return lambda run, stream, _how: render(run, stream)


REPORTERS: dict[str, Reporter] = {
    "text": _text,
    "concise": _concise,
    "json": _plain(json_report.render),
    "sarif": _plain(sarif.render),
    "junit": _plain(junit.render),
    "github": _plain(github.render),
    "markdown": _plain(markdown.render),
}
