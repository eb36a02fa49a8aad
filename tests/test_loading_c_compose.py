"""libyaml's composer (the fast path for short texts) gives what the careful event loop gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from placecheck import loading
from placecheck.loading import MAX_DEPTH, LoadError, load_text
from placecheck.loading.compose import Lines

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
