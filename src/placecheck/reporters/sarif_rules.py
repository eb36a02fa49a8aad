"""SARIF reporting descriptors: one per active rule, described from the rule itself.

Every active rule is listed, not only those that fired, so that code scanning
can close an alert once its rule stops firing. A rule seen only in the findings
(a run rendered without its rule list) is described from its findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from placecheck.findings import Citation, Finding, Severity, unique_citations
from placecheck.safety import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from placecheck.rules.pack import Rule

UNREADABLE = "placecheck/unreadable-file"
UNREADABLE_TITLE = "A file could not be read as a proposal"
UNREADABLE_HELP = (
    "placecheck could not read this file as a proposal (it is missing, not UTF-8, not "
    "valid YAML, too large, or nested too deeply), so none of its rules were checked. "
    "The message says what is wrong and where; fix that and lint the file again.")

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# GitHub's own severity scale for non-security rules.
PROBLEM_SEVERITY = {
    Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation",
}

_WORD = re.compile(r"[A-Za-z0-9]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def text(value: str) -> str:
    """Printable text that also encodes: a lone surrogate (an undecodable byte in a file
    name) becomes a visible `\\udcff` escape."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group(0)):04x}",
                          printable(value, keep_newlines=True))


def safe_url(url: str | None) -> str | None:
    if url and re.fullmatch(r"https?://[^\s<>()\"'`]+", url):
        return url
    return None


def _md(value: str) -> str:
    """Escape text for SARIF help markdown (GitHub renders it)."""
    value = text(value).replace("\n", " ")
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]|~])", r"\\\1", value)


def _name(title: str, rule_id: str) -> str:
    """A PascalCase identifier from the title, e.g. 'EveryLocalAuthorityOfThePlace...'."""
    words = _WORD.findall(re.sub(r"['’]", "", title))
    name = "".join(word[:1].upper() + word[1:] for word in words)
    return name or _WORD.sub("", rule_id) or "PlacecheckRule"


def _help(title: str, citations: Sequence[Citation], detail: str = "") -> dict[str, str]:
    text_lines = [title]
    md_lines = [f"**{_md(title)}**"]
    if detail:
        text_lines += ["", detail]
        md_lines += ["", _md(detail)]
    if citations:
        text_lines += ["", "Guidance:"]
        md_lines += ["", "Guidance:", ""]
    for citation in citations:
        where = citation.short()
        text_lines.append(f"- {where}")
        url = safe_url(citation.url)
        md_lines.append(f"- [{_md(where)}]({url})" if url else f"- {_md(where)}")
        if citation.quote:
            text_lines.append(f'  "{citation.quote}"')
            md_lines.append(f"  > {_md(citation.quote)}")
    return {"text": text("\n".join(text_lines)), "markdown": "\n".join(md_lines)}


@dataclass(frozen=True)
class _About:
    """What a descriptor says about one rule."""

    id: str
    title: str
    severity: Severity
    citations: tuple[Citation, ...] = ()
    implements: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    detail: str = ""


def _descriptor(about: _About) -> dict[str, Any]:
    title = text(about.title or about.id)
    full = title
    if about.implements:
        lines = "lines" if len(about.implements) != 1 else "line"
        full += f" (implements catalogue {lines} {', '.join(about.implements)})"
    if about.detail:
        full += f". {about.detail}"
    if about.citations:
        full += ". Guidance: " + "; ".join(c.short() for c in about.citations)
    descriptor: dict[str, Any] = {
        "id": about.id,
        "name": _name(about.title, about.id),
        "shortDescription": {"text": title},
        "fullDescription": {"text": text(full)},
        "defaultConfiguration": {"level": LEVEL[about.severity]},
        "help": _help(title, about.citations, about.detail),
    }
    help_uri = next((url for c in about.citations if (url := safe_url(c.url))), None)
    if help_uri:
        descriptor["helpUri"] = help_uri
    descriptor["properties"] = {
        "tags": list(dict.fromkeys(t for t in about.tags if t)),
        "implements": list(about.implements),
        "precision": "high",
        "problem.severity": PROBLEM_SEVERITY[about.severity],
    }
    return descriptor


def _from_findings(rule_id: str, findings: list[Finding]) -> _About:
    first = findings[0]
    return _About(rule_id, first.title, max(f.severity for f in findings),
                  tuple(unique_citations(findings)),
                  tuple(dict.fromkeys(i for f in findings for i in f.implements)),
                  (first.family, first.pack))


def _from_rule(rule: Rule) -> _About:
    return _About(rule.id, rule.title, rule.severity, rule.citations, rule.implements,
                  (rule.family, rule.pack))


def _format_rules() -> Iterable[_About]:
    from placecheck.model.format_rules import FORMAT_RULES

    for rule in FORMAT_RULES.values():
        yield _About(rule.id, rule.title, Severity.parse(rule.severity), tags=("format",),
                     detail=rule.rationale)


UNREADABLE_ABOUT = _About(UNREADABLE, UNREADABLE_TITLE, Severity.ERROR,
                          tags=("placecheck",), detail=UNREADABLE_HELP)


def descriptors(findings: list[Finding], active: Sequence[Rule],
                unreadable: bool) -> list[dict[str, Any]]:
    """Descriptors sorted by id: every active rule (and the format checks, when the
    active rules are known), each rule that fired, and the unreadable-file rule."""
    about: dict[str, _About] = {}
    if active:
        about.update((a.id, a) for a in _format_rules())
        about.update((rule.id, _from_rule(rule)) for rule in active)
        about[UNREADABLE] = UNREADABLE_ABOUT
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule_id, []).append(finding)
    for rule_id, fired in by_rule.items():
        known = about.get(rule_id)
        worst = max(f.severity for f in fired)
        if known is None:
            about[rule_id] = _from_findings(rule_id, fired)
        elif worst > known.severity:  # a configured severity raised it
            about[rule_id] = _About(known.id, known.title, worst, known.citations,
                                    known.implements, known.tags, known.detail)
    if unreadable:
        about[UNREADABLE] = UNREADABLE_ABOUT
    return [_descriptor(about[rule_id]) for rule_id in sorted(about)]


def notification_descriptor() -> dict[str, Any]:
    """The tool notification for an unreadable file (Multitool GH2012 wants full
    description and help on every descriptor)."""
    return {
        "id": UNREADABLE,
        "shortDescription": {"text": UNREADABLE_TITLE + "."},
        "fullDescription": {"text": UNREADABLE_HELP},
        "defaultConfiguration": {"level": "error"},
        "help": {"text": UNREADABLE_HELP},
    }
