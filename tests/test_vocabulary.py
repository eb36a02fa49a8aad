"""The registry of check words: the generated schema and docs, and what a pack may use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from placecheck.rules import vocabulary_docs
from placecheck.rules.pack import PackError, load_pack, shipped_registry
from placecheck.rules.registry import VOCABULARY as REGISTRY
from placecheck.rules.registry import check, message_params
from placecheck.rules.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parent.parent



def test_committed_rule_schema_is_the_generated_one() -> None:
    current = (ROOT / vocabulary_docs.SCHEMA).read_text(encoding="utf-8")
    assert vocabulary_docs.schema_text(current) == current, \
        "run python -m placecheck.rules.vocabulary_docs"


def test_committed_vocabulary_table_is_the_generated_one() -> None:
    current = (ROOT / vocabulary_docs.DOCS).read_text(encoding="utf-8")
    assert vocabulary_docs.docs_text(current) == current, \
        "run python -m placecheck.rules.vocabulary_docs"


def test_the_check_command_reports_drift_without_writing(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(REGISTRY, "zz_new", REGISTRY["unique"])
    before = (ROOT / vocabulary_docs.SCHEMA).read_text(encoding="utf-8")
    assert vocabulary_docs.main(["--check"]) == 1
    assert (ROOT / vocabulary_docs.SCHEMA).read_text(encoding="utf-8") == before


def test_every_word_in_the_schema_and_the_table_is_registered() -> None:
    schema = json.loads((ROOT / vocabulary_docs.SCHEMA).read_text(encoding="utf-8"))
    words = list(schema["$defs"]["check"]["properties"])
    assert words == list(VOCABULARY)
    assert {"geography", "system", "present", "schema", "not"} <= set(words)
    table = vocabulary_docs.tables()
    assert all(f"| `{word}` |" in table for word in VOCABULARY)
    assert "| `geography: {check: ics_known}` |" in table


def test_a_word_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered twice"):
        check("count", summary="", options={}, params={})(lambda options, scope: [])


def test_message_parameters_follow_the_check_written() -> None:
    assert set(message_params({"count": {"path": "$.x", "min": 1}})) == {
        "detail", "count", "min", "max", "found"}
    assert set(message_params({"not": {"present": "$.x"}})) == {"detail"}
    both = {"all_of": [{"unique": {"values": "$.x"}}, {"schema": {"schema": {}}}]}
    assert set(message_params(both)) == {"detail", "found", "value"}
    first = {"any_of": [{"unique": {"values": "$.x"}}, {"schema": {"schema": {}}}]}
    assert set(message_params(first)) == {"detail", "found"}
    assert set(message_params({"geography": {"check": "names_match"}})) == {
        "detail", "found", "expected", "value"}
    assert set(message_params({"system": {"check": "places_cover_ics"}})) == {
        "detail", "missing", "count"}


RULE = """rules:
  - id: X-1
    title: A rule for the loader
    severity: info
    family: test
    implements: [X1]
    rationale: "A rationale long enough to pass the schema."
    citations: [{{source: thriving-places, section: membership}}]
{body}
    tests:
      - {{expect: pass, proposal: p.yaml}}
      - {{expect: fail, proposal: p.yaml}}
"""


def _pack(tmp_path: Path, body: str) -> Path:
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: mine\ntitle: My pack\n")
    (pack / "rules.yaml").write_text(RULE.format(body=body))
    return pack


def _load(pack: Path) -> None:
    load_pack(pack, shipped_registry())


def test_a_message_using_a_parameter_its_check_never_sets_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path, '    check: {count: {path: "$.people[*]", min: 1}}\n'
                           '    message: "{count} people, not {expected}"')
    with pytest.raises(PackError) as caught:
        _load(pack)
    text = str(caught.value)
    assert "rules.yaml:10:" in text and "`{expected}`" in text and "`count` check" in text


def test_a_parameter_of_another_part_is_refused_on_that_part(tmp_path: Path) -> None:
    pack = _pack(tmp_path, """    checks:
      - check: {count: {path: "$.people[*]", min: 1}}
        message: "{count} people"
      - check: {unique: {values: "$.people[*].id"}}
        message: "{found} twice"
        hint: "Remove one of the {count}."
""")
    with pytest.raises(PackError) as caught:
        _load(pack)
    assert "rules.yaml:14:" in str(caught.value) and "the hint uses `{count}`" in str(caught.value)


def test_a_parameter_used_as_a_variable_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path, '    check: {unique: {values: "$.people[*].id"}}\n'
                           '    message: "{found.name} twice"')
    with pytest.raises(PackError, match="`found` is a value, not a variable"):
        _load(pack)


def test_declared_parameters_and_variables_load(tmp_path: Path) -> None:
    pack = _pack(tmp_path, '    for_each: {path: "$.governance[*]", as: body}\n'
                           '    check: {count: {path: "body.members[*]", max: 3}}\n'
                           '    message: "{body.name} has {count}, more than {max}: {detail}"')
    _load(pack)


def test_a_schema_keyword_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path, '    check: {schema: {path: "$.place", schema: {format: date}}}\n'
                           '    message: "{value}"')
    with pytest.raises(PackError, match=r"rules\.yaml:9:"):
        _load(pack)


def test_an_invalid_pattern_inside_a_schema_is_refused(tmp_path: Path) -> None:
    pack = _pack(tmp_path, '    check: {schema: {schema: {properties: {a: {pattern: "(x"}}}}}\n'
                           '    message: "{value}"')
    with pytest.raises(PackError, match="not a valid regular expression"):
        _load(pack)


@pytest.mark.parametrize(("body", "where", "says"), [
    ('    check: {presnt: "$.place.name"}\n    message: "m"', "rules.yaml:9:",
     "`presnt` is not a check word (did you mean `present`?); the words are present, absent"),
    ('    check:\n      count: {path: "$.people[*]", mni: 1}\n    message: "m"', "rules.yaml:10:",
     "`mni` is not a key of `rules.0.check.count` (did you mean `min`?); the keys are path"),
    ('    check: {present: "$.a", absent: "$.b"}\n    message: "m"', "rules.yaml:9:",
     "a check has exactly one word; this one has `present` and `absent`"),
    ('    check: {}\n    message: "m"', "rules.yaml:9:",
     "a check has exactly one word; this one has none"),
    ('    check: {all_of: [{present: "$.a"}, {presnt: "$.b"}]}\n    message: "m"',
     "rules.yaml:9:", "`presnt` is not a check word (did you mean `present`?)"),
    ('    check: {not: {count: {path: "$.a", max: -1}}}\n    message: "m"', "rules.yaml:9:",
     "`rules.0.check.not.count.max` is -1, below 0"),
    ('    message: "m"', "rules.yaml:2:", "`rules.0` needs `check` and `message` or `checks`"),
])
def test_a_rule_file_error_is_said_in_placecheck_words_at_the_key(tmp_path: Path, body: str,
                                                                  where: str, says: str) -> None:
    with pytest.raises(PackError) as caught:
        _load(_pack(tmp_path, body))
    text = str(caught.value)
    assert where in text and f"invalid rule file: {says}" in text
    assert "is not valid under" not in text and "was unexpected" not in text
