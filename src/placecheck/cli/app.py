"""The `placecheck` typer app: its commands in the order people use them, and `main`.

Exit codes: 0 nothing at or above the fail level; 1 findings at or above it;
2 placecheck could not do its job (unreadable file, broken pack or config) or
the command line was wrong (unknown option, bad value, missing argument).
Every usage error is one line on stderr in placecheck's own words.
"""

# No `from __future__ import annotations` here: typer reads these signatures on every run,
# and annotations kept as strings would be parsed and evaluated again each time.

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

from placecheck import __version__
from placecheck.cli import info_cmds, lint_cmd, start_cmds, startup
from placecheck.cli.clicklib import core, exceptions
from placecheck.cli.common import CouldNotRun, did_you_mean, say
from placecheck.loading import LoadError

PROG = "placecheck"
HELP_OPTIONS = ["-h", "--help"]
_PYTHON_TYPE = re.compile(r" <(?:list\[)?(?:Path|str|int)\]?>")
ORDER = ("init", "lint", "report", "explain", "rules", "config", "schema")  # as people use them


class Command(TyperCommand):
    """A command whose leftover arguments are a usage error in our words."""

    def parse_args(self, ctx: core.Context, args: list[str]) -> list[str]:
        ctx.allow_extra_args = True
        try:
            rest: list[str] = super().parse_args(ctx, args)
        except exceptions.UsageError as exc:
            exc.ctx = exc.ctx or ctx  # so that the message names this command's help
            raise
        if ctx.args:
            plural = "s" if len(ctx.args) > 1 else ""
            raise exceptions.UsageError(f"unexpected extra argument{plural}: " + " ".join(ctx.args),
                                   ctx)
        return rest

    def invoke(self, ctx: core.Context) -> Any:
        startup.resume_collector(command_begins=True)  # the command line is read
        return super().invoke(ctx)

    def get_help(self, ctx: core.Context) -> str:
        """The help without the Python types typer adds to arguments (`<list[Path]>`)."""
        return _PYTHON_TYPE.sub("", super().get_help(ctx))

    def collect_usage_pieces(self, ctx: core.Context) -> list[str]:
        """`PATH...` for a required list, not typer's `{PATH}...`."""
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [piece.replace("{", "").replace("}", "") for piece in pieces]


class Group(TyperGroup):
    """A group that lists its commands in ORDER and names them when given one it lacks."""

    def list_commands(self, ctx: core.Context) -> list[str]:
        names: list[str] = super().list_commands(ctx)
        return sorted(names, key=lambda n: ORDER.index(n) if n in ORDER else len(ORDER))

    def resolve_command(self, ctx: core.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            commands = self.list_commands(ctx)
            raise exceptions.UsageError(f"no such command {name!r}{did_you_mean(name, commands)} "
                                   f"(commands: {', '.join(commands)})", ctx)
        return super().resolve_command(ctx, args)


def version_text() -> str:
    """The version and the vintage of the geography it checks against (PLACECHECK_GEOGRAPHY
    names a newer table)."""
    from placecheck.geography import table_path

    table = Path(table_path())
    try:
        geography = json.loads(table.read_text(encoding="utf-8"))
        vintage = f"{geography['vintage']} ({geography['vintage_id']})"
    except (OSError, ValueError, KeyError, TypeError):
        vintage = f"{table} cannot be read (PLACECHECK_GEOGRAPHY)"
    return f"placecheck {__version__}\ngeography: {vintage}"


def _show_version(value: bool) -> None:
    if value:
        print(version_text())
        raise typer.Exit(0)


app = typer.Typer(
    cls=Group,
    name=PROG,
    help="Check a place-based partnership's governance proposal against the guidance.",
    epilog="\b\nRun 'placecheck COMMAND --help' for a command's options and an example,\n"
           "e.g. 'placecheck lint --help'.",
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": HELP_OPTIONS},
)


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_show_version, is_eager=True,
        help="Show the version and the geography vintage, and exit.")] = False,
) -> None:
    """Check a place-based partnership's governance proposal against the guidance."""


def _add(function: Callable[..., int], name: str, short: str, epilog: str,
         help: str | None = None, to: typer.Typer = app) -> None:
    to.command(name, cls=Command, short_help=short, help=help, epilog=epilog,
               context_settings={"help_option_names": HELP_OPTIONS})(function)


_add(start_cmds.init, "init", "Write a commented starting proposal to fill in.",
     start_cmds.INIT_EPILOG)
_add(lint_cmd.lint, "lint", "Lint proposals and report every gap with its citation.",
     lint_cmd.EPILOG, help=lint_cmd.HELP)
_add(start_cmds.report, "report", "Write a self-assessment a board can read, with evidence.",
     start_cmds.REPORT_EPILOG, help=start_cmds.REPORT_HELP)
_add(info_cmds.explain, "explain",
     "Explain a rule: what it checks, why, and where the guidance says so.",
     info_cmds.EXPLAIN_EPILOG)

rules_app = typer.Typer(cls=Group, invoke_without_command=True, add_completion=False,
                        rich_markup_mode=None, epilog=info_cmds.RULES_EPILOG,
                        context_settings={"help_option_names": HELP_OPTIONS})
rules_app.callback()(info_cmds.rules)
_add(info_cmds.rules_test, "test",
     "Run each rule's tests (its passing and failing fixtures) and report misfires.",
     info_cmds.RULES_TEST_EPILOG, to=rules_app)
app.add_typer(rules_app, name="rules",
              short_help="List the rules, check coverage, or run a pack's rule tests.")

_add(info_cmds.show_config, "config",
     "Print the effective configuration and where each value came from.",
     info_cmds.CONFIG_EPILOG)
_add(info_cmds.schema, "schema", "Print the JSON Schema of the proposal format (for editors).",
     info_cmds.SCHEMA_EPILOG)


# --- running it -------------------------------------------------------------------------


def _option_names(ctx: core.Context | None) -> list[str]:
    if ctx is None:
        return []
    return [name for param in ctx.command.params for name in param.opts
            if name.startswith("-")]


def _param_name(param: core.Parameter | None) -> str:
    if param is None:
        return "a value"
    if param.param_type_name == "argument":
        return "argument " + (param.metavar or (param.name or "").upper()).strip("[].")
    return "option " + next((o for o in param.opts if o.startswith("--")), param.opts[0])


def usage_message(exc: exceptions.UsageError) -> str:
    """A usage error in placecheck's words, with where the help is: one line."""
    if isinstance(exc, exceptions.NoSuchOption):
        text = (f"no such option: {exc.option_name}"
                + did_you_mean(exc.option_name, _option_names(exc.ctx)))
    elif isinstance(exc, exceptions.MissingParameter):
        text = "missing " + _param_name(exc.param)
    elif isinstance(exc, exceptions.BadParameter):
        text = f"{_param_name(exc.param)}: {exc.message}"
    elif isinstance(exc, exceptions.BadOptionUsage):
        takes_none = "does not take" in exc.message
        text = f"option {exc.option_name} " + ("takes no value" if takes_none
                                               else "needs a value")
    else:
        text = exc.message[:1].lower() + exc.message[1:]
    where = exc.ctx.command_path if exc.ctx is not None else PROG
    text = text.rstrip(".")
    return f"placecheck: {text}{'' if text.endswith('?') else '.'} Try '{where} --help' for help."


def _help_text() -> str:
    command = typer.main.get_command(app)
    with core.Context(command, info_name=PROG, help_option_names=HELP_OPTIONS) as ctx:
        return command.get_help(ctx)


def run(argv: list[str]) -> int:
    """Run the command line; its exit code. Errors a person can fix are one line."""
    if not argv:
        say(_help_text())
        return 2
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name=PROG, standalone_mode=False)
    except exceptions.UsageError as exc:
        say(usage_message(exc))
        return 2
    except (CouldNotRun, LoadError) as exc:
        say(f"placecheck: {exc}")
        return 2
    except typer.Abort:
        return 130
    except exceptions.ClickException as exc:
        say(f"placecheck: {exc.format_message()}")
        return 2
    return result if isinstance(result, int) else 0


def _quiet_stdout() -> None:
    """After a broken pipe (`placecheck rules | head`), send what is left to nowhere."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: list[str] | None = None) -> NoReturn:
    """The `placecheck` command."""
    # pydantic looks through every installed package's entry points for plugins when
    # the models are built (~10 ms a run); no plugin has any business in a verdict.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    startup.pause_collector()  # until the command begins (Command.invoke)
    try:
        code = run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        _quiet_stdout()
        code = 1
    except Exception as exc:
        if os.environ.get("PLACECHECK_DEBUG"):
            raise
        say(f"placecheck: internal error ({type(exc).__name__}: {exc}); "
            "please report it. Set PLACECHECK_DEBUG=1 to see the details.")
        code = 2
    startup.resume_collector()  # for a caller that goes on (tests call main)
    sys.exit(code)


def script() -> NoReturn:
    """The installed `placecheck` command and `python -m placecheck`: `main`, then the
    process ends at once (tests and other callers use `main`, which raises SystemExit)."""
    try:
        main()
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 2
    if _observed():
        sys.exit(code)
    end_process(code)


def end_process(code: int) -> NoReturn:
    """Flush the output and end the process without tearing the interpreter down.

    When a command is over, its files are closed and its worker processes gone
    (both are `with` blocks). Tearing the interpreter down then frees every object
    typer, pydantic and the rules made, one at a time: 10 to 20 ms of a 200 ms lint,
    for nothing. mypy ends its runs the same way.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # nobody reads it any more (`| head`), or closed
            code = code or 1
    os._exit(code)


def _observed() -> bool:
    """Whether a tracer, profiler or coverage tool watches the run: they write what they
    saw as the interpreter ends (atexit), so then it ends as usual."""
    if sys.gettrace() is not None or sys.getprofile() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12 and later
    return monitoring is not None and any(monitoring.get_tool(tool) is not None
                                          for tool in range(6))
