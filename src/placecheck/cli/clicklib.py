"""The command-line parser typer is built on: its usage errors and contexts.

typer 0.26 and later carry their own copy of click; earlier releases depend on
click itself. placecheck rewords that library's usage errors.
"""

from __future__ import annotations

try:
    from typer._click import core, exceptions
except ImportError:  # typer < 0.26
    from click import core, exceptions  # type: ignore[no-redef, import-not-found, unused-ignore]

__all__ = ["core", "exceptions"]
