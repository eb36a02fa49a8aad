"""The `placecheck` command line: a typer app, one module per group of commands."""

from placecheck.cli import startup

startup.pause_collector()  # see startup.py

from placecheck.cli.app import app, main, run, script, version_text  # noqa: E402
from placecheck.cli.common import CouldNotRun  # noqa: E402

__all__ = ["CouldNotRun", "app", "main", "run", "script", "version_text"]

startup.resume_collector()
