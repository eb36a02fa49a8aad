"""Read YAML safely, keeping the line and column of every node.

The jobs are split by module: `reading` reads and decodes the bytes,
`compose` parses them into nodes within limits, `values` builds plain values
with their positions, `lines` turns positions into lines and columns when they
are looked up, `messages` words syntax errors, and `pasted` notes the
mistakes a careful author makes (placeholders, text cut by `#`, pasted-in
characters). This module puts them together.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from placecheck.collecting import collector_paused
from placecheck.loading.compose import C_COMPOSE_MAX_CHARS, C_COMPOSER, compose, compose_in_c
from placecheck.loading.document import (
    DEFAULT_MAX_BYTES,
    MAX_DEPTH,
    MAX_NODES,
    Diagnostic,
    Document,
    LoadError,
    PathKey,
    Position,
    json_path,
)
from placecheck.loading.lines import Lines, Positions
from placecheck.loading.reading import decode_text, read_text
from placecheck.loading.values import Builder

__all__ = [
    "DEFAULT_MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "Diagnostic", "Document", "LoadError",
    "PathKey", "Position", "decode_text", "json_path", "load_path", "load_text", "read_text",
]


def load_path(path: Path, display: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES, notes: bool = False) -> Document:
    name = display if display is not None else str(path)
    return load_text(read_text(path, name, max_bytes), name, notes=notes)


def load_text(text: str, file: str, pure_python: bool = False, notes: bool = False
              ) -> Document:
    """The document in `text`.

    `notes` adds the author's slips (placeholders, text cut by `#`, pasted-in
    characters) to the diagnostics: for proposals, not rule packs or fixtures.
    `pure_python` reads with PyYAML's Python parser instead of libyaml.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadError(file, "the file is empty: a proposal starts with `placecheck: 1`")
    # A large file takes several times longer to read with the collector running.
    with collector_paused():
        return _load_text(text, file, pure_python, notes)


def _load_text(text: str, file: str, pure_python: bool, notes: bool) -> Document:
    lines = Lines(text)
    if C_COMPOSER and not pure_python and len(text) <= C_COMPOSE_MAX_CHARS:
        try:
            return _build_c_composed(text, file, lines, notes)
        except (yaml.YAMLError, LoadError, RecursionError):
            pass  # worked out again below, for the error's own wording and position
    try:
        root = compose(text, file, lines, pure_python)
    except yaml.MarkedYAMLError as exc:
        from placecheck.loading.messages import syntax_error  # worded only when needed

        raise syntax_error(file, exc, lines) from None
    except yaml.reader.ReaderError as exc:
        from placecheck.loading.messages import reader_error

        raise reader_error(file, exc, lines) from None
    except yaml.YAMLError:
        raise LoadError(file, "the YAML cannot be read; check the quotes, brackets and "
                        "indentation") from None
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
    return _document(Builder(file, lines, notes), root, text)


def _build_c_composed(text: str, file: str, lines: Lines, notes: bool) -> Document:
    """The document from libyaml's composer: what `compose` would give, in half the time.

    Anything short of a clean document (an error, an empty file, no mapping at the
    top, a list or mapping MAX_DEPTH deep) raises, and the caller does it again the
    careful way.
    """
    root = compose_in_c(text)
    if not isinstance(root, yaml.MappingNode):
        raise LoadError(file, "not a mapping")
    return _document(Builder(file, lines, notes, collection_depth=MAX_DEPTH), root, text)


def _document(builder: Builder, root: yaml.Node, text: str) -> Document:
    data = builder.build(root, (), 0)
    assert isinstance(data, dict)
    return Document(
        file=builder.file,
        data=data,
        positions=Positions(builder.positions, builder.lines),
        key_positions=Positions(builder.key_positions, builder.lines),
        diagnostics=builder.listing.summed_up(),
        raw_scalars=builder.raw_scalars,
        line_count=text.count("\n") + 1,
    )
