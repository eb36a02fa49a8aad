"""Turn YAML nodes into plain values, recording where each came from.

Values are made here, never by PyYAML's constructors, so nothing in the file
can build an object. Along the way the builder refuses what a proposal must
not contain (unknown tags, runaway aliases, absurd nesting) and notes the YAML
1.1 surprises and pasted-in mistakes a careful author would want to hear about.
"""

from __future__ import annotations

from typing import Any

import yaml

from placecheck.loading import pasted, scalars
from placecheck.loading.document import (
    MAX_DEPTH,
    MAX_NODES,
    Diagnostic,
    Listing,
    LoadError,
    PathKey,
    Position,
)
from placecheck.loading.lines import Lines

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_YAML11_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n"}
_BLANKS = (" ", "\t")


class Builder:
    """Turns YAML nodes into plain values and records positions as it goes."""

    def __init__(self, file: str, lines: Lines, notes: bool = False,
                 collection_depth: int = MAX_DEPTH + 1) -> None:
        # Lists and mappings this deep are refused (`compose` refuses them at
        # MAX_DEPTH, so a tree composed without it is built with that limit).
        self.collection_depth = collection_depth
        self.notes = notes
        self.file = file
        self.lines = lines
        # Character offsets; `Positions` turns the few that are looked up into lines.
        self.positions: dict[PathKey, int] = {}
        self.key_positions: dict[PathKey, int] = {}
        self.listing = Listing()
        self.raw_scalars: dict[PathKey, str] = {}
        self.count = 0
        self.flagged: set[Position] = set()  # scalars already reported as F002
        self.open: set[int] = set()  # the collections being built, outermost first
        # Each mapping's merged pairs, worked out once however often it is merged
        # (None while being worked out, so a merge of itself is caught).
        self.merges: dict[int, list[tuple[yaml.Node, yaml.Node]] | None] = {}
        self.looked_at: set[int] = set()  # nodes already checked for pasted-in mistakes
        # Most files hold none of what the notes look for: one search of the whole
        # text says which checks can find anything, so the rest are not run per value.
        self.may_paste = notes and pasted.may_hold_pasted(lines.text)
        self.may_hold_placeholder = notes and pasted.may_hold_placeholder(lines.text)
        # A merge key is a plain `<<` or a key tagged as one (`!!merge`, `!<...>`).
        self.may_merge = "<<" in lines.text or "!" in lines.text
        # Only an alias (`*name`, which needs an `&name`) reaches a node twice; without
        # one, no node needs remembering as open or already looked at.
        self.may_alias = "&" in lines.text
        # Then all `look` can find in a scalar is text cut short by a ` #` after it.
        self.only_cut_by_hash = notes and not self.may_paste and not self.may_hold_placeholder

    def fail(self, node: yaml.Node, message: str) -> LoadError:
        line, column = self.at(node)
        return LoadError(self.file, message, line, column)

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.count += 1  # `spend`, without a call per value
        if self.count > MAX_NODES:
            self.spend(node, 0)
        if depth > MAX_DEPTH:
            raise self.fail(node, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)")
        self.positions[path] = node.start_mark.index
        if isinstance(node, yaml.ScalarNode):
            # Text, plain or quoted, is most of a proposal and needs no converting.
            value = node.value if node.tag == _STR else self.plain_value(node, path)
            if not self.notes:
                return value
            if self.only_cut_by_hash:
                after = node.end_mark.index  # a comment needs a blank before its `#`
                if node.style or self.lines.text[after:after + 1] not in _BLANKS:
                    return value
            return self.look(node, value, path)
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode):
            if depth >= self.collection_depth:
                raise self.fail(node, f"the YAML is nested too deeply (over {MAX_DEPTH} levels)")
            if not self.may_alias:
                return self.collection(node, path, depth)
            if id(node) in self.open:
                raise self.fail(node, "an alias (`*`) refers to the list or mapping it is "
                                "part of, which would go on for ever")
            self.open.add(id(node))
            try:
                return self.collection(node, path, depth)
            finally:
                self.open.discard(id(node))
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def collection(self, node: yaml.SequenceNode | yaml.MappingNode, path: PathKey,
                   depth: int) -> list[Any] | dict[str, Any]:
        value: list[Any] | dict[str, Any]
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, "seq")
            value = [self.build(item, (*path, index), depth + 1)
                     for index, item in enumerate(node.value)]
        else:
            self.check_tag(node, "map")
            value = self.mapping(node, path, depth)
        # All `look` can find in a list or mapping is an empty one marked as a placeholder.
        return self.look(node, value, path) if not value and self.may_hold_placeholder else value

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
        self.listing.add(diagnostic)

    def check_tag(self, node: yaml.Node, kind: str) -> None:
        if node.tag != _TAG + kind:
            raise self.fail(
                node,
                f"the tag {node.tag!r} is not allowed: proposals are plain data, "
                "so remove the `!` tag",
            )

    def mapping(self, node: yaml.MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        pairs = self.merged_pairs(node, depth) if self.may_merge else node.value
        for key_node, value_node in pairs:
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, "a key must be plain text, not a list or mapping")
            key = key_node.value if key_node.tag == _STR or key_node.style else None
            if key is None:
                # `yes:`, `1:` and friends: keys are always names in a proposal.
                key = str(key_node.value)
            key_pos = key_node.start_mark.index
            self.count += 1
            if self.count > MAX_NODES:
                self.spend(key_node, 0)
            if (self.may_paste and not key_node.style and self.first_look(key_node)
                    and (found := pasted.pasted(key, (*path, key), self.at(key_node),
                                                is_key=True))):
                self.note(found)
            if key in seen:
                first_line = self.lines.at_index(seen[key])[0]
                self.note(Diagnostic(
                    "F001", f"`{key}` appears twice in this mapping (first at line "
                    f"{first_line}); the second one is ignored", (*path, key), self.at(key_node),
                    "Delete one of them, or merge what they say into one entry."))
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

    def rest_of_line(self, node: yaml.Node) -> str:
        """The source after a node, up to the end of the line its end is on."""
        text = self.lines.text
        index = node.end_mark.index
        end = text.find("\n", index)
        return text[index:] if end < 0 else text[index:end]

    def look(self, node: yaml.Node, value: Any, path: PathKey) -> Any:
        """Note placeholders, text cut short by `#` and pasted-in characters."""
        if not self.notes or (self.may_alias and not self.first_look(node)):
            return value  # the same node reached again through an alias
        plain_text = isinstance(value, str) and isinstance(node, yaml.ScalarNode) and not node.style
        found: list[Diagnostic | None] = []
        if self.may_hold_placeholder:
            empty = value is None or value == [] or value == {}
            if empty or isinstance(value, str):
                # Only a plain scalar or an empty value can be marked `# TODO`.
                rest = self.rest_of_line(node) if plain_text or empty else ""
                found.append(pasted.placeholder(value, path, self.at(node), rest))
        if plain_text:
            after = node.end_mark.index
            if self.lines.text[after:after + 1] in _BLANKS:  # a comment needs a blank first
                found.append(pasted.cut_by_hash(value, path, self.lines.at(node.end_mark),
                                                self.rest_of_line(node)))
            if self.may_paste:
                found.append(pasted.pasted(value, path, self.at(node), is_key=False))
        for diagnostic in found:
            if diagnostic is not None:
                self.note(diagnostic)
        return value

    def first_look(self, node: yaml.Node) -> bool:
        """True the first time a node is looked at (and always, where no alias can be)."""
        if not self.may_alias:
            return True
        if id(node) in self.looked_at:
            return False
        self.looked_at.add(id(node))
        return True

    def plain_value(self, node: yaml.ScalarNode, path: PathKey) -> Any:
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
        convert = {"int": scalars.integer, "float": scalars.floating,
                   "timestamp": scalars.timestamp}[kind]
        try:
            return convert(value)
        except scalars.ScalarError as exc:
            raise self.fail(node, str(exc)) from None
