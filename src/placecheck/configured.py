"""Lint with configuration: each proposal under the configuration closest to it.

Proposals are grouped by the configuration file that applies to each (see
`config`); each group is linted with its own rules, severities, ignores and
fail-on, with the command line on top. A place file that a system lists is
linted under its own configuration, whichever group found it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from placecheck.config import Config, config_file_for, load_config
from placecheck.discovery import find
from placecheck.findings import Finding, Severity
from placecheck.lint import FileResult, LintRun, lint_paths, real_path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from placecheck.rules.pack import Pack, Rule


@dataclass
class Overrides:
    """What the command line sets on top of every configuration file."""

    explicit: Path | None = None  # --config
    packs: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str | None = None
    max_results: int | None = None
    cache: bool = True  # False: --no-cache, check the rule packs afresh


def settings_from(file: Path | None, overrides: Overrides) -> Config:
    """One configuration file's values (or the defaults), with the command line on top."""
    settings = load_config(file) if file is not None else Config()
    if overrides.packs:
        settings.command_line_packs = list(overrides.packs)
    if overrides.select:
        settings.set_from_cli("select", list(overrides.select))
    if overrides.ignore:
        settings.set_from_cli("ignore", settings.ignore + overrides.ignore)
    if overrides.fail_on is not None:
        settings.set_from_cli("fail_on", overrides.fail_on)
    if overrides.max_results is not None:
        settings.set_from_cli("max_results", overrides.max_results)
    return settings


def active_rules(settings: Config, overrides: Overrides | None = None) -> list[Rule]:
    """The rules that run under these settings; a selector that names no rule, in the
    configuration file or on the command line, is refused (UnknownSelector)."""
    from placecheck.config import pack_locations
    from placecheck.rules.selection import load_packs

    cache = overrides.cache if overrides is not None else True
    return rules_from(settings, load_packs(pack_locations(settings), cache=cache), overrides)


def rules_from(settings: Config, packs: list[Pack], overrides: Overrides | None = None
               ) -> list[Rule]:
    """The rules of these packs that the settings select, at the severities they set."""
    from placecheck.rules.selection import select_rules

    check_selection(settings, overrides or Overrides(), select_rules(packs))
    rules = select_rules(packs, settings.select, settings.ignore)
    return [replace(r, severity=settings.severity_for(r.id) or r.severity) for r in rules]


def check_selection(settings: Config, overrides: Overrides, known: list[Rule]) -> None:
    """Every select/ignore pattern, the file's and the command line's, names some rule."""
    from placecheck.rules.selection import check_selectors

    if settings.file is not None:
        in_file = load_config(settings.file)
        try:
            shown = settings.file.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = settings.file
        for key in ("select", "ignore"):
            check_selectors(getattr(in_file, key), known, f"`{key}` in {shown}")
    check_selectors(overrides.select, known, "--select")
    check_selectors(overrides.ignore, known, "--ignore")


def configured(findings: list[Finding], settings: Config,
               no_departures: bool) -> list[Finding]:
    """Format findings follow select/ignore and severity too; per-path ignores; audits.

    A selection leaves the format checks out only when it names one of them:
    `--select TP-C` still reports a misspelt key.
    """
    from placecheck.rules.selection import matches, names_format_checks

    kept = []
    for finding in findings:
        if finding.pack == "format":
            if (settings.select and names_format_checks(settings.select)
                    and not matches(finding.rule_id, settings.select)):
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


@dataclass
class ConfiguredRun:
    """A run, with the configuration each file was linted under."""

    run: LintRun
    settings: Config  # run-wide: the working directory's configuration (or --config)
    by_file: dict[str, Config] = field(default_factory=dict)  # FileResult.file -> its own
    rules: list[Rule] = field(default_factory=list)  # every rule active for some file

    def fail_on(self, result: FileResult) -> Severity:
        return Severity.parse(self.by_file.get(result.file, self.settings).fail_on)

    def fails(self) -> bool:
        return any(f.counts and f.severity >= self.fail_on(result)
                   for result in self.run.results for f in result.findings)


class _Groups:
    """Configuration files and their settings and rules, each loaded once."""

    def __init__(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self.file_of: dict[Path, Path | None] = {}
        self.settings: dict[Path | None, Config] = {}
        self.rules: dict[Path | None, list[Rule]] = {}

    def key(self, path: Path) -> Path | None:
        folder = real_path(path).parent
        if folder not in self.file_of:
            found = config_file_for(folder, self.overrides.explicit)
            self.file_of[folder] = real_path(found) if found is not None else None
        return self.file_of[folder]

    def settings_for(self, key: Path | None) -> Config:
        if key not in self.settings:
            self.settings[key] = settings_from(key, self.overrides)
        return self.settings[key]

    def rules_for(self, key: Path | None) -> list[Rule]:
        if key not in self.rules:
            self.rules[key] = active_rules(self.settings_for(key), self.overrides)
        return self.rules[key]


def lint_configured(paths: list[Path], overrides: Overrides, no_departures: bool = False,
                    proposals_only: bool = False,
                    on_file: Callable[[Path], None] | None = None,
                    jobs: int = 1) -> ConfiguredRun:
    """Lint paths, each proposal under the configuration that applies to it."""
    groups = _Groups(overrides)
    cwd_key = overrides.explicit or config_file_for(Path.cwd())
    run_settings = groups.settings_for(real_path(cwd_key) if cwd_key else None)
    pending: dict[Path | None, list[Path]] = {}
    result = ConfiguredRun(LintRun(), run_settings)
    for path in paths:  # each argument's own configuration limits its search
        limit = groups.settings_for(groups.key(path / "x" if path.is_dir() else path))
        found = find([path], limit.max_files, proposals_only)
        result.run.not_proposals.extend(found.not_proposals)
        for file in found.proposals:
            pending.setdefault(groups.key(file), []).append(file)
    done: set[Path] = set()
    while pending:
        key = next(iter(pending))
        files = [f for f in pending.pop(key) if real_path(f) not in done]
        settings = groups.settings_for(key)
        linted = lint_paths(files, groups.rules_for(key), settings.max_file_bytes,
                            settings.max_files, on_file=on_file, jobs=jobs)
        for file_result in linted.results:
            path = Path(file_result.file)
            real = real_path(path)
            if real in done:
                continue
            own = groups.key(path)
            if own != key:  # a place file a system listed: lint it under its own
                pending.setdefault(own, []).append(path)
                continue
            done.add(real)
            file_result.findings = configured(file_result.findings, settings, no_departures)
            result.run.results.append(file_result)
            result.by_file[file_result.file] = settings
    seen: dict[str, Rule] = {}
    for rules in groups.rules.values():
        for rule in rules:
            seen.setdefault(rule.id, rule)
    result.rules = list(seen.values())
    return result
