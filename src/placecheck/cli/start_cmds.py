"""`placecheck init` (a starting proposal) and `placecheck report` (a board's self-assessment)."""

# No `from __future__ import annotations` here: typer reads these signatures on every run,
# and annotations kept as strings would be parsed and evaluated again each time.

from pathlib import Path
from typing import Annotated

import typer

from placecheck.cli.common import CouldNotRun, one_of, say
from placecheck.cli.lint_cmd import ConfigFile, NoCache, Packs
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
    path: Annotated[str | None, typer.Argument(
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
    from placecheck import init_template  # only `init` needs it

    # PATH stays text: Path() would drop the `/` of `init DIR/`, which makes DIR.
    target = init_template.target(path)
    folder = path is not None and target.parent == Path(path)
    try:
        init_template.check_target(target, force, folder)  # before any question is asked
        text = init_template.template_text()
        if interactive:
            answers = init_template.ask(prompt, print)
            text = init_template.fill(text, answers)
        text = init_template.with_schema_line(text, target)
        init_template.write_proposal(target, text, force, folder)
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
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", metavar="FILE", show_default=False,
        help="Write the report to this file (default: PLACE-self-assessment.html next to the "
             "proposal; Markdown goes to standard output; - for standard output).")] = None,
    summary: Annotated[bool, typer.Option(
        "--summary", help="The short Markdown for a pull-request comment.")] = False,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="REV", show_default=False,
        help="Say what changed since this git revision of the file.")] = None,
    compare: Annotated[Path | None, typer.Option(
        "--compare", metavar="OLD", show_default=False,
        help="Say what changed since this earlier version of the file.")] = None,
    pack: Packs = None,
    config: ConfigFile = None,
    no_cache: NoCache = False,
) -> int:
    from placecheck.report import ReportError, ReportOptions, run_report

    settings = Settings(config, paths, pack, cache=not no_cache)
    options = ReportOptions(output=output, output_format=output_format, summary=summary,
                            since=since, compare=compare, max_files=settings.config.max_files)
    try:
        return run_report(paths, settings.packs, settings.rules, options, keep=settings.keep,
                          warn=say)
    except ReportError as exc:
        raise CouldNotRun(str(exc)) from None
