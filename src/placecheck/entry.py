"""The `placecheck` command (kept for callers of `placecheck.entry:main`)."""

from placecheck.cli import main

__all__ = ["main"]
