"""Every lint output format, by the name `--format` takes, and the function that writes it.

Each entry imports its reporter when it runs: a lint pays only for the format it
writes (rich for text, xml.etree for JUnit, the rule index for SARIF).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from placecheck.lint import LintRun
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
    from placecheck.reporters import text

    if how.statistics:
        text.render_statistics(run, stream, how.color, how.summary)
    else:
        text.render(run, stream, how.color, how.show_hints, how.summary)


def _concise(run: LintRun, stream: TextIO, how: Presentation) -> None:
    from placecheck.reporters import text

    if how.statistics:
        text.render_statistics(run, stream, how.color, how.summary)
    else:
        text.render_concise(run, stream, how.color, how.summary)


def _json(run: LintRun, stream: TextIO, _how: Presentation) -> None:
    from placecheck.reporters import json_report

    json_report.render(run, stream)


def _sarif(run: LintRun, stream: TextIO, how: Presentation) -> None:
    from placecheck.reporters import sarif

    sarif.render(run, stream, how.ci)


def _junit(run: LintRun, stream: TextIO, how: Presentation) -> None:
    from placecheck.reporters import junit

    junit.render(run, stream, how.ci)


def _github(run: LintRun, stream: TextIO, _how: Presentation) -> None:
    from placecheck.reporters import github

    github.render(run, stream)


def _markdown(run: LintRun, stream: TextIO, _how: Presentation) -> None:
    from placecheck.reporters import markdown

    markdown.render(run, stream)


REPORTERS: dict[str, Reporter] = {
    "text": _text,
    "concise": _concise,
    "json": _json,
    "sarif": _sarif,
    "junit": _junit,
    "github": _github,
    "markdown": _markdown,
}
