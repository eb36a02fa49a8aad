"""End to end, as a user runs it: a new process, real files, real exit codes."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest

from placecheck import cli

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


# --- the command line itself: argparse, usage errors, help ----------------------------


def _usage_error(result: subprocess.CompletedProcess[str], command: str) -> None:
    """Exit 2, no traceback, and a short message that says where the help is."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert f"Try '{command} --help' for help." in result.stderr
    assert len(result.stderr.splitlines()) <= 5, result.stderr


def test_no_arguments_shows_the_help_and_exits_two() -> None:
    result = run_cli()
    assert result.returncode == 2
    shown = result.stdout + result.stderr
    assert "Usage: placecheck" in shown
    for command in ("lint", "config", "explain", "schema", "report", "init", "rules"):
        assert f"\n  {command} " in shown, command
    assert "Traceback" not in result.stderr


def test_top_level_help_lists_the_commands_and_exits_zero() -> None:
    result = run_cli("--help")
    assert result.returncode == 0 and result.stderr == ""
    assert "--version" in result.stdout and "lint --help" in result.stdout
    assert "Lint proposals and report every gap with its citation." in result.stdout


def test_unknown_option_exits_two_and_names_it() -> None:
    result = run_cli("lint", "examples/gateshead.yaml", "--bogus")
    _usage_error(result, "placecheck lint")
    assert "no such option: --bogus" in result.stderr
    # an unknown option is named even when the paths are missing too
    bare = run_cli("lint", "--version")
    _usage_error(bare, "placecheck lint")
    assert "no such option: --version" in bare.stderr
    top = run_cli("--bogus")
    _usage_error(top, "placecheck")
    assert "--bogus" in top.stderr


def test_options_are_not_abbreviated() -> None:
    # `--out` is not `--output`: an abbreviation would also slip past the result cache's
    # list of options that must never be answered from the cache.
    result = run_cli("lint", "examples/gateshead.yaml", "--out", "x.txt")
    _usage_error(result, "placecheck lint")
    assert "no such option: --out" in result.stderr


def test_unknown_command_names_the_commands() -> None:
    result = run_cli("lnt", "examples/gateshead.yaml")
    _usage_error(result, "placecheck")
    assert "no such command 'lnt'" in result.stderr and "lint" in result.stderr


def test_bad_format_choice_names_the_allowed_values() -> None:
    result = run_cli("lint", "examples/gateshead.yaml", "--format", "pdf")
    _usage_error(result, "placecheck lint")
    assert "--format" in result.stderr and "'pdf'" in result.stderr
    for allowed in ("text", "json", "sarif", "junit", "github", "markdown"):
        assert f"'{allowed}'" in result.stderr, allowed
    fail_on = run_cli("lint", "examples/gateshead.yaml", "--fail-on", "sometimes")
    _usage_error(fail_on, "placecheck lint")
    assert "'error', 'warning', 'info'" in fail_on.stderr
    listing = run_cli("rules", "-f", "sarif")
    _usage_error(listing, "placecheck rules")
    assert "'text', 'json'" in listing.stderr
    report = run_cli("report", "examples/gateshead.yaml", "-f", "pdf")
    _usage_error(report, "placecheck report")
    assert "'html', 'markdown'" in report.stderr


def test_jobs_must_be_a_whole_number_of_at_least_one() -> None:
    for value in ("0", "-1", "two", "1.5"):
        result = run_cli("lint", "examples/gateshead.yaml", "--jobs", value)
        _usage_error(result, "placecheck lint")
        assert "--jobs" in result.stderr and "whole number of 1 or more" in result.stderr
    assert run_cli("lint", "examples/gateshead.yaml", "-j", "1").returncode == 0


def test_missing_arguments_exit_two() -> None:
    for command, name in (("lint", "PATH"), ("report", "PATH"), ("explain", "RULE")):
        result = run_cli(command)
        _usage_error(result, f"placecheck {command}")
        assert f"missing argument {name}" in result.stderr
    extra = run_cli("explain", "TP-M1", "TP-M2")
    _usage_error(extra, "placecheck explain")
    assert "TP-M2" in extra.stderr


def test_lint_help_lists_its_options_and_exits_zero() -> None:
    result = run_cli("lint", "--help")
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Usage: placecheck lint")
    for option in ("-f, --format", "--fail-on", "--select", "--ignore", "--pack", "--config",
                   "-o, --output", "--no-hints", "--no-departures", "--baseline",
                   "--write-baseline", "--proposals-only", "-j, --jobs"):
        assert option in result.stdout, option
    assert "(default: text)" in " ".join(result.stdout.split())
    for command in ("config", "explain", "schema", "report", "init", "rules"):
        helped = run_cli(command, "--help")
        assert helped.returncode == 0 and f"Usage: placecheck {command}" in helped.stdout


def test_rules_help_and_rules_test_help() -> None:
    rules = run_cli("rules", "--help")
    assert rules.returncode == 0
    assert "--coverage" in rules.stdout and "test" in rules.stdout
    test = run_cli("rules", "test", "--help")
    assert test.returncode == 0 and test.stdout.startswith("Usage: placecheck rules test")
    assert "Pack directories" in test.stdout
    wrong = run_cli("rules", "tset")
    _usage_error(wrong, "placecheck rules")
    assert "'tset'" in wrong.stderr


def test_rules_json_and_packs() -> None:
    listing = run_cli("rules", "--format", "json")
    assert listing.returncode == 0
    ids = {rule["id"] for rule in json.loads(listing.stdout)}
    assert "TP-M1" in ids and not any(i.startswith("NENC") for i in ids)
    with_nenc = run_cli("rules", "-f", "json", "--pack", "nenc")
    assert any(r["pack"] == "nenc" for r in json.loads(with_nenc.stdout))


def test_options_may_follow_the_paths() -> None:
    result = run_cli("lint", "examples/gateshead.yaml", "--format", "json",
                     "examples/sunderland-draft.yaml", "--select", "F003")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert len(report["files"]) == 2
    assert {f["rule_id"] for f in report["findings"]} == {"F003"}


def test_version_before_a_command() -> None:
    result = run_cli("--version", "lint")
    assert result.returncode == 0 and result.stdout.startswith("placecheck 0.1.0")


# --- in process: what the parser hands the commands -----------------------------------


def test_parse_defaults_and_repeated_options() -> None:
    args = cli.parse(["lint", "a.yaml"])
    assert args.command == "lint" and args.paths == [Path("a.yaml")]
    assert args.output_format == "text" and args.fail_on is None and args.jobs is None
    assert not args.no_hints and not args.no_departures and not args.proposals_only
    args = cli.parse(["lint", "a.yaml", "--select", "TP-M1,TP-C", "--select", " F ",
                      "-j", "3", "--pack=nenc", "b", "-f", "sarif"])
    assert cli._split(args.select) == ["TP-M1", "TP-C", "F"]
    assert args.jobs == 3 and args.pack == ["nenc"] and args.output_format == "sarif"
    assert args.paths == [Path("a.yaml"), Path("b")]
    rules = cli.parse(["rules", "--pack", "nenc", "--coverage"])
    assert rules.subcommand is None and rules.coverage and rules.output_format == "text"
    test = cli.parse(["rules", "test", "packs/a", "packs/b"])
    assert test.subcommand == "test" and test.paths == [Path("packs/a"), Path("packs/b")]
    assert cli.parse(["report", "p.yaml"]).output_format == "html"
    assert cli.parse(["init"]).path is None


def test_prompt_shows_the_default_and_returns_it_on_an_empty_answer(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\nSunderland\n"))
    assert cli.prompt("Governance model", "3") == "3"
    assert cli.prompt("Place name", None) == "Sunderland"
    assert capsys.readouterr().out == "Governance model [3]: Place name: "
    with pytest.raises(cli.CouldNotRun, match="input ended"):
        cli.prompt("Place name", None)


def test_pack_named_on_the_command_line_is_taken_as_given(tmp_path: Path) -> None:
    """--pack DIR may be anywhere (unlike a configuration file's packs): absolute or
    relative to the working directory."""
    import shutil

    from placecheck.rules.pack import shipped_pack_dirs

    mine = tmp_path / "elsewhere" / "my-pack"
    shutil.copytree(shipped_pack_dirs()["nenc"], mine)
    draft = str(EXAMPLES / "sunderland-draft.yaml")
    for pack, cwd in ((str(mine), None), ("elsewhere/my-pack", tmp_path)):
        done = run_cli("lint", draft, "--pack", pack, "--select", "NENC", "-f", "json",
                       cwd=cwd)
        assert done.returncode == 1, done.stderr
        found = {f["rule_id"] for f in json.loads(done.stdout)["findings"]}
        assert found and all(rule.startswith("NENC") for rule in found)
