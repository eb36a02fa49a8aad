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
        at: governance[0].members    # where the finding points; a list, one per finding

`at:` is written as placecheck writes paths (`governance[0].members`, `$` for
the document itself). The shipped packs must give it on every failing test;
a user's pack may leave it out.
"""

from __future__ import annotations

import copy
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from placecheck.findings import Finding
from placecheck.loading import Document, LoadError, load_path
from placecheck.rules.pack import Pack, PackError, Rule, load_pack, shipped_pack_dirs
from placecheck.rules.path_syntax import CompiledPath, compile_path
from placecheck.rules.paths import Scope


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
                   all_rules: list[Rule], *, require_at: bool = False,
                   catalogue: set[str] | None = None) -> tuple[int, list[Misfire]]:
    """Run one rule's tests; each problem is a misfire.

    `require_at`: a failing test must say where its findings point.
    `catalogue`: the catalogue lines the rule's findings may name.
    """
    from placecheck.lint import lint_document

    misfires: list[Misfire] = []
    expectations = {t.get("expect") for t in rule.tests}
    if not {"pass", "fail"} <= expectations:
        misfires.append(Misfire(rule, 0, "(all)", "needs at least one passing and one "
                                "failing test"))
    for problem in _catalogue_problems(rule, catalogue):
        misfires.append(Misfire(rule, 0, "(all)", problem))
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
        problems = [p for f in findings if (p := _foreign(rule, f))]
        mine = [f for f in findings if f.rule_id == rule.id]
        if test["expect"] == "pass":
            if mine:
                problems.append("expected no finding, but the rule fired: "
                                f"{mine[0].message} ({mine[0].location.json_path})")
            if "at" in test:
                problems.append("`at:` says where a finding points; a passing test has none")
        else:
            problems += _failing_problems(test, mine, require_at)
        misfires += [Misfire(rule, index, name, problem) for problem in problems]
    return len(rule.tests), misfires


def _foreign(rule: Rule, finding: Finding) -> str:
    """What is wrong with a finding that claims another rule or other catalogue lines."""
    if finding.rule_id != rule.id:
        return f"a finding from {finding.rule_id}, not {rule.id}: {finding.message}"
    if finding.implements != rule.implements:
        return (f"the finding names catalogue lines {', '.join(finding.implements) or 'none'}, "
                f"but the rule implements {', '.join(rule.implements)}")
    return ""


def _catalogue_problems(rule: Rule, catalogue: set[str] | None) -> list[str]:
    if catalogue is None:
        return []
    unknown = [line for line in rule.implements if line not in catalogue]
    return [f"implements {line}, which is not a line of the pack's catalogue"
            for line in unknown]


def _failing_problems(test: dict[str, Any], mine: list[Finding], require_at: bool) -> list[str]:
    if not mine:
        return ["expected a finding, but the rule did not fire"]
    if "count" in test and len(mine) != test["count"]:
        return [f"expected {test['count']} finding(s), got {len(mine)}: "
                + "; ".join(f.message for f in mine)]
    problems = [f"no finding says {text!r}; got: " + "; ".join(f.message for f in mine)
                for text in test.get("messages", [])
                if not any(text.lower() in f.message.lower() for f in mine)]
    if "at" in test:
        problems += _where_problems(test["at"], mine)
    elif require_at:
        problems.append("a failing test of a shipped pack must say where its finding points "
                        f"(`at:`); this one points at {_and(_got(mine))}")
    return problems


def _where_problems(at: str | list[str], mine: list[Finding]) -> list[str]:
    got = Counter(_canonical(f.location.json_path) for f in mine)
    if isinstance(at, str):
        wanted = _canonical(at)
        elsewhere = [f for f in mine if _canonical(f.location.json_path) != wanted]
        if not elsewhere:
            return []
        return [f"expected a finding at {_shown(wanted)}, got {_and(_got(elsewhere))}"]
    wanted_all = Counter(_canonical(path) for path in at)
    missing = wanted_all - got
    extra = got - wanted_all
    if not missing and not extra:
        return []
    unexpected = [f for f in mine if _canonical(f.location.json_path) in extra]
    if not missing:
        return [f"expected findings only at {_and([_shown(p) for p in at])}, "
                f"also got {_and(_got(unexpected))}"]
    return [f"expected a finding at {_and([_shown(p) for p in missing.elements()])}, got "
            + (_and(_got(unexpected)) if unexpected else "none there")]


def _canonical(path: str) -> str:
    """`governance[0]`, `$.governance[0]` and `.governance[0]` are one place; `$` the root."""
    text = path.strip()
    if text in ("", "$"):
        return "$"
    return text if text.startswith("$") else "$." + text.lstrip(".")


def _shown(path: str) -> str:
    """A JSON path as placecheck writes it for people: `governance[0].members`."""
    text = _canonical(path)
    return re.sub(r"^\$\.?", "", text) or "$"


def _got(findings: list[Finding]) -> list[str]:
    return [f"{_shown(f.location.json_path)} (line {f.location.line})" for f in findings]


def _and(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


def check_pack(pack: Pack, require_at: bool = False) -> PackTestResult:
    fixtures = pack.directory / "fixtures"
    cache: dict[str, Document] = {}
    catalogue = catalogue_lines(pack)
    total = 0
    misfires: list[Misfire] = []
    for rule in pack.rules:
        count, found = run_rule_tests(rule, fixtures, cache, pack.rules,
                                      require_at=require_at, catalogue=catalogue)
        total += count
        misfires.extend(found)
    return PackTestResult(pack, total, misfires)


def catalogue_lines(pack: Pack) -> set[str] | None:
    """The lines a pack's rules may implement: its own and those of the packs it extends.

    None when the pack has no catalogue, so that a pack without one is not held to it.
    """
    if not pack.catalogue:
        return None
    lines = set(pack.catalogue)
    shipped = shipped_pack_dirs()
    for extended in pack.extends:
        if extended in shipped:
            lines |= set(load_pack(shipped[extended]).catalogue)
    return lines


def is_shipped(pack: Pack) -> bool:
    return pack.directory.resolve() in {d.resolve() for d in shipped_pack_dirs().values()}


def run_pack_tests(paths: list[Path]) -> bool:
    directories = paths or list(shipped_pack_dirs().values())
    ok = True
    for directory in directories:
        try:
            pack = load_pack(directory)
        except PackError as exc:
            print(f"placecheck: {exc}", file=sys.stderr)
            return False
        result = check_pack(pack, require_at=is_shipped(pack))
        for misfire in result.misfires:
            print(f"MISFIRE {misfire}")
        status = "ok" if not result.misfires else f"{len(result.misfires)} misfire(s)"
        print(f"{pack.id}: {len(pack.rules)} rules, {result.tests} tests, {status}")
        ok = ok and not result.misfires
    return ok
