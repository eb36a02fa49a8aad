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
