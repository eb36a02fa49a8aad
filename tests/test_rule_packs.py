"""The shipped rule packs: valid, cited, tested, and covering the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from placecheck.loading import load_text
from placecheck.rules.pack import PackError, load_pack, shipped_pack_dirs, shipped_registry
from placecheck.rules.testing import catalogue_lines, run_pack_tests, run_rule_tests

from .conftest import SHARED

PACKS = {name: load_pack(path) for name, path in shipped_pack_dirs().items()}
ALL_RULES = [(pack, rule) for pack in PACKS.values() for rule in pack.rules]


@pytest.mark.parametrize(("pack", "rule"), ALL_RULES, ids=[r.id for _, r in ALL_RULES])
def test_rule_passes_its_own_tests(pack, rule) -> None:  # type: ignore[no-untyped-def]
    """Each failing test fires this rule, under its catalogue lines, where `at:` says."""
    count, misfires = run_rule_tests(rule, pack.directory / "fixtures", {}, pack.rules,
                                     require_at=True, catalogue=catalogue_lines(pack))
    assert count >= 2
    assert not misfires, "\n".join(str(m) for m in misfires)


def test_every_failing_test_of_a_shipped_pack_says_where_it_points() -> None:
    lacking = [f"{rule.id} test {test.get('name', i + 1)!r}" for _, rule in ALL_RULES
               for i, test in enumerate(rule.tests) if test["expect"] == "fail"
               and "at" not in test]
    assert not lacking, f"failing tests without `at:`: {lacking}"


@pytest.mark.parametrize("name", sorted(PACKS))
def test_every_catalogue_line_is_checked_or_explained(name: str) -> None:
    from placecheck.rules.listing import coverage

    missing = [item for _, item, _, rules, reason in coverage([PACKS[name]])
               if not rules and not reason]
    assert not missing, f"catalogue lines with no rule and no reason: {missing}"


def test_catalogue_matches_requirements_md() -> None:
    requirements = SHARED / "guidance" / "REQUIREMENTS.md"
    if not requirements.is_file():
        pytest.skip("../shared/guidance is not beside this checkout")
    ids = set(re.findall(r"^\| ([MBDCPS]\d+) \|", requirements.read_text(), re.MULTILINE))
    assert ids == set(PACKS["thriving-places"].catalogue)


def test_every_rule_cites_and_implements() -> None:
    for _, rule in ALL_RULES:
        assert rule.citations, rule.id
        assert rule.implements, rule.id
        assert rule.rationale and rule.title, rule.id


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_quotes_occur_in_the_guidance_text() -> None:
    folder = SHARED / "guidance"
    if not folder.is_dir():
        pytest.skip("../shared/guidance is not beside this checkout")
    registry = shipped_registry()
    texts: dict[str, str] = {}
    checked = 0
    for _, rule in ALL_RULES:
        for citation in rule.citations:
            if not citation.quote:
                continue
            source = registry.sources[citation.source]
            assert source.text, f"{rule.id} quotes {citation.source}, which has no text"
            if source.text not in texts:
                texts[source.text] = _normalise((folder / source.text).read_text("utf-8"))
            assert _normalise(citation.quote) in texts[source.text], (rule.id, citation.quote)
            checked += 1
    assert checked > 50


def test_a_broken_rule_is_reported_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "broken"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: broken\ntitle: A broken pack\n")
    (pack / "rules.yaml").write_text(
        "rules:\n  - id: X-1\n    title: Something checked\n    severity: eror\n")
    with pytest.raises(PackError) as caught:
        load_pack(pack)
    assert "rules.yaml:4:" in str(caught.value) and "severity" in str(caught.value)


def test_an_unknown_citation_section_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "bad-cite"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: bad-cite\ntitle: Bad citations\n")
    (pack / "rules.yaml").write_text("""rules:
  - id: X-1
    title: A rule with a bad citation
    severity: info
    family: test
    implements: [X1]
    rationale: "A rationale long enough to pass the schema."
    citations: [{source: thriving-places, section: no-such-section}]
    check: {present: "$.place.name"}
    message: "m"
    tests:
      - {expect: pass, proposal: p.yaml}
      - {expect: fail, proposal: p.yaml}
""")
    with pytest.raises(PackError, match="unknown section `no-such-section`"):
        load_pack(pack)


def test_fixture_for_rule_tests_is_itself_clean(rules) -> None:  # type: ignore[no-untyped-def]
    from placecheck.lint import lint_document

    fixture = shipped_pack_dirs()["thriving-places"] / "fixtures" / "clean.yaml"
    doc = load_text(fixture.read_text(encoding="utf-8"), str(fixture))
    counted = [f for f in lint_document(doc, rules) if f.counts and f.rule_id != "TP-B7"]
    assert counted == []


@pytest.mark.parametrize(("pack", "rule"), ALL_RULES, ids=[r.id for _, r in ALL_RULES])
def test_every_rule_has_passing_yaml_to_show(pack, rule) -> None:  # type: ignore[no-untyped-def]
    import yaml

    from placecheck.rules.examples import passing_example

    example = passing_example(rule)
    assert example.strip(), f"{rule.id}: explain would show no passing YAML"
    assert isinstance(yaml.safe_load(example.replace("# ... (shortened)", "")), dict)


def test_mentions_declares_its_options(tmp_path: Path) -> None:
    pack = tmp_path / "prose"
    pack.mkdir()
    (pack / "pack.yaml").write_text("pack: prose\ntitle: Prose\n")
    (pack / "rules.yaml").write_text("""rules:
  - id: X-1
    title: A rule that reads prose
    severity: info
    family: test
    implements: [X1]
    rationale: "A rationale long enough to pass the schema."
    citations: [{source: thriving-places, section: leadership-roles}]
    check:
      mentions:
        {values: "$.conflicts_of_interest.process", groups: {withdraws: [withdraw]},
         phrases: [leave]}
    message: "m"
    tests:
      - {expect: pass, proposal: p.yaml}
      - {expect: fail, proposal: p.yaml}
""")
    with pytest.raises(PackError, match=r"rules\.yaml:12:.*`phrases` is not a key"):
        load_pack(pack)
    rules = (pack / "rules.yaml").read_text().replace("phrases: [leave]", "require: any")
    (pack / "rules.yaml").write_text(rules)
    assert [r.id for r in load_pack(pack).rules] == ["X-1"]


CLEAN = shipped_pack_dirs()["thriving-places"] / "fixtures" / "clean.yaml"
RULE = """rules:
  - id: X-1
    title: A footprint rationale is given
    severity: warning
    family: test
    implements: [{implements}]
    rationale: "A rationale long enough to pass the schema."
    citations: [{{source: thriving-places, section: leadership-roles}}]
    check: {{present: ["$.place.footprint_rationale", "$.purpose.vision"]}}
    message: "m: {{detail}}"
    tests:
      - {{expect: pass, proposal: clean.yaml}}
{tests}
"""


def _pack(tmp_path: Path, tests: str, implements: str = "X1") -> Path:
    pack = tmp_path / f"mine{len(list(tmp_path.iterdir()))}"  # packs load once per folder
    (pack / "fixtures").mkdir(parents=True)
    (pack / "pack.yaml").write_text("pack: mine\ntitle: Mine\ncatalogue: {X1: A line}\n")
    (pack / "rules.yaml").write_text(RULE.format(tests=tests, implements=implements))
    (pack / "fixtures" / "clean.yaml").write_text(CLEAN.read_text(encoding="utf-8"))
    return pack


def _misfires(pack_dir: Path, require_at: bool = True) -> list[str]:
    pack = load_pack(pack_dir)
    _, misfires = run_rule_tests(pack.rules[0], pack_dir / "fixtures", {}, pack.rules,
                                 require_at=require_at, catalogue=catalogue_lines(pack))
    return [m.problem for m in misfires]


NO_RATIONALE = ('      - {expect: fail, proposal: clean.yaml, '
                'remove: ["$.place.footprint_rationale"]')
NEITHER = ('      - {expect: fail, proposal: clean.yaml, '
           'remove: ["$.place.footprint_rationale", "$.purpose.vision"]')


@pytest.mark.parametrize("at", ['"place"', '"$.place"', '["place"]'])
def test_at_names_where_the_finding_points(tmp_path: Path, at: str) -> None:
    assert _misfires(_pack(tmp_path, f"{NO_RATIONALE}, at: {at}}}")) == []


def test_a_finding_elsewhere_is_a_misfire(tmp_path: Path) -> None:
    problems = _misfires(_pack(tmp_path, f"{NO_RATIONALE}, at: purpose}}"))
    assert problems == ["expected a finding at purpose, got place (line 14)"]


def test_at_as_a_list_gives_one_path_per_finding(tmp_path: Path) -> None:
    assert _misfires(_pack(tmp_path, f'{NEITHER}, at: [purpose, place]}}')) == []
    problems = _misfires(_pack(tmp_path, f'{NEITHER}, at: [place, place]}}'))
    assert problems == ["expected a finding at place, got purpose (line 43)"]
    problems = _misfires(_pack(tmp_path, f'{NEITHER}, at: [place]}}'))
    assert problems == ["expected findings only at place, also got purpose (line 43)"]


def test_a_single_at_holds_every_finding_to_it(tmp_path: Path) -> None:
    problems = _misfires(_pack(tmp_path, f"{NEITHER}, at: place}}"))
    assert problems == ["expected a finding at place, got purpose (line 43)"]


def test_at_is_required_of_shipped_packs_only(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pack = _pack(tmp_path, f"{NO_RATIONALE}}}")
    assert _misfires(pack, require_at=False) == []
    assert _misfires(pack) == ["a failing test of a shipped pack must say where its finding "
                               "points (`at:`); this one points at place (line 14)"]
    assert run_pack_tests([pack])  # `placecheck rules test` on a user's pack
    assert "ok" in capsys.readouterr().out


def test_a_passing_test_cannot_say_where(tmp_path: Path) -> None:
    pack = _pack(tmp_path, f"{NO_RATIONALE}, at: place}}\n"
                 "      - {expect: pass, proposal: clean.yaml, at: place}")
    assert _misfires(pack) == ["`at:` says where a finding points; a passing test has none"]


def test_at_must_be_a_place_in_the_proposal(tmp_path: Path) -> None:
    with pytest.raises(PackError, match=r"rules\.yaml:13:.*`rules\.0\.tests\.1\.at`"):
        load_pack(_pack(tmp_path, f'{NO_RATIONALE}, at: "governance[*].members"}}'))


def test_a_rule_must_implement_lines_of_its_catalogue(tmp_path: Path) -> None:
    problems = _misfires(_pack(tmp_path, f"{NO_RATIONALE}, at: place}}", implements="X9"))
    assert problems == ["implements X9, which is not a line of the pack's catalogue"]


def test_a_finding_must_carry_the_rule_and_its_catalogue_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import dataclasses

    import placecheck.lint

    pack = _pack(tmp_path, f"{NO_RATIONALE}, at: place}}")
    real = placecheck.lint.lint_document

    def relabelled(doc, rules, **changes):  # type: ignore[no-untyped-def]
        return [dataclasses.replace(f, **changes) for f in real(doc, rules)]

    monkeypatch.setattr(placecheck.lint, "lint_document",
                        lambda doc, rules: relabelled(doc, rules, implements=("X2",)))
    assert _misfires(pack) == ["the finding names catalogue lines X2, but the rule "
                               "implements X1"]
    monkeypatch.setattr(placecheck.lint, "lint_document",
                        lambda doc, rules: relabelled(doc, rules, rule_id="X-2"))
    problems = _misfires(pack)
    assert problems[0].startswith("a finding from X-2, not X-1")
