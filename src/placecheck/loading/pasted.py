"""What careful authors leave in by accident: placeholders, text cut short by `#`,
and characters pasted from a word processor (invisible spaces, curly quotes).

Each check looks at one scalar node and the source line it sits on, and
returns the diagnostics to report; the builder calls them as it walks the nodes.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from placecheck.loading.document import Diagnostic, PathKey, Position

PLACEHOLDER_CODE = "F015"
CUT_BY_HASH_CODE = "F016"
PASTED_CODE = "F017"

# The placeholders `placecheck init` writes: text starting "TODO" (or TBC, TBD,
# FIXME), a "<...>" to be replaced, and null or [] marked "# TODO".
_PLACEHOLDER_WORDS = ("todo", "tbc", "tbd", "fixme")
_TODO_TEXT = re.compile(r"^\s*(" + "|".join(_PLACEHOLDER_WORDS) + r")\b", re.IGNORECASE)
_ANGLED = re.compile(r"<[A-Za-z][^<>\n@/]{0,100}>")  # not <jane@nhs.net>, not <https://...>
_TODO_COMMENT = re.compile(r"\s#\s*TODO\b")  # "todo" is one of the words the screen seeks
_CUT = re.compile(r"^[ \t]+#(?=[^\s#])")

_INVISIBLE = {
    "\u00a0": "a non-breaking space (U+00A0)",
    "\u202f": "a narrow non-breaking space (U+202F)",
    "\u2007": "a figure space (U+2007)",
    "\u200b": "a zero-width space (U+200B)",
    "\u200c": "a zero-width non-joiner (U+200C)",
    "\u200d": "a zero-width joiner (U+200D)",
    "\u2060": "a word joiner (U+2060)",
    "\ufeff": "a byte-order mark (U+FEFF)",
    "\u00ad": "a soft hyphen (U+00AD)",
}
_INVISIBLE_CLASS = "".join(_INVISIBLE) + "\u2000-\u200a"  # inside [...]: the other spaces
_INVISIBLE_CHARS = re.compile("[" + _INVISIBLE_CLASS + "]")
_CURLY_OPEN = "\u201c\u2018\u201d"
_CURLY_CLOSE = "\u201d\u2019\u201c"

# What a whole file must contain for a check below to find anything in it. A
# backslash can spell anything in a double-quoted value, so it counts too.
_MAY_PASTE = re.compile("[" + _INVISIBLE_CLASS + _CURLY_OPEN + _CURLY_CLOSE + "]")
# Besides their lower-case forms, `re.IGNORECASE` matches these to a letter of
# _PLACEHOLDER_WORDS (dotted and dotless i); a test tries every character to keep it so.
_FOLDS_TO_PLACEHOLDER_LETTER = ("\u0130", "\u0131")


def may_hold_pasted(text: str) -> bool:
    """False when no plain value or key in `text` can be one `pasted` reports."""
    return not text.isascii() and _MAY_PASTE.search(text) is not None  # all are non-ASCII


def may_hold_placeholder(text: str) -> bool:
    """False when no value in `text` can be one `placeholder` reports."""
    if "<" in text or "\\" in text or any(c in text for c in _FOLDS_TO_PLACEHOLDER_LETTER):
        return True
    lowered = text.lower()  # a tenth of the time of a case-blind regular expression
    return any(word in lowered for word in _PLACEHOLDER_WORDS)


def invisible_in(text: str) -> list[tuple[int, str]]:
    """1-based columns and characters of the invisible characters in a line."""
    return [(m.start() + 1, m.group()) for m in _INVISIBLE_CHARS.finditer(text)]


def describe_invisible(char: str) -> str:
    return _INVISIBLE.get(char) or (
        f"{unicodedata.name(char, 'an invisible character').lower()} (U+{ord(char):04X})")


def placeholder(value: Any, path: PathKey, at: Position, rest_of_line: str
                ) -> Diagnostic | None:
    """A placeholder left in: TODO text, a "<...>" or a null/empty value marked TODO."""
    if isinstance(value, str):
        angled = _ANGLED.search(value)
        if _TODO_TEXT.match(value) or angled:
            shown = angled.group() if angled and not _TODO_TEXT.match(value) else value
            return Diagnostic(
                PLACEHOLDER_CODE,
                f"`{_dotted(path)}` still holds the placeholder {_short(shown)!r}",
                path, at, "Replace it with what the partners have agreed.")
        return None
    if value in (None, [], {}) and _TODO_COMMENT.search(" " + rest_of_line):
        empty = "null" if value is None else ("[]" if value == [] else "{}")
        return Diagnostic(
            PLACEHOLDER_CODE, f"`{_dotted(path)}` is still `{empty}`, marked TODO", path, at,
            "Fill it in, then delete the `# TODO` comment (or the entry, if it does "
            "not apply).")
    return None


def cut_by_hash(value: str, path: PathKey, end: Position, rest_of_line: str
                ) -> Diagnostic | None:
    """`quorum: Members #1 and #2 must attend` is read as "Members"."""
    if not _CUT.match(rest_of_line):
        return None
    hash_column = end[1] + rest_of_line.index("#")
    whole = (value + rest_of_line).replace('"', '\\"')
    return Diagnostic(
        CUT_BY_HASH_CODE,
        f"`{_dotted(path)}` is read as {_short(value)!r}: the rest of the line, from the `#`, "
        "was read as a comment",
        path, (end[0], hash_column),
        f'Put the whole text in double quotes: "{_short(whole, 80)}".')


def pasted(text: str, path: PathKey, at: Position, is_key: bool) -> Diagnostic | None:
    """An invisible character, or curly quotes where YAML needs straight ones."""
    what = "key" if is_key else "value"
    if len(text) >= 2 and text[0] in _CURLY_OPEN and text[-1] in _CURLY_CLOSE:
        straight = '"' + text[1:-1] + '"'
        return Diagnostic(
            PASTED_CODE,
            f"the {what} {text!r} is in curly quotes (as a word processor types them), which "
            "YAML reads as part of the text; YAML needs straight quotes",
            path, at, f"Write {straight} with straight quotes (or no quotes).")
    found = invisible_in(text)
    if not found:
        return None
    column, char = found[0]
    # In running text an invisible space is harmless; in a key, an id, a code or at
    # either end of a value it makes the value something else than it looks.
    if not is_key and " " in text.strip() and text == text.strip(
            "".join(_INVISIBLE) + "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"):
        return None
    return Diagnostic(
        PASTED_CODE,
        f"the {what} {text.strip()!r} contains {describe_invisible(char)} at column "
        f"{at[1] + column - 1} (pasted from a word processor?)",
        path, (at[0], at[1] + column - 1), "Retype it as an ordinary space, or delete it.")


def _dotted(path: PathKey) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(the document)"


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
