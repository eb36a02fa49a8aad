"""The bundled examples, linted as a user would, with their findings asserted exactly.

Each flawed example marks its flaws with `# FLAW:` comments; the expectations
below are those flaws, by rule and line. A change in a rule's wording does not
break these tests, but a finding that appears, disappears or moves does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import run_cli

EXPECTED: dict[str, list[tuple[str, int]]] = {
    'examples/gateshead.yaml': [
    ],
    'examples/sunderland-draft.yaml': [
        ('F003', 208),
        ('F006', 129),
        ('TP-B1', 18),
        ('TP-B1-DOC', 67),
        ('TP-C1', 274),
        ('TP-C10', 274),
        ('TP-C2', 244),
        ('TP-C3', 255),
        ('TP-C8', 222),
        ('TP-D1', 91),
        ('TP-D1', 91),
        ('TP-D2', 113),
        ('TP-D2', 113),
        ('TP-D3', 107),
        ('TP-D3', 107),
        ('TP-M2', 168),
        ('TP-M3', 168),
        ('TP-M6', 168),
        ('TP-M9', 197),
        ('TP-P5', 280),
    ],
    'examples/consultative-forum.yaml': [
        ('TP-C2', 236),
        ('TP-C4', 140),
        ('TP-C8', 225),
        ('TP-D5', 126),
        ('TP-D5', 126),
        ('TP-D8', 200),
    ],
    'examples/nottinghamshire/mid-nottinghamshire.yaml': [
        ('TP-D10', 161),
        ('TP-D3', 149),
        ('TP-D7', 159),
    ],
    'examples/nottinghamshire/south-nottinghamshire.yaml': [
        ('TP-C4', 256),
        ('TP-C8', 234),
        ('TP-D11', 145),
        ('TP-D14', 288),
    ],
    'examples/nottinghamshire/bassetlaw.yaml': [
        ('TP-B7', 22),
        ('TP-C8', 191),
        ('TP-C9', 217),
    ],
    'examples/nottinghamshire/nottingham-city.yaml': [
    ],
    # Sound proposals written only with the contract's fields: information notes only.
    'examples/lambeth.yaml': [
        ('TP-D17', 173),
        ('TP-S4', 36),
    ],
    'examples/wigan.yaml': [
        ('TP-D17', 176),
        ('TP-M8', 116),
    ],
    'examples/chorley-south-ribble.yaml': [
        ('TP-B7', 18),
        ('TP-C8', 113),
        ('TP-S4', 40),
    ],
    'examples/bath-and-north-east-somerset.yaml': [
        ('TP-B7', 15),
        ('TP-M8', 85),
        ('TP-S4', 35),
    ],
    'examples/herefordshire.yaml': [
        ('TP-B7', 15),
        ('TP-C8', 117),
        ('TP-M8', 81),
    ],
    'examples/wakefield.yaml': [
        ('TP-C8', 133),
        ('TP-S4', 35),
    ],
    # Kent and Medway: four sound places; the system's flaws are in system.yaml.
    'examples/kent/dartford-gravesham-sevenoaks.yaml': [
    ],
    'examples/kent/west-kent.yaml': [
    ],
    'examples/kent/medway-swale.yaml': [
    ],
    'examples/kent/canterbury-thanet.yaml': [
    ],
}

SOUND = ['examples/lambeth.yaml', 'examples/wigan.yaml', 'examples/chorley-south-ribble.yaml',
         'examples/bath-and-north-east-somerset.yaml', 'examples/herefordshire.yaml',
         'examples/wakefield.yaml']

# Fields placecheck added to the published contract (README): a sound example uses none.
ADDED = {
    ("terms_of_reference", "approved_by"), ("terms_of_reference", "approved_on"),
    ("contract", "parties"), ("contract", "signed_on"), ("organisations", "representation"),
    ("roles", "accountable_to"), ("roles", "independent"), ("roles", "responsibilities"),
    ("people", "conflicts_declared"), ("conflicts_of_interest", "management"),
    ("people_and_communities", "healthwatch_role"), ("purpose", "capabilities"),
    ("remit", "primary_care"), ("remit", "safeguarding"), ("accountability", "nhs_partners"),
    ("accountability", "local_authorities"), ("accountability", "national_commitments"),
}


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_example_findings_are_exactly_the_known_flaws(path: str) -> None:
    result = run_cli("lint", path, "--format", "json", "--fail-on", "info")
    report = json.loads(result.stdout)
    found = sorted((f["rule_id"], f["line"]) for f in report["findings"] if not f["explained"])
    assert found == sorted(EXPECTED[path])
    assert result.returncode == (1 if EXPECTED[path] else 0)


def _keys(value: object, parent: str = "") -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            found.add((parent, str(key)))
            found |= _keys(item, str(key))
    elif isinstance(value, list):
        for item in value:
            found |= _keys(item, parent)
            if item == "mental_health_investment_standard":
                found.add((parent, item))
    return found


@pytest.mark.parametrize("path", SOUND)
def test_sound_examples_have_no_error_or_warning_in_contract_fields_only(path: str) -> None:
    import yaml

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    assert not _keys(data) & (ADDED | {("commitments", "mental_health_investment_standard")})
    report = json.loads(run_cli("lint", path, "--format", "json").stdout)
    assert [f["rule_id"] for f in report["findings"] if f["severity"] != "info"] == []


def test_sound_examples_cover_each_model_and_kind_of_place() -> None:
    import yaml

    models, tiers, icbs = set(), set(), set()
    for path in SOUND:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        models |= {body["model"] for body in data["governance"]}
        tiers |= {la["tier"] for la in data["place"]["local_authorities"]}
        icbs.add(data["place"]["ics"]["code"])
    assert models >= {"consultative_forum", "individual_executive", "committee_of_statutory_body",
                      "joint_committee", "lead_provider"}
    assert tiers >= {"district", "county", "metropolitan_district", "london_borough"}
    assert len(icbs) == len(SOUND)


def test_every_marked_flaw_line_has_a_finding() -> None:
    from pathlib import Path

    for path, expected in EXPECTED.items():
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        flagged = {line for _, line in expected}
        for number, text in enumerate(lines, start=1):
            if "# FLAW:" in text and not text.lstrip().startswith("#"):
                assert any(abs(number - line) <= 3 for line in flagged), (path, number, text)


def test_the_system_examples_add_their_cross_place_findings() -> None:
    north_east = json.loads(run_cli("lint", "examples/north-east-system.yaml",
                                    "--format", "json").stdout)
    system = sorted((f["rule_id"], f["line"]) for f in north_east["findings"]
                    if f["file"].endswith("north-east-system.yaml"))
    assert system == [("TP-B9-COVERAGE", 13), ("TP-B9-ICS", 14)]
    notts = json.loads(run_cli("lint", "examples/nottinghamshire/system.yaml",
                               "--format", "json").stdout)
    system = [(f["rule_id"], f["severity"]) for f in notts["findings"]
              if f["file"].endswith("system.yaml")]
    # Three places list Nottinghamshire County Council with their districts: no overlap,
    # and together with Nottingham they cover the ICB.
    assert system == [("TP-B9-MODELS", "info")]


def _system_findings(path: str) -> list[dict[str, object]]:
    report = json.loads(run_cli("lint", path, "--format", "json").stdout)
    return [f for f in report["findings"] if f["file"] == path]


def test_kent_and_medway_system_findings_exactly() -> None:
    """Four places each listing Kent County Council with its districts: one district in
    two places, four in none, each said once."""
    findings = _system_findings("examples/kent/system.yaml")
    assert [(f["rule_id"], f["line"]) for f in findings] == [
        ("TP-B9-COVERAGE", 15), ("TP-B9-OVERLAP", 16)]
    coverage, overlap = findings
    for name in ("Ashford (E07000105)", "Dover (E07000108)", "Maidstone (E07000110)",
                 "Folkestone and Hythe (E07000112)"):
        assert name in str(coverage["message"])
    for covered in ("E07000111", "E07000107", "E07000109", "E07000106", "E07000114",
                    "E07000113", "E06000035", "E07000115", "E07000116"):
        assert covered not in str(coverage["message"])
    message = str(overlap["message"])
    assert message.startswith("Sevenoaks (E07000111) is in dartford-gravesham-sevenoaks.yaml "
                              "and west-kent.yaml")
    related = {(r["file"], r["line"]) for r in overlap["related"]}  # type: ignore[attr-defined]
    assert related == {("examples/kent/dartford-gravesham-sevenoaks.yaml", 20),
                       ("examples/kent/west-kent.yaml", 18)}
