"""End to end, as a user runs it: a new process, real files, real exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import EXAMPLES, run_cli


def test_clean_example_exits_zero() -> None:
    result = run_cli("lint", "examples/gateshead.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 explained departure" in result.stdout


def test_flawed_example_exits_one_with_located_cited_findings() -> None:
    result = run_cli("lint", "examples/sunderland-draft.yaml")
    assert result.returncode == 1
    assert "examples/sunderland-draft.yaml:208:5  ERROR     F003  unknown key `memebers`" \
        in result.stdout
    assert "see: Thriving places" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("Found ")


def test_fail_on_and_select_ignore() -> None:
    info_only = run_cli("lint", "examples/nottinghamshire/bassetlaw.yaml",
                        "--select", "TP-B7")
    assert info_only.returncode == 0 and "TP-B7" in info_only.stdout
    strict = run_cli("lint", "examples/nottinghamshire/bassetlaw.yaml", "--select", "TP-B7",
                     "--fail-on", "info")
    assert strict.returncode == 1
    ignored = run_cli("lint", "examples/sunderland-draft.yaml", "--ignore", "TP,F")
    assert ignored.returncode == 0


def test_json_output_is_stable_and_complete() -> None:
    result = run_cli("lint", "examples/sunderland-draft.yaml", "--format", "json")
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1
    first = report["findings"][0]
    assert set(first) >= {"rule_id", "severity", "message", "hint", "file", "line", "column",
                          "json_path", "citations", "implements", "fingerprint"}
    cited = [f for f in report["findings"] if f["rule_id"].startswith("TP-")]
    assert all(f["citations"] and f["citations"][0]["page"] for f in cited
               if f["citations"][0]["source"] == "thriving-places")
    assert report["summary"]["error"] == sum(1 for f in report["findings"]
                                             if f["severity"] == "error")


def test_directory_run_finds_proposals_only(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("name: not a proposal\n")
    (tmp_path / "p.yaml").write_text((EXAMPLES / "gateshead.yaml").read_text())
    result = run_cli("lint", str(tmp_path), "--format", "json")
    files = [f["file"] for f in json.loads(result.stdout)["files"]]
    assert len(files) == 1 and files[0].endswith("p.yaml")


def test_unreadable_input_exits_two_with_one_line(tmp_path: Path) -> None:
    for name, content in {"empty.yaml": "", "list.yaml": "- a\n", "bad.yaml": "a: [1,\n"}.items():
        path = tmp_path / name
        path.write_text(content)
        result = run_cli("lint", str(path))
        assert result.returncode == 2, name
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1 and name in result.stderr
    missing = run_cli("lint", str(tmp_path / "nope.yaml"))
    assert missing.returncode == 2 and "no such file" in missing.stderr


def test_bad_option_exits_two() -> None:
    result = run_cli("lint", "examples/gateshead.yaml", "--fail-on", "sometimes")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_rules_explain_schema_version() -> None:
    listing = run_cli("rules")
    assert listing.returncode == 0 and "TP-M1" in listing.stdout
    coverage = run_cli("rules", "--coverage")
    assert "; 0 missing" in " ".join(coverage.stdout.split())
    explain = run_cli("explain", "TP-C2")
    assert explain.returncode == 0
    assert "Table 3" in explain.stdout and "Passing YAML" in explain.stdout
    assert run_cli("explain", "F003").returncode == 0
    unknown = run_cli("explain", "TP-ZZ")
    assert unknown.returncode == 2 and "no rule" in unknown.stderr
    schema = json.loads(run_cli("schema").stdout)
    assert schema["title"].startswith("placecheck proposal")
    version = run_cli("--version")
    assert "placecheck 0.1.0" in version.stdout and "ONS" in version.stdout


def test_rules_test_command_reports_ok_and_misfires(tmp_path: Path) -> None:
    ok = run_cli("rules", "test")
    assert ok.returncode == 0 and "ok" in ok.stdout
    pack = tmp_path / "mine"
    (pack / "fixtures").mkdir(parents=True)
    (pack / "fixtures" / "p.yaml").write_text(
        "placecheck: 1\nkind: place\nplace: {name: Riverton, population: 100}\n")
    (pack / "pack.yaml").write_text("pack: mine\ntitle: My pack\nenabled_by_default: false\n")
    (pack / "rules.yaml").write_text("""rules:
  - id: MINE-1
    title: The population is stated
    severity: error
    family: test
    implements: [X1]
    rationale: "A rationale long enough to pass the schema."
    citations: [{source: thriving-places, section: transitioning}]
    check: {present: "$.place.population"}
    message: "{detail}"
    tests:
      - {name: stated, expect: pass, proposal: p.yaml}
      - {name: wrongly expected to fail, expect: fail, proposal: p.yaml}
""")
    result = run_cli("rules", "test", str(pack))
    assert result.returncode == 1
    assert "MINE-1 test 'wrongly expected to fail'" in result.stdout


def test_system_file_lints_its_places_once() -> None:
    result = run_cli("lint", "examples/north-east-system.yaml", "examples/gateshead.yaml",
                     "--format", "json")
    files = [f["file"] for f in json.loads(result.stdout)["files"]]
    assert sorted(files) == sorted(["examples/north-east-system.yaml",
                                    "examples/gateshead.yaml",
                                    "examples/sunderland-draft.yaml"])


def test_northumberland_under_south_east_london_names_both_icbs(tmp_path: Path) -> None:
    text = (EXAMPLES / "gateshead.yaml").read_text()
    text = text.replace("{name: NHS North East and North Cumbria ICB, code: E54000050}",
                        "{name: NHS South East London ICB, code: E54000030}", 1)
    text = text.replace("{name: Gateshead Council, code: E08000037, tier: metropolitan_district}",
                        "{name: Northumberland County Council, code: E06000057, tier: unitary}")
    path = tmp_path / "northumberland.yaml"
    path.write_text(text)
    result = run_cli("lint", str(path), "--select", "TP-B1")
    assert result.returncode == 1
    assert "NHS North East and North Cumbria" in result.stdout
    assert "NHS South East London" in result.stdout


def test_parallel_jobs_give_the_same_report() -> None:
    serial = run_cli("lint", "examples", "--format", "json", "--jobs", "1")
    parallel = run_cli("lint", "examples", "--format", "json", "--jobs", "2")
    assert parallel.returncode == serial.returncode == 1
    assert json.loads(parallel.stdout) == json.loads(serial.stdout)


def test_rules_listing_accepts_only_its_own_formats() -> None:
    assert json.loads(run_cli("rules", "--format", "json").stdout)[0]["id"].startswith("TP-")
    wrong = run_cli("rules", "--format", "sarif")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
