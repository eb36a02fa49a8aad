"""explain's YAML: a rule's failing example, its fix, and the passing example.

Each is a true, tested extract of a whole proposal, placed where it sits in a
proposal (so that it can be pasted): the rule runs on the fixture of its first
failing and first passing test, every value its checks read is recorded, and
only those values (with the ids and names that make them readable) are kept.
A rule's hand-written `example:` is used for the passing side when it has one,
moved under the parents it has in the passing fixture (`members:` goes inside
`governance:`, as in a proposal).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from placecheck.loading import Document
from placecheck.rules.pack import Rule
from placecheck.rules.paths import Node, PathKey

MAX_LINES = 40


@dataclass(frozen=True)
class Failing:
    """What the rule says about its failing example, and the YAML it read."""

    yaml: str
    message: str
    fix: str


def passing_example(rule: Rule) -> str:
    """The rule's own example, or the first passing test in which the rule applied."""
    doc = _fixture(rule, "pass")
    if rule.example.strip():
        return _placed(rule.example, doc.data if doc is not None else None)
    for doc in _fixtures(rule, "pass"):
        trace = _trace(rule, doc)
        if trace:  # a test where `when` never held shows nothing the rule reads
            return _dump(_extract(doc.data, trace))
    return ""


def failing_example(rule: Rule) -> Failing | None:
    """The first failing test's extract, with the finding it gives and its fix."""
    from placecheck.rules.engine import evaluate

    doc = _fixture(rule, "fail")
    if doc is None:
        return None
    findings = evaluate([rule], doc)
    trace = _trace(rule, doc)
    if not findings:
        return None
    return Failing(_dump(_extract(doc.data, trace)), findings[0].message, findings[0].hint)


def _fixture(rule: Rule, expect: str) -> Document | None:
    return next(_fixtures(rule, expect), None)


def _fixtures(rule: Rule, expect: str) -> Iterator[Document]:
    """The documents of the rule's tests that expect `expect`, in order, built lazily."""
    from placecheck.loading import load_path
    from placecheck.model.derive import derive
    from placecheck.rules.testing import patched

    for test in rule.tests:
        if test.get("expect") != expect:
            continue
        fixture = Path(rule.file).parent / "fixtures" / test["proposal"]
        doc = patched(load_path(fixture), test)
        derive(doc.data)
        yield doc


def _trace(rule: Rule, doc: Document) -> list[Node]:
    from placecheck.rules.engine import trace_rule

    return trace_rule(rule, doc.data)[1]


def _placed(example: str, data: Any) -> str:
    """The example under the parents its first key has in `data` (as is if at the top)."""
    import yaml

    text = example.rstrip() + "\n"
    try:
        parsed = yaml.safe_load(text)
    except yaml.YAMLError:
        return text
    if not isinstance(parsed, dict) or not isinstance(data, dict) or not parsed:
        return text
    first = next(iter(parsed))
    if first in data:
        return text
    path = _find_key(data, first, ())
    if path is None:
        return text
    kept: dict[str, Any] = {}
    for key, value in parsed.items():
        _put(kept, data, (*path, key), value, {})
    return _dump(kept)


def _find_key(data: Any, key: str, path: PathKey) -> PathKey | None:
    """The path of the first mapping holding `key`, breadth first."""
    level: list[tuple[PathKey, Any]] = [(path, data)]
    while level:
        following: list[tuple[PathKey, Any]] = []
        for where, value in level:
            if isinstance(value, dict):
                if key in value:
                    return where
                following += [((*where, k), v) for k, v in value.items()]
            elif isinstance(value, list):
                following += [((*where, i), v) for i, v in enumerate(value)]
        level = following
    return None


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
        # Cut where what is left is still YAML (not inside a quoted or wrapped value), so
        # the example can be pasted into a proposal as it is.
        keep = MAX_LINES
        while keep > 1 and not _parses("\n".join(lines[:keep])):
            keep -= 1
        lines = [*lines[:keep], "# ... (shortened)"]
    return "\n".join(lines) + "\n"


def _parses(text: str) -> bool:
    import yaml

    try:
        yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return True
