from __future__ import annotations

import datetime as dt

import pytest

from placecheck.loading import LoadError, decode_text, load_text
from placecheck.loading.messages import KNOWN


def test_positions_are_one_based_line_and_column() -> None:
    doc = load_text("placecheck: 1\nkind: place\nplace:\n  name: Riverton\n", "p.yaml")
    assert doc.positions[("place", "name")] == (4, 9)
    assert doc.key_positions[("place", "name")] == (4, 3)
    assert doc.position(("place", "missing", 3)) == (4, 3) or doc.position(
        ("place", "missing")) == doc.positions[("place",)]


def test_duplicate_key_is_reported_with_both_lines() -> None:
    doc = load_text("a: 1\nb: 2\na: 3\n", "p.yaml")
    assert doc.data["a"] == 1
    [diag] = doc.diagnostics
    assert diag.code == "F001" and diag.position == (3, 1) and "line 1" in diag.message


@pytest.mark.parametrize("word", ["no", "on", "Yes", "OFF"])
def test_yaml11_booleans_are_flagged_and_kept_as_text(word: str) -> None:
    doc = load_text(f"country: {word}\n", "p.yaml")
    assert doc.data["country"] == word
    assert [d.code for d in doc.diagnostics] == ["F002"]
    assert "quotes" in doc.diagnostics[0].hint


def test_true_false_dates_and_numbers() -> None:
    doc = load_text("a: true\nb: 2023-03-29\nc: 1.10\nd: 0x10\ne: ~\n", "p.yaml")
    assert doc.data == {"a": True, "b": dt.date(2023, 3, 29), "c": 1.1, "d": 16, "e": None}
    assert doc.raw_scalars[("c",)] == "1.10"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- a\n- b\n", "found a list"),
        ("just text\n", "found a single value"),
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("a:\n\tb: 1\n", "tab"),
        ('a: "open\n', "is not closed"),
        ("a: 1\n---\nb: 2\n", "more than one YAML document"),
        ("a: !!python/object:os.system x\n", "not allowed"),
        ("a: !include other.yaml\n", "not allowed"),
        ("a: 2023-02-30\n", "not a real one"),
        ("a: " + "9" * 40 + "\n", "too long"),
    ],
)
def test_unreadable_input_is_one_clear_error(text: str, expected: str) -> None:
    with pytest.raises(LoadError) as caught:
        load_text(text, "p.yaml")
    assert expected in str(caught.value)
    assert str(caught.value).startswith("p.yaml")


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        refs = ", ".join(f"*a{i - 1}" for _ in range(10))
        lines.append(f"a{i}: &a{i} [{refs}]")
    with pytest.raises(LoadError, match="expands to over"):
        load_text("\n".join(lines) + "\n", "bomb.yaml")


@pytest.mark.parametrize("text", ["a: &x [1, *x]\n", "a: &x {b: *x}\n"])
def test_an_alias_inside_what_it_names_is_refused(text: str) -> None:
    with pytest.raises(LoadError, match="go on for ever"):
        load_text(text, "p.yaml")


def test_a_slip_reached_again_through_an_alias_is_reported_once() -> None:
    doc = load_text("placecheck: 1\na: &x TODO\nb: *x\ne: &z yes\nf: *z\n", "p.yaml",
                    notes=True)
    assert [(d.code, d.path) for d in doc.diagnostics] == [("F015", ("a",)), ("F002", ("e",))]
    # Without an anchor no node is reached twice: each slip is its own.
    doc = load_text("placecheck: 1\na: TODO\nb: TODO\n", "p.yaml", notes=True)
    assert [(d.code, d.path) for d in doc.diagnostics] == [("F015", ("a",)), ("F015", ("b",))]


def test_encodings() -> None:
    assert decode_text(b"\xef\xbb\xbfa: 1", "f") == "a: 1"
    with pytest.raises(LoadError, match="UTF-16"):
        decode_text("a: 1".encode("utf-16"), "f")
    with pytest.raises(LoadError, match=r"not UTF-8.*"):
        decode_text(b"a: \xff\n", "f")
    with pytest.raises(LoadError, match="binary"):
        decode_text(b"a\x00b", "f")


def test_merge_keys_keep_explicit_values() -> None:
    doc = load_text("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n", "p.yaml")
    assert doc.data["other"] == {"y": 3, "x": 1}


@pytest.mark.parametrize("key", ["!!merge x", "!<tag:yaml.org,2002:%6Derge> x"])
def test_a_key_tagged_as_a_merge_merges_without_a_written_double_angle(key: str) -> None:
    doc = load_text(f"base: &b {{x: 1}}\nother:\n  {key}: *b\n  y: 2\n", "p.yaml")
    assert doc.data["other"] == {"y": 2, "x": 1}


# One input for each syntax error the parsers are known to raise, with the words
# of ours it must be reported in, whichever parser reads it.
SYNTAX_ERRORS: dict[str, tuple[str, str, tuple[int, int] | None]] = {
    "nesting": ("a: " + "[" * 1200 + "\n", "nested too deeply", None),
    "two documents": ("a: 1\n---\nb: 2\n", "more than one YAML document", (2, 1)),
    "missing colon": ("a: 1\nb 2\nc: 3\n", "colon is missing on line 3 or the line above: "
                      "line 2 is `b 2` and line 3 is `c: 3`", (3, 1)),
    "colon in text": ("a: b: c\n", "put the whole value in double quotes", (1, 5)),
    "cannot start a token": ("a: @x\n", "`@` cannot start a value", (1, 4)),
    "unclosed quote": ("a: 'open\n", "opened on line 1 is not closed", (2, 1)),
    "unclosed flow": ("a: [1, 2\nb: 3\n", "the `[` opened on line 1 is not closed", (2, 2)),
    "list indentation": ("- a\nb: 1\n", "indentation here does not line up", (2, 1)),
    "indentation": ("a:\n  b: 1\n c: 2\n", "indentation here does not line up", (3, 2)),
    "directive": ("a: 1\n%x\n", "keeps for directives", None),
    "escape": ('a: "\\q"\n', "backslash starts an escape", None),
    "missing value": ("a: [1,\n---\n]\n", "a value is missing here", (2, 1)),
    "block scalar": ("a: |0\n  x\n", "after `|` or `>`", (1, 5)),
    "tag": ("a: !<x\n", "a `!` tag is not allowed", (1, 7)),
    "anchor name": ("a: &\n", "must be followed by a name", (1, 5)),
    "duplicate anchor": ("a: &x 1\nb: &x 2\n", "defined twice (`&` at line 1", (2, 4)),
    "undefined alias": ("a: *x\n", "names an anchor", (1, 4)),
}
LIBRARY_WORDS = ("while scanning", "while parsing", "found", "expected", "simple key", "token",
                 "stream", "indicator")


def test_every_known_syntax_error_has_an_input() -> None:
    assert {name for name, _, _ in KNOWN} == set(SYNTAX_ERRORS)


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "python"])
@pytest.mark.parametrize("name", sorted(SYNTAX_ERRORS))
def test_syntax_errors_are_in_our_words_under_both_parsers(name: str, pure_python: bool) -> None:
    text, expected, where = SYNTAX_ERRORS[name]
    with pytest.raises(LoadError) as caught:
        load_text(text, "p.yaml", pure_python=pure_python)
    assert expected in caught.value.message
    if where is not None:  # None: the parsers stop at different places
        assert (caught.value.line, caught.value.column) == where
    message = caught.value.message.lower()
    assert not any(word in message for word in LIBRARY_WORDS), message


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "python"])
def test_an_unknown_parser_message_is_still_in_our_words(pure_python: bool) -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\n%YAML 1.1\n%YAML 1.1\n---\nb: 2\n", "p.yaml", pure_python=pure_python)
    assert not any(word in caught.value.message.lower() for word in LIBRARY_WORDS)


@pytest.mark.parametrize("pure_python", [False, True], ids=["libyaml", "python"])
def test_a_control_character_is_named_with_its_position(pure_python: bool) -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\nb: x\x07\n", "p.yaml", pure_python=pure_python)
    assert "control character (U+0007)" in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 5)
