"""placecheck's own words for every YAML syntax error PyYAML and libyaml are known to raise.

The two parsers word the same problem differently (and change their wording
between releases), so each known problem is recognised by a pattern that fits
both, and reported in words of ours that say what to type. A problem that fits
no pattern still gets a message of ours, never the library's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from placecheck.loading.document import MAX_DEPTH, LoadError
from placecheck.loading.lines import Lines
from placecheck.loading.pasted import describe_invisible, invisible_in

_SHOW = 60  # characters of a source line quoted in a message


@dataclass(frozen=True)
class Problem:
    """A syntax error, located: where the parser stopped and where the construct began."""

    text: str  # the parser's problem and context, for recognising it only
    line: int
    column: int
    lines: Lines
    context_line: int

    def source(self, line: int | None = None) -> str:
        return self.lines.line(self.line if line is None else line)

    def char(self) -> str:
        source = self.source()
        return source[self.column - 1] if 0 < self.column <= len(source) else ""


def _quote(text: str) -> str:
    text = text.rstrip()
    return "`" + (text if len(text) <= _SHOW else text[:_SHOW] + "…") + "`"


def _missing_colon(p: Problem) -> str:
    above = p.line - 1
    return (f"a `key: value` colon is missing on line {p.line} or the line above: "
            f"line {above} is {_quote(p.source(above))} and line {p.line} is "
            f"{_quote(p.source())}; write the key, a colon and a space, then the value "
            "(e.g. `name: Riverton`)")


def _bad_start(p: Problem) -> str:
    char = p.char()
    if char == "\t":
        return _TAB
    shown = f"`{char}`" if char.strip() else "this character"
    return (f"{shown} cannot start a value in YAML; put the whole text in double quotes "
            '(e.g. `name: "@riverton"`)')


def _flow(p: Problem) -> str:
    opened = "[" if "sequence" in p.text or "]" in p.text else "{"
    closed = "]" if opened == "[" else "}"
    return (f"the `{opened}` opened on line {p.context_line} is not closed with `{closed}`, "
            f"or two of its items have no comma between them; close it, or quote an item "
            "that contains `,`, `:`, `[` or `{`")


_TAB = "a tab character is used for indentation; YAML needs spaces"
_INDENT = ("the indentation here does not line up with the lines above it; indent each key "
           "of a mapping by the same number of spaces, and each `-` of a list")

# (name, pattern over "problem | context" of either parser, message). Order matters:
# the first pattern that fits is used.
KNOWN: tuple[tuple[str, re.Pattern[str], Callable[[Problem], str]], ...] = tuple(
    (name, re.compile(pattern), message) for name, pattern, message in (
        ("duplicate anchor", r"duplicate anchor",
         lambda p: f"the same anchor is defined twice (`&` at line {p.context_line} and "
                   "here); give each anchor its own name"),
        ("missing value", r"node content",
         lambda p: "a value is missing here (two commas in a row, or a `---` inside "
                   "brackets?); remove the extra comma or add the value"),
        ("nesting", r"maximum nesting depth",
         lambda p: f"the YAML is nested too deeply (over {MAX_DEPTH} levels)"),
        ("two documents", r"single document",
         lambda p: "the file holds more than one YAML document (`---`); keep one proposal "
                   "a file"),
        ("missing colon", r"could not find expected ':'", _missing_colon),
        ("colon in text", r"mapping values are not allowed",
         lambda p: "a `:` appears where YAML does not expect one; if it is part of the text, "
                   'put the whole value in double quotes (e.g. `quorum: "Members: five"`), '
                   "otherwise check the indentation of this line"),
        ("cannot start a token", r"cannot start any token", _bad_start),
        ("unclosed quote", r"end of stream.*quoted scalar|quoted scalar.*end of stream",
         lambda p: f"a quoted text opened on line {p.context_line} is not closed; add the "
                   "closing quote"),
        ("unclosed flow", r"expected ',' or '[\]}]'", _flow),
        ("list indentation", r"expected '-' indicator|block collection", lambda p: _INDENT),
        ("indentation", r"did not find expected key|expected <block end>", lambda p: _INDENT),
        ("directive", r"directive|<document start>",
         lambda p: "a line starts with `%`, which YAML keeps for directives; put the text in "
                   'double quotes (e.g. `note: "%YAML"`) or delete the line'),
        ("escape", r"escape|hexdecimal|hexadecimal",
         lambda p: "in double quotes a backslash starts an escape such as `\\n`; write `\\\\` "
                   "for a backslash, or use single quotes"),
        ("block scalar", r"block scalar",
         lambda p: "after `|` or `>` only `-`, `+` or a digit from 1 to 9 may follow on the "
                   "same line; start the text on the next line, indented"),
        ("tag", r"tag",
         lambda p: "a `!` tag is not allowed: proposals are plain data, so remove the tag, or "
                   "put the text in double quotes"),
        ("anchor name", r"anchor|alias.*alphabetic|alphabetic.*alias",
         lambda p: "`&` and `*` must be followed by a name in YAML; put the text in double "
                   'quotes if you meant the character (e.g. `name: "Health & care"`)'),
        ("undefined alias", r"undefined alias",
         lambda p: "an alias (`*name`) names an anchor (`&name`) that is not defined above it"),
    )
)

_FALLBACK = ("the YAML cannot be read here; check the quotes, brackets, colons and "
             "indentation on this line and the line above")


def syntax_error(file: str, exc: yaml.MarkedYAMLError, lines: Lines) -> LoadError:
    line, column = lines.at(exc.problem_mark or exc.context_mark)
    context_line = lines.at(exc.context_mark)[0] if exc.context_mark else line
    problem = Problem(f"{exc.problem or ''} | {exc.context or ''}", line, column, lines,
                      context_line)
    return LoadError(file, f"YAML syntax error: {message_for(problem)}", line, column)


def message_for(problem: Problem) -> str:
    """The known message, led by an invisible character where one is on the line."""
    source = problem.source()
    if "\t" in source[: max(problem.column, 1)]:
        return _TAB
    for line in (problem.line, problem.line - 1):
        for column, char in invisible_in(problem.source(line)):
            return (f"{describe_invisible(char)} at line {line}, column {column} (pasted from "
                    "a word processor?) stops YAML reading this; retype it as an ordinary "
                    "space, or delete it")
    name = known_name(problem.text)
    for known, _pattern, message in KNOWN:
        if known == name:
            return message(problem)
    return _FALLBACK


def known_name(text: str) -> str:
    """Which known problem a parser's text is ("" for none)."""
    for name, pattern, _message in KNOWN:
        if pattern.search(text):
            return name
    return ""


def reader_error(file: str, exc: Any, lines: Lines) -> LoadError:
    """A character YAML does not allow at all (the parsers' ReaderError)."""
    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    line, column = lines.at_index(position) if isinstance(position, int) else (0, 0)
    code = f"U+{ord(character):04X}" if isinstance(character, str) and character else (
        f"U+{character:04X}" if isinstance(character, int) else "a control character")
    return LoadError(file, f"the file contains a control character ({code}), which YAML "
                     "does not allow; delete it", line, column)
