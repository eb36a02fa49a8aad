"""Lint files in several processes, yielding each file's result in the files' order.

The function that lints one file is passed in (and reaches a spawned process by
its name), so this module needs nothing from the lint pipeline it serves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar

Result = TypeVar("Result")
LintOne = Callable[[Path, Any, int], tuple[Result, list[Path]]]

_WORKER: dict[str, Any] = {}


def _start_worker(lint_one: LintOne[Any], rules: Any, max_bytes: int) -> None:
    import gc

    _WORKER.update(lint_one=lint_one, rules=rules, max_bytes=max_bytes)
    gc.freeze()  # the rules live as long as the process: keep them out of collections


def _work(path: Path) -> tuple[Path, Any, list[Path]]:
    result, places = _WORKER["lint_one"](path, _WORKER["rules"], _WORKER["max_bytes"])
    return path, result, places


class Pool(Generic[Result]):
    """`jobs` processes, each running `lint_one(path, rules, max_bytes)` on its files."""

    def __init__(self, lint_one: LintOne[Result], rules: Any, max_bytes: int,
                 jobs: int) -> None:
        self.lint_one = lint_one
        self.rules = rules
        self.max_bytes = max_bytes
        self.jobs = jobs

    def run(self, files: list[Path]) -> Iterator[tuple[Path, Result, list[Path]]]:
        import multiprocessing

        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        context = multiprocessing.get_context(method)
        chunk = max(1, min(64, len(files) // (self.jobs * 8)))
        with context.Pool(self.jobs, initializer=_start_worker,
                          initargs=(self.lint_one, self.rules, self.max_bytes)) as pool:
            yield from pool.imap(_work, files, chunksize=chunk)
