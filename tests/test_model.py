from __future__ import annotations

from placecheck.loading import load_text
from placecheck.model.validate import validate_document

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


def test_compiled_structure_is_current() -> None:
    from placecheck.model.structure_build import STRUCTURE_FILE, structure_text

    assert STRUCTURE_FILE.read_text(encoding="utf-8") == structure_text(), (
        "run: python -m placecheck.model.structure_build")


def test_unknown_key_in_a_system_suggests_from_the_system_keys() -> None:
    doc = load_text("placecheck: 1\nkind: system\nics: {name: X}\nplcaes: []\n", "s.yaml")
    [diagnostic] = validate_document(doc)
    assert diagnostic.code == "F003" and diagnostic.hint == "Did you mean `places`?"
