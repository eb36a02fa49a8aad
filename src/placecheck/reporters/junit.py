"""JUnit XML, for GitLab merge-request test reports, Jenkins and test-report actions.

Each file is a <testsuite>; each rule that fired in a file is one <testcase>
(classname = the file, name = the rule id). A rule with findings at or above the
file's fail-on severity is a <failure> listing each with its line and column;
a rule whose findings are all below it, or all explained departures, is a
passing case, and those findings are listed in the suite's <system-out>. So the
tests fail exactly when placecheck does. A file with no findings is one passing
case, so clean files still show up; a file that could not be read is an <error>.

The report validates against both the Ant JUnit schema and the Jenkins xUnit
schema: no attributes on <testsuites>, each suite with `package`, `id`,
`timestamp` and `hostname`, and `properties`, `system-out` and `system-err` in
every suite. `file` and `line` on a test case (read by GitHub annotation actions)
are in neither schema, so they are written only with `junit_locations`.

ElementTree does the escaping; before that every string is made printable (control
characters become visible escapes) and anything XML 1.0 cannot carry is dropped.
In case the report is printed in a GitHub Actions log, a line that would start
with `::` and any `##[` are written with character references (see `render`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import xml.etree.ElementTree as ET
from typing import TextIO

from placecheck.findings import Citation, Finding, Severity, unique_citations
from placecheck.lint import FileResult, LintRun
from placecheck.reporters.options import ReportOptions
from placecheck.safety import printable

# Everything outside XML 1.0's Char production (lone surrogates, U+FFFE, U+FFFF, and
# the C0 controls other than tab, newline and carriage return).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_START_COMMAND = re.compile(r"^(\s*)::", re.MULTILINE)
CLEAN_CASE = "no findings"
UNREADABLE_CASE = "readable"
PACKAGE = "placecheck"


def xml_text(value: str, keep_newlines: bool = True) -> str:
    """Safe text for an XML element or attribute."""
    return _XML_ILLEGAL.sub("", printable(value, keep_newlines=keep_newlines))


def _attr(value: str) -> str:
    return xml_text(value, keep_newlines=False)


def _citation_lines(citations: list[Citation]) -> list[str]:
    lines = []
    for citation in citations:
        line = f"see: {citation.short()}"
        if citation.quote:
            line += f' — "{citation.quote}"'
        if citation.url:
            line += f" <{citation.url}>"
        lines.append(line)
    return lines


def _finding_text(finding: Finding, prefix: str = "") -> list[str]:
    loc = finding.location
    lines = [f"{prefix}{loc.line}:{loc.column}: {finding.severity.label}: {finding.message}"]
    if finding.hint:
        lines.append(f"    fix: {finding.hint}")
    if finding.explained is not None:
        lines.append(f"    explained: {finding.explained.reason}")
    return lines


def _failure_message(failing: list[Finding]) -> str:
    if len(failing) == 1:
        return failing[0].message
    title = failing[0].title or failing[0].rule_id
    return f"{len(failing)} findings: {title}"


def _timestamp() -> str:
    """Now, in UTC, as the Ant schema wants it (no zone); SOURCE_DATE_EPOCH fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit()
              else dt.datetime.now(dt.UTC))
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _case(suite: ET.Element, file: str, name: str, options: ReportOptions,
          line: int = 0) -> ET.Element:
    case = ET.SubElement(suite, "testcase", classname=_attr(file), name=_attr(name), time="0")
    if options.junit_locations:
        case.set("file", _attr(file))
        if line >= 1:
            case.set("line", str(line))
    return case


def _testcase(suite: ET.Element, file: str, rule_id: str, findings: list[Finding],
              fail_on: Severity, options: ReportOptions, out: list[str]) -> bool:
    """Add one test case; True if it fails. Findings that do not fail go to `out`."""
    failing = [f for f in findings if f.counts and f.severity >= fail_on]
    passing = [f for f in findings if not (f.counts and f.severity >= fail_on)]
    first = (failing or findings)[0].location.line
    case = _case(suite, file, rule_id, options, first)
    for finding in passing:
        out += _finding_text(finding, f"{rule_id} ")
    if not failing:
        return False
    worst = max(f.severity for f in failing)
    lines: list[str] = []
    for finding in failing:
        lines += _finding_text(finding)
    if passing:
        lines += ["", f"Not failing ({len(passing)}, in system-out):"]
        for finding in passing:
            lines += _finding_text(finding)
    citations = _citation_lines(unique_citations(findings))
    if citations:
        lines += ["", *citations]
    failure = ET.SubElement(case, "failure", type=worst.label,
                            message=_attr(_failure_message(failing)))
    failure.text = xml_text("\n".join(lines))
    return True


def _testsuite(parent: ET.Element, number: int, result: FileResult,
               options: ReportOptions) -> None:
    suite = ET.SubElement(parent, "testsuite", name=_attr(result.file), package=PACKAGE,
                          id=str(number), timestamp=_timestamp(),
                          hostname=_attr(socket.gethostname()) or "localhost")
    properties = ET.SubElement(suite, "properties")
    for key, value in (("kind", result.kind), ("name", result.name),
                       ("status", result.status)):
        if value:
            ET.SubElement(properties, "property", name=key, value=_attr(value))
    tests = failures = errors = 0
    out: list[str] = []
    if result.error is not None:
        case = _case(suite, result.file, UNREADABLE_CASE, options, result.error.line)
        error = ET.SubElement(case, "error", type="unreadable",
                              message=_attr(result.error.message))
        error.text = xml_text(str(result.error))
        tests, errors = 1, 1
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(result.findings, key=lambda f: (f.location.line, f.location.column)):
        by_rule.setdefault(finding.rule_id, []).append(finding)
    fail_on = options.fail_on_for(result.file)
    for rule_id, findings in by_rule.items():
        tests += 1
        failures += _testcase(suite, result.file, rule_id, findings, fail_on, options, out)
    if tests == 0:
        _case(suite, result.file, CLEAN_CASE, options)
        tests = 1
    ET.SubElement(suite, "system-out").text = xml_text("\n".join(out))
    ET.SubElement(suite, "system-err")
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("time", "0")


def junit_element(run: LintRun, options: ReportOptions | None = None) -> ET.Element:
    options = options or ReportOptions()
    # The Ant schema allows no attributes here; consumers add up the suites.
    root = ET.Element("testsuites")
    for number, result in enumerate(run.results):
        _testsuite(root, number, result, options)
    return root


def render(run: LintRun, stream: TextIO, options: ReportOptions | None = None) -> None:
    root = junit_element(run, options)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    # Should the report be printed in a GitHub Actions log, no line may start a workflow
    # command (`::`) and no `##[` may appear (the runner obeys the legacy form anywhere
    # in a line). Character references keep the parsed text exactly the same.
    xml = _LINE_START_COMMAND.sub(r"\1&#58;:", xml).replace("##[", "##&#91;")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(xml)
    stream.write("\n")
