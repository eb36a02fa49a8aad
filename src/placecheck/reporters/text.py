"""The text report, for people at a terminal: findings grouped by file, each with a code
frame, a fix and its citations; or one line per finding (`concise`) for scripts.

Styled through rich when colour is wanted (a terminal, no NO_COLOR); otherwise
the same words as plain text, without escape codes (and without importing rich:
see `styled`). Text from a proposal goes
through `loggable` first, so it can neither move the cursor nor command a CI
runner, and it is never read as rich markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TextIO

from placecheck.findings import Finding, Severity
from placecheck.lint import LintRun
from placecheck.reporters.frames import Sources
from placecheck.reporters.styled import Line
from placecheck.reporters.styling import colour_wanted
from placecheck.safety import loggable as printable

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
INDENT = "    "


def render(run: LintRun, stream: TextIO, color: bool | None = None,
           show_hints: bool = True, summary: bool = True) -> None:
    """Every finding with its code frame, fix and citations, then the summary."""
    sources = Sources()
    lines: list[Line] = []
    for file, items in _by_file(run.findings).items():
        lines.append(Line(printable(file), "bold underline"))
        for finding in items:
            lines.extend(_finding_lines(finding, show_hints, sources))
        lines.append(Line(""))
    if summary:
        lines.append(summary_text(run))
    _emit(lines, stream, color)


def render_concise(run: LintRun, stream: TextIO, color: bool | None = None,
                   summary: bool = True) -> None:
    """One line per finding, `file:line:col: SEVERITY RULE message`, then the summary."""
    lines = []
    for finding in run.findings:
        loc = finding.location
        label = "EXPLAINED" if finding.explained is not None else finding.severity.name
        line = Line(printable(f"{loc.file}:{loc.line}:{loc.column}:"), "bold")
        line.append(" ")
        line.append(label, "green" if finding.explained is not None
                    else STYLE[finding.severity])
        line.append(f" {finding.rule_id} ", "bold")
        line.append(printable(finding.message))
        lines.append(line)
    if summary:
        lines.append(summary_text(run))
    _emit(lines, stream, color)


def render_statistics(run: LintRun, stream: TextIO, color: bool | None = None,
                      summary: bool = True) -> None:
    """How many findings each rule gave, most first (as ruff's --statistics)."""
    counts = Counter(f.rule_id for f in run.findings if f.counts)
    first: dict[str, Finding] = {}
    for finding in run.findings:
        first.setdefault(finding.rule_id, finding)
    width = max((len(str(n)) for n in counts.values()), default=1)
    id_width = max((len(rule) for rule in counts), default=0)
    lines = []
    for rule, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        finding = first[rule]
        line = Line(str(count).rjust(width) + "  ")
        line.append(printable(rule).ljust(id_width), "bold")
        line.append("  ")
        line.append(finding.severity.label.ljust(7), STYLE[finding.severity])
        line.append("  " + printable(finding.title or finding.message))
        lines.append(line)
    if summary:
        lines.append(summary_text(run))
    _emit(lines, stream, color)


def _by_file(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    return by_file


def _emit(lines: list[Line], stream: TextIO, color: bool | None) -> None:
    if not colour_wanted(stream, color):
        stream.write("".join(line.plain + "\n" for line in lines))
        return
    from rich.console import Console

    console = Console(file=stream, force_terminal=True, color_system="standard",
                      highlight=False, emoji=False, markup=False)
    for line in lines:
        console.print(line.to_rich(), soft_wrap=True)


def _finding_lines(finding: Finding, show_hints: bool, sources: Sources) -> list[Line]:
    loc = finding.location
    head = Line(printable(f"{loc.file}:{loc.line}:{loc.column}"), "bold")
    head.append("  ")
    if finding.explained is not None:
        head.append("EXPLAINED".ljust(8), "green")
    else:
        head.append(finding.severity.name.ljust(8), STYLE[finding.severity])
    head.append(f"  {finding.rule_id}  ", "bold")
    head.append(printable(finding.message))
    lines = [head, *_frame(finding, sources)]
    for other in finding.related:
        lines.append(Line(printable(f"{INDENT}also: {other.file}:{other.line}:{other.column}"),
                          "dim"))
    if finding.explained is not None:
        lines.append(Line(INDENT + "explained: " + printable(finding.explained.reason),
                          "green"))
    if show_hints and finding.hint:
        lines.append(Line(INDENT + "fix: " + printable(finding.hint), "bold"))
    for citation in finding.citations[:2]:
        cite = INDENT + "see: " + citation.short()
        if citation.quote:
            cite += f' — "{citation.quote}"'
        lines.append(Line(printable(cite), "dim italic"))
    return lines


def _frame(finding: Finding, sources: Sources) -> list[Line]:
    """The offending lines, numbered, with a caret under the column (as ruff shows)."""
    loc = finding.location
    frame = sources.frame(loc.file, loc.line, loc.column)
    if not frame:
        return []
    width = len(str(frame[-1].number))
    gutter = INDENT + " " * width + " |"
    lines = [Line(gutter, "blue")]
    for source in frame:
        line = Line(f"{INDENT}{str(source.number).rjust(width)} | ", "blue")
        line.append(source.text)
        lines.append(line)
        if source.mark_start >= 0:
            mark = Line(gutter + " " + " " * source.mark_start, "blue")
            mark.append("^" * source.mark_length,
                        "green" if finding.explained is not None else STYLE[finding.severity])
            lines.append(mark)
    return lines


def _plural(count: int, noun: str, plural: str = "s") -> str:
    return f"{count} {noun}{plural if count != 1 else ''}"


def summary_text(run: LintRun) -> Line:
    """The last line: what could not be checked first, then what was found."""
    findings = run.findings
    errors = len(run.errors)
    files = _plural(len(run.results) - errors, "file")
    text = Line()
    if errors:
        text.append(f"{_plural(errors, 'file')} could not be checked", "bold red")
        if len(run.results) == errors:
            text.append("; nothing was checked.", "bold red")
            return text
        text.append(". ")
    if not findings:
        if errors:
            text.append(f"No findings in the other {files}.", "bold")
        else:
            text.append(f"All clear: no findings in {files}.", "bold green")
        return text
    counts = Counter(f.severity for f in findings if f.counts)
    explained = sum(1 for f in findings if not f.counts)
    parts = [_plural(counts[Severity.ERROR], "error"),
             _plural(counts[Severity.WARNING], "warning"),
             f"{counts[Severity.INFO]} info"]
    text.append("Found " + ", ".join(parts), "bold")
    if explained:
        text.append(f" ({_plural(explained, 'explained departure')})")
    text.append(f" in {files}{' checked' if errors else ''}.")
    return text


def summary_line(run: LintRun) -> str:
    """The summary as plain text ("Found 2 errors, ... in 3 files.")."""
    return summary_text(run).plain
