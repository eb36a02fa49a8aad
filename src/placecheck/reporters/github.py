"""GitHub Actions workflow commands: one annotation per finding, then a summary line.

    ::error file=F,line=L,col=C,title=RULE-ID title::message Fix: hint (see: citation)

Errors are `::error`, warnings `::warning`, info and explained departures
`::notice` (the latter prefixed "explained:"). The last line is a plain summary
that is not a workflow command. `file=` is relative to the repository root (the
runner resolves it there, whatever directory placecheck ran in).

Safety: text from a proposal (and a file name) must never start a command of its
own. Every value is made printable first (control characters, including the
other line separators, become visible escapes), then escaped as the runner
expects: in the message `%` -> %25, CR -> %0D, LF -> %0A; in property values also
`:` -> %3A and `,` -> %2C. So each annotation is exactly one line that starts with
our own `::`. The runner also honours the legacy `##[command]` form anywhere in a
line, so `##[` is broken up as well.
"""

from __future__ import annotations

import re
from typing import TextIO

from placecheck.findings import Finding, Severity
from placecheck.lint import LintRun
from placecheck.loading import LoadError
from placecheck.reporters import text
from placecheck.reporters.paths import root_relative, source_root
from placecheck.safety import printable

_SURROGATE = re.compile("[\ud800-\udfff]")
COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _clean(value: str) -> str:
    text = printable(value, keep_newlines=True).replace("##[", "# #[")
    # A lone surrogate (an undecodable byte in a file name) cannot be written as UTF-8.
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def escape_data(value: str) -> str:
    """Escape a command's message (GitHub's rules for the data part)."""
    return _clean(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a command property value: as the data, plus `:` and `,`."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str | int], message: str) -> str:
    props = ",".join(
        f"{key}={escape_property(str(value))}" for key, value in properties.items()
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def _properties(file: str, line: int, column: int, title: str,
                root: str | None) -> dict[str, str | int]:
    where = root_relative(file, root or source_root())
    properties: dict[str, str | int] = {"file": where.replace("\\", "/")}
    if line >= 1:
        properties["line"] = line
        if column >= 1:
            properties["col"] = column
    properties["title"] = title
    return properties


def finding_line(finding: Finding, root: str | None = None) -> str:
    loc = finding.location
    title = f"{finding.rule_id} {finding.title}".strip()
    message = finding.message
    if finding.hint:
        message += " Fix: " + finding.hint
    if finding.citations:
        message += f" (see: {finding.citations[0].short()})"
    if finding.explained is not None:
        name = "notice"
        message = f"explained: {message} (departure: {finding.explained.reason})"
    else:
        name = COMMAND[finding.severity]
    return command(name, _properties(loc.file, loc.line, loc.column, title, root), message)


def error_line(error: LoadError, root: str | None = None) -> str:
    return command("error", _properties(error.file, error.line, error.column,
                                        "placecheck: file could not be read", root),
                   str(error))


def summary_line(run: LintRun) -> str:
    """A plain line (never a workflow command) with the counts."""
    return "placecheck: " + printable(text.summary_line(run))


def render(run: LintRun, stream: TextIO) -> None:
    root = source_root()
    for error in run.errors:
        stream.write(error_line(error, root) + "\n")
    for finding in run.findings:
        stream.write(finding_line(finding, root) + "\n")
    stream.write(summary_line(run) + "\n")
