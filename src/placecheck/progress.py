"""A progress bar for runs over many proposals, shown only to a person at a terminal.

The bar goes to stderr, so it never mixes with a report on stdout. It is shown
only when stderr is a terminal and the `CI` environment variable is not set
(or is empty), and only for two or more files: piped output, CI logs and
single-file runs stay clean. It disappears when the run ends.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.progress import Progress

T = TypeVar("T")
MIN_ITEMS = 2


def enabled() -> bool:
    """A progress bar helps: stderr is a terminal, and this is not CI."""
    if os.environ.get("CI", "").strip():
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False


def _bar() -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}", style="dim"),
        console=Console(stderr=True),
        transient=True,
    )


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Yield `items`, advancing a progress bar on stderr where one helps."""
    if total is None and isinstance(items, Collection):
        total = len(items)
    if not enabled() or (total is not None and total < MIN_ITEMS):
        yield from items
        return
    with _bar() as bar:
        task = bar.add_task(label, total=total, current="")
        for item in items:
            bar.update(task, current=_short(item))
            yield item
            bar.advance(task)


@contextmanager
def file_progress(paths: list[Path], label: str, max_files: int | None = None,
                  proposals_only: bool = False, show: bool = True
                  ) -> Iterator[Callable[[Path], None] | None]:
    """A callback for `lint_paths(on_file=...)` that advances a bar, or None for no bar
    (also when `show` is False: --quiet).

    The bar's length comes from discovering the files first, which is done only
    when a bar will be shown; files a system lists are added as they are met.
    """
    if not show or not enabled():
        yield None
        return
    from placecheck.lint import DEFAULT_MAX_FILES, discover

    total = len(discover(paths, max_files or DEFAULT_MAX_FILES, proposals_only))
    if total < MIN_ITEMS:
        yield None
        return
    with _bar() as bar:
        task = bar.add_task(label, total=total, current="")
        seen = 0

        def on_file(path: Path) -> None:
            nonlocal seen
            seen += 1
            if seen > 1:
                bar.advance(task)
            if seen > total:
                bar.update(task, total=seen)
            bar.update(task, current=_short(path))

        yield on_file
        bar.update(task, completed=seen)


def _short(item: object, width: int = 40) -> str:
    from placecheck.safety import printable

    text = printable(str(item))
    return text if len(text) <= width else "…" + text[-(width - 1):]
