"""Every lint output format, by the name `--format` takes, and the function that writes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from placecheck.lint import LintRun
from placecheck.reporters import github, json_report, junit, markdown, sarif, text
from placecheck.reporters.options import ReportOptions


@dataclass(frozen=True)
class Presentation:
    """How a person asked to see the report (only the text formats use these)."""

    color: bool | None = None  # None: decide from the stream and the environment
    show_hints: bool = True
    summary: bool = True  # the closing "Found ..." line (off with --quiet)
    statistics: bool = False  # counts per rule instead of each finding
    ci: ReportOptions | None = None  # what the CI formats were asked for (SARIF, JUnit)


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
    "sarif": lambda run, stream, how: sarif.render(run, stream, how.ci),
    "junit": lambda run, stream, how: junit.render(run, stream, how.ci),
    "github": _plain(github.render),
    "markdown": _plain(markdown.render),
}
