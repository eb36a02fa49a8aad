"""Property-based tests: the loader and the linter against inputs nobody wrote by hand.

    (a) arbitrary YAML-ish text never raises anything but LoadError;
    (b) mutated examples never raise, and every finding points inside the file;
    (c) the order of list entries and mapping keys does not change the findings;
    (d) re-dumping a loaded example with yaml.safe_dump changes no finding.

The default run is quick (well under a minute for the whole file). For a
deeper run, set PLACECHECK_HYPOTHESIS=thorough: every property then tries 20
times as many inputs. `pytest --hypothesis-show-statistics` prints how many
inputs each property tried.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

from placecheck.findings import Finding
from placecheck.lint import lint_document
from placecheck.loading import Document, LoadError, load_path, load_text
from placecheck.rules.selection import load_packs, select_rules

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
PLACE_EXAMPLES = [p for p in EXAMPLES if "kind: place" in p.read_text(encoding="utf-8")]

PROFILE = os.environ.get("PLACECHECK_HYPOTHESIS", "default")
SCALE = {"default": 1, "thorough": 20}.get(PROFILE, 1)
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]
settings.register_profile("default", deadline=None, print_blob=True, phases=PHASES,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", deadline=None, print_blob=True, phases=PHASES,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.data_too_large])
settings.load_profile(PROFILE if PROFILE in ("default", "thorough") else "default")


def examples(n: int) -> int:
    """How many inputs a property tries: n by default, 20n when thorough."""
    return n * SCALE


RULES = select_rules(load_packs())


def lint(doc: Document) -> list[Finding]:
    return lint_document(doc, RULES)


def signature(findings: list[Finding]) -> Counter[tuple[str, str]]:
    return Counter((f.rule_id, f.message) for f in findings)


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


# --- (a) arbitrary YAML-ish text -------------------------------------------------------

ALPHABET = ":-[]{}&*!|>'\"#%@\n\t ,?.~_\\" + "abcxyz" + "019" + "é\u2028\x1b"
TOKENS = [
    "placecheck: 1\n", "kind: place\n", "kind: system\n", "place:\n  name: R\n",
    "organisations:\n", "  - ", "id: ", "name: ", "kind: icb", "people:\n", "functions:\n",
    "governance:\n", "members:\n", "places:\n", "departures:\n", "- rule: TP-B7\n",
    "&a ", "*a", "<<: ", "!!str ", "!!int ", "!x ", "? ", "---\n", "...\n", "%YAML 1.1\n",
    "yes", "no", "~", ".nan", "-.inf", "0x1F", "0o17", "1_000", "2023-02-30", "2024-01-01",
    "1:30", "'q'", '"\\e[31m"', '"\\x00"', "|\n  block\n", ">-\n  folded\n", "{", "}", "[", "]",
    "\n  ", "\n    ", "\n\t", "# c\n",
]
yamlish = st.lists(
    st.one_of(st.sampled_from(TOKENS), st.text(alphabet=ALPHABET, max_size=12)),
    max_size=40,
).map("".join)


@settings(max_examples=examples(1000), deadline=None)
@given(text=yamlish)
def test_arbitrary_text_raises_only_load_error(text: str, tmp_path_factory: Any) -> None:
    name = str(_scratch(tmp_path_factory) / "fuzz.yaml")
    try:
        doc = load_text(text, name)
    except LoadError as exc:
        assert "\n" not in str(exc) and "\x1b" not in str(exc)
        event("refused by the loader")
        return
    findings = lint(doc)
    event(f"linted: kind {doc.data.get('kind')!r}"[:40] if "placecheck" in doc.data
          else "linted: no `placecheck:`")
    _check_locations(findings, doc, text)


EXAMPLE_LINES = {p: p.read_text(encoding="utf-8").split("\n") for p in EXAMPLES}


@st.composite
def spliced(draw: Any) -> str:
    """An example with a few lines replaced by (or given) YAML-ish text: mostly a proposal."""
    lines = list(EXAMPLE_LINES[draw(st.sampled_from(EXAMPLES))])
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        if ": " in line and draw(st.booleans()):  # a new value for the key on this line
            lines[at] = line[: line.index(": ") + 2] + draw(st.one_of(
                st.sampled_from(VALUES), st.text(alphabet=ALPHABET, max_size=12)))
        else:
            lines[at] = line[: draw(st.integers(0, len(line)))] + draw(yamlish)
    return "\n".join(lines)


VALUES = ["yes", "no", "~", "", ".nan", "-.inf", "0x1F", "1_000", "2023-02-30", "2024-01-01",
          "1:30", "[]", "{}", "[a, b]", "{a: 1}", '"\\e[31m"', "*a", "&a x", "!!str 3", "TODO",
          "-1", "12345678901234567890", "'text'", "|\n  block", "true", "null"]


@settings(max_examples=examples(300), deadline=None)
@given(text=spliced())
def test_spliced_examples_raise_only_load_error(text: str, tmp_path_factory: Any) -> None:
    test_arbitrary_text_raises_only_load_error.hypothesis.inner_test(  # type: ignore[attr-defined]
        text, tmp_path_factory)


_SCRATCH: list[Path] = []


def _scratch(factory: Any) -> Path:
    """A directory of its own, so a fuzzed system file finds no place files."""
    if not _SCRATCH:
        _SCRATCH.append(factory.mktemp("fuzz"))
    return _SCRATCH[0]


def _check_locations(findings: list[Finding], doc: Document, text: str) -> None:
    lines = text.split("\n")
    for finding in findings:
        loc = finding.location
        if loc.file != doc.file:
            continue
        assert 1 <= loc.line <= doc.line_count, (finding.rule_id, loc, doc.line_count)
        assert loc.line <= len(lines), (finding.rule_id, loc)
        assert 1 <= loc.column <= len(lines[loc.line - 1]) + 1, (
            finding.rule_id, loc, lines[loc.line - 1])


# --- (b) mutations of the bundled examples ------------------------------------------------

Path_ = tuple[str | int, ...]


def _containers(value: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Every mapping and list in the document, with its path."""
    found: list[tuple[Path_, Any]] = []
    if isinstance(value, dict):
        found.append((path, value))
        for key, item in value.items():
            found += _containers(item, (*path, key))
    elif isinstance(value, list):
        found.append((path, value))
        for i, item in enumerate(value):
            found += _containers(item, (*path, i))
    return found


OTHER_VALUES: list[Any] = [
    None, 0, -1, 3.5, math.nan, math.inf, True, False, "", "TODO", "some text", "\x1b[31m",
    [], {}, ["x"], {"a": 1}, dt.date(2024, 2, 29), "2023-02-30", 10**25, "yes",
]


def _pick(draw: Any, found: list[tuple[Path_, Any]]) -> tuple[Path_, Any]:
    """One of the containers (drawn by index, so a failure report stays short)."""
    return found[draw(st.integers(0, len(found) - 1))]


def _mutate(data: Any, draw: Any) -> str:
    kind = draw(st.sampled_from(["delete", "retype", "rename-id", "shuffle", "duplicate"]))
    containers = _containers(data)
    if kind == "delete":
        path, target = _pick(draw, [c for c in containers if isinstance(c[1], dict) and c[1]])
        key = draw(st.sampled_from(sorted(target)))
        del target[key]
        return f"delete {(*path, key)}"
    if kind == "retype":
        path, parent = _pick(draw, [c for c in containers if c[1]])
        key = draw(st.sampled_from(sorted(parent) if isinstance(parent, dict)
                                   else range(len(parent))))
        old = parent[key]
        choices = [v for v in OTHER_VALUES if type(v) is not type(old)]
        parent[key] = copy.deepcopy(draw(st.sampled_from(choices)))
        return f"retype {(*path, key)} to {parent[key]!r}"
    if kind == "rename-id":
        entities = [c for c in containers if isinstance(c[1], dict)
                    and isinstance(c[1].get("id"), str)]
        if not entities:
            return "rename-id (none)"
        path, target = _pick(draw, entities)
        target["id"] = draw(st.sampled_from(
            ["renamed", target["id"] + "-x", target["id"].upper(), "a b", ""]))
        return f"rename-id {path} to {target['id']!r}"
    if kind == "shuffle":
        lists = [c for c in containers if isinstance(c[1], list) and len(c[1]) > 1]
        if not lists:
            return "shuffle (none)"
        path, target = _pick(draw, lists)
        order = draw(st.permutations(range(len(target))))
        target[:] = [target[i] for i in order]
        return f"shuffle {path} to {order}"
    lists = [c for c in containers if isinstance(c[1], list) and c[1]]
    if not lists:
        return "duplicate (none)"
    path, target = _pick(draw, lists)
    index = draw(st.integers(0, len(target) - 1))
    at = draw(st.integers(0, len(target)))
    target.insert(at, copy.deepcopy(target[index]))
    return f"duplicate {(*path, index)} at {at}"


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
@settings(max_examples=examples(40), deadline=None)
@given(data=st.data())
def test_mutated_examples_never_crash_and_point_inside_the_file(example: Path,
                                                                 data: st.DataObject) -> None:
    doc = load_path(example, str(example))
    mutated = copy.deepcopy(doc.data)
    done = [_mutate(mutated, data.draw) for _ in range(data.draw(st.integers(1, 4)))]
    note(f"mutations: {done}")
    text = dump(mutated)
    try:
        again = load_text(text, str(example))
    except LoadError:
        # yaml.safe_dump writes what it is given; the loader may refuse it (a
        # 25-digit number, say), but only ever with a LoadError.
        return
    _check_locations(lint(again), again, text)


# --- (c) order independence ------------------------------------------------------------------

ORDERED_LISTS = ("organisations", "people", "functions", "governance")


def _reorder(value: Any, rnd: random.Random) -> Any:
    """Shuffle the order of every mapping's keys, recursively."""
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _reorder(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_reorder(v, rnd) for v in value]
    return value


def _shuffle_entities(data: dict[str, Any], draw: Any) -> None:
    def shuffle(items: list[Any]) -> list[Any]:
        order = draw(st.permutations(range(len(items))))
        return [items[i] for i in order]

    for name in ORDERED_LISTS:
        if isinstance(data.get(name), list):
            data[name] = shuffle(data[name])
    for body in data.get("governance") or []:
        if isinstance(body, dict) and isinstance(body.get("members"), list):
            body["members"] = shuffle(body["members"])


@pytest.mark.parametrize("example", PLACE_EXAMPLES, ids=lambda p: p.name)
@settings(max_examples=examples(15), deadline=None)
@given(data=st.data())
def test_order_of_entries_and_keys_does_not_change_findings(example: Path,
                                                            data: st.DataObject) -> None:
    original = load_path(example, str(example))
    text = dump(original.data)
    shuffled = copy.deepcopy(original.data)
    _shuffle_entities(shuffled, data.draw)
    if data.draw(st.booleans(), label="reorder keys"):
        # One drawn generator for the whole tree: drawing a permutation per
        # mapping makes more choices than Hypothesis keeps for one example.
        shuffled = _reorder(shuffled, data.draw(st.randoms(use_true_random=False)))
    before = signature(lint(load_text(text, str(example))))
    after = signature(lint(load_text(dump(shuffled), str(example))))
    assert _without_lines(before) == _without_lines(after)


def _without_lines(found: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Messages may quote a line number (`first at line 12`): that is a location."""
    return Counter({(rule, re.sub(r"\bline \d+", "line N", message)): n
                    for (rule, message), n in found.items()})


# --- (d) re-dumping ----------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_redumped_example_gives_the_same_findings(example: Path) -> None:
    doc = load_path(example, str(example))
    text = dump(doc.data)  # before linting: derive() fills in values
    again = load_text(text, str(example))
    assert again.data == load_path(example, str(example)).data
    assert signature(lint(doc)) == signature(lint(again))


@settings(max_examples=examples(30), deadline=None)
@given(example=st.sampled_from(EXAMPLES), width=st.integers(20, 200),
       flow=st.sampled_from([None, True, False]))
def test_redumped_in_any_style_gives_the_same_findings(example: Path, width: int,
                                                       flow: bool | None) -> None:
    doc = load_path(example, str(example))
    text = yaml.safe_dump(doc.data, sort_keys=False, allow_unicode=True, width=width,
                          default_flow_style=flow)
    again = load_text(text, str(example))
    assert signature(lint(doc)) == signature(lint(again))


# --- Regressions the properties found -----------------------------------------------------


@pytest.mark.parametrize("breaker", ["\u2028", "\u2029", "\x85", "\r"])
def test_positions_count_lines_by_newline_only(breaker: str) -> None:
    # Found by (a): YAML also breaks lines at CR, NEL and U+2028/9 (even inside
    # quotes), so its line numbers pointed past the end of a one-line file.
    doc = load_text(f'placecheck: 1\nname: "a{breaker}b"\nkind: other\n', "p.yaml")
    assert doc.positions[("kind",)] == (3, 7)
    with pytest.raises(LoadError) as caught:
        load_text(f'a: "x{breaker}y"\nb: [\n', "p.yaml")
    assert (caught.value.line, caught.value.column) == (3, 1)
