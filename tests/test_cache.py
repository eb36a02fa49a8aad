"""The result and rule-file caches: the same answer, faster, and never a stale one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .conftest import EXAMPLES, run_cli


def _results(cache: Path) -> list[Path]:
    return sorted((cache / "results").glob("*.json")) if (cache / "results").is_dir() else []


def test_a_repeated_lint_replays_the_same_output(tmp_path: Path) -> None:
    cache = Path(os.environ["PLACECHECK_CACHE_DIR"])
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "sunderland-draft.yaml", proposal)
    before = len(_results(cache))
    first = run_cli("lint", str(proposal), cwd=tmp_path)
    assert len(_results(cache)) == before + 1
    second = run_cli("lint", str(proposal), cwd=tmp_path)
    assert (second.returncode, second.stdout, second.stderr) == \
        (first.returncode, first.stdout, first.stderr)
    assert first.returncode == 1


def test_a_changed_file_or_option_is_linted_again(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    proposal.write_text(text, encoding="utf-8")
    assert run_cli("lint", str(proposal), cwd=tmp_path).returncode == 0
    proposal.write_text(text.replace("population: 196149", "population: TBC"),
                        encoding="utf-8")
    changed = run_cli("lint", str(proposal), cwd=tmp_path)
    assert changed.returncode == 1 and "F004" in changed.stdout
    narrowed = run_cli("lint", str(proposal), "--select", "TP-B6", cwd=tmp_path)
    assert "TP-B6" in narrowed.stdout and "F004" not in narrowed.stdout


def test_a_changed_config_is_linted_again(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "sunderland-draft.yaml", proposal)
    assert run_cli("lint", "p.yaml", cwd=tmp_path).returncode == 1
    (tmp_path / "placecheck.toml").write_text('fail_on = "error"\nignore = ["TP", "F"]\n')
    assert run_cli("lint", "p.yaml", cwd=tmp_path).returncode == 0


def test_no_cache_runs_in_full(tmp_path: Path) -> None:
    cache = Path(os.environ["PLACECHECK_CACHE_DIR"])
    proposal = tmp_path / "q.yaml"
    shutil.copyfile(EXAMPLES / "consultative-forum.yaml", proposal)
    before = _results(cache)
    os.environ["PLACECHECK_NO_CACHE"] = "1"
    try:
        assert run_cli("lint", str(proposal), cwd=tmp_path).returncode == 1
    finally:
        del os.environ["PLACECHECK_NO_CACHE"]
    assert _results(cache) == before


def test_unreadable_results_are_not_cached(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("placecheck: 1\nkind: [\n")
    first = run_cli("lint", str(broken), cwd=tmp_path)
    second = run_cli("lint", str(broken), cwd=tmp_path)
    assert first.returncode == second.returncode == 2


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


def test_loading_the_packs_keeps_nothing_in_the_cache_folder(tmp_path: Path) -> None:
    from placecheck.rules.pack import shipped_pack_dirs

    cache = tmp_path / "cache"
    for directory in shipped_pack_dirs().values():
        _severities_in_a_new_process(directory, cache)
    assert not cache.exists() or not any(cache.rglob("*"))


def test_an_output_file_is_always_written(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "gateshead.yaml", proposal)
    report = tmp_path / "report.txt"
    for _ in range(2):  # the same command twice: the second must write the file too
        report.unlink(missing_ok=True)
        done = run_cli("lint", str(proposal), f"-o{report}", cwd=tmp_path)
        assert done.returncode == 0 and done.stdout == ""
        assert "TP-B7" in report.read_text(encoding="utf-8")
