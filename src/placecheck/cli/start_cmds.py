"""`placecheck init` (a starting proposal) and `placecheck report` (a board's self-assessment)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from placecheck import init_template
from placecheck.cli.common import CouldNotRun, one_of, say
from placecheck.cli.lint_cmd import ConfigFile, OutputFile, Packs
from placecheck.cli.settings import Settings

REPORT_FORMATS = ("html", "markdown")

INIT_EPILOG = """\b
Examples:
  placecheck init
  placecheck init proposals/ --interactive"""

REPORT_HELP = """Write a self-assessment a board can read: every expectation, met or not, with
evidence.

Exits 0 once the report is written, whatever it finds; 2 if a file cannot be read
or there is no proposal to report on."""

REPORT_EPILOG = """\b
Examples:
  placecheck report proposal.yaml -o board.html
  placecheck report proposals/ -f markdown -o self-assessment.md"""


def prompt(question: str, default: str | None) -> str:
    """Ask on the terminal: `question [default]: `; an empty answer takes the default."""
    try:
        answer = input(f"{question} [{default}]: " if default else f"{question}: ")
    except EOFError:
        print()  # end the question's line
        raise CouldNotRun("the input ended before every question was answered; "
                          "nothing was written") from None
    return answer or default or ""


def init(
    path: Annotated[Path | None, typer.Argument(
        metavar="PATH", show_default=False,
        help="Where to write the proposal, a file or a folder (default: proposal.yaml).")
    ] = None,
    interactive: Annotated[bool, typer.Option(
        "-i", "--interactive",
        help="Ask for the place, ICS, local authorities and governance model, and fill them "
             "in.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file if it exists.")
    ] = False,
) -> int:
    """Write a commented starting proposal whose placeholders placecheck flags until filled
    in."""
    target = init_template.target(path)
    try:
        init_template.check_target(target, force)  # before any question is asked
        text = init_template.template_text()
        if interactive:
            answers = init_template.ask(prompt, print)
            text = init_template.fill(text, answers)
        init_template.write_proposal(target, text, force)
    except init_template.InitError as exc:
        raise CouldNotRun(str(exc)) from None
    print(f"Wrote {target}. Replace its TODO and <...> placeholders; "
          f"`placecheck lint {target}` lists what is still missing.")
    return 0


def report(
    paths: Annotated[list[Path], typer.Argument(
        metavar="PATH", show_default=False,
        help="A proposal (or several, or directories to search).")],
    output_format: Annotated[str, typer.Option(
        "-f", "--format", metavar="FORMAT", parser=one_of(REPORT_FORMATS),
        autocompletion=lambda: list(REPORT_FORMATS), show_default=False,
        help="html: one self-contained page (print it to PDF); markdown: for a pull request "
             "or a wiki (default: html).")] = "html",
    output: OutputFile = None,
    pack: Packs = None,
    config: ConfigFile = None,
) -> int:
    from placecheck.report import assess_files, build_report, write_report

    settings = Settings(config, paths, pack)
    assessments = assess_files(paths, settings.rules, settings.config.max_files)
    if not assessments:
        named = ", ".join(str(p) for p in paths)
        raise CouldNotRun(f"no proposals found in {named}, so there is nothing to report on "
                          "(a proposal is a .yaml file that starts with `placecheck: 1`)")
    errors = [a.result.error for a in assessments if a.result.error is not None]
    for error in errors:
        say(f"placecheck: {error}")
    if len(errors) == len(assessments):  # nothing readable: no report to write
        return 2
    data = build_report(assessments, settings.packs, settings.rules, keep=settings.keep)
    if output is None:
        write_report(data, output_format, sys.stdout)
    else:
        try:
            with output.open("w", encoding="utf-8", newline="\n") as handle:
                write_report(data, output_format, handle)
        except OSError as exc:
            raise CouldNotRun(f"cannot write {output}: {exc.strerror or exc}") from None
        from placecheck.report.model import headline

        print(f"Wrote the self-assessment to {output}: {headline(data.totals)}")
    return 2 if errors else 0
