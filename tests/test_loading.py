from __future__ import annotations

import datetime as dt

import pytest

from placecheck.loading import LoadError, decode_text, load_text


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
        ('a: "open\n', "ends in the middle"),
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
