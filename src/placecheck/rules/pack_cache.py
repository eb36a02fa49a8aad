"""Checked rule packs kept between runs, found again only by the inputs that made them.

Reading a pack and checking it against its schema takes about a quarter of a second
of CPU, most of a one-file lint. An entry's name is a hash of everything the check
depends on: the bytes of every file in the pack's directory, placecheck's own code and
data (the schemas and the shipped sources among them), the Python version and the
versions of the libraries that read and check packs. A changed pack, a new rule file
or a new placecheck gives a new name, so an entry can never answer for inputs it did
not see. Entries unused for MAX_AGE_DAYS, and all but the MAX_ENTRIES newest, are
deleted when a new one is written. `--no-cache` or PLACECHECK_NO_CACHE=1 turns it off;
PLACECHECK_CACHE_DIR moves it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

FORMAT = b"placecheck pack cache 1"
MAX_ENTRIES = 32
MAX_AGE_DAYS = 30
# The libraries whose versions can change what a pack check decides.
LIBRARIES = ("yaml", "jsonschema", "referencing", "jsonschema_specifications")
_PACKAGE = Path(__file__).resolve().parent.parent

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where entries are kept, or None when caching is turned off."""
    if os.environ.get("PLACECHECK_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("PLACECHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "placecheck"


def cached(directory: Path, build: Callable[[], T], kind: type[T], enabled: bool = True) -> T:
    """`build()`'s answer for this pack directory, from an entry when one matches.

    Only an answer that `build` returned is kept (a broken pack raises, every time).
    The key is worked out again after building; if any input changed meanwhile
    (a file saved during the run), nothing is written.
    """
    root = cache_dir() if enabled else None
    if root is None:
        return build()
    key = entry_key(directory, code_fingerprint())
    entry = root / "packs" / f"{key}.pickle"
    found = _read(entry, kind)
    if found is not None:
        return found
    answer = build()
    if entry_key(directory, _fingerprint_of_code()) == key:
        _write(entry, answer)
        prune(entry.parent)
    return answer


def entry_key(directory: Path, code: bytes) -> str:
    """The hash of everything a pack's check depends on (see the module's docstring)."""
    digest = hashlib.sha256(FORMAT)
    digest.update(code)
    digest.update(str(directory).encode("utf-8", "surrogateescape"))  # messages show it
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        names = []
    for name in names:
        path = directory / name
        if not path.is_file():
            continue
        digest.update(b"\0file\0" + name.encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"\0unreadable")
    return digest.hexdigest()


@cache
def code_fingerprint() -> bytes:
    """placecheck's code and data, Python's version and the libraries' (once a process)."""
    return _fingerprint_of_code()


def _fingerprint_of_code() -> bytes:
    digest = hashlib.sha256(sys.version.encode())
    for library in LIBRARIES:
        digest.update(b"\0lib\0" + _library_version(library).encode())
    from placecheck.resources import bundled_dir

    roots = [str(_PACKAGE)]
    for name in ("schemas", "rules"):
        inside = bundled_dir(name)
        if not inside.startswith(str(_PACKAGE) + os.sep):
            roots.append(inside)  # a checkout keeps them beside src/
    for root in roots:
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")):
                    continue
                path = os.path.join(folder, name)
                digest.update(b"\0file\0" + path.encode("utf-8", "surrogateescape") + b"\0")
                try:
                    with open(path, "rb") as handle:
                        digest.update(handle.read())
                except OSError:
                    digest.update(b"\0unreadable")
    return digest.digest()


def _library_version(module: str) -> str:
    """The installed distribution's dist-info name (it holds the version), without
    importing the library: a cache hit must not pay for jsonschema's import."""
    from importlib.util import find_spec

    try:
        spec = find_spec(module)
    except (ImportError, ValueError):
        return "absent"
    if spec is None or not spec.origin:
        return "absent"
    package_dir = os.path.dirname(spec.origin)
    site = os.path.dirname(package_dir)
    stem = module.replace("yaml", "pyyaml").replace("_", "-").lower()
    try:
        names = os.listdir(site)
    except OSError:
        names = []
    matching = sorted(n for n in names if n.lower().replace("_", "-").startswith(stem + "-")
                      and n.endswith((".dist-info", ".egg-info")))
    return "|".join(matching) or spec.origin


def _read(entry: Path, kind: type[T]) -> T | None:
    try:
        data = entry.read_bytes()
    except OSError:
        return None
    try:
        found = pickle.loads(data)
    except Exception:  # a damaged or foreign entry is a miss, and is replaced
        return None
    if not isinstance(found, kind):
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # in use: pruning keeps it
    return found


def _write(entry: Path, answer: object) -> None:
    """Write whole or not at all; a folder that cannot be written only costs time."""
    import tempfile  # only a miss writes

    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(answer, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, pickle.PicklingError):
        return


def prune(folder: Path, now: float | None = None) -> None:
    """Delete entries unused for MAX_AGE_DAYS, then all but the MAX_ENTRIES newest
    (and what a run that died left half written)."""
    now = time.time() if now is None else now
    try:
        entries = [(p.stat().st_mtime, p) for p in folder.iterdir()
                   if p.suffix in (".pickle", ".tmp")]
    except OSError:
        return
    entries.sort(reverse=True)
    kept = 0
    for used, path in entries:
        if path.suffix == ".pickle" and now - used <= MAX_AGE_DAYS * 86400:
            kept += 1
            if kept <= MAX_ENTRIES:
                continue
        elif path.suffix == ".tmp" and now - used <= 3600:
            continue  # another run is writing it (an hour old: that run died)
        with contextlib.suppress(OSError):
            path.unlink()
