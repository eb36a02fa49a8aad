"""Tests for placecheck.geography and the bundled ONS table."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import placecheck.geography as geography_module
from placecheck.geography import Geography, LocalAuthority, load_geography

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_geography.py"
ONS_DIR = REPO_ROOT.parent / "shared" / "data" / "ons"
SHIPPED_JSON = REPO_ROOT / "src" / "placecheck" / "data" / "geography.json"

NENC = "E54000050"  # NHS North East and North Cumbria ICB (ODS QHM)
SEL = "E54000030"  # NHS South East London ICB (ODS QKK)
NOTTS_ICB = "E54000060"  # NHS Nottingham and Nottinghamshire ICB (ODS QT1)
SURREY_HEARTLANDS = "E54000063"  # QXU
FRIMLEY = "E54000034"  # QNQ


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography()


def _la(geo: Geography, code: str) -> LocalAuthority:
    la = geo.local_authority(code)
    assert la is not None, code
    return la


# --- metadata and counts ------------------------------------------------------------------


def test_load_is_cached() -> None:
    assert load_geography() is load_geography()


def test_metadata(geo: Geography) -> None:
    assert geo.vintage_id == "2024-04"
    assert "ICB24" in geo.vintage and "Census 2021" in geo.vintage
    assert geo.attribution.startswith(
        "Source: Office for National Statistics licensed under the Open Government Licence v3.0"
    )


def test_counts(geo: Geography) -> None:
    assert len(geo.icbs()) == 42
    las = geo.local_authorities()
    assert len(las) == 296
    assert len({la.code for la in las}) == 296
    assert {la.code[:3] for la in las} == {"E06", "E07", "E08", "E09"}
    assert not any(la.code.startswith("W") for la in las)
    split = {la.code for la in las if la.is_split}
    assert split == {
        "E06000060",  # Buckinghamshire
        "E06000063",  # Cumberland
        "E06000064",  # Westmorland and Furness
        "E06000065",  # North Yorkshire
        "E07000089",  # Hart
        "E07000099",  # North Hertfordshire
        "E07000180",  # Vale of White Horse
        "E07000209",  # Guildford
        "E07000212",  # Runnymede
        "E07000214",  # Surrey Heath
        "E07000216",  # Waverley
        "E07000244",  # East Suffolk
    }
    assert len(_la(geo, "E06000065").icb_codes) == 3  # the only three-way split


def test_every_la_is_consistent(geo: Geography) -> None:
    tiers = {
        "E06": "unitary",
        "E07": "district",
        "E08": "metropolitan_district",
        "E09": "london_borough",
    }
    icb_codes = {i.code for i in geo.icbs()}
    for la in geo.local_authorities():
        assert la.tier == tiers[la.code[:3]]
        assert la.shares, la.code
        assert set(la.icb_codes) <= icb_codes
        assert sum(s.lsoa_share for s in la.shares) == pytest.approx(1.0, abs=0.002)
        assert la.population is not None and la.population > 0
        if la.code.startswith("E07"):
            assert la.upper_tier_code.startswith("E10")
        else:
            assert (la.upper_tier_code, la.upper_tier_name) == (la.code, la.name)
    # Every ICB has at least one LA.
    assert {c for la in geo.local_authorities() for c in la.icb_codes} == icb_codes


def test_regions(geo: Geography) -> None:
    per_region: dict[str, int] = {}
    for icb in geo.icbs():
        per_region[icb.region_code] = per_region.get(icb.region_code, 0) + 1
    assert per_region == {"Y56": 5, "Y58": 7, "Y59": 6, "Y60": 11, "Y61": 6, "Y62": 3, "Y63": 4}


# --- ICB membership -------------------------------------------------------------------


@pytest.mark.parametrize("code", ["E08000037", "E08000024"])  # Gateshead, Sunderland
def test_tyne_and_wear_in_nenc(geo: Geography, code: str) -> None:
    la = _la(geo, code)
    assert la.icb_codes == (NENC,)
    assert not la.is_split
    icb = geo.icb(NENC)
    assert icb is not None
    assert icb.name == "NHS North East and North Cumbria Integrated Care Board"
    assert icb.ods_code == "QHM"
    assert la in geo.local_authorities_in_icb(NENC)


def test_lewisham_in_south_east_london(geo: Geography) -> None:
    lewisham = _la(geo, "E09000023")
    assert lewisham.name == "Lewisham"
    assert lewisham.tier == "london_borough"
    assert lewisham.icb_codes == (SEL,)
    sel = geo.icb(SEL)
    assert sel is not None and sel.name == "NHS South East London Integrated Care Board"
    assert sel.region_code == "Y56"
    names = {la.name for la in geo.local_authorities_in_icb(SEL)}
    assert names == {"Bexley", "Bromley", "Greenwich", "Lambeth", "Lewisham", "Southwark"}


def test_northumberland_not_in_south_east_london(geo: Geography) -> None:
    northumberland = _la(geo, "E06000057")
    assert SEL not in northumberland.icb_codes
    assert northumberland.icb_codes == (NENC,)
    assert northumberland not in geo.local_authorities_in_icb(SEL)


def test_waverley_is_split(geo: Geography) -> None:
    waverley = _la(geo, "E07000216")
    assert waverley.is_split
    assert waverley.icb_codes == (SURREY_HEARTLANDS, FRIMLEY)
    heartlands, frimley = waverley.shares
    assert heartlands.lsoa_share == pytest.approx(0.646, abs=0.001)
    assert frimley.lsoa_share == pytest.approx(0.354, abs=0.001)
    assert (heartlands.lsoa_count, frimley.lsoa_count) == (53, 29)
    assert heartlands.pop_share == pytest.approx(0.648, abs=0.001)
    assert waverley in geo.local_authorities_in_icb(SURREY_HEARTLANDS)
    assert waverley in geo.local_authorities_in_icb("QNQ")  # ODS code accepted too


def test_ashfield_in_nottinghamshire(geo: Geography) -> None:
    ashfield = _la(geo, "E07000170")
    assert ashfield.name == "Ashfield"
    assert ashfield.tier == "district"
    assert ashfield.upper_tier_code == "E10000024"
    assert ashfield.upper_tier_name == "Nottinghamshire"
    assert ashfield.icb_codes == (NOTTS_ICB,)
    icb = geo.icb(NOTTS_ICB)
    assert (
        icb is not None and icb.name == "NHS Nottingham and Nottinghamshire Integrated Care Board"
    )


def test_county_lookup(geo: Geography) -> None:
    notts = _la(geo, "E10000024")
    assert notts.tier == "county"
    assert notts.name == "Nottinghamshire"
    assert len(notts.districts) == 7
    assert "E07000170" in notts.districts
    assert notts.icb_codes == (NOTTS_ICB,)
    assert not notts.is_split
    districts = [_la(geo, d) for d in notts.districts]
    assert all(d.upper_tier_code == notts.code for d in districts)
    assert notts.population == sum(d.population or 0 for d in districts)
    # Counties are not among the lower-tier LAs.
    assert notts not in geo.local_authorities()
    # Nottingham city is a unitary outside the county but in the same ICB.
    nottingham = _la(geo, "E06000018")
    assert nottingham.code not in notts.districts
    assert nottingham.icb_codes == (NOTTS_ICB,)


def test_split_county_shares(geo: Geography) -> None:
    surrey = _la(geo, "E10000030")
    assert surrey.is_split
    assert surrey.icb_codes == (SURREY_HEARTLANDS, FRIMLEY)
    assert sum(s.lsoa_share for s in surrey.shares) == pytest.approx(1.0, abs=0.002)
    assert sum(s.lsoa_count for s in surrey.shares) == sum(
        s.lsoa_count for d in surrey.districts for s in _la(geo, d).shares
    )
    essex = _la(geo, "E10000012")
    assert len(essex.icb_codes) == 3  # each district whole, the county in three ICBs
    assert not any(_la(geo, d).is_split for d in essex.districts)


def test_icb_lookup_by_ods_code(geo: Geography) -> None:
    by_ods = geo.icb("QKK")
    assert by_ods is not None and by_ods.code == SEL
    assert geo.icb(" qhm ") == geo.icb(NENC)
    assert geo.icb("QT1") == geo.icb(NOTTS_ICB)
    assert geo.icb("E54999999") is None
    assert geo.icb("QZZ") is None


def test_unknown_codes(geo: Geography) -> None:
    assert geo.local_authority("E08000099") is None
    assert geo.local_authority("W06000001") is None  # Welsh LAs are excluded
    assert geo.local_authority("e08000037") == geo.local_authority("E08000037")
    assert geo.local_authorities_in_icb("QZZ") == []


# --- suggestions --------------------------------------------------------------------


def test_nearest_local_authorities_by_code(geo: Geography) -> None:
    suggestions = geo.nearest_local_authorities("E08000038")  # one past Gateshead
    assert [la.code for la in suggestions] == ["E08000037", "E08000036", "E08000035"]
    assert len(geo.nearest_local_authorities("E09000034", n=5)) == 5
    county = geo.nearest_local_authorities("E10000023", n=1)
    assert [la.code for la in county] == ["E10000024"]


def test_nearest_local_authorities_by_name(geo: Geography) -> None:
    suggestions = geo.nearest_local_authorities("E08000099", name="Gatesheed")
    assert suggestions and suggestions[0].code == "E08000037"
    waverley = geo.nearest_local_authorities("E07999999", name="Waverly Borough Council")
    assert waverley and waverley[0].code == "E07000216"
    newcastle = {la.name for la in geo.nearest_local_authorities("", name="Newcastle", n=2)}
    assert newcastle == {"Newcastle upon Tyne", "Newcastle-under-Lyme"}


def test_nearest_icbs(geo: Geography) -> None:
    assert geo.nearest_icbs("E54000049", n=2)[0].code in {"E54000048", "E54000050"}
    by_name = geo.nearest_icbs("Q99", name="NHS South East Londn ICB")
    assert by_name and by_name[0].code == SEL
    by_ods = geo.nearest_icbs("QKL")
    assert any(i.ods_code == "QKK" for i in by_ods)


# --- names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "official"),
    [
        ("Gateshead", "Gateshead"),
        ("GATESHEAD COUNCIL", "Gateshead"),
        ("Sunderland City Council", "Sunderland"),
        ("Brighton & Hove City Council", "Brighton and Hove"),
        ("Bristol City Council", "Bristol, City of"),
        ("City of Bristol", "Bristol, City of"),
        ("City of Bradford Metropolitan District Council", "Bradford"),
        ("Wirral Metropolitan Borough Council", "Wirral"),
        ("London Borough of Lewisham", "Lewisham"),
        ("Royal Borough of Greenwich", "Greenwich"),
        ("Royal Borough of Windsor & Maidenhead", "Windsor and Maidenhead"),
        ("Nottinghamshire County Council", "Nottinghamshire"),
        ("Ashfield District Council", "Ashfield"),
        ("Waverley Borough Council", "Waverley"),
        ("St. Helens Borough Council", "St Helens"),
        ("Stockton on Tees Borough Council", "Stockton-on-Tees"),
        ("King's Lynn and West Norfolk", "King's Lynn and West Norfolk"),
        ("Herefordshire Council", "Herefordshire, County of"),
        ("Durham County Council", "County Durham"),
        ("NHS South East London ICB", "NHS South East London Integrated Care Board"),
    ],
)
def test_names_match(geo: Geography, given: str, official: str) -> None:
    assert geo.names_match(given, official)


@pytest.mark.parametrize(
    ("given", "official"),
    [
        ("Gateshead", "Sunderland"),
        ("Newcastle", "Newcastle upon Tyne"),
        ("Nottingham City Council", "Nottinghamshire"),
        ("North Tyneside", "South Tyneside"),
        ("", "Gateshead"),
        ("Council", "Gateshead Council"),
    ],
)
def test_names_do_not_match(geo: Geography, given: str, official: str) -> None:
    assert not geo.names_match(given, official)


def test_official_names_match_themselves(geo: Geography) -> None:
    for la in geo.local_authorities():
        assert geo.names_match(la.name, la.name)
    for icb in geo.icbs():
        assert geo.names_match(icb.name, icb.name)


# --- start-up cost and the build script ------------------------------------------------


def _subprocess_env() -> dict[str, str]:
    src_dir = Path(geography_module.__file__).resolve().parents[1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src_dir), env.get("PYTHONPATH", "")) if p)
    return env


def test_shipped_table_matches_ons_files() -> None:
    if not ONS_DIR.is_dir():
        pytest.skip(f"ONS source files not available at {ONS_DIR}")
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--check", "--ons-dir", str(ONS_DIR)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_check_detects_stale_table(tmp_path: Path) -> None:
    if not ONS_DIR.is_dir():
        pytest.skip(f"ONS source files not available at {ONS_DIR}")
    stale = tmp_path / "geography.json"
    stale.write_text(SHIPPED_JSON.read_text(encoding="utf-8").replace("Gateshead", "Gatesh"))
    result = subprocess.run(
        [
            sys.executable,
            str(BUILD_SCRIPT),
            "--check",
            "--ons-dir",
            str(ONS_DIR),
            "--out",
            str(stale),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
    )
    assert result.returncode == 1


# --- the footprint (proposal format, "Reading rules for the checks") -----------------------

from placecheck.footprint import footprint  # noqa: E402

KENT = "E10000016"
DARTFORD, GRAVESHAM, SEVENOAKS, THANET = "E07000107", "E07000109", "E07000111", "E07000114"
MEDWAY = "E06000035"
NORTH_HERTS = "E07000099"
HWE = "E54000025"  # NHS Hertfordshire and West Essex ICB
CAMBS = "E54000056"  # NHS Cambridgeshire and Peterborough ICB
KENT_ICB = "E54000032"


def _codes(geo: Geography, *entries: dict[str, str]) -> list[str]:
    return sorted(a.authority.code for a in footprint(geo, list(entries)).areas)


def test_a_unitary_or_district_listed_is_covered(geo: Geography) -> None:
    assert _codes(geo, {"code": MEDWAY}) == [MEDWAY]
    assert _codes(geo, {"code": DARTFORD}) == [DARTFORD]
    assert _codes(geo, {"code": "E08000037"}) == ["E08000037"]  # a metropolitan borough


def test_a_county_with_some_districts_is_their_partner(geo: Geography) -> None:
    area = footprint(geo, [{"code": KENT}, {"code": DARTFORD}, {"code": GRAVESHAM}])
    assert sorted(area.codes) == [DARTFORD, GRAVESHAM]
    assert [c.code for _, c in area.partner_counties] == [KENT]
    assert not area.covering_counties


def test_a_county_with_none_of_its_districts_covers_them_all(geo: Geography) -> None:
    area = footprint(geo, [{"code": KENT}])
    assert sorted(area.codes) == sorted(_la(geo, KENT).districts)
    assert len(area.codes) == 12 and all(a.via_county and a.index == 0 for a in area.areas)
    # A district of another county does not make Kent a partner.
    assert len(footprint(geo, [{"code": KENT}, {"code": "E07000170"}]).codes) == 13


def test_a_district_without_its_county_is_covered_and_the_county_is_missing(
        geo: Geography) -> None:
    area = footprint(geo, [{"code": THANET}])
    assert sorted(area.codes) == [THANET]
    assert [u.code for u in area.upper_tiers(geo)] == [KENT]  # its social care authority


def test_a_stated_part_is_kept_and_unknown_codes_are_left_out(geo: Geography) -> None:
    area = footprint(geo, [{"code": NORTH_HERTS, "part": "the part in HWE ICB"},
                           {"code": "E07999999"}])
    assert [(a.authority.code, a.part) for a in area.areas] == [
        (NORTH_HERTS, "the part in HWE ICB")]
    assert [a.part for a in footprint(geo, [{"code": NORTH_HERTS}]).areas] == [None]


# --- the boundary checks on the footprint ------------------------------------------------

def _lint_place(rules, changes: dict[str, object]):  # type: ignore[no-untyped-def]
    from placecheck.lint import lint_document
    from placecheck.loading import load_path
    from placecheck.rules.testing import patched

    clean = load_path(REPO_ROOT / "rules" / "thriving-places" / "fixtures" / "clean.yaml")
    return lint_document(patched(clean, {"set": changes}), rules)


def _ids(findings, prefix: str = "TP-B") -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f.rule_id for f in findings if f.rule_id.startswith(prefix))


def _herts(part: str | None) -> dict[str, object]:
    entry: dict[str, object] = {"name": "North Hertfordshire District Council",
                                "code": NORTH_HERTS, "tier": "district"}
    if part:
        entry["part"] = part
    return {"$.place.ics": {"name": "NHS Hertfordshire and West Essex ICB", "code": HWE},
            "$.organisations[0].code": HWE,
            "$.place.local_authorities": [
                {"name": "Hertfordshire County Council", "code": "E10000015", "tier": "county"},
                entry],
            "$.place.population": 113000}


def test_split_district_without_part_gets_b2_with_the_real_other_icb(rules) -> None:  # type: ignore[no-untyped-def]
    findings = [f for f in _lint_place(rules, _herts(None)) if f.rule_id == "TP-B2"]
    assert len(findings) == 1
    hint = findings[0].hint
    assert "about 15% of North Hertfordshire is in NHS Cambridgeshire and Peterborough" in hint
    assert "Surrey" not in hint and "Hertfordshire and West Essex" in hint


def test_split_district_with_its_part_is_clear(rules) -> None:  # type: ignore[no-untyped-def]
    findings = _lint_place(rules, _herts("the part in Hertfordshire and West Essex ICB"))
    assert not [f for f in findings if f.rule_id in ("TP-B1", "TP-B2", "TP-B3")]


def test_split_district_in_neither_icb_is_b1_only_with_no_part_advice(rules) -> None:  # type: ignore[no-untyped-def]
    changes = _herts(None)
    changes["$.place.ics"] = {"name": "NHS Kent and Medway ICB", "code": KENT_ICB}
    changes["$.organisations[0].code"] = KENT_ICB
    findings = [f for f in _lint_place(rules, changes) if f.rule_id in ("TP-B1", "TP-B2")]
    # North Hertfordshire, and Hertfordshire County Council as its partner, once each.
    assert [f.rule_id for f in findings] == ["TP-B1"]
    assert "North Hertfordshire" in findings[0].message and "part:" not in findings[0].hint


def test_county_alone_split_between_icbs_needs_its_part(rules) -> None:  # type: ignore[no-untyped-def]
    essex = {"name": "Essex County Council", "code": "E10000012", "tier": "county"}
    base = {"$.place.ics": {"name": "NHS Mid and South Essex ICB", "code": "E54000026"},
            "$.organisations[0].code": "E54000026", "$.place.local_authorities": [essex]}
    without = [f for f in _lint_place(rules, base) if f.rule_id == "TP-B1"]
    assert len(without) == 1
    for district in ("Epping Forest", "Harlow", "Uttlesford", "Colchester", "Tendring"):
        assert district in without[0].message
    assert "Basildon" not in without[0].message
    base["$.place.local_authorities"] = [{**essex, "part": "the districts in the ICB"}]
    assert not [f for f in _lint_place(rules, base) if f.rule_id in ("TP-B1", "TP-B3")]


def test_part_of_an_unsplit_district_is_a_b3_warning_pointing_to_a_departure(rules) -> None:  # type: ignore[no-untyped-def]
    changes = {"$.place.ics": {"name": "NHS Kent and Medway ICB", "code": KENT_ICB},
               "$.organisations[0].code": KENT_ICB,
               "$.place.local_authorities": [
                   {"name": "Kent County Council", "code": KENT, "tier": "county",
                    "part": "for these districts"},
                   {"name": "Dartford Borough Council", "code": DARTFORD, "tier": "district"},
                   {"name": "Sevenoaks District Council", "code": SEVENOAKS, "tier": "district",
                    "part": "Swanley and the surrounding parishes"}]}
    findings = [f for f in _lint_place(rules, changes) if f.rule_id == "TP-B3"]
    assert len(findings) == 1  # Sevenoaks; the county partner's part changes nothing
    assert findings[0].severity.name == "WARNING"
    assert "Sevenoaks" in findings[0].message and "departure" in findings[0].hint
    assert "Take the whole authority" not in findings[0].hint


def test_a_district_without_its_county_gets_the_county_finding_once(rules) -> None:  # type: ignore[no-untyped-def]
    changes = {"$.place.ics": {"name": "NHS Kent and Medway ICB", "code": KENT_ICB},
               "$.organisations[0].code": KENT_ICB,
               "$.place.local_authorities": [
                   {"name": "Thanet District Council", "code": THANET, "tier": "district"}]}
    findings = _lint_place(rules, changes)
    county = [f for f in findings if "Kent" in f.message and f.rule_id.startswith("TP-B")]
    assert [f.rule_id for f in county] == ["TP-B3", "TP-B8"]  # membership; its board


def test_population_against_the_census_names_both_numbers(rules) -> None:  # type: ignore[no-untyped-def]
    findings = [f for f in _lint_place(rules, {"$.place.population": 359740})
                if f.rule_id == "TP-B6-CENSUS"]
    assert len(findings) == 1
    assert "359,740" in findings[0].message and "196,149" in findings[0].message
    assert not [f for f in _lint_place(rules, {"$.place.population": 170000})
                if f.rule_id == "TP-B6-CENSUS"]  # 13% below: within 15%


# --- whole systems -----------------------------------------------------------------------

def _place_file(path: Path, name: str, entries: list[dict[str, str]], icb: str) -> None:
    import json

    body = {"placecheck": 1, "kind": "place", "place": {
        "name": name, "ics": {"name": "the ICB", "code": icb},
        "local_authorities": entries}}
    path.write_text(json.dumps(body), encoding="utf-8")  # JSON is YAML


def _lint_system(rules, tmp_path: Path, places: dict[str, list[dict[str, str]]],  # type: ignore[no-untyped-def]
                 icb: str = KENT_ICB):
    from placecheck.lint import lint_document
    from placecheck.loading import load_path

    for file, entries in places.items():
        _place_file(tmp_path / file, file, entries, icb)
    system = tmp_path / "system.yaml"
    system.write_text("placecheck: 1\nkind: system\n"
                      f"ics: {{name: the ICB, code: {icb}}}\n"
                      f"places: [{', '.join(places)}]\n", encoding="utf-8")
    return [f for f in lint_document(load_path(system), rules)
            if f.rule_id in ("TP-B9-OVERLAP", "TP-B9-COVERAGE")]


def test_two_district_places_of_one_county_do_not_overlap(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kent = {"code": KENT}
    findings = _lint_system(rules, tmp_path, {
        "a.yaml": [kent, {"code": DARTFORD}, {"code": GRAVESHAM}],
        "b.yaml": [kent, {"code": THANET}]})
    assert [f.rule_id for f in findings] == ["TP-B9-COVERAGE"]
    for name in ("Ashford", "Sevenoaks", "Maidstone", "Medway"):
        assert name in findings[0].message
    for name in ("Dartford", "Gravesham", "Thanet"):
        assert name not in findings[0].message


def test_a_shared_district_is_reported_once_naming_every_place(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kent = {"code": KENT}
    findings = _lint_system(rules, tmp_path, {
        "a.yaml": [kent, {"code": SEVENOAKS}], "b.yaml": [kent, {"code": SEVENOAKS}],
        "c.yaml": [{"code": KENT}], "d.yaml": [{"code": MEDWAY}]})
    overlaps = [f for f in findings if f.rule_id == "TP-B9-OVERLAP"]
    # c.yaml lists Kent alone, so it covers all twelve districts: Sevenoaks is in three
    # places, the other eleven districts in c.yaml only.
    assert len(overlaps) == 1
    assert overlaps[0].message.startswith("Sevenoaks (E07000111) is in a.yaml, b.yaml and c.yaml")
    assert sorted(Path(r.file).name for r in overlaps[0].related) == ["a.yaml", "b.yaml", "c.yaml"]
    assert not [f for f in findings if f.rule_id == "TP-B9-COVERAGE"]


def test_stated_parts_of_a_shared_district_do_not_overlap(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    kent = {"code": KENT}
    parts = _lint_system(rules, tmp_path, {
        "a.yaml": [kent, {"code": SEVENOAKS, "part": "Swanley"}],
        "b.yaml": [kent, {"code": SEVENOAKS, "part": "the rest of the district"}]})
    assert not [f for f in parts if f.rule_id == "TP-B9-OVERLAP"]
    one_part = _lint_system(rules, tmp_path, {
        "a.yaml": [kent, {"code": SEVENOAKS, "part": "Swanley"}],
        "b.yaml": [kent, {"code": SEVENOAKS}]})
    assert len([f for f in one_part if f.rule_id == "TP-B9-OVERLAP"]) == 1


def test_coverage_names_the_uncovered_parts_of_split_authorities(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    findings = _lint_system(rules, tmp_path, {
        "lancashire.yaml": [{"code": "E10000017"}], "blackburn.yaml": [{"code": "E06000008"}],
        "blackpool.yaml": [{"code": "E06000009"}],
        "south-cumbria.yaml": [{"code": "E06000064", "part": "Barrow and South Lakeland"}]},
        icb="E54000048")  # NHS Lancashire and South Cumbria ICB
    assert [f.rule_id for f in findings] == ["TP-B9-COVERAGE"]
    message = findings[0].message
    assert "Cumberland (E06000063; the part in this ICB, about 3% of its residents)" in message
    assert "North Yorkshire (E06000065; the part in this ICB, about 1%" in message
    assert "Westmorland" not in message and "Preston" not in message


# --- a newer table ------------------------------------------------------------------------

def test_placecheck_geography_names_the_table_in_use(tmp_path: Path) -> None:
    import json

    table = json.loads(SHIPPED_JSON.read_text(encoding="utf-8"))
    table["vintage"], table["vintage_id"] = "A test vintage", "2099-04"
    newer = tmp_path / "geography.json"
    newer.write_text(json.dumps(table), encoding="utf-8")
    env = {**_subprocess_env(), "PLACECHECK_GEOGRAPHY": str(newer)}
    version = subprocess.run([sys.executable, "-m", "placecheck", "--version"],
                             capture_output=True, text=True, env=env, cwd=REPO_ROOT)
    assert "A test vintage (2099-04)" in version.stdout
    code = ("import placecheck.geography as g; t = g.load_geography(); "
            "print(t.vintage_id)")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert loaded.stdout.strip() == "2099-04"
    newer.write_text("{}", encoding="utf-8")
    broken = subprocess.run([sys.executable, "-m", "placecheck", "lint",
                             "examples/gateshead.yaml"], capture_output=True, text=True,
                            env=env, cwd=REPO_ROOT)
    assert broken.returncode == 2
    assert broken.stderr.count("\n") == 1 and str(newer) in broken.stderr
    assert "Traceback" not in broken.stderr


def test_build_reads_a_newer_vintage_without_code_changes(tmp_path: Path) -> None:
    if not ONS_DIR.is_dir():
        pytest.skip(f"ONS source files not available at {ONS_DIR}")
    renames = {"lsoa21_sicbl24_icb24_lad23_en.csv": "lookup25.csv",
               "lad23_icb24_shares_en.csv": "shares25.csv", "lad23_utla23_ew.csv": "utla25.csv",
               "icb24_en.csv": "icb25.csv", "lad23_population_ew.csv": "population25.csv"}
    for old, new in renames.items():
        header, _, body = (ONS_DIR / old).read_text(encoding="utf-8-sig").partition("\n")
        header = header.replace("ICB24", "ICB25").replace("LAD23", "LAD25").replace(
            "SICBL24", "SICBL25").replace("LTLA23", "LTLA25").replace("UTLA23", "UTLA25")
        (tmp_path / new).write_text(header + "\n" + body, encoding="utf-8")
    out = tmp_path / "geography.json"
    subprocess.run([sys.executable, str(BUILD_SCRIPT), "--ons-dir", str(tmp_path),
                    "--lookup", "lookup25.csv", "--shares", "shares25.csv",
                    "--utla", "utla25.csv", "--icbs", "icb25.csv",
                    "--population", "population25.csv", "--out", str(out)],
                   capture_output=True, text=True, check=True)
    import json

    built, shipped = (json.loads(p.read_text(encoding="utf-8")) for p in (out, SHIPPED_JSON))
    assert "ICB25" in built["vintage"] and built["vintage_id"] == "2025"
    assert built["local_authorities"] == shipped["local_authorities"]
    assert built["icbs"] == shipped["icbs"] and built["counties"] == shipped["counties"]
