"""Read YAML safely, keeping the line and column of every node.

The file is parsed into YAML nodes (PyYAML's C parser where present) and the
nodes are turned into plain Python values by this module, never by PyYAML's
constructors, so nothing in the file can build an object. Along the way we
record where every value came from, refuse what a proposal must not contain
(unknown tags, runaway aliases, absurd nesting), and note the YAML 1.1
surprises that a careful author would want to hear about.
"""

from __future__ import annotations

import bisect
import datetime as dt
import errno
import gc
import math
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError

from placecheck.safety import loggable

try:  # the C parser is several times faster; fall back quietly where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

PathKey = tuple[str | int, ...]
Position = tuple[int, int]  # 1-based line, column

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000  # keys and values after alias and merge expansion
MAX_LISTED = 100  # loader diagnostics of one kind listed one by one; the rest summed up
MAX_DEPTH = 64
MAX_INT_DIGITS = 30

_TAG = "tag:yaml.org,2002:"
_YAML11_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class LoadError(Exception):
    """The file cannot be read as a proposal at all: reported as one line, exit 2."""

    def __init__(self, file: str, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.file = file
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type, tuple[str, str, int, int]]:
        """Picklable with all its fields (results travel between processes)."""
        return (self.__class__, (self.file, self.message, self.line, self.column))

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        # One line, and nothing a terminal would act on (a file name or a YAML
        # error can carry ESC sequences or line breaks from the input).
        return loggable(f"{where}: {self.message}")


@dataclass(frozen=True)
class Diagnostic:
    """A problem found while reading that is reported as a finding, not a crash."""

    code: str  # a format rule id, e.g. F001
    message: str
    path: PathKey
    position: Position
    hint: str = ""


@dataclass
class Document:
    """A loaded YAML file: plain data, each value's and key's position, warnings."""

    file: str
    data: dict[str, Any]
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    line_count: int = 0
    # The source text of plain scalars that YAML turned into non-text values.
    raw_scalars: dict[PathKey, str] = field(default_factory=dict)

    def position(self, path: PathKey) -> Position:
        """Where a value is, or where its nearest existing ancestor is."""
        probe = tuple(path)
        while probe:
            found = self.positions.get(probe)
            if found is not None:
                return found
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def key_position(self, path: PathKey) -> Position:
        """Where the key of a mapping entry is (falls back to the value)."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def json_path(path: PathKey) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


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


def decode_text(raw: bytes, display: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError(display, "the file is UTF-16 text; save it as UTF-8 and try again")
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
        raise LoadError(
            display,
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            line,
            column,
        ) from None


def load_path(path: Path, display: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    name = display if display is not None else str(path)
    return load_text(read_text(path, name, max_bytes), name)


def load_text(text: str, file: str) -> Document:
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadError(file, "the file is empty: a proposal starts with `placecheck: 1`")
    # The nodes and values made here are many small objects and no cycles worth
    # collecting; with the cyclic collector running, a large file takes several
    # times longer to read, so it waits until the document is built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_text(text, file)
    finally:
        if collecting:
            gc.enable()


def _load_text(text: str, file: str) -> Document:
    lines = _Lines(text)
    try:
        loader = _Loader(text)
        try:
            root = _compose(loader, file, lines)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(file, exc, text, lines) from None
    except yaml.YAMLError as exc:
        raise LoadError(file, f"YAML could not be read: {exc}") from None
    except RecursionError:
        raise LoadError(file, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)") from None
    if root is None:
        raise LoadError(file, "the file is empty: a proposal starts with `placecheck: 1`")
    if not isinstance(root, yaml.MappingNode):
        found = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        raise LoadError(
            file,
            f"expected a mapping at the top level (keys such as `placecheck:` and `kind:`), "
            f"found {found}",
            *lines.at(root.start_mark),
        )
    builder = _Builder(file, lines)
    data = builder.build(root, (), 0)
    builder.summarise()
    assert isinstance(data, dict)
    return Document(
        file=file,
        data=data,
        positions=builder.positions,
        key_positions=builder.key_positions,
        diagnostics=builder.diagnostics,
        raw_scalars=builder.raw_scalars,
        line_count=text.count("\n") + 1,
    )


def _compose(loader: Any, file: str, lines: _Lines) -> yaml.Node | None:
    """The single document's root node, built from parser events without recursion.

    PyYAML's own composer (the C one in particular) recurses once per level of
    nesting, so `[[[[...` a few hundred thousand deep overflows the C stack and
    kills the process. Here the nesting is an explicit stack and is refused as
    soon as it passes MAX_DEPTH, long before the rest of the file is parsed.
    """
    loader.get_event()  # stream start
    if loader.check_event(yaml.StreamEndEvent):
        loader.get_event()
        return None
    loader.get_event()  # document start
    anchors: dict[str, yaml.Node] = {}
    # Open collections, each with the key node waiting for its value (mappings).
    stack: list[list[Any]] = []
    root: yaml.Node | None = None
    made = 0

    def attach(node: yaml.Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        parent = top[0]
        if isinstance(parent, yaml.SequenceNode):
            parent.value.append(node)
        elif top[1] is None:
            top[1] = node
        else:
            parent.value.append((top[1], node))
            top[1] = None

    def remember(anchor: str | None, node: yaml.Node, event: Any) -> None:
        if anchor is None:
            return
        if anchor in anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                anchors[anchor].start_mark, "second occurrence", event.start_mark)
        anchors[anchor] = node

    while True:
        event = loader.get_event()
        start: Any = event.start_mark  # a C or a Python Mark, whichever parser is in use
        end: Any = event.end_mark
        if not isinstance(event, yaml.CollectionEndEvent):
            made += 1  # keys and values, counted as the builder counts them
            if made > MAX_NODES:
                raise LoadError(file, f"the document holds over {MAX_NODES:,} keys and "
                                "values; placecheck refuses it", *lines.at(start))
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", start)
            attach(anchors[event.anchor])
        elif isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
            scalar = yaml.ScalarNode(tag, event.value, start, end,
                                     style=event.style)
            remember(event.anchor, scalar, event)
            attach(scalar)
        elif isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise LoadError(file, f"the YAML is nested too deeply (over {MAX_DEPTH} "
                                "levels)", *lines.at(start))
            kind: type[yaml.Node] = (
                yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent)
                else yaml.MappingNode)
            tag = event.tag
            if tag is None or tag == "!":
                tag = loader.resolve(kind, None, event.implicit)
            collection = kind(tag, [], start, None,  # type: ignore[call-arg]
                              flow_style=event.flow_style)
            remember(event.anchor, collection, event)
            attach(collection)
            stack.append([collection, None])
        elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            closed = stack.pop()[0]
            closed.end_mark = end
        else:  # pragma: no cover - the parser only yields the events above here
            raise LoadError(file, f"unexpected YAML event {type(event).__name__}")
        if not stack:
            break
    loader.get_event()  # document end
    if not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        assert root is not None
        raise ComposerError(
            "expected a single document in the stream", root.start_mark,
            "but found another document", event.start_mark)
    loader.get_event()  # stream end
    return root


class _Lines:
    """Positions counted the way editors, git and GitHub count them: by `\n` only.

    YAML also breaks lines at CR, NEL (U+0085) and U+2028/U+2029, even inside
    quoted text, so its own line numbers drift from what the author sees (and
    can point past the end of the file). Marks carry the character offset too;
    lines and columns are worked out from that.
    """

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, mark: Any) -> Position:
        if mark is None:
            return (0, 0)
        index = mark.index
        line = bisect.bisect_right(self.starts, index)
        return (line, index - self.starts[line - 1] + 1)


def _syntax_error(file: str, exc: yaml.MarkedYAMLError, text: str,
                  lines: _Lines) -> LoadError:
    line, column = lines.at(exc.problem_mark or exc.context_mark)
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    source_lines = text.split("\n")
    source_line = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    if "maximum nesting depth" in problem:
        # libyaml 0.2.5 as shipped in PyYAML 6.0.3+ stops deep flow nesting itself.
        message = f"the YAML is nested too deeply (over {MAX_DEPTH} levels)"
    elif "\t" in source_line[: max(column, 1)] or "tab" in problem:
        message = "a tab character is used for indentation; YAML needs spaces"
    elif "expected a single document" in problem or "expected a single document" in context:
        message = "the file holds more than one YAML document (`---`); keep one proposal a file"
    elif "mapping values are not allowed" in problem:
        message = (
            "a `:` appears where YAML does not expect one; check the indentation of this line, "
            "or put the text in quotes"
        )
    elif "could not find expected ':'" in problem:
        message = "a line is missing its `key: value` colon, or a quoted text is not closed"
    elif "did not find expected key" in problem or "expected <block end>" in problem:
        message = "the indentation here does not line up with the lines above it"
    elif "found duplicate anchor" in context:
        first = lines.at(exc.context_mark)[0]
        message = (f"the same anchor is defined twice (`&` at line {first} and here); "
                   "give each anchor its own name")
    elif "found undefined alias" in problem or "found undefined anchor" in problem:
        message = f"an alias names an anchor that is not defined ({problem})"
    elif "end of stream" in problem or "found unexpected end of stream" in problem:
        message = "the file ends in the middle of a value (an unclosed quote or bracket?)"
    else:
        message = f"YAML syntax error: {problem or context or exc}"
        if context and problem:
            message += f" ({context})"
    return LoadError(file, message, line, column)


class _Builder:
    """Turns YAML nodes into plain values and records positions as it goes."""

    def __init__(self, file: str, lines: _Lines) -> None:
        self.file = file
        self.lines = lines
        self.positions: dict[PathKey, Position] = {}
        self.key_positions: dict[PathKey, Position] = {}
        self.diagnostics: list[Diagnostic] = []
        self.raw_scalars: dict[PathKey, str] = {}
        self.count = 0
        self.flagged: set[Position] = set()  # scalars already reported as F002
        self.open: set[int] = set()  # the collections being built, outermost first
        self.listed: dict[str, int] = {}
        self.unlisted: dict[str, list[Diagnostic]] = {}
        # Each mapping's merged pairs, worked out once however often it is merged
        # (None while being worked out, so a merge of itself is caught).
        self.merges: dict[int, list[tuple[yaml.Node, yaml.Node]] | None] = {}

    def fail(self, node: yaml.Node, message: str) -> LoadError:
        line, column = self.at(node)
        return LoadError(self.file, message, line, column)

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.spend(node, 1)
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)")
        self.positions[path] = self.at(node)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            if id(node) in self.open:
                raise self.fail(node, "an alias (`*`) refers to the list or mapping it is "
                                "part of, which would go on for ever")
            self.open.add(id(node))
            try:
                if isinstance(node, yaml.SequenceNode):
                    self.check_tag(node, "seq")
                    return [
                        self.build(item, (*path, index), depth + 1)
                        for index, item in enumerate(node.value)
                    ]
                self.check_tag(node, "map")
                return self.mapping(node, path, depth)
            finally:
                self.open.discard(id(node))
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def at(self, node: yaml.Node) -> Position:
        return self.lines.at(node.start_mark)

    def spend(self, node: yaml.Node, amount: int) -> None:
        """Count keys and values (aliases and merges included) against MAX_NODES."""
        self.count += amount
        if self.count > MAX_NODES:
            raise self.fail(
                node,
                f"the document expands to over {MAX_NODES:,} values (aliases or `<<` merges "
                "repeated too many times?); placecheck refuses it",
            )

    def note(self, diagnostic: Diagnostic) -> None:
        """Keep a diagnostic; past MAX_LISTED of one code, only count it."""
        listed = self.listed.get(diagnostic.code, 0)
        if listed < MAX_LISTED:
            self.diagnostics.append(diagnostic)
            self.listed[diagnostic.code] = listed + 1
        else:
            self.unlisted.setdefault(diagnostic.code, []).append(diagnostic)

    def summarise(self) -> None:
        """One diagnostic for each code whose further occurrences were not listed."""
        for code, rest in self.unlisted.items():
            first = rest[0]
            self.diagnostics.append(Diagnostic(
                code,
                f"{len(rest):,} more like the {MAX_LISTED} above, from here on, are not "
                f"listed one by one (the first: {first.message})",
                first.path, first.position, first.hint))

    def check_tag(self, node: yaml.Node, kind: str) -> None:
        if node.tag != _TAG + kind:
            raise self.fail(
                node,
                f"the tag {node.tag!r} is not allowed: proposals are plain data, "
                "so remove the `!` tag",
            )

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Position] = {}
        for key_node, value_node in self.merged_pairs(node, depth):
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value if key_node.tag == _TAG + "str" or key_node.style else None
            if key is None:
                # `yes:`, `1:` and friends: keys are always names in a proposal.
                key = str(key_node.value)
            key_pos = self.at(key_node)
            self.spend(key_node, 1)
            if key in seen:
                first = seen[key]
                self.note(
                    Diagnostic(
                        "F001",
                        f"`{key}` appears twice in this mapping (first at line {first[0]}); "
                        "the second one is ignored",
                        (*path, key),
                        key_pos,
                        "Delete one of them, or merge what they say into one entry.",
                    )
                )
                continue
            seen[key] = key_pos
            child = (*path, key)
            self.key_positions[child] = key_pos
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def merged_pairs(
        self, node: yaml.MappingNode, depth: int
    ) -> list[tuple[yaml.Node, yaml.Node]]:
        """Apply `<<` merge keys: explicit keys win over merged ones."""
        pairs: list[tuple[yaml.Node, yaml.Node]] = []
        merged: list[tuple[yaml.Node, yaml.Node]] = []
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                sources = (
                    value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                )
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise self.fail(source, "`<<` must merge a mapping")
                    if depth > MAX_DEPTH:
                        raise self.fail(source, "merge keys nested too deeply")
                    merged.extend(self.merged_source(source, depth + 1))
            else:
                pairs.append((key_node, value_node))
        explicit = {k.value for k, _ in pairs if isinstance(k, yaml.ScalarNode)}
        inherited: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in merged:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if name is not None and name not in explicit and name not in inherited:
                inherited[name] = (key_node, value_node)
        # Merging copies pairs, as aliases copy values: count the copies against the
        # same limit. (Each source's pairs are worked out once, in merged_source, so
        # `<<: [*a, *a, ...]` ten levels deep costs ten times its keys, not 10^10.)
        self.spend(node, len(merged))
        return pairs + list(inherited.values())

    def merged_source(
        self, source: yaml.MappingNode, depth: int
    ) -> list[tuple[yaml.Node, yaml.Node]]:
        key = id(source)
        if key in self.merges:
            cached = self.merges[key]
            if cached is None:
                raise self.fail(source, "a `<<` merge includes the mapping it is part of")
            return cached
        self.merges[key] = None
        found = self.merged_pairs(source, depth)
        self.merges[key] = found
        return found

    def scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        tag = node.tag
        value: str = node.value
        kind = tag[len(_TAG):] if tag.startswith(_TAG) else ""
        if node.style and kind == "str":  # quoted or block scalars are text
            return value
        if node.style or kind not in ("str", "null", "bool", "int", "float", "timestamp"):
            raise self.fail(
                node,
                f"the tag {tag!r} is not allowed: proposals are plain data, so remove the tag",
            )
        if kind == "str":
            return value
        self.raw_scalars[path] = value
        if kind == "null":
            return None
        if kind == "bool":
            word = value.lower()
            if word in _YAML11_BOOL_WORDS:
                if self.at(node) in self.flagged:
                    return value  # the same node reached again through an alias
                self.flagged.add(self.at(node))
                self.note(
                    Diagnostic(
                        "F002",
                        f"`{value}` is read as true/false by some YAML readers and as text by "
                        "others",
                        path,
                        self.at(node),
                        f'Write `true` or `false` for a yes/no answer, or put it in quotes '
                        f'("{value}") if you mean the word.',
                    )
                )
                return value
            return word == "true"
        if kind == "int":
            return self.integer(node)
        if kind == "float":
            return self.floating(node)
        if kind == "timestamp":
            return self.timestamp(node)
        return value  # pragma: no cover - kinds are checked above

    def integer(self, node: yaml.ScalarNode) -> int | str:
        text = node.value.replace("_", "")
        digits = text.lstrip("+-")
        if len(digits) > MAX_INT_DIGITS:
            raise self.fail(node, f"the number {node.value[:20]}… is too long to be meaningful")
        try:
            if ":" in text:  # YAML 1.1 base-60 (`1:30` is 90): almost never meant
                return str(node.value)
            sign = -1 if text.startswith("-") else 1
            if digits.startswith("0x"):
                return sign * int(digits[2:], 16)
            if digits.startswith("0o"):
                return sign * int(digits[2:], 8)
            if digits.startswith("0b"):
                return sign * int(digits[2:], 2)
            if len(digits) > 1 and digits.startswith("0"):
                return sign * int(digits, 8)  # YAML 1.1 octal, e.g. 010 == 8
            return int(text)
        except ValueError:
            return str(node.value)

    def floating(self, node: yaml.ScalarNode) -> float | str:
        text = node.value.replace("_", "").lower()
        if ":" in text:
            return str(node.value)
        if text in (".nan", "+.nan", "-.nan"):
            return math.nan
        if text in (".inf", "+.inf"):
            return math.inf
        if text == "-.inf":
            return -math.inf
        try:
            return float(text)
        except ValueError:
            return str(node.value)

    def timestamp(self, node: yaml.ScalarNode) -> dt.date | dt.datetime | str:
        text = node.value
        try:
            if _ISO_DATE.match(text):
                return dt.date.fromisoformat(text)
            return dt.datetime.fromisoformat(text.replace(" ", "T").replace("Z", "+00:00"))
        except ValueError:
            raise self.fail(
                node, f"`{text}` looks like a date but is not a real one (use YYYY-MM-DD)"
            ) from None
