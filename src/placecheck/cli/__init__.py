"""The `placecheck` command line: a typer app, one module per group of commands."""

from placecheck.cli.app import app, main, run, version_text
from placecheck.cli.common import CouldNotRun

__all__ = ["CouldNotRun", "app", "main", "run", "version_text"]
