"""Machine-readable findings: a stable, documented JSON shape (docs/json-output.md)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any, TextIO

from placecheck import __version__
from placecheck.findings import Citation, Finding
from placecheck.lint import FileResult, LintRun

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
    return {
        **_header(),
        "files": [_file_dict(r) for r in run.results],
        "findings": [finding_dict(f) for f in run.findings],
        "summary": _summary(run),
    }


def _header() -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION,
            "tool": {"name": "placecheck", "version": __version__}}


def _file_dict(result: FileResult) -> dict[str, Any]:
    return {"file": result.file, "kind": result.kind, "name": result.name,
            "status": result.status, "error": str(result.error) if result.error else None}


def _summary(run: LintRun) -> dict[str, int]:
    findings = run.findings
    counted = Counter(f.severity.label for f in findings if f.counts)
    return {
        "files": len(run.results),
        "error": counted.get("error", 0),
        "warning": counted.get("warning", 0),
        "info": counted.get("info", 0),
        "explained": sum(1 for f in findings if not f.counts),
        "unreadable": len(run.errors),
    }


def render(run: LintRun, stream: TextIO) -> None:
    """Write `report_dict(run)` as indented JSON, one file or finding at a time.

    The same text as dumping the whole dictionary at once, without holding it, or
    the text, in memory: over 10,000 files that would double the peak.
    """
    stream.write(_dumps(_header(), 0)[:-2] + ",\n")  # the header without its closing brace
    _write_list(stream, "files", (_file_dict(r) for r in run.results))
    _write_list(stream, "findings", (finding_dict(f) for f in run.findings))
    stream.write('  "summary": ' + _dumps(_summary(run), 2).lstrip() + "\n}\n")


def _write_list(stream: TextIO, key: str, items: Iterable[dict[str, Any]]) -> None:
    stream.write(f'  "{key}": [')
    first = True
    for item in items:
        stream.write(("\n" if first else ",\n") + _dumps(item, 4))
        first = False
    stream.write("],\n" if first else "\n  ],\n")


def _dumps(value: Any, indent: int) -> str:
    """`value` as indented JSON, each line indented by `indent` more spaces."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    if indent:
        text = "\n".join(" " * indent + line for line in text.split("\n"))
    # `##[` is a workflow command to GitHub's runner anywhere in a log line; `\u005b`
    # reads back as the same `[` in any JSON reader.
    return text.replace("##[", "##\\u005b")
