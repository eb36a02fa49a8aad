"""Parse YAML text into nodes, within limits on nesting and size."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.composer import ComposerError

from placecheck.loading.document import MAX_DEPTH, MAX_NODES, LoadError
from placecheck.loading.lines import Lines

try:  # the C parser is several times faster; fall back quietly where absent
    from yaml import CSafeLoader as CLoader

    C_COMPOSER = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as CLoader  # type: ignore[assignment]

    C_COMPOSER = False

PureLoader = yaml.SafeLoader

# PyYAML's own implicit tags (YAML 1.1: bool, int, float, null, timestamp, merge), each
# scalar's candidates found by its first character, as PyYAML finds them.
_WILDCARD = tuple(CLoader.yaml_implicit_resolvers.get(None, []))
_BY_FIRST = {first: (*resolvers, *_WILDCARD)
             for first, resolvers in CLoader.yaml_implicit_resolvers.items() if first is not None}


_SCALAR_NODE = yaml.ScalarNode
_SEQUENCE_NODE = yaml.SequenceNode
_STR = CLoader.DEFAULT_SCALAR_TAG
_SEQ = CLoader.DEFAULT_SEQUENCE_TAG
_MAP = CLoader.DEFAULT_MAPPING_TAG


class FastLoader(CLoader):
    """The C parser with PyYAML's tag resolution made cheaper, for a loader with no
    path resolvers (a safe loader has none; `loader_class` falls back to PyYAML's own
    loader if some code in the process has added one).

    libyaml's composer calls back into Python at every node: `descend_resolver` and
    `ascend_resolver`, which do nothing without path resolvers but ask each time, and
    `resolve`, which PyYAML answers by building a list of candidates for every scalar.
    Together they were about a third of composing a proposal. `resolve` here gives what
    PyYAML's gives (tests/test_loading_c_compose.py holds it to PyYAML's answer).
    """

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> Any:
        if kind is _SCALAR_NODE:
            if implicit[0]:
                for tag, pattern in _BY_FIRST.get(value[:1], _WILDCARD):
                    if pattern.match(value):
                        return tag
            return _STR
        return _SEQ if kind is _SEQUENCE_NODE else _MAP


def loader_class(pure_python: bool = False) -> type[Any]:
    """The loader to compose with: PyYAML's pure-Python one if asked, else the C one,
    made cheaper unless a path resolver has been added (they are process-wide)."""
    if pure_python:
        return PureLoader
    return CLoader if FastLoader.yaml_path_resolvers else FastLoader


# libyaml's own composer is about twice as fast as the event loop below, but it
# recurses per level of nesting and cannot stop at MAX_NODES. It is used only for
# texts too short to hold MAX_NODES nodes (a node takes at least one character),
# and only where the C parser is there; see `compose_in_c`.
C_COMPOSE_MAX_CHARS = MAX_NODES // 2


def compose_in_c(text: str) -> yaml.Node | None:
    """The root node from libyaml's composer, or a YAMLError.

    Only for the common case: any error, or a tree `compose` would refuse, is worked
    out again by `compose`, which gives the error its position and wording.
    """
    loader = loader_class()(text)
    try:
        node: yaml.Node | None = loader.get_single_node()
        return node
    finally:
        loader.dispose()


def compose(text: str, file: str, lines: Lines, pure_python: bool = False) -> yaml.Node | None:
    """The single document's root node (C parser unless `pure_python`)."""
    loader = loader_class(pure_python)(text)
    try:
        return _compose(loader, file, lines)
    finally:
        loader.dispose()


def _compose(loader: Any, file: str, lines: Lines) -> yaml.Node | None:
    """The root node, built from parser events without recursion.

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
