"""A folder's proposals are found however the author's editor saved them; the rest is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from placecheck.discovery import find, is_proposal

from .conftest import run_cli

PROPOSAL = "placecheck: 1\nkind: place\n"
PADDING = "".join(f"# a long comment line, number {i:04d}, to pass the first 4 KB\n"
                  for i in range(200))


@pytest.mark.parametrize(("name", "content"), [
    ("plain", PROPOSAL.encode()),
    ("byte-order mark", b"\xef\xbb\xbf" + PROPOSAL.encode()),
    ("quoted key", b'"placecheck": 1\nkind: place\n'),
    ("single-quoted key", b"'placecheck': 1\nkind: place\n"),
    ("one-line mapping", b"{placecheck: 1, kind: place}\n"),
    ("one-line mapping after comments", b"# Riverton\n\n{kind: place, placecheck: 1}\n"),
    ("key after 4 KB", (PADDING + PROPOSAL).encode()),
    ("document start", b"---\nplacecheck: 1\n"),
    ("UTF-16 from Notepad", PROPOSAL.encode("utf-16")),
    ("UTF-16 without a mark", PROPOSAL.encode("utf-16-le")),
])
def test_proposals_are_recognised(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    assert is_proposal(path), name


@pytest.mark.parametrize("content", [
    "name: not a proposal\n",
    "jobs:\n  placecheck:\n    runs-on: ubuntu-latest\n",   # a nested key, not top level
    "# placecheck: 1 is what a proposal starts with\nname: x\n",
    "- placecheck: 1\n",
])
def test_other_yaml_is_not_a_proposal(tmp_path: Path, content: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(content, encoding="utf-8")
    assert not is_proposal(path)


def test_every_yaml_file_not_linted_is_counted(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.yaml").write_text(PROPOSAL)
    (tmp_path / "sub" / "b.YML").write_bytes(b"\xef\xbb\xbf" + PROPOSAL.encode())
    (tmp_path / "ci.yml").write_text("on: push\n")
    (tmp_path / "notes.txt").write_text("placecheck: 1\n")
    found = find([tmp_path])
    assert sorted(p.name for p in found.proposals) == ["a.yaml", "b.YML"]
    assert [p.name for p in found.not_proposals] == ["ci.yml"]


def test_lint_names_the_yaml_files_it_did_not_check(tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_bytes(b"\xef\xbb\xbf" + PROPOSAL.encode())
    (tmp_path / "ci.yml").write_text("on: push\n")
    (tmp_path / "other.yaml").write_text("name: x\n")
    result = run_cli("lint", str(tmp_path))
    assert "in 1 file" in result.stdout
    assert "2 YAML files are not proposals" in result.stderr
    assert "ci.yml" in result.stderr and "other.yaml" in result.stderr


def test_a_folder_without_proposals_says_so(tmp_path: Path) -> None:
    (tmp_path / "ci.yml").write_text("on: push\n")
    result = run_cli("lint", str(tmp_path))
    assert "no proposals found in" in result.stderr
    assert "1 YAML file is not a proposal" in result.stderr
