"""Where the shipped rule packs and schemas are, and where placecheck may cache.

An installed wheel carries the packs inside the package (`placecheck/_bundled`);
an editable install or a source checkout reads them from the repository root.
Kept free of pathlib so that the cached-lint path starts fast.
"""

from __future__ import annotations

import os
from functools import cache

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


@cache
def bundled_dir(name: str) -> str:
    """The directory `rules` or `schemas`, wherever this installation keeps it."""
    inside = os.path.join(_PACKAGE, "_bundled", name)
    if os.path.isdir(inside):
        return inside
    checkout = os.path.join(os.path.dirname(os.path.dirname(_PACKAGE)), name)
    if os.path.isdir(checkout):
        return checkout
    raise FileNotFoundError(f"placecheck's {name}/ directory is missing from this installation")


def package_data_path(name: str) -> str:
    """A file in placecheck/data (reference tables that ship inside the package)."""
    return os.path.join(_PACKAGE, "data", name)


def bundled(name: str) -> Path:
    from pathlib import Path

    return Path(bundled_dir(name))

