"""`placecheck lint`: check proposals and report every gap with its citation.

Each option is one parameter of `lint` and one field of `LintOptions` (same
name): adding an option is those two lines and the code that reads it.
"""

# No `from __future__ import annotations` here: typer reads these signatures on every run,
# and annotations kept as strings would be parsed and evaluated again each time.

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, TextIO

import typer

from placecheck.cli.common import CouldNotRun, one_of, say, split, whole_number
from placecheck.config import config_file_for
from placecheck.configured import Overrides, lint_configured, settings_from
from placecheck.discovery import not_checked
from placecheck.lint import LintRun, display_name
from placecheck.progress import file_progress
from placecheck.reporters.options import ReportOptions
from placecheck.reporters.table import REPORTERS, Presentation
from placecheck.rules.selection import UnknownSelector

OUTPUT_FORMATS = tuple(REPORTERS)
TEXT_FORMATS = ("text", "concise")
FAIL_ON = ("error", "warning", "info")

HELP = """Lint proposals and report every gap with its citation.

Exits 0 when no finding is at or above the --fail-on severity, 1 when one is,
and 2 when placecheck could not do its job (a file it cannot read, a broken
rule pack or configuration)."""

EPILOG = """\b
Examples:
  placecheck lint proposal.yaml
  placecheck lint proposals/ --select TP-M --fail-on warning
  placecheck lint proposal.yaml --output-format concise"""

Packs = Annotated[list[str] | None, typer.Option(
    "--pack", metavar="PACK", show_default=False,
    help="Add a rule pack: a shipped pack id (e.g. nenc) or a pack directory. Repeat it for "
         "several packs.")]
ConfigFile = Annotated[Path | None, typer.Option(
    "--config", metavar="FILE", show_default=False,
    help="Use this placecheck.toml or pyproject.toml instead of finding one.")]
NoCache = Annotated[bool, typer.Option(
    "--no-cache", help="Read and check the rule packs afresh, without the cache of checked "
                       "packs (see the README, Caching).")]
OutputFile = Annotated[Path | None, typer.Option(
    "-o", "--output", metavar="FILE", show_default=False,
    help="Write the report to this file.")]


@dataclass
class LintOptions:
    """What `lint` was asked to do, one field per option."""

    paths: list[Path]
    output_format: str = "text"
    fail_on: str | None = None
    select: list[str] | None = None
    ignore: list[str] | None = None
    pack: list[str] | None = None
    config: Path | None = None
    output: Path | None = None
    statistics: bool = False
    quiet: bool = False
    exit_zero: bool = False
    no_hints: bool = False
    no_departures: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    proposals_only: bool = False
    jobs: int | None = None
    fix: bool = False
    diff: bool = False
    sarif_include_explained: bool = False
    junit_locations: bool = False
    max_results: int | None = None
    no_cache: bool = False


def lint(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH", show_default=False,
        help="Proposal files, or directories to search.")],
    output_format: Annotated[str, typer.Option(
        "-f", "--format", "--output-format", metavar="FORMAT", parser=one_of(OUTPUT_FORMATS),
        autocompletion=lambda: list(OUTPUT_FORMATS), show_default=False,
        help="Output format: " + ", ".join(OUTPUT_FORMATS) + " (default: text). concise is "
             "one line per finding.")] = "text",
    fail_on: Annotated[str | None, typer.Option(
        "--fail-on", metavar="SEVERITY", parser=one_of(FAIL_ON),
        autocompletion=lambda: list(FAIL_ON), show_default=False,
        help="Exit 1 when a finding at or above this severity remains: error, warning or "
             "info (default: error, or the configuration's fail_on).")] = None,
    select: Annotated[list[str] | None, typer.Option(
        "--select", metavar="RULES", show_default=False,
        help="Run only these rules: ids, prefixes (TP-M) or catalogue lines (C1); repeat or "
             "comma-separate. Format checks (F...) still run unless named.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        "--ignore", metavar="RULES", show_default=False,
        help="Skip these rules (ids, prefixes or catalogue lines; repeat or "
             "comma-separate).")] = None,
    pack: Packs = None,
    config: ConfigFile = None,
    output: OutputFile = None,
    statistics: Annotated[bool, typer.Option(
        "--statistics", help="Show how many findings each rule gave, not each finding.")
    ] = False,
    quiet: Annotated[bool, typer.Option(
        "-q", "--quiet", help="Print the findings and errors only: no summary line, notes or "
                              "progress bar.")] = False,
    exit_zero: Annotated[bool, typer.Option(
        "--exit-zero", help="Exit 0 even when findings remain (still 2 when a file cannot be "
                            "checked).")] = False,
    no_hints: Annotated[bool, typer.Option(
        "--no-hints", help="Leave out the `fix:` lines.")] = False,
    no_departures: Annotated[bool, typer.Option(
        "--no-departures",
        help="Audit view: show every finding as if no departure explained it.")] = False,
    baseline: Annotated[Path | None, typer.Option(
        "--baseline", metavar="FILE", show_default=False,
        help="Report only findings that are not in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        "--write-baseline", metavar="FILE", show_default=False,
        help="Record today's findings in this baseline file.")] = None,
    proposals_only: Annotated[bool, typer.Option(
        "--proposals-only", help="Skip named files that are not proposals (for pre-commit, "
                                 "which passes every changed YAML file).")] = False,
    jobs: Annotated[int | None, typer.Option(
        "-j", "--jobs", metavar="N", parser=whole_number, show_default=False,
        help="Lint in this many processes, 1 or more (default: all cores).")] = None,
    fix: Annotated[bool, typer.Option(
        "--fix", help="Repair, in place, the mistakes that have one right answer (tabs, "
                      "invisible spaces, curly quotes, UK dates, £ and thousands separators, "
                      "yes/no, CRLF, byte-order mark), then lint the fixed files.")] = False,
    diff: Annotated[bool, typer.Option(
        "--diff", help="Show what --fix would change, without writing (exit 1 if anything "
                       "would).")] = False,
    sarif_include_explained: Annotated[bool, typer.Option(
        "--sarif-include-explained",
        help="SARIF: keep explained findings, at level none (left out by default: GitHub "
             "ignores suppressions and would show them as open alerts).")] = False,
    junit_locations: Annotated[bool, typer.Option(
        "--junit-locations",
        help="JUnit: add file and line to each test case (GitHub annotation actions read "
             "them; the Ant and Jenkins schemas do not allow them).")] = False,
    max_results: Annotated[int | None, typer.Option(
        "--max-results", metavar="N", parser=whole_number, show_default=False,
        help="SARIF: keep at most this many results, the most severe (default: 5000, or the "
             "configuration's max_results).")] = None,
    no_cache: NoCache = False,
) -> int:
    return run_lint(LintOptions(**locals()))


def run_lint(options: LintOptions) -> int:
    """Lint, write the report, and say how it went: the exit code."""
    if options.statistics and options.output_format not in TEXT_FORMATS:
        raise CouldNotRun("--statistics works with the text and concise formats, not "
                          f"{options.output_format}")
    overrides = Overrides(options.config, split(options.pack), split(options.select),
                          split(options.ignore), options.fail_on, options.max_results,
                          cache=not options.no_cache)
    # Run-wide limits come from the working directory's configuration; the packs are
    # loaded per configuration by lint_configured, once each.
    here = settings_from(config_file_for(Path.cwd() / "x", options.config), overrides)
    if options.fix or options.diff:
        from placecheck.fixing import fix_paths
        from placecheck.lint import discover

        changed = fix_paths(discover(options.paths, here.max_files,
                                     options.proposals_only),
                            options.fix, options.diff, sys.stdout, say,
                            here.max_file_bytes)
        if not options.fix:
            return 1 if changed else 0
    try:
        with file_progress(options.paths, "Linting", here.max_files,
                           options.proposals_only, show=not options.quiet) as on_file:
            linted = lint_configured(options.paths, overrides, options.no_departures,
                                     options.proposals_only, on_file=on_file,
                                     jobs=options.jobs or os.cpu_count() or 1)
    except UnknownSelector as exc:
        raise CouldNotRun(str(exc)) from None
    run = linted.run
    _apply_baselines(run, options)
    for error in run.errors:  # the reason comes first, before any report
        say(f"placecheck: {error}")
    ci = ReportOptions(
        sarif_include_explained=options.sarif_include_explained,
        junit_locations=options.junit_locations, max_results=linted.settings.max_results,
        fail_on_by_file={r.file: linted.fail_on(r) for r in run.results}, rules=linted.rules)
    write_report(run, options, ci)
    if not options.quiet:
        skipped = [display_name(p) for p in run.not_proposals]
        for note in not_checked(options.paths, skipped, len(run.results)):
            say(f"placecheck: {note}")
    if run.errors:
        return 2
    if options.exit_zero:
        return 0
    return 1 if linted.fails() else 0


def _apply_baselines(run: LintRun, options: LintOptions) -> None:
    if options.write_baseline is not None:
        from placecheck.baseline import write_baseline

        count = write_baseline(options.write_baseline, run.findings)
        if not options.quiet:
            say(f"placecheck: wrote {count} findings to the baseline {options.write_baseline}")
    if options.baseline is not None:
        from placecheck.baseline import new_findings

        hidden_total = 0
        for result in run.results:
            result.findings, hidden = new_findings(result.findings, options.baseline)
            hidden_total += hidden
        if hidden_total and not options.quiet:
            say(f"placecheck: {hidden_total} known findings in the baseline are not shown")


def write_report(run: LintRun, options: LintOptions, ci: ReportOptions | None = None) -> None:
    """The report in the chosen format, on stdout or in the --output file."""
    how = Presentation(color=False if options.output is not None else None,
                       show_hints=not options.no_hints, summary=not options.quiet,
                       statistics=options.statistics, ci=ci)
    reporter = REPORTERS[options.output_format]
    if options.output is None:
        reporter(run, sys.stdout, how)
        return
    try:
        handle: TextIO = options.output.open("w", encoding="utf-8")
    except OSError as exc:
        raise CouldNotRun(f"cannot write {options.output}: {exc.strerror or exc}") from None
    with handle:
        reporter(run, handle, how)
