"""The `placecheck` command (kept for callers of `placecheck.entry:main`)."""

from placecheck.cli import main, script

__all__ = ["main", "script"]
