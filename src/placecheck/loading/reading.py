"""Read a file's bytes and decode them, saying plainly what a file that is not YAML text is."""

from __future__ import annotations

import errno
import stat
import unicodedata
from pathlib import Path

from placecheck.loading.document import DEFAULT_MAX_BYTES, LoadError

SAVE_AS_UTF8 = "save it as UTF-8 in your editor (e.g. Notepad: Save As, Encoding UTF-8)"

# What a file starts with when it is a document from an office program, not text.
_NOT_TEXT = (
    (b"PK\x03\x04", "this looks like a Word document (or another zipped office file); "
     "placecheck reads YAML text: copy the proposal into a plain-text editor and save it "
     "as .yaml"),
    (b"\xd0\xcf\x11\xe0", "this looks like an old-style Word (.doc) document; placecheck "
     "reads YAML text: copy the proposal into a plain-text editor and save it as .yaml"),
    (b"%PDF-", "this looks like a PDF; placecheck reads YAML text: keep the proposal as a "
     ".yaml file and make the PDF from it, not the other way round"),
    (b"{\\rtf", "this looks like a rich-text (RTF) document; placecheck reads YAML text: "
     "save it as plain text (.yaml)"),
)


def read_text(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read a file as UTF-8 text, refusing anything that is not."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device could block or never end
            raise LoadError(display, "is not a regular file (a pipe, socket or device); "
                            "placecheck reads only ordinary files")
        size = info.st_size
        if size > max_bytes:
            raise LoadError(
                display,
                f"the file is {size:,} bytes, over the {max_bytes:,}-byte limit; "
                "a proposal is normally a few kilobytes (raise max_file_bytes in the config "
                "if this file is genuine)",
            )
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise LoadError(display, "is a directory, not a file") from None
    except FileNotFoundError:
        raise LoadError(display, "no such file") from None
    except PermissionError:
        raise LoadError(display, "permission denied: placecheck cannot read this file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LoadError(display, "is a symbolic link that leads round in a loop") from None
        raise LoadError(display, f"cannot read the file ({exc.strerror or exc})") from None
    if len(raw) > max_bytes:
        raise LoadError(display, f"the file is over the {max_bytes:,}-byte limit")
    return decode_text(raw, display)


def looks_utf16(raw: bytes) -> bool:
    """UTF-16 with a byte-order mark, or without one (every other byte NUL in ASCII text)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    return len(head) >= 8 and (head[1::2].count(0) == len(head[1::2])
                               or head[0::2].count(0) == len(head[0::2]))


def decode_text(raw: bytes, display: str) -> str:
    for magic, message in _NOT_TEXT:
        if raw.startswith(magic):
            raise LoadError(display, message)
    if looks_utf16(raw):
        raise LoadError(display, f"the file is UTF-16 text; {SAVE_AS_UTF8}, and try again")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if b"\x00" in raw:
        raise LoadError(display, "the file contains NUL bytes: it looks binary, not YAML text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(display, _not_utf8(raw[exc.start], line), line, column) from None


def _not_utf8(byte: int, line: int) -> str:
    """Name the character a Windows-1252 byte stands for, as the author typed it."""
    try:
        char = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        char = ""
    if char and byte >= 0x80:
        name = _FRIENDLY.get(char) or f"the character {char} ({unicodedata.name(char, '?')})"
        return (f"{name} on line {line} is not UTF-8 (the file was saved as Windows-1252 "
                f"text): {SAVE_AS_UTF8}")
    return f"the file is not UTF-8 text (byte 0x{byte:02x} on line {line}); {SAVE_AS_UTF8}"


_FRIENDLY = {
    "\u2019": "the curly apostrophe (’)",
    "\u2018": "the curly opening quote (‘)",
    "\u201c": "the curly opening double quote (“)",
    "\u201d": "the curly closing double quote (”)",
    "\u2013": "the en dash (–)",
    "\u2014": "the em dash (—)",
    "\u00a3": "the pound sign (£)",
    "\u00a0": "the non-breaking space",
    "\u2026": "the ellipsis (…)",
    "\u00e9": "the accented letter é",
}
