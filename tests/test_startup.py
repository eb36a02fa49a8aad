"""The cyclic collector is paused while the command line starts up and while a file is
checked, and only then; the installed command ends without tearing the interpreter
down, and nothing it writes is lost by that."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
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
    # Set aside objects may be freed meanwhile (the count falls); a later run's 1,000
    # new lists set aside too would make it rise.
    assert gc.get_freeze_count() <= frozen and gc.isenabled()
    del garbage


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _command(*args: str, **popen: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "placecheck", *args], cwd=EXAMPLES,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            **popen)  # type: ignore[call-overload]


def test_a_report_longer_than_a_pipe_holds_arrives_whole_from_worker_processes() -> None:
    # More than the 64 KiB a pipe holds, written by a run whose workers have to be gone
    # before the process ends: its own process group must be empty afterwards.
    files = sorted(EXAMPLES.glob("**/*.yaml"))
    command = _command("lint", ".", "--format", "json", "-j", "2", start_new_session=True)
    out, err = command.communicate(timeout=300)
    assert command.returncode == 1, err.decode()
    assert len(out) > 65536
    report = json.loads(out)
    assert len(report["files"]) == len(files)
    with pytest.raises(ProcessLookupError):
        os.killpg(command.pid, 0)  # not a worker left behind


def test_a_reader_that_goes_away_gives_exit_1_and_no_traceback() -> None:
    # `placecheck lint proposal.yaml | head -0`: the report is never read. The lint
    # itself is clean (0), but what it had to say did not arrive.
    command = _command("lint", "gateshead.yaml")
    assert command.stdout is not None
    command.stdout.close()
    _, err = command.communicate(timeout=120)
    assert command.returncode == 1
    assert b"Traceback" not in err and b"Exception ignored" not in err


def test_an_interrupted_run_still_exits_130() -> None:
    # The same ending serves every exit code main decides, including an interrupt.
    program = ("import sys\n"
               "import placecheck.cli.lint_cmd as lint_cmd\n"
               "def interrupted(options): raise KeyboardInterrupt\n"
               "lint_cmd.run_lint = interrupted\n"
               "from placecheck.cli import script\n"
               "sys.argv = ['placecheck', 'lint', 'gateshead.yaml']\n"
               "script()\n")
    done = subprocess.run([sys.executable, "-c", program], cwd=EXAMPLES, capture_output=True,
                          timeout=120)
    assert done.returncode == 130 and b"Traceback" not in done.stderr


def test_a_profiler_still_gets_its_data(tmp_path: Path) -> None:
    # Profilers and coverage tools write what they saw as the interpreter ends; a run
    # they watch ends as usual.
    written = tmp_path / "lint.prof"
    done = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(written),
                           "-m", "placecheck", "lint", "gateshead.yaml"], cwd=EXAMPLES,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert written.stat().st_size > 0


def test_a_tracer_s_exit_handlers_run(tmp_path: Path) -> None:
    # As a coverage tool does: trace the run and save at exit.
    saved = tmp_path / "saved"
    program = ("import atexit, pathlib, sys\n"
               "sys.settrace(lambda frame, event, arg: None)\n"
               f"atexit.register(pathlib.Path({str(saved)!r}).write_text, 'saved')\n"
               "from placecheck.cli import script\n"
               "sys.argv = ['placecheck', 'lint', 'sunderland-draft.yaml']\n"
               "script()\n")
    done = subprocess.run([sys.executable, "-c", program], cwd=EXAMPLES, capture_output=True,
                          timeout=120)
    assert done.returncode == 1, done.stderr
    assert saved.read_text() == "saved"


def test_an_unwatched_run_ends_without_the_interpreter_s_teardown(tmp_path: Path) -> None:
    # The other side of the two tests above: nothing watches, so exit handlers (the
    # teardown's first step) do not run; the exit code and the report are whole.
    saved = tmp_path / "saved"
    program = ("import atexit, pathlib, sys\n"
               f"atexit.register(pathlib.Path({str(saved)!r}).write_text, 'saved')\n"
               "from placecheck.cli import script\n"
               "sys.argv = ['placecheck', 'lint', 'sunderland-draft.yaml']\n"
               "script()\n")
    done = subprocess.run([sys.executable, "-c", program], cwd=EXAMPLES, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1 and "Found " in done.stdout, done.stderr
    assert not saved.exists()

