"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One run. `driver.rules` lists every active rule (so an alert closes once its
rule stops firing) and the unreadable-file rule; one result per finding, and
one per file that could not be read.

GitHub reads SARIF its own way, and this follows it:
- it ignores `suppressions`, so an explained finding would be an open alert:
  explained findings are left out unless `sarif_include_explained` asks for
  them (then at level `none`, with an accepted suppression);
- it merges results of one rule on one line unless their
  `primaryLocationLineHash` differs: each result carries its own;
- it resolves URIs against the repository root: URIs are relative to the
  source root, named in `originalUriBaseIds` as `%SRCROOT%`;
- it keeps 5,000 results of a run: above `max_results`, the most severe are kept.

Text that comes from a proposal is passed through `printable`, so control
characters and bidi overrides arrive as visible escapes; JSON does the rest
(and `##[` is written as `##\\u005b`, which parses back to the same text).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from placecheck import PROJECT_URL, __version__
from placecheck.findings import Finding, Location, Severity
from placecheck.lint import LintRun
from placecheck.loading import LoadError
from placecheck.reporters.json_report import citation_dict
from placecheck.reporters.options import ReportOptions
from placecheck.reporters.paths import from_root, source_root
from placecheck.reporters.sarif_rules import (
    LEVEL,
    UNREADABLE,
    descriptors,
    notification_descriptor,
    text,
)

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "placecheckFingerprint/v1"
LINE_HASH_KEY = "primaryLocationLineHash"
AUTOMATION_ID = "placecheck/"
_RANK = {"error": 0, "warning": 1, "note": 2, "none": 3}


def _fingerprint(finding: Finding, file: str) -> str:
    try:
        return finding.fingerprint(file)
    except UnicodeEncodeError:  # a file name with undecodable bytes; same recipe otherwise
        raw = "\x1f".join((finding.rule_id, file, finding.location.json_path, finding.message))
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def artifact_location(file: str, root: str | None = None) -> dict[str, Any]:
    """A URI reference for a file: relative to the source root (anchored at %SRCROOT%)
    when it lies inside it, else an absolute `file://` URI.

    Backslashes become forward slashes and anything that is not allowed in a URI is
    percent-encoded (an undecodable byte in a file name goes back to that byte, %FF).
    """
    relative = from_root(file, root or source_root())
    if relative is None:
        path = str(Path(file).absolute()).replace("\\", "/")
        return {"uri": "file://" + ("" if path.startswith("/") else "/")
                + quote(path, safe="/:", errors="surrogateescape")}
    return {"uri": quote(relative, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


class _Lines:
    """Line lengths of the files results point at, for each region's end."""

    def __init__(self) -> None:
        self.files: dict[str, list[str] | None] = {}

    def end_column(self, location: Location) -> int:
        if location.file not in self.files:
            try:
                with open(location.file, encoding="utf-8", errors="replace") as handle:
                    self.files[location.file] = handle.read(50_000_000).splitlines()
            except (OSError, ValueError):
                self.files[location.file] = None
        lines = self.files[location.file]
        if lines is not None and location.line <= len(lines):
            end = len(lines[location.line - 1].rstrip()) + 1
            if end > location.column:
                return end
        return location.column + 1


def _physical_location(location: Location, root: str,
                       lines: _Lines | None = None) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(location.file, root)}
    if location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column >= 1:
            region["startColumn"] = location.column
            if lines is not None:
                region["endLine"] = location.line
                region["endColumn"] = lines.end_column(location)
        physical["region"] = region
    return physical


def _placed(location: Location) -> Location:
    """A location GitHub can show: a finding on the document as a whole is on line 1."""
    return location if location.line >= 1 else Location(location.file, 1, 0,
                                                         location.json_path)


def _result(finding: Finding, rule_index: int, root: str, lines: _Lines,
            seen: Counter[str]) -> dict[str, Any]:
    message = finding.message
    if finding.hint:
        message += " Fix: " + finding.hint
    explained = finding.explained
    fingerprint = _fingerprint(finding, from_root(finding.location.file, root)
                               or finding.location.file)
    seen[fingerprint] += 1
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity] if explained is None else "none",
        "message": {"text": text(message)},
        "locations": [{"physicalLocation": _physical_location(_placed(finding.location), root,
                                                              lines)}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint,
                                LINE_HASH_KEY: f"{fingerprint}:{seen[fingerprint]}"},
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical_location(loc, root),
             "message": {"text": text(f"{loc.file}:{loc.line}:{loc.column}")}}
            for i, loc in enumerate(finding.related, start=1)
        ]
    if explained is not None:
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if explained.reason:
            suppression["justification"] = text(explained.reason)
        result["suppressions"] = [suppression]
    properties: dict[str, Any] = {
        "implements": list(finding.implements),
        "citations": [citation_dict(c) for c in finding.citations],
        "jsonPath": text(finding.location.json_path),
    }
    if explained is not None:
        properties["explained"] = {
            "reason": text(explained.reason),
            "agreedBy": [text(a) for a in explained.agreed_by],
            "reviewBy": explained.review_by,
        }
    result["properties"] = properties
    return result


def _unreadable(error: LoadError, rule_index: int, root: str) -> dict[str, Any]:
    # GitHub places a result only by its region's startLine (Multitool GH1003): a file
    # that cannot be opened at all is reported on its first line.
    location = Location(error.file, max(error.line, 1), error.column)
    key = _fingerprint(Finding(UNREADABLE, Severity.ERROR, error.message, location),
                       from_root(error.file, root) or error.file)
    return {
        "ruleId": UNREADABLE,
        "ruleIndex": rule_index,
        "level": "error",
        "message": {"text": text(str(error))},
        "locations": [{"physicalLocation": _physical_location(location, root)}],
        "partialFingerprints": {FINGERPRINT_KEY: key, LINE_HASH_KEY: f"{key}:1"},
    }


def _notification(error: LoadError, root: str) -> dict[str, Any]:
    location = Location(error.file, error.line, error.column)
    return {
        "level": "error",
        "message": {"text": text(str(error))},
        "locations": [{"physicalLocation": _physical_location(location, root)}],
        "descriptor": {"id": UNREADABLE, "index": 0},
    }


def _capped(results: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """The `limit` most severe results, in their original order."""
    keep = sorted(range(len(results)), key=lambda i: (_RANK[results[i]["level"]], i))[:limit]
    return [results[i] for i in sorted(keep)]


def _automation_id(root: str) -> str:
    """`placecheck/`, plus the working directory from the source root when it is a
    subfolder, so that jobs run in different folders of a monorepo are different
    analyses (upload-sarif's `category` does not replace an id the file gives)."""
    here = from_root(os.getcwd(), root)
    return AUTOMATION_ID + (f"{here}/" if here and here != "." else "")


def sarif_dict(run: LintRun, options: ReportOptions | None = None) -> dict[str, Any]:
    options = options or ReportOptions()
    root = source_root()
    shown = [f for f in run.findings
             if f.explained is None or options.sarif_include_explained]
    errors = run.errors
    rules = descriptors(shown, options.rules, bool(errors))
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    lines = _Lines()
    seen: Counter[str] = Counter()
    results = [_unreadable(e, index[UNREADABLE], root) for e in errors]
    results += [_result(f, index[f.rule_id], root, lines, seen) for f in shown]
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    notifications = [_notification(e, root) for e in errors]
    if len(results) > options.max_results:
        left_out = len(results) - options.max_results
        warning = (f"{len(results):,} results, more than max_results ({options.max_results:,}):"
                   f" the {options.max_results:,} most severe are kept, {left_out:,} left out")
        options.warn(f"placecheck: SARIF report has {warning}")
        results = _capped(results, options.max_results)
        notifications.append({"level": "warning", "message": {"text": warning}})
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {
        "name": "placecheck",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": PROJECT_URL,
        "rules": rules,
    }
    if errors:
        driver["notifications"] = [notification_descriptor()]
    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "automationDetails": {"id": _automation_id(root)},
        "originalUriBaseIds": {SRCROOT: {"uri": Path(root).absolute().as_uri() + "/"}},
        "invocations": [invocation],
        # PyYAML counts columns in characters, not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [sarif_run]}


def render(run: LintRun, stream: TextIO, options: ReportOptions | None = None) -> None:
    text_out = json.dumps(sarif_dict(run, options), indent=2, ensure_ascii=False)
    # The Actions runner obeys a legacy `##[command]` anywhere in a log line; should this
    # file be printed in a workflow log, a proposal's text must not be one. `\u005b` is
    # `[` to any JSON reader, and `##[` can only occur inside a string.
    stream.write(text_out.replace("##[", "##\\u005b") + "\n")
