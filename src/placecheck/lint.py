"""Lint files: find proposals, load them, check their form, run the rules.

This is the pipeline load -> model -> rules -> findings; reporters take it
from here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from placecheck.findings import Finding, Location, Severity, sorted_findings
from placecheck.loading import DEFAULT_MAX_BYTES, Diagnostic, Document, LoadError, json_path
from placecheck.rules.pack import Rule

PROPOSAL_MARKER = re.compile(r"^placecheck\s*:", re.MULTILINE)
SKIP_DIRS = {".git", ".venv", "venv", "node_modules", "__pycache__", ".tox", ".mypy_cache"}
DEFAULT_MAX_FILES = 10_000


@dataclass
class FileResult:
    file: str
    kind: str = ""
    name: str = ""
    status: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: LoadError | None = None
    document: Document | None = None


@dataclass
class LintRun:
    results: list[FileResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted_findings([f for r in self.results for f in r.findings])

    @property
    def errors(self) -> list[LoadError]:
        return [r.error for r in self.results if r.error is not None]


def display_name(path: Path) -> str:
    """Paths are shown relative to the working directory where possible."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def discover(paths: Iterable[Path], max_files: int = DEFAULT_MAX_FILES) -> list[Path]:
    """Files named directly, plus proposals (YAML with `placecheck:`) under directories."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    if name.endswith((".yaml", ".yml")) and _looks_like_proposal(
                            Path(root) / name):
                        found.append(Path(root) / name)
                        if len(found) > max_files:
                            raise LoadError(str(path), f"more than {max_files:,} proposals "
                                            "under this directory; lint a smaller directory "
                                            "or raise max_files in the config")
        else:
            found.append(path)
    unique: dict[str, Path] = {}
    for item in found:
        unique.setdefault(os.path.normcase(os.path.abspath(item)), item)
    return list(unique.values())


def _looks_like_proposal(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return True  # let loading report why it cannot be read
    return bool(PROPOSAL_MARKER.search(head.decode("utf-8", "replace")))


def diagnostic_finding(doc_file: str, diag: Diagnostic) -> Finding:
    from placecheck.model.format_rules import FORMAT_RULES

    rule = FORMAT_RULES[diag.code]
    line, column = diag.position
    return Finding(
        rule_id=diag.code,
        severity=Severity.ERROR,
        message=diag.message,
        hint=diag.hint,
        location=Location(doc_file, line, column, json_path(diag.path)),
        title=rule.title,
        pack="format",
        family="format",
    )


def lint_document(doc: Document, rules: list[Rule]) -> list[Finding]:
    """Form findings and rule findings for one loaded document."""
    from placecheck.model.derive import derive
    from placecheck.model.validate import validate_document
    from placecheck.rules.engine import evaluate

    findings = [diagnostic_finding(doc.file, d) for d in doc.diagnostics]
    problems = validate_document(doc)
    findings += [diagnostic_finding(doc.file, d) for d in problems]
    if any(d.code in ("F005", "F009") and not d.path for d in problems) or any(
            d.path == ("placecheck",) for d in problems):
        return findings  # not a version-1 proposal: the rules would only add noise
    kind = doc.data.get("kind")
    derive(doc.data)
    if kind == "place":
        findings += evaluate([r for r in rules if r.applies_to == "place"], doc)
    elif kind == "system":
        places = doc.data.get("places")
        for i, entry in enumerate(places if isinstance(places, list) else []):
            if isinstance(entry, dict):
                derive(entry)
                findings += evaluate([r for r in rules if r.applies_to == "place"], doc,
                                     entry, ("places", i))
    return findings


def lint_paths(paths: list[Path], rules: list[Rule], max_bytes: int = DEFAULT_MAX_BYTES,
               max_files: int = DEFAULT_MAX_FILES) -> LintRun:
    from placecheck.loading import load_path

    run = LintRun()
    for path in discover(paths, max_files):
        name = display_name(path)
        result = FileResult(file=name)
        try:
            doc = load_path(path, name, max_bytes)
        except LoadError as exc:
            result.error = exc
            run.results.append(result)
            continue
        result.document = doc
        result.kind = str(doc.data.get("kind", ""))
        result.name = _place_name(doc.data)
        result.status = str(doc.data.get("status", ""))
        result.findings = lint_document(doc, rules)
        run.results.append(result)
    return run


def _place_name(data: dict[str, Any]) -> str:
    place = data.get("place")
    if isinstance(place, dict) and isinstance(place.get("name"), str):
        return str(place["name"])
    ics = data.get("ics")
    if isinstance(ics, dict) and isinstance(ics.get("name"), str):
        return str(ics["name"])
    return ""
