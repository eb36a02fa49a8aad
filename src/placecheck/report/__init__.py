"""The pre-submission self-assessment: `placecheck report`.

    assessments = assess_files(paths, rules)       # every rule's outcome, per file
    data = build_report(assessments, packs, rules)  # plain data: counts, evidence, steps
    text = render_text(data, "html")               # or "markdown", "summary"

`build` makes the data (`model`) once; the templates only render it, so the
numbers in every format are the same numbers. `structure` maps rules to the
chapters of Thriving places; `words` puts the proposal's values in its own
words; `actions` says who must act; `changes` compares with an earlier version.
`run_report` is the whole command, for the command line to call.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from placecheck.assess import Assessment, assess_paths
from placecheck.report.build import FindingFilter, build_report
from placecheck.report.model import ReportData
from placecheck.rules.pack import Pack, Rule

__all__ = ["FORMATS", "ReportData", "ReportError", "ReportOptions", "assess_files",
           "build_report", "default_output", "run_report"]

FORMATS = ("html", "markdown")  # --format; --summary is the short Markdown


class ReportError(Exception):
    """The report cannot be made as asked: one line for the user (exit 2)."""


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


@dataclass(frozen=True)
class ReportOptions:
    output: Path | None = None  # None: html next to the proposal, Markdown to stdout; "-"
    output_format: str = "html"  # html | markdown
    summary: bool = False  # the short Markdown for a pull-request comment
    since: str | None = None  # a git revision of the same file
    compare: Path | None = None  # an earlier version of the file
    max_files: int | None = None


def run_report(paths: list[Path], packs: list[Pack], rules: list[Rule],
               options: ReportOptions, keep: FindingFilter | None = None,
               say: Callable[[str], None] = print,
               warn: Callable[[str], None] = lambda line: print(line, file=sys.stderr)
               ) -> int:
    """The `report` command: 0 once written, 2 if a file could not be read.

    Raises ReportError for what stops it (an unknown revision, an unwritable file).
    """
    from placecheck.report.render import render_text

    if (options.since or options.compare) and (len(paths) != 1 or not paths[0].is_file()):
        raise ReportError("--since and --compare compare one proposal file with an earlier "
                          "version of it")
    if options.since and options.compare:
        raise ReportError("give --since or --compare, not both")
    assessments = assess_files(paths, rules, options.max_files)
    if not assessments:
        named = ", ".join(str(p) for p in paths)
        raise ReportError(f"no proposals found in {named}, so there is nothing to report on "
                          "(a proposal is a .yaml file that starts with `placecheck: 1`)")
    errors = [a.result.error for a in assessments if a.result.error is not None]
    if len(errors) == len(assessments):  # nothing readable: no report to write
        for error in errors:
            warn(f"placecheck: {error}")
        return 2
    data = build_report(assessments, packs, rules, keep=keep)
    if options.since or options.compare:
        _compare(data, paths[0], rules, options, keep)
    output_format = "summary" if options.summary else options.output_format
    text = render_text(data, output_format)
    target = options.output
    if target is None and output_format == "html":
        target = default_output(paths[0], data)
    if target is None or str(target) == "-":
        if output_format == "html" and sys.stdout.isatty():
            raise ReportError("the HTML report is not for a terminal: give -o FILE")
        sys.stdout.write(text)
    else:
        try:
            with target.open("w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except OSError as exc:
            raise ReportError(f"cannot write {target}: {exc.strerror or exc}") from None
        verdicts = {p.verdict for p in data.proposals}
        verdict = verdicts.pop() if len(verdicts) == 1 else (
            f"{len(data.proposals)} proposals, {sum(p.ready for p in data.proposals)} ready")
        say(f"Wrote the self-assessment to {target}. {verdict}")
    for error in errors:
        warn(f"placecheck: {error}")
    return 2 if errors else 0


def default_output(path: Path, data: ReportData) -> Path:
    """PLACE-self-assessment.html next to the proposal (in the folder, for a folder)."""
    folder = path if path.is_dir() else path.parent
    name = data.proposals[0].name if len(data.proposals) == 1 else ""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    if not slug:
        slug = path.stem if path.is_file() else "placecheck"
    return folder / f"{slug}-self-assessment.html"


def _compare(data: ReportData, path: Path, rules: list[Rule], options: ReportOptions,
             keep: FindingFilter | None) -> None:
    from placecheck.report.changes import EarlierVersionError, compare, earlier_version

    with tempfile.TemporaryDirectory(prefix="placecheck-") as scratch:
        if options.since:
            try:
                old, since = earlier_version(path, options.since, Path(scratch))
            except EarlierVersionError as exc:
                raise ReportError(str(exc)) from None
        else:
            assert options.compare is not None
            old, since = options.compare, options.compare.name
            if not old.is_file():
                raise ReportError(f"{old}: no such file to compare with")
        earlier = assess_paths([old], rules)
        if not earlier or earlier[0].result.error is not None:
            problem = earlier[0].result.error if earlier else "nothing to read"
            raise ReportError(f"the earlier version cannot be read: {problem}")
        before = build_report(earlier[:1], (), rules, keep=keep, generated=data.generated,
                              geography=data.geography)
    for proposal in data.proposals[:1]:
        proposal.changes = compare(before.proposals[0], proposal, since, data.generated)
