"""The pre-submission self-assessment: `placecheck report`.

    assessments = assess_files(paths, rules)       # every rule's outcome, per file
    data = build_report(assessments, packs, rules)  # plain data: counts, evidence, steps
    write_report(data, "html", stream)             # or "markdown"

`model` builds the data once; `html` and `markdown` only render it, so the
numbers in the two formats are the same numbers. `structure` holds the
mapping from rules to the chapters of Thriving places and to the three things
ICSs were asked to set out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from placecheck.assess import Assessment, assess_paths
from placecheck.report.model import ReportData, build_report
from placecheck.rules.pack import Rule

__all__ = ["FORMATS", "ReportData", "assess_files", "build_report", "write_report"]

FORMATS = ("html", "markdown")


def assess_files(paths: list[Path], rules: list[Rule], max_files: int | None = None
                 ) -> list[Assessment]:
    """Assess each proposal once, with a progress bar for a directory of many.

    A system file brings its place files with it; a place file met again later
    (on its own, or through another system) is not assessed twice.
    """
    from placecheck.lint import DEFAULT_MAX_FILES, discover
    from placecheck.progress import progress

    files = discover(paths, max_files or DEFAULT_MAX_FILES)
    seen: set[Path] = set()
    assessments: list[Assessment] = []
    for path in progress(files, "Assessing"):
        if path.resolve() in seen:
            continue
        for assessment in assess_paths([path], rules):
            real = Path(assessment.result.file).resolve()
            if real in seen:
                continue
            seen.add(real)
            assessments.append(assessment)
    return assessments


def write_report(data: ReportData, output_format: str, stream: TextIO) -> None:
    if output_format == "markdown":
        from placecheck.report import markdown

        markdown.render(data, stream)
    else:
        from placecheck.report import html

        html.render(data, stream)
