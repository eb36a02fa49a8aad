"""Rule packs: directories of YAML rule files, validated before anything runs.

    rules/thriving-places/
      pack.yaml          the manifest: id, title, what it extends
      membership.yaml    `rules:` — a list of rules
      fixtures/          proposals the rules' tests start from
      sources.yaml       optional: extra guidance documents this pack cites

A broken pack stops placecheck with the file, line and column of the problem
(exit 2): a rule that cannot be trusted must not run quietly.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from placecheck.findings import Citation, Severity
from placecheck.loading import Document, LoadError
from placecheck.resources import bundled
from placecheck.rules.rule_refs import TEMPLATE_FIELD as TEMPLATE_FIELD  # for listing
from placecheck.rules.rule_refs import check_paths, check_templates

TYPE_CHECKING = False
if TYPE_CHECKING:  # the registry is read only when a pack is loaded afresh
    from placecheck.rules.sources import Registry



class PackError(LoadError):
    """A rule pack is broken: reported like a YAML error, exit 2."""


@dataclass(frozen=True)
class Part:
    """One check of a rule, with its own message and hint (a rule has one or more)."""

    check: dict[str, Any]
    message: str
    hint: str = ""
    name: str = ""
    severity: Severity | None = None


@dataclass(frozen=True)
class Rule:
    """A rule from a pack, validated and compiled, with its citations resolved."""

    id: str
    title: str
    severity: Severity
    family: str
    implements: tuple[str, ...]
    applies_to: str
    waivable: bool
    rationale: str
    citations: tuple[Citation, ...]
    parts: tuple[Part, ...]
    pack: str
    file: str
    line: int
    for_each: tuple[str, str] | None = None  # (path, variable)
    when: dict[str, Any] | None = None
    not_applicable: str = ""  # why it does not apply, for the self-assessment
    example: str = ""
    tests: tuple[dict[str, Any], ...] = ()
    test_positions: tuple[tuple[int, int], ...] = ()


@dataclass
class Pack:
    """A rule pack: its manifest and its rules."""

    id: str
    title: str
    directory: Path
    description: str = ""
    extends: tuple[str, ...] = ()
    enabled_by_default: bool = True
    catalogue: dict[str, str] = field(default_factory=dict)
    not_checked: dict[str, str] = field(default_factory=dict)
    rules: list[Rule] = field(default_factory=list)


@cache
def _schema_validator(name: str) -> Any:
    import jsonschema

    schema = json.loads((bundled("schemas") / name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def shipped_pack_dirs() -> dict[str, Path]:
    """The packs that come with placecheck, by id (directory name)."""
    root = bundled("rules")
    found: dict[str, Path] = {}
    for manifest in sorted(root.glob("**/pack.yaml")):
        found[manifest.parent.name] = manifest.parent
    return found


@cache
def shipped_registry() -> Registry:
    from placecheck.rules.sources import load_registry

    return load_registry(bundled("rules") / "sources.yaml")


def load_pack(directory: Path, registry: Registry | None = None, cache: bool = True) -> Pack:
    """Load and validate one pack directory (once per process).

    A pack checked in an earlier run with exactly the same files, code and data
    is taken from `pack_cache` unless `cache` is false (see README, Caching).
    """
    if registry is not None:
        return _load_pack(directory, registry)
    key = directory.resolve()
    if key not in _LOADED:
        from placecheck.rules.pack_cache import cached

        # messages keep the path as given
        _LOADED[key] = cached(directory, lambda: _load_pack(directory, None), Pack, cache)
    return _LOADED[key]


_LOADED: dict[Path, Pack] = {}


def _pack_from_manifest(directory: Path, data: dict[str, Any], rules: list[Rule]) -> Pack:
    return Pack(
        id=data["pack"],
        title=data["title"],
        directory=directory,
        description=data.get("description", ""),
        extends=tuple(data.get("extends", ())),
        enabled_by_default=data.get("enabled_by_default", True),
        catalogue=dict(data.get("catalogue", {})),
        not_checked=dict(data.get("not_checked", {})),
        rules=rules,
    )


def _load_pack(directory: Path, registry: Registry | None) -> Pack:
    manifest_path = directory / "pack.yaml"
    if not manifest_path.is_file():
        raise PackError(str(directory), "not a rule pack: it has no pack.yaml")
    manifest = _load_validated(manifest_path, "pack.schema.json")
    registry = registry or shipped_registry()
    local_sources = directory / "sources.yaml"
    if local_sources.is_file():
        from placecheck.rules.sources import load_registry

        registry = registry.merge(load_registry(local_sources))
    pack = _pack_from_manifest(directory, manifest.data, [])
    for rule_file in sorted(directory.glob("*.yaml")):
        if rule_file.name in ("pack.yaml", "sources.yaml"):
            continue
        pack.rules.extend(_load_rule_file(rule_file, pack.id, registry))
    seen: dict[str, Rule] = {}
    for rule in pack.rules:
        if rule.id in seen:
            raise PackError(rule.file, f"rule id {rule.id} is used twice in pack {pack.id} "
                            f"(also at {seen[rule.id].file}:{seen[rule.id].line})", rule.line, 1)
        seen[rule.id] = rule
    return pack


def _load_validated(path: Path, schema_name: str) -> Document:
    """Load a pack file and check it against its schema."""
    from placecheck.loading import decode_text, load_text

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PackError(str(path), f"cannot read the rule file ({exc.strerror or exc})") from None
    doc = load_text(decode_text(raw, str(path)), str(path))
    if doc.diagnostics:
        first = doc.diagnostics[0]
        raise PackError(doc.file, first.message, *first.position)
    _validate(doc, schema_name)
    return doc


def _validate(doc: Document, schema_name: str) -> None:
    from placecheck.rules.rule_file_errors import explain

    validator = _schema_validator(schema_name)
    errors = sorted(validator.iter_errors(doc.data), key=lambda e: list(e.absolute_path))
    if not errors:
        return
    path, message = explain(min(errors, key=lambda e: -len(e.absolute_path)))
    line, column = doc.key_position(path) if path else (1, 1)
    raise PackError(doc.file, f"invalid {_KINDS.get(schema_name, 'file')}: {message}",
                    line, column)


_KINDS = {"rule.schema.json": "rule file", "pack.schema.json": "pack.yaml"}


def _load_rule_file(path: Path, pack_id: str, registry: Registry) -> list[Rule]:
    doc = _load_validated(path, "rule.schema.json")
    rules = []
    for index, raw in enumerate(doc.data["rules"]):
        rules.append(_build_rule(doc, index, raw, pack_id, registry))
    return rules


def _build_rule(doc: Document, index: int, raw: dict[str, Any], pack_id: str,
                registry: Registry) -> Rule:
    def fail(message: str, *where: str | int) -> PackError:
        line, column = doc.key_position(("rules", index, *where))
        return PackError(doc.file, f"rule {raw['id']}: {message}", line, column)

    citations = []
    for i, entry in enumerate(raw["citations"]):
        problem = registry.problem(entry["source"], entry["section"])
        if problem:
            raise fail(problem, "citations", i)
        citations.append(registry.resolve(entry))

    variables: set[str] = set()
    for_each = None
    if "for_each" in raw:
        for_each = (raw["for_each"]["path"], raw["for_each"]["as"])
        variables.add(for_each[1])
        check_paths({"path": for_each[0]}, variables - {for_each[1]}, fail, "for_each")

    if "checks" in raw:
        parts = tuple(
            Part(
                check=p["check"],
                message=p["message"],
                hint=p.get("hint", raw.get("hint", "")),
                name=p.get("name", ""),
                severity=Severity.parse(p["severity"]) if "severity" in p else None,
            )
            for p in raw["checks"]
        )
        where: list[tuple[str | int, ...]] = [("checks", i) for i in range(len(parts))]
        # A part without a hint of its own uses the rule's, which is written on the rule.
        hints_at = [w if "hint" in p else () for w, p in zip(where, raw["checks"], strict=True)]
    else:
        parts = (Part(check=raw["check"], message=raw["message"], hint=raw.get("hint", "")),)
        where = hints_at = [()]
    for part, at, hint_at in zip(parts, where, hints_at, strict=True):
        check_paths(part.check, variables, fail, *at, "check")
        check_templates(part.check, part.message, part.hint, variables, fail, at, hint_at)
    if "when" in raw:
        check_paths(raw["when"], variables, fail, "when")

    tests = tuple(raw["tests"])
    test_positions = tuple(doc.position(("rules", index, "tests", i)) for i in range(len(tests)))
    return Rule(
        id=raw["id"],
        title=raw["title"],
        severity=Severity.parse(raw["severity"]),
        family=raw["family"],
        implements=tuple(raw["implements"]),
        applies_to=raw.get("applies_to", "place"),
        waivable=raw.get("waivable", True),
        rationale=raw["rationale"].strip(),
        citations=tuple(citations),
        parts=parts,
        pack=pack_id,
        file=doc.file,
        line=doc.position(("rules", index))[0],
        for_each=for_each,
        when=raw.get("when"),
        not_applicable=raw.get("not_applicable", "").strip(),
        example=raw.get("example", ""),
        tests=tests,
        test_positions=test_positions,
    )
