"""A loaded rule pack kept as JSON, so the next run need not parse, hash or check it.

Loading a pack means parsing its YAML files, checking them against the
rule-file schema and compiling every rule: ~25 ms, as much as the lint
itself. Once a pack has loaded without error, its rules are saved as JSON
(data only, never code) in the user's cache folder, with a signature of every
file that went into them: placecheck's version, and the path, size and
modification time of each pack file, the guidance registry and the schemas.
A later run whose signature matches rebuilds the pack from that JSON; anything
else (a changed file, an unreadable or foreign entry) loads the pack afresh.
PLACECHECK_NO_CACHE=1 turns this off with the other caches.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from placecheck import __version__
from placecheck.findings import Citation, Severity
from placecheck.resources import bundled_dir, cache_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from placecheck.rules.pack import Pack, Part, Rule

_FORMAT = 1


def _folder() -> str | None:
    folder = cache_dir()
    return os.path.join(folder, "packs") if folder else None


def _entry_file(folder: str, directory: Path) -> str:
    name = re.sub(r"[^A-Za-z0-9]+", "_", os.path.abspath(directory)).strip("_")[-120:]
    return os.path.join(folder, f"{name}.json")


def signature(directory: Path) -> list[Any] | None:
    """What the pack's rules depend on, or None if a file cannot be examined."""
    files = sorted(str(p) for p in directory.glob("*.yaml"))
    files.append(os.path.join(bundled_dir("rules"), "sources.yaml"))
    files += [os.path.join(bundled_dir("schemas"), name)
              for name in ("pack.schema.json", "rule.schema.json")]
    stamps: list[Any] = [_FORMAT, __version__, os.path.abspath(directory)]
    try:
        for path in files:
            status = os.stat(path)
            stamps.append([os.path.abspath(path), status.st_size, status.st_mtime_ns])
    except OSError:
        return None
    return stamps


def read(directory: Path, stamps: list[Any] | None) -> dict[str, Any] | None:
    """The saved entry for a pack directory, if its signature still matches."""
    folder = _folder()
    if folder is None or stamps is None:
        return None
    try:
        with open(_entry_file(folder, directory), encoding="utf-8") as handle:
            entry = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or entry.get("signature") != stamps:
        return None
    if entry.get("dates"):  # rule tests that hold dates: decode them (see write)
        decoded: dict[str, Any] = json.loads(json.dumps(entry), object_hook=_decode_date)
        return decoded
    return entry


def _encode_date(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return {"$date": value.isoformat()}
    raise TypeError(f"{type(value).__name__} is not kept in a pack snapshot")


def _decode_date(value: dict[str, Any]) -> Any:
    if len(value) == 1 and "$date" in value:
        return dt.date.fromisoformat(value["$date"])
    return value


def write(directory: Path, stamps: list[Any] | None, manifest: dict[str, Any],
          pack: Pack | None) -> None:
    """Save a pack's manifest (and, once it has loaded, its rules); failures are ignored."""
    folder = _folder()
    if folder is None or stamps is None:
        return
    entry = {"signature": stamps, "manifest": manifest,
             "rules": None if pack is None else [_rule_data(r, directory) for r in pack.rules]}
    try:
        text = json.dumps(entry, ensure_ascii=False)
    except TypeError:  # dates in a rule's test documents: tagged, and decoded on reading
        try:
            text = json.dumps({**entry, "dates": True}, ensure_ascii=False, default=_encode_date)
        except (TypeError, ValueError):
            return  # something else JSON cannot hold: this pack is simply loaded each time
    except ValueError:
        return
    try:
        os.makedirs(folder, exist_ok=True)
        target = _entry_file(folder, directory)
        temporary = f"{target}.{os.getpid()}.tmp"
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except OSError:
        pass


def _rule_data(rule: Rule, directory: Path) -> dict[str, Any]:
    data = dict(vars(rule))
    data["file"] = os.path.relpath(rule.file, directory)
    data["severity"] = rule.severity.name
    data["citations"] = [vars(c) for c in rule.citations]
    data["parts"] = [{**vars(p), "severity": p.severity.name if p.severity else None}
                     for p in rule.parts]
    return data


def rules_from(entry: dict[str, Any], directory: Path) -> list[Rule]:
    """Rebuild the rules saved by write()."""
    from placecheck.rules.pack import Part, Rule

    def part(data: dict[str, Any]) -> Part:
        severity = data["severity"]
        return Part(**{**data, "severity": Severity[severity] if severity else None})

    rules = []
    for data in entry["rules"]:
        rules.append(Rule(**{
            **data,
            "file": str(directory / data["file"]),
            "severity": Severity[data["severity"]],
            "implements": tuple(data["implements"]),
            "citations": tuple(Citation(**c) for c in data["citations"]),
            "parts": tuple(part(p) for p in data["parts"]),
            "for_each": tuple(data["for_each"]) if data["for_each"] else None,
            "tests": tuple(data["tests"]),
            "test_positions": tuple(tuple(p) for p in data["test_positions"]),
        }))
    return rules
