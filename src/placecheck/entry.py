"""The `placecheck` command's entry point: answer cheap questions before loading much.

`--version` and a lint whose result is cached (see result_cache) are answered
without importing the command-line framework; everything else goes to cli.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NoReturn


def version_text() -> str:
    """The version and the geography vintage, read without building the geography."""
    import json
    import os

    from placecheck import __version__

    table = (os.environ.get("PLACECHECK_GEOGRAPHY")
             or os.path.join(os.path.dirname(__file__), "data", "geography.json"))
    try:
        with open(table, encoding="utf-8") as handle:
            geography = json.load(handle)
        vintage = f"{geography['vintage']} ({geography['vintage_id']})"
    except (OSError, ValueError, KeyError, TypeError):
        vintage = f"{table} cannot be read (PLACECHECK_GEOGRAPHY)"
    return f"placecheck {__version__}\ngeography: {vintage}"


def pause_collector() -> None:
    """Start-up (imports, rule packs) makes only objects that live for the whole run.

    Collecting them is wasted work (~10 ms of a lint), so the cyclic collector
    is off until resume_collector(), which the lint command calls before the
    first file.
    """
    import gc

    gc.disable()


def resume_collector() -> None:
    import gc

    gc.freeze()  # what exists now lives as long as the run: keep it out of collections
    gc.enable()


def main() -> NoReturn:
    argv = sys.argv[1:]
    if argv == ["--version"]:
        print(version_text())
        sys.exit(0)
    if argv[:1] == ["lint"]:
        pause_collector()
    from placecheck import result_cache

    key = result_cache.key_for(argv)
    if key is not None:
        code = result_cache.replay(key)
        if code is not None:
            sys.exit(code)
        stdout = result_cache.Recorder(sys.stdout)
        stderr = result_cache.Recorder(sys.stderr)
        sys.stdout, sys.stderr = stdout, stderr
        try:
            from placecheck.cli import main as full

            full()
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
            sys.stdout, sys.stderr = stdout.stream, stderr.stream
            result_cache.store(key, stdout, stderr, code)
            sys.exit(code)
    from placecheck.cli import main as full

    full()
