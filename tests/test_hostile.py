"""Hostile and broken input, end to end through the real command line.

CI runs `placecheck lint` on pull requests from anyone with write access, and
proposals are typed by hand, so every file here is something that will turn
up sooner or later. Whatever arrives, placecheck must:

* exit 0 (clean), 1 (findings) or 2 (could not read the input), never crash;
* finish promptly (every run has a 20-second timeout; bombs must be refused in
  well under 2 seconds);
* print one line on stderr for an unreadable file, naming the file (and the
  line:column where there is one), and never a Python traceback;
* never run or build anything the file asks for (`!!python/...` tags);
* never let a terminal control sequence from the file reach the output raw.

The small fixtures live in tests/hostile/; the big ones are generated here.
docs/security.md maps each defence to the tests below.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
HOSTILE = Path(__file__).resolve().parent / "hostile"
LIMIT = 5 * 1024 * 1024  # loading.DEFAULT_MAX_BYTES
# A hang guard, not a speed test: every run here takes well under a second, but a
# busy CI machine must not turn noise into failures (speed is the benchmarks' job).
TIMEOUT = 60


@dataclass
class Run:
    code: int
    stdout: bytes
    stderr: bytes
    elapsed: float

    @property
    def out(self) -> str:
        return self.stdout.decode("utf-8", "replace")

    @property
    def err(self) -> str:
        return self.stderr.decode("utf-8", "replace")


def lint(cwd: Path, *args: str) -> Run:
    """`python -m placecheck lint ARGS` in a new process, as CI runs it."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "placecheck", "lint", *args],
        cwd=cwd,
        capture_output=True,
        timeout=TIMEOUT,
        env={**os.environ, "NO_COLOR": "1", "PLACECHECK_DEBUG": ""},
    )
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - started)


def check_sane(run: Run) -> None:
    """What holds for every run, whatever the input."""
    assert run.code in (0, 1, 2), run.err
    assert b"Traceback" not in run.stderr and b"Traceback" not in run.stdout, run.err
    assert "internal error" not in run.err, run.err
    assert b"\x1b" not in run.stdout and b"\x1b" not in run.stderr


def check_refused(run: Run, name: str, where: bool | str = False,
                  says: str | None = None) -> str:
    """Exit 2 and exactly one line on stderr naming the file; returns that line.

    `where=True` asks for some line:column after the file name; a string asks
    for that exact `line:column`.
    """
    check_sane(run)
    assert run.code == 2, (run.code, run.err, run.out[-500:])
    lines = run.err.splitlines()
    assert len(lines) == 1, run.err
    line = lines[0]
    assert line.startswith(f"placecheck: {name}"), line
    if where is True:
        assert re.match(rf"placecheck: {re.escape(name)}:\d+:\d+: \S", line), line
    elif where:
        assert line.startswith(f"placecheck: {name}:{where}: "), line
    if says is not None:
        assert says in line, line
    return line


def check_findings(run: Run, code: int = 1) -> None:
    """The file was read: findings (or none) on stdout, nothing on stderr."""
    check_sane(run)
    assert run.code == code, (run.code, run.err, run.out[-2000:])
    assert run.err == "", run.err


def fixture(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copyfile(HOSTILE / name, target)
    return target


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    target = tmp_path / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return target


PLACE = "placecheck: 1\nkind: place\nplace:\n  name: Riverton\n"


# --- Broken YAML --------------------------------------------------------------


def test_truncated_yaml(tmp_path: Path) -> None:
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    cut = text.index("{name: NHS North East")  # inside a flow mapping
    write(tmp_path, "truncated.yaml", text[: cut + 20])
    check_refused(lint(tmp_path, "truncated.yaml"), "truncated.yaml", where=True)


@pytest.mark.parametrize("fraction", [0.1, 0.37, 0.5, 0.81, 0.99])
def test_any_prefix_of_an_example_is_refused_or_linted(tmp_path: Path, fraction: float) -> None:
    text = (EXAMPLES / "sunderland-draft.yaml").read_text(encoding="utf-8")
    write(tmp_path, "prefix.yaml", text[: int(len(text) * fraction)])
    run = lint(tmp_path, "prefix.yaml")
    check_sane(run)
    if run.code == 2:
        check_refused(run, "prefix.yaml", where=True)


def test_tabs_for_indentation(tmp_path: Path) -> None:
    fixture(tmp_path, "tabs.yaml")
    check_refused(lint(tmp_path, "tabs.yaml"), "tabs.yaml", "4:1", says="tab")


def test_wrong_indentation(tmp_path: Path) -> None:
    fixture(tmp_path, "wrong-indent.yaml")
    check_refused(lint(tmp_path, "wrong-indent.yaml"), "wrong-indent.yaml", "5:3",
                  says="indentation")


def test_multiple_yaml_documents(tmp_path: Path) -> None:
    fixture(tmp_path, "multiple-documents.yaml")
    check_refused(lint(tmp_path, "multiple-documents.yaml"), "multiple-documents.yaml", "4:1",
                  says="more than one YAML document")


# --- Not YAML text at all ---------------------------------------------------------


def test_binary_file(tmp_path: Path) -> None:
    noise = random.Random(20240101).randbytes(4096)
    write(tmp_path, "binary.yaml", b"placecheck: 1\n" + noise + b"\x00\x00" + noise)
    check_refused(lint(tmp_path, "binary.yaml"), "binary.yaml", says="binary")


def test_random_bytes_without_nul_are_not_utf8(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(7).randbytes(4096) if b)
    write(tmp_path, "noise.yaml", b"placecheck: 1\nkind: place\n" + noise)
    check_refused(lint(tmp_path, "noise.yaml"), "noise.yaml", where=True, says="UTF-8")


def test_utf16_with_bom_is_refused_with_advice(tmp_path: Path) -> None:
    text = (EXAMPLES / "gateshead.yaml").read_text(encoding="utf-8")
    write(tmp_path, "utf16.yaml", text.encode("utf-16"))  # with its BOM
    check_refused(lint(tmp_path, "utf16.yaml"), "utf16.yaml", says="UTF-16")


def test_utf8_with_bom_works(tmp_path: Path) -> None:
    source = EXAMPLES / "nottinghamshire" / "nottingham-city.yaml"
    write(tmp_path, "bom.yaml", b"\xef\xbb\xbf" + source.read_bytes())
    run = lint(tmp_path, "bom.yaml")
    check_findings(run, code=0)
    assert "All clear" in run.out


def test_empty_file(tmp_path: Path) -> None:
    write(tmp_path, "empty.yaml", "")
    check_refused(lint(tmp_path, "empty.yaml"), "empty.yaml", says="empty")


def test_comments_only(tmp_path: Path) -> None:
    fixture(tmp_path, "comments-only.yaml")
    check_refused(lint(tmp_path, "comments-only.yaml"), "comments-only.yaml", says="empty")


def test_list_at_the_top_level(tmp_path: Path) -> None:
    fixture(tmp_path, "top-level-list.yaml")
    check_refused(lint(tmp_path, "top-level-list.yaml"), "top-level-list.yaml", "1:1",
                  says="found a list")


def test_scalar_at_the_top_level(tmp_path: Path) -> None:
    fixture(tmp_path, "top-level-scalar.yaml")
    check_refused(lint(tmp_path, "top-level-scalar.yaml"), "top-level-scalar.yaml", "1:1",
                  says="found a single value")


# --- Values YAML reads into something odd ---------------------------------------


def test_huge_integer(tmp_path: Path) -> None:
    write(tmp_path, "huge.yaml", PLACE + "  population: " + "9" * 10_000 + "\n")
    run = lint(tmp_path, "huge.yaml")
    check_refused(run, "huge.yaml", "5:15", says="too long")
    assert len(run.err) < 300  # the number is not echoed in full


@pytest.mark.parametrize(("name", "shown"), [("nan-population.yaml", "nan"),
                                             ("inf-population.yaml", "-inf")])
def test_nan_and_infinity_in_population(tmp_path: Path, name: str, shown: str) -> None:
    fixture(tmp_path, name)
    run = lint(tmp_path, name)
    check_findings(run)
    assert re.search(rf"{name}:5:15 +ERROR +F004 +`population` should be a whole number, "
                     rf"found the number {re.escape(shown)}\n", run.out), run.out


def test_infinite_amount_is_not_a_number(tmp_path: Path) -> None:
    fixture(tmp_path, "inf-population.yaml")
    run = lint(tmp_path, "inf-population.yaml")
    check_findings(run)
    assert "F004  `amount_gbp` should be a number, found the number inf" in run.out


def test_one_megabyte_single_line_string(tmp_path: Path) -> None:
    write(tmp_path, "long.yaml", PLACE.replace("Riverton", "R" + "i" * 1_000_000) + "x: 1\n")
    run = lint(tmp_path, "long.yaml")
    check_findings(run)
    assert "unknown key `x`" in run.out


# --- Resource exhaustion --------------------------------------------------------------


def test_deeply_nested_flow_maps(tmp_path: Path) -> None:
    depth = 10_000
    write(tmp_path, "deep-flow.yaml", PLACE + "deep: " + "{a: " * depth + "1" + "}" * depth + "\n")
    check_refused(lint(tmp_path, "deep-flow.yaml"), "deep-flow.yaml", where=True,
                  says="nested too deeply")


def test_deeply_nested_block_maps(tmp_path: Path) -> None:
    # 10,000 levels of block mappings need over 5 MB of indentation, so keep
    # the levels that fit in the limit (1,500 at one space each) ...
    depth = 1_500
    lines = [PLACE + "deep:"] + [" " * i + "a:" for i in range(1, depth + 1)]
    write(tmp_path, "deep-block.yaml", "\n".join(lines) + " 1\n")
    check_refused(lint(tmp_path, "deep-block.yaml"), "deep-block.yaml", where=True,
                  says="nested too deeply")


def test_ten_thousand_levels_of_block_maps_hit_the_size_limit(tmp_path: Path) -> None:
    # ... and the full 10,000 levels, which the size limit refuses unread.
    depth = 10_000
    with (tmp_path / "deep-block-10k.yaml").open("w", encoding="utf-8") as handle:
        handle.write(PLACE + "deep:\n")
        for i in range(1, depth + 1):
            handle.write(" " * i + "a:\n")
    check_refused(lint(tmp_path, "deep-block-10k.yaml"), "deep-block-10k.yaml",
                  says="limit")


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_nesting_far_past_the_c_stack(tmp_path: Path, opener: str) -> None:
    # A million levels used to overflow the C stack in PyYAML's composer
    # (a segfault, exit -11) before any limit was checked.
    depth = 1_000_000 if opener != "{a: " else 500_000
    text = PLACE + "deep:\n  " + opener * depth + "\n"
    write(tmp_path, "very-deep.yaml", text)
    run = lint(tmp_path, "very-deep.yaml")
    check_refused(run, "very-deep.yaml", where=True, says="nested too deeply")


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    fixture(tmp_path, "alias-bomb.yaml")
    run = lint(tmp_path, "alias-bomb.yaml")
    check_refused(run, "alias-bomb.yaml", where=True, says="expands to over")


def test_merge_key_bomb_is_worked_out_once(tmp_path: Path) -> None:
    # Ten `<<` merges of the level below, eleven levels deep: 10^11 pairs if
    # merges are worked out naively; each mapping's merge is computed once.
    fixture(tmp_path, "merge-bomb.yaml")
    run = lint(tmp_path, "merge-bomb.yaml")
    check_findings(run)  # the m0...m11 keys are unknown keys, nothing more


@pytest.mark.parametrize(("name", "where", "says"), [
    ("self-alias.yaml", "4:7", "refers to the list or mapping it is part of"),
    ("self-merge.yaml", "3:8", "merge includes the mapping it is part of"),
])
def test_structures_that_contain_themselves(tmp_path: Path, name: str, where: str,
                                            says: str) -> None:
    fixture(tmp_path, name)
    run = lint(tmp_path, name)
    check_refused(run, name, where, says=says)


def test_many_yes_values_are_summarised(tmp_path: Path) -> None:
    # Every `yes` is a finding (F002); 100,000 of them once took minutes to
    # collect and print. The loader lists 100 and sums up the rest.
    write(tmp_path, "yes.yaml", PLACE + "answers:\n" + "  - yes\n" * 100_000)
    run = lint(tmp_path, "yes.yaml")
    check_findings(run)
    assert run.out.count("F002") == 101
    assert "99,900 more like the 100 above" in run.out


def test_many_unknown_ids_do_not_make_suggestions_quadratic(tmp_path: Path) -> None:
    n = 1500
    lines = [PLACE + "organisations:"]
    lines += [f"  - {{id: org-{i}, name: Org {i}, kind: icb}}" for i in range(n)]
    lines += ["approvals_required:"] + [f"  - {{by: orx-{i}}}" for i in range(n)]
    write(tmp_path, "ids.yaml", "\n".join(lines) + "\n")
    run = lint(tmp_path, "ids.yaml", "--format", "json")
    check_findings(run)
    assert run.out.count('"rule_id": "F006"') == n


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    write(tmp_path, "big.yaml", PLACE + "# " + "x" * LIMIT + "\n")
    run = lint(tmp_path, "big.yaml")
    check_refused(run, "big.yaml", says="limit")


def test_too_many_values_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "wide.yaml", PLACE + "many:\n" + "  - 1\n" * 250_000)
    check_refused(lint(tmp_path, "wide.yaml"), "wide.yaml", where=True,
                  says="over 200,000")


def test_named_pipe_is_not_read(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "pipe.yaml")
    check_refused(lint(tmp_path, "pipe.yaml"), "pipe.yaml", says="not a regular file")


# --- Tags: never build what the file asks for -----------------------------------------


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    pwned = tmp_path / "pwned"
    write(tmp_path, "apply.yaml",
          PLACE + f'x: !!python/object/apply:os.system ["echo pwned > {pwned}"]\n')
    run = lint(tmp_path, "apply.yaml")
    check_refused(run, "apply.yaml", "5:4", says="not allowed")
    assert not pwned.exists()


@pytest.mark.parametrize("tag", [
    "!!python/object/new:subprocess.check_output [[touch, {pwned}]]",
    "!!python/name:os.system",
    "!!python/module:os",
])
def test_other_python_tags_run_nothing(tmp_path: Path, tag: str) -> None:
    pwned = tmp_path / "pwned"
    write(tmp_path, "python.yaml", PLACE + "x: " + tag.format(pwned=pwned) + "\n")
    check_refused(lint(tmp_path, "python.yaml"), "python.yaml", "5:4", says="not allowed")
    assert not pwned.exists()


@pytest.mark.parametrize(("name", "where"), [("include-tag.yaml", "3:8"),
                                             ("binary-tag.yaml", "4:9"),
                                             ("set-tag.yaml", "4:16")])
def test_custom_and_unsafe_tags(tmp_path: Path, name: str, where: str) -> None:
    fixture(tmp_path, name)
    check_refused(lint(tmp_path, name), name, where, says="not allowed")


# --- Duplicates --------------------------------------------------------------------------


def test_duplicate_keys(tmp_path: Path) -> None:
    fixture(tmp_path, "duplicate-keys.yaml")
    run = lint(tmp_path, "duplicate-keys.yaml")
    check_findings(run)
    assert re.search(r"duplicate-keys.yaml:6:3 +ERROR +F001 +`name` appears twice in this "
                     r"mapping \(first at line 4\)", run.out), run.out


def test_duplicate_ids(tmp_path: Path) -> None:
    fixture(tmp_path, "duplicate-ids.yaml")
    run = lint(tmp_path, "duplicate-ids.yaml")
    check_findings(run)
    assert re.search(r"duplicate-ids.yaml:6:10 +ERROR +F008 +the id `riverton-council` is "
                     r"used twice \(first at line 5\)", run.out), run.out


# --- The file system -------------------------------------------------------------------


def test_unreadable_file(tmp_path: Path) -> None:
    target = fixture(tmp_path, "duplicate-ids.yaml")
    target.chmod(0)
    try:
        try:
            target.read_bytes()
        except PermissionError:
            pass
        else:
            pytest.skip("running as root: a chmod 000 file can still be read")
        check_refused(lint(tmp_path, "duplicate-ids.yaml"), "duplicate-ids.yaml",
                      says="permission denied")
    finally:
        target.chmod(0o644)


def test_missing_file(tmp_path: Path) -> None:
    check_refused(lint(tmp_path, "nowhere.yaml"), "nowhere.yaml", says="no such file")


def _symlink_loops(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    shutil.copyfile(EXAMPLES / "nottinghamshire" / "nottingham-city.yaml",
                    tmp_path / "sub" / "good.yaml")
    (tmp_path / "sub" / "up").symlink_to("..")  # a directory loop
    (tmp_path / "sub" / "self").symlink_to("self")
    (tmp_path / "a.yaml").symlink_to("b.yaml")  # a file loop
    (tmp_path / "b.yaml").symlink_to("a.yaml")


def test_directory_containing_a_symlink_loop_exits_cleanly(tmp_path: Path) -> None:
    _symlink_loops(tmp_path)
    run = lint(tmp_path, ".")
    assert run.code in (1, 2)
    assert b"Traceback" not in run.stderr
    assert len(run.err.splitlines()) <= 2
    assert all(re.search(r"[ab]\.yaml", line) for line in run.err.splitlines()), run.err


def test_directory_containing_a_symlink_loop_lints_the_rest(tmp_path: Path) -> None:
    _symlink_loops(tmp_path)
    run = lint(tmp_path, ".", "--format", "json")
    check_sane(run)
    assert run.code == 2
    assert "good.yaml" in run.out  # the good file was still linted
    for line in run.err.splitlines():
        assert re.match(r"placecheck: [ab]\.yaml: .*loop", line), line


def test_system_file_paths_outside_the_directory_are_refused(tmp_path: Path) -> None:
    inner = tmp_path / "repo"
    inner.mkdir()
    (inner / ".git").mkdir()  # the repository root that places must stay inside
    shutil.copyfile(HOSTILE / "system-escapes.yaml", inner / "system-escapes.yaml")
    secret = tmp_path / "outside.yaml"
    shutil.copyfile(EXAMPLES / "nottinghamshire" / "nottingham-city.yaml", secret)
    (inner / "outside-link.yaml").symlink_to(secret)
    run = lint(inner, "system-escapes.yaml")
    check_findings(run)
    out = run.out
    assert re.search(r"system-escapes.yaml:6:5 +ERROR +F010 +`\.\./\.\./etc/passwd` leads "
                     r"outside the repository", out), out
    assert re.search(r"system-escapes.yaml:7:5 +ERROR +F010 +`/etc/passwd` is an absolute "
                     r"path", out), out
    assert re.search(r"system-escapes.yaml:8:5 +ERROR +F010 +`outside-link.yaml` leads "
                     r"outside the repository", out), out
    assert "root:" not in out  # nothing of /etc/passwd was read or echoed
    assert "Nottingham City" not in out  # nor the file the link points at


def test_system_file_listing_itself(tmp_path: Path) -> None:
    fixture(tmp_path, "system-self.yaml")
    run = lint(tmp_path, "system-self.yaml")
    check_findings(run)
    assert re.search(r"system-self.yaml:5:5 +ERROR +F010 +`system-self.yaml` is not a place "
                     r"proposal", run.out), run.out


def test_two_system_files_listing_each_other(tmp_path: Path) -> None:
    fixture(tmp_path, "system-a.yaml")
    fixture(tmp_path, "system-b.yaml")
    run = lint(tmp_path, ".")
    check_findings(run)
    assert re.search(r"system-a.yaml:5:5 +ERROR +F010 +`system-b.yaml` is not a place", run.out)
    assert re.search(r"system-b.yaml:5:5 +ERROR +F010 +`system-a.yaml` is not a place", run.out)


def test_place_file_referring_to_itself(tmp_path: Path) -> None:
    fixture(tmp_path, "place-self-reference.yaml")
    run = lint(tmp_path, "place-self-reference.yaml")
    check_findings(run)
    assert re.search(r"place-self-reference.yaml:4:1 +ERROR +F003 +unknown key `places`",
                     run.out), run.out


# --- Output escaping ---------------------------------------------------------------------


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "junit", "github",
                                           "markdown"])
def test_control_sequences_never_reach_the_output(tmp_path: Path, output_format: str) -> None:
    fixture(tmp_path, "escapes.yaml")
    run = lint(tmp_path, "--format", output_format, "escapes.yaml")
    check_findings(run)
    assert b"\x1b" not in run.stdout
    assert b"\x07" not in run.stdout  # BEL ends the OSC title sequence
    if output_format == "text":
        assert "`\\x1b[31micb` is not an organisation kind" in run.out
        assert "unknown key `\\x1b[31munknown-key`" in run.out


def test_control_sequences_in_a_file_name_never_reach_stderr(tmp_path: Path) -> None:
    name = "evil\x1b]0;pwned\x07\x1b[2J.yaml"
    write(tmp_path, name, PLACE + "x: !include y\n")
    run = lint(tmp_path, name)
    assert run.code == 2
    assert b"\x1b" not in run.stderr and b"\x07" not in run.stderr
    assert run.err.startswith("placecheck: evil\\x1b]0;pwned\\x07\\x1b[2J.yaml:5:4: ")
    assert len(run.err.splitlines()) == 1


# --- Rule packs are data too ---------------------------------------------------------------


def test_rule_pack_with_a_python_tag_runs_nothing(tmp_path: Path) -> None:
    pwned = tmp_path / "pwned"
    pack = tmp_path / "evil-pack"
    pack.mkdir()
    (pack / "pack.yaml").write_text(
        f'pack: evil\ntitle: !!python/object/apply:os.system ["touch {pwned}"]\n',
        encoding="utf-8")
    shutil.copyfile(EXAMPLES / "gateshead.yaml", tmp_path / "gateshead.yaml")
    run = lint(tmp_path, "--pack", "evil-pack", "gateshead.yaml")
    check_refused(run, "evil-pack/pack.yaml", "2:8", says="not allowed")
    assert not pwned.exists()


@pytest.mark.parametrize("value", ["[]", "[a, b]", "{x: 1}"])
def test_a_council_id_that_is_a_list_or_mapping_is_a_finding_not_a_crash(
        tmp_path: Path, value: str) -> None:
    """Found by the property run: the council checks put ids in sets."""
    import yaml

    text = (EXAMPLES / "herefordshire.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    council = next(o for o in data["organisations"] if o.get("kind") == "local_authority")
    old = f"id: {council['id']}"
    assert old in text
    target = write(tmp_path, "p.yaml", text.replace(old, f"id: {value}", 1))
    run = lint(tmp_path, target.name, "--format", "concise")
    check_findings(run)
    assert re.search(r":\d+:\d+: ERROR F004 `id` should be text, found a (list|mapping)", run.out)
    assert "WARNING TP-B5 The agreement does not record Herefordshire Council" in run.out
