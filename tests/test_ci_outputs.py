"""CI outputs as their consumers read them (issue 17).

Every format, for every example and every hostile fixture, is validated against
the real schemas (the OASIS SARIF schema; the Ant and Jenkins JUnit schemas), and
each way GitHub code scanning reads SARIF differently from the letter of the
standard has a test: suppressions ignored, alerts merged by line, URIs resolved
from the repository root, results capped.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from placecheck.findings import Finding, Location, Severity
from placecheck.lint import FileResult, LintRun
from placecheck.loading import LoadError
from placecheck.reporters import sarif
from placecheck.reporters.options import ReportOptions

from .conftest import EXAMPLES, ROOT, governance_repo, run_cli
from .schemas import junit_errors, sarif_errors

HOSTILE = ROOT / "tests" / "hostile"
SUNDERLAND = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
GATESHEAD = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
COMMAND_LINE = re.compile(r"^::(error|warning|notice) [^:\r\n]*::[^\r\n]*$")
INPUTS = {"examples": ["examples"],
          "hostile": sorted(str(p.relative_to(ROOT)) for p in HOSTILE.glob("*.yaml"))}


def lint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    result = run_cli("lint", *args, cwd=cwd)
    assert result.returncode in (0, 1, 2), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result


def results(document: dict[str, Any]) -> list[dict[str, Any]]:
    return list(document["runs"][0]["results"])


# --- every format, every input, the real schemas -------------------------------------

@pytest.mark.parametrize("inputs", sorted(INPUTS))
def test_every_format_of_every_input_is_what_its_consumers_accept(inputs: str) -> None:
    paths = INPUTS[inputs]
    for extra in ([], ["--sarif-include-explained"]):
        document = json.loads(lint(*paths, "-f", "sarif", *extra).stdout)
        assert sarif_errors(document) == [], (inputs, extra)
        assert results(document)
    xml = lint(*paths, "-f", "junit").stdout
    assert junit_errors(xml) == {"ant-junit.xsd": [], "jenkins-xunit-junit-10.xsd": []}
    report = json.loads(lint(*paths, "-f", "json").stdout)
    assert report["schema_version"] == 1 and report["summary"]["files"] >= len(paths)
    *commands, summary = lint(*paths, "-f", "github").stdout.splitlines()
    assert commands and all(COMMAND_LINE.match(line) for line in commands)
    assert summary.startswith("placecheck: ")
    assert lint(*paths, "-f", "markdown").stdout.startswith("<!-- placecheck-report -->")


def test_the_sarif_schema_rejects_a_broken_document() -> None:
    document = json.loads(lint("examples/sunderland-draft.yaml", "-f", "sarif").stdout)
    assert sarif_errors(document) == []
    for broken in (
        {**document, "version": "2.0.0"},
        {key: value for key, value in document.items() if key != "runs"},
        {**document, "runs": [{"results": []}]},  # a run with no tool
        {**document, "runs": [{**document["runs"][0],
                               "results": [{"ruleId": "TP-M1", "level": "fatal",
                                            "message": {"text": "x"}}]}]},
        {**document, "unexpected": True},
    ):
        assert sarif_errors(broken), broken


def test_the_junit_schemas_reject_what_jenkins_rejected() -> None:
    # The report placecheck 0.1.0 wrote: file and line on a test case, skipped on the root.
    old = ('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="placecheck" tests="1" '
           'failures="1" errors="0" skipped="0" time="0"><testsuite name="p.yaml" tests="1" '
           'failures="1" errors="0" skipped="0" time="0"><testcase classname="p.yaml" '
           'name="TP-M1" file="p.yaml" time="0" line="3"><failure type="error" message="m">t'
           '</failure></testcase></testsuite></testsuites>')
    errors = junit_errors(old)
    assert errors["ant-junit.xsd"] and errors["jenkins-xunit-junit-10.xsd"]


# --- defect 1: explained findings are not open alerts --------------------------------

def test_explained_findings_are_left_out_of_sarif_unless_asked_for(tmp_path: Path) -> None:
    (tmp_path / "gateshead.yaml").write_text(GATESHEAD, encoding="utf-8")
    plain = lint("gateshead.yaml", "-f", "sarif", cwd=tmp_path)
    assert plain.returncode == 0  # placecheck passes it...
    assert results(json.loads(plain.stdout)) == []  # ...so code scanning has no alert
    kept = results(json.loads(lint("gateshead.yaml", "-f", "sarif",
                                   "--sarif-include-explained", cwd=tmp_path).stdout))
    (explained,) = kept
    assert explained["ruleId"] == "TP-B7" and explained["level"] == "none"
    assert explained["suppressions"][0]["status"] == "accepted"


# --- defect 3: one alert per finding ------------------------------------------------

def test_each_finding_is_its_own_alert_and_keeps_it_across_line_moves(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SUNDERLAND, encoding="utf-8")

    def hashes() -> dict[tuple[str, int], list[str]]:
        found: dict[tuple[str, int], list[str]] = {}
        document = json.loads(lint("s.yaml", "-f", "sarif", cwd=tmp_path).stdout)
        for result in results(document):
            line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
            found.setdefault((result["ruleId"], line), []).append(
                result["partialFingerprints"]["primaryLocationLineHash"])
        return found

    before = hashes()
    shared = {key: value for key, value in before.items() if len(value) > 1}
    assert {rule for rule, _ in shared} >= {"TP-D1", "TP-D2", "TP-D3"}  # same rule, same line
    for value in shared.values():
        assert len(set(value)) == len(value)
    everything = [h for value in before.values() for h in value]
    assert len(set(everything)) == len(everything)
    assert hashes() == before  # the same on every run
    (tmp_path / "s.yaml").write_text("# moved\n# down\n" + SUNDERLAND, encoding="utf-8")
    moved = hashes()
    assert sorted(h for v in moved.values() for h in v) == sorted(everything)


# --- defect 5: paths from the repository root ----------------------------------------

def test_paths_are_relative_to_the_repository_root_from_a_subfolder(tmp_path: Path) -> None:
    root = governance_repo(tmp_path)
    document = json.loads(lint("sunderland.yaml", "-f", "sarif", cwd=root / "proposals").stdout)
    assert sarif_errors(document) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in results(document)}
    assert uris == {"proposals/sunderland.yaml"}
    run = document["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == root.resolve().as_uri() + "/"
    assert run["automationDetails"]["id"] == "placecheck/proposals/"
    annotations = lint("sunderland.yaml", "-f", "github", cwd=root / "proposals").stdout
    files = set(re.findall(r"file=([^,]*),", annotations))
    assert files == {"proposals/sunderland.yaml"}


# --- defect 7: an unreadable file is an alert ----------------------------------------

def test_an_unreadable_file_is_a_result_of_its_own_rule(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("placecheck: 1\nkind: place\nplace: [unclosed\n")
    result = lint("broken.yaml", "-f", "sarif", cwd=tmp_path)
    assert result.returncode == 2
    document = json.loads(result.stdout)
    assert sarif_errors(document) == []
    (alert,) = results(document)
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    assert alert["ruleId"] == "placecheck/unreadable-file" and alert["level"] == "error"
    assert rules[alert["ruleIndex"]]["id"] == alert["ruleId"]
    assert rules[alert["ruleIndex"]]["help"]["text"]
    assert alert["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert "primaryLocationLineHash" in alert["partialFingerprints"]


def test_every_result_has_a_line_github_can_show() -> None:
    """Multitool GH1003: a result without region.startLine cannot be placed."""
    run = LintRun([FileResult("gone.yaml", error=LoadError("gone.yaml", "no such file")),
                   FileResult("p.yaml", findings=[Finding("TP-X1", Severity.ERROR, "m",
                                                          Location("p.yaml", 0, 0))])])
    document = sarif.sarif_dict(run)
    assert sarif_errors(document) == []
    for result in results(document):
        assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


# --- defect 8: metadata code scanning and Azure DevOps read ---------------------------

def test_driver_lists_every_active_rule_so_that_fixed_alerts_close() -> None:
    document = json.loads(lint("examples/sunderland-draft.yaml", "-f", "sarif").stdout)
    listed = {r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]}
    active = {r["id"] for r in json.loads(run_cli("rules", "-f", "json").stdout)}
    assert active and active <= listed
    assert {"F001", "F003", "placecheck/unreadable-file"} <= listed
    fired = {r["ruleId"] for r in results(document)}
    assert listed - fired  # rules with nothing to say today are listed too
    only = json.loads(lint("examples/sunderland-draft.yaml", "-f", "sarif", "--select",
                           "TP-M").stdout)
    assert not any(r["id"].startswith("TP-B") for r in only["runs"][0]["tool"]["driver"]["rules"])


# --- defect 9: a cap on results, the most severe kept ---------------------------------

def _findings(errors: int, warnings: int, infos: int) -> list[Finding]:
    made = []
    for severity, count in ((Severity.INFO, infos), (Severity.WARNING, warnings),
                            (Severity.ERROR, errors)):
        for i in range(count):
            made.append(Finding(f"TP-{severity.name[0]}{i}", severity, f"m{i}",
                                Location("p.yaml", 10 + i, 1), title="t"))
    return made


def test_results_above_the_cap_keep_the_most_severe_and_warn() -> None:
    warned: list[str] = []
    run = LintRun([FileResult("p.yaml", findings=_findings(3, 4, 5)),
                   FileResult("q.yaml", error=LoadError("q.yaml", "no such file"))])
    document = sarif.sarif_dict(run, ReportOptions(max_results=6, warn=warned.append))
    assert sarif_errors(document) == []
    levels = [r["level"] for r in results(document)]
    assert levels.count("error") == 4 and levels.count("warning") == 2 and len(levels) == 6
    (message,) = warned
    assert "13 results" in message and "6 most severe" in message and "7 left out" in message
    notes = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any(n["level"] == "warning" and "left out" in n["message"]["text"] for n in notes)
    uncapped = sarif.sarif_dict(run, ReportOptions(warn=warned.append))
    assert len(results(uncapped)) == 13 and len(warned) == 1


def test_the_cap_comes_from_the_command_line_or_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SUNDERLAND, encoding="utf-8")
    capped = lint("s.yaml", "-f", "sarif", "--max-results", "3", cwd=tmp_path)
    assert [r["level"] for r in results(json.loads(capped.stdout))] == ["error"] * 3
    assert "max_results" in capped.stderr
    (tmp_path / "placecheck.toml").write_text("max_results = 2\n")
    configured = lint("s.yaml", "-f", "sarif", cwd=tmp_path)
    assert len(results(json.loads(configured.stdout))) == 2
    (tmp_path / "placecheck.toml").write_text("max_results = 0\n")
    refused = run_cli("lint", "s.yaml", cwd=tmp_path)
    assert refused.returncode == 2 and "max_results" in refused.stderr


def test_in_process_junit_takes_its_options() -> None:
    from placecheck.reporters import junit

    run = LintRun([FileResult("p.yaml", findings=_findings(0, 1, 0))])
    stream = io.StringIO()
    junit.render(run, stream, ReportOptions(fail_on=Severity.WARNING, junit_locations=True))
    (case,) = ET.fromstring(stream.getvalue()).iter("testcase")
    assert case.find("failure") is not None and case.get("file") == "p.yaml"
