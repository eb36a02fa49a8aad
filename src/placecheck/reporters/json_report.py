"""Machine-readable findings: a stable, documented JSON shape (docs/json-output.md)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any, TextIO

from placecheck import __version__
from placecheck.findings import Citation, Finding
from placecheck.lint import LintRun

SCHEMA_VERSION = 1


def citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "source": citation.source,
        "section": citation.section,
        "document": citation.document,
        "section_title": citation.section_title,
        "table": citation.table,
        "page": citation.page,
        "quote": citation.quote,
        "url": citation.url,
        "text": citation.short(),
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    explained = finding.explained
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.label,
        "title": finding.title,
        "message": finding.message,
        "hint": finding.hint,
        "file": loc.file,
        "line": loc.line,
        "column": loc.column,
        "json_path": loc.json_path,
        "pack": finding.pack,
        "family": finding.family,
        "implements": list(finding.implements),
        "citations": [citation_dict(c) for c in finding.citations],
        "related": [{"file": r.file, "line": r.line, "column": r.column,
                     "json_path": r.json_path} for r in finding.related],
        "explained": None if explained is None else {
            "reason": explained.reason,
            "agreed_by": list(explained.agreed_by),
            "review_by": explained.review_by,
        },
        "fingerprint": finding.fingerprint(),
    }


def report_dict(run: LintRun) -> dict[str, Any]:
    findings = run.findings
    counted = Counter(f.severity.label for f in findings if f.counts)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "placecheck", "version": __version__},
        "files": [
            {"file": r.file, "kind": r.kind, "name": r.name, "status": r.status,
             "error": str(r.error) if r.error else None}
            for r in run.results
        ],
        "findings": [finding_dict(f) for f in findings],
        "summary": {
            "files": len(run.results),
            "error": counted.get("error", 0),
            "warning": counted.get("warning", 0),
            "info": counted.get("info", 0),
            "explained": sum(1 for f in findings if not f.counts),
            "unreadable": len(run.errors),
        },
    }


def render(run: LintRun, stream: TextIO) -> None:
    text = json.dumps(report_dict(run), indent=2, ensure_ascii=False)
    # `##[` is a workflow command to GitHub's runner anywhere in a log line; `\u005b`
    # reads back as the same `[` in any JSON reader.
    stream.write(text.replace("##[", "##\\u005b") + "\n")
