"""Configuration: `placecheck.toml`, or `[tool.placecheck]` in `pyproject.toml`.

As in ruff, the closest configuration file to each proposal applies to it:
walking up from the proposal's folder, the first `placecheck.toml`, or
`pyproject.toml` with a `[tool.placecheck]` table, wins (a `placecheck.toml`
before a `pyproject.toml` in the same folder), stopping at the repository root.
Files are not merged: the closest one is all that applies. `--config FILE`
names one file for every proposal instead, and command-line options override
any file. Run-wide values (`max_files`, `max_results`) come from the
configuration that applies to the working directory (or `--config`). Every value
remembers where it came from, for `placecheck config`. Configuration is data:
it can name rule packs (shipped ids or directories inside the repository),
never Python.

    packs = ["nenc", "rules/ours"]
    select = ["TP"]
    ignore = ["TP-C8"]
    fail_on = "warning"
    max_file_bytes = 5000000
    max_files = 10000
    max_results = 5000

    [severity]
    TP-B7 = "warning"

    [per_path_ignores]
    "archive/**" = ["TP"]
"""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from placecheck.findings import Finding, Severity
from placecheck.loading import DEFAULT_MAX_BYTES, LoadError

CONFIG_NAMES = ("placecheck.toml", "pyproject.toml")
DEFAULT_MAX_FILES = 10_000
# GitHub code scanning keeps at most 5,000 results of a run.
DEFAULT_MAX_RESULTS = 5000
KNOWN_KEYS: dict[str, type] = {
    "packs": list,
    "select": list,
    "ignore": list,
    "fail_on": str,
    "severity": dict,
    "per_path_ignores": dict,
    "max_file_bytes": int,
    "max_files": int,
    "max_results": int,
}


class ConfigError(LoadError):
    """A configuration file is broken: file, line and key, exit 2."""


@dataclass
class Config:
    """The effective configuration: the file's values, with the command line on top."""

    packs: list[str] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    fail_on: str = "error"
    severity: dict[str, str] = field(default_factory=dict)
    per_path_ignores: dict[str, list[str]] = field(default_factory=dict)
    max_file_bytes: int = DEFAULT_MAX_BYTES
    max_files: int = DEFAULT_MAX_FILES
    max_results: int = DEFAULT_MAX_RESULTS
    file: Path | None = None  # where the configuration came from
    # key -> the file it came from, or "command line"; absent means the default
    sources: dict[str, str] = field(default_factory=dict)
    # Packs named with --pack: taken as given (the person running placecheck chose them),
    # unlike a configuration file's, which must stay inside the repository.
    command_line_packs: list[str] = field(default_factory=list)

    @property
    def base(self) -> Path:
        return self.file.parent if self.file else Path.cwd()

    def source(self, key: str) -> str:
        return self.sources.get(key, "default")

    def set_from_cli(self, key: str, value: Any) -> None:
        setattr(self, key, value)
        self.sources[key] = "command line"

    def severity_for(self, rule_id: str) -> Severity | None:
        text = self.severity.get(rule_id)
        return Severity.parse(text) if text else None

    def ignored_here(self, finding: Finding) -> bool:
        """Per-path ignores: glob (relative to the config file) -> rule ids or prefixes."""
        from placecheck.rules.selection import matches

        if not self.per_path_ignores:
            return False
        try:
            relative = Path(os.path.relpath(Path(finding.location.file).resolve(),
                                            self.base.resolve())).as_posix()
        except ValueError:
            return False
        for pattern, rules in self.per_path_ignores.items():
            if fnmatch.fnmatch(relative, pattern) and matches(finding.rule_id, rules):
                return True
        return False


def discover(start: Path) -> Path | None:
    """The nearest placecheck.toml, or pyproject.toml with [tool.placecheck]."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            path = candidate / name
            if path.is_file() and (name == "placecheck.toml" or _has_tool_table(path)):
                return path
        if (candidate / ".git").exists():
            return None
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        return "[tool.placecheck" in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def load_config(path: Path) -> Config:
    display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(display, "no such configuration file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(display, f"cannot read the configuration ({exc})") from None
    import tomllib  # only when there is a configuration file to read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+), column (\d+)", str(exc))
        line, column = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        raise ConfigError(display, f"not valid TOML: {str(exc).split(' (at')[0]}",
                          line, column) from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("placecheck", {})
    config = Config(file=path)
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KNOWN_KEYS:
            import difflib

            guess = difflib.get_close_matches(key, list(KNOWN_KEYS), n=1)
            hint = f"; did you mean `{guess[0]}`?" if guess else ""
            raise ConfigError(display, f"unknown key `{key}`{hint} (known: "
                              f"{', '.join(sorted(KNOWN_KEYS))})", line, 1)
        expected = KNOWN_KEYS[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise ConfigError(display, f"`{key}` should be {_describe(expected)}", line, 1)
        _check_value(display, key, value, line)
        setattr(config, key, [*value] if isinstance(value, list) else value)
        config.sources[key] = display
    return config


def _check_value(display: str, key: str, value: Any, line: int) -> None:
    if key in ("packs", "select", "ignore") and not all(isinstance(v, str) for v in value):
        raise ConfigError(display, f"`{key}` should be a list of text", line, 1)
    if key == "fail_on" or key == "severity":
        for text in [value] if key == "fail_on" else value.values():
            try:
                Severity.parse(str(text))
            except ValueError as exc:
                raise ConfigError(display, f"`{key}`: {exc}", line, 1) from None
    if key == "per_path_ignores" and not all(
            isinstance(v, list) and all(isinstance(r, str) for r in v) for v in value.values()):
        raise ConfigError(display, "`per_path_ignores` maps a glob to a list of rule ids",
                          line, 1)
    if key in ("max_file_bytes", "max_files", "max_results") and value < 1:
        raise ConfigError(display, f"`{key}` must be a positive whole number", line, 1)


def _describe(kind: type) -> str:
    return {list: "a list", str: "text", dict: "a table", int: "a whole number"}[kind]


def _line_of(text: str, key: str) -> int:
    pattern = re.compile(rf"^\s*(\[{re.escape(key)}\]|\"?{re.escape(key)}\"?\s*=)", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0


def resolve_config(explicit: Path | None, paths: list[Path]) -> Config:
    """The configuration for the first path (or the working directory)."""
    found = config_file_for(paths[0] if paths else Path.cwd(), explicit)
    return load_config(found) if found else Config()


def config_file_for(path: Path, explicit: Path | None = None) -> Path | None:
    """The configuration file that applies to a proposal (or a folder): the one named
    with --config, else the closest one."""
    return explicit if explicit is not None else discover(path)


def pack_locations(config: Config) -> list[str]:
    """Shipped pack ids as they are; a configuration file's directories resolved from it
    and kept inside the repository; --pack directories as given (from the working
    directory)."""
    from placecheck.lint import display_name, repository_root

    located = []
    for name in config.packs:
        if "/" not in name and "\\" not in name and not name.startswith("."):
            located.append(name)
            continue
        if os.path.isabs(name):
            raise ConfigError(str(config.file), f"pack `{name}` is an absolute path; give it "
                              "relative to the configuration file", _line_of_file(config), 1)
        directory = (config.base / name).resolve()
        root = repository_root(config.file or Path.cwd() / "x").resolve()
        if not directory.is_relative_to(root):
            raise ConfigError(str(config.file), f"pack `{name}` leads outside the repository "
                              f"({root})", _line_of_file(config), 1)
        located.append(display_name(directory))
    return located + [name for name in config.command_line_packs if name not in located]


def _line_of_file(config: Config) -> int:
    if config.file is None:
        return 0
    try:
        return _line_of(config.file.read_text(encoding="utf-8"), "packs")
    except OSError:
        return 0
