"""The cyclic collector is paused while the command line starts up and while a file is
checked, and only then."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from placecheck.cli import lint_cmd, main, startup
from placecheck.cli.lint_cmd import LintOptions


def test_the_collector_runs_while_a_command_works(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    seen: list[bool] = []

    def record(options: LintOptions) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(lint_cmd, "run_lint", record)
    with pytest.raises(SystemExit) as ended:
        main(["lint", str(tmp_path)])
    assert ended.value.code == 0 and seen == [True] and gc.isenabled()


def test_a_usage_error_leaves_the_collector_running() -> None:
    with pytest.raises(SystemExit) as ended:
        main(["lint", "--no-such-option", "x.yaml"])
    assert ended.value.code == 2 and gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        startup.pause_collector()
        startup.resume_collector()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_collector_is_paused_for_each_file_and_only_while_it_is_checked(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import placecheck.lint as lint

    seen: list[bool] = []
    real = lint.lint_document_and_places

    def record(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lint, "lint_document_and_places", record)
    examples = Path(__file__).resolve().parent.parent / "examples"
    lint.lint_paths([examples / "gateshead.yaml", examples / "wigan.yaml"], [])
    assert seen == [False, False] and gc.isenabled()


def test_only_start_up_is_set_aside_not_each_later_runs_garbage(tmp_path: Path) -> None:
    for _ in range(2):  # the first run in this process may set start-up aside
        with pytest.raises(SystemExit):
            main(["lint", "--quiet", str(tmp_path)])
    frozen = gc.get_freeze_count()
    garbage = [[] for _ in range(1000)]
    with pytest.raises(SystemExit):
        main(["lint", "--quiet", str(tmp_path)])
    assert gc.get_freeze_count() == frozen and gc.isenabled()
    del garbage
