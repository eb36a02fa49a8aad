from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets an empty pack cache of its own: no state from other tests or runs
    (placecheck commands a test starts inherit it)."""
    monkeypatch.setenv("PLACECHECK_CACHE_DIR", str(tmp_path_factory.mktemp("pack-cache")))
    monkeypatch.delenv("PLACECHECK_NO_CACHE", raising=False)


EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def run_cli(*args: str, cwd: Path | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run placecheck as a user does: a new process, real files, real exit codes."""
    return subprocess.run(
        [sys.executable, "-m", "placecheck", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def rules():  # type: ignore[no-untyped-def]
    from placecheck.rules.selection import load_packs, select_rules

    return select_rules(load_packs())


def governance_repo(tmp_path: Path) -> Path:
    """A scratch governance repository (git) with two proposals under proposals/."""
    root = tmp_path / "governance"
    (root / "proposals").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name, example in (("sunderland.yaml", "sunderland-draft.yaml"),
                          ("gateshead.yaml", "gateshead.yaml")):
        (root / "proposals" / name).write_text((EXAMPLES / example).read_text(encoding="utf-8"),
                                               encoding="utf-8")
    return root
