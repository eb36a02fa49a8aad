"""End to end, as a user runs it: a new process, real files, real exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from placecheck import cli
from placecheck.cli import lint_cmd, start_cmds
from placecheck.cli.common import split

from .conftest import EXAMPLES, ROOT, run_cli


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
    assert "placecheck 0.2.0" in version.stdout and "ONS" in version.stdout
    assert "geography: " in version.stdout


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


# --- the command line itself: typer, usage errors, help ------------------------------


def _usage_error(result: subprocess.CompletedProcess[str], command: str) -> None:
    """Exit 2, no traceback, and one line in our words that says where the help is."""
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("placecheck: "), result.stderr
    assert f"Try '{command} --help' for help." in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not set(result.stderr) & set("╭╮╰╯│─"), result.stderr  # no framework boxes


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


def test_options_are_not_abbreviated_and_a_near_miss_is_suggested() -> None:
    result = run_cli("lint", "examples/gateshead.yaml", "--out", "x.txt")
    _usage_error(result, "placecheck lint")
    assert "no such option: --out; did you mean '--output'" in result.stderr
    assert not (ROOT / "x.txt").exists()


def test_unknown_command_names_the_commands() -> None:
    result = run_cli("lnt", "examples/gateshead.yaml")
    _usage_error(result, "placecheck")
    assert "no such command 'lnt'; did you mean 'lint'?" in result.stderr
    misspelt_format = run_cli("lint", "examples/gateshead.yaml", "-f", "jsn")
    _usage_error(misspelt_format, "placecheck lint")
    assert "did you mean 'json'?" in misspelt_format.stderr


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
    assert "<list[" not in result.stdout and "<str>" not in result.stdout  # no Python types
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
    assert result.returncode == 0 and result.stdout.startswith("placecheck 0.2.0")


# --- in process: what the parser hands the commands -----------------------------------


def _lint_options(monkeypatch: pytest.MonkeyPatch, *argv: str) -> lint_cmd.LintOptions:
    """What `placecheck lint ...` hands the lint, without linting."""
    seen: list[lint_cmd.LintOptions] = []
    monkeypatch.setattr(lint_cmd, "run_lint", lambda options: seen.append(options) or 0)
    assert cli.run(["lint", *argv]) == 0
    [options] = seen
    return options


def test_lint_defaults_and_repeated_options(monkeypatch: pytest.MonkeyPatch) -> None:
    options = _lint_options(monkeypatch, "a.yaml")
    assert options.paths == [Path("a.yaml")]
    assert options.output_format == "text" and options.fail_on is None and options.jobs is None
    assert not (options.no_hints or options.no_departures or options.proposals_only
                or options.statistics or options.quiet or options.exit_zero)
    options = _lint_options(monkeypatch, "a.yaml", "--select", "TP-M1,TP-C", "--select", " F ",
                            "-j", "3", "--pack=nenc", "b", "-f", "sarif", "-q", "--exit-zero",
                            "--statistics")
    assert split(options.select) == ["TP-M1", "TP-C", "F"]
    assert options.jobs == 3 and options.pack == ["nenc"] and options.output_format == "sarif"
    assert options.paths == [Path("a.yaml"), Path("b")]
    assert options.quiet and options.exit_zero and options.statistics
    assert _lint_options(monkeypatch, "a.yaml", "--output-format",
                         "concise").output_format == "concise"


def test_every_command_in_the_order_people_use_them_with_an_example() -> None:
    shown = run_cli("--help").stdout
    order = ["init", "lint", "report", "explain", "rules", "config", "schema"]
    places = [shown.index(f"\n  {command} ") for command in order]
    assert places == sorted(places), shown
    assert "--install-completion" in shown and "--show-completion" in shown
    for command in [*order, "rules test"]:
        helped = run_cli(*command.split(), "--help")
        assert helped.returncode == 0, command
        assert "Example" in helped.stdout and f"placecheck {command} " in helped.stdout.split(
            "Example")[1], command


def test_shell_completion_script() -> None:
    script = run_cli("--show-completion", "bash")
    assert script.returncode == 0 and "_PLACECHECK_COMPLETE" in script.stdout


def test_prompt_shows_the_default_and_returns_it_on_an_empty_answer(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\nSunderland\n"))
    assert start_cmds.prompt("Governance model", "3") == "3"
    assert start_cmds.prompt("Place name", None) == "Sunderland"
    assert capsys.readouterr().out == "Governance model [3]: Place name: "
    with pytest.raises(cli.CouldNotRun, match="input ended"):
        start_cmds.prompt("Place name", None)


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
        # format checks (F...) run whatever is selected, unless the selection names one
        assert any(rule.startswith("NENC") for rule in found)
        assert all(rule.startswith(("NENC", "F")) for rule in found)


# --- selectors: never a silent pass -------------------------------------------------------

DRAFT = "examples/sunderland-draft.yaml"  # 13 errors


def _rule_ids(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {f["rule_id"] for f in json.loads(result.stdout)["findings"]}


def test_a_selector_that_names_no_rule_is_refused_with_the_nearest() -> None:
    for option in ("--select", "--ignore"):
        result = run_cli("lint", DRAFT, option, "TC")
        assert result.returncode == 2, result.stdout
        assert result.stderr == f"placecheck: {option} names no rule: 'TC'; did you mean " \
                                "'TP-C'?\n"
        assert result.stdout == ""


def test_selectors_ignore_case() -> None:
    lower = run_cli("lint", DRAFT, "--select", "tp-c", "-f", "json")
    upper = run_cli("lint", DRAFT, "--select", "TP-C", "-f", "json")
    assert lower.returncode == upper.returncode == 1
    assert _rule_ids(lower) == _rule_ids(upper)
    assert {r for r in _rule_ids(lower) if not r.startswith("F")} == {
        "TP-C1", "TP-C2", "TP-C3", "TP-C8", "TP-C10"}


def test_a_catalogue_line_selects_the_rules_that_implement_it() -> None:
    result = run_cli("lint", DRAFT, "--select", "C1", "-f", "json")
    assert result.returncode == 1
    found = {f["rule_id"]: f["implements"] for f in json.loads(result.stdout)["findings"]}
    named = {rule for rule in found if not rule.startswith("F")}
    assert named == {"TP-C1"} and all("C1" in found[rule] for rule in named)


def test_format_checks_run_unless_a_selection_names_them() -> None:
    assert "F003" in _rule_ids(run_cli("lint", DRAFT, "--select", "TP-M", "-f", "json"))
    assert _rule_ids(run_cli("lint", DRAFT, "--select", "F003", "-f", "json")) == {"F003"}
    assert "F003" not in _rule_ids(run_cli("lint", DRAFT, "--ignore", "f003", "-f", "json"))


def test_a_configuration_selector_that_names_no_rule_is_refused(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "p.yaml").write_text((EXAMPLES / "sunderland-draft.yaml").read_text())
    (tmp_path / "placecheck.toml").write_text('ignore = ["TP-Z1"]\n')
    result = run_cli("lint", "p.yaml", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("placecheck: `ignore` in placecheck.toml names no rule: "
                                    "'TP-Z1'; did you mean ")
    (tmp_path / "placecheck.toml").write_text('ignore = ["tp-c1"]\nselect = ["C", "TP"]\n')
    refused = run_cli("lint", "p.yaml", cwd=tmp_path)
    assert refused.returncode == 2 and "`select` in placecheck.toml names no rule: 'C'" \
        in refused.stderr
    (tmp_path / "placecheck.toml").write_text('ignore = ["tp-c1"]\n')
    accepted = run_cli("lint", "p.yaml", "-f", "json", cwd=tmp_path)
    assert accepted.returncode == 1 and "TP-C1" not in _rule_ids(accepted)


# --- what lint says, and how much ----------------------------------------------------------


def test_statistics_count_each_rule() -> None:
    every = json.loads(run_cli("lint", DRAFT, "-f", "json").stdout)["findings"]
    result = run_cli("lint", DRAFT, "--statistics")
    assert result.returncode == 1
    rows = result.stdout.splitlines()
    counted = {row.split()[1]: int(row.split()[0]) for row in rows[:-1]}
    expected: dict[str, int] = {}
    for finding in every:
        if finding["explained"] is None:
            expected[finding["rule_id"]] = expected.get(finding["rule_id"], 0) + 1
    assert counted == expected and counted["TP-D1"] == 2
    assert rows[-1].startswith("Found 13 errors")
    refused = run_cli("lint", DRAFT, "--statistics", "-f", "json")
    assert refused.returncode == 2 and "--statistics" in refused.stderr


def test_concise_gives_one_line_per_finding() -> None:
    every = json.loads(run_cli("lint", DRAFT, "-f", "json").stdout)["findings"]
    for option in ("--output-format", "--format"):
        result = run_cli("lint", DRAFT, option, "concise")
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert len(lines) == len(every) + 1
        assert all(re.match(r"^examples/sunderland-draft\.yaml:\d+:\d+: "
                            r"(ERROR|WARNING|INFO|EXPLAINED) \S+ \S", line) for line in lines[:-1])
        assert "examples/sunderland-draft.yaml:208:5: ERROR F003 unknown key `memebers`" \
            in lines


def test_quiet_prints_only_the_findings() -> None:
    result = run_cli("lint", DRAFT, "-q")
    assert result.returncode == 1 and "F003" in result.stdout
    assert "Found 13" not in result.stdout and result.stderr == ""
    clean = run_cli("lint", "examples/nottinghamshire/nottingham-city.yaml", "--quiet",
                    "-f", "concise", "--select", "TP-M1")
    assert clean.stdout == "" and clean.returncode == 0


def test_exit_zero_with_findings_but_not_when_a_file_cannot_be_checked(tmp_path: Path) -> None:
    result = run_cli("lint", DRAFT, "--exit-zero")
    assert result.returncode == 0 and "Found 13 errors" in result.stdout
    broken = tmp_path / "broken.yaml"
    broken.write_text("placecheck: 1\nkind: [\n")
    assert run_cli("lint", str(broken), "--exit-zero").returncode == 2


def test_an_unreadable_file_leads_with_the_reason(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("placecheck: 1\nkind: [\n")
    both = subprocess.run([sys.executable, "-m", "placecheck", "lint", str(broken), DRAFT],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          timeout=120)
    assert both.returncode == 2
    lines = both.stdout.splitlines()
    assert lines[0].startswith(f"placecheck: {broken}:")
    assert lines[-1].startswith("1 file could not be checked. Found 13 errors")
    alone = run_cli("lint", str(broken))
    assert alone.stdout == "1 file could not be checked; nothing was checked.\n"


def test_report_on_a_folder_without_proposals_says_why(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("title: not a proposal\n")
    board = tmp_path / "board.html"
    result = run_cli("report", str(tmp_path), "-o", str(board))
    assert result.returncode == 2 and not board.exists()
    assert result.stderr.startswith(f"placecheck: no proposals found in {tmp_path}")
    assert len(result.stderr.splitlines()) == 1


def test_a_terminal_gets_colour_and_code_frames_no_color_does_not() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    coloured = subprocess.run([sys.executable, "-m", "placecheck", "lint", DRAFT], cwd=ROOT,
                              capture_output=True, text=True, timeout=120,
                              env={**env, "FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    plain = subprocess.run([sys.executable, "-m", "placecheck", "lint", DRAFT], cwd=ROOT,
                           capture_output=True, text=True, timeout=120,
                           env={**env, "FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b" not in plain.stdout
    assert "208 |     memebers:" in plain.stdout
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured.stdout) == plain.stdout
