"""`lint --fix`: repair the mistakes that have one right answer, and nothing else.

Works on the text and the positions the loader reports, changing only the
characters at fault: comments, key order, quoting style and everything else
stay byte for byte. Each repair keeps the meaning the author plainly intended
(a UK date in a date field, `£96,000,000` in a number field, `on` in a text
field quoted so that it stays the word), and a value is changed only where the
format says what kind of value it must be.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from placecheck.field_kinds import BOOLEAN, DATE, NUMBER, TEXT, field_kind
from placecheck.loading import DEFAULT_MAX_BYTES, Document, LoadError, PathKey, load_text
from placecheck.loading.pasted import PASTED_CODE, describe_invisible

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MONEY = re.compile(r"^£?\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$")
_YAML11_TRUE, _YAML11_FALSE = {"yes", "y", "on"}, {"no", "n", "off"}
_SPACES = re.compile("[\u00a0\u202f\u2007\u2000-\u200a]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LEADING = re.compile(r"^[ \t\u00a0\u202f\u2007\u2000-\u200b\u2060\ufeff]+")
_BLOCK_SCALAR = re.compile(r"(?:^|[:\-]\s)\s*[|>][+-]?\d?\s*(?:#.*)?$")
_ROUNDS = 10  # each round fixes what loading then reveals; a file needs two or three


@dataclass(frozen=True)
class Fix:
    line: int
    what: str


@dataclass
class Fixed:
    text: str
    fixes: list[Fix] = field(default_factory=list)


def fix_bytes(raw: bytes) -> tuple[bytes, list[Fix]]:
    """The file repaired (UTF-8, `\n` line ends, no byte-order mark), and what was done."""
    fixes: list[Fix] = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        fixes.append(Fix(1, "removed the byte-order mark"))
    if b"\r\n" in raw:
        fixes.append(Fix(raw[: raw.index(b"\r\n")].count(b"\n") + 1,
                         "changed Windows line endings (CRLF) to LF"))
        raw = raw.replace(b"\r\n", b"\n")
    fixed = fix_text(raw.decode("utf-8"))
    return fixed.text.encode("utf-8"), fixes + fixed.fixes


def fix_text(text: str) -> Fixed:
    """The text repaired; a file that cannot be read even then is fixed as far as it goes."""
    result = Fixed(text)
    _indentation(result)
    for _ in range(_ROUNDS):
        try:
            doc = load_text(result.text, "-", notes=True)
        except LoadError:
            return result
        if not (_pasted(result, doc) or _values(result, doc)):
            return result
    return result


def fix_file(path: Path, write: bool, max_bytes: int = DEFAULT_MAX_BYTES
             ) -> tuple[str, str, list[Fix]] | None:
    """The file's text before and after fixing, and the fixes; written back if `write`.

    None for a file that is not UTF-8 text to begin with (lint says why).
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
        if len(raw) > max_bytes:
            return None
        before = raw.decode("utf-8")
        after, fixes = fix_bytes(raw)
    except (OSError, UnicodeDecodeError):
        return None
    if write and after != raw:
        temporary = path.with_name(f".{path.name}.placecheck-fix")
        temporary.write_bytes(after)
        os.replace(temporary, path)
    return before, after.decode("utf-8"), fixes


def fix_paths(paths: list[Path], write: bool, show_diff: bool, out: TextIO,
              say: Callable[[str], None], max_bytes: int = DEFAULT_MAX_BYTES) -> int:
    """Fix (or show the fixes of) each file; the number of files that change."""
    changed = 0
    for path in paths:
        fixed = fix_file(path, write, max_bytes)
        if fixed is None or (fixed[0] == fixed[1] and not fixed[2]):
            continue
        before, after, fixes = fixed
        changed += 1
        name = _shown(path)
        if show_diff:
            out.write(unified_diff(before, after, name))
        if write:
            say(f"placecheck: fixed {name}: " + "; ".join(
                f"line {fix.line}: {fix.what}" for fix in fixes))
    return changed


def _shown(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if relative.startswith("..") else relative


def unified_diff(before: str, after: str, name: str) -> str:
    # Compared line by line without line ends, so that CRLF to LF shows as a change.
    return "\n".join(difflib.unified_diff(before.split("\n"), after.split("\n"),
                                         f"{name} (before)", f"{name} (fixed)",
                                         lineterm="")) + "\n"


# --- the line-by-line repairs -------------------------------------------------------


def _indentation(result: Fixed) -> None:
    """Tabs and invisible spaces in indentation become the file's own indentation step."""
    lines = result.text.split("\n")
    step = min((len(line) - len(line.lstrip(" ")) for line in lines
                if line.startswith(" ") and line.strip() and "\t" not in line), default=2)
    block_indent: int | None = None  # inside a `|` or `>` block: leave the text alone
    for number, line in enumerate(lines, start=1):
        width = len(line) - len(line.lstrip(" \t"))
        if block_indent is not None and (not line.strip() or width > block_indent):
            continue
        block_indent = None
        match = _LEADING.match(line)
        if match and set(match.group()) != {" "}:
            lead = match.group()
            new = "".join(" " * step if c == "\t" else ("" if _ZERO_WIDTH.match(c) else " ")
                          for c in lead)
            lines[number - 1] = new + line[len(lead):]
            what = "tab" if "\t" in lead else describe_invisible(_first_odd(lead))
            result.fixes.append(Fix(number, f"replaced {what} in the indentation with spaces"))
        if _BLOCK_SCALAR.search(line.split(" #")[0].rstrip()):
            block_indent = len(lines[number - 1]) - len(lines[number - 1].lstrip(" "))
    result.text = "\n".join(lines)


def _first_odd(lead: str) -> str:
    return next(c for c in lead if c not in " \t")


# --- repairs located by the loader ----------------------------------------------------


def _pasted(result: Fixed, doc: Document) -> bool:
    """Invisible characters and curly quotes the loader found in keys and values."""
    edits: list[_Edit] = []
    for diagnostic in doc.diagnostics:
        if diagnostic.code != PASTED_CODE:
            continue
        line, column = diagnostic.position
        source = _line(result.text, line)
        char = source[column - 1] if 0 < column <= len(source) else ""
        if _SPACES.match(char) or _ZERO_WIDTH.match(char):
            new = "" if _ZERO_WIDTH.match(char) else " "
            if new == " " and (column == 1 or source[column - 2] in " :"):
                new = ""  # a space already stands there
            edits.append((line, column, 1, new,
                          f"replaced {describe_invisible(char)} with an ordinary space"
                          if new else f"deleted {describe_invisible(char)}"))
        elif char in "\u201c\u2018\u201d":
            text = _scalar_source(source, column)
            inner = text[1:-1]
            quote = '"' if '"' not in inner else ("'" if "'" not in inner else "")
            if quote and len(text) >= 2:
                edits.append((line, column, len(text), quote + inner + quote,
                              "changed curly quotes to straight ones"))
    return _apply(result, edits)


def _values(result: Fixed, doc: Document) -> bool:
    """Values whose field says what they must be: dates, numbers, yes/no, text."""
    kind = str(doc.data.get("kind", "place"))
    edits: list[_Edit] = []
    for path, (line, column) in doc.positions.items():
        value = _value_at(doc.data, path)
        if isinstance(value, dict | list):
            continue
        source = _line(result.text, line)
        raw = doc.raw_scalars.get(path, value if isinstance(value, str) else None)
        if not isinstance(raw, str) or source[column - 1: column - 1 + len(raw)] != raw:
            continue  # quoted, multi-line or otherwise not written as it reads
        end = column - 1 + len(raw)
        if end < len(source) and source[end] not in " \t#,}]":
            continue
        new = _repaired(field_kind(kind, path), value, raw)
        if new is not None:
            edits.append((line, column, len(raw), new[0], new[1]))
    return _apply(result, edits)


def _repaired(kind: str, value: Any, raw: str) -> tuple[str, str] | None:
    """The replacement source and what it does, or None."""
    if kind == TEXT and (isinstance(value, dt.date) or raw.lower() in _YAML11_TRUE
                         | _YAML11_FALSE) and '"' not in raw:
        return f'"{raw}"', f"quoted `{raw}` so that it is read as text"
    if kind == BOOLEAN and isinstance(value, str) and value.lower() in _YAML11_TRUE:
        return "true", f"wrote `{raw}` as `true`"
    if kind == BOOLEAN and isinstance(value, str) and value.lower() in _YAML11_FALSE:
        return "false", f"wrote `{raw}` as `false`"
    if kind == DATE and isinstance(value, str) and (match := _UK_DATE.match(value)):
        day, month, year = (int(g) for g in match.groups())
        try:
            iso = dt.date(year, month, day).isoformat()
        except ValueError:
            return None  # not a real date: nothing to fix mechanically
        return iso, f"wrote the date {raw} as {iso} (YYYY-MM-DD)"
    if kind == NUMBER and isinstance(value, str) and (match := _MONEY.match(value)) and (
            "," in value or "£" in value):
        number = match.group(1).replace(",", "") + (match.group(2) or "")
        return number, f"wrote {raw} as {number} (no £ or thousands separators)"
    return None


# --- text helpers ---------------------------------------------------------------------------


def _line(text: str, number: int) -> str:
    lines = text.split("\n")
    return lines[number - 1] if 0 < number <= len(lines) else ""


def _scalar_source(source: str, column: int) -> str:
    """A plain scalar from its first column to its end (before `: `, ` #`, `,` in flow)."""
    rest = source[column - 1:]
    end = len(rest)
    for stop in (": ", " #", ", ", "}", "]"):
        found = rest.find(stop, 1)
        if found > 0:
            end = min(end, found)
    if rest.endswith(":") and end == len(rest):
        end -= 1
    return rest[:end].rstrip()


def _value_at(data: Any, path: PathKey) -> Any:
    for part in path:
        data = data[part]
    return data


_Edit = tuple[int, int, int, str, str]  # line, column, length, new text, what it does


def _apply(result: Fixed, edits: list[_Edit]) -> bool:
    """Make the edits, the last in the file first so that earlier columns stay true."""
    lines = result.text.split("\n")
    done: set[tuple[int, int]] = set()
    for line, column, length, new, _what in sorted(edits, reverse=True):
        if (line, column) in done:
            continue
        done.add((line, column))
        source = lines[line - 1]
        lines[line - 1] = source[: column - 1] + new + source[column - 1 + length:]
    result.text = "\n".join(lines)
    result.fixes += [Fix(line, what) for line, column, _, _, what in sorted(edits)]
    return bool(edits)
