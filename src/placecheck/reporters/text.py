"""The default report: findings grouped by file, for people at a terminal."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from placecheck.findings import Finding, Severity
from placecheck.lint import LintRun
from placecheck.reporters.styling import Styler, colour_wanted
from placecheck.safety import loggable as printable

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
INDENT = "    "


def render(run: LintRun, stream: TextIO, color: bool | None = None,
           show_hints: bool = True) -> None:
    style = Styler(colour_wanted(stream, color))
    by_file: dict[str, list[Finding]] = {}
    for finding in run.findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    lines: list[str] = []
    for file, items in by_file.items():
        lines.append(style(printable(file), "bold underline"))
        for finding in items:
            lines.extend(_finding_lines(style, finding, show_hints))
        lines.append("")
    lines.append(summary_line(run, style))
    stream.write("\n".join(lines) + "\n")


def _finding_lines(style: Styler, finding: Finding, show_hints: bool) -> list[str]:
    loc = finding.location
    if finding.explained is not None:
        label = style("EXPLAINED".ljust(8), "green")
    else:
        label = style(finding.severity.name.ljust(8), STYLE[finding.severity])
    lines = [style(printable(f"{loc.file}:{loc.line}:{loc.column}"), "bold") + "  " + label
             + style(f"  {finding.rule_id}  ", "bold") + printable(finding.message)]
    for other in finding.related:
        lines.append(style(printable(f"{INDENT}also: {other.file}:{other.line}:{other.column}"),
                           "dim"))
    if finding.explained is not None:
        lines.append(style(INDENT + "explained: " + printable(finding.explained.reason), "green"))
    if show_hints and finding.hint:
        lines.append(style(INDENT + "fix: " + printable(finding.hint), "dim"))
    for citation in finding.citations[:2]:
        cite = INDENT + "see: " + citation.short()
        if citation.quote:
            cite += f' — "{citation.quote}"'
        lines.append(style(printable(cite), "dim italic"))
    return lines


def _plural(count: int, noun: str, plural: str = "s") -> str:
    return f"{count} {noun}{plural if count != 1 else ''}"


def summary_line(run: LintRun, style: Styler | None = None) -> str:
    """"Found 2 errors, ... in 3 files." (styled when given a styler)."""
    style = style or Styler(False)
    findings = run.findings
    counts = Counter(f.severity for f in findings if f.counts)
    explained = sum(1 for f in findings if not f.counts)
    files = _plural(len(run.results), "file")
    if not findings and not run.errors:
        return style(f"All clear: no findings in {files}.", "bold green")
    parts = [_plural(counts[Severity.ERROR], "error"),
             _plural(counts[Severity.WARNING], "warning"),
             f"{counts[Severity.INFO]} info"]
    text = style("Found " + ", ".join(parts), "bold")
    if explained:
        text += f" ({_plural(explained, 'explained departure')})"
    text += f" in {files}."
    if run.errors:
        text += style(f" {_plural(len(run.errors), 'file')} could not be read.", "bold red")
    return text
