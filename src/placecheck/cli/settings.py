"""The configuration with the command line on top, and the rules it makes active."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from placecheck.cli.common import CouldNotRun, split
from placecheck.config import Config, pack_locations, resolve_config
from placecheck.departures import strip_explanations
from placecheck.findings import Finding
from placecheck.rules.pack import Pack, Rule
from placecheck.rules.selection import (
    UnknownSelector,
    check_selectors,
    load_packs,
    matches,
    names_format_checks,
    select_rules,
)


class Settings:
    """The effective configuration, the active packs and the rules that run."""

    def __init__(self, config: Path | None, paths: list[Path], pack: list[str] | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 fail_on: str | None = None) -> None:
        self.config: Config = resolve_config(config, paths)
        if pack:
            self.config.command_line_packs = split(pack)
        self.packs: list[Pack] = load_packs(pack_locations(self.config))
        known = select_rules(self.packs)
        try:
            for key in ("select", "ignore"):  # the configuration file's, if any
                if self.config.source(key) != "default":
                    check_selectors(getattr(self.config, key), known,
                                    f"`{key}` in {self.config.source(key)}")
            for key, given in (("select", split(select)), ("ignore", split(ignore))):
                check_selectors(given, known, f"--{key}")
        except UnknownSelector as exc:
            raise CouldNotRun(str(exc)) from None
        if select:
            self.config.set_from_cli("select", split(select))
        if ignore:
            self.config.set_from_cli("ignore", self.config.ignore + split(ignore))
        if fail_on is not None:
            self.config.set_from_cli("fail_on", fail_on)
        chosen = select_rules(self.packs, self.config.select, self.config.ignore)
        self.rules: list[Rule] = [
            replace(r, severity=self.config.severity_for(r.id) or r.severity) for r in chosen]

    def keep(self, findings: list[Finding], no_departures: bool = False) -> list[Finding]:
        """Format findings follow select/ignore and severity too; per-path ignores; audits.

        A selection leaves the format checks out only when it names one of them:
        `--select TP-C` still reports a misspelt key.
        """
        config = self.config
        kept = []
        for finding in findings:
            if finding.pack == "format":
                if (config.select and names_format_checks(config.select)
                        and not matches(finding.rule_id, config.select)):
                    continue
                if matches(finding.rule_id, config.ignore):
                    continue
                override = config.severity_for(finding.rule_id)
                if override is not None:
                    finding = finding.with_severity(override)
            if config.ignored_here(finding):
                continue
            kept.append(finding)
        return strip_explanations(kept) if no_departures else kept
