"""The self-assessment is made for any proposal lint can read: a board report never
stops on a proposal that is wrong in shape (hypothesis, the mutations of
test_properties.py)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from placecheck.loading import load_path
from placecheck.report import assess_files, build_report
from placecheck.report.render import render_text
from placecheck.rules.selection import load_packs, select_rules
from tests.test_properties import PLACE_EXAMPLES, _mutate, dump, examples

PACKS = load_packs()
RULES = select_rules(PACKS)


@pytest.mark.parametrize("example", PLACE_EXAMPLES, ids=lambda p: p.name)
@settings(max_examples=examples(15), deadline=None)
@given(data=st.data())
def test_a_mutated_proposal_still_gets_its_self_assessment(example: Path, data: st.DataObject,
                                                           tmp_path_factory: Any) -> None:
    mutated = copy.deepcopy(load_path(example, str(example)).data)
    done = [_mutate(mutated, data.draw) for _ in range(data.draw(st.integers(1, 3)))]
    note(f"mutations: {done}")
    path = tmp_path_factory.mktemp("report") / example.name
    path.write_text(dump(mutated), encoding="utf-8")
    assessments = assess_files([path], RULES)
    report = build_report(assessments, PACKS, RULES)
    for output_format in ("html", "markdown", "summary"):
        assert render_text(report, output_format).strip()
