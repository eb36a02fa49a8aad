from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placecheck.loading import load_text
from placecheck.model.introspect import EACH
from placecheck.model.validate import _values, _values_at, validate_document

HEAD = "placecheck: 1\nkind: place\nplace:\n  name: Riverton\n"


def problems(body: str) -> list[tuple[str, str, str, tuple[int, int]]]:
    doc = load_text(HEAD + body, "p.yaml")
    return [(d.code, d.message, d.hint, d.position) for d in validate_document(doc)]


def test_unknown_key_suggests_the_nearest() -> None:
    [(code, message, hint, position)] = problems(
        "governance:\n  - id: pc\n    name: Place committee\n    memebers: []\n")
    assert code == "F003" and "memebers" in message
    assert hint == "Did you mean `members`?"
    assert position == (8, 5)


def test_vocabulary_error_suggests() -> None:
    [(code, _message, hint, _)] = problems(
        "organisations:\n  - {id: a, name: A, kind: nhs_provder}\n")
    assert code == "F007" and "nhs_provider" in hint


def test_unknown_reference_names_the_nearest_ids() -> None:
    found = problems(
        "organisations:\n  - {id: example-icb, name: ICB, kind: icb}\n"
        "functions:\n  - {id: f, name: F, delegated_from: [exmaple-icb]}\n")
    [(code, message, hint, position)] = found
    assert code == "F006" and "exmaple-icb" in message
    assert "`example-icb`" in hint and position == (8, 39)


def test_text_that_yaml_reads_as_a_number_asks_for_quotes() -> None:
    [(code, message, hint, _)] = problems("purpose:\n  vision: 1.10\n")
    assert code == "F004" and "1.10" in message and hint == 'Put it in quotes: "1.10".'


def test_ids_are_slugs_and_unique() -> None:
    found = problems("organisations:\n  - {id: Riverton-FT, name: A, kind: icb}\n"
                     "  - {id: b, name: B, kind: icb}\n  - {id: b, name: C, kind: icb}\n")
    codes = sorted(code for code, *_ in found)
    assert codes == ["F008", "F009"]


def test_ids_used_twice_and_unknown_ids_point_at_each_use() -> None:
    doc = load_text(HEAD + "organisations:\n  - {id: icb, name: A, kind: icb}\n"
                    "functions:\n  - {id: icb, name: F, delegated_from: [icb, nobody]}\n"
                    "  - {id: g, name: G, delegated_from: [icb, nowhere]}\n", "p.yaml")
    found = [(d.code, d.path, d.position) for d in validate_document(doc)]
    assert found == [
        ("F008", ("functions", 0, "id"), (8, 10)),
        ("F006", ("functions", 0, "delegated_from", 1), (8, 46)),
        ("F006", ("functions", 1, "delegated_from", 1), (9, 44)),
    ]
    assert "first at line 6" in validate_document(doc)[0].message


def test_missing_version_and_kind() -> None:
    doc = load_text("kind: place\n", "p.yaml")
    assert [d.code for d in validate_document(doc)] == ["F005"]
    doc = load_text("placecheck: 2\nkind: place\n", "p.yaml")
    assert [d.code for d in validate_document(doc)] == ["F009"]
    doc = load_text("placecheck: 1\nkind: plaec\n", "p.yaml")
    assert [d.code for d in validate_document(doc)] == ["F007"]


def test_checked_in_schema_is_current() -> None:
    from pathlib import Path

    from placecheck.model.schema import proposal_schema_text

    checked_in = Path(__file__).resolve().parent.parent / "schemas" / "proposal.schema.json"
    assert checked_in.read_text(encoding="utf-8") == proposal_schema_text(), (
        "schemas/proposal.schema.json is out of date: run `placecheck schema > "
        "schemas/proposal.schema.json`")


def test_unknown_key_in_a_system_suggests_from_the_system_keys() -> None:
    doc = load_text("placecheck: 1\nkind: system\nics: {name: X}\nplcaes: []\n", "s.yaml")
    [diagnostic] = validate_document(doc)
    assert diagnostic.code == "F003" and diagnostic.hint == "Did you mean `places`?"


# --- numbers, dates and shapes as people write them in Word ------------------------------------


def test_money_with_a_pound_sign_and_commas_says_how_to_write_it() -> None:
    [(code, message, hint, position)] = problems(
        "functions:\n  - id: f\n    name: F\n    budget:\n      amount_gbp: £96,000,000\n")
    assert code == "F004" and "£96,000,000" in message and "a £ sign and commas" in message
    assert hint == "Write the number alone: `amount_gbp: 96000000`."
    assert position == (9, 19)


def test_a_population_with_a_thousands_separator_says_how_to_write_it() -> None:
    [(code, message, hint, position)] = problems("  population: 556,523\n")
    assert code == "F004" and "556,523" in message and "commas" in message
    assert hint == "Write the number alone: `population: 556523`."
    assert position == (5, 15)


def test_a_uk_date_says_how_to_write_it() -> None:
    [(code, message, hint, position)] = problems(
        "approvals_required:\n  - {by: icb, due: 25/03/2026}\n"
        "organisations:\n  - {id: icb, name: ICB, kind: icb}\n")
    assert code == "F004" and "25/03/2026" in message and "year-month-day" in message
    assert hint == "Write `due: 2026-03-25` (YYYY-MM-DD)."
    assert position == (6, 20)


def test_a_date_in_words_says_how_to_write_it() -> None:
    [(_, _, hint, _)] = problems("departures:\n  - rule: TP-B7\n    review_by: 31 March 2027\n")
    assert hint == "Write `review_by: 2027-03-31` (YYYY-MM-DD)."


def test_an_impossible_date_gets_no_made_up_suggestion() -> None:
    [(code, _, hint, _)] = problems("departures:\n  - rule: TP-B7\n    review_by: 31/02/2027\n")
    assert code == "F004" and "2027" not in hint


def test_a_list_where_a_mapping_is_expected_shows_the_right_shape() -> None:
    doc = load_text("placecheck: 1\nkind: place\nplace:\n  - name: Riverton\n", "p.yaml")
    [diagnostic] = validate_document(doc)
    assert diagnostic.code == "F004" and "should be a mapping" in diagnostic.message
    assert "written as a list" in diagnostic.message
    assert diagnostic.hint.endswith("\n  place:\n    name: ...")
    assert diagnostic.position == (4, 3)


def test_a_mapping_where_a_list_is_expected_shows_the_right_shape() -> None:
    [(code, message, hint, position)] = problems(
        "organisations:\n  id: icb\n  name: ICB\n  kind: icb\n")
    assert code == "F004" and "should be a list" in message and "mapping" in message
    assert hint.endswith("\n  organisations:\n    - id: ...")
    assert position == (6, 3)


def test_a_mapping_where_a_list_of_text_is_expected_shows_the_right_shape() -> None:
    [(_, _, hint, _)] = problems("purpose:\n  priorities:\n    first: Housing\n")
    assert hint.endswith("\n  priorities:\n    - ...")


# --- the models are the one definition ---------------------------------------------------------


def test_a_reference_may_only_name_the_collections_its_field_declares() -> None:
    # delegated_to names a governance body or a person, never an organisation.
    [(code, message, _, position)] = problems(
        "organisations:\n  - {id: icb, name: ICB, kind: icb}\n"
        "functions:\n  - {id: f, name: F, delegated_to: icb}\n")
    assert code == "F006" and "governance body or person" in message
    assert position == (8, 36)


def test_every_id_field_other_than_an_entity_own_id_declares_what_it_refers_to() -> None:
    from placecheck.model import introspect
    from placecheck.model.proposal import PlaceProposal, SystemProposal
    from placecheck.model.types import Id, RefersTo

    id_check = introspect.strip(Id)[1][0]
    unmarked = []

    def visit(model: Any, where: str) -> None:
        for key, hint in introspect.hints(model).items():
            entry = introspect.item_type(hint) or hint
            _inner, metadata = introspect.strip(entry)
            if id_check in metadata and key != "id" and not any(
                    isinstance(m, RefersTo) for m in metadata):
                unmarked.append(f"{where}.{key}")
            found = introspect.model_of(entry)
            if found is not None and found is not model:
                visit(found, f"{where}.{key}")

    visit(PlaceProposal, "$")
    visit(SystemProposal, "$")
    assert unmarked == []
    assert len(introspect.references(PlaceProposal)) >= 20


def _models_under(model: Any, found: dict[str, Any]) -> dict[str, Any]:
    from placecheck.model import introspect

    found[model.__name__] = model
    for hint in introspect.hints(model).values():
        entry = introspect.item_type(hint)
        inner = introspect.model_of(entry if entry is not None else hint)
        if inner is not None and inner.__name__ not in found:
            _models_under(inner, found)
    return found


def test_the_annotations_read_from_pydantic_are_the_models_own() -> None:
    import typing

    from placecheck.model import introspect
    from placecheck.model.proposal import InlinePlace, PlaceProposal, SystemProposal

    models: dict[str, Any] = {}
    for root in (PlaceProposal, SystemProposal, InlinePlace):
        _models_under(root, models)
    assert len(models) > 20
    for model in models.values():
        written = typing.get_type_hints(model, include_extras=True)
        assert dict(introspect.hints(model)) == {
            (field.alias or name): written[name] for name, field in model.model_fields.items()
        }, model.__name__


def test_the_annotations_typer_and_pydantic_read_on_every_run_are_not_strings() -> None:
    """Strings would be parsed and evaluated again on every run: typer reads each
    command's signature, pydantic each model's fields."""
    import importlib
    import inspect

    from placecheck.model.proposal import InlinePlace, PlaceProposal, SystemProposal

    app = importlib.import_module("placecheck.cli.app").app
    callbacks = [command.callback for command in app.registered_commands]
    for group in app.registered_groups:  # `rules` and its subcommands
        callbacks += [group.typer_instance.registered_callback.callback,
                      *(c.callback for c in group.typer_instance.registered_commands)]
    assert len(callbacks) >= 8
    models: dict[str, Any] = {}
    for root in (PlaceProposal, SystemProposal, InlinePlace):
        _models_under(root, models)
    for owner in [*callbacks, *models.values()]:
        written = inspect.get_annotations(owner)
        assert written and not [k for k, v in written.items() if isinstance(v, str)], owner


def test_the_init_template_is_valid_apart_from_its_placeholders() -> None:
    from placecheck.loading import load_path
    from placecheck.model.proposal import PlaceProposal
    from placecheck.resources import package_data_path

    doc = load_path(Path(package_data_path("proposal-template.yaml")), "template.yaml")
    # The placeholders ("<place name>", "TODO: ...", null marked TODO) sit where text or
    # nothing is allowed: the models accept the template as it is; the rules flag them.
    assert validate_document(doc) == []
    PlaceProposal.model_validate(doc.data)
    assert "<place name>" in doc.data["place"]["name"]


def test_no_pydantic_wording_reaches_the_user() -> None:
    found = problems("organisations:\n  - {id: [a], name: {x: 1}, kind: 3}\n"
                     "place: 7\npopulation: x\n")
    for _, message, hint, _ in found:
        for phrase in ("Input should", "validation error", "pydantic", "Field required"):
            assert phrase not in message + hint


def test_an_entry_of_the_wrong_shape_is_named_by_its_place_in_the_list() -> None:
    [(code, message, hint, position)] = problems("organisations:\n  - [icb, ICB]\n")
    assert code == "F004" and message.startswith("entry 1 of `organisations` should be a mapping")
    assert hint.endswith("\n  - id: ...\n    name: ...") and position == (6, 5)


# --- docs/proposal-format.md --------------------------------------------------------------------


def test_the_format_document_is_current() -> None:
    from placecheck.model.docs import DOC_FILE, format_markdown

    assert DOC_FILE.read_text(encoding="utf-8") == format_markdown(), (
        "docs/proposal-format.md is out of date: run python -m placecheck.model.docs --write")


def test_every_field_is_documented_and_every_addition_is_optional() -> None:
    from placecheck.model import introspect
    from placecheck.model.proposal import PlaceProposal, SystemProposal

    seen: set[Any] = set()

    def visit(model: Any) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            extra = field.json_schema_extra or {}
            if extra.get("x-added-by-placecheck"):
                assert not field.is_required(), f"{model.__name__}.{name} is added but required"
            for answer in extra.get("x-answers", []):
                assert answer[0] in "MBDCPS" and answer[1:].isdigit(), answer
        for hint in introspect.hints(model).values():
            entry = introspect.item_type(hint)
            found = introspect.model_of(entry if entry is not None else hint)
            if found is not None:
                visit(found)

    visit(PlaceProposal)
    visit(SystemProposal)
    text = Path(__file__).resolve().parent.parent.joinpath(
        "docs", "proposal-format.md").read_text(encoding="utf-8")
    # The contract's fields and placecheck's additions are told apart, line by line.
    assert "| `approved_on` | When they were approved. |" in text
    assert text.count("| added |") >= 15 and "| `members` |" in text


def test_the_format_document_ships_in_the_package() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml")
                              .read_text(encoding="utf-8"))
    included = pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert included["docs/proposal-format.md"] == "placecheck/_bundled/docs/proposal-format.md"


def test_money_cut_at_its_commas_in_a_flow_mapping_gets_no_wrong_number() -> None:
    # `{amount_gbp: £96,000,000}`: the commas end the value at `£96`; 96 would be a false fix.
    found = problems("functions:\n  - id: f\n    name: F\n    budget: {amount_gbp: £96,000,000}\n")
    money = [f for f in found if f[0] == "F004"]
    assert len(money) == 1 and "cut at a comma" in money[0][1]
    assert "96000000" in money[0][2] and "`amount_gbp: 96`" not in money[0][2]
    assert money[0][3] == (8, 26)
    assert any(code == "F003" and "was cut here" in message for code, message, *_ in found)


def test_a_population_cut_at_its_comma_in_a_flow_mapping_is_explained() -> None:
    doc = load_text("placecheck: 1\nkind: place\nplace: {name: R, population: 556,523}\n", "p")
    [diagnostic] = validate_document(doc)
    assert diagnostic.code == "F003" and "comma starts a new entry" in diagnostic.message
    assert "without £, commas" in diagnostic.hint and diagnostic.position == (3, 34)


@pytest.mark.parametrize(("written", "iso"), [("2026/03/25", "2026-03-25"),
                                              ("2026-3-5", "2026-03-05"),
                                              ("5.3.2026", "2026-03-05")])
def test_other_ways_of_writing_a_date_say_how_to_write_it(written: str, iso: str) -> None:
    [(code, _, hint, _)] = problems(f"departures:\n  - rule: TP-B7\n    review_by: {written}\n")
    assert code == "F004" and hint == f"Write `review_by: {iso}` (YYYY-MM-DD)."


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(0, 3) | st.sampled_from(["a", "b", "id"]),
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["people", "id", "roles", "body"]), inner, max_size=3),
    max_leaves=15)


@settings(max_examples=300, deadline=None)
@given(data=_JSONISH, path=st.lists(st.sampled_from(["people", "id", "roles", "body", EACH]),
                                    max_size=4).map(tuple))
def test_reading_references_without_paths_finds_what_reading_with_them_finds(
        data: Any, path: tuple[str, ...]) -> None:
    assert _values(data, path) == [value for _, value in _values_at(data, path, ())]
