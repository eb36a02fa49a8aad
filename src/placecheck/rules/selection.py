"""Which packs are active and which of their rules run."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from placecheck.loading import LoadError
from placecheck.rules.pack import Pack, Rule, load_pack, pack_manifest, shipped_pack_dirs


def load_packs(requested: Iterable[str] = (), defaults: bool = True,
               base: Path | None = None) -> list[Pack]:
    """The shipped packs that are on by default, plus each requested pack.

    A requested pack is a shipped pack's id (`nenc`) or a directory holding a
    pack.yaml (relative paths are taken from `base`). A pack's `extends` are
    loaded first.
    """
    shipped = shipped_pack_dirs()
    loaded: dict[str, Pack] = {}

    def add(directory: Path) -> None:
        pack = load_pack(directory)
        if pack.id in loaded:
            return
        for parent in pack.extends:
            if parent not in shipped:
                raise LoadError(str(directory / "pack.yaml"),
                                f"pack {pack.id} extends `{parent}`, which is not a shipped "
                                f"pack ({', '.join(sorted(shipped))})")
            add(shipped[parent])
        loaded[pack.id] = pack

    if defaults:
        for directory in shipped.values():
            if pack_manifest(directory).get("enabled_by_default", True):
                add(directory)
    for name in requested:
        if name in shipped:
            add(shipped[name])
            continue
        directory = (base / name) if base and not Path(name).is_absolute() else Path(name)
        if not (directory / "pack.yaml").is_file():
            known = ", ".join(sorted(shipped))
            raise LoadError(name, f"no such rule pack: give a shipped pack ({known}) or a "
                            "directory that holds a pack.yaml")
        add(directory)
    return list(loaded.values())


def matches(rule_id: str, patterns: Iterable[str]) -> bool:
    """A pattern is a whole rule id or a prefix of one: `TP-M` selects TP-M1 ... TP-M9.

    A prefix ending in a digit does not run on into more digits: `TP-C1` selects
    TP-C1 but not TP-C10, and `TP-B1` selects TP-B1-CODES.
    """
    for pattern in patterns:
        if rule_id == pattern:
            return True
        if rule_id.startswith(pattern):
            following = rule_id[len(pattern)]
            if not (pattern[-1:].isdigit() and following.isdigit()):
                return True
    return False


def select_rules(packs: list[Pack], select: list[str] | None = None,
                 ignore: list[str] | None = None) -> list[Rule]:
    rules = [rule for pack in packs for rule in pack.rules]
    if select:
        rules = [r for r in rules if matches(r.id, select)]
    if ignore:
        rules = [r for r in rules if not matches(r.id, ignore)]
    return rules
