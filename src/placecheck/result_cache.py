"""A result cache for `placecheck lint`: unchanged input, unchanged answer, no start-up cost.

Like ruff's and eslint's caches. A lint of files that are byte-for-byte the same
as last time, with the same rules, configuration, options, working directory,
terminal and date, prints the stored report and exit code without importing the
command-line framework, pydantic or the rule engine.

Only the simple case is cached: every path named is a place proposal file (not
a directory, not a system file, whose places are other files), no output file,
no baseline, and no rule pack outside placecheck's own. Anything else runs in
full. PLACECHECK_NO_CACHE=1 turns the cache off. Entries are data (the text
that was printed), kept in the user's cache folder, and keyed by a hash of
everything that could change the answer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys

from placecheck import __version__
from placecheck.resources import bundled_dir, cache_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TextIO

_UNCACHED_OPTIONS = ("--output", "-o", "--write-baseline", "--baseline", "--pack", "--config",
                     "--fix", "--diff",
                     "--help", "-h")
_ENV = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "CI", "PLACECHECK_DEBUG")
_MAX_ENTRY = 2 * 1024 * 1024


def _cache_folder() -> str | None:
    folder = cache_dir()
    return os.path.join(folder, "results") if folder else None


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _hash_tree(digest: hashlib._Hash, folder: str) -> None:
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if name.endswith((".yaml", ".yml", ".json")):
                path = os.path.join(root, name)
                digest.update(os.path.relpath(path, folder).encode())
                digest.update(_read(path))


def key_for(argv: list[str]) -> str | None:
    """The cache key of a `lint` command line, or None when it must run in full."""
    if len(argv) < 2 or argv[0] != "lint" or os.environ.get("PLACECHECK_NO_CACHE"):
        return None
    if any(_uncached_option(arg) for arg in argv):
        return None
    digest = hashlib.sha256()
    for part in (__version__, os.getcwd(), dt.date.today().isoformat(),
                 str(sys.stdout.isatty()), *(f"{k}={os.environ.get(k, '')}" for k in _ENV)):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    files = []
    for arg in argv[1:]:
        digest.update(arg.encode("utf-8", "surrogatepass") + b"\0")
        if arg.startswith("-"):
            continue
        if not os.path.isfile(arg):
            return None  # a directory, or not there: run in full
        files.append(arg)
    if not files:
        return None
    try:
        for path in files:
            data = _read(path)
            if b"kind: system" in data or len(data) > 5 * 1024 * 1024:
                return None
            digest.update(data)
        for folder in {os.path.dirname(os.path.realpath(p)) for p in files}:
            if not _hash_config(digest, folder):
                return None
        _hash_tree(digest, bundled_dir("rules"))
        _hash_tree(digest, bundled_dir("schemas"))
        digest.update(_read(os.environ.get("PLACECHECK_GEOGRAPHY")
                            or os.path.join(os.path.dirname(__file__), "data", "geography.json")))
    except OSError:
        return None
    return digest.hexdigest()


def _uncached_option(arg: str) -> bool:
    """`--output=x`, `-o x`, and a short option with its value attached (`-ox`)."""
    if arg.startswith("--"):
        return arg.split("=")[0] in _UNCACHED_OPTIONS
    return arg.startswith("-") and any(arg.startswith(short) for short in ("-o", "-h"))


def _hash_config(digest: hashlib._Hash, folder: str) -> bool:
    """Hash the configuration files that could apply; False if they name rule packs."""
    candidate = folder
    while True:
        for name in ("placecheck.toml", "pyproject.toml"):
            path = os.path.join(candidate, name)
            if os.path.isfile(path):
                data = _read(path)
                if name == "placecheck.toml" or b"[tool.placecheck" in data:
                    if b"packs" in data:
                        return False  # local packs live in other files: run in full
                    digest.update(path.encode() + b"\0" + data)
        parent = os.path.dirname(candidate)
        if os.path.exists(os.path.join(candidate, ".git")) or parent == candidate:
            return True
        candidate = parent


def replay(key: str) -> int | None:
    """Print a stored result; its exit code, or None on a miss."""
    folder = _cache_folder()
    if folder is None:
        return None
    try:
        entry = json.loads(_read(os.path.join(folder, f"{key}.json")).decode("utf-8"))
        stdout, stderr, code = entry["stdout"], entry["stderr"], int(entry["code"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    sys.stdout.write(stdout)
    sys.stderr.write(stderr)
    return code


class Recorder:
    """Passes writes through to a stream and keeps a copy for the cache."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return self.stream.write(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)


def store(key: str, stdout: Recorder, stderr: Recorder, code: int) -> None:
    folder = _cache_folder()
    if folder is None or code not in (0, 1):
        return
    out, err = "".join(stdout.parts), "".join(stderr.parts)
    if len(out) + len(err) > _MAX_ENTRY:
        return
    try:
        os.makedirs(folder, exist_ok=True)
        temporary = os.path.join(folder, f"{key}.{os.getpid()}.tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"stdout": out, "stderr": err, "code": code}))
        os.replace(temporary, os.path.join(folder, f"{key}.json"))
    except OSError:
        pass
