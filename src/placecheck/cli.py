"""The `placecheck` command line.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
2 placecheck could not do its job (unreadable file, broken pack or config).
"""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from placecheck.config import Config
    from placecheck.findings import Finding
    from placecheck.lint import LintRun
    from placecheck.rules.pack import Rule

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Check a place-based partnership's governance proposal against the guidance.",
)
rules_app = typer.Typer(help="List the rules, check coverage, or run a pack's rule tests.")
app.add_typer(rules_app, name="rules")


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


class ListingFormat(StrEnum):
    """`rules` prints a table or JSON; the report formats do not apply to it."""

    text = "text"
    json = "json"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class CouldNotRun(Exception):
    """placecheck cannot do what was asked: one line on stderr, exit 2."""


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _version(value: bool) -> None:
    if value:
        from placecheck.entry import version_text

        typer.echo(version_text())
        raise typer.Exit(0)


@app.callback()
def root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and the data vintage.")] = False,
) -> None:
    """placecheck: governance proposals against Thriving places, with citations."""


PackOption = Annotated[list[str] | None, typer.Option(
    "--pack", help="Add a rule pack: a shipped pack id (e.g. nenc) or a pack directory.")]


ConfigOption = Annotated[Path | None, typer.Option(
    "--config", help="Use this placecheck.toml or pyproject.toml instead of finding one.")]


@app.command()
def lint(
    paths: Annotated[list[Path], typer.Argument(help="Proposal files, or directories to search.",
                                                show_default=False)],
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f",
                                                        help="Output format.")] = OutputFormat.text,
    fail_on: Annotated[FailOn | None, typer.Option(
        help="Exit 1 when a finding at or above this severity remains [default: error].",
        show_default=False)] = None,
    select: Annotated[list[str] | None, typer.Option(
        help="Run only these rules (ids or prefixes; repeat or comma-separate).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(
        help="Skip these rules (ids or prefixes).")] = None,
    pack: PackOption = None,
    config: ConfigOption = None,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write the report to this file.")] = None,
    no_hints: Annotated[bool, typer.Option("--no-hints",
                                           help="Leave out the `fix:` lines.")] = False,
    no_departures: Annotated[bool, typer.Option(
        "--no-departures", help="Audit view: show every finding as if no departure "
        "explained it.")] = False,
    baseline: Annotated[Path | None, typer.Option(
        help="Report only findings that are not in this baseline file.")] = None,
    write_baseline: Annotated[Path | None, typer.Option(
        help="Record today's findings in this baseline file.")] = None,
    proposals_only: Annotated[bool, typer.Option(
        "--proposals-only", help="Skip named files that are not proposals (for pre-commit, "
        "which passes every changed YAML file).")] = False,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Lint in this many processes [default: all cores].",
        show_default=False)] = None,
) -> None:
    """Lint proposals and report every gap with its citation."""
    from placecheck.findings import Severity, fails
    from placecheck.lint import lint_paths
    from placecheck.progress import file_progress

    settings = _settings(config, paths, pack, select, ignore, fail_on)
    rules = _active_rules(settings)
    with file_progress(paths, "Linting", settings.max_files, proposals_only) as on_file:
        run = lint_paths(paths, rules, settings.max_file_bytes, settings.max_files,
                         proposals_only, on_file=on_file, jobs=jobs or os.cpu_count() or 1)
    for result in run.results:
        result.findings = _configured(result.findings, settings, no_departures)
    if write_baseline is not None:
        from placecheck.baseline import write_baseline as write

        count = write(write_baseline, run.findings)
        typer.echo(f"placecheck: wrote {count} findings to the baseline {write_baseline}",
                   err=True)
    if baseline is not None:
        from placecheck.baseline import new_findings

        hidden_total = 0
        for result in run.results:
            result.findings, hidden = new_findings(result.findings, baseline)
            hidden_total += hidden
        if hidden_total:
            typer.echo(f"placecheck: {hidden_total} known findings in the baseline are not "
                       "shown", err=True)
    _write(run, output_format, output, show_hints=not no_hints)
    for error in run.errors:
        typer.echo(f"placecheck: {error}", err=True)
    if run.errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if fails(run.findings, Severity.parse(settings.fail_on)) else 0)


def _settings(config: Path | None, paths: list[Path], pack: list[str] | None,
              select: list[str] | None, ignore: list[str] | None,
              fail_on: FailOn | None) -> Config:
    """The configuration file's values, with the command line on top."""
    from placecheck.config import resolve_config

    settings = resolve_config(config, paths)
    if pack:
        settings.set_from_cli("packs", settings.packs + _split(pack))
    if select:
        settings.set_from_cli("select", _split(select))
    if ignore:
        settings.set_from_cli("ignore", settings.ignore + _split(ignore))
    if fail_on is not None:
        settings.set_from_cli("fail_on", fail_on.value)
    return settings


def _active_rules(settings: Config) -> list[Rule]:
    from dataclasses import replace

    from placecheck.config import pack_locations
    from placecheck.rules.selection import load_packs, select_rules

    packs = load_packs(pack_locations(settings))
    rules = select_rules(packs, settings.select, settings.ignore)
    return [replace(r, severity=settings.severity_for(r.id) or r.severity) for r in rules]


def _configured(findings: list[Finding], settings: Config,
                no_departures: bool) -> list[Finding]:
    """Format findings follow select/ignore and severity too; per-path ignores; audits."""
    from placecheck.rules.selection import matches

    kept = []
    for finding in findings:
        if finding.pack == "format":
            if settings.select and not matches(finding.rule_id, settings.select):
                continue
            if matches(finding.rule_id, settings.ignore):
                continue
            override = settings.severity_for(finding.rule_id)
            if override is not None:
                finding = finding.with_severity(override)
        if settings.ignored_here(finding):
            continue
        kept.append(finding)
    if no_departures:
        from placecheck.departures import strip_explanations

        kept = strip_explanations(kept)
    return kept


@app.command("config")
def show_config(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Where to start looking for the configuration (default: here).",
        show_default=False)] = None,
    config: ConfigOption = None,
) -> None:
    """Print the effective configuration and where each value came from."""
    from placecheck.config import KNOWN_KEYS, resolve_config

    settings = resolve_config(config, paths or [Path.cwd()])
    where = str(settings.file) if settings.file else "none found (defaults)"
    typer.echo(f"configuration file: {where}")
    for key in sorted(KNOWN_KEYS):
        typer.echo(f"{key} = {getattr(settings, key)!r}    # from {settings.source(key)}")


def _write(run: LintRun, output_format: OutputFormat, output: Path | None,
           show_hints: bool = True) -> None:
    stream = sys.stdout
    handle = None
    if output is not None:
        try:
            handle = output.open("w", encoding="utf-8")
        except OSError as exc:
            raise CouldNotRun(f"cannot write {output}: {exc.strerror or exc}") from None
        stream = handle
    try:
        if output_format is OutputFormat.json:
            from placecheck.reporters import json_report

            json_report.render(run, stream)
        elif output_format is OutputFormat.sarif:
            from placecheck.reporters import sarif

            sarif.render(run, stream)
        elif output_format is OutputFormat.junit:
            from placecheck.reporters import junit

            junit.render(run, stream)
        elif output_format is OutputFormat.github:
            from placecheck.reporters import github

            github.render(run, stream)
        elif output_format is OutputFormat.markdown:
            from placecheck.reporters import markdown

            markdown.render(run, stream)
        else:
            from placecheck.reporters import text

            text.render(run, stream, color=False if handle else None, show_hints=show_hints)
    finally:
        if handle is not None:
            handle.close()


@rules_app.callback(invoke_without_command=True)
def rules_list(
    ctx: typer.Context,
    pack: PackOption = None,
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="List every catalogue line with the rules that implement it.")] = False,
    output_format: Annotated[ListingFormat, typer.Option("--format", "-f")] = ListingFormat.text,
) -> None:
    """List the active rules: id, severity, title and source."""
    if ctx.invoked_subcommand is not None:
        return
    from placecheck.rules import listing
    from placecheck.rules.selection import load_packs

    packs = load_packs(_split(pack))
    if coverage:
        listing.print_coverage(packs, output_format.value)
    else:
        listing.print_rules(packs, output_format.value)


@rules_app.command("test")
def rules_test(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Pack directories (default: the shipped packs).", show_default=False)] = None,
) -> None:
    """Run each rule's tests (its passing and failing fixtures) and report misfires."""
    from placecheck.rules.testing import run_pack_tests

    ok = run_pack_tests(paths or [])
    raise typer.Exit(0 if ok else 1)


@app.command()
def explain(
    rule_id: Annotated[str, typer.Argument(help="A rule id, e.g. TP-M1 or F003.")],
    pack: PackOption = None,
) -> None:
    """Explain a rule: what it checks, why, where the guidance says so, and passing YAML."""
    from placecheck.rules import listing
    from placecheck.rules.pack import shipped_pack_dirs
    from placecheck.rules.selection import load_packs

    packs = load_packs(_split(pack) + sorted(shipped_pack_dirs()))
    if not listing.print_explanation(packs, rule_id):
        raise CouldNotRun(f"no rule {rule_id!r}: `placecheck rules` lists them")


@app.command()
def schema(
    rules: Annotated[bool, typer.Option("--rules",
                                        help="Print the rule-file schema instead.")] = False,
) -> None:
    """Print the JSON Schema of the proposal format (for editors)."""
    if rules:
        from placecheck.resources import bundled

        typer.echo((bundled("schemas") / "rule.schema.json").read_text(encoding="utf-8"), nl=False)
        return
    from placecheck.model.schema import proposal_schema_text

    typer.echo(proposal_schema_text(), nl=False)


class ReportFormat(StrEnum):
    html = "html"
    markdown = "markdown"


@app.command()
def report(
    paths: Annotated[list[Path], typer.Argument(
        help="A proposal (or several, or directories to search).", show_default=False)],
    output_format: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="html: one self-contained page (print it to PDF); markdown: "
        "for a pull request or a wiki.")] = ReportFormat.html,
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="Write the report to this file.")] = None,
    pack: PackOption = None,
    config: ConfigOption = None,
) -> None:
    """Write a self-assessment a board can read: every expectation, met or not, with evidence.

    Exits 0 once the report is written, whatever it finds; 2 if a file cannot be read.
    """
    from placecheck.config import pack_locations
    from placecheck.report import assess_files, build_report, write_report
    from placecheck.rules.selection import load_packs

    settings = _settings(config, paths, pack, None, None, None)
    packs = load_packs(pack_locations(settings))
    rules = _active_rules(settings)
    assessments = assess_files(paths, rules, settings.max_files)
    errors = [a.result.error for a in assessments if a.result.error is not None]
    if len(errors) == len(assessments):  # nothing readable: no report to write
        for error in errors:
            typer.echo(f"placecheck: {error}", err=True)
        raise typer.Exit(2)
    data = build_report(assessments, packs, rules,
                        keep=lambda found: _configured(found, settings, False))
    if output is None:
        write_report(data, output_format.value, sys.stdout)
    else:
        try:
            with output.open("w", encoding="utf-8", newline="\n") as handle:
                write_report(data, output_format.value, handle)
        except OSError as exc:
            raise CouldNotRun(f"cannot write {output}: {exc.strerror or exc}") from None
        from placecheck.report.model import headline

        typer.echo(f"Wrote the self-assessment to {output}: {headline(data.totals)}")
    for error in errors:
        typer.echo(f"placecheck: {error}", err=True)
    raise typer.Exit(2 if errors else 0)


@app.command()
def init(
    path: Annotated[Path | None, typer.Argument(
        help="Where to write the proposal [default: proposal.yaml].", show_default=False)] = None,
    interactive: Annotated[bool, typer.Option(
        "--interactive", "-i", help="Ask for the place, ICS, local authorities and governance "
        "model, and fill them in.")] = False,
    force: Annotated[bool, typer.Option("--force",
                                        help="Overwrite the file if it exists.")] = False,
) -> None:
    """Write a commented starting proposal whose placeholders placecheck flags until filled in."""
    from placecheck import init_template

    target = init_template.target(path)
    try:
        init_template.check_target(target, force)  # before any question is asked
        text = init_template.template_text()
        if interactive:
            answers = init_template.ask(
                lambda question, default: str(typer.prompt(question, default=default)),
                typer.echo)
            text = init_template.fill(text, answers)
        init_template.write_proposal(target, text, force)
    except init_template.InitError as exc:
        raise CouldNotRun(str(exc)) from None
    typer.echo(f"Wrote {target}. Replace its TODO and <...> placeholders; "
               f"`placecheck lint {target}` lists what is still missing.")


def main() -> NoReturn:
    from placecheck.loading import LoadError

    try:
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (LoadError, CouldNotRun) as exc:
        typer.echo(f"placecheck: {exc}", err=True)
        sys.exit(2)
    except typer.Abort:
        typer.echo("placecheck: aborted", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as exc:
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # a usage error from typer
            exc.show()
            sys.exit(2)
        if os.environ.get("PLACECHECK_DEBUG"):
            raise
        typer.echo(f"placecheck: internal error ({type(exc).__name__}: {exc}); "
                   "please report it. Set PLACECHECK_DEBUG=1 to see the details.", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
