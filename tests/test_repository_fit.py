"""Fitting into a governance repository: config, baselines, departures, hooks, CI workflow."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from placecheck import PROJECT_URL, __version__

from .conftest import EXAMPLES, ROOT, governance_repo, run_cli
from .schemas import sarif_errors

SUNDERLAND = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
GATESHEAD = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")


repo = governance_repo


def findings(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    return list(json.loads(result.stdout)["findings"])


def test_config_is_found_by_walking_up_and_applied(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "placecheck.toml").write_text(
        'ignore = ["TP-C8"]\nfail_on = "warning"\n[severity]\n"TP-M2" = "error"\n')
    result = run_cli("lint", "proposals", "--format", "json", cwd=root)
    found = findings(result)
    assert not [f for f in found if f["rule_id"] == "TP-C8"]
    assert {f["severity"] for f in found if f["rule_id"] == "TP-M2"} == {"error"}
    shown = run_cli("config", cwd=root / "proposals")
    assert "placecheck.toml" in shown.stdout
    assert "fail_on = 'warning'    # from" in shown.stdout
    assert "max_files = 10000    # from default" in shown.stdout


def test_pyproject_table_and_command_line_override(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "pyproject.toml").write_text('[tool.placecheck]\nselect = ["TP-M"]\n')
    only_m = findings(run_cli("lint", "proposals/sunderland.yaml", "-f", "json", cwd=root))
    # format checks (F...) run whatever is selected, unless the selection names one
    assert only_m and all(str(f["rule_id"]).startswith(("TP-M", "F")) for f in only_m)
    cli = findings(run_cli("lint", "proposals/sunderland.yaml", "-f", "json",
                           "--select", "TP-C1", cwd=root))
    assert {f["rule_id"] for f in cli} - {"F003", "F006"} == {"TP-C1"}
    other = tmp_path / "other.toml"
    other.write_text('select = ["TP-D1"]\n')
    explicit = findings(run_cli("lint", "proposals/sunderland.yaml", "-f", "json",
                                "--config", str(other), cwd=root))
    assert {f["rule_id"] for f in explicit} - {"F003", "F006"} == {"TP-D1"}


def test_the_closest_configuration_applies_to_each_proposal(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "placecheck.toml").write_text('ignore = ["TP-M"]\n')
    nested = root / "proposals" / "strict"
    nested.mkdir()
    (nested / "sunderland.yaml").write_text(SUNDERLAND, encoding="utf-8")
    (nested / "placecheck.toml").write_text('select = ["TP-M"]\nfail_on = "warning"\n')

    def rules_by_file(*paths: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for finding in findings(run_cli("lint", *paths, "-f", "json", cwd=root)):
            found.setdefault(str(finding["file"]), set()).add(str(finding["rule_id"]))
        return found

    whole = rules_by_file("proposals")  # a directory: the nested file follows its own
    # (format checks, F..., run whatever the selection unless it names them)
    assert all(r.startswith(("TP-M", "F")) for r in whole["proposals/strict/sunderland.yaml"])
    assert not any(r.startswith("TP-M") for r in whole["proposals/sunderland.yaml"])
    # The order of the files named (git's order, in pre-commit) changes nothing.
    forward = rules_by_file("proposals/sunderland.yaml", "proposals/strict/sunderland.yaml")
    backward = rules_by_file("proposals/strict/sunderland.yaml", "proposals/sunderland.yaml")
    assert forward == backward
    assert forward == {k: v for k, v in whole.items() if k != "proposals/gateshead.yaml"}
    # Each file's fail_on decides for it: the nested file's warnings fail the run.
    (nested / "placecheck.toml").write_text(
        'select = ["TP-M2"]\nignore = ["F"]\nfail_on = "warning"\n')
    assert run_cli("lint", "proposals/strict/sunderland.yaml", cwd=root).returncode == 1
    (nested / "placecheck.toml").write_text('select = ["TP-M2"]\nignore = ["F"]\n')
    assert run_cli("lint", "proposals/strict/sunderland.yaml", cwd=root).returncode == 0
    # `placecheck config FILE` shows what applies to that file.
    shown = run_cli("config", "proposals/strict/sunderland.yaml", cwd=root).stdout
    assert str(nested / "placecheck.toml") in shown and "select = ['TP-M2']" in shown
    top = run_cli("config", "proposals/sunderland.yaml", cwd=root).stdout
    assert str(root / "placecheck.toml") in top and "ignore = ['TP-M']" in top


def test_a_system_s_place_files_follow_their_own_configuration(tmp_path: Path) -> None:
    source = EXAMPLES / "nottinghamshire"
    target = tmp_path / "notts"
    shutil.copytree(source, target)
    subprocess.run(["git", "init", "-q", str(target)], check=True)
    (target / "placecheck.toml").write_text('ignore = ["TP-M"]\n')
    places = sorted(p.name for p in target.glob("*.yaml") if p.name != "system.yaml")
    (target / "city").mkdir()
    moved = places[0]
    system = (target / "system.yaml").read_text(encoding="utf-8")
    assert moved in system
    (target / "system.yaml").write_text(system.replace(moved, f"city/{moved}"),
                                        encoding="utf-8")
    (target / moved).rename(target / "city" / moved)
    (target / "city" / "placecheck.toml").write_text('select = ["F"]\n')
    found = findings(run_cli("lint", "system.yaml", "-f", "json", cwd=target))
    in_city = {f["rule_id"] for f in found if str(f["file"]).startswith("city/")}
    assert all(str(r).startswith("F") for r in in_city)


def test_per_path_ignores(tmp_path: Path) -> None:
    root = repo(tmp_path)
    (root / "placecheck.toml").write_text('[per_path_ignores]\n"proposals/sunder*" = ["TP"]\n')
    found = findings(run_cli("lint", "proposals", "-f", "json", cwd=root))
    assert {f["rule_id"] for f in found if not f["explained"]} == {"F003", "F006"}


def test_a_bad_config_is_exit_two_with_file_line_and_key(tmp_path: Path) -> None:
    root = repo(tmp_path)
    cases = {
        'selct = ["TP"]\n': ("placecheck.toml:1:", "unknown key `selct`; did you mean `select`?"),
        'select = ["TP"]\nfail_on = "often"\n': ("placecheck.toml:2:", "fail_on"),
        "select = [\n": ("placecheck.toml:", "not valid TOML"),
        'packs = ["../../elsewhere/pack"]\n': ("placecheck.toml", "outside the repository"),
        'module = "os"\n': ("placecheck.toml:1:", "unknown key `module`"),
    }
    for text, (where, what) in cases.items():
        (root / "placecheck.toml").write_text(text)
        result = run_cli("lint", "proposals", cwd=root)
        assert result.returncode == 2, text
        assert where in result.stderr and what in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_baseline_reports_only_new_findings_and_ignores_line_moves(tmp_path: Path) -> None:
    root = repo(tmp_path)
    wrote = run_cli("lint", "proposals", "--write-baseline", "baseline.json", cwd=root)
    assert wrote.returncode == 1 and "wrote" in wrote.stderr
    clean = run_cli("lint", "proposals", "--baseline", "baseline.json", cwd=root)
    assert clean.returncode == 0, clean.stdout
    assert "known findings in the baseline are not shown" in clean.stderr
    # Moving everything down three lines changes no fingerprint...
    path = root / "proposals" / "sunderland.yaml"
    path.write_text("# a\n# b\n# c\n" + SUNDERLAND, encoding="utf-8")
    assert run_cli("lint", "proposals", "--baseline", "baseline.json", cwd=root).returncode == 0
    # ...but a new problem is reported.
    path.write_text(SUNDERLAND.replace("population: 274173", "population: TBC"),
                    encoding="utf-8")
    new = run_cli("lint", "proposals", "-f", "json", "--baseline", "baseline.json", cwd=root)
    assert new.returncode == 1
    fresh = [f for f in findings(new) if not f["explained"]]
    assert "F004" in {f["rule_id"] for f in fresh}
    assert {f["json_path"] for f in fresh} == {"$.place.population"}


def test_departures_explain_and_are_checked(tmp_path: Path) -> None:
    text = GATESHEAD.split("\ndepartures:")[0] + """
departures:
  - {rule: TP-B7, reason: "The council footprint is the natural place.", review_by: 2099-01-01}
  - {rule: TP-C8, reason: "", agreed_by: [nenc-icb]}
  - {rule: TP-B1, reason: "We prefer it this way."}
  - {rule: TP-M2, reason: "Nothing to explain here."}
  - {rule: TP-B4, reason: "Old departure.", review_by: 2020-01-01}
"""
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    found = findings(run_cli("lint", str(path), "-f", "json"))
    by_rule = {str(f["rule_id"]): f for f in found}
    assert by_rule["TP-B7"]["explained"]["reason"].startswith("The council")  # type: ignore[index]
    assert set(by_rule) == {"TP-B7", "F011", "F012", "F013", "F014"}
    audit = findings(run_cli("lint", str(path), "-f", "json", "--no-departures"))
    assert not any(f["explained"] for f in audit)


def test_pre_commit_hook_entry_skips_other_yaml(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "placecheck" and hook["language"] == "python"
    root = repo(tmp_path)
    (root / ".pre-commit-config.yaml").write_text("repos: []\n")
    args = shlex.split(hook["entry"])[1:]  # as pre-commit runs it, with the changed files
    result = run_cli(*args, ".pre-commit-config.yaml", "proposals/gateshead.yaml", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    failing = run_cli(*args, ".pre-commit-config.yaml", "proposals/sunderland.yaml", cwd=root)
    assert failing.returncode == 1


def test_pre_commit_hook_output_keeps_the_fixes(tmp_path: Path) -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    root = repo(tmp_path)
    typo = root / "proposals" / "typo.yaml"
    typo.write_text(GATESHEAD.replace("\nplace:", "\nplcae:", 1), encoding="utf-8")
    result = run_cli(*shlex.split(hook["entry"])[1:], "proposals/typo.yaml", cwd=root)
    assert result.returncode == 1
    assert "did you mean" in result.stdout.lower() and "fix:" in result.stdout, result.stdout


def test_documented_github_workflow_commands_produce_valid_sarif(tmp_path: Path) -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["placecheck"]["steps"]
    commands = [s["run"] for s in steps if str(s.get("run", "")).startswith("placecheck ")]
    assert commands and any(s.get("uses", "").startswith("github/codeql-action/upload-sarif")
                            for s in steps)
    root = repo(tmp_path)
    for command in commands:
        argv = shlex.split(command.split("#")[0])
        subprocess.run([sys.executable, "-m", *argv], cwd=root, capture_output=True,
                       text=True, timeout=120, check=False)
    sarif = json.loads((root / "placecheck.sarif").read_text())
    assert sarif_errors(sarif) == []
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"]}
    assert uris == {"proposals/sunderland.yaml"}  # Gateshead's one finding is explained


def _major(uses: str) -> tuple[str, int]:
    action, _, ref = uses.partition("@")
    return action, int(ref.lstrip("v").split(".")[0])


def test_example_workflow_uses_node_24_actions_and_a_pinned_install() -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "examples" / "github-workflow.yml").read_text())
    steps = workflow["jobs"]["placecheck"]["steps"]
    majors = dict(_major(s["uses"]) for s in steps if "uses" in s)
    # The first majors that run on Node 24 (Node 20 is gone from the runners).
    assert majors["actions/checkout"] >= 5 and majors["actions/setup-python"] >= 6
    assert majors["github/codeql-action/upload-sarif"] >= 4
    (install,) = [s["run"] for s in steps if "pip install" in str(s.get("run", ""))]
    assert install == f'pip install "placecheck @ git+{PROJECT_URL}@v{__version__}"'


def test_every_documented_install_is_pinned_to_the_repository() -> None:
    """No package named placecheck is published: `pip install placecheck` would fail,
    or install whatever someone registered under the name."""
    documents = [ROOT / "README.md", ROOT / ".pre-commit-hooks.yaml",
                 *(ROOT / "docs").rglob("*.md"), *(ROOT / "docs").rglob("*.yml")]
    pinned = 0
    for path in documents:
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"(?<!`)pip install\s+['\"]?placecheck\b", line):
                assert f"placecheck @ git+{PROJECT_URL}@v" in line, f"{path}: {line}"
                pinned += 1
    assert pinned >= 2


def test_version_changelog_and_hook_rev_agree() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", changelog, re.MULTILINE)
    assert versions[:2] == [__version__, "0.1.0"]
    assert "## [Unreleased]" in changelog
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'version = "{__version__}"' in pyproject
    assert f"rev: v{__version__}" in (ROOT / ".pre-commit-hooks.yaml").read_text()


def test_annotations_point_at_real_lines(tmp_path: Path) -> None:
    root = repo(tmp_path)
    result = run_cli("lint", "proposals", "--format", "github", cwd=root)
    lines = (root / "proposals" / "sunderland.yaml").read_text().splitlines()
    annotated = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotated
    for line in annotated:
        fields = dict(p.split("=", 1) for p in line.split("::")[1].split(" ", 1)[1].split(","))
        if fields.get("file") == "proposals/sunderland.yaml":
            assert 1 <= int(fields["line"]) <= len(lines)
    assert shutil.which("git")
