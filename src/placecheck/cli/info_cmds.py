"""The commands that describe rather than check: explain, rules, config, schema."""

# No `from __future__ import annotations` here: typer reads these signatures on every run,
# and annotations kept as strings would be parsed and evaluated again each time.

import sys
from pathlib import Path
from typing import Annotated

import typer

from placecheck.cli.common import CouldNotRun, one_of, split
from placecheck.cli.lint_cmd import ConfigFile, Packs

LISTING_FORMATS = ("text", "json")  # `rules` prints a table or JSON, not a report

EXPLAIN_EPILOG = """\b
Examples:
  placecheck explain TP-M1
  placecheck explain F003"""

RULES_EPILOG = """\b
Examples:
  placecheck rules --pack nenc
  placecheck rules --coverage
  placecheck rules test rules/local/my-pack"""

RULES_TEST_EPILOG = """\b
Example:
  placecheck rules test rules/local/my-pack"""

CONFIG_EPILOG = """\b
Example:
  placecheck config proposals/"""

SCHEMA_EPILOG = """\b
Examples:
  placecheck schema > proposal.schema.json
  placecheck schema --rules > rule.schema.json"""


def explain(
    rule_id: Annotated[str, typer.Argument(
        metavar="RULE", show_default=False, help="A rule id, e.g. TP-M1 or F003.")],
    pack: Packs = None,
) -> int:
    """Explain a rule: what it checks, why, where the guidance says so, and passing YAML."""
    from placecheck.rules import listing
    from placecheck.rules.pack import shipped_pack_dirs
    from placecheck.rules.selection import load_packs

    packs = load_packs(split(pack) + sorted(shipped_pack_dirs()))
    if not listing.print_explanation(packs, rule_id):
        raise CouldNotRun(f"no rule {rule_id!r}: `placecheck rules` lists them")
    return 0


def rules(
    ctx: typer.Context,
    pack: Packs = None,
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="List every catalogue line with the rules that implement it.")
    ] = False,
    output_format: Annotated[str, typer.Option(
        "-f", "--format", metavar="FORMAT", parser=one_of(LISTING_FORMATS),
        autocompletion=lambda: list(LISTING_FORMATS), show_default=False,
        help="text or json (default: text).")] = "text",
) -> int:
    """List the rules, check coverage, or run a pack's rule tests.

    Without a command: list the active rules, with their id, severity, title and source.
    """
    if ctx.invoked_subcommand is not None:
        return 0
    from placecheck.rules import listing
    from placecheck.rules.selection import load_packs

    packs = load_packs(split(pack))
    if coverage:
        listing.print_coverage(packs, output_format)
    else:
        listing.print_rules(packs, output_format)
    return 0


def rules_test(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="PATH", show_default=False,
        help="Pack directories (default: the shipped packs).")] = None,
) -> int:
    """Run each rule's tests (its passing and failing fixtures) and report misfires."""
    from placecheck.rules.testing import run_pack_tests

    return 0 if run_pack_tests(paths or []) else 1


def show_config(
    paths: Annotated[list[Path] | None, typer.Argument(
        metavar="PATH", show_default=False,
        help="Where to start looking for the configuration (default: here).")] = None,
    config: ConfigFile = None,
) -> int:
    """Print the configuration that applies to each path and where each value came from."""
    from placecheck.config import KNOWN_KEYS, resolve_config

    for number, path in enumerate(paths or [Path.cwd()]):
        settings = resolve_config(config, [path])
        where = str(settings.file) if settings.file else "none found (defaults)"
        if number:
            print()
        if paths and len(paths) > 1:
            print(f"for: {path}")
        print(f"configuration file: {where}")
        for key in sorted(KNOWN_KEYS):
            print(f"{key} = {getattr(settings, key)!r}    # from {settings.source(key)}")
    return 0


def schema(
    rule_schema: Annotated[bool, typer.Option(
        "--rules", help="Print the rule-file schema instead.")] = False,
) -> int:
    """Print the JSON Schema of the proposal format (for editors)."""
    if rule_schema:
        from placecheck.resources import bundled

        sys.stdout.write((bundled("schemas") / "rule.schema.json").read_text(encoding="utf-8"))
        return 0
    from placecheck.model.schema import proposal_schema_text

    sys.stdout.write(proposal_schema_text())
    return 0
