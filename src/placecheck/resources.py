"""Where the shipped rule packs and schemas are.

An installed wheel carries them inside the package (`placecheck/_bundled`);
an editable install or a source checkout reads them from the repository root.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def bundled(name: str) -> Path:
    """The directory `rules` or `schemas`, wherever this installation keeps it."""
    inside = _PACKAGE / "_bundled" / name
    if inside.is_dir():
        return inside
    checkout = _PACKAGE.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"placecheck's {name}/ directory is missing from this installation")
