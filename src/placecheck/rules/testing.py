"""Rule tests: each rule carries passing and failing cases, run by `placecheck rules test`.

A test starts from a fixture proposal in the pack's `fixtures/` folder and may
change it before the rule runs:

    tests:
      - name: no VCSE member
        expect: fail                 # pass | fail
        proposal: clean.yaml         # a file in fixtures/
        remove: ["$.governance[0].members[?represents=vcse]"]
        set: {"$.place.population": 120000}
        messages: ["VCSE"]           # optional: text each finding must contain
        count: 1                     # optional: exactly this many findings
"""

from __future__ import annotations

import copy
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from placecheck.loading import Document, LoadError, load_path
from placecheck.rules.pack import Pack, PackError, Rule, load_pack, shipped_pack_dirs
from placecheck.rules.paths import CompiledPath, Scope, compile_path


@dataclass
class Misfire:
    rule: Rule
    test_index: int
    name: str
    problem: str

    def __str__(self) -> str:
        line, _ = self.rule.test_positions[self.test_index]
        return f"{self.rule.file}:{line}: {self.rule.id} test {self.name!r}: {self.problem}"


@dataclass
class PackTestResult:
    pack: Pack
    tests: int
    misfires: list[Misfire]


def patched(doc: Document, test: dict[str, Any]) -> Document:
    data = copy.deepcopy(doc.data)
    for path_text in test.get("remove", []):
        scope = Scope(data)
        nodes = scope.select(path_text)
        if not nodes:
            raise ValueError(f"`remove: {path_text}` matches nothing in the fixture")
        for node in sorted(nodes, key=lambda n: n.path, reverse=True):
            parent = _at(data, node.path[:-1])
            del parent[node.path[-1]]
    for path_text, value in (test.get("set") or {}).items():
        compiled = compile_path(path_text)
        last = compiled.segments[-1] if compiled.segments else None
        if last is None or last.kind not in ("key", "index"):
            raise ValueError(f"`set: {path_text}` must end in a key or an index")
        parent_path = CompiledPath(compiled.text, compiled.root, compiled.segments[:-1])
        parents = Scope(data).select(parent_path)
        if not parents:
            raise ValueError(f"`set: {path_text}`: its parent is not in the fixture")
        for parent in parents:
            target = parent.value
            if last.kind == "key" and isinstance(target, dict):
                target[last.key] = copy.deepcopy(value)
            elif last.kind == "index" and isinstance(target, list):
                if last.index == len(target):
                    target.append(copy.deepcopy(value))
                else:
                    target[last.index] = copy.deepcopy(value)
            else:
                raise ValueError(f"`set: {path_text}`: the parent is not a "
                                 f"{'mapping' if last.kind == 'key' else 'list'}")
    return Document(file=doc.file, data=data, positions=doc.positions,
                    key_positions=doc.key_positions, raw_scalars=doc.raw_scalars)


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def run_rule_tests(rule: Rule, fixtures: Path, cache: dict[str, Document],
                   all_rules: list[Rule]) -> tuple[int, list[Misfire]]:
    from placecheck.lint import lint_document

    misfires: list[Misfire] = []
    expectations = {t.get("expect") for t in rule.tests}
    if not {"pass", "fail"} <= expectations:
        misfires.append(Misfire(rule, 0, "(all)", "needs at least one passing and one "
                                "failing test"))
    for index, test in enumerate(rule.tests):
        name = test.get("name") or f"#{index + 1}"
        fixture = fixtures / test["proposal"]
        try:
            key = str(fixture)
            if key not in cache:
                cache[key] = load_path(fixture)
            doc = patched(cache[key], test)
        except (LoadError, ValueError, KeyError, IndexError, TypeError) as exc:
            misfires.append(Misfire(rule, index, name, f"cannot prepare the fixture: {exc}"))
            continue
        findings = lint_document(doc, [rule])
        form = [f for f in findings if f.pack == "format"]
        if form:
            first = form[0]
            misfires.append(Misfire(rule, index, name, "the patched fixture is not a valid "
                                    f"proposal: {first.rule_id} {first.message} "
                                    f"({first.location.json_path})"))
            continue
        mine = [f for f in findings if f.rule_id == rule.id]
        if test["expect"] == "pass" and mine:
            misfires.append(Misfire(rule, index, name, "expected no finding, but the rule "
                                    f"fired: {mine[0].message} ({mine[0].location.json_path})"))
        elif test["expect"] == "fail":
            if not mine:
                misfires.append(Misfire(rule, index, name, "expected a finding, but the rule "
                                        "did not fire"))
            elif "count" in test and len(mine) != test["count"]:
                misfires.append(Misfire(rule, index, name, f"expected {test['count']} "
                                        f"finding(s), got {len(mine)}: "
                                        + "; ".join(f.message for f in mine)))
            else:
                for text in test.get("messages", []):
                    if not any(text.lower() in f.message.lower() for f in mine):
                        misfires.append(Misfire(rule, index, name, f"no finding says {text!r}; "
                                                "got: " + "; ".join(f.message for f in mine)))
    return len(rule.tests), misfires


def check_pack(pack: Pack) -> PackTestResult:
    fixtures = pack.directory / "fixtures"
    cache: dict[str, Document] = {}
    total = 0
    misfires: list[Misfire] = []
    for rule in pack.rules:
        count, found = run_rule_tests(rule, fixtures, cache, pack.rules)
        total += count
        misfires.extend(found)
    return PackTestResult(pack, total, misfires)


def run_pack_tests(paths: list[Path]) -> bool:
    directories = paths or list(shipped_pack_dirs().values())
    ok = True
    for directory in directories:
        try:
            pack = load_pack(directory)
        except PackError as exc:
            print(f"placecheck: {exc}", file=sys.stderr)
            return False
        result = check_pack(pack)
        for misfire in result.misfires:
            print(f"MISFIRE {misfire}")
        status = "ok" if not result.misfires else f"{len(result.misfires)} misfire(s)"
        print(f"{pack.id}: {len(pack.rules)} rules, {result.tests} tests, {status}")
        ok = ok and not result.misfires
    return ok
