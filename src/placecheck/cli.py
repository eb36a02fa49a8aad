"""The `placecheck` command line.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
2 placecheck could not do its job (unreadable file, broken pack or config) or
the command line was wrong (unknown option, bad value, missing argument).

The arguments are parsed with argparse, and only the chosen command's parser is
built: `lint` has to start fast, and a command-line framework cost more than the
lint itself. Everything beyond the standard library is imported inside the
command that needs it.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import NoReturn

    from placecheck.config import Config
    from placecheck.findings import Finding
    from placecheck.lint import LintRun
    from placecheck.reporters.options import ReportOptions
    from placecheck.rules.pack import Rule

PROG = "placecheck"
OUTPUT_FORMATS = ("text", "json", "sarif", "junit", "github", "markdown")
LISTING_FORMATS = ("text", "json")  # `rules` prints a table or JSON, not a report
REPORT_FORMATS = ("html", "markdown")
FAIL_ON = ("error", "warning", "info")


class CouldNotRun(Exception):
    """placecheck cannot do what was asked: one line on stderr, exit 2."""


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _say(message: str) -> None:
    print(message, file=sys.stderr)


# --- parsing -------------------------------------------------------------------------


class _Formatter(argparse.HelpFormatter):
    """Help as typer showed it: "Usage:", each paragraph wrapped, lists kept as written."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width)

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup],
                  prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        """`-f, --format FORMAT` rather than `-f FORMAT, --format FORMAT`."""
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        metavar = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {metavar}"

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Wrap each paragraph; keep a paragraph of several lines (a list) as it is."""
        import textwrap

        paragraphs = []
        for paragraph in text.strip().split("\n\n"):
            if "\n" in paragraph:
                paragraphs.append("\n".join(indent + line for line in paragraph.splitlines()))
            else:
                paragraphs.append(textwrap.fill(" ".join(paragraph.split()), width,
                                                initial_indent=indent, subsequent_indent=indent,
                                                break_on_hyphens=False))
        return "\n\n".join(paragraphs)

    def _split_lines(self, text: str, width: int) -> list[str]:
        """An option's help, wrapped without splitting `--fail-on` or `comma-separate`."""
        import textwrap

        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


def _plain(message: str) -> str:
    """argparse's wording, made plainer: "option --format: ..." rather than "argument"."""
    if message.startswith("argument COMMAND: invalid choice: "):
        return "no such command " + message.removeprefix("argument COMMAND: invalid choice: ")
    if message.startswith("argument -"):
        return "option " + message.removeprefix("argument ")
    return message


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are three short lines: usage, the problem, where to look."""

    def __init__(self, prog: str, usage: str, description: str, epilog: str | None = None
                 ) -> None:
        super().__init__(prog=prog, usage=usage, description=description, epilog=epilog,
                         formatter_class=_Formatter, add_help=False, allow_abbrev=False)
        self.arguments = self.add_argument_group("Arguments")
        self.needed: list[tuple[str, str]] = []  # (dest, metavar) of the required arguments
        self.options = self.add_argument_group("Options")
        self.options.add_argument("-h", "--help", action="help",
                                  help="Show this help and exit.")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Error: {_plain(message)}\nTry '{self.prog} --help' for help.\n")

    def positional(self, dest: str, metavar: str, nargs: str | None, help: str,
                   required: bool = False, path: bool = True) -> None:
        """An argument; a required one is checked after the options, so that an unknown
        option is what the error names, not a missing path."""
        self.arguments.add_argument(dest, metavar=metavar, nargs=nargs, help=help,
                                    type=Path if path else str)
        if required:
            self.needed.append((dest, metavar))

    def check(self, args: argparse.Namespace, extras: list[str]) -> None:
        """Usage errors argparse leaves to us: unknown options, extra or missing arguments."""
        self.refuse_extras(extras)
        for dest, metavar in self.needed:
            if getattr(args, dest) in (None, []):
                self.error(f"missing argument {metavar}")

    def refuse_extras(self, extras: list[str]) -> None:
        """An error for the arguments nothing took: an unknown option, or one too many."""
        unknown = [arg for arg in extras if arg.startswith("-") and arg != "-"]
        if unknown:
            self.error(f"no such option: {unknown[0].split('=')[0]}")
        if extras:
            self.error(f"unexpected extra argument{'s' if len(extras) > 1 else ''}: "
                       + " ".join(extras))


def _whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return value


def _add_pack(parser: _Parser) -> None:
    parser.options.add_argument(
        "--pack", action="append", metavar="PACK",
        help="Add a rule pack: a shipped pack id (e.g. nenc) or a pack directory. "
             "Repeat it for several packs.")


def _add_config(parser: _Parser) -> None:
    parser.options.add_argument(
        "--config", type=Path, metavar="FILE",
        help="Use this placecheck.toml or pyproject.toml instead of finding one.")


def _add_output(parser: _Parser) -> None:
    parser.options.add_argument("-o", "--output", type=Path, metavar="FILE",
                                help="Write the report to this file.")


def _lint_parser() -> _Parser:
    parser = _Parser(f"{PROG} lint", "%(prog)s [OPTIONS] PATH...",
                     "Lint proposals and report every gap with its citation.",
                     "Exits 0 when no finding is at or above the --fail-on severity, 1 when one "
                     "is, and 2 when placecheck could not do its job (a file it cannot read, a "
                     "broken rule pack or configuration).")
    parser.positional("paths", "PATH", "*", "Proposal files, or directories to search.",
                      required=True)
    add = parser.options.add_argument
    add("-f", "--format", dest="output_format", choices=OUTPUT_FORMATS, default="text",
        metavar="FORMAT", help="Output format: " + ", ".join(OUTPUT_FORMATS)
        + " (default: text).")
    add("--fail-on", choices=FAIL_ON, metavar="SEVERITY",
        help="Exit 1 when a finding at or above this severity remains: error, warning or info "
             "(default: error, or the configuration's fail_on).")
    add("--select", action="append", metavar="RULES",
        help="Run only these rules (ids or prefixes; repeat or comma-separate).")
    add("--ignore", action="append", metavar="RULES",
        help="Skip these rules (ids or prefixes; repeat or comma-separate).")
    _add_pack(parser)
    _add_config(parser)
    _add_output(parser)
    add("--no-hints", action="store_true", help="Leave out the `fix:` lines.")
    add("--no-departures", action="store_true",
        help="Audit view: show every finding as if no departure explained it.")
    add("--baseline", type=Path, metavar="FILE",
        help="Report only findings that are not in this baseline file.")
    add("--write-baseline", type=Path, metavar="FILE",
        help="Record today's findings in this baseline file.")
    add("--proposals-only", action="store_true",
        help="Skip named files that are not proposals (for pre-commit, which passes every "
             "changed YAML file).")
    add("--fix", action="store_true",
        help="Repair, in place, the mistakes that have one right answer (tabs, invisible "
             "spaces, curly quotes, UK dates, £ and thousands separators, yes/no, CRLF, "
             "byte-order mark), then lint the fixed files.")
    add("--diff", action="store_true",
        help="Show what --fix would change, without writing (exit 1 if anything would).")
    add("-j", "--jobs", type=_whole_number, metavar="N",
        help="Lint in this many processes, 1 or more (default: all cores).")
    add("--sarif-include-explained", action="store_true",
        help="SARIF: keep explained findings, at level none (GitHub shows them as open "
             "alerts, since it ignores suppressions).")
    add("--junit-locations", action="store_true",
        help="JUnit: add file and line to each test case (GitHub annotation actions read "
             "them; the Ant and Jenkins schemas do not allow them).")
    add("--max-results", type=_whole_number, metavar="N",
        help="SARIF: keep at most this many results, the most severe (default: 5000, or the "
             "configuration's max_results).")
    return parser


def _config_parser() -> _Parser:
    parser = _Parser(f"{PROG} config", "%(prog)s [OPTIONS] [PATH...]",
                     "Print the effective configuration and where each value came from.")
    parser.positional("paths", "PATH", "*",
                      "Where to start looking for the configuration (default: here).")
    _add_config(parser)
    return parser


def _explain_parser() -> _Parser:
    parser = _Parser(f"{PROG} explain", "%(prog)s [OPTIONS] RULE",
                     "Explain a rule: what it checks, why, where the guidance says so, and "
                     "passing YAML.")
    parser.positional("rule_id", "RULE", "?", "A rule id, e.g. TP-M1 or F003.", required=True,
                      path=False)
    _add_pack(parser)
    return parser


def _schema_parser() -> _Parser:
    parser = _Parser(f"{PROG} schema", "%(prog)s [OPTIONS]",
                     "Print the JSON Schema of the proposal format (for editors).")
    parser.options.add_argument("--rules", action="store_true",
                                help="Print the rule-file schema instead.")
    return parser


def _report_parser() -> _Parser:
    parser = _Parser(f"{PROG} report", "%(prog)s [OPTIONS] PATH...",
                     "Write a self-assessment a board can read: every expectation, met or not, "
                     "with evidence.\n\n"
                     "Exits 0 once the report is written, whatever it finds; 2 if a file "
                     "cannot be read.")
    parser.positional("paths", "PATH", "*",
                      "A proposal (or several, or directories to search).", required=True)
    parser.options.add_argument(
        "-f", "--format", dest="output_format", choices=REPORT_FORMATS, default="html",
        metavar="FORMAT", help="html: one self-contained page (print it to PDF); markdown: for "
        "a pull request or a wiki (default: html).")
    parser.options.add_argument(
        "-o", "--output", type=Path, metavar="FILE",
        help="Write the report to this file (default: PLACE-self-assessment.html next to the "
        "proposal; Markdown goes to standard output; - for standard output).")
    parser.options.add_argument("--summary", action="store_true",
                                help="The short Markdown for a pull-request comment.")
    parser.options.add_argument("--since", metavar="REV",
                                help="Say what changed since this git revision of the file.")
    parser.options.add_argument("--compare", type=Path, metavar="OLD",
                                help="Say what changed since this earlier version of the file.")
    _add_pack(parser)
    _add_config(parser)
    return parser


def _init_parser() -> _Parser:
    parser = _Parser(f"{PROG} init", "%(prog)s [OPTIONS] [PATH]",
                     "Write a commented starting proposal whose placeholders placecheck flags "
                     "until filled in.")
    parser.positional("path", "PATH", "?",
                      "Where to write the proposal, a file or a folder (default: proposal.yaml).",
                      path=False)
    parser.options.add_argument(
        "-i", "--interactive", action="store_true",
        help="Ask for the place, ICS, local authorities and governance model, and fill them in.")
    parser.options.add_argument("--force", action="store_true",
                                help="Overwrite the file if it exists.")
    return parser


_RULES_TEST = "Run each rule's tests (its passing and failing fixtures) and report misfires."


def _rules_parser() -> _Parser:
    parser = _Parser(f"{PROG} rules", "%(prog)s [OPTIONS]\n       %(prog)s test [PATH...]",
                     "List the rules, check coverage, or run a pack's rule tests.\n\n"
                     "Without a command: list the active rules, with their id, severity, "
                     "title and source.",
                     f"Commands:\n  test  {_RULES_TEST}")
    _add_pack(parser)
    parser.options.add_argument(
        "--coverage", action="store_true",
        help="List every catalogue line with the rules that implement it.")
    parser.options.add_argument(
        "-f", "--format", dest="output_format", choices=LISTING_FORMATS, default="text",
        metavar="FORMAT", help="text or json (default: text).")
    commands = parser.add_subparsers(dest="subcommand", metavar="COMMAND",
                                     parser_class=_Parser, help=argparse.SUPPRESS)
    test = commands.add_parser("test", prog=f"{PROG} rules test",
                               usage="%(prog)s [PATH...]", description=_RULES_TEST)
    test.positional("paths", "PATH", "*", "Pack directories (default: the shipped packs).")
    test.set_defaults(parser_used=test)
    return parser


def _root_parser() -> _Parser:
    width = max(len(name) for name in COMMANDS)
    listed = "\n".join(f"  {name.ljust(width)}  {line}" for name, (line, _, _) in COMMANDS.items())
    parser = _Parser(PROG, "%(prog)s [--version] COMMAND [OPTIONS] [ARGUMENTS]",
                     "Check a place-based partnership's governance proposal against the "
                     "guidance.",
                     f"Commands:\n{listed}\n\n"
                     f"Run '{PROG} COMMAND --help' for a command's options,\n"
                     f"e.g. '{PROG} lint --help'.")
    parser.options.add_argument("--version", action="store_true",
                                help="Show the version and the data vintage.")
    parser.arguments.add_argument("command", nargs="?", metavar="COMMAND",
                                  help=argparse.SUPPRESS)
    parser.arguments.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """The command line as a namespace, with `command` set; usage errors and --help exit
    here."""
    root = _root_parser()
    if not argv:
        root.print_help(sys.stderr)
        root.exit(2)
    top, extras = root.parse_known_args(argv)
    root.refuse_extras(extras)
    if top.version:
        from placecheck.entry import version_text

        print(version_text())
        root.exit(0)
    if top.command is None:
        root.error(f"no command given: choose one of {', '.join(COMMANDS)}")
    if top.command not in COMMANDS:
        root.error(f"no such command {top.command!r}: choose one of {', '.join(COMMANDS)}")
    parser = COMMANDS[top.command][1]()
    if top.command == "rules":  # a command of its own (`test`): not parsed intermixed
        args, extras = parser.parse_known_args(top.rest)
    else:  # options may come after the paths, as in `lint a.yaml -f json b.yaml`
        args, extras = parser.parse_known_intermixed_args(top.rest)
    getattr(args, "parser_used", parser).check(args, extras)
    args.command = top.command
    return args


# --- the commands ----------------------------------------------------------------------


def lint(args: argparse.Namespace) -> int:
    """Lint proposals and report every gap with its citation."""
    from placecheck.configured import Overrides, lint_configured
    from placecheck.entry import resume_collector
    from placecheck.progress import file_progress
    from placecheck.reporters.options import ReportOptions

    paths: list[Path] = args.paths
    jobs: int | None = args.jobs
    proposals_only: bool = args.proposals_only
    write_baseline: Path | None = args.write_baseline
    baseline: Path | None = args.baseline
    overrides = Overrides(args.config, _split(args.pack), _split(args.select),
                          _split(args.ignore), args.fail_on, args.max_results)
    settings = _settings(args.config, [Path.cwd()], args.pack, None, None, None)
    if args.fix or args.diff:
        from placecheck.fixing import fix_paths
        from placecheck.lint import discover

        changed = fix_paths(discover(paths, settings.max_files, proposals_only), args.fix,
                            args.diff, sys.stdout, _say, settings.max_file_bytes)
        if not args.fix:
            return 1 if changed else 0
    resume_collector()  # entry.main paused it for start-up
    with file_progress(paths, "Linting", settings.max_files, proposals_only) as on_file:
        linted = lint_configured(paths, overrides, args.no_departures, proposals_only,
                                 on_file=on_file, jobs=jobs or os.cpu_count() or 1)
    run = linted.run
    if write_baseline is not None:
        from placecheck.baseline import write_baseline as write

        count = write(write_baseline, run.findings)
        _say(f"placecheck: wrote {count} findings to the baseline {write_baseline}")
    if baseline is not None:
        from placecheck.baseline import new_findings

        hidden_total = 0
        for result in run.results:
            result.findings, hidden = new_findings(result.findings, baseline)
            hidden_total += hidden
        if hidden_total:
            _say(f"placecheck: {hidden_total} known findings in the baseline are not shown")
    options = ReportOptions(
        sarif_include_explained=args.sarif_include_explained,
        junit_locations=args.junit_locations, max_results=linted.settings.max_results,
        fail_on_by_file={r.file: linted.fail_on(r) for r in run.results}, rules=linted.rules)
    _write(run, args.output_format, args.output, show_hints=not args.no_hints, options=options)
    from placecheck.discovery import not_checked
    from placecheck.lint import display_name

    skipped = [display_name(p) for p in run.not_proposals]
    for note in not_checked(paths, skipped, len(run.results)):
        _say(f"placecheck: {note}")
    for error in run.errors:
        _say(f"placecheck: {error}")
    if run.errors:
        return 2
    return 1 if linted.fails() else 0


def _settings(config: Path | None, paths: list[Path], pack: list[str] | None,
              select: list[str] | None, ignore: list[str] | None,
              fail_on: str | None) -> Config:
    """The configuration file's values for the first path, with the command line on top."""
    from placecheck.config import config_file_for
    from placecheck.configured import Overrides, settings_from

    overrides = Overrides(config, _split(pack), _split(select), _split(ignore), fail_on)
    return settings_from(config_file_for(paths[0] if paths else Path.cwd(), config), overrides)


def _active_rules(settings: Config) -> list[Rule]:
    from placecheck.configured import active_rules

    return active_rules(settings)


def _configured(findings: list[Finding], settings: Config,
                no_departures: bool) -> list[Finding]:
    from placecheck.configured import configured

    return configured(findings, settings, no_departures)


def show_config(args: argparse.Namespace) -> int:
    """Print the configuration that applies to each path and where each value came from."""
    from placecheck.config import KNOWN_KEYS, resolve_config

    paths: list[Path] = args.paths
    for number, path in enumerate(paths or [Path.cwd()]):
        settings = resolve_config(args.config, [path])
        where = str(settings.file) if settings.file else "none found (defaults)"
        if number:
            print()
        if len(paths) > 1:
            print(f"for: {path}")
        print(f"configuration file: {where}")
        for key in sorted(KNOWN_KEYS):
            print(f"{key} = {getattr(settings, key)!r}    # from {settings.source(key)}")
    return 0


def _write(run: LintRun, output_format: str, output: Path | None,
           show_hints: bool = True, options: ReportOptions | None = None) -> None:
    stream = sys.stdout
    handle = None
    if output is not None:
        try:
            handle = output.open("w", encoding="utf-8")
        except OSError as exc:
            raise CouldNotRun(f"cannot write {output}: {exc.strerror or exc}") from None
        stream = handle
    try:
        if output_format == "json":
            from placecheck.reporters import json_report

            json_report.render(run, stream)
        elif output_format == "sarif":
            from placecheck.reporters import sarif

            sarif.render(run, stream, options)
        elif output_format == "junit":
            from placecheck.reporters import junit

            junit.render(run, stream, options)
        elif output_format == "github":
            from placecheck.reporters import github

            github.render(run, stream)
        elif output_format == "markdown":
            from placecheck.reporters import markdown

            markdown.render(run, stream)
        else:
            from placecheck.reporters import text

            text.render(run, stream, color=False if handle else None, show_hints=show_hints)
    finally:
        if handle is not None:
            handle.close()


def rules_list(args: argparse.Namespace) -> int:
    """List the active rules (id, severity, title and source), or run `rules test`."""
    if args.subcommand == "test":
        return rules_test(args.paths)
    from placecheck.rules import listing
    from placecheck.rules.selection import load_packs

    packs = load_packs(_split(args.pack))
    if args.coverage:
        listing.print_coverage(packs, args.output_format)
    else:
        listing.print_rules(packs, args.output_format)
    return 0


def rules_test(paths: list[Path]) -> int:
    """Run each rule's tests (its passing and failing fixtures) and report misfires."""
    from placecheck.rules.testing import run_pack_tests

    return 0 if run_pack_tests(paths) else 1


def explain(args: argparse.Namespace) -> int:
    """Explain a rule: what it checks, why, where the guidance says so, and passing YAML."""
    from placecheck.rules import listing
    from placecheck.rules.pack import shipped_pack_dirs
    from placecheck.rules.selection import load_packs

    rule_id: str = args.rule_id
    packs = load_packs(_split(args.pack) + sorted(shipped_pack_dirs()))
    if not listing.print_explanation(packs, rule_id):
        raise CouldNotRun(f"no rule {rule_id!r}: `placecheck rules` lists them")
    return 0


def schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the proposal format (for editors)."""
    if args.rules:
        from placecheck.resources import bundled

        sys.stdout.write((bundled("schemas") / "rule.schema.json").read_text(encoding="utf-8"))
        return 0
    from placecheck.model.schema import proposal_schema_text

    sys.stdout.write(proposal_schema_text())
    return 0


def report(args: argparse.Namespace) -> int:
    """Write a self-assessment a board can read: every expectation, met or not, with evidence.

    Exits 0 once the report is written, whatever it finds; 2 if a file cannot be read.
    """
    from placecheck.config import pack_locations
    from placecheck.report import ReportError, ReportOptions, run_report
    from placecheck.rules.selection import load_packs

    paths: list[Path] = args.paths
    settings = _settings(args.config, paths, args.pack, None, None, None)
    options = ReportOptions(output=args.output, output_format=args.output_format,
                            summary=args.summary, since=args.since, compare=args.compare,
                            max_files=settings.max_files)
    try:
        return run_report(paths, load_packs(pack_locations(settings)), _active_rules(settings),
                          options, keep=lambda found: _configured(found, settings, False),
                          warn=_say)
    except ReportError as exc:
        raise CouldNotRun(str(exc)) from None


def prompt(question: str, default: str | None) -> str:
    """Ask on the terminal: `question [default]: `; an empty answer takes the default."""
    try:
        answer = input(f"{question} [{default}]: " if default else f"{question}: ")
    except EOFError:
        print()  # end the question's line
        raise CouldNotRun("the input ended before every question was answered; "
                          "nothing was written") from None
    return answer or default or ""


def init(args: argparse.Namespace) -> int:
    """Write a commented starting proposal whose placeholders placecheck flags until filled in."""
    from placecheck import init_template

    typed: str | None = args.path  # as typed: Path() would drop the `/` of `init DIR/`
    target = init_template.target(typed)
    folder = typed is not None and target.parent == Path(typed)  # `init DIR/` makes DIR
    force: bool = args.force
    try:
        init_template.check_target(target, force, folder)  # before any question is asked
        text = init_template.template_text()
        if args.interactive:
            answers = init_template.ask(prompt, print)
            text = init_template.fill(text, answers)
        text = init_template.with_schema_line(text, target)
        init_template.write_proposal(target, text, force, folder)
    except init_template.InitError as exc:
        raise CouldNotRun(str(exc)) from None
    print(f"Wrote {target}. Replace its TODO and <...> placeholders; "
          f"`placecheck lint {target}` lists what is still missing.")
    return 0


# name: (its line in the list of commands, its parser, its handler)
COMMANDS: dict[str, tuple[str, Callable[[], _Parser], Callable[[argparse.Namespace], int]]] = {
    "lint": ("Lint proposals and report every gap with its citation.", _lint_parser, lint),
    "config": ("Print the effective configuration and where each value came from.",
               _config_parser, show_config),
    "explain": ("Explain a rule: what it checks, why, and where the guidance says so.",
                _explain_parser, explain),
    "schema": ("Print the JSON Schema of the proposal format (for editors).", _schema_parser,
               schema),
    "report": ("Write a self-assessment a board can read, with evidence.", _report_parser,
               report),
    "init": ("Write a commented starting proposal to fill in.", _init_parser, init),
    "rules": ("List the rules, check coverage, or run a pack's rule tests.", _rules_parser,
              rules_list),
}


def dispatch(argv: list[str]) -> int:
    """Parse the command line and run the command; its exit code."""
    args = parse(argv)
    return COMMANDS[args.command][2](args)


def _quiet_stdout() -> None:
    """After a broken pipe (`placecheck rules | head`), send what is left to nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> NoReturn:
    try:
        code = dispatch(sys.argv[1:] if argv is None else argv)
    except CouldNotRun as exc:
        _say(f"placecheck: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(1)
    except Exception as exc:
        loading = sys.modules.get("placecheck.loading")  # a LoadError means it is loaded
        if loading is not None and isinstance(exc, loading.LoadError):
            _say(f"placecheck: {exc}")
            sys.exit(2)
        if os.environ.get("PLACECHECK_DEBUG"):
            raise
        _say(f"placecheck: internal error ({type(exc).__name__}: {exc}); "
             "please report it. Set PLACECHECK_DEBUG=1 to see the details.")
        sys.exit(2)
    sys.exit(code)
