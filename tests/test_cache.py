"""The result and rule-file caches: the same answer, faster, and never a stale one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

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


# --- pack snapshots ---------------------------------------------------------------------------


def _fresh_load(directory: Path) -> Any:
    from placecheck.rules import pack

    pack._LOADED.clear()
    return pack.load_pack(directory)


def test_a_pack_from_its_snapshot_equals_a_fresh_load(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from placecheck.rules import snapshot
    from placecheck.rules.pack import _load_pack, shipped_pack_dirs

    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(tmp_path / "cache"))
    for directory in shipped_pack_dirs().values():
        _fresh_load(directory)  # writes the snapshot
        entry = snapshot.read(directory, snapshot.signature(directory))
        assert entry is not None and entry["rules"] is not None
        assert _fresh_load(directory) == _load_pack(directory, None)


def test_a_changed_rule_file_is_loaded_afresh(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from placecheck.rules.pack import shipped_pack_dirs

    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(tmp_path / "cache"))
    directory = tmp_path / "nenc"
    shutil.copytree(shipped_pack_dirs()["nenc"], directory)
    first = _fresh_load(directory)
    rule_file = next(p for p in sorted(directory.glob("*.yaml"))
                     if p.name not in ("pack.yaml", "sources.yaml"))
    text = rule_file.read_text(encoding="utf-8")
    title = next(r.title for r in first.rules if r.file == str(rule_file))
    rule_file.write_text(text.replace(f"title: {title}", "title: A new title", 1),
                         encoding="utf-8")
    titles = {r.title for r in _fresh_load(directory).rules}
    assert "A new title" in titles and title not in titles


def test_a_damaged_snapshot_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from placecheck.rules.pack import _load_pack, shipped_pack_dirs

    cache = tmp_path / "cache"
    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(cache))
    directory = shipped_pack_dirs()["thriving-places"]
    _fresh_load(directory)
    [entry] = list((cache / "packs").glob("*.json"))
    for damage in ("{not json", "[]", '{"signature": "x"}'):
        entry.write_text(damage, encoding="utf-8")
        assert _fresh_load(directory) == _load_pack(directory, None)


def test_no_cache_writes_no_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from placecheck.rules.pack import shipped_pack_dirs

    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("PLACECHECK_NO_CACHE", "1")
    _fresh_load(shipped_pack_dirs()["thriving-places"])
    assert not (tmp_path / "cache").exists()


def test_an_output_file_is_always_written(tmp_path: Path) -> None:
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "gateshead.yaml", proposal)
    report = tmp_path / "report.txt"
    for _ in range(2):  # the same command twice: the second must write the file too
        report.unlink(missing_ok=True)
        done = run_cli("lint", str(proposal), f"-o{report}", cwd=tmp_path)
        assert done.returncode == 0 and done.stdout == ""
        assert "TP-B7" in report.read_text(encoding="utf-8")
