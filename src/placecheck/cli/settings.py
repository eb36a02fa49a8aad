"""The configuration with the command line on top, and the rules it makes active.

For commands that take one configuration (report, config); `lint` gives each
proposal the configuration closest to it (see `placecheck.configured`).
"""

from __future__ import annotations

from pathlib import Path

from placecheck.cli.common import CouldNotRun, split
from placecheck.config import Config, config_file_for, pack_locations
from placecheck.configured import Overrides, configured, rules_from, settings_from
from placecheck.findings import Finding
from placecheck.rules.pack import Pack, Rule
from placecheck.rules.selection import UnknownSelector, load_packs


class Settings:
    """The effective configuration, the active packs and the rules that run."""

    def __init__(self, config: Path | None, paths: list[Path], pack: list[str] | None = None,
                 select: list[str] | None = None, ignore: list[str] | None = None,
                 fail_on: str | None = None, cache: bool = True) -> None:
        self.overrides = Overrides(config, split(pack), split(select), split(ignore), fail_on,
                                   cache=cache)
        first = paths[0] if paths else Path.cwd()
        file = config_file_for(first / "x" if first.is_dir() else first, config)
        self.config: Config = settings_from(file, self.overrides)
        self.packs: list[Pack] = load_packs(pack_locations(self.config), cache=cache)
        try:
            self.rules: list[Rule] = rules_from(self.config, self.packs, self.overrides)
        except UnknownSelector as exc:
            raise CouldNotRun(str(exc)) from None

    def keep(self, findings: list[Finding], no_departures: bool = False) -> list[Finding]:
        """Format findings follow select/ignore and severity too; per-path ignores; audits."""
        return configured(findings, self.config, no_departures)
