"""The report's formats: Jinja2 templates over one `ReportData`.

Two environments, one per output language, each escaping every value a
template prints unless the template marks it safe:

- HTML: Jinja2's autoescaping, after control characters (bidi overrides, ESC)
  are made visible;
- Markdown: `cell` (the lint reporter's escaping), so proposal text can carry
  no table break, link, emphasis, HTML or @mention.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from placecheck.report.model import BAR_ORDER, STATUS_LABELS, STATUSES, ReportData
from placecheck.report.structure import (
    ASKS_SOURCE,
    GOVERNANCE_GUIDANCE,
    GOVERNANCE_HEADING,
    GUIDANCE_REFERENCE,
)
from placecheck.report.words import long_date
from placecheck.reporters.markdown import cell
from placecheck.safety import printable

TEMPLATES = {"html": "report.html.j2", "markdown": "report.md.j2",
             "summary": "summary.md.j2"}
STATUS_MARKS = {"met": "✅", "explained": "⚠️", "not_met": "❌", "not_applicable": "➖"}
_CODE_SPAN = re.compile(r"`([^`<>]+)`")
_SAFE_URL = re.compile(r"https?://[^\s<>()\"'`|\\\[\]{}]+")


def render_text(data: ReportData, output_format: str) -> str:
    """`output_format`: html, markdown, or summary (the short Markdown for a PR comment)."""
    environment = _markdown() if output_format in ("markdown", "summary") else _html()
    template = environment.get_template(TEMPLATES[output_format])
    return template.render(data=data)


def _filters(environment: Environment) -> None:
    environment.filters["long_date"] = long_date


def _globals() -> dict[str, Any]:
    return {"STATUSES": STATUSES, "STATUS_LABELS": STATUS_LABELS, "BAR_ORDER": BAR_ORDER,
            "STATUS_MARKS": STATUS_MARKS, "ASKS_SOURCE": ASKS_SOURCE,
            "GOVERNANCE_HEADING": GOVERNANCE_HEADING,
            "GOVERNANCE_GUIDANCE": GOVERNANCE_GUIDANCE,
            "GUIDANCE_REFERENCE": GUIDANCE_REFERENCE}


@cache
def _html() -> Environment:
    environment = Environment(
        loader=PackageLoader("placecheck.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        finalize=_visible, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
        extensions=["jinja2.ext.do"])
    environment.filters["prose"] = _html_prose
    environment.filters["url"] = safe_url
    environment.globals.update(_globals())
    _filters(environment)
    return environment


@cache
def _markdown() -> Environment:
    # Autoescaping on, with every value already made safe Markdown by `finalize`, so
    # a macro's output (Markup) is never escaped twice.
    environment = Environment(
        loader=PackageLoader("placecheck.report", "templates"),
        autoescape=True, finalize=_markdown_escaped, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters["prose"] = _markdown_escaped
    environment.filters["url"] = lambda value: Markup(safe_url(value))
    environment.globals.update(_globals())
    _filters(environment)
    return environment


def _visible(value: Any) -> Any:
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return printable(value, keep_newlines=True)


def _html_prose(value: Any) -> Markup:
    """Escaped text in which `backtick spans` (field names in messages) become <code>."""
    escaped = str(escape(_visible(str(value))))
    return Markup(_CODE_SPAN.sub(r"<code>\1</code>", escaped))


def _markdown_escaped(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Markup(f"{value:,}")
    return Markup(cell(str(value)))


def safe_url(value: Any) -> str:
    """A citation's address only if it is a plain http(s) URL; '' otherwise."""
    text = str(value or "")
    return text if _SAFE_URL.fullmatch(text) else ""
