"""Which files to lint: those named, and the proposals under the folders named.

A proposal is a YAML file whose top-level mapping has a `placecheck:` key.
That is decided by reading the file as its author's editor wrote it (UTF-8 with
or without a byte-order mark, or UTF-16 as Notepad saves it), anywhere in the
file, whether the key is quoted or the mapping is written on one line as
`{...}`. Every other `.yaml`/`.yml` file under a folder is counted, so that
the summary can name what was not checked.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from placecheck.loading import DEFAULT_MAX_BYTES, LoadError
from placecheck.loading.reading import looks_utf16

SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
DEFAULT_MAX_FILES = 10_000
YAML_SUFFIXES = (".yaml", ".yml")

_KEY = r"""(?:placecheck|"placecheck"|'placecheck')[ \t]*:"""
_BLOCK_KEY = re.compile(r"^(?:---[ \t]+)?" + _KEY, re.MULTILINE)  # at column 1: top level
_FLOW_KEY = re.compile(r"[{,][ \t\r\n]*" + _KEY)
_COMMENT_OR_BLANK = re.compile(r"^(?:[ \t]*(?:#.*)?(?:\r?\n|$))*")


@dataclass
class Found:
    """The files to lint, and the YAML files under folders that are not proposals."""

    proposals: list[Path] = field(default_factory=list)
    not_proposals: list[Path] = field(default_factory=list)


def discover(paths: Iterable[Path], max_files: int = DEFAULT_MAX_FILES,
             proposals_only: bool = False) -> list[Path]:
    """The files to lint (see `find`)."""
    return find(paths, max_files, proposals_only).proposals


def find(paths: Iterable[Path], max_files: int = DEFAULT_MAX_FILES,
         proposals_only: bool = False) -> Found:
    """Files named directly, plus proposals under directories.

    With `proposals_only`, files named directly are skipped too unless they are
    proposals (for hooks that pass every changed YAML file).
    """
    found = Found()
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if not name.lower().endswith(YAML_SUFFIXES):
                        continue
                    candidate = Path(root) / name
                    if not is_proposal(candidate):
                        found.not_proposals.append(candidate)
                        continue
                    found.proposals.append(candidate)
                    if len(found.proposals) > max_files:
                        raise LoadError(str(path), f"more than {max_files:,} proposals "
                                        "under this directory; lint a smaller directory "
                                        "or raise max_files in the config")
        elif not proposals_only or (path.is_file() and is_proposal(path)):
            found.proposals.append(path)
    found.proposals = _unique(found.proposals)
    found.not_proposals = _unique(found.not_proposals)
    return found


def _unique(paths: list[Path]) -> list[Path]:
    unique: dict[str, Path] = {}
    for item in paths:
        unique.setdefault(os.path.normcase(os.path.abspath(item)), item)
    return list(unique.values())


def is_proposal(path: Path) -> bool:
    """Whether the file's top-level mapping has a `placecheck:` key (see the module)."""
    if not path.is_file():  # a pipe or device would block a read; loading says why
        return True
    try:
        with path.open("rb") as handle:
            raw = handle.read(DEFAULT_MAX_BYTES)
    except OSError:
        return True  # let loading report why it cannot be read
    return text_is_proposal(_as_text(raw))


def _as_text(raw: bytes) -> str:
    if looks_utf16(raw):
        if raw.startswith(b"\xfe\xff") or (not raw.startswith(b"\xff\xfe") and raw[:1] == b"\0"):
            return raw.decode("utf-16-be", "replace").lstrip("\ufeff")
        return raw.decode("utf-16-le", "replace").lstrip("\ufeff")
    return raw.decode("utf-8", "replace").lstrip("\ufeff")


def text_is_proposal(text: str) -> bool:
    if _BLOCK_KEY.search(text):
        return True
    leading = _COMMENT_OR_BLANK.match(text)
    body = text[leading.end() if leading else 0:]
    return body.startswith("{") and bool(_FLOW_KEY.search(body))


def not_checked(paths: Iterable[Path], not_proposals: list[str], linted: int) -> list[str]:
    """What to tell the user about files that were not linted (one line each)."""
    lines: list[str] = []
    if not_proposals:
        count = len(not_proposals)
        shown = ", ".join(not_proposals[:10]) + (f" and {count - 10} more" if count > 10 else "")
        lines.append(f"{count} YAML file{'s are' if count > 1 else ' is'} not "
                     f"{'proposals' if count > 1 else 'a proposal'} (no top-level "
                     f"`placecheck:` key), so {'they were' if count > 1 else 'it was'} "
                     f"not checked: {shown}")
    folders = [str(p) for p in paths if p.is_dir()]
    if not linted and folders:
        lines.append(f"no proposals found in {', '.join(folders)}: a proposal is a .yaml "
                     "file that starts with `placecheck: 1` (`placecheck init` writes one)")
    return lines
