"""A departure's `agreed_by` of the wrong shape is reported (F004), never a crash, and
never read letter by letter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from placecheck.lint import lint_document
from placecheck.loading import load_path
from placecheck.rules.pack import load_pack, shipped_pack_dirs
from placecheck.rules.testing import patched

PACK = load_pack(shipped_pack_dirs()["thriving-places"])
GATESHEAD = Path(__file__).resolve().parent.parent / "examples" / "gateshead.yaml"


def _explained_by(agreed_by: Any) -> tuple[tuple[str, ...], list[str]]:
    """Who the explained finding says agreed it, and the F-codes about `agreed_by`."""
    doc = patched(load_path(GATESHEAD), {"set": {"$.departures[0].agreed_by": agreed_by}})
    findings = lint_document(doc, PACK.rules)
    (explained,) = [f for f in findings if f.explained is not None]
    about = [f.rule_id for f in findings
             if f.location.json_path == "$.departures[0].agreed_by"]
    assert explained.explained is not None
    return explained.explained.agreed_by, about


def test_a_list_of_agreeing_bodies_is_kept() -> None:
    assert _explained_by(["nenc-icb", "gateshead-council"]) == (
        ("nenc-icb", "gateshead-council"), [])


@pytest.mark.parametrize("agreed_by", [-1, 3.5, True, {"body": "nenc-icb"}])
def test_agreed_by_that_is_not_a_list_is_reported_not_a_crash(agreed_by: Any) -> None:
    assert _explained_by(agreed_by) == ((), ["F004"])


def test_one_name_written_alone_is_that_name_not_its_letters() -> None:
    who, about = _explained_by("nenc-icb")
    assert who == ("nenc-icb",) and about == ["F004"]
