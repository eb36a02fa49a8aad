"""JUnit XML, for GitLab merge-request test reports and Jenkins.

Each file is a <testsuite>; each rule that fired in a file is one <testcase>
(classname = the file, name = the rule id). Several findings of one rule in one
file make one <failure> that lists each with its line and column. A rule whose
findings are all explained departures is <skipped>. A file with no findings is
one passing test case, so clean files still show up; a file that could not be
read is an <error>.

ElementTree does the escaping; before that every string is made printable (control
characters become visible escapes) and anything XML 1.0 cannot carry is dropped.
In case the report is printed in a GitHub Actions log, a line that would start
with `::` and any `##[` are written with character references (see `render`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from placecheck.findings import Citation, Finding, unique_citations
from placecheck.lint import FileResult, LintRun
from placecheck.safety import printable

# Everything outside XML 1.0's Char production (lone surrogates, U+FFFE, U+FFFF, and
# the C0 controls other than tab, newline and carriage return).
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_START_COMMAND = re.compile(r"^(\s*)::", re.MULTILINE)
CLEAN_CASE = "no findings"
UNREADABLE_CASE = "readable"


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


def _finding_text(finding: Finding) -> list[str]:
    loc = finding.location
    lines = [f"{loc.line}:{loc.column}: {finding.severity.label}: {finding.message}"]
    if finding.hint:
        lines.append(f"    fix: {finding.hint}")
    if finding.explained is not None:
        lines.append(f"    explained: {finding.explained.reason}")
    return lines


def _failure_message(counted: list[Finding]) -> str:
    if len(counted) == 1:
        return counted[0].message
    title = counted[0].title or counted[0].rule_id
    return f"{len(counted)} findings: {title}"


def _testcase(parent: ET.Element, file: str, rule_id: str,
              findings: list[Finding]) -> tuple[int, int]:
    """Add one test case; return (failures, skipped) it adds."""
    case = ET.SubElement(parent, "testcase", classname=_attr(file), name=_attr(rule_id),
                         file=_attr(file), time="0")
    if findings:
        case.set("line", str(findings[0].location.line))
    counted = [f for f in findings if f.counts]
    if not counted:
        reasons = list(dict.fromkeys(
            f.explained.reason for f in findings if f.explained is not None))
        ET.SubElement(case, "skipped", message=_attr("explained: " + "; ".join(reasons)))
        return 0, 1
    worst = max(f.severity for f in counted)
    lines: list[str] = []
    for finding in counted:
        lines += _finding_text(finding)
    explained = [f for f in findings if not f.counts]
    if explained:
        lines.append("")
        lines.append(f"Explained departures ({len(explained)}), not counted:")
        for finding in explained:
            lines += _finding_text(finding)
    citations = _citation_lines(unique_citations(findings))
    if citations:
        lines.append("")
        lines += citations
    failure = ET.SubElement(case, "failure", type=worst.label,
                            message=_attr(_failure_message(counted)))
    failure.text = xml_text("\n".join(lines))
    return 1, 0


def _testsuite(parent: ET.Element, result: FileResult) -> tuple[int, int, int, int]:
    """Add one suite; return its (tests, failures, errors, skipped)."""
    suite = ET.SubElement(parent, "testsuite", name=_attr(result.file))
    if result.kind or result.name or result.status:
        properties = ET.SubElement(suite, "properties")
        for key, value in (("kind", result.kind), ("name", result.name),
                           ("status", result.status)):
            if value:
                ET.SubElement(properties, "property", name=key, value=_attr(value))
    tests = failures = errors = skipped = 0
    if result.error is not None:
        case = ET.SubElement(suite, "testcase", classname=_attr(result.file),
                             name=UNREADABLE_CASE, file=_attr(result.file), time="0")
        error = ET.SubElement(case, "error", type="unreadable",
                              message=_attr(result.error.message))
        error.text = xml_text(str(result.error))
        tests, errors = 1, 1
    by_rule: dict[str, list[Finding]] = {}
    for finding in sorted(result.findings, key=lambda f: (f.location.line, f.location.column)):
        by_rule.setdefault(finding.rule_id, []).append(finding)
    for rule_id, findings in by_rule.items():
        failed, skip = _testcase(suite, result.file, rule_id, findings)
        tests += 1
        failures += failed
        skipped += skip
    if tests == 0:
        ET.SubElement(suite, "testcase", classname=_attr(result.file), name=CLEAN_CASE,
                      file=_attr(result.file), time="0")
        tests = 1
    suite.set("tests", str(tests))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", "0")
    return tests, failures, errors, skipped


def junit_element(run: LintRun) -> ET.Element:
    root = ET.Element("testsuites", name="placecheck")
    totals = [0, 0, 0, 0]
    for result in run.results:
        for i, value in enumerate(_testsuite(root, result)):
            totals[i] += value
    for key, value in zip(("tests", "failures", "errors", "skipped"), totals, strict=True):
        root.set(key, str(value))
    root.set("time", "0")
    return root


def render(run: LintRun, stream: TextIO) -> None:
    root = junit_element(run)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode")
    # Should the report be printed in a GitHub Actions log, no line may start a workflow
    # command (`::`) and no `##[` may appear (the runner obeys the legacy form anywhere
    # in a line). Character references keep the parsed text exactly the same.
    xml = _LINE_START_COMMAND.sub(r"\1&#58;:", xml).replace("##[", "##&#91;")
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(xml)
    stream.write("\n")
