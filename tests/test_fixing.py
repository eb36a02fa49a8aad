"""`lint --fix`: each mechanical repair, a clean file left byte for byte, and meaning kept."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from placecheck import init_template
from placecheck.fixing import fix_bytes, fix_text
from placecheck.loading import load_text

from .conftest import ROOT, run_cli

HEAD = "placecheck: 1\nkind: place\n"


def fixed(body: str) -> str:
    return fix_text(HEAD + body).text[len(HEAD):]


@pytest.mark.parametrize(("before", "after"), [
    # tabs used for indentation: the file's own step
    ("place:\n\tname: Riverton\n", "place:\n  name: Riverton\n"),
    ("place:\n    name: x\naccountability:\n\ticb: {reporting: x}\n",
     "place:\n    name: x\naccountability:\n    icb: {reporting: x}\n"),
    # non-breaking and zero-width spaces where they change a key or a code
    ("place:\n\u00a0 name: Riverton\n", "place:\n  name: Riverton\n"),
    ("place:\n  name: Riverton\n  ics: {name: x, code: E54\u200b000050}\n",
     "place:\n  name: Riverton\n  ics: {name: x, code: E54000050}\n"),
    # curly quotes around a value or a key
    ("place:\n  name: \u201cRiverton\u201d\n", 'place:\n  name: "Riverton"\n'),
    ("place:\n  \u201cname\u201d: Riverton\n", 'place:\n  "name": Riverton\n'),
    # YAML 1.1 booleans and unquoted dates in text fields, yes/no in yes/no fields
    ("agreement:\n  - {organisation: icb, forum: on}\n",
     'agreement:\n  - {organisation: icb, forum: "on"}\n'),
    ("governance:\n  - id: b\n    terms_of_reference: {quorum: 2025-01-01}\n",
     'governance:\n  - id: b\n    terms_of_reference: {quorum: "2025-01-01"}\n'),
    ("governance:\n  - id: b\n    terms_of_reference:\n      lead_member_required: yes\n",
     "governance:\n  - id: b\n    terms_of_reference:\n      lead_member_required: true\n"),
    # UK dates in date fields, kept with their comment
    ("governance:\n  - id: b\n    terms_of_reference:\n      approved_on: 25/03/2026  # board\n",
     "governance:\n  - id: b\n    terms_of_reference:\n      approved_on: 2026-03-25  # board\n"),
    # thousands separators and £ in numbers
    ("place:\n  name: x\n  population: 556,523\n", "place:\n  name: x\n  population: 556523\n"),
    ("functions:\n  - id: f\n    budget:\n      amount_gbp: £96,000,000\n",
     "functions:\n  - id: f\n    budget:\n      amount_gbp: 96000000\n"),
])
def test_each_fix(before: str, after: str) -> None:
    assert fixed(before) == after


@pytest.mark.parametrize("body", [
    "place:\n  name: Riverton\n  footprint_rationale: Riverton\u00a0and its villages\n",
    "governance:\n  - id: b\n    terms_of_reference:\n      approved_on: 31/02/2026\n",
    "governance:\n  - id: b\n    terms_of_reference: {quorum: \"on\"}\n",
    "status: draft   # on 25/03/2026, yes\n",
    "place:\n  name: 1,234\n",                      # text, not a number field
    "place:\n  name: x\n  population: 12,34\n",     # not thousands: left for lint to report
    "purpose:\n  vision: |\n    \tIndented with a tab inside the text\n",
])
def test_nothing_without_one_right_answer_is_changed(body: str) -> None:
    assert fixed(body) == body


def test_crlf_and_byte_order_mark() -> None:
    raw = b"\xef\xbb\xbf" + (HEAD + "place:\n  name: x\n").replace("\n", "\r\n").encode()
    after, fixes = fix_bytes(raw)
    assert after == (HEAD + "place:\n  name: x\n").encode()
    assert [f.what for f in fixes] == ["removed the byte-order mark",
                                       "changed Windows line endings (CRLF) to LF"]


@pytest.mark.parametrize("path", sorted((ROOT / "examples").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_clean_files_are_left_byte_for_byte(path: Path) -> None:
    raw = path.read_bytes()
    assert fix_bytes(raw) == (raw, [])


def test_the_init_template_is_left_byte_for_byte() -> None:
    text = init_template.template_text()
    assert fix_text(text).text == text


def test_lint_fix_writes_then_lints_and_diff_only_shows(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    messy = (HEAD + "place:\n\tname: \u201cRiverton\u201d\n  population: 556,523\n")
    target.write_text(messy, encoding="utf-8")
    shown = run_cli("lint", "--diff", str(target))
    assert shown.returncode == 1
    assert '+  name: "Riverton"' in shown.stdout and "-  population: 556,523" in shown.stdout
    assert target.read_text(encoding="utf-8") == messy
    done = run_cli("lint", "--fix", str(target), "--format", "json")
    assert "fixed" in done.stderr and "line 4: changed curly quotes" in done.stderr
    assert target.read_text(encoding="utf-8") == (
        HEAD + 'place:\n  name: "Riverton"\n  population: 556523\n')
    report = json.loads(done.stdout)  # the fixed file, linted
    assert not [f for f in report["findings"] if f["rule_id"] in ("F003", "F004", "F017")]
    again = run_cli("lint", "--diff", str(target))
    assert again.returncode == 0 and again.stdout == ""


_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABC'-", min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s[:1].isalpha())


@settings(max_examples=150, deadline=None)
@given(name=_WORDS,
       population=st.integers(min_value=0, max_value=10**9),
       day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       quorum=st.one_of(_WORDS, st.sampled_from(["on", "off", "yes", "no", "2025-04-01"])),
       lead=st.booleans(), messy=st.lists(st.booleans(), min_size=6, max_size=6))
def test_fix_output_means_what_the_author_meant(
        name: str, population: int, day: dt.date, quorum: str, lead: bool,
        messy: list[bool]) -> None:
    """Clean renderings are left alone; messy ones are fixed to the intended values."""
    uk = f"{day.day:02d}/{day.month:02d}/{day.year}"
    words = {True: "yes", False: "no"}
    plain_quorum = quorum in ("on", "off", "yes", "no", "2025-04-01")
    text = (HEAD
            + "place:\n"
            + ("\t" if messy[0] else "  ") + f"name: {json.dumps(name)}\n"
            + f"  population: {f'£{population:,}' if messy[1] else population}\n"
            + "governance:\n  - id: b\n    terms_of_reference:\n"
            + f"      approved_on: {uk if messy[2] else day.isoformat()}   # agreed\n"
            + f"      quorum: {quorum if plain_quorum and messy[3] else json.dumps(quorum)}\n"
            + f"      lead_member_required: {words[lead] if messy[4] else str(lead).lower()}\n")
    raw = text.replace("\n", "\r\n").encode() if messy[5] else text.encode()
    after, fixes = fix_bytes(raw)
    clean = not any(messy[:3]) and not messy[4] and not messy[5] and not (
        plain_quorum and messy[3])
    if clean:
        assert after == raw and fixes == []
    data = load_text(after.decode(), "p.yaml").data
    assert data["place"] == {"name": name, "population": population}
    assert data["governance"][0]["terms_of_reference"] == {
        "approved_on": day, "quorum": quorum, "lead_member_required": lead}
    assert fix_bytes(after) == (after, [])  # fixing twice changes nothing more
