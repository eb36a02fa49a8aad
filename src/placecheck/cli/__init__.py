"""The `placecheck` command line: a typer app, one module per group of commands."""

import gc

# Importing typer and the commands makes a few hundred thousand objects that live as
# long as the process; the collector would walk them over and over for nothing. They are
# set aside (gc.freeze) once imported, and collection goes on as before.
_collecting = gc.isenabled()
gc.disable()

from placecheck.cli.app import app, main, run, version_text  # noqa: E402
from placecheck.cli.common import CouldNotRun  # noqa: E402

__all__ = ["CouldNotRun", "app", "main", "run", "version_text"]

gc.freeze()
if _collecting:
    gc.enable()
