"""libyaml's composer (the fast path for short texts) gives what the careful event loop gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from placecheck import loading
from placecheck.loading import MAX_DEPTH, LoadError, load_text
from placecheck.loading.compose import CLoader, FastLoader, Lines, loader_class

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("**/*.yaml"))


def _careful(text: str) -> loading.Document:
    """The event-loop path alone (what a text too long for the fast path gets)."""
    lines = Lines(text)
    root = loading.compose(text, "f.yaml", lines)
    assert root is not None
    return loading._document(loading.Builder("f.yaml", lines, True), root, text)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_fast_path_reads_each_example_as_the_event_loop_does(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    fast = loading._build_c_composed(text, "f.yaml", Lines(text), True)
    careful = _careful(text)
    assert fast == careful


def test_a_list_at_the_depth_limit_is_refused_with_the_event_loops_message() -> None:
    # libyaml's composer has no depth limit of ours: an empty list MAX_DEPTH levels
    # down must still be refused, where the event loop refuses it.
    text = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    with pytest.raises(LoadError) as caught:
        loading._build_c_composed(text, "f.yaml", Lines(text), True)
    with pytest.raises(LoadError) as careful:
        load_text(text, "f.yaml")
    assert f"over {MAX_DEPTH} levels" in careful.value.message
    assert (careful.value.line, careful.value.column) == (1, 4 + MAX_DEPTH - 1)
    assert caught.value.message == careful.value.message


def test_a_duplicate_anchor_keeps_the_event_loops_message() -> None:
    text = "placecheck: 1\na: &x 1\nb: &x 2\n"
    with pytest.raises(LoadError) as caught:
        load_text(text, "f.yaml")
    assert "anchor" in caught.value.message
    assert caught.value.line == 3


_SCALARS = ["", "~", "null", "Null", "NULL", "yes", "No", "ON", "off", "y", "n", "true", "False",
            "0", "-1", "+12", "0x1F", "0o17", "017", "1_000", "1.5", "-.5", ".inf", "-.Inf",
            ".NaN", "1e3", "6.8523015e+5", "190:20:30", "2023-03-29",
            "2001-12-14t21:59:43.10-05:00", "<<", "=", "!", "&a", "*a", "Gateshead", "TODO",
            " x", "nothing", "on the day"]


@pytest.mark.parametrize("value", _SCALARS)
@pytest.mark.parametrize("implicit", [(True, False), (False, True), (False, False), (True, True)])
def test_the_loaders_tags_are_pyyamls(value: str, implicit: tuple[bool, bool]) -> None:
    ours = FastLoader("a: 1")
    pyyaml = yaml.SafeLoader("a: 1")
    try:
        for kind in (yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode):
            assert ours.resolve(kind, value, implicit) == pyyaml.resolve(kind, value, implicit)
    finally:
        ours.dispose()
        pyyaml.dispose()


@settings(max_examples=300, deadline=None)
@given(value=st.text(alphabet=st.sampled_from("01+-.:_eEx~nNyYoOtTfF<=!&* aZ9"), max_size=12))
def test_the_loaders_tags_are_pyyamls_for_any_plain_scalar(value: str) -> None:
    ours = FastLoader("a: 1")
    try:
        assert ours.resolve(yaml.ScalarNode, value, (True, False)) == yaml.SafeLoader(
            "a: 1").resolve(yaml.ScalarNode, value, (True, False))
    finally:
        ours.dispose()


def _tree(node: yaml.Node) -> object:
    """A node tree as plain data: kind, tag, where it starts and ends, and its content."""
    if isinstance(node, yaml.ScalarNode):
        content: object = (node.value, node.style)
    elif isinstance(node, yaml.SequenceNode):
        content = [_tree(item) for item in node.value]
    else:
        content = [(_tree(key), _tree(value)) for key, value in node.value]
    return (type(node).__name__, node.tag, node.start_mark.index, node.end_mark.index, content)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_cheaper_loader_composes_what_pyyamls_own_composes(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    ours = FastLoader(text)
    try:
        node = ours.get_single_node()
    finally:
        ours.dispose()
    assert node is not None
    assert _tree(node) == _tree(yaml.compose(text, Loader=CLoader))


def test_a_path_resolver_added_anywhere_gives_pyyamls_own_loader(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Path resolvers are added to a loader class for the whole process (PyYAML's
    # add_path_resolver); the cheaper loader does not consult them, so it stands aside.
    assert loader_class() is FastLoader
    monkeypatch.setattr(yaml.resolver.BaseResolver, "yaml_path_resolvers",
                        {((), yaml.MappingNode): "!custom"})
    assert loader_class() is CLoader
    assert loader_class(pure_python=True) is yaml.SafeLoader

