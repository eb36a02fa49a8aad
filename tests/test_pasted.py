"""The slips careful authors make: placeholders, text cut by `#`, pasted-in characters."""

from __future__ import annotations

import re
import sys

import pytest

from placecheck.loading import Diagnostic, LoadError, decode_text, load_text, pasted


def notes(text: str, code: str) -> list[Diagnostic]:
    doc = load_text("placecheck: 1\nkind: place\n" + text, "p.yaml", notes=True)
    return [d for d in doc.diagnostics if d.code == code]


def test_text_cut_by_a_hash_is_reported_where_the_comment_starts() -> None:
    [found] = notes("quorum: Members #1 and #2 must attend\n", "F016")
    assert found.position == (3, 17)
    assert "read as 'Members'" in found.message and "comment" in found.message
    assert '"Members #1 and #2 must attend"' in found.hint


@pytest.mark.parametrize("line", [
    "status: draft   # draft | shadow | adopted\n",   # an ordinary comment
    'quorum: "Members #1 and #2"\n',                   # quoted: nothing is cut
    "quorum: Members#1\n",                             # no space: `#` is part of the text
    "population: 5 #1\n",                              # a number, not text
])
def test_ordinary_comments_and_quoted_text_are_not_cut(line: str) -> None:
    assert notes(line, "F016") == []


@pytest.mark.parametrize(("line", "column", "words"), [
    ("name: Riverton\u00a0\n", 15, "non-breaking space (U+00A0)"),
    ("code: E06\u200b000001\n", 10, "zero-width space (U+200B)"),
    ("na\u00a0me: Riverton\n", 3, "non-breaking space"),
])
def test_invisible_characters_are_named_with_their_column(line: str, column: int,
                                                          words: str) -> None:
    [found] = notes(line, "F017")
    assert found.position == (3, column)
    assert words in found.message


def test_an_invisible_space_inside_running_text_is_harmless() -> None:
    assert notes("vision: A healthier\u00a0Riverton for all\n", "F017") == []


@pytest.mark.parametrize("line", ["name: \u201cRiverton\u201d\n", "\u201cname\u201d: Riverton\n",
                                  "name: \u2018Riverton\u2019\n"])
def test_curly_quotes_around_a_value_or_key(line: str) -> None:
    [found] = notes(line, "F017")
    assert "curly quotes" in found.message and "straight quotes" in found.message
    assert '"Riverton"' in found.hint or '"name"' in found.hint


def test_a_curly_apostrophe_inside_text_is_fine() -> None:
    assert notes("name: Children\u2019s services\n", "F017") == []


@pytest.mark.parametrize(("line", "words"), [
    ('name: "<place name>"\n', "'<place name>'"),
    ('name: "<place name> Place Committee"\n', "'<place name>'"),
    ('vision: "TODO: the shared vision"\n', "'TODO: the shared vision'"),
    ("population: null   # TODO: a number\n", "`null`, marked TODO"),
    ("priorities: []   # TODO: the priorities\n", "`[]`, marked TODO"),
    ("register: {kept_by: icb, published: null}   # TODO: true once published\n",
     "`null`, marked TODO"),
])
def test_placeholders_are_findings(line: str, words: str) -> None:
    [found] = notes(line, "F015")
    assert words in found.message and found.position[0] == 3


@pytest.mark.parametrize("line", ["population: null\n", "priorities: []   # none yet\n",
                                  'name: "Riverton <-> Gateshead link"\n',
                                  'contact: "Jane Smith <jane.smith@nhs.net>"\n',
                                  'where: "<https://example.org/papers>"\n',
                                  'vision: "Todos los dias"\n'])
def test_values_that_are_not_placeholders(line: str) -> None:
    assert notes(line, "F015") == []


def test_rule_packs_and_fixtures_are_read_without_notes() -> None:
    doc = load_text('a: "TODO: x"\nb: c #1\n', "pack.yaml")
    assert doc.diagnostics == []


@pytest.mark.parametrize(("raw", "words"), [
    (b"PK\x03\x04rest", "looks like a Word document"),
    (b"\xd0\xcf\x11\xe0rest", "old-style Word (.doc)"),
    (b"%PDF-1.7\n", "looks like a PDF"),
    ("placecheck: 1\n".encode("utf-16-le"), "UTF-16"),
    ("placecheck: 1\n".encode("utf-16"), "UTF-16"),
])
def test_files_that_are_not_yaml_text_say_what_they_are(raw: bytes, words: str) -> None:
    with pytest.raises(LoadError) as caught:
        decode_text(raw, "p.yaml")
    assert words in caught.value.message


def test_windows_1252_names_the_character_and_its_line() -> None:
    raw = "placecheck: 1\nkind: place\nname: Children\u2019s services\n".encode("cp1252")
    with pytest.raises(LoadError) as caught:
        decode_text(raw, "p.yaml")
    message = caught.value.message
    assert message.startswith("the curly apostrophe (\u2019) on line 3 is not UTF-8")
    assert "Notepad: Save As, Encoding UTF-8" in message
    assert (caught.value.line, caught.value.column) == (3, 15)


def test_a_syntax_error_on_a_line_with_a_non_breaking_space_names_it() -> None:
    with pytest.raises(LoadError) as caught:
        load_text("a: 1\n\u00a0\u00a0b: 2\n  c: 3\n", "p.yaml")
    assert "non-breaking space (U+00A0) at line 2, column 1" in caught.value.message


# The whole-file screens let the loader skip a check per value; each must say
# "maybe" for every file in which the check could find something.


def test_only_dotted_and_dotless_i_fold_case_blind_into_a_placeholder_word() -> None:
    every_character = "".join(chr(c) for c in range(sys.maxunicode + 1)
                              if not 0xD800 <= c < 0xE000)
    letters = "".join(sorted(set("".join(pasted._PLACEHOLDER_WORDS))))
    matched = re.findall(f"[{letters}]", every_character, re.IGNORECASE)
    odd = {c for c in matched if c.lower() not in letters}
    assert odd == set(pasted._FOLDS_TO_PLACEHOLDER_LETTER)


@pytest.mark.parametrize("line", [
    "name: todo\n", "name: Tbc\n", "name: tBd\n", "name: FixMe\n", "name: <x>\n",
    "name: FİXME\n", "name: fıxme\n",
    'name: "\\x54ODO"\n',  # an escape spells it out
    "people: []  # TODO\n",
])
def test_the_placeholder_screen_lets_through_every_file_with_a_placeholder(line: str) -> None:
    assert pasted.may_hold_placeholder(line)
    assert notes(line, "F015"), line


@pytest.mark.parametrize("line", [
    "name: Riverton\u00a0\n", "name: \u201cRiverton\u201d\n", "na\u2009me: x\n",
])
def test_the_pasted_screen_lets_through_every_file_with_a_pasted_character(line: str) -> None:
    assert pasted.may_hold_pasted(line)
    assert notes(line, "F017"), line


def test_the_screens_say_no_for_plain_ascii_without_placeholders() -> None:
    text = "placecheck: 1\nkind: place\nplace: {name: Riverton}  # a comment\n"
    assert not pasted.may_hold_placeholder(text)
    assert not pasted.may_hold_pasted(text)
