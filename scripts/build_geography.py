#!/usr/bin/env python3
"""Regenerate ``src/placecheck/data/geography.json`` from the ONS reference CSVs.

Usage::

    python scripts/build_geography.py [--ons-dir ../shared/data/ons]
                                      [--out src/placecheck/data/geography.json] [--check]
                                      [--lookup FILE] [--shares FILE] [--utla FILE]
                                      [--icbs FILE] [--population FILE]
                                      [--vintage TEXT] [--vintage-id YYYY-MM]

A newer ONS vintage needs no code change: name its files with the options above
(relative to ``--ons-dir``), and the year in each column name (``ICB25CD``,
``LAD24NM``, ``UTLA25CD``...) is read from the file, so the April 2024 names below
stand for any year. The vintage text is then built from the years found, unless
``--vintage`` gives it. Point placecheck at the result with ``PLACECHECK_GEOGRAPHY``.

The default inputs, April 2024 (all ONS data under the Open Government Licence v3.0;
see SOURCES.md beside them):

* ``lsoa21_sicbl24_icb24_lad23_en.csv`` - LSOA21 to SICBL24 to ICB24 to LAD23 (April 2024).
  The LSOA counts per (LAD, ICB) pair are computed from this file.
* ``lad23_icb24_shares_en.csv`` - the same pairs with Census 2021 populations summed over
  LSOAs; used for the population shares (its LSOA counts are cross-checked).
* ``lad23_utla23_ew.csv`` - LTLA23 to UTLA23 (April 2023).
* ``icb24_en.csv`` - the 42 ICBs with their NHS England region.
* ``lad23_population_ew.csv`` - Census 2021 usual residents per LAD23.

Welsh rows (codes starting ``W``) are dropped.  The output is deterministic: sorted keys,
records sorted by code, one record per line, no other whitespace.  ``--check`` exits 1
if the existing output differs from what would be generated (0 if identical).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ONS_DIR = REPO_ROOT.parent / "shared" / "data" / "ons"
DEFAULT_OUT = REPO_ROOT / "src" / "placecheck" / "data" / "geography.json"

VINTAGE = (
    "ONS LSOA21–SICBL24–ICB24–LAD23 lookup (April 2024); "
    "LAD23–UTLA23 lookup (April 2023); Census 2021 populations"
)
VINTAGE_ID = "2024-04"
ATTRIBUTION = (
    "Source: Office for National Statistics licensed under the Open Government Licence v3.0. "
    "NHS England region data: contains public sector information licensed under the "
    "Open Government Licence v3.0."
)

LOOKUP_CSV = "lsoa21_sicbl24_icb24_lad23_en.csv"
SHARES_CSV = "lad23_icb24_shares_en.csv"
UTLA_CSV = "lad23_utla23_ew.csv"
ICB_CSV = "icb24_en.csv"
POPULATION_CSV = "lad23_population_ew.csv"

TIERS = {
    "E06": "unitary",
    "E07": "district",
    "E08": "metropolitan_district",
    "E09": "london_borough",
}
SHARE_DECIMALS = 3
# Tolerance when cross-checking the shares file's 4-decimal POP_SHARE / LSOA_SHARE.
SHARE_TOLERANCE = 1e-4 + 1e-9


# ONS column names carry the year of the geography (ICB24CD, LAD23NM); each is read as
# the name used below whatever its year, and the years found are kept for the vintage.
_YEARED = re.compile(r"^(LSOA|SICBL|ICB|LAD|LTLA|UTLA)(\d\d)(CD|CDH|NM)$")
_CANONICAL = {"LSOA": "21", "SICBL": "24", "ICB": "24", "LAD": "23", "LTLA": "23", "UTLA": "23"}


class DataError(Exception):
    """The ONS files are missing something or disagree with each other."""


class Inputs:
    """The five input files, and the geography years their columns carry."""

    def __init__(self, lookup: str = LOOKUP_CSV, shares: str = SHARES_CSV, utla: str = UTLA_CSV,
                 icbs: str = ICB_CSV, population: str = POPULATION_CSV) -> None:
        self.lookup, self.shares, self.utla = lookup, shares, utla
        self.icbs, self.population = icbs, population
        self.years: dict[str, set[str]] = defaultdict(set)

    def vintage(self) -> tuple[str, str] | None:
        """(vintage, vintage id) from the years found, or None if they are the defaults'."""
        years = {k: "/".join(sorted(v)) for k, v in self.years.items()}
        if all(years.get(k, y) == y for k, y in _CANONICAL.items()):
            return None
        get = years.get
        text = (f"ONS LSOA{get('LSOA', '?')}–SICBL{get('SICBL', '?')}–ICB{get('ICB', '?')}–"
                f"LAD{get('LAD', '?')} lookup; LAD{get('LTLA', '?')}–UTLA{get('UTLA', '?')} "
                "lookup; Census 2021 populations")
        return text, f"20{max(self.years.get('ICB') or {'00'})}"


_INPUTS = Inputs()


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataError(f"missing input file: {path}")
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        names: dict[str, str] = {}
        for column in reader.fieldnames or []:
            match = _YEARED.match(column.strip())
            if match:
                kind, year, suffix = match.groups()
                _INPUTS.years[kind].add(year)
                names[column] = f"{kind}{_CANONICAL[kind]}{suffix}"
            else:
                names[column] = column.strip()
        return [{names.get(k, k): (v or "").strip() for k, v in row.items() if k is not None}
                for row in reader]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise DataError(message)


def _is_english_lad(code: str) -> bool:
    return code[:3] in TIERS


def _icbs(ons_dir: Path) -> list[dict[str, Any]]:
    rows = _read_csv(ons_dir / _INPUTS.icbs)
    icbs = [
        {
            "code": r["ICB24CD"],
            "ods_code": r["ICB24CDH"],
            "name": r["ICB24NM"],
            "region_code": r["NHSER_CDH"],
            "region_name": r["NHSER_NM_NHSE"],
        }
        for r in rows
    ]
    codes = [i["code"] for i in icbs]
    _require(len(set(codes)) == len(codes), f"{ICB_CSV}: duplicate ICB codes")
    _require(len({i["ods_code"] for i in icbs}) == len(icbs), f"{ICB_CSV}: duplicate ODS codes")
    for i in icbs:
        _require(i["code"].startswith("E54"), f"{ICB_CSV}: unexpected ICB code {i['code']}")
        _require(all(i.values()), f"{ICB_CSV}: empty field for {i['code']}")
    return sorted(icbs, key=lambda i: str(i["code"]))


def _lsoa_counts(
    ons_dir: Path, icbs_by_code: dict[str, dict[str, Any]]
) -> Counter[tuple[str, str]]:
    """(LAD23CD, ICB24CD) -> number of LSOA21s, from the LSOA-level lookup."""
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[str] = set()
    for r in _read_csv(ons_dir / _INPUTS.lookup):
        lsoa, lad, icb = r["LSOA21CD"], r["LAD23CD"], r["ICB24CD"]
        _require(lsoa not in seen, f"{LOOKUP_CSV}: LSOA {lsoa} appears twice")
        seen.add(lsoa)
        if not _is_english_lad(lad):
            continue
        known = icbs_by_code.get(icb)
        _require(known is not None, f"{LOOKUP_CSV}: ICB {icb} not in {ICB_CSV}")
        assert known is not None
        _require(
            known["ods_code"] == r["ICB24CDH"] and known["name"] == r["ICB24NM"],
            f"{LOOKUP_CSV}: ICB {icb} code/name differ from {ICB_CSV}",
        )
        counts[(lad, icb)] += 1
    return counts


def build(ons_dir: Path, inputs: Inputs | None = None, vintage: str | None = None,
          vintage_id: str | None = None) -> dict[str, Any]:
    """Read the ONS CSVs in ``ons_dir`` and return the geography table."""
    global _INPUTS
    _INPUTS = inputs or Inputs()
    icbs = _icbs(ons_dir)
    icbs_by_code = {i["code"]: i for i in icbs}
    lsoa_counts = _lsoa_counts(ons_dir, icbs_by_code)

    utla = {
        r["LTLA23CD"]: r
        for r in _read_csv(ons_dir / _INPUTS.utla)
        if _is_english_lad(r["LTLA23CD"])
    }
    population: dict[str, int] = {}
    pop_names: dict[str, str] = {}
    for r in _read_csv(ons_dir / _INPUTS.population):
        if _is_english_lad(r["LAD23CD"]) and r["POP_CENSUS2021"]:
            population[r["LAD23CD"]] = int(r["POP_CENSUS2021"])
            pop_names[r["LAD23CD"]] = r["LAD23NM"]

    shares_rows = [r for r in _read_csv(ons_dir / _INPUTS.shares) if _is_english_lad(r["LAD23CD"])]
    share_by_pair = {(r["LAD23CD"], r["ICB24CD"]): r for r in shares_rows}
    _require(len(share_by_pair) == len(shares_rows), f"{SHARES_CSV}: duplicate (LAD, ICB) rows")
    _require(
        set(share_by_pair) == set(lsoa_counts),
        f"{SHARES_CSV}: (LAD, ICB) pairs differ from those in {LOOKUP_CSV}",
    )

    lad_codes = sorted({lad for lad, _ in lsoa_counts})
    _require(
        set(lad_codes) == set(utla),
        f"English LADs in {LOOKUP_CSV} and {UTLA_CSV} differ: {sorted(set(lad_codes) ^ set(utla))}",
    )

    by_lad: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (lad, icb), n in lsoa_counts.items():
        by_lad[lad].append((icb, n))

    local_authorities: list[dict[str, Any]] = []
    for lad in lad_codes:
        u = utla[lad]
        name = u["LTLA23NM"]
        if lad in pop_names:
            _require(pop_names[lad] == name, f"{POPULATION_CSV}: name of {lad} differs")
        total_lsoas = sum(n for _, n in by_lad[lad])
        shares: list[dict[str, Any]] = []
        for icb, n in by_lad[lad]:
            row = share_by_pair[(lad, icb)]
            _require(row["LAD23NM"] == name, f"{SHARES_CSV}: name of {lad} differs")
            _require(
                int(row["LSOA_COUNT"]) == n and int(row["LAD_LSOA_TOTAL"]) == total_lsoas,
                f"{SHARES_CSV}: LSOA counts for {lad}/{icb} differ from {LOOKUP_CSV}",
            )
            lsoa_share = n / total_lsoas
            _require(
                abs(lsoa_share - float(row["LSOA_SHARE"])) <= SHARE_TOLERANCE,
                f"{SHARES_CSV}: LSOA_SHARE for {lad}/{icb} inconsistent",
            )
            pop_share: float | None = None
            if row["POP_C21"] and row["LAD_POP_C21"] and int(row["LAD_POP_C21"]) > 0:
                pop_share = int(row["POP_C21"]) / int(row["LAD_POP_C21"])
                _require(
                    abs(pop_share - float(row["POP_SHARE"])) <= SHARE_TOLERANCE,
                    f"{SHARES_CSV}: POP_SHARE for {lad}/{icb} inconsistent",
                )
            shares.append(
                {
                    "icb": icb,
                    "lsoa_count": n,
                    "lsoa_share": round(lsoa_share, SHARE_DECIMALS),
                    "pop_share": None if pop_share is None else round(pop_share, SHARE_DECIMALS),
                }
            )
        # Largest share first (LSOA count, then population), ties by ICB code.
        shares.sort(key=lambda s: (-s["lsoa_count"], -(s["pop_share"] or 0.0), s["icb"]))
        local_authorities.append(
            {
                "code": lad,
                "name": name,
                "tier": TIERS[lad[:3]],
                "upper_tier_code": u["UTLA23CD"],
                "upper_tier_name": u["UTLA23NM"],
                "population": population.get(lad),
                "shares": shares,
            }
        )

    county_districts: dict[str, list[str]] = defaultdict(list)
    county_names: dict[str, str] = {}
    for lad, u in utla.items():
        code = u["UTLA23CD"]
        if lad.startswith("E07"):
            _require(code.startswith("E10"), f"{UTLA_CSV}: district {lad} not in a county")
        else:
            _require(code == lad, f"{UTLA_CSV}: {lad} has upper tier {code}, expected itself")
        if code.startswith("E10"):
            county_districts[code].append(lad)
            _require(
                county_names.setdefault(code, u["UTLA23NM"]) == u["UTLA23NM"],
                f"{UTLA_CSV}: county {code} has two names",
            )
    counties: list[dict[str, Any]] = []
    for code in sorted(county_districts):
        districts = sorted(county_districts[code])
        pops = [population.get(d) for d in districts]
        counties.append(
            {
                "code": code,
                "name": county_names[code],
                "districts": districts,
                "population": None if None in pops else sum(p for p in pops if p is not None),
            }
        )

    found = _INPUTS.vintage()
    return {
        "vintage": vintage or (found[0] if found else VINTAGE),
        "vintage_id": vintage_id or (found[1] if found else VINTAGE_ID),
        "attribution": ATTRIBUTION,
        "icbs": icbs,
        "local_authorities": local_authorities,
        "counties": counties,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def render(table: dict[str, Any]) -> str:
    """Compact JSON with sorted keys; each element of a top-level list on its own line."""
    parts: list[str] = []
    for key in sorted(table):
        value = table[key]
        if isinstance(value, list):
            body = ",\n".join(_dumps(item) for item in value)
            parts.append(f"{_dumps(key)}:[\n{body}\n]")
        else:
            parts.append(f"{_dumps(key)}:{_dumps(value)}")
    return "{" + ",\n".join(parts) + "}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--ons-dir", type=Path, default=DEFAULT_ONS_DIR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 if the existing output differs from what would be generated",
    )
    for option, default in (("--lookup", LOOKUP_CSV), ("--shares", SHARES_CSV),
                            ("--utla", UTLA_CSV), ("--icbs", ICB_CSV),
                            ("--population", POPULATION_CSV)):
        parser.add_argument(option, default=default, metavar="FILE",
                            help=f"file name in --ons-dir (default {default})")
    parser.add_argument("--vintage", help="the vintage text (default: from the column years)")
    parser.add_argument("--vintage-id", help="the vintage id, e.g. 2025-04")
    args = parser.parse_args(argv)
    inputs = Inputs(args.lookup, args.shares, args.utla, args.icbs, args.population)
    ons_dir: Path = args.ons_dir
    out: Path = args.out

    try:
        text = render(build(ons_dir, inputs, args.vintage, args.vintage_id))
    except DataError as exc:
        print(f"build_geography: {exc}", file=sys.stderr)
        return 2

    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else None
        if current != text:
            state = "missing" if current is None else "out of date"
            print(
                f"build_geography: {out} is {state}; run scripts/build_geography.py",
                file=sys.stderr,
            )
            return 1
        print(f"build_geography: {out} is up to date")
        return 0

    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    print(f"build_geography: wrote {out} ({len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
