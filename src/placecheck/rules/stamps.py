"""Remember rule files that have passed schema validation, by content hash.

Validating every shipped rule file against rule.schema.json at every start
costs more than linting a proposal. A file whose exact content (with the
schema and placecheck's version) has passed once is not validated again:
its hash is kept in the user's cache folder. Only hashes are stored, never
code or data, and a missing or unwritable cache just means validating again.
Set PLACECHECK_NO_CACHE=1 to always validate.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from placecheck import __version__

_FILE = "validated-rule-files-v1.txt"


def cache_dir() -> Path | None:
    from placecheck.resources import cache_dir as folder

    found = folder()
    return Path(found) if found else None


def content_key(data: bytes, schema_name: str) -> str:
    digest = hashlib.sha256()
    digest.update(__version__.encode())
    digest.update(schema_name.encode())
    digest.update(_schema_bytes(schema_name))
    digest.update(data)
    return digest.hexdigest()


@cache
def _schema_bytes(schema_name: str) -> bytes:
    from placecheck.resources import bundled

    return (bundled("schemas") / schema_name).read_bytes()


@cache
def _known() -> set[str]:
    folder = cache_dir()
    if folder is None:
        return set()
    try:
        return set((folder / _FILE).read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return set()


def is_validated(key: str) -> bool:
    return key in _known()


def remember(key: str) -> None:
    known = _known()
    if key in known:
        return
    known.add(key)
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f"{_FILE}.{os.getpid()}.tmp"
        temporary.write_text("\n".join(sorted(known)[-5000:]) + "\n", encoding="ascii")
        os.replace(temporary, folder / _FILE)
    except OSError:
        pass  # a read-only home: validate again next time


def cached_document(key: str) -> dict[str, object] | None:
    """A validated rule file's parsed data and positions, saved as JSON (data only)."""
    import json

    folder = cache_dir()
    if folder is None:
        return None
    try:
        loaded = json.loads((folder / "rules" / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def save_document(key: str, payload: dict[str, object]) -> None:
    import json

    folder = cache_dir()
    if folder is None:
        return
    try:
        text = json.dumps(payload, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # dates and the like: this file is simply parsed each time
    try:
        (folder / "rules").mkdir(parents=True, exist_ok=True)
        temporary = folder / "rules" / f"{key}.{os.getpid()}.tmp"
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, folder / "rules" / f"{key}.json")
    except OSError:
        pass
