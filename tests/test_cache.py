"""No stale answers: no result cache, and a rule pack is found in the pack cache only by
the same files, code and data (see test_pack_cache for the cache itself)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import EXAMPLES, run_cli

# --- no stale answers: each case a result cache once got wrong ---------------------------
#
# placecheck keeps no cache of results: each lint reads the files as they are now.
# Each test lints, changes something the old cache's key did not cover, and lints
# again; the second answer must reflect the change.


def _in_process(code: str, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the placecheck command after `code` (which changes placecheck's own code)."""
    program = (f"import sys\n{code}\nfrom placecheck.entry import main\n"
               "sys.argv = ['placecheck', *sys.argv[1:]]\nmain()\n")
    return subprocess.run([sys.executable, "-c", program, *argv], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_a_changed_place_of_a_quoted_system_is_linted_again(tmp_path: Path) -> None:
    """`kind: "system"` (quoted): its place files count too, and they change."""
    shutil.copytree(EXAMPLES / "nottinghamshire", tmp_path / "notts")
    system = tmp_path / "notts" / "system.yaml"
    system.write_text(system.read_text(encoding="utf-8").replace(
        "kind: system", 'kind: "system"'), encoding="utf-8")
    first = run_cli("lint", str(system), "--format=json", cwd=tmp_path)
    place = tmp_path / "notts" / "bassetlaw.yaml"
    text = place.read_text(encoding="utf-8")
    assert "population: 117803" in text
    place.write_text(text.replace("population: 117803", "population: TBC"), encoding="utf-8")
    second = run_cli("lint", str(system), "--format=json", cwd=tmp_path)
    before = {f["rule_id"] for f in json.loads(first.stdout)["findings"]}
    after = {f["rule_id"] for f in json.loads(second.stdout)["findings"]}
    assert "F004" not in before and "F004" in after
    assert json.loads(second.stdout)["summary"]["error"] > \
        json.loads(first.stdout)["summary"]["error"]


def test_changed_code_gives_its_own_answer(tmp_path: Path) -> None:
    """The same files, the same version number, different code: the new code answers."""
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "sunderland-draft.yaml", proposal)
    first = run_cli("lint", str(proposal), cwd=tmp_path)
    assert first.returncode == 1 and "Found 13 errors" in first.stdout
    lenient = ("import placecheck.lint as lint\n"
               "original = lint.lint_paths\n"
               "def lenient(*args, **kwargs):\n"
               "    run = original(*args, **kwargs)\n"
               "    for result in run.results:\n"
               "        result.findings = []\n"
               "    return run\n"
               "lint.lint_paths = lenient")
    changed = _in_process(lenient, "lint", str(proposal), cwd=tmp_path)
    assert changed.returncode == 0, changed.stdout + changed.stderr
    assert "All clear" in changed.stdout


def test_a_broken_pipe_does_not_decide_the_next_exit_code(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "gateshead.yaml", proposal)
    reader = subprocess.Popen([sys.executable, "-m", "placecheck", "lint", str(proposal)],
                              cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # as `| head -0` does: nobody reads the report
    errors = reader.stderr.read().decode()
    reader.wait(timeout=120)
    reader.stderr.close()
    assert "Traceback" not in errors
    again = run_cli("lint", str(proposal), cwd=tmp_path)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_file_saved_during_a_lint_does_not_taint_the_next_one(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    sound = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    edited = sound.replace("population: 196149", "population: TBC")
    proposal.write_text(sound, encoding="utf-8")
    saving = ("import pathlib, placecheck.lint as lint\n"
              "original = lint.lint_paths\n"
              "def saved_meanwhile(*args, **kwargs):\n"
              f"    pathlib.Path({str(proposal)!r}).write_text({edited!r}, encoding='utf-8')\n"
              "    return original(*args, **kwargs)\n"
              "lint.lint_paths = saved_meanwhile")
    during = _in_process(saving, "lint", str(proposal), cwd=tmp_path)
    assert during.returncode == 1 and "F004" in during.stdout, during.stderr
    proposal.write_text(sound, encoding="utf-8")  # the edit undone
    after = run_cli("lint", str(proposal), cwd=tmp_path)
    assert after.returncode == 0 and "F004" not in after.stdout, after.stdout


def test_a_changed_file_or_option_is_linted_again(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    proposal.write_text(text, encoding="utf-8")
    assert run_cli("lint", str(proposal), cwd=tmp_path).returncode == 0
    proposal.write_text(text.replace("population: 196149", "population: TBC"),
                        encoding="utf-8")
    changed = run_cli("lint", str(proposal), cwd=tmp_path)
    assert changed.returncode == 1 and "F004" in changed.stdout
    narrowed = run_cli("lint", str(proposal), "--select", "TP-B6,TP-B7", "--ignore", "F004",
                       cwd=tmp_path)
    assert "TP-B7" in narrowed.stdout and "F004" not in narrowed.stdout


def test_a_changed_config_is_linted_again(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "sunderland-draft.yaml", proposal)
    assert run_cli("lint", "p.yaml", cwd=tmp_path).returncode == 1
    (tmp_path / "placecheck.toml").write_text('fail_on = "error"\nignore = ["TP", "F"]\n')
    assert run_cli("lint", "p.yaml", cwd=tmp_path).returncode == 0


# --- rule packs: read afresh by every run, never from a cache ----------------------------------


def _severities_in_a_new_process(directory: Path, cache: Path) -> dict[str, str]:
    import json
    import subprocess
    import sys

    code = ("import json, sys; from pathlib import Path; "
            "from placecheck.rules.pack import load_pack; "
            "rules = load_pack(Path(sys.argv[1])).rules; "
            "print(json.dumps({r.id: r.severity.name for r in rules}))")
    done = subprocess.run([sys.executable, "-c", code, str(directory)], capture_output=True,
                          text=True, check=True, env={**os.environ,
                                                      "PLACECHECK_CACHE_DIR": str(cache)})
    found: dict[str, str] = json.loads(done.stdout)
    return found


def test_a_rule_file_edited_to_the_same_size_with_its_time_restored_loads_the_new_severity(
        tmp_path: Path) -> None:
    # cp -p, rsync -a and tar x restore modification times: a cache keyed by size and
    # time replayed the old severity.
    from placecheck.rules.pack import shipped_pack_dirs

    directory = tmp_path / "nenc"
    shutil.copytree(shipped_pack_dirs()["nenc"], directory)
    cache = tmp_path / "cache"
    before = _severities_in_a_new_process(directory, cache)
    assert len(list(cache.rglob("*.pickle"))) == 1  # the second run could take the first's
    rule_file = next(p for p in sorted(directory.glob("*.yaml"))
                     if "severity: warning" in p.read_text(encoding="utf-8"))
    status = rule_file.stat()
    text = rule_file.read_text(encoding="utf-8")
    edited = text.replace("severity: warning", "severity: error  ", 1)
    assert len(edited.encode()) == status.st_size
    rule_file.write_text(edited, encoding="utf-8")
    os.utime(rule_file, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert rule_file.stat().st_mtime_ns == status.st_mtime_ns
    after = _severities_in_a_new_process(directory, cache)
    changed = {rule for rule in before if before[rule] != after[rule]}
    assert len(changed) == 1 and after[changed.pop()] == "ERROR"


def test_the_cache_folder_keeps_checked_packs_only(tmp_path: Path) -> None:
    """No results, no proposals: one entry per pack, under packs/."""
    from placecheck.rules.pack import shipped_pack_dirs

    cache = tmp_path / "cache"
    for directory in shipped_pack_dirs().values():
        _severities_in_a_new_process(directory, cache)
    kept = sorted(p.relative_to(cache).parts[0] for p in cache.rglob("*") if p.is_file())
    assert kept == ["packs"] * len(shipped_pack_dirs())


def test_an_output_file_is_always_written(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "gateshead.yaml", proposal)
    report = tmp_path / "report.txt"
    for _ in range(2):  # the same command twice: the second must write the file too
        report.unlink(missing_ok=True)
        done = run_cli("lint", str(proposal), f"-o{report}", cwd=tmp_path)
        assert done.returncode == 0 and done.stdout == ""
        assert "TP-B7" in report.read_text(encoding="utf-8")
