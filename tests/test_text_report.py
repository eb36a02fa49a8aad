"""The text report: code frames, colour only on a terminal, concise lines, statistics."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from placecheck.findings import Finding, Location, Severity
from placecheck.lint import FileResult, LintRun
from placecheck.reporters import text
from placecheck.reporters.frames import Sources
from placecheck.reporters.table import REPORTERS, Presentation

ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
PROPOSAL = "placecheck: 1\nkind: place\nplace:\n  name: Riverton\n  memebers: 3\n"


def _finding(file: str, line: int = 5, column: int = 3, rule_id: str = "F003",
             severity: Severity = Severity.ERROR, message: str = "unknown key `memebers`",
             hint: str = "Did you mean `members`?") -> Finding:
    return Finding(rule_id=rule_id, severity=severity, message=message,
                   location=Location(file, line, column), title="Unknown key", hint=hint,
                   pack="format")


def _run(*findings: Finding, errors: int = 0) -> LintRun:
    from placecheck.loading import LoadError

    results = [FileResult(file=findings[0].location.file, findings=list(findings))
               ] if findings else []
    results += [FileResult(file=f"bad{i}.yaml", error=LoadError(f"bad{i}.yaml", "not YAML"))
                for i in range(errors)]
    return LintRun(results=results)


def _render(run: LintRun, color: bool, **how: bool) -> str:
    stream = io.StringIO()
    text.render(run, stream, color=color, **how)
    return stream.getvalue()


@pytest.fixture
def proposal(tmp_path: Path) -> str:
    path = tmp_path / "p.yaml"
    path.write_text(PROPOSAL, encoding="utf-8")
    return str(path)


def test_each_finding_shows_its_lines_with_the_column_marked(proposal: str) -> None:
    shown = _render(_run(_finding(proposal)), color=False).splitlines()
    head = shown.index(f"{proposal}:5:3  ERROR     F003  unknown key `memebers`")
    assert shown[head + 1:head + 5] == [
        "      |",
        "    4 |   name: Riverton",
        "    5 |   memebers: 3",
        "      |   ^^^^^^^^",
    ]
    assert shown[head + 5] == "    fix: Did you mean `members`?"


def test_colour_only_when_asked_and_the_same_words_either_way(proposal: str) -> None:
    run = _run(_finding(proposal))
    coloured, plain = _render(run, color=True), _render(run, color=False)
    assert "\x1b[" in coloured and "\x1b" not in plain
    assert ESCAPE.sub("", coloured) == plain


def test_the_fix_line_is_bright_not_dim(proposal: str) -> None:
    coloured = _render(_run(_finding(proposal)), color=True)
    [fix] = [line for line in coloured.splitlines() if "fix: " in line]
    assert fix.startswith("\x1b[1m")  # bold
    assert "\x1b[2m" not in fix  # not dim


def test_no_colour_when_not_a_terminal_or_no_color(proposal: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    terminal = Terminal()
    text.render(_run(_finding(proposal)), terminal)
    assert "\x1b[" in terminal.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    text.render(_run(_finding(proposal)), terminal)
    assert "\x1b" not in terminal.getvalue()
    pipe = io.StringIO()
    monkeypatch.delenv("NO_COLOR")
    text.render(_run(_finding(proposal)), pipe)
    assert "\x1b" not in pipe.getvalue()


def test_control_characters_in_the_source_are_shown_not_sent(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("placecheck: 1\n# \u202eevil \x85 \u2028 comment\nkind: plaice\n",
                    encoding="utf-8")
    shown = _render(_run(_finding(str(path), line=3, column=7)), color=True)
    assert "\u202e" not in shown and "\x85" not in shown and "\u2028" not in shown
    assert "\\u202eevil \\x85 \\u2028 comment" in shown
    # U+2028 is not a line break for YAML: line 3 is still `kind: plaice`
    assert "3 | kind: plaice" in ESCAPE.sub("", shown)


def test_a_proposal_text_is_never_read_as_markup(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("placecheck: 1\nname: '[bold red]x[/]'\n", encoding="utf-8")
    finding = _finding(str(path), line=2, column=7, message="[red]unknown[/red] value")
    shown = ESCAPE.sub("", _render(_run(finding), color=True))
    assert "[red]unknown[/red] value" in shown and "'[bold red]x[/]'" in shown


def test_no_frame_for_a_file_that_is_gone_or_a_line_past_its_end(proposal: str) -> None:
    assert Sources().frame("/nonexistent/p.yaml", 1, 1) == []
    assert Sources().frame(proposal, 99, 1) == []
    shown = _render(_run(_finding("/nonexistent/p.yaml")), color=False)
    assert " | " not in shown and "fix: " in shown


def test_concise_is_one_line_per_finding(proposal: str) -> None:
    run = _run(_finding(proposal),
               _finding(proposal, line=2, column=1, rule_id="TP-M1",
                        severity=Severity.WARNING, message="No members."))
    stream = io.StringIO()
    text.render_concise(run, stream, color=False)
    lines = stream.getvalue().splitlines()
    assert lines[:2] == [f"{proposal}:2:1: WARNING TP-M1 No members.",
                         f"{proposal}:5:3: ERROR F003 unknown key `memebers`"]
    assert lines[2].startswith("Found 1 error, 1 warning")
    assert len(lines) == 3


def test_statistics_count_each_rule_most_first(proposal: str) -> None:
    run = _run(_finding(proposal), _finding(proposal, line=4),
               _finding(proposal, rule_id="TP-M1", severity=Severity.WARNING))
    stream = io.StringIO()
    text.render_statistics(run, stream, color=False, summary=False)
    assert stream.getvalue().splitlines() == ["2  F003   error    Unknown key",
                                              "1  TP-M1  warning  Unknown key"]


def test_the_summary_leads_with_what_could_not_be_checked(proposal: str) -> None:
    assert text.summary_line(_run(errors=1)) == "1 file could not be checked; nothing was checked."
    with_findings = text.summary_line(_run(_finding(proposal), errors=2))
    assert with_findings.startswith("2 files could not be checked. Found 1 error")
    assert with_findings.endswith("in 1 file checked.")
    assert text.summary_line(_run(errors=1)).count("All clear") == 0
    clean = LintRun(results=[FileResult(file="p.yaml")])
    assert text.summary_line(clean) == "All clear: no findings in 1 file."


def test_quiet_leaves_out_the_summary(proposal: str) -> None:
    shown = _render(_run(_finding(proposal)), color=False, summary=False)
    assert "Found" not in shown and "F003" in shown


def test_every_format_has_a_reporter() -> None:
    run = LintRun(results=[FileResult(file="p.yaml")])
    for name, reporter in REPORTERS.items():
        stream = io.StringIO()
        reporter(run, stream, Presentation(color=False))
        assert stream.getvalue(), name


def test_a_styled_line_makes_the_text_rich_would_have_made() -> None:
    """Coloured output is the same bytes as styling with rich directly."""
    import io

    from rich.console import Console
    from rich.text import Text

    from placecheck.reporters.styled import Line

    def shown(text: Text) -> str:
        out = io.StringIO()
        Console(file=out, force_terminal=True, color_system="standard", highlight=False,
                emoji=False, markup=False).print(text, soft_wrap=True)
        return out.getvalue()

    ours = Line("    12 | ", "blue").append("members: [x]").append("^^", "bold red").append("")
    theirs = Text("    12 | ", "blue")
    theirs.append("members: [x]")
    theirs.append("^^", "bold red")
    theirs.append("")
    assert shown(ours.to_rich()) == shown(theirs)
    assert "\x1b[" in shown(theirs)
    assert ours.plain == theirs.plain == "    12 | members: [x]^^"
    assert Line().plain == "" and shown(Line().to_rich()) == shown(Text())

