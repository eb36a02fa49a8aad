"""The default report: findings grouped by file, for people at a terminal."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from rich.console import Console
from rich.text import Text

from placecheck.findings import Finding, Severity
from placecheck.lint import LintRun
from placecheck.safety import loggable as printable

STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(run: LintRun, stream: TextIO, color: bool | None = None,
           show_hints: bool = True) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True,
                      no_color=color is False, force_terminal=color is True or None,
                      emoji=False)
    findings = run.findings
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.location.file, []).append(finding)
    for file, items in by_file.items():
        console.print(Text(printable(file), style="bold underline"))
        for finding in items:
            _print_finding(console, finding, show_hints)
        console.print()
    console.print(summary_text(run))


def _print_finding(console: Console, finding: Finding, show_hints: bool) -> None:
    loc = finding.location
    line = Text()
    line.append(printable(f"{loc.file}:{loc.line}:{loc.column}"), style="bold")
    line.append("  ")
    if finding.explained is not None:
        line.append("EXPLAINED".ljust(8), style="green")
    else:
        line.append(finding.severity.name.ljust(8), style=STYLE[finding.severity])
    line.append(f"  {finding.rule_id}  ", style="bold")
    line.append(printable(finding.message))
    console.print(line)
    indent = "    "
    for other in finding.related:
        console.print(Text(printable(f"{indent}also: {other.file}:{other.line}:{other.column}"),
                           style="dim"))
    if finding.explained is not None:
        console.print(Text(indent + "explained: " + printable(finding.explained.reason),
                           style="green"))
    if show_hints and finding.hint:
        console.print(Text(indent + "fix: " + printable(finding.hint), style="dim"))
    for citation in finding.citations[:2]:
        cite = indent + "see: " + citation.short()
        if citation.quote:
            cite += f' — "{citation.quote}"'
        console.print(Text(printable(cite), style="dim italic"))


def summary_text(run: LintRun) -> Text:
    findings = run.findings
    counts = Counter(f.severity for f in findings if f.counts)
    explained = sum(1 for f in findings if not f.counts)
    files = len(run.results)
    parts = [
        f"{counts[Severity.ERROR]} error{'s' if counts[Severity.ERROR] != 1 else ''}",
        f"{counts[Severity.WARNING]} warning{'s' if counts[Severity.WARNING] != 1 else ''}",
        f"{counts[Severity.INFO]} info",
    ]
    text = Text()
    if not findings and not run.errors:
        text.append(f"All clear: no findings in {files} file{'s' if files != 1 else ''}.",
                    style="bold green")
        return text
    text.append("Found " + ", ".join(parts), style="bold")
    if explained:
        text.append(f" ({explained} explained departure{'s' if explained != 1 else ''})")
    text.append(f" in {files} file{'s' if files != 1 else ''}.")
    if run.errors:
        text.append(f" {len(run.errors)} file{'s' if len(run.errors) != 1 else ''} could not "
                    "be read.", style="bold red")
    return text
