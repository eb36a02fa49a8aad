"""The cache of checked rule packs: found again only by the inputs that made the entry."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

import pytest

from placecheck.rules import pack_cache
from placecheck.rules.pack import Pack, PackError, _load_pack, shipped_pack_dirs

from .conftest import EXAMPLES, run_cli


def _copy_of_nenc(tmp_path: Path) -> Path:
    directory = tmp_path / "nenc"
    shutil.copytree(shipped_pack_dirs()["nenc"], directory)
    return directory


class Builds:
    """A pack builder that counts how often it really built."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0

    def __call__(self) -> Pack:
        self.count += 1
        return _load_pack(self.directory, None)


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "packs").glob("*.pickle")) if (cache / "packs").exists() else []


def test_a_second_load_takes_the_entry_and_gives_the_same_pack(tmp_path: Path) -> None:
    directory = _copy_of_nenc(tmp_path)
    build = Builds(directory)
    first = pack_cache.cached(directory, build, Pack)
    second = pack_cache.cached(directory, build, Pack)
    assert build.count == 1
    assert second == first and second is not first
    assert len(_entries(Path(os.environ["PLACECHECK_CACHE_DIR"]))) == 1


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_any_change_to_the_packs_files_is_a_new_entry(tmp_path: Path, change: str) -> None:
    directory = _copy_of_nenc(tmp_path)
    build = Builds(directory)
    pack_cache.cached(directory, build, Pack)
    rule_file = next(p for p in sorted(directory.glob("*.yaml")) if p.name != "pack.yaml")
    if change == "edit":  # the same size, the time stamp put back
        status = rule_file.stat()
        text = rule_file.read_text(encoding="utf-8")
        assert "the " in text
        rule_file.write_text(text.replace("the ", "The ", 1), encoding="utf-8")
        os.utime(rule_file, ns=(status.st_atime_ns, status.st_mtime_ns))
    elif change == "add":
        (directory / "extra.yaml").write_text("rules: []\n", encoding="utf-8")
    elif change == "remove":
        rule_file.unlink()
    else:
        rule_file.rename(directory / ("z-" + rule_file.name))
    # `rules: []` is refused by the schema: what matters is that it was built again
    with contextlib.suppress(PackError):
        pack_cache.cached(directory, build, Pack)
    assert build.count == 2


def test_the_key_holds_placechecks_code_and_the_pack_directory_as_given(
        tmp_path: Path) -> None:
    directory = _copy_of_nenc(tmp_path)
    assert pack_cache.entry_key(directory, b"code") != pack_cache.entry_key(directory, b"code2")
    relative = Path(os.path.relpath(directory))
    assert pack_cache.entry_key(directory, b"c") != pack_cache.entry_key(relative, b"c")


def test_the_code_fingerprint_changes_with_any_file_of_the_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "placecheck"
    (package / "rules").mkdir(parents=True)
    (package / "rules" / "checks.py").write_text("A = 1\n", encoding="utf-8")
    (package / "__pycache__").mkdir()
    monkeypatch.setattr(pack_cache, "_PACKAGE", package)
    first = pack_cache._fingerprint_of_code()
    (package / "__pycache__" / "checks.cpython-311.pyc").write_bytes(b"compiled")
    assert pack_cache._fingerprint_of_code() == first  # compiled copies are not the code
    (package / "rules" / "checks.py").write_text("A = 2\n", encoding="utf-8")
    assert pack_cache._fingerprint_of_code() != first


def test_a_broken_pack_is_never_kept(tmp_path: Path) -> None:
    directory = _copy_of_nenc(tmp_path)
    (directory / "broken.yaml").write_text("rules:\n  - id: X\n", encoding="utf-8")
    build = Builds(directory)
    for _ in range(2):
        with pytest.raises(PackError):
            pack_cache.cached(directory, build, Pack)
    assert build.count == 2
    assert _entries(Path(os.environ["PLACECHECK_CACHE_DIR"])) == []


def test_a_pack_saved_while_it_is_being_checked_is_not_kept(tmp_path: Path) -> None:
    directory = _copy_of_nenc(tmp_path)
    rule_file = next(p for p in sorted(directory.glob("*.yaml")) if p.name != "pack.yaml")

    def build_while_saving() -> Pack:
        pack = _load_pack(directory, None)
        rule_file.write_text(rule_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        return pack

    pack_cache.cached(directory, build_while_saving, Pack)
    assert _entries(Path(os.environ["PLACECHECK_CACHE_DIR"])) == []


def test_a_damaged_or_foreign_entry_is_a_miss_and_is_replaced(tmp_path: Path) -> None:
    directory = _copy_of_nenc(tmp_path)
    build = Builds(directory)
    pack_cache.cached(directory, build, Pack)
    (entry,) = _entries(Path(os.environ["PLACECHECK_CACHE_DIR"]))
    for damage in (b"not a pickle", entry.read_bytes()[:40], b"\x80\x04K\x01."):  # 1 = an int
        entry.write_bytes(damage)
        assert pack_cache.cached(directory, build, Pack).id == "nenc"
        assert entry.read_bytes() != damage
    assert build.count == 4


def test_turned_off_nothing_is_read_or_written(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    directory = _copy_of_nenc(tmp_path)
    build = Builds(directory)
    pack_cache.cached(directory, build, Pack, enabled=False)
    monkeypatch.setenv("PLACECHECK_NO_CACHE", "1")
    pack_cache.cached(directory, build, Pack)
    assert build.count == 2
    assert _entries(Path(os.environ["PLACECHECK_CACHE_DIR"])) == []


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(blocked / "cache"))
    directory = _copy_of_nenc(tmp_path)
    build = Builds(directory)
    assert pack_cache.cached(directory, build, Pack).id == "nenc"
    assert pack_cache.cached(directory, build, Pack).id == "nenc"
    assert build.count == 2


def test_pruning_drops_old_entries_then_all_but_the_newest(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    now = time.time()
    ages = {f"{i:02d}.pickle": i * 60 for i in range(pack_cache.MAX_ENTRIES + 5)}
    ages["old.pickle"] = (pack_cache.MAX_AGE_DAYS + 1) * 86400
    ages["writing.tmp"] = 5  # another run's entry being written
    ages["died.tmp"] = 7200
    for name, age in ages.items():
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (now - age, now - age))
    pack_cache.prune(folder, now)
    left = sorted(p.name for p in folder.iterdir())
    newest = [f"{i:02d}.pickle" for i in range(pack_cache.MAX_ENTRIES)]
    assert left == sorted([*newest, "writing.tmp"])


def test_the_cli_uses_the_cache_and_no_cache_turns_it_off(tmp_path: Path) -> None:
    cache = Path(os.environ["PLACECHECK_CACHE_DIR"])
    proposal = tmp_path / "p.yaml"
    shutil.copyfile(EXAMPLES / "sunderland-draft.yaml", proposal)
    uncached = run_cli("lint", str(proposal), "--no-cache", cwd=tmp_path)
    assert _entries(cache) == []
    first = run_cli("lint", str(proposal), cwd=tmp_path)
    kept = _entries(cache)
    assert kept  # the default packs
    second = run_cli("lint", str(proposal), cwd=tmp_path)
    assert _entries(cache) == kept
    assert uncached.returncode == first.returncode == second.returncode == 1
    assert uncached.stdout == first.stdout == second.stdout
    report = run_cli("report", str(proposal), "-f", "markdown", "--no-cache", cwd=tmp_path)
    assert report.returncode == 0, report.stderr
