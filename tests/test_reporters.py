"""The CI reporters: SARIF, JUnit XML, GitHub workflow commands, Markdown.

Golden files come from the real CLI in a new process (cwd = the repository, a
relative path), so they show exactly what a user gets. To regenerate them after
a deliberate change:

    PLACECHECK_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_reporters.py
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from placecheck.findings import Citation, Explanation, Finding, Location, Severity
from placecheck.lint import FileResult, LintRun
from placecheck.loading import LoadError
from placecheck.reporters import github, json_report, junit, markdown, sarif, styling, text

from .conftest import EXAMPLES, ROOT, run_cli
from .schemas import junit_errors, sarif_errors

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLACECHECK_UPDATE_GOLDEN") == "1"
SUNDERLAND = "examples/sunderland-draft.yaml"
FORMATS = {"sarif": "sarif", "junit": "junit.xml", "github": "github.txt",
           "markdown": "md"}
COMMAND_LINE = re.compile(r"^::(error|warning|notice) ([^:\r\n]*)::([^\r\n]*)$")


# --- helpers -----------------------------------------------------------------

def lint_output(fmt: str, *paths: str, cwd: Path = ROOT) -> str:
    result = run_cli("lint", *paths, "--format", fmt, cwd=cwd)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "internal error" not in result.stderr, result.stderr
    return result.stdout


def normalised(fmt: str, output: str) -> str:
    """What a golden file holds: the output without what depends on the machine and
    the moment (the checkout's absolute path; JUnit's timestamp and host name)."""
    if fmt == "sarif":
        return output.replace(ROOT.as_uri() + "/", "file:///REPOSITORY/")
    if fmt == "junit":
        output = re.sub(r' timestamp="[^"]*"', ' timestamp="2026-01-01T00:00:00"', output)
        return re.sub(r' hostname="[^"]*"', ' hostname="localhost"', output)
    return output


def md_cells(row: str) -> list[str]:
    assert row.startswith("| ") and row.endswith(" |"), row
    return row[2:-2].split(" | ")


def unescape_property(value: str) -> str:
    for escaped, raw in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"),
                         ("%25", "%")):
        value = value.replace(escaped, raw)
    return value


def github_properties(line: str) -> dict[str, str]:
    match = COMMAND_LINE.match(line)
    assert match, line
    props = {}
    for pair in match.group(2).split(","):
        key, _, value = pair.partition("=")
        props[key] = unescape_property(value)
    return props


def render(module: Any, run: LintRun) -> str:
    stream = io.StringIO()
    module.render(run, stream)
    return stream.getvalue()


CITATION = Citation(source="thriving-places", section="membership", document="Thriving places",
                    section_title="Membership", page=19, quote="a quote",
                    url="https://example.org/guidance")


def make_finding(rule_id: str = "TP-M1", line: int = 3, column: int = 5,
                 severity: Severity = Severity.ERROR, message: str = "Something is missing.",
                 explained: Explanation | None = None, file: str = "p.yaml") -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message=message,
                   location=Location(file, line, column, "$.governance[0]"),
                   title="A title, with a comma: and a colon", hint="Add it.",
                   citations=(CITATION,), implements=("M1",), pack="thriving-places",
                   family="membership", explained=explained)


# --- golden files --------------------------------------------------------------

@pytest.fixture(scope="module")
def golden_outputs() -> dict[str, str]:
    return {fmt: lint_output(fmt, SUNDERLAND) for fmt in FORMATS}


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden(fmt: str, golden_outputs: dict[str, str]) -> None:
    path = GOLDEN / f"sunderland-draft.{FORMATS[fmt]}"
    output = normalised(fmt, golden_outputs[fmt])
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="")
    assert path.exists(), f"no golden file; run with PLACECHECK_UPDATE_GOLDEN=1 to make {path}"
    assert output == path.read_text(encoding="utf-8"), (
        f"{fmt} output differs from {path}; if the change is deliberate, regenerate with "
        "PLACECHECK_UPDATE_GOLDEN=1")


def test_output_option_writes_the_same_report(tmp_path: Path,
                                              golden_outputs: dict[str, str]) -> None:
    out = tmp_path / "placecheck.sarif"
    result = run_cli("lint", SUNDERLAND, "--format", "sarif", "--output", str(out))
    assert result.returncode == 1 and result.stdout == ""
    assert out.read_text(encoding="utf-8") == golden_outputs["sarif"]


# --- JSON ------------------------------------------------------------------------

@pytest.mark.parametrize("results", [
    [],
    [FileResult(file="a.yaml")],
    [FileResult(file="a.yaml", findings=[make_finding(message="Run ##[error]x"),
                                         make_finding(line=9, message="née \u00e9")]),
     FileResult(file="b.yaml", error=LoadError("b.yaml", "cannot read", 2, 1)),
     FileResult(file="c.yaml", findings=[make_finding(file="c.yaml")])],
])
def test_json_is_written_piece_by_piece_as_the_whole_report_would_be(
        results: list[FileResult]) -> None:
    run = LintRun(results=results)
    whole = json.dumps(json_report.report_dict(run), indent=2, ensure_ascii=False)
    assert render(json_report, run) == whole.replace("##[", "##\\u005b") + "\n"
    assert json.loads(render(json_report, run)) == json_report.report_dict(run)


# --- SARIF -----------------------------------------------------------------------

def test_sarif_is_valid_and_complete(golden_outputs: dict[str, str]) -> None:
    document = json.loads(golden_outputs["sarif"])
    assert sarif_errors(document) == []
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "placecheck" and driver["version"]
    assert driver["informationUri"].startswith("https://")
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)
    results = sarif_run["results"]
    assert {r["ruleId"] for r in results} < set(ids)  # every active rule, not only these
    assert sarif_run["automationDetails"] == {"id": "placecheck/"}
    assert sarif_run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": ROOT.as_uri() + "/"}}
    report = json.loads(lint_output("json", SUNDERLAND))
    assert len(results) == len(report["findings"])
    for result, finding in zip(results, report["findings"], strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding["rule_id"]
        assert result["level"] == {"error": "error", "warning": "warning",
                                   "info": "note"}[finding["severity"]]
        assert result["message"]["text"].startswith(finding["message"])
        if finding["hint"]:
            assert result["message"]["text"].endswith(" Fix: " + finding["hint"])
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": SUNDERLAND, "uriBaseId": "%SRCROOT%"}
        region = physical["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["line"],
                                                                finding["column"])
        assert region["endLine"] == finding["line"]
        assert region["endColumn"] > finding["column"]
        fingerprints = result["partialFingerprints"]
        assert fingerprints["placecheckFingerprint/v1"] == finding["fingerprint"]
        assert fingerprints["primaryLocationLineHash"].startswith(finding["fingerprint"] + ":")
        assert result["properties"]["jsonPath"] == finding["json_path"]
        assert result["properties"]["implements"] == finding["implements"]
        assert "suppressions" not in result
    b1 = rules[ids.index("TP-B1")]
    assert b1["shortDescription"]["text"].startswith("Every local authority")
    assert b1["properties"]["precision"] == "high"
    assert b1["properties"]["problem.severity"] == "error"
    assert b1["properties"]["tags"] == ["boundaries", "thriving-places"]
    assert b1["properties"]["implements"] == ["B1"]
    assert "p. 10" in b1["help"]["text"] and "wholly within one system" in b1["help"]["text"]
    assert b1["helpUri"].startswith("https://")
    assert "helpUri" not in rules[ids.index("F003")]  # no citation, so no URL
    assert sarif_run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_explained_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("placecheck: 1\nkind: place\nplace: [unclosed\n")
    (tmp_path / "gateshead.yaml").write_text((EXAMPLES / "gateshead.yaml").read_text())
    result = run_cli("lint", "gateshead.yaml", "broken.yaml", "missing.yaml", "-f", "sarif",
                     "--sarif-include-explained", cwd=tmp_path)
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    (sarif_run,) = document["runs"]
    (explained,) = [r for r in sarif_run["results"] if "suppressions" in r]
    assert explained["ruleId"] == "TP-B7" and explained["level"] == "none"
    (suppression,) = explained["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith("Gateshead (196,000 people)")
    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] \
        == ["broken.yaml", "missing.yaml"]
    assert notes[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert "region" not in notes[1]["locations"][0]["physicalLocation"]
    assert all(n["level"] == "error" for n in notes)
    (descriptor,) = sarif_run["tool"]["driver"]["notifications"]
    assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"]


def test_sarif_uris_and_related_locations() -> None:
    root = str(ROOT)
    assert sarif.artifact_location(str(ROOT / "a dir" / "p,1:%.yaml"), root) == {
        "uri": "a%20dir/p%2C1%3A%25.yaml", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("./p.yaml", str(Path.cwd()))["uri"] == "p.yaml"
    assert sarif.artifact_location("/srv/p.yaml", root) == {"uri": "file:///srv/p.yaml"}
    finding = Finding(rule_id="TP-B9-OVERLAP", severity=Severity.WARNING, message="Overlap.",
                      location=Location("a.yaml", 2, 1), title="Places do not overlap",
                      related=(Location("b.yaml", 7, 3),))
    document = sarif.sarif_dict(LintRun([FileResult("a.yaml", findings=[finding])]))
    assert sarif_errors(document) == []
    (result,) = document["runs"][0]["results"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "b.yaml"
    assert related["physicalLocation"]["region"] == {"startLine": 7, "startColumn": 3}


# --- JUnit -----------------------------------------------------------------------

def test_junit_groups_findings_by_file_and_rule(golden_outputs: dict[str, str]) -> None:
    assert junit_errors(golden_outputs["junit"]) == {
        "ant-junit.xsd": [], "jenkins-xunit-junit-10.xsd": []}
    root = ET.fromstring(golden_outputs["junit"])
    assert root.tag == "testsuites" and root.attrib == {}  # Ant allows no attributes here
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == SUNDERLAND
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert len(names) == len(set(names))  # one test case per rule
    assert all(c.get("classname") == SUNDERLAND for c in cases)
    assert all("file" not in c.attrib and "line" not in c.attrib for c in cases)
    report = json.loads(lint_output("json", SUNDERLAND))
    assert set(names) == {f["rule_id"] for f in report["findings"]}
    assert suite.get("tests") == str(len(cases))
    # Only errors (the default fail-on) fail; warnings and info pass, listed in system-out.
    failing = {f["rule_id"] for f in report["findings"] if f["severity"] == "error"}
    assert {c.get("name") for c in cases if c.find("failure") is not None} == failing
    assert suite.get("failures") == str(len(failing))
    (d3,) = [c for c in cases if c.get("name") == "TP-D3"]
    failure = d3.find("failure")
    assert failure is not None and failure.get("type") == "error"
    text = failure.text or ""
    d3_findings = [f for f in report["findings"] if f["rule_id"] == "TP-D3"]
    assert len(d3_findings) == 2
    assert failure.get("message", "").startswith("2 findings")
    for finding in d3_findings:
        assert f"{finding['line']}:{finding['column']}: error: {finding['message']}" in text
        assert f"fix: {finding['hint']}" in text
    assert "see: Thriving places" in text and "p. 21" in text
    (m2,) = [c for c in cases if c.get("name") == "TP-M2"]
    assert len(m2) == 0  # a warning: a passing case
    out = suite.findtext("system-out") or ""
    (m2_finding,) = [f for f in report["findings"] if f["rule_id"] == "TP-M2"]
    assert (f"TP-M2 {m2_finding['line']}:{m2_finding['column']}: warning: "
            f"{m2_finding['message']}") in out


def test_junit_failures_follow_fail_on(tmp_path: Path) -> None:
    """Warnings are failures only when placecheck would fail on them too."""
    root = ET.fromstring(run_cli("lint", SUNDERLAND, "-f", "junit", "--fail-on",
                                 "warning").stdout)
    (m2,) = [c for c in root.iter("testcase") if c.get("name") == "TP-M2"]
    failure = m2.find("failure")
    assert failure is not None and failure.get("type") == "warning"
    (tmp_path / "placecheck.toml").write_text('fail_on = "info"\n')
    (tmp_path / "s.yaml").write_text((EXAMPLES / "sunderland-draft.yaml").read_text())
    configured = ET.fromstring(run_cli("lint", "s.yaml", "-f", "junit", cwd=tmp_path).stdout)
    assert all(c.find("failure") is not None for c in configured.iter("testcase"))


def test_junit_locations_are_opt_in() -> None:
    xml = run_cli("lint", SUNDERLAND, "-f", "junit", "--junit-locations").stdout
    report = json.loads(lint_output("json", SUNDERLAND))
    first_line = {}
    for finding in report["findings"]:
        first_line.setdefault(finding["rule_id"], finding["line"])
    cases = list(ET.fromstring(xml).iter("testcase"))
    assert cases and all(c.get("file") == SUNDERLAND for c in cases)
    (b1,) = [c for c in cases if c.get("name") == "TP-B1"]
    assert b1.get("line") == str(first_line["TP-B1"])
    # Outside both schemas, which is why it is not the default.
    errors = junit_errors(xml)
    assert errors["ant-junit.xsd"] and errors["jenkins-xunit-junit-10.xsd"]


def test_junit_explained_clean_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("placecheck: 1\nkind: place\nplace: [unclosed\n")
    (tmp_path / "gateshead.yaml").write_text((EXAMPLES / "gateshead.yaml").read_text())
    xml = lint_output("junit", "gateshead.yaml", "broken.yaml", cwd=tmp_path)
    assert junit_errors(xml) == {"ant-junit.xsd": [], "jenkins-xunit-junit-10.xsd": []}
    root = ET.fromstring(xml)
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"gateshead.yaml", "broken.yaml"}
    (explained,) = suites["gateshead.yaml"].findall("testcase")
    assert len(explained) == 0  # an explained departure passes
    out = suites["gateshead.yaml"].findtext("system-out") or ""
    assert "TP-B7 " in out and "explained: Gateshead (196,000 people)" in out
    assert suites["gateshead.yaml"].get("failures") == "0"
    (unreadable,) = suites["broken.yaml"].findall("testcase")
    error = unreadable.find("error")
    assert error is not None and "YAML syntax error" in error.get("message", "")
    assert suites["broken.yaml"].get("errors") == "1"
    clean = LintRun([FileResult("ok.yaml", kind="place")])
    (case,) = ET.fromstring(render(junit, clean)).iter("testcase")
    assert case.get("name") == junit.CLEAN_CASE and len(case) == 0


def test_junit_rule_with_explained_and_counted_findings_fails() -> None:
    explanation = Explanation(reason="agreed locally")
    run = LintRun([FileResult("p.yaml", findings=[
        make_finding(line=3), make_finding(line=9, explained=explanation)])])
    (case,) = ET.fromstring(render(junit, run)).iter("testcase")
    failure = case.find("failure")
    assert failure is not None and failure.get("message") == "Something is missing."
    assert "Not failing (1, in system-out)" in (failure.text or "")
    assert "explained: agreed locally" in (failure.text or "")


def test_junit_strips_what_xml_cannot_carry() -> None:
    assert junit.xml_text("a\x00b\x1bc\ud800d\ufffee\tf\ng") == "a\\x00b\\x1bcde\tf\ng"
    assert junit.xml_text("a\nb", keep_newlines=False) == "a b"


# --- GitHub workflow commands ---------------------------------------------------

def test_github_lines(golden_outputs: dict[str, str]) -> None:
    lines = golden_outputs["github"].splitlines()
    report = json.loads(lint_output("json", SUNDERLAND))
    assert len(lines) == len(report["findings"]) + 1
    *commands, summary = lines
    assert summary.startswith("placecheck: Found ") and not summary.startswith("::")
    for line, finding in zip(commands, report["findings"], strict=True):
        match = COMMAND_LINE.match(line)
        assert match, line
        assert match.group(1) == {"error": "error", "warning": "warning",
                                  "info": "notice"}[finding["severity"]]
        props = github_properties(line)
        assert props == {"file": SUNDERLAND, "line": str(finding["line"]),
                         "col": str(finding["column"]),
                         "title": f"{finding['rule_id']} {finding['title']}"}
        assert match.group(3).startswith(finding["message"].replace("%", "%25"))


def test_github_escaping() -> None:
    assert github.escape_data("50% a\r\nb: c, d") == "50%25 a\\x0d%0Ab: c, d"
    assert github.escape_data("a\nb%0A") == "a%0Ab%250A"
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"
    assert "##[" not in github.escape_data("x ##[stop-commands]token")
    line = github.command("warning", {"file": "a,b:c.yaml", "line": 2}, "m::n")
    assert line == "::warning file=a%2Cb%3Ac.yaml,line=2::m::n"


def test_github_explained_and_unreadable(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("placecheck: 1\nkind: place\nplace: [unclosed\n")
    (tmp_path / "gateshead.yaml").write_text((EXAMPLES / "gateshead.yaml").read_text())
    lines = lint_output("github", "gateshead.yaml", "broken.yaml", cwd=tmp_path).splitlines()
    assert lines[0].startswith("::error file=broken.yaml,line=4,col=1,")
    (explained,) = [line for line in lines if "TP-B7" in line]
    assert explained.startswith("::notice ")
    assert COMMAND_LINE.match(explained).group(3).startswith(  # type: ignore[union-attr]
        "explained: The population")
    assert "(departure: Gateshead (196,000 people)" in explained
    assert lines[-1].startswith("placecheck: ") and "1 file could not be checked" in lines[-1]


# --- Markdown --------------------------------------------------------------------

def test_markdown_comment(golden_outputs: dict[str, str]) -> None:
    text = golden_outputs["markdown"]
    assert text.startswith(markdown.MARKER + "\n## placecheck\n")
    report = json.loads(lint_output("json", SUNDERLAND))
    summary = report["summary"]
    assert f"| Errors | {summary['error']} |" in text
    assert f"| Warnings | {summary['warning']} |" in text
    assert f"| Info | {summary['info']} |" in text
    assert f"| Explained departures | {summary['explained']} |" in text
    assert f"### {SUNDERLAND.replace('_', chr(92) + '_')} (Sunderland, place, draft)" in text
    rows = [line for line in text.splitlines() if re.match(r"^\| \d+:\d+ \|", line)]
    assert len(rows) == len(report["findings"])
    for row in rows:
        assert len(md_cells(row)) == 5
    assert "[King's Fund explainer" in text  # a cited URL becomes a link


def test_markdown_cell_escaping() -> None:
    cell = markdown.cell("a|b `c` <i>&amp; [x](y) *z* @team \\| line\nnext\x1b")
    assert "|" not in cell and "`" not in cell and "<i>" not in cell
    assert cell == ("a&#124;b &#96;c&#96; &lt;i&gt;&amp;amp; \\[x\\](y) \\*z\\* @&#8203;team "
                    "&#92;&#124; line<br>next&#92;x1b")


def test_markdown_is_capped_below_githubs_limit() -> None:
    findings = [make_finding(line=i, message="x" * 500) for i in range(1, 400)]
    text = render(markdown, LintRun([FileResult("p.yaml", findings=findings)]))
    assert len(text) < 65_536
    shown = len(re.findall(r"^\| \d+:\d+ \|", text, re.MULTILINE))
    assert 0 < shown < len(findings)
    assert f"{len(findings) - shown} more findings not shown" in text


def test_markdown_clean_run() -> None:
    text = render(markdown, LintRun([FileResult("ok.yaml", kind="place")]))
    assert "No findings in 1 file." in text and "###" not in text


# --- hostile text ------------------------------------------------------------------

HOSTILE_FILE = "bad, name:50%.yaml"
HOSTILE_FUNCTION = (
    '"::error::x %0A %25 ::set-output name=pwned::1 ::add-mask::secret '
    '<script>alert(1)</script> \\"quoted\\" \'single\' ]]> \\e[31mred\\e[0m '
    '| `tick` ##[stop-commands]tok @everyone \\u202e"')
HOSTILE_BODY = ("|-\n      Forum\n      ::error file=evil.yaml,line=1::injected\n"
                "      | a | b | c |\n      <img src=x onerror=alert(1)>\n      ::add-mask::x")
HOSTILE_PERSON = r'"Susan\r\n::warning::crlf\x00 ##[add-mask]p"'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    source = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
    replacements = {
        "    name: Commissioning and contract management of community health services for "
        "Sunderland\n": f"    name: {HOSTILE_FUNCTION}\n",
        "    name: Sunderland Health and Care Partnership Forum\n": f"    name: {HOSTILE_BODY}\n",
        "    name: Susan Gray\n": f"    name: {HOSTILE_PERSON}\n",
    }
    for old, new in replacements.items():
        assert source.count(old) == 1, old
        source = source.replace(old, new)
    directory = tmp_path_factory.mktemp("hostile")
    (directory / HOSTILE_FILE).write_text(source, encoding="utf-8")
    outputs = {fmt: lint_output(fmt, HOSTILE_FILE, cwd=directory)
               for fmt in [*FORMATS, "json"]}
    report = json.loads(outputs["json"])
    messages = " ".join(f["message"] for f in report["findings"])
    # The hostile text did reach the findings, so the reporters had to deal with it.
    assert "::set-output" in messages and "<script>" in messages and "\x1b" in messages
    assert "\n::error file=evil.yaml" in messages and "\r\n::warning" in messages
    return outputs


def _no_raw_controls(text: str) -> None:
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", text)
    assert "\r" not in text


def test_hostile_sarif(hostile: dict[str, str]) -> None:
    _no_raw_controls(hostile["sarif"])
    assert "##[" not in hostile["sarif"]
    document = json.loads(hostile["sarif"])
    assert sarif_errors(document) == []
    results = document["runs"][0]["results"]
    assert len(results) == len(json.loads(hostile["json"])["findings"])
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {quote(HOSTILE_FILE)}
    texts = " ".join(r["message"]["text"] for r in results)
    assert "\\x1b[31mred" in texts and "<script>" in texts  # shown, as text
    assert "##[stop-commands]" in texts  # the JSON escape parses back to the same text


def test_hostile_junit(hostile: dict[str, str]) -> None:
    raw = hostile["junit"]
    _no_raw_controls(raw)
    assert "##[" not in raw and "<script>" not in raw
    assert not re.search(r"^\s*::", raw, re.MULTILINE)
    assert junit_errors(raw) == {"ant-junit.xsd": [], "jenkins-xunit-junit-10.xsd": []}
    root = ET.fromstring(raw)
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == HOSTILE_FILE
    texts = " ".join(f.text or "" for f in [*root.iter("failure"), *root.iter("system-out")])
    assert "<script>alert(1)</script>" in texts and "]]>" in texts
    assert "\n::error file=evil.yaml" in texts  # kept as text, written as &#58;
    assert "##[stop-commands]tok" in texts
    assert all("\n" not in (f.get("message") or "") for f in root.iter("failure"))


def test_hostile_github(hostile: dict[str, str]) -> None:
    text = hostile["github"]
    _no_raw_controls(text)
    assert "##[" not in text
    lines = text.split("\n")
    assert lines.pop() == ""
    assert lines == text.splitlines()  # no other line separators either
    findings = json.loads(hostile["json"])["findings"]
    assert len(lines) == len(findings) + 1
    *commands, summary = lines
    assert summary.startswith("placecheck: ")
    for line in commands:
        assert line.startswith(("::error ", "::warning ", "::notice ")), line
        assert set(github_properties(line)) <= {"file", "line", "col", "title"}
        assert github_properties(line)["file"] == HOSTILE_FILE
    # the injected commands only ever appear inside a message, never at a line start
    assert any("::set-output name=pwned" in line for line in commands)
    assert not any(line.startswith(("::set-output", "::add-mask", "::stop-commands"))
                   for line in lines)
    assert "Forum%0A::error file=evil.yaml" in text


def test_hostile_markdown(hostile: dict[str, str]) -> None:
    text = hostile["markdown"]
    _no_raw_controls(text)
    assert "<script" not in text and "<img" not in text and "##[" not in text
    tags = set(re.findall(r"<(/?[A-Za-z!][^\s>]*)", text))
    assert tags <= {"br", "!--"}, tags
    rows = [line for line in text.splitlines() if line.startswith("| ")
            and not line.startswith(("| Line", "| |"))]
    findings = json.loads(hostile["json"])["findings"]
    table_rows = [r for r in rows if re.match(r"^\| \d+:\d+ \|", r)]
    assert len(table_rows) == len(findings)
    for row in table_rows:
        assert row.count("|") == 6, row
    assert "@everyone" not in text


def test_in_process_renderers_handle_synthetic_edge_cases() -> None:
    """Explained, unreadable and hostile input without a subprocess, all four formats."""
    hostile = make_finding(message="a\r\n::error::x | <b> ]]> \x1b \ud800",
                           explained=Explanation(reason="why: because, \n::notice::y"),
                           file="a,b:c%.yaml")
    run = LintRun([
        FileResult("a,b:c%.yaml", findings=[hostile, make_finding(rule_id="TP-M2")]),
        FileResult("gone.yaml", error=LoadError("gone.yaml", "no such file")),
    ])
    document = json.loads(render(sarif, run))
    assert sarif_errors(document) == []
    assert document["runs"][0]["invocations"][0]["executionSuccessful"] is False
    ET.fromstring(render(junit, run))
    for line in render(github, run).splitlines()[:-1]:
        assert COMMAND_LINE.match(line), line
    md = render(markdown, run)
    assert "<b>" not in md
    for row in md.splitlines():
        if re.match(r"^\| \d+:\d+ \|", row):
            assert row.count("|") == 6


def test_undecodable_file_name(tmp_path: Path) -> None:
    """A file name with a byte that is not UTF-8 (a lone surrogate in Python) is reported."""
    directory = tmp_path / "proposals"
    directory.mkdir()
    try:
        (directory / os.fsdecode(b"bad\xff.yaml")).write_text(
            (EXAMPLES / "gateshead.yaml").read_text())
    except (OSError, UnicodeError):
        pytest.skip("this file system will not hold such a name")
    document = json.loads(run_cli("lint", "proposals", "-f", "sarif",
                                  "--sarif-include-explained", cwd=tmp_path).stdout)
    assert sarif_errors(document) == []
    (result,) = document["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "proposals/bad%FF.yaml"
    for fmt in ("junit", "github", "markdown"):
        assert "bad" in lint_output(fmt, "proposals", cwd=tmp_path)


def test_hostile_json_cannot_command_a_ci_runner(hostile: dict[str, str]) -> None:
    raw = hostile["json"]
    assert "##[" not in raw
    assert "##[stop-commands]" in " ".join(f["message"] for f in json.loads(raw)["findings"])
    for line in raw.splitlines():
        assert not line.lstrip().startswith("::")


def test_text_output_breaks_up_workflow_commands(tmp_path: Path) -> None:
    from placecheck.safety import loggable, printable

    assert loggable("::error::owned") == ": :error::owned"
    assert "##[" not in loggable("a ##[add-mask]secret")
    assert printable("ok \u202e") == "ok \\u202e"
    source = (ROOT / "examples" / "sunderland-draft.yaml").read_text(encoding="utf-8")
    source = source.replace("name: Susan Gray", 'name: "##[set-env name=x]y\\n::error::z"', 1)
    (tmp_path / "p.yaml").write_text(source, encoding="utf-8")
    out = lint_output("text", "p.yaml", cwd=tmp_path)
    assert "set-env" in out and "##[" not in out
    assert not any(line.startswith("::") for line in out.splitlines())


# --- colour in the text report -----------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("env", "terminal", "wanted"), [
    ({}, True, True),
    ({}, False, False),
    ({"NO_COLOR": "1"}, True, False),
    ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
    ({"FORCE_COLOR": "1"}, False, True),
    ({"TERM": "dumb"}, True, False),
    ({"NO_COLOR": ""}, True, True),  # set but empty means unset
])
def test_colour_follows_the_conventions(monkeypatch: pytest.MonkeyPatch, env: dict[str, str],
                                        terminal: bool, wanted: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = _Terminal() if terminal else io.StringIO()
    assert styling.colour_wanted(stream) is wanted
    assert styling.colour_wanted(stream, False) is False
    assert styling.colour_wanted(stream, True) is True


def test_coloured_text_report_styles_severities_and_keeps_the_words() -> None:
    finding = make_finding(severity=Severity.ERROR)
    run = LintRun(results=[FileResult(file="p.yaml", findings=[finding])])
    coloured, plain = io.StringIO(), io.StringIO()
    text.render(run, coloured, color=True)
    text.render(run, plain, color=False)
    assert "\x1b[1;31mERROR   \x1b[0m" in coloured.getvalue()
    assert "\x1b" not in plain.getvalue()
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.getvalue()) == plain.getvalue()
