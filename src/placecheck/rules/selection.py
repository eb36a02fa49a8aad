"""Which packs are active and which of their rules run."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from placecheck.loading import LoadError
from placecheck.model.format_rules import FORMAT_RULES
from placecheck.rules.pack import Pack, Rule, load_pack, shipped_pack_dirs


def load_packs(requested: Iterable[str] = (), defaults: bool = True,
               base: Path | None = None, cache: bool = True) -> list[Pack]:
    """The shipped packs that are on by default, plus each requested pack.

    A requested pack is a shipped pack's id (`nenc`) or a directory holding a
    pack.yaml (relative paths are taken from `base`). A pack's `extends` are
    loaded first.
    """
    shipped = shipped_pack_dirs()
    loaded: dict[str, Pack] = {}

    def add(directory: Path, pack: Pack | None = None) -> None:
        pack = pack or load_pack(directory, cache=cache)
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
            pack = load_pack(directory, cache=cache)
            if pack.enabled_by_default:
                add(directory, pack)
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

    Case does not matter (`tp-m1` is TP-M1). A prefix ending in a digit does not
    run on into more digits: `TP-C1` selects TP-C1 but not TP-C10, and `TP-B1`
    selects TP-B1-CODES.
    """
    rule_id = rule_id.upper()
    for pattern in patterns:
        pattern = pattern.upper()
        if rule_id == pattern:
            return True
        if pattern and rule_id.startswith(pattern):
            following = rule_id[len(pattern)]
            if not (pattern[-1:].isdigit() and following.isdigit()):
                return True
    return False


def selected(rule: Rule, patterns: Iterable[str]) -> bool:
    """The rule's id matches a pattern, or a pattern is a catalogue line it implements."""
    patterns = list(patterns)
    if matches(rule.id, patterns):
        return True
    wanted = {p.upper() for p in patterns}
    return any(line.upper() in wanted for line in rule.implements)


def select_rules(packs: list[Pack], select: list[str] | None = None,
                 ignore: list[str] | None = None) -> list[Rule]:
    rules = [rule for pack in packs for rule in pack.rules]
    if select:
        rules = [r for r in rules if selected(r, select)]
    if ignore:
        rules = [r for r in rules if not selected(r, ignore)]
    return rules


def names_format_checks(patterns: Iterable[str]) -> bool:
    """Whether a pattern names a format check (F001 ...): only then does a selection
    leave format checks out; otherwise they always run."""
    return any(matches(code, patterns) for code in FORMAT_RULES)


class UnknownSelector(ValueError):
    """A --select/--ignore pattern (or a configuration's) that names no rule."""


def check_selectors(patterns: Iterable[str], rules: list[Rule], where: str) -> None:
    """Refuse a pattern that selects nothing: it would pass silently.

    `where` says where the pattern came from (`--select`, `ignore in placecheck.toml`).
    """
    catalogue = {line.upper() for rule in rules for line in rule.implements}
    ids = [rule.id for rule in rules] + list(FORMAT_RULES)
    for pattern in patterns:
        if pattern.upper() in catalogue or any(matches(i, [pattern]) for i in ids):
            continue
        close = difflib.get_close_matches(pattern.upper(), _candidates(ids, catalogue), n=3,
                                          cutoff=0.6)
        hint = ("; did you mean " + " or ".join(repr(c) for c in close) + "?") if close else (
            "; `placecheck rules` lists the rule ids")
        raise UnknownSelector(f"{where} names no rule: {pattern!r}{hint}")


def _candidates(ids: list[str], catalogue: set[str]) -> list[str]:
    """Ids, catalogue lines and the prefixes people select by (TP, TP-C, F)."""
    found = set(ids) | catalogue | {"F"}
    for rule_id in ids:
        parts = rule_id.split("-")
        for end in range(1, len(parts)):
            prefix = "-".join(parts[:end])
            found.add(prefix)
            found.add(prefix + "-" + parts[end].rstrip("0123456789"))
    found.discard("")
    return sorted(p.rstrip("-") for p in found)
