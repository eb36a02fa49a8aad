"""`placecheck init`: a starting proposal that passes the format checks and is all gaps."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from placecheck import init_template
from placecheck.geography import load_geography
from placecheck.lint import lint_document
from placecheck.loading import load_path, load_text
from placecheck.model.proposal import PlaceProposal

from .conftest import ROOT, run_cli


def lint_json(path: Path) -> dict[str, Any]:
    result = run_cli("lint", str(path), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def run_init(*args: str, answers: str | None = None, cwd: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "placecheck", "init", *args],
                          input=answers, cwd=cwd or ROOT, capture_output=True, text=True,
                          timeout=60)


def test_fresh_init_passes_the_format_checks_and_is_flagged_by_the_rules(tmp_path: Path) -> None:
    target = tmp_path / "riverton.yaml"
    result = run_init(str(target))
    assert result.returncode == 0, result.stderr
    assert "Wrote" in result.stdout
    report = lint_json(target)
    codes = [f["rule_id"] for f in report["findings"]]
    # Only its placeholders are format findings: one each, never a silent pass.
    assert not [c for c in codes if c.startswith("F") and c != "F015"], codes
    assert codes.count("F015") == len(template_placeholders(init_template.template_text()))
    assert len(codes) >= 40
    assert report["summary"]["error"] >= 10
    # The placeholders are what the rules report: names, text, codes, lists.
    messages = " ".join(f["message"] for f in report["findings"])
    assert "placeholder" in messages and "is not stated" in messages
    for rule in ("TP-B1-CODES", "TP-B6", "TP-S1", "TP-S2", "TP-D3", "TP-D13", "TP-D14",
                 "TP-C1", "TP-M1", "TP-P1", "TP-P2", "TP-B5", "TP-B8", "TP-D18"):
        assert rule in codes, rule
    assert run_cli("lint", str(target)).returncode == 1


# The placeholders the template writes, found independently of the loader: quoted
# "TODO..." or "...<...>..." text, and null or [] marked `# TODO`, outside comment lines.
_PLACEHOLDER = re.compile(r'"(TODO[^"]*|[^"]*<[A-Za-z][^"<>]*>[^"]*)"'
                          r'|(?<=[\s,{:])(null|\[\])(?=[^#]*#\s*TODO)')


def template_placeholders(text: str) -> list[tuple[int, int, int]]:
    """(line, start, end) of each placeholder, in order."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.lstrip().startswith("#"):
            found += [(number, m.start(), m.end()) for m in _PLACEHOLDER.finditer(line)]
    return found


def _filled(text: str, keep: tuple[int, int, int] | None) -> str:
    lines = text.split("\n")
    for spot in reversed(template_placeholders(text)):
        if spot == keep:
            continue
        number, start, end = spot
        line = lines[number - 1]
        old = line[start:end]
        new = '"Agreed"' if old.startswith('"') else ("[Agreed]" if old == "[]" else "1")
        lines[number - 1] = line[:start] + new + line[end:]
    return "\n".join(lines)


def _placeholder_lines(text: str) -> list[int]:
    """The lines of the F015 findings that linting the text gives (format checks only)."""
    doc = load_text(text, "p.yaml", notes=True)
    return [f.location.line for f in lint_document(doc, []) if f.rule_id == "F015"]


def test_every_template_placeholder_left_in_is_a_finding_at_its_line() -> None:
    text = init_template.template_text()
    spots = template_placeholders(text)
    assert len(spots) >= 40
    assert _placeholder_lines(_filled(text, None)) == []
    for spot in spots:
        assert _placeholder_lines(_filled(text, spot)) == [spot[0]], (
            spot, text.split("\n")[spot[0] - 1])


def test_template_covers_every_section_of_the_format() -> None:
    text = init_template.template_text()
    doc = load_path(ROOT / "src/placecheck/data/proposal-template.yaml")
    assert set(doc.data) == set(PlaceProposal.model_fields)
    assert not doc.diagnostics
    for key in ("foundation_trust", "representation", "contract", "explanation",
                "review_by", "part:"):
        assert key in text, key  # shown in comments where a value would be wrong


def test_init_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "proposal.yaml"
    target.write_text("placecheck: 1\n# mine\n", encoding="utf-8")
    refused = run_init(str(target))
    assert refused.returncode == 2
    assert "already exists" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "placecheck: 1\n# mine\n"
    interactive = run_init(str(target), "--interactive", answers="Riverton\n")
    assert interactive.returncode == 2  # refused before asking anything
    assert "Place name" not in interactive.stdout
    assert target.read_text(encoding="utf-8") == "placecheck: 1\n# mine\n"
    forced = run_init(str(target), "--force")
    assert forced.returncode == 0
    written = target.read_text(encoding="utf-8")
    assert written.split("\n", 1)[1] == init_template.template_text()


def test_init_writes_the_schema_line_editors_use(tmp_path: Path) -> None:
    target = tmp_path / "riverton.yaml"
    assert run_init(str(target)).returncode == 0
    first = target.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith("# yaml-language-server: $schema=")
    schema = (tmp_path / first.split("=", 1)[1]).resolve()
    assert schema.name == "proposal.schema.json"
    assert json.loads(schema.read_text(encoding="utf-8"))["title"]


def test_init_into_a_folder_named_with_a_slash(tmp_path: Path) -> None:
    result = run_init("places/", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "places" / "proposal.yaml").is_file()
    assert not (tmp_path / "places").is_file()


def test_interactive_accepts_a_councils_name(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    answers = "\n".join(["Sunderland", "E54000050", "Sunderland City Council", "3"]) + "\n"
    result = run_init(str(target), "--interactive", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    las = load_path(target).data["place"]["local_authorities"]
    assert [la["code"] for la in las] == ["E08000024"]


def test_interactive_names_and_codes_mixed_and_an_unknown_name() -> None:
    geography = load_geography()
    asked = iter(["Gateshead", "E54000050", "Gatesbed, E08000024", "gateshead, E08000024", "3"])
    said: list[str] = []
    answers = init_template.ask(lambda question, default: next(asked), said.append, geography)
    assert [la.code for la in answers.local_authorities] == ["E08000037", "E08000024"]
    assert any("no local authority is called 'Gatesbed'; nearest: E08000037 (Gateshead)" in s
               for s in said), said


def test_init_default_path_and_folder(tmp_path: Path) -> None:
    assert run_init(cwd=tmp_path).returncode == 0
    assert (tmp_path / "proposal.yaml").is_file()
    folder = tmp_path / "places"
    folder.mkdir()
    assert run_init(str(folder)).returncode == 0
    assert (folder / "proposal.yaml").is_file()
    missing = run_init(str(tmp_path / "no" / "such.yaml"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_interactive_fills_in_and_reasks_on_an_unknown_code(tmp_path: Path) -> None:
    target = tmp_path / "sunderland.yaml"
    answers = "\n".join([
        "Sunderland",
        "north east and north cumbria",   # part of the ICB's name
        "E08000099",                      # unknown: re-asked, with the nearest codes
        "E08000016",                      # Barnsley: in another ICB, re-asked
        "E08000024",                      # Sunderland
        "3",                              # committee of a statutory body
    ]) + "\n"
    result = run_init(str(target), "--interactive", answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "E08000099 is not a current local authority code; nearest: E08000037 (Gateshead)" \
        in out
    assert "E08000016 (Barnsley) is not in NHS North East and North Cumbria" in out
    assert out.count("Please give the codes again.") == 2
    doc = load_path(target)
    place = doc.data["place"]
    assert place["name"] == "Sunderland"
    assert place["ics"] == {"name": "NHS North East and North Cumbria Integrated Care Board",
                            "code": "E54000050"}
    assert place["local_authorities"] == [
        {"name": "Sunderland", "code": "E08000024", "tier": "metropolitan_district"}]
    assert place["population"] == 274173
    assert doc.data["governance"][0]["name"] == "Sunderland Place Committee"
    assert {"id": "council", "name": "Sunderland", "kind": "local_authority",
            "code": "E08000024"} in doc.data["organisations"]
    report = lint_json(target)
    codes = {f["rule_id"] for f in report["findings"]}
    assert not {c for c in codes if c.startswith("F") and c != "F015"}
    assert not codes & {"TP-B1", "TP-B1-CODES", "TP-B1-DOC", "TP-B6"}  # the answers fix these
    assert "TP-S1" in codes and "TP-C1" in codes  # the rest is still to write


def test_interactive_end_of_input_aborts_without_writing(tmp_path: Path) -> None:
    target = tmp_path / "p.yaml"
    result = run_init(str(target), "--interactive", answers="Riverton\n")
    assert result.returncode == 2 and not target.exists()


def test_fill_split_authorities_and_other_models() -> None:
    geography = load_geography()
    cumberland = geography.local_authority("E06000063")
    icb = geography.icb("E54000050")
    assert cumberland is not None and cumberland.is_split and icb is not None
    carlisle = init_template.Answers("North Cumbria", icb, [cumberland], "other")
    text = init_template.fill(init_template.template_text(), carlisle)
    assert 'part: "<which part of Cumberland lies in NHS North East' in text
    assert "population: null" in text  # a split authority's share is for the partners
    assert "model: other" in text and 'explanation: "TODO:' in text


def test_fill_several_authorities_and_quoting() -> None:
    geography = load_geography()
    icb = geography.icb("E54000050")
    las = [geography.local_authority(c) for c in ("E08000021", "E08000022")]
    assert icb is not None and all(las)
    answers = init_template.Answers('North "Tyne" \\ place', icb,
                                    [la for la in las if la is not None])
    text = init_template.fill(init_template.template_text(), answers)
    assert "{id: council, name: \"Newcastle upon Tyne\"" in text
    assert "{id: council-2, name: \"North Tyneside\"" in text
    data = yaml.safe_load(text)
    assert data["place"]["name"] == 'North "Tyne" \\ place'
    assert len(data["place"]["local_authorities"]) == 2


@pytest.mark.parametrize("answer,model", [("1", "consultative_forum"),
                                          ("joint committee", "joint_committee"),
                                          ("lead_provider", "lead_provider"), ("", None)])
def test_model_answers(answer: str, model: str | None) -> None:
    said: list[str] = []
    answers = iter([answer])

    def prompt(question: str, default: str | None) -> str:
        value = next(answers)
        return value or (default or "")

    chosen = init_template._ask_model(prompt, said.append)
    assert chosen == (model or init_template.DEFAULT_MODEL)
