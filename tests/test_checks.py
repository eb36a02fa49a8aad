"""Every word of the check vocabulary: when it passes, and where and how it fails."""

from __future__ import annotations

import datetime as dt
from typing import Any

import jsonschema
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from placecheck.rules.pack import load_pack, shipped_pack_dirs, shipped_registry
from placecheck.rules.paths import Scope
from placecheck.rules.placeholders import is_stated
from placecheck.rules.registry import INTERNAL, Failure
from placecheck.rules.schema_eval import faults
from placecheck.rules.system_checks import PlaceRef
from placecheck.rules.value_schema import errors
from placecheck.rules.vocabulary import VOCABULARY, message_params, run_check

DOC: dict[str, Any] = {
    "status": "draft",
    "place": {"name": "Gateshead", "population": 200000, "chair": "TODO",
              "ics": {"code": "E54000050"},
              "local_authorities": [{"code": "E08000037", "name": "Gateshead"}]},
    "organisations": [
        {"id": "icb", "name": "NENC ICB", "kind": "icb", "code": "E54000050"},
        {"id": "council", "name": "Gateshead Council", "kind": "local_authority"},
    ],
    "people": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
    "governance": [{
        "id": "board", "name": "Place Board", "model": "joint_committee",
        "members": [
            {"person": "ann", "represents": ["vcse"], "voting": True},
            {"person": "bob", "represents": ["public_health"], "voting": "TBC"},
        ],
    }],
    "agreement": [{"by": "icb", "on": dt.date(2023, 3, 29)}, {"by": "council", "on": "TODO"}],
}


def run(spec: dict[str, Any], data: Any = DOC, context: dict[str, Any] | None = None,
        ) -> list[Failure]:
    failures = run_check(spec, Scope(data, context=context))
    declared = set(message_params(spec))
    for failure in failures:
        assert set(failure.params) - INTERNAL <= declared, (spec, failure.params)
    return failures


def one(spec: dict[str, Any], data: Any = DOC, **kwargs: Any) -> Failure:
    [failure] = run(spec, data, **kwargs)
    return failure


def test_every_word_has_its_tests_here() -> None:
    names = [name for name in globals() if name.startswith("test_")]
    for word in VOCABULARY:
        assert any(name.startswith(f"test_{word}_") for name in names), word


# --- present / absent ------------------------------------------------------------------

def test_present_passes_on_stated_values_false_included() -> None:
    assert run({"present": ["$.place.name", "$.governance[0].members[0].voting"]}) == []
    assert run({"present": "$.governance[0].members[*].voting"}) == []  # one is enough


def test_present_lists_what_is_missing_under_one_node_once() -> None:
    failure = one({"present": ["$.place.mayor", "$.place.motto"]})
    assert failure.path == ("place",)
    assert failure.detail == "`place.mayor` and `place.motto` are not stated"
    assert failure.params == {"missing": "place.mayor and place.motto", "count": 2}


def test_present_points_at_a_placeholder() -> None:
    failure = one({"present": "$.place.chair"})
    assert failure.path == ("place", "chair")
    assert failure.detail == "`place.chair` is still a placeholder ('TODO')"


def test_absent_passes_when_unstated_and_fails_at_the_value() -> None:
    assert run({"absent": ["$.place.chair", "$.place.mayor"]}) == []
    failure = one({"absent": "$.place.name"})
    assert failure.path == ("place", "name") and failure.detail == "`place.name` is set here"
    assert failure.params == {"found": "place.name", "value": "Gateshead"}


# --- covers / subset -------------------------------------------------------------------

MEMBERS = "$.governance[0].members[*].represents[*]"


def test_covers_passes_when_each_group_has_one_token() -> None:
    assert run({"covers": {"values": MEMBERS, "require": ["vcse", ["healthwatch",
                                                                   "public_health"]]}}) == []


def test_covers_names_the_groups_not_covered_at_the_given_place() -> None:
    failure = one({"covers": {"values": MEMBERS, "at": "$.governance[0]",
                              "require": ["vcse", "healthwatch", ["icb", "primary_care"]]}})
    assert failure.path == ("governance", 0)
    assert failure.detail.startswith("nothing covers ") and " and " in failure.detail
    assert failure.params["missing_ids"] == "healthwatch, icb" and failure.params["count"] == 2


def test_subset_passes_when_every_item_is_allowed() -> None:
    assert run({"subset": {"items": "$.governance[0].members[*].person",
                           "of": "$.people[*].id"}}) == []


def test_subset_fails_at_the_first_outsider_by_name() -> None:
    failure = one({"subset": {"items": "$.agreement[*].by", "of": "$.people[*].id"}})
    assert failure.path == ("agreement", 0, "by")
    assert failure.detail == "NENC ICB and Gateshead Council are not among Ann and Bob"
    assert failure.params["count"] == 2


# --- count / equal / unique ------------------------------------------------------------

def test_count_passes_within_its_limits() -> None:
    assert run({"count": {"path": "$.people[*]", "min": 2, "max": 2}}) == []


def test_count_too_few_points_at_the_deepest_existing_node() -> None:
    failure = one({"count": {"path": "$.governance[0].members[?voting=false]", "min": 1}})
    assert failure.path == ("governance", 0, "members")
    assert failure.detail.startswith("0 found where at least 1 is needed")
    assert failure.params == {"count": 0, "min": 1, "found": "none"}


def test_count_too_many_points_at_the_first_extra() -> None:
    failure = one({"count": {"path": "$.people[*]", "max": 1}})
    assert failure.path == ("people", 1)
    assert failure.params == {"count": 2, "max": 1, "found": "Ann and Bob"}


def test_equal_passes_and_fails_at_the_value_that_differs() -> None:
    assert run({"equal": {"values": "$.organisations[?kind=icb].code",
                          "to": "$.place.ics.code"}}) == []
    failure = one({"equal": {"values": "$.organisations[*].kind"}})
    assert failure.path == ("organisations", 1, "kind")
    assert failure.params == {"found": "the local authority", "expected": "icb"}


def test_unique_passes_and_fails_at_the_second_occurrence() -> None:
    assert run({"unique": {"values": "$.people[*].id"}}) == []
    data = {"people": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}
    failure = one({"unique": {"values": "$.people[*].id"}}, data)
    assert failure.path == ("people", 2, "id") and failure.detail == "a appears more than once"


# --- matches ---------------------------------------------------------------------------

def test_matches_passes_case_insensitively_and_ignores_placeholders() -> None:
    assert run({"matches": {"values": "$.place.name", "pattern": "^gATEs"}}) == []
    failure = one({"matches": {"values": "$.place.chair", "pattern": "todo",
                               "describe": "a chair", "at": "$.place"}})
    assert failure.path == ("place",)
    assert failure.detail == "nothing in `place.chair` mentions a chair"
    assert failure.params == {"missing": "a chair"}


# --- schema ----------------------------------------------------------------------------

def test_schema_passes_and_points_inside_the_value() -> None:
    assert run({"schema": {"path": "$.place", "schema": {"required": ["name"]}}}) == []
    failure = one({"schema": {"path": "$.place", "schema": {
        "properties": {"population": {"type": "integer", "minimum": 250000}}}}})
    assert failure.path == ("place", "population")
    assert failure.detail == "`population` is 200000, below 250000"
    assert failure.params == {"value": 200000}


def test_schema_counts_a_placeholder_as_not_stated() -> None:
    failures = run({"schema": {"path": "$.agreement[*]", "schema": {"required": ["on"]}}})
    assert [(f.path, f.detail) for f in failures] == [(("agreement", 1), "`on` is not stated")]
    assert run({"schema": {"path": "$.agreement[*].on", "schema": {"type": "string",
                                                                   "pattern": "^2023"}}}) == []


def test_schema_sees_dates_as_iso_text() -> None:
    failure = one({"schema": {"path": "$.agreement[0].on", "schema": {"pattern": "^2024-"}}})
    assert failure.detail == "the value is '2023-03-29', which is not in the form this rule " \
                             "asks for"


@pytest.mark.parametrize(("schema", "value", "detail"), [
    ({"type": "integer"}, "x", "the value is 'x'; expected a whole number"),
    ({"type": ["string", "null"]}, 3, "the value is 3; expected text or empty"),
    ({"const": True}, False, "the value is false; expected true"),
    ({"enum": ["a", "b"]}, "c", "the value is 'c'; expected 'a' or 'b'"),
    ({"maximum": 5}, 6, "the value is 6, above 5"),
    ({"exclusiveMinimum": 5}, 5, "the value is 5, below or at 5"),
    ({"minLength": 3}, "ab", "the value has 2 characters where at least 3 are needed"),
    ({"maxLength": 1}, "ab", "the value has 2 characters where at most 1 are allowed"),
    ({"minItems": 2}, ["a"], "the value lists 1 where at least 2 are needed"),
    ({"maxItems": 1}, ["a", "b"], "the value lists 2 where at most 1 are allowed"),
    ({"not": {"const": "x"}}, "x", "the value is set to something that is not allowed here"),
    ({"required": ["a", "b"]}, {"a": "<name>", "c": 1}, "`a` and `b` are not stated"),
    ({"items": {"type": "string"}}, ["a", 1], "`1` is 1; expected text"),
])
def test_schema_keywords_in_placecheck_words(schema: dict[str, Any], value: Any,
                                             detail: str) -> None:
    assert [d for _, d, _ in errors(schema, value)] == [detail]


@pytest.mark.parametrize("value", ["TODO", "tbc", "<the date>", "", [], {}, None, ["TODO"]])
def test_schema_leaves_an_unstated_value_alone(value: Any) -> None:
    schema = {"type": "integer", "minItems": 3, "required": ["x"], "pattern": "^z"}
    assert list(errors(schema, value)) == []
    assert list(errors({"properties": {"a": schema}}, {"a": value})) == []
    assert list(errors({"items": schema}, [value])) == []


def _schemas(spec: Any) -> list[dict[str, Any]]:
    if isinstance(spec, dict):
        found = [spec["schema"]["schema"]] if isinstance(spec.get("schema"), dict) else []
        return found + [s for k, v in spec.items() if k != "schema" for s in _schemas(v)]
    if isinstance(spec, list):
        return [s for item in spec for s in _schemas(item)]
    return []


def test_schema_takes_a_mapping_of_placeholders_as_a_mapping_missing_its_keys() -> None:
    # The template's `- name: "<board name>"` still lacks its `relationship`.
    assert [d for _, d, _ in errors({"required": ["relationship"]}, {"name": "<name>"})] == [
        "`relationship` is not stated"]
    assert [d for _, d, _ in errors({"type": "string"}, {"a": None})] == [
        "the value is a mapping; expected text"]


def _shipped_schemas() -> list[dict[str, Any]]:
    found = []
    for directory in shipped_pack_dirs().values():
        for rule in load_pack(directory, shipped_registry()).rules:
            for part in rule.parts:
                found.extend(s for s in _schemas(part.check) if s not in found)
    return found


SHIPPED = _shipped_schemas()
leaves = st.one_of(st.none(), st.booleans(), st.integers(-1, 600000), st.floats(0, 10),
                   st.sampled_from(["", "TODO", "TBC", "<due>", "...", "2023-03-29",
                                    "2024-05-01", "yes", "x"]),
                   st.dates(dt.date(2019, 1, 1), dt.date(2026, 1, 1)))


def _values(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    keys = sorted({*schema.get("properties", {}), *schema.get("required", []), "other"})
    inner = st.recursive(leaves, lambda x: st.lists(x, max_size=3)
                         | st.dictionaries(st.sampled_from(keys), x, max_size=3), max_leaves=8)
    return st.one_of(inner, st.dictionaries(st.sampled_from(keys), inner, max_size=len(keys)))


def _without_unstated(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_unstated(v) for k, v in value.items() if is_stated(v)}
    if isinstance(value, list):
        return [_without_unstated(v) for v in value]
    return value


def _all_stated(value: Any) -> bool:
    if isinstance(value, dict | list):
        items = value.values() if isinstance(value, dict) else value
        return is_stated(value) and all(_all_stated(v) for v in items)
    return is_stated(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _empties_a_mapping(value: Any) -> bool:
    """Whether taking out the unstated keys would leave an empty mapping where one had keys."""
    if isinstance(value, dict):
        return (bool(value) and not any(is_stated(v) for v in value.values())) or any(
            _empties_a_mapping(v) for v in value.values())
    return isinstance(value, list) and any(_empties_a_mapping(v) for v in value)


def _one_meaning(data: st.DataObject) -> None:
    schema = data.draw(st.sampled_from(SHIPPED))
    value = data.draw(_values(schema))
    # A mapping whose keys all hold placeholders is still a mapping (with keys missing),
    # which one without those keys, being empty, is not: that case is tested above.
    assume(not _empties_a_mapping(value))
    found = [(path, detail) for path, detail, _ in errors(schema, value)]
    # A placeholder or empty value means the same as no value at all...
    assert found == [(p, d) for p, d, _ in errors(schema, _without_unstated(value))]
    # ...and where every value is stated, the meaning is exactly JSON Schema's.
    if _all_stated(value):
        plain = jsonschema.Draft202012Validator(schema).iter_errors(_jsonable(value))
        assert {path for path, _ in found} == {tuple(e.absolute_path) for e in plain}


# placecheck evaluates the schema keywords itself (schema_eval); jsonschema is the oracle.
KEYS = ["a", "b", "on"]
json_leaves = st.one_of(st.none(), st.booleans(), st.integers(-2, 4), st.sampled_from(
    [0.0, 1.0, 2.5]), st.sampled_from(["", "a", "ab", "b", "2023-03-29", "xyz"]))
json_values = st.recursive(json_leaves, lambda x: st.lists(x, max_size=3)
                           | st.dictionaries(st.sampled_from(KEYS), x, max_size=3), max_leaves=8)
type_names = st.sampled_from(["object", "array", "string", "boolean", "number", "integer",
                              "null"])
small = st.integers(-1, 3)
flat_schemas = st.fixed_dictionaries({}, optional={
    "type": type_names | st.lists(type_names, min_size=1, max_size=2, unique=True),
    "const": json_values, "enum": st.lists(json_values, min_size=1, max_size=3),
    "minimum": small, "maximum": small, "exclusiveMinimum": small, "exclusiveMaximum": small,
    "minLength": st.integers(0, 3), "maxLength": st.integers(0, 3),
    "pattern": st.sampled_from(["^a", "b$", "^2023-", "x|y", "[0-9]"]),
    "minItems": st.integers(0, 3), "maxItems": st.integers(0, 3),
    "required": st.lists(st.sampled_from(KEYS), max_size=2, unique=True)})
schemas = st.recursive(flat_schemas, lambda inner: st.fixed_dictionaries({}, optional={
    "properties": st.dictionaries(st.sampled_from(KEYS), inner, max_size=2),
    "items": inner, "not": inner}).flatmap(
        lambda nested: flat_schemas.map(lambda flat: {**flat, **nested})), max_leaves=4)


def _agrees_with_jsonschema(schema: dict[str, Any], value: Any) -> None:
    ours = {(f.absolute_path, f.validator) for f in faults(schema, value)}
    theirs = {(tuple(e.absolute_path), e.validator)
              for e in jsonschema.Draft202012Validator(schema).iter_errors(value)}
    assert ours == theirs


@settings(max_examples=300, deadline=None)
@given(schema=schemas | st.sampled_from(SHIPPED), value=json_values)
def test_schema_keywords_mean_what_jsonschema_says(schema: dict[str, Any], value: Any) -> None:
    _agrees_with_jsonschema(schema, value)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(schema=schemas | st.sampled_from(SHIPPED), value=json_values)
def test_schema_keywords_mean_what_jsonschema_says_full_size(schema: dict[str, Any],
                                                            value: Any) -> None:
    _agrees_with_jsonschema(schema, value)


def test_shipped_rules_use_schemas() -> None:
    assert len(SHIPPED) >= 6
    assert any("pattern" in s for s in SHIPPED) and any("required" in s for s in SHIPPED)


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_schema_has_one_meaning_on_every_shipped_schema(data: st.DataObject) -> None:
    _one_meaning(data)


@pytest.mark.slow
@settings(max_examples=1000, deadline=None)
@given(data=st.data())
def test_schema_has_one_meaning_on_every_shipped_schema_full_size(data: st.DataObject) -> None:
    _one_meaning(data)


# --- some / all_of / any_of / not ------------------------------------------------------

def test_some_passes_when_one_item_passes_and_binds_the_item() -> None:
    spec = {"some": {"path": "$.governance[0].members[*]", "as": "m",
                     "check": {"covers": {"values": "m.represents[*]", "require": ["vcse"]}}}}
    assert run({"some": {"path": "$.people[*]", "as": "p",
                         "check": {"matches": {"values": "p.name", "pattern": "^bob$"}}}}) == []
    assert run(spec) == []


def test_some_fails_with_the_last_item_s_detail() -> None:
    failure = one({"some": {"path": "$.people[*]", "as": "p", "at": "$.people",
                            "check": {"matches": {"values": "p.name", "pattern": "^zed$"}}}})
    assert failure.path == ("people",)
    assert failure.detail == "none qualifies: nothing in `name` mentions ^zed$"


def test_some_over_nothing_says_so() -> None:
    failure = one({"some": {"path": "$.nobody[*]", "as": "p", "check": {"present": "p.x"}}})
    assert failure.detail == "none qualifies: `nobody` has no entries"


def test_all_of_reports_every_failure() -> None:
    failures = run({"all_of": [{"present": "$.place.mayor"}, {"present": "$.place.chair"},
                               {"present": "$.place.name"}]})
    assert [f.path for f in failures] == [("place",), ("place", "chair")]


def test_any_of_passes_on_one_and_reports_only_the_first_alternative() -> None:
    assert run({"any_of": [{"present": "$.place.mayor"}, {"present": "$.place.name"}]}) == []
    failure = one({"any_of": [{"present": "$.place.mayor"}, {"present": "$.place.motto"},
                              {"absent": "$.place.name"}]})
    assert failure.detail == "`place.mayor` is not stated"


def test_not_passes_when_the_inner_check_fails_and_fails_at_the_root() -> None:
    assert run({"not": {"present": "$.place.mayor"}}) == []
    failure = one({"not": {"present": "$.place.name"}})
    assert failure.path == () and failure.params == {}
    assert failure.detail == "the condition that must not hold does hold"


# --- mentions / not_future ----------------------------------------------------------------

PROCESS = {"conflicts_of_interest": {"process": (
    "Declarations are taken at the start of each meeting. A member with a conflict "
    "withdraws for that item, and the chair decides how it is managed.")}}
MENTIONS = {"mentions": {"values": "$.conflicts_of_interest.process",
                         "groups": {"withdraws": ["withdraw", "leave the room"],
                                    "chair decides": ["chair decide"]}}}


def test_mentions_passes_when_each_group_is_stated_and_quotes_the_sentence() -> None:
    scope = Scope(PROCESS)
    scope.quotes = []
    assert run_check(MENTIONS, scope) == []
    assert scope.quotes is not None
    said = [node.value for node in scope.quotes]
    assert 'says "A member with a conflict withdraws for that item, and the chair decides how ' \
           'it is managed."' in said


def test_mentions_fails_on_the_opposite_and_quotes_it() -> None:
    data = {"conflicts_of_interest": {"process": "Conflicted members need not withdraw; "
                                                 "the chair decides."}}
    failure = one(MENTIONS, data)
    assert failure.path == ("conflicts_of_interest", "process")
    assert failure.params["missing"] == "withdraws"
    assert "need not withdraw" in failure.params["said"]


def test_mentions_any_passes_on_one_group_and_names_all_when_none() -> None:
    spec = {"mentions": {**MENTIONS["mentions"], "require": "any"}}
    assert run(spec, {"conflicts_of_interest": {"process": "The chair decides."}}) == []
    failure = one(spec, {"conflicts_of_interest": {"process": "Declared in the register."}})
    assert failure.params["missing"] == "withdraws or chair decides"


def test_not_future_fails_on_each_date_after_today() -> None:
    later = dt.date.today() + dt.timedelta(days=30)
    data = {"agreement": [{"on": dt.date(2023, 3, 29)}, {"on": later}]}
    failure = one({"not_future": {"values": "$.agreement[*].on"}}, data)
    assert failure.path == ("agreement", 1, "on")
    assert failure.params == {"value": later.isoformat(), "found": "agreement.on"}
    assert run({"not_future": {"values": ["$.agreement[0].on"]}}, data) == []


# --- geography / system ----------------------------------------------------------------

def _place(*authorities: dict[str, Any], ics: str = "E54000050") -> dict[str, Any]:
    return {"place": {"ics": {"code": ics}, "local_authorities": list(authorities)}}


def test_geography_passes_on_a_consistent_place() -> None:
    place = _place({"code": "E08000037", "name": "Gateshead"})
    place["place"].update(population=196149, health_and_wellbeing_boards=[
        {"name": "Gateshead Health and Wellbeing Board"}])
    place.update(organisations=[{"id": "gc", "name": "Gateshead Council",
                                 "kind": "local_authority", "code": "E08000037"}],
                 agreement=[{"organisation": "gc"}],
                 governance=[{"members": [{"organisation": "gc"}]}])
    for name in VOCABULARY["geography"].named or {}:
        assert run({"geography": {"check": name}}, place) == [], name


@pytest.mark.parametrize(("name", "data", "path", "says"), [
    ("ics_known", _place(ics="E54999999"), ("place", "ics", "code"), "E54999999"),
    ("known_codes", _place({"code": "E08999999"}), ("place", "local_authorities", 0, "code"),
     "E08999999"),
    ("names_match", _place({"code": "E08000037", "name": "Leeds"}),
     ("place", "local_authorities", 0, "name"), "Gateshead"),
    ("local_authority_in_ics", _place({"code": "E08000035"}),
     ("place", "local_authorities", 0, "code"), "Leeds"),
    ("split_district_part", _place({"code": "E06000063"}), ("place", "local_authorities", 0),
     "Cumberland"),
    ("no_split_authority", _place({"code": "E06000063"}), ("place", "local_authorities"),
     "Cumberland is split between ICBs"),
    ("whole_authorities", _place({"code": "E08000037", "part": "east"}),
     ("place", "local_authorities", 0, "part"), "Gateshead"),
    ("districts_name_county", _place({"code": "E07000008"}, ics="E54000056"),
     ("place", "local_authorities", 0), "Cambridgeshire"),
])
def test_geography_named_checks_fail_where_the_fault_is(name: str, data: dict[str, Any],
                                                         path: tuple[Any, ...], says: str) -> None:
    failure = one({"geography": {"check": name}}, data)
    assert failure.path == path and says in failure.detail


def _system(*places: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    doc = {"ics": {"code": "E54000050"}, "places": [f"p{i}.yaml" for i in range(len(places))]}
    refs = [PlaceRef(("places", i), f"p{i}.yaml", p, None) for i, p in enumerate(places)]
    return doc, {"places": refs}


def test_system_checks_pass_on_places_that_fit_together() -> None:
    codes = ["E06000001", "E06000002", "E06000003", "E06000004", "E06000005", "E06000047",
             "E06000057", "E06000063", "E06000064", "E08000021", "E08000022", "E08000023",
             "E08000024", "E08000037"]
    doc, context = _system(_place(*({"code": c} for c in codes[:7])),
                           _place(*({"code": c} for c in codes[7:])))
    for name in VOCABULARY["system"].named or {}:
        assert run({"system": {"check": name}}, doc, context) == [], name


@pytest.mark.parametrize(("name", "path", "says"), [
    ("places_do_not_overlap", ("places", 1), "E08000037"),
    ("places_cover_ics", ("places",), "Sunderland"),
    ("same_ics", ("places", 1), "E54000054"),
    ("governance_models_alike", ("places",), "joint committee"),
])
def test_system_named_checks_fail_where_the_fault_is(name: str, path: tuple[Any, ...],
                                                      says: str) -> None:
    first = {**_place({"code": "E08000037"}),
             "governance": [{"model": "joint_committee"}]}
    second = {**_place({"code": "E08000037"}, ics="E54000054"),
              "governance": [{"model": "committee_of_icb"}]}
    doc, context = _system(first, second)
    failures = run({"system": {"check": name}}, doc, context)
    assert failures and failures[0].path == path and says in failures[0].detail
