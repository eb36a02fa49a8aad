"""SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer).

One run; one rule (reportingDescriptor) per rule id that fired, described from
the findings' own titles and citations; one result per finding. Explained
departures are kept as results with an accepted external suppression, so code
scanning shows them as dismissed rather than dropping them. Files that could not
be read become tool execution notifications and mark the invocation as failed.

Text that comes from a proposal is passed through `printable`, so control
characters and bidi overrides arrive as visible escapes; JSON does the rest
(and `##[` is written as `##\\u005b`, which parses back to the same text).
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, TextIO
from urllib.parse import quote

from placecheck import __version__
from placecheck.findings import Citation, Finding, Location, Severity, unique_citations
from placecheck.lint import LintRun
from placecheck.loading import LoadError
from placecheck.reporters.json_report import citation_dict
from placecheck.safety import printable

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "placecheckFingerprint/v1"
UNREADABLE = "placecheck/unreadable-file"

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's own severity scale for non-security rules.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation",
}

_WORD = re.compile(r"[A-Za-z0-9]+")
_WINDOWS_ABSOLUTE = re.compile(r"^[A-Za-z]:/")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    """Printable text that also encodes: a lone surrogate (an undecodable byte in a file
    name) becomes a visible `\\udcff` escape."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}",
                          printable(value, keep_newlines=True))


def _fingerprint(finding: Finding) -> str:
    try:
        return finding.fingerprint()
    except UnicodeEncodeError:  # a file name with undecodable bytes; same recipe otherwise
        loc = finding.location
        raw = "\x1f".join((finding.rule_id, loc.file, loc.json_path, finding.message))
        return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def artifact_location(file: str) -> dict[str, Any]:
    """A URI reference for a path as placecheck displays it (relative to the working dir).

    Backslashes become forward slashes and anything that is not allowed in a URI
    is percent-encoded; relative paths are anchored at %SRCROOT%.
    """
    path = file.replace("\\", "/")
    if path.startswith("/") or _WINDOWS_ABSOLUTE.match(path):
        return {"uri": "file://" + ("" if path.startswith("/") else "/")
                + quote(path, safe="/:", errors="surrogateescape")}
    if path.startswith("./"):
        path = path[2:]
    # surrogateescape: an undecodable byte in a file name goes back to that byte (%FF)
    return {"uri": quote(path, safe="/", errors="surrogateescape"), "uriBaseId": SRCROOT}


def _physical_location(location: Location) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": artifact_location(location.file)}
    if location.line >= 1:
        region: dict[str, Any] = {"startLine": location.line}
        if location.column >= 1:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def _rule_name(finding: Finding) -> str:
    """A PascalCase identifier from the title, e.g. 'EveryLocalAuthorityOfThePlace...'."""
    words = _WORD.findall(re.sub(r"['’]", "", finding.title))
    name = "".join(word[:1].upper() + word[1:] for word in words)
    return name or _WORD.sub("", finding.rule_id) or "PlacecheckRule"


def _md(text: str) -> str:
    """Escape text for SARIF help markdown (GitHub renders it)."""
    text = _text(text).replace("\n", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", text)


def _safe_url(url: str | None) -> str | None:
    if url and re.fullmatch(r"https?://[^\s<>()\"'`]+", url):
        return url
    return None


def _help(title: str, citations: list[Citation]) -> dict[str, str]:
    if not citations:
        return {"text": title, "markdown": _md(title)}
    text_lines = [title, "", "Guidance:"]
    md_lines = [f"**{_md(title)}**", "", "Guidance:", ""]
    for citation in citations:
        where = citation.short()
        text_lines.append(f"- {where}")
        url = _safe_url(citation.url)
        md_where = f"[{_md(where)}]({url})" if url else _md(where)
        md_lines.append(f"- {md_where}")
        if citation.quote:
            text_lines.append(f'  "{citation.quote}"')
            md_lines.append(f"  > {_md(citation.quote)}")
    return {"text": _text("\n".join(text_lines)), "markdown": "\n".join(md_lines)}


def _rule(rule_id: str, findings: list[Finding]) -> dict[str, Any]:
    first = findings[0]
    worst = max(f.severity for f in findings)
    title = _text(first.title or rule_id)
    citations = unique_citations(findings)
    implements = list(dict.fromkeys(item for f in findings for item in f.implements))
    full = title
    if implements:
        lines = "lines" if len(implements) != 1 else "line"
        full += f" (implements catalogue {lines} {', '.join(implements)})"
    if citations:
        full += ". Guidance: " + "; ".join(c.short() for c in citations)
    rule: dict[str, Any] = {
        "id": rule_id,
        "name": _rule_name(first),
        "shortDescription": {"text": title},
        "fullDescription": {"text": _text(full)},
        "defaultConfiguration": {"level": LEVEL[worst]},
        "help": _help(title, citations),
    }
    help_uri = next((url for c in citations if (url := _safe_url(c.url))), None)
    if help_uri:
        rule["helpUri"] = help_uri
    rule["properties"] = {
        "tags": list(dict.fromkeys(t for t in (first.family, first.pack) if t)),
        "implements": implements,
        "precision": "high",
        "problem.severity": PROBLEM_SEVERITY[worst],
    }
    return rule


def _result(finding: Finding, rule_index: int) -> dict[str, Any]:
    text = finding.message
    if finding.hint:
        text += " Fix: " + finding.hint
    result: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": rule_index,
        "level": LEVEL[finding.severity],
        "message": {"text": _text(text)},
        "locations": [{"physicalLocation": _physical_location(finding.location)}],
        "partialFingerprints": {FINGERPRINT_KEY: _fingerprint(finding)},
    }
    if finding.related:
        result["relatedLocations"] = [
            {"id": i, "physicalLocation": _physical_location(loc),
             "message": {"text": _text(f"{loc.file}:{loc.line}:{loc.column}")}}
            for i, loc in enumerate(finding.related, start=1)
        ]
    explained = finding.explained
    if explained is not None:
        suppression: dict[str, Any] = {"kind": "external", "status": "accepted"}
        if explained.reason:
            suppression["justification"] = _text(explained.reason)
        result["suppressions"] = [suppression]
    properties: dict[str, Any] = {
        "implements": list(finding.implements),
        "citations": [citation_dict(c) for c in finding.citations],
        "jsonPath": _text(finding.location.json_path),
    }
    if explained is not None:
        properties["explained"] = {
            "reason": _text(explained.reason),
            "agreedBy": [_text(a) for a in explained.agreed_by],
            "reviewBy": explained.review_by,
        }
    result["properties"] = properties
    return result


def _notification(error: LoadError) -> dict[str, Any]:
    location = Location(error.file, error.line, error.column)
    return {
        "level": "error",
        "message": {"text": _text(str(error))},
        "locations": [{"physicalLocation": _physical_location(location)}],
        "descriptor": {"id": UNREADABLE, "index": 0},
    }


def sarif_dict(run: LintRun) -> dict[str, Any]:
    findings = run.findings
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    rule_ids = sorted(by_rule)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    errors = run.errors
    invocation: dict[str, Any] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [_notification(e) for e in errors]
    driver: dict[str, Any] = {
        "name": "placecheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [_rule(rule_id, by_rule[rule_id]) for rule_id in rule_ids],
    }
    if errors:
        driver["notifications"] = [{
            "id": UNREADABLE,
            "shortDescription": {"text": "A file could not be read as a proposal."},
            "defaultConfiguration": {"level": "error"},
        }]
    sarif_run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        # PyYAML counts columns in characters, not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule_id]) for f in findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [sarif_run]}


def render(run: LintRun, stream: TextIO) -> None:
    text = json.dumps(sarif_dict(run), indent=2, ensure_ascii=False)
    # The Actions runner obeys a legacy `##[command]` anywhere in a log line; should this
    # file be printed in a workflow log, a proposal's text must not be one. `\u005b` is
    # `[` to any JSON reader, and `##[` can only occur inside a string.
    stream.write(text.replace("##[", "##\\u005b") + "\n")
