"""The path language (rules/paths.py): each segment kind, filters, dereference, odd data."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placecheck.rules.path_syntax import PathError, compile_path
from placecheck.rules.paths import Node, Scope

DOC: dict[str, Any] = {
    "place": {"name": "Gateshead", "ics": {"code": "E54000050"}},
    "organisations": [
        {"id": "icb", "name": "NENC ICB", "kind": "icb"},
        {"id": "council", "name": "Gateshead Council", "kind": "local_authority"},
        {"id": "icb", "name": "A second ICB with the same id", "kind": "icb"},
    ],
    "people": [{"id": "ann", "name": "Ann", "roles": [{"type": "convenor", "body": "board"}]},
               {"id": "bob", "name": "Bob", "roles": []}],
    "governance": [
        {"id": "board", "name": "Place Board", "model": "joint_committee", "chair": "",
         "members": [
             {"person": "ann", "organisation": "icb", "voting": True, "represents": ["icb"]},
             {"person": "bob", "organisation": "council", "voting": False,
              "represents": ["public_health", "vcse"]},
             {"person": "cat", "organisation": "nobody", "represents": []},
         ]},
        {"id": "forum", "name": "Forum", "model": "consultative_forum", "members": "none"},
    ],
    "functions": [{"id": "f1", "delegated_to": "board", "instrument": {"kind": "section_75"}}],
}


def paths(text: str, data: Any = DOC, **variables: Node) -> list[tuple[Any, ...]]:
    return [n.path for n in Scope(data, variables).select(text)]


def values(text: str, data: Any = DOC, **variables: Node) -> list[Any]:
    return Scope(data, variables).values(text)


# --- segment kinds ---------------------------------------------------------------------

def test_root_selects_the_document() -> None:
    assert Scope(DOC).select("$") == [Node((), DOC)]


def test_key_selects_a_mapping_value_with_its_path() -> None:
    assert Scope(DOC).select("$.place.ics.code") == [Node(("place", "ics", "code"), "E54000050")]


def test_star_selects_every_list_item() -> None:
    assert paths("$.people[*]") == [("people", 0), ("people", 1)]
    assert values("$.governance[0].members[*].represents[*]") == ["icb", "public_health", "vcse"]


@pytest.mark.parametrize(("index", "expected"), [(0, "ann"), (1, "bob"), (-1, "bob"),
                                                 (-2, "ann")])
def test_index_selects_one_item_counting_from_either_end(index: int, expected: str) -> None:
    [node] = Scope(DOC).select(f"$.people[{index}].id")
    assert node.value == expected and node.path[1] == ["ann", "bob"].index(expected)


@pytest.mark.parametrize("index", [2, -3, 99])
def test_index_out_of_range_selects_nothing(index: int) -> None:
    assert values(f"$.people[{index}]") == []


def test_a_variable_starts_a_path_from_its_node() -> None:
    body = Scope(DOC).select("$.governance[0]")[0]
    assert paths("body.members[0].person", body=body) == [("governance", 0, "members", 0,
                                                           "person")]


def test_an_unbound_variable_is_an_error_naming_it() -> None:
    with pytest.raises(PathError, match=r"`body`.*not a bound variable"):
        Scope(DOC).select("body.members")


# --- filters ---------------------------------------------------------------------------

def test_equality_filter_keeps_matching_items_of_a_list() -> None:
    assert values("$.organisations[?kind=icb].name") == ["NENC ICB",
                                                         "A second ICB with the same id"]


def test_inequality_filter_counts_a_missing_key_as_not_equal() -> None:
    assert values("$.governance[0].members[?voting!=true].person") == ["bob", "cat"]


def test_filter_on_a_list_valued_key_matches_any_item() -> None:
    assert values("$.governance[0].members[?represents=vcse].person") == ["bob"]


def test_presence_and_absence_filters_treat_empty_as_absent() -> None:
    assert values("$.governance[0].members[?represents].person") == ["ann", "bob"]
    assert values("$.governance[0].members[?!represents].person") == ["cat"]
    assert values("$.governance[?!chair].id") == ["board", "forum"]


def test_literals_true_false_and_quoted_text() -> None:
    assert values("$.governance[0].members[?voting=false].person") == ["bob"]
    assert values('$.organisations[?name="Gateshead Council"].id') == ["council"]
    assert values("$.organisations[?name='NENC ICB'].id") == ["icb"]


def test_dotted_filter_key_looks_inside_and_through_lists() -> None:
    assert values("$.functions[?instrument.kind=section_75].id") == ["f1"]
    assert values("$.people[?roles.type=convenor].id") == ["ann"]


def test_filter_value_from_a_variable() -> None:
    body = Scope(DOC).select("$.governance[0]")[0]
    assert values("$.functions[?delegated_to={body.id}].id", body=body) == ["f1"]
    assert values("$.people[*].roles[?body={body.id}].type", body=body) == ["convenor"]


def test_filters_chain() -> None:
    assert values("$.governance[?model!=consultative_forum][?id=board].name") == ["Place Board"]


def test_filter_applied_to_a_mapping_keeps_or_drops_it() -> None:
    assert values("$.place[?name=Gateshead].ics.code") == ["E54000050"]
    assert values("$.place[?name=Sunderland].ics.code") == []


# --- dereference -----------------------------------------------------------------------

def test_dereference_turns_an_id_into_its_entity_first_one_wins() -> None:
    assert paths("$.governance[0].members[0].organisation->organisations") == [
        ("organisations", 0)]
    assert values("$.governance[0].members[*].organisation->organisations.kind") == [
        "icb", "local_authority"]


def test_dereference_to_any_collection_with_entity() -> None:
    assert paths("$.governance[0].members[*].person->entity") == [("people", 0), ("people", 1)]


def test_dereference_of_an_unknown_id_or_a_non_string_selects_nothing() -> None:
    assert values("$.governance[0].members[2].organisation->organisations") == []
    assert values("$.governance[0].members[0].voting->organisations") == []
    assert values("$.governance[0].members[0].person->organisations") == []


def test_dereference_to_an_unknown_collection_is_refused() -> None:
    with pytest.raises(PathError, match=r"`->places`.*collections are entity"):
        compile_path("$.x->places")


# --- compiling -------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["place..name", "$..x", "$.x[", "$.x[?]", "$ x", "1abc", ""])
def test_unreadable_paths_are_refused_with_the_path_quoted(text: str) -> None:
    with pytest.raises(PathError) as caught:
        compile_path(text)
    assert repr(text.strip()) in str(caught.value) or "starts with" in str(caught.value)


def test_variables_of_a_path_include_those_in_filters() -> None:
    assert compile_path("body.x[?a={person.id}][?b=c]").variables == {"body", "person"}
    assert compile_path("$.x[?a={fn.id}]").variables == {"fn"}
    assert compile_path("$.x").variables == set()


# --- wrong-shaped data -----------------------------------------------------------------

@pytest.mark.parametrize("data", [None, "text", 3, [], [1, 2], {"place": "a string"},
                                  {"place": ["a", "list"]}, {"place": {"ics": None}}])
def test_wrong_shaped_data_selects_nothing_and_never_raises(data: Any) -> None:
    for text in ("$.place.ics.code", "$.place[*].x", "$.place[0].x", "$.place[?x=1].y",
                 "$.place.ics->organisations", "$.organisations[?kind=icb]"):
        assert values(text, data) == []


def test_a_key_segment_does_not_index_a_list_nor_a_star_a_mapping() -> None:
    assert values("$.people.id") == []
    assert values("$.place[*]") == []


def test_trace_records_what_selections_read() -> None:
    scope = Scope(DOC)
    scope.trace = []
    scope.select("$.people[*].id")
    assert [n.value for n in scope.trace] == ["ann", "bob"]


def test_the_variable_free_start_of_a_path_is_where_a_variable_first_appears() -> None:
    assert (compile_path("$.people[*].roles[*]").fixed, compile_path("$.people[*]").fixed_text
            ) == (4, "$.people[*]")
    compiled = compile_path("$.functions[?delegated_to={p.id}].delegated_from[*]")
    assert (compiled.fixed, compiled.fixed_text) == (1, "$.functions")
    assert compile_path("p.roles[*]").fixed == 0  # a variable's paths start from it
    assert compile_path("$[?kind={p.kind}]").fixed == 0


def test_a_filters_value_is_read_once_when_the_path_is_compiled() -> None:
    read = [(s.variable, s.constant) for s in compile_path(
        "$[?a='x y'][?b=true][?c=null][?d=text][?e={p.id}][?f]").segments]
    assert read == [("", "x y"), ("", True), ("", None), ("", "text"), ("p.id", None),
                    ("", None)]
    assert compile_path("$.people[?id={p.id}][?roles.body={q}]").variables == {"p", "q"}


def test_a_selection_is_the_same_however_often_it_is_asked_for() -> None:
    scope = Scope(DOC)
    first = scope.select("$.people[*].id")
    first.clear()  # what a caller does with its list is not seen by the next caller
    assert [n.value for n in scope.select("$.people[*].id")] == ["ann", "bob"]
    assert [n.value for n in scope.select("$.people[*]")] == DOC["people"]


def test_a_path_with_a_variable_is_worked_out_for_each_binding() -> None:
    scope = Scope(DOC)
    path = "$.governance[*].members[?person={p.id}].organisation"
    seen = {person["id"]: [n.value for n in scope.bind("p", Node((), person)).select(path)]
            for person in DOC["people"]}
    assert seen == {"ann": ["icb"], "bob": ["council"]}


def test_scopes_bound_from_one_document_share_its_selections_and_no_other() -> None:
    scope = Scope(DOC)
    bound = scope.bind("p", Node((), DOC["people"][0]))
    bound.select("$.organisations[*].id")
    assert scope.selected is bound.selected and "$.organisations[*].id" in scope.selected
    other = {**DOC, "organisations": [{"id": "only"}]}
    assert values("$.organisations[*].id", other) == ["only"]


def test_the_trace_records_a_selection_each_time_it_is_asked_for() -> None:
    scope = Scope(DOC)
    scope.trace = []
    scope.select("$.people[*].id")
    scope.select("$.people[*].id")
    assert [n.value for n in scope.trace] == ["ann", "bob", "ann", "bob"]


def test_a_filter_on_a_variable_finds_each_bindings_items_in_order() -> None:
    data = {"functions": [{"id": "a", "to": "board"}, {"id": "b", "to": ["x", "board"]},
                          {"id": "c", "to": True}, {"id": "d", "to": 3}, "not a mapping",
                          {"id": "e", "to": "board"}]}
    scope = Scope(data)
    found = {to: [n.value["id"] for n in scope.bind("v", Node((), {"to": to})).select(
        "$.functions[?to={v.to}]")] for to in ("board", "x", "true", "3", "none")}
    assert found == {"board": ["a", "b", "e"], "x": ["b"], "true": ["c"], "3": ["d"],
                     "none": []}
    # The same list is looked up, not scanned, for each binding after the first.
    assert [key for _, key in scope.by_value] == ["to"]


# --- properties ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["a", "b", "icb", "TODO"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "kind", "name", "x", "organisations"]), inner,
                      max_size=4),
    max_leaves=20,
)
segments = st.sampled_from([".id", ".kind", ".x", ".organisations", "[*]", "[0]", "[-1]",
                            "[?kind=icb]", "[?!x]", "[?x]", "[?kind!=a]", "->organisations",
                            "->entity"])
path_texts = st.lists(segments, max_size=5).map(lambda s: "$" + "".join(s))


def _resolve(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _every_node_is_where_its_path_says(data: Any, text: str) -> None:
    scope = Scope(data)
    for node in scope.select(text):
        assert _resolve(data, node.path) is node.value
    # Asked again of the same scope (its shared selections now filled), the same answer.
    assert [n.path for n in scope.select(text)] == [n.path for n in Scope(data).select(text)]


filter_values = st.none() | st.booleans() | st.integers(0, 2) | st.sampled_from(
    ["a", "1", "true", "True", "false", ""]) | st.lists(st.sampled_from(["a", "1", True]),
                                                        max_size=2)
filter_items = st.lists(st.one_of(st.dictionaries(st.sampled_from(["k", "j"]), filter_values,
                                                  max_size=2), filter_values), max_size=6)


@settings(max_examples=300, deadline=None)
@given(items=filter_items, expected=st.sampled_from(["a", "1", "true", "True", "false", "",
                                                     "0", "None"]))
def test_a_looked_up_filter_keeps_exactly_the_items_a_scan_keeps(items: list[Any],
                                                                  expected: str) -> None:
    scope = Scope({"items": items})
    looked_up = scope.bind("v", Node((), expected)).select("$.items[?k={v}]")
    segment = compile_path("$[?k=x]").segments[0]
    scanned = [i for i, item in enumerate(items) if scope._matches(item, segment, expected)]
    assert [n.path for n in looked_up] == [("items", i) for i in scanned]


@settings(max_examples=200, deadline=None)
@given(data=json_values, text=path_texts)
def test_every_selected_node_is_where_its_path_says(data: Any, text: str) -> None:
    _every_node_is_where_its_path_says(data, text)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None)
@given(data=json_values, text=path_texts)
def test_every_selected_node_is_where_its_path_says_full_size(data: Any, text: str) -> None:
    _every_node_is_where_its_path_says(data, text)
