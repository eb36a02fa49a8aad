"""Lint files: find proposals, load them, check their form, run the rules.

This is the pipeline load -> model -> rules -> findings; reporters take it
from here.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from placecheck.collecting import collector_paused
from placecheck.discovery import DEFAULT_MAX_FILES as DEFAULT_MAX_FILES  # re-exported
from placecheck.discovery import discover as discover  # where progress and report find it
from placecheck.discovery import find
from placecheck.findings import Finding, Location, Severity, sorted_findings
from placecheck.loading import DEFAULT_MAX_BYTES, Diagnostic, Document, LoadError, json_path
from placecheck.rules.pack import Rule


@dataclass(slots=True)  # one per file linted, kept to the end of the run
class FileResult:
    """What linting one file gave: its kind, name and status, findings, or the error."""

    file: str
    kind: str = ""
    name: str = ""
    status: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: LoadError | None = None
    document: Document | None = None


@dataclass
class LintRun:
    """Every file's result from one run, in the order the files were linted."""

    results: list[FileResult] = field(default_factory=list)
    # YAML files under the folders given that are not proposals, so were not linted.
    not_proposals: list[Path] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return sorted_findings([f for r in self.results for f in r.findings])

    @property
    def errors(self) -> list[LoadError]:
        return [r.error for r in self.results if r.error is not None]


def display_name(path: Path) -> str:
    """Paths are shown relative to the working directory where possible."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def diagnostic_finding(doc_file: str, diag: Diagnostic) -> Finding:
    from placecheck.model.format_rules import FORMAT_RULES

    rule = FORMAT_RULES[diag.code]
    line, column = diag.position
    return Finding(
        rule_id=diag.code,
        severity=Severity.parse(rule.severity),
        message=diag.message,
        hint=diag.hint,
        location=Location(doc_file, line, column, json_path(diag.path)),
        title=rule.title,
        pack="format",
        family="format",
    )


def real_path(path: Path) -> Path:
    """The resolved path; a symlink loop or an unresolvable path stays as written."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def repository_root(path: Path) -> Path:
    """The nearest ancestor holding `.git`; else the file's own directory."""
    start = real_path(path).parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return start


class PlaceCache:
    """Place files loaded once per run, by their real path."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self.documents: dict[Path, Document | LoadError] = {}

    def load(self, path: Path) -> Document | LoadError:
        from placecheck.loading import load_path

        real = real_path(path)
        if real not in self.documents:
            try:
                self.documents[real] = load_path(path, display_name(path), self.max_bytes,
                                                 notes=True)
            except LoadError as exc:
                self.documents[real] = exc
        return self.documents[real]


def resolve_places(doc: Document, cache: PlaceCache
                   ) -> tuple[list[Any], list[Diagnostic], list[Path]]:
    """The places a system lists: (PlaceRefs, problems found, place files to lint)."""
    from placecheck.rules.system_checks import PlaceRef

    refs: list[PlaceRef] = []
    problems: list[Diagnostic] = []
    files: list[Path] = []
    entries = doc.data.get("places")
    system_file = Path(doc.file)
    root = real_path(repository_root(system_file))

    def problem(i: int, message: str, hint: str) -> None:
        problems.append(Diagnostic("F010", message, ("places", i), doc.position(("places", i)),
                                   hint))

    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        if isinstance(entry, dict):
            name = (entry.get("place") or {}).get("name") if isinstance(
                entry.get("place"), dict) else None
            refs.append(PlaceRef(("places", i), str(name or f"place {i + 1}"), entry, doc,
                                 ("places", i)))
            continue
        if not isinstance(entry, str):
            continue
        if os.path.isabs(entry) or entry.startswith("~"):
            problem(i, f"`{entry}` is an absolute path; places are listed relative to the "
                    "system file", "Write the path relative to this file, e.g. places/x.yaml.")
            continue
        candidate = system_file.parent / entry
        real = real_path(candidate)
        if not real.is_relative_to(root):
            problem(i, f"`{entry}` leads outside the repository; placecheck does not read "
                    "files there", "Keep place files inside the repository.")
            continue
        if not candidate.is_file():
            problem(i, f"`{entry}` does not exist (looked for {display_name(candidate)})",
                    "Correct the path, relative to the system file.")
            continue
        loaded = cache.load(candidate)
        if isinstance(loaded, LoadError):
            problem(i, f"`{entry}` cannot be read: {loaded.message}", "Fix that file first.")
            continue
        if loaded.data.get("kind") != "place":
            problem(i, f"`{entry}` is not a place proposal (kind: "
                    f"{loaded.data.get('kind')!s})", "List only `kind: place` files here.")
            continue
        refs.append(PlaceRef(("places", i), entry, loaded.data, loaded))
        files.append(candidate)
    return refs, problems, files


def lint_document(doc: Document, rules: list[Rule],
                  cache: PlaceCache | None = None) -> list[Finding]:
    """Form findings and rule findings for one loaded document."""
    findings, _ = lint_document_and_places(doc, rules, cache)
    return findings


def lint_document_and_places(doc: Document, rules: list[Rule], cache: PlaceCache | None = None
                             ) -> tuple[list[Finding], list[Path]]:
    from placecheck.model.derive import derive
    from placecheck.model.validate import validate_document
    from placecheck.rules.engine import evaluate

    findings = [diagnostic_finding(doc.file, d) for d in doc.diagnostics]
    problems = validate_document(doc)
    findings += [diagnostic_finding(doc.file, d) for d in problems]
    if any(d.code in ("F005", "F009") and not d.path for d in problems) or any(
            d.path == ("placecheck",) for d in problems):
        return findings, []  # not a version-1 proposal: the rules would only add noise
    kind = doc.data.get("kind")
    derive(doc.data)
    place_rules = [r for r in rules if r.applies_to == "place"]
    if kind == "place":
        return _explained(doc, findings + evaluate(place_rules, doc), rules), []
    if kind != "system":
        return findings, []
    refs, place_problems, files = resolve_places(doc, cache or PlaceCache())
    findings += [diagnostic_finding(doc.file, d) for d in place_problems]
    for ref in refs:
        derive(ref.data)
        if ref.document is doc:  # inline places are linted here; files on their own
            findings += evaluate(place_rules, doc, ref.data, ref.prefix)
    system_rules = [r for r in rules if r.applies_to == "system"]
    findings += evaluate(system_rules, doc, context={"places": refs})
    return _explained(doc, findings, rules), files


def _explained(doc: Document, findings: list[Finding], rules: list[Rule]) -> list[Finding]:
    from placecheck.departures import apply_departures, rule_waivability

    findings, problems = apply_departures(doc, findings, rule_waivability(rules))
    return findings + [diagnostic_finding(doc.file, d) for d in problems]


def lint_paths(paths: list[Path], rules: list[Rule], max_bytes: int = DEFAULT_MAX_BYTES,
               max_files: int = DEFAULT_MAX_FILES, proposals_only: bool = False,
               on_file: Callable[[Path], None] | None = None,
               keep_documents: bool = False, jobs: int = 1) -> LintRun:
    """Lint files and directories; `on_file` is called once per file linted (progress).

    Each document is dropped once linted, unless `keep_documents` (reports need them).
    With `jobs` > 1 and enough files, files are linted in that many processes.
    """
    run = LintRun()
    cache = PlaceCache(max_bytes)
    found = find(paths, max_files, proposals_only)
    run.not_proposals = found.not_proposals
    # The queue holds the only list of the files, so each is let go once linted.
    queue: deque[Path] = deque(found.proposals)
    del found
    done: set[str] = set()  # real paths as text: a fifth of the memory of Path objects
    if jobs > 1 and not keep_documents and len(queue) >= PARALLEL_MIN_FILES_PER_JOB * jobs:
        files = list(queue)
        queue.clear()
        from placecheck.parallel import Pool

        for path, result, places in Pool(_lint_alone, rules, max_bytes, jobs).run(files):
            done.add(str(real_path(path)))
            if on_file is not None:
                on_file(path)
            run.results.append(result)
            queue.extend(places)  # a system's places, linted below if no one has yet
        queue = deque(p for p in queue if str(real_path(p)) not in done)
    while queue:
        path = queue.popleft()
        real = str(real_path(path))
        if real in done:
            continue
        done.add(real)
        if on_file is not None:
            on_file(path)
        result, places = _lint_file(path, rules, max_bytes, cache)
        queue.extend(p for p in places if str(real_path(p)) not in done)
        if not keep_documents:
            result.document = None
        run.results.append(result)
    return run


PARALLEL_MIN_FILES_PER_JOB = 4


def _lint_file(path: Path, rules: list[Rule], max_bytes: int,
               cache: PlaceCache) -> tuple[FileResult, list[Path]]:
    result = FileResult(file=display_name(path))
    with collector_paused():  # see collecting.py
        loaded = cache.documents.get(real_path(path)) or _load(path, result.file, max_bytes)
        if isinstance(loaded, LoadError):
            result.error = loaded
            return result, []
        result.document = loaded
        result.kind = str(loaded.data.get("kind", ""))
        result.name = _place_name(loaded.data)
        result.status = str(loaded.data.get("status", ""))
        result.findings, places = lint_document_and_places(loaded, rules, cache)
    return result, places


def _lint_alone(path: Path, rules: list[Rule], max_bytes: int
                ) -> tuple[FileResult, list[Path]]:
    """One file in a process of its own (see `parallel`): no document comes back."""
    result, places = _lint_file(path, rules, max_bytes, PlaceCache(max_bytes))
    result.document = None
    return result, places


def _load(path: Path, name: str, max_bytes: int) -> Document | LoadError:
    from placecheck.loading import load_path

    try:
        return load_path(path, name, max_bytes, notes=True)
    except LoadError as exc:
        return exc


def _place_name(data: dict[str, Any]) -> str:
    """The place's name, or for a system the ICS's."""
    for key in ("place", "ics"):
        part = data.get(key)
        if isinstance(part, dict) and isinstance(part.get("name"), str):
            return str(part["name"])
    return ""
