"""A pull-request comment in GitHub-flavoured Markdown.

A heading, a summary table, then one table per file:
| Line | Severity | Rule | Finding | Guidance |.

Every piece of text from a proposal (names, reasons, file names) goes through
`cell`, which makes control characters visible, turns `&`, `<`, `>`, `|`, backticks
and backslashes into character references, backslash-escapes the Markdown
punctuation that could start a link, image or emphasis, defuses @mentions, and
turns newlines into <br>. So proposal text can neither end a table cell nor
inject HTML. Comments are capped below GitHub's 65,536-character limit.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TextIO

from placecheck.findings import Citation, Finding, Severity
from placecheck.lint import FileResult, LintRun
from placecheck.safety import printable

MARKER = "<!-- placecheck-report -->"
MAX_CHARS = 60_000  # GitHub rejects comments over 65,536 characters
HEADER = "| Line | Severity | Rule | Finding | Guidance |\n|---:|---|---|---|---|\n"

_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;",
               "\\": "&#92;"}
_REFERENCE = re.compile(r"[&<>|`\\]")
_PUNCTUATION = re.compile(r"([*_\[\]~])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SAFE_URL = re.compile(r"https?://[^\s<>()\"'`|\\\[\]]+")


def cell(text: str) -> str:
    """Text for a table cell (or any inline Markdown) that can carry no markup."""
    text = printable(text, keep_newlines=True)
    text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
    text = _REFERENCE.sub(lambda m: _REFERENCES[m.group(0)], text)
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = text.replace("@", "@&#8203;")  # no @mentions from a proposal
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _citation(citation: Citation, with_quote: bool) -> str:
    text = cell(citation.short())
    if citation.url and _SAFE_URL.fullmatch(citation.url):
        text = f"[{text}]({citation.url})"
    if with_quote and citation.quote:
        text += f": “{cell(citation.quote)}”"
    return text


def _row(finding: Finding) -> str:
    loc = finding.location
    where = f"{loc.line}:{loc.column}" if loc.line >= 1 else ""
    if finding.explained is not None:
        severity = f"explained ({finding.severity.label})"
    else:
        severity = finding.severity.label
        if finding.severity is Severity.ERROR:
            severity = f"**{severity}**"
    text = cell(finding.message)
    if finding.hint:
        text += "<br>**Fix:** " + cell(finding.hint)
    if finding.explained is not None:
        text += "<br>**Explained:** " + cell(finding.explained.reason)
    guidance = "<br>".join(_citation(c, with_quote=i == 0)
                           for i, c in enumerate(finding.citations))
    rule = cell(finding.rule_id)
    if finding.title:
        rule = f"{rule}<br>{cell(finding.title)}"
    return f"| {where} | {severity} | {rule} | {text} | {guidance} |\n"


def _file_heading(result: FileResult) -> str:
    about = ", ".join(cell(v) for v in (result.name, result.kind, result.status) if v)
    return f"### {cell(result.file)}" + (f" ({about})" if about else "") + "\n\n"


def _summary(run: LintRun) -> str:
    findings = run.findings
    counts = Counter(f.severity for f in findings if f.counts)
    explained = sum(1 for f in findings if not f.counts)
    files = len(run.results)
    if not findings and not run.errors:
        headline = f"No findings in {_plural(files, 'file')}."
    else:
        headline = (f"{_plural(counts[Severity.ERROR], 'error')}, "
                    f"{_plural(counts[Severity.WARNING], 'warning')}, "
                    f"{counts[Severity.INFO]} info in {_plural(files, 'file')}.")
    lines = [
        MARKER,
        "## placecheck",
        "",
        headline,
        "",
        "| | Count |",
        "|---|---:|",
        f"| Errors | {counts[Severity.ERROR]} |",
        f"| Warnings | {counts[Severity.WARNING]} |",
        f"| Info | {counts[Severity.INFO]} |",
        f"| Explained departures | {explained} |",
    ]
    if run.errors:
        lines.append(f"| Files that could not be read | {len(run.errors)} |")
    return "\n".join(lines) + "\n\n"


def _file_section(result: FileResult) -> tuple[str, list[str]]:
    """For one file: the heading (with the table header), and the table's rows."""
    head = _file_heading(result)
    if result.error is not None:
        head += f"**Could not be read:** {cell(str(result.error))}\n"
    findings = sorted(result.findings,
                      key=lambda f: (f.location.line, f.location.column, f.rule_id))
    if findings:
        if result.error is not None:
            head += "\n"
        head += HEADER
    return head, [_row(f) for f in findings]


def render(run: LintRun, stream: TextIO) -> None:
    out = [_summary(run)]
    size = len(out[0])
    left_out = 0
    for result in run.results:
        if not result.findings and result.error is None:
            continue  # clean files are counted in the summary, not listed
        if left_out:
            left_out += len(result.findings)
            continue
        head, rows = _file_section(result)
        if size + len(head) > MAX_CHARS:
            left_out += len(result.findings)
            continue
        out.append(head)
        size += len(head)
        for shown, row in enumerate(rows):
            if size + len(row) > MAX_CHARS:
                left_out += len(rows) - shown
                break
            out.append(row)
            size += len(row)
        out.append("\n")
    if left_out:
        out.append(f"_{_plural(left_out, 'more finding')} not shown: the comment would be too "
                   "long. Run `placecheck lint` or see the SARIF report for all of them._\n")
    stream.write("".join(out).rstrip("\n") + "\n")
