"""Minimal passing YAML for a rule, derived from the rule's own passing test.

A rule's `example:` is used when it has one. Otherwise the rule runs on the
fixture of its first passing test, every value its checks read is recorded,
and only those values (with the ids and names that make them readable) are
kept: a true, tested extract rather than a hand-written sketch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from placecheck.rules.pack import Rule
from placecheck.rules.paths import Node, PathKey

MAX_LINES = 40


def passing_example(rule: Rule) -> str:
    if rule.example.strip():
        return rule.example.rstrip() + "\n"
    test = next((t for t in rule.tests if t.get("expect") == "pass"), None)
    if test is None:
        return ""
    from placecheck.loading import load_path
    from placecheck.model.derive import derive
    from placecheck.rules.engine import trace_rule
    from placecheck.rules.testing import patched

    fixture = Path(rule.file).parent / "fixtures" / test["proposal"]
    doc = patched(load_path(fixture), test)
    derive(doc.data)
    _, trace = trace_rule(rule, doc.data)
    return _dump(_extract(doc.data, trace))


def _extract(data: Any, nodes: list[Node]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    index_maps: dict[PathKey, dict[int, int]] = {}
    for node in nodes:
        if not node.path:
            continue
        value = node.value
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not isinstance(v, dict | list)
                     and k != "statutory"}
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            continue
        _put(kept, data, node.path, value, index_maps)
    return kept


def _put(target: dict[str, Any], data: Any, path: PathKey, value: Any,
         index_maps: dict[PathKey, dict[int, int]]) -> None:
    """Place `value` at `path`, creating parents; list items keep their id and name."""
    current: Any = target
    source: Any = data
    for depth, part in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(part, int):
            mapping = index_maps.setdefault(path[:depth], {})
            if part not in mapping:
                mapping[part] = len(current)
                item = source[part]
                current.append({k: item[k] for k in ("id", "name") if k in item}
                               if isinstance(item, dict) else item)
            position = mapping[part]
            source = source[part]
            if last:
                if isinstance(value, dict) and isinstance(current[position], dict):
                    current[position].update(value)
                else:
                    current[position] = value
            current = current[position]
        else:
            source = source[part]
            if last:
                if isinstance(value, dict) and isinstance(current.get(part), dict):
                    current[part].update(value)
                else:
                    current[part] = value
            else:
                if part not in current:
                    current[part] = [] if isinstance(source, list) else {}
                current = current[part]


def _dump(kept: dict[str, Any]) -> str:
    import yaml

    if not kept:
        return ""
    text = yaml.safe_dump(kept, sort_keys=False, allow_unicode=True, width=88,
                          default_flow_style=None)
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        lines = [*lines[:MAX_LINES], "# ... (shortened)"]
    return "\n".join(lines) + "\n"
