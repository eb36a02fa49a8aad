"""Data flows one way: load → model → rules → findings → reporters → cli.

Every import between placecheck's modules is read from the source with `ast`
(at the top of a module, inside functions, and under `TYPE_CHECKING`), and

- no module may import one of a later stage;
- no group of modules may import each other in a cycle.

The stages, earliest first (a module belongs to the longest prefix listed):

| stage     | modules                                                                  |
| --------- | ------------------------------------------------------------------------ |
| shared    | placecheck (the package), safety, resources, findings (the types every   |
|           | stage passes on), data                                                   |
| loading   | loading (read, decode, compose YAML with positions), discovery (which    |
|           | files are proposals), geography and geography_names (ONS reference data, |
|           | read from JSON; how council and ICB names and codes are compared)        |
| model     | model.* (the format: pydantic models, vocabulary of tokens, validation), |
|           | field_kinds (what kind of value each field takes, from the JSON Schema)  |
| rules     | rules.* (packs, the path language, the check vocabulary, evaluation),    |
|           | footprint (the lowest-tier areas a place covers)                         |
| findings  | lint, departures, baseline, progress (a lint run and what it found),     |
|           | config and configured (each file's configuration), fixing (--fix)        |
| reporters | reporters.*, report.*, assess, rules.testing / examples / listing (what  |
|           | the `rules test`, `explain` and `rules` commands show)                   |
| cli       | cli, entry, __main__, init_template                                      |

Shared modules import nothing of the later stages, so any stage may use them.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "placecheck"

STAGES = ["shared", "loading", "model", "rules", "findings", "reporters", "cli"]
PLACES = {
    "placecheck": "shared", "placecheck.safety": "shared", "placecheck.resources": "shared",
    "placecheck.findings": "shared", "placecheck.data": "shared",
    "placecheck.collecting": "shared",
    "placecheck.loading": "loading", "placecheck.discovery": "loading",
    "placecheck.geography": "loading", "placecheck.geography_names": "loading",
    "placecheck.model": "model", "placecheck.field_kinds": "model",
    "placecheck.rules": "rules", "placecheck.footprint": "rules",
    "placecheck.lint": "findings", "placecheck.parallel": "findings",
    "placecheck.departures": "findings",
    "placecheck.config": "findings", "placecheck.configured": "findings",
    "placecheck.fixing": "findings",
    "placecheck.baseline": "findings", "placecheck.progress": "findings",
    "placecheck.reporters": "reporters", "placecheck.report": "reporters",
    "placecheck.assess": "reporters", "placecheck.rules.testing": "reporters",
    "placecheck.rules.examples": "reporters", "placecheck.rules.listing": "reporters",
    "placecheck.cli": "cli", "placecheck.entry": "cli", "placecheck.__main__": "cli",
    "placecheck.init_template": "cli",
}

# Known at the time of writing, in modules this test does not own. Each entry must
# go once it is fixed: the test fails when a listed one no longer occurs.
KNOWN_BACKWARD: set[tuple[str, str]] = set()
KNOWN_CYCLES: list[set[str]] = []


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The placecheck modules `name` imports, wherever in the file the import is."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, *([base] if base else [])])
            for alias in node.names:
                # `from pkg import sub` imports the module pkg.sub; else a name of pkg.
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def stage(name: str) -> str:
    prefixes = [p for p in PLACES if name == p or name.startswith(p + ".")]
    return PLACES[max(prefixes, key=len)] if prefixes else "unplaced"


def cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(name: str) -> None:
        index[name] = low[name] = len(index)
        stack.append(name)
        for other in sorted(graph[name]):
            if other not in index:
                visit(other)
                low[name] = min(low[name], low[other])
            elif other in stack:
                low[name] = min(low[name], index[other])
        if low[name] == index[name]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == name:
                    break
            if len(group) > 1:
                groups.append(group)

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return groups


def test_the_analysis_sees_imports_inside_functions_and_relative_ones() -> None:
    assert "placecheck.rules.sources" in GRAPH["placecheck.rules.pack"]  # inside a function
    assert "placecheck.rules.rule_refs" in GRAPH["placecheck.rules.pack"]
    assert "placecheck.rules.paths" in GRAPH["placecheck.rules.checks"]


def test_every_module_has_a_stage() -> None:
    assert [name for name in MODULES if stage(name) == "unplaced"] == []


def test_no_module_imports_from_a_later_stage() -> None:
    backward = {(name, other) for name, others in GRAPH.items() for other in others
                if STAGES.index(stage(other)) > STAGES.index(stage(name))}
    new = sorted(backward - KNOWN_BACKWARD)
    assert new == [], "imports from a later stage: " + ", ".join(
        f"{a} ({stage(a)}) -> {b} ({stage(b)})" for a, b in new)
    assert sorted(KNOWN_BACKWARD - backward) == [], "fixed: remove from KNOWN_BACKWARD"


def test_no_import_cycles() -> None:
    found = cycles(GRAPH)
    new = [sorted(group) for group in found if group not in KNOWN_CYCLES]
    assert new == [], f"import cycles: {new}"
    assert [sorted(g) for g in KNOWN_CYCLES if g not in found] == [], \
        "fixed: remove from KNOWN_CYCLES"


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {name: set(others) for name, others in GRAPH.items()}
    graph["placecheck.safety"].add("placecheck.loading")
    assert any({"placecheck.safety", "placecheck.loading"} <= found for found in cycles(graph))
