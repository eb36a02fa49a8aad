"""Paths as CI systems resolve them: relative to the repository root.

GitHub resolves a SARIF `uri` and an annotation's `file=` against the root of
the checkout, not against the directory placecheck ran in (a monorepo job with
`working-directory:` runs in a subfolder). The source root is the repository
that holds the working directory (the nearest folder with `.git`, a folder or a
worktree's file); outside any repository it is the working directory itself.
"""

from __future__ import annotations

import os


def source_root() -> str:
    """The repository root above the working directory, or the working directory."""
    here = start = os.getcwd()
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return start
        here = parent


def from_root(file: str, root: str) -> str | None:
    """The file's path from the root with forward slashes, or None if it lies outside."""
    try:
        relative = os.path.relpath(os.path.abspath(file), root)
    except ValueError:  # another drive on Windows
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative.replace(os.sep, "/")


def root_relative(file: str, root: str) -> str:
    """The file's path from the root; a file outside it keeps the path as displayed."""
    return from_root(file, root) or file
