"""The `mentions` check: prose that states something, in the user's own words."""

from __future__ import annotations

from pathlib import Path

import pytest

from placecheck.loading import load_text
from placecheck.rules.checks import run_check
from placecheck.rules.engine import outcomes
from placecheck.rules.pack import load_pack, shipped_pack_dirs
from placecheck.rules.paths import Scope
from placecheck.rules.prose import find, stem

WITHDRAWS = ["withdraw", "leave the room", "take no part", "step out", "excluded from"]


@pytest.mark.parametrize("word", ["withdraw", "withdraws", "withdrawn", "withdrawing",
                                  "withdrew", "Withdraws"])
def test_inflections_share_a_stem(word: str) -> None:
    assert stem(word) == stem("withdraw")


@pytest.mark.parametrize("text", [
    "The member withdraws.", "They left the room.", "The room is left by the member.",
    "Members TAKE NO PART in the decision.", "She stepped out for the item.",
    "He is excluded from the vote."])
def test_stated_in_any_case_inflection_and_order(text: str) -> None:
    assert [m.negated for m in find(text, WITHDRAWS)] == [False]


@pytest.mark.parametrize("text", [
    "Members are not required to leave the room.", "Members need not withdraw.",
    "Members stay unless asked to step out.", "Nobody is excluded from a vote.",
    "Members don't withdraw.", "Members are to be excluded from the vote once agreed."])
def test_negated_statements_do_not_count(text: str) -> None:
    assert [m.negated for m in find(text, WITHDRAWS)] == [True]


def test_a_negation_in_another_clause_does_not_reach_the_phrase() -> None:
    text = "Members with no interest stay; conflicted members leave the room and do not vote."
    assert [m.negated for m in find(text, WITHDRAWS)] == [False]


def test_unrelated_prose_states_nothing() -> None:
    assert find("Conflicted members may still vote.", WITHDRAWS) == []


def _scope(process: str) -> Scope:
    return Scope({"conflicts_of_interest": {"process": process}})


SPEC = {"mentions": {"values": "$.conflicts_of_interest.process",
                     "groups": {"a conflicted member withdraws": WITHDRAWS,
                                "it is minuted": ["minute", "record"]}}}


def test_mentions_names_each_group_the_prose_does_not_state() -> None:
    (failure,) = run_check(SPEC, _scope("Conflicted members withdraw."))
    assert failure.detail == "`conflicts_of_interest.process` does not say that it is minuted"
    assert failure.path == ("conflicts_of_interest", "process")


def test_mentions_quotes_prose_that_says_the_opposite() -> None:
    (failure,) = run_check(SPEC, _scope("Members are not required to leave the room. Minuted."))
    assert 'it says "Members are not required to leave the room."' in failure.detail


def test_any_needs_one_group_only() -> None:
    spec = {"mentions": {**SPEC["mentions"], "require": "any"}}
    assert run_check(spec, _scope("It is minuted.")) == []
    assert run_check(spec, _scope("Nothing here.")) != []


def test_missing_prose_is_not_stated() -> None:
    (failure,) = run_check(SPEC, Scope({}))
    assert failure.detail == "`conflicts_of_interest.process` is not stated"


def test_evidence_is_the_sentence_that_met_the_rule() -> None:
    pack = load_pack(shipped_pack_dirs()["thriving-places"])
    rule = next(r for r in pack.rules if r.id == "TP-C10")
    text = (Path(pack.directory) / "fixtures" / "clean.yaml").read_text(encoding="utf-8")
    doc = load_text(text, "clean.yaml")
    del doc.data["conflicts_of_interest"]["management"]
    (outcome,) = outcomes([rule], doc)
    said = [value for path, value in outcome.evidence
            if path == ("conflicts_of_interest", "process")]
    assert 'says "Interests are declared at the start of each meeting and minuted."' in said
    assert any(v.startswith('says "') and "leaves the room" in v for v in said)


def test_explain_shows_the_prose_itself_not_the_quote() -> None:
    from placecheck.rules.engine import trace_rule

    pack = load_pack(shipped_pack_dirs()["thriving-places"])
    rule = next(r for r in pack.rules if r.id == "TP-C10")
    doc = load_text((Path(pack.directory) / "fixtures" / "clean.yaml").read_text("utf-8"),
                    "clean.yaml")
    _, trace = trace_rule(rule, doc.data)
    assert not any(isinstance(n.value, str) and n.value.startswith('says "') for n in trace)


def test_one_text_read_for_several_phrases_gives_each_its_own_answer() -> None:
    text = "Members with an interest leave the room. Decisions are not minuted."
    assert [m.phrase for m in find(text, ["leave the room"])] == ["leave the room"]
    assert [(m.phrase, m.negated) for m in find(text, ["decisions minuted"])] == [
        ("decisions minuted", True)]
    assert find(text, ["declare interests at the start"]) == []
    assert [m.phrase for m in find(text, ["leave the room"])] == ["leave the room"]
