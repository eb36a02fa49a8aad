"""`placecheck init`: a commented starting proposal, optionally filled in by a few questions.

The template (placecheck/data/proposal-template.yaml) covers every section of
the format. It passes the format checks, and its placeholders ("TODO: ...",
"<...>", `null` marked TODO, empty lists) are reported by the rules until they
are filled in. Its ids and codes are valid-looking (E54000000, E06000000) so
that only the rules, not the format checks, have something to say about them.

`--interactive` asks for the place's name, its ICB, its local authorities'
ONS codes (checked against the bundled geography, with the nearest codes
suggested for an unknown one) and the governance model, and writes them in.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from placecheck.geography import ICB, Geography, LocalAuthority, load_geography
from placecheck.model.vocab import GOVERNANCE_MODEL, label

TEMPLATE = "proposal-template.yaml"
DEFAULT_NAME = "proposal.yaml"
SCHEMA_LINE = "# yaml-language-server: $schema="
DEFAULT_MODEL = "committee_of_statutory_body"

PLACE_NAME = "<place name>"
ICB_NAME = '"<ICB name>"'
ICB_CODE = "E54000000"
LA_CODE = "E06000000"
_LA_LINE = re.compile(r"^(?P<indent>\s*)- \{name: \"<local authority name>\", code: "
                      + LA_CODE + r", tier: unitary\}\s*$")
_COUNCIL_LINE = re.compile(r"^(?P<indent>\s*)- \{id: council, name: \"<local authority name>\", "
                           r"kind: local_authority, code: " + LA_CODE + r"\}\s*$")
_POPULATION_LINE = re.compile(r"^(?P<indent>\s*)population: null\b.*$")
_MODEL_LINE = re.compile(r"^(?P<indent>\s*)model: " + DEFAULT_MODEL + r"\s*$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CODE_SHAPE = re.compile(r"^[A-Za-z]\d{2}\d{6}$")

Prompt = Callable[[str, str | None], str]
Say = Callable[[str], None]


class InitError(Exception):
    """The starting proposal cannot be written (exists, or the folder is missing)."""


@dataclass
class Answers:
    place_name: str
    icb: ICB
    local_authorities: list[LocalAuthority] = field(default_factory=list)
    model: str = DEFAULT_MODEL


def template_text() -> str:
    return resources.files("placecheck.data").joinpath(TEMPLATE).read_text(encoding="utf-8")


def target(path: str | Path | None) -> Path:
    """Where to write: the path given, or proposal.yaml in it if it is a folder.

    A path ending in `/` (or `\\` on Windows) names a folder even before it exists;
    pass the argument as typed, since Path() drops the trailing separator.
    """
    if path is None:
        return Path(DEFAULT_NAME)
    typed = str(path)
    folder = typed.endswith(("/", os.sep)) or Path(typed).is_dir()
    return Path(typed) / DEFAULT_NAME if folder else Path(typed)


def check_target(path: Path, force: bool, make_folder: bool = False) -> None:
    if path.exists() and not force:
        raise InitError(f"{path} already exists; placecheck init never overwrites a file "
                        "without --force")
    if not path.parent.is_dir() and not (make_folder and not path.parent.exists()):
        raise InitError(f"cannot write {path}: the folder {path.parent} does not exist")


def with_schema_line(text: str, path: Path) -> str:
    """The template led by the line that lets editors with the YAML language server
    validate and complete the proposal against placecheck's JSON Schema."""
    from placecheck.resources import bundled_dir

    schema = Path(bundled_dir("schemas")) / "proposal.schema.json"
    folder = path.parent.resolve()
    try:
        where = os.path.relpath(schema, folder).replace(os.sep, "/")
    except ValueError:  # another drive on Windows
        where = schema.resolve().as_uri()
    return f"{SCHEMA_LINE}{where}\n{text}"


def write_proposal(path: Path, text: str, force: bool, make_folder: bool = False) -> None:
    check_target(path, force, make_folder)
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        # "x" refuses a file that appeared since the check; --force replaces it.
        with path.open("w" if force else "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise InitError(f"{path} already exists; placecheck init never overwrites a file "
                        "without --force") from None
    except OSError as exc:
        raise InitError(f"cannot write {path}: {exc.strerror or exc}") from None


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def fill(text: str, answers: Answers) -> str:
    """The template with the answers written in."""
    text = text.replace(PLACE_NAME, _quoted(answers.place_name)[1:-1])
    text = text.replace(ICB_NAME, _quoted(answers.icb.name)).replace(ICB_CODE, answers.icb.code)
    lines: list[str] = []
    for line in text.splitlines():
        if match := _LA_LINE.match(line):
            lines += [_la_entry(match["indent"], la, answers.icb) for la in
                      answers.local_authorities]
        elif match := _COUNCIL_LINE.match(line):
            lines += [_council_entry(match["indent"], i, la)
                      for i, la in enumerate(answers.local_authorities)]
        elif (match := _POPULATION_LINE.match(line)) and _population(answers) is not None:
            lines.append(f"{match['indent']}population: {_population(answers)}"
                         "   # Census 2021 (ONS), from the local authorities' codes: check it")
        elif (match := _MODEL_LINE.match(line)) and answers.model != DEFAULT_MODEL:
            lines.append(f"{match['indent']}model: {answers.model}")
            if answers.model == "other":
                lines.append(f'{match["indent"]}explanation: "TODO: how this model works, '
                             'and why it was chosen over the models in Table 2"')
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def _la_entry(indent: str, la: LocalAuthority, icb: ICB) -> str:
    entry = f"{indent}- {{name: {_quoted(la.name)}, code: {la.code}, tier: {la.tier}"
    if la.is_split:
        entry += f", part: {_quoted(f'<which part of {la.name} lies in {icb.name}>')}"
    return entry + "}"


def _council_entry(indent: str, index: int, la: LocalAuthority) -> str:
    ident = "council" if index == 0 else f"council-{index + 1}"
    return (f"{indent}- {{id: {ident}, name: {_quoted(la.name)}, kind: local_authority, "
            f"code: {la.code}}}")


def _population(answers: Answers) -> int | None:
    las = answers.local_authorities
    if not las or any(la.is_split or la.population is None for la in las):
        return None  # a split authority's share is for the partners to state
    return sum(la.population or 0 for la in las)


# --- the questions -----------------------------------------------------------------


def ask(prompt: Prompt, say: Say, geography: Geography | None = None) -> Answers:
    """Ask until every answer is usable; `prompt(question, default)` returns the text."""
    geography = geography or load_geography()
    name = _ask_name(prompt, say)
    icb = _ask_icb(prompt, say, geography)
    las = _ask_local_authorities(prompt, say, geography, icb)
    model = _ask_model(prompt, say)
    return Answers(name, icb, las, model)


def _ask_name(prompt: Prompt, say: Say) -> str:
    while True:
        name = " ".join(prompt("Place name (e.g. Riverton)", None).split())
        if not name:
            say("Please give the place's name.")
        elif _CONTROL.search(name) or len(name) > 200:
            say("Please give a plain name of up to 200 characters.")
        else:
            return name


def _ask_icb(prompt: Prompt, say: Say, geography: Geography) -> ICB:
    while True:
        answer = prompt("ICS: the ICB's ONS code (E54...), ODS code, or part of its name",
                        None).strip()
        if not answer:
            continue
        found = geography.icb(answer)
        if found is not None:
            say(f"  {found.name} ({found.code})")
            return found
        wanted = answer.casefold()
        named = [i for i in geography.icbs() if wanted in i.name.casefold()
                 or geography.names_match(answer, i.name)]
        if len(named) == 1:
            say(f"  {named[0].name} ({named[0].code})")
            return named[0]
        suggestions = named[:5] or geography.nearest_icbs(answer, name=answer)
        listed = "; ".join(f"{i.code} {i.name}" for i in suggestions)
        if named:
            say(f"{answer!r} matches several ICBs: {listed}. Give the code.")
        else:
            say(f"No ICB has the code or name {answer!r}."
                + (f" Nearest: {listed}." if listed else ""))


def _ask_local_authorities(prompt: Prompt, say: Say, geography: Geography,
                           icb: ICB) -> list[LocalAuthority]:
    while True:
        answer = prompt("Local authorities in the place: ONS codes or council names, "
                        "comma-separated (e.g. E08000024, or Sunderland)", None)
        codes = _answers(answer)
        if not codes:
            say("Please give at least one local authority code or name.")
            continue
        chosen: list[LocalAuthority] = []
        problems: list[str] = []
        for code in dict.fromkeys(codes):
            la = _local_authority(geography, code)
            if la is None and not _CODE_SHAPE.match(code):
                nearest = geography.nearest_local_authorities(code, name=code)
                hint = ", ".join(f"{n.code} ({n.name})" for n in nearest)
                problems.append(f"no local authority is called {code!r}"
                                + (f"; nearest: {hint}" if hint else ""))
            elif la is None:
                nearest = geography.nearest_local_authorities(
                    code, name=None if _CODE_SHAPE.match(code) else code)
                hint = ", ".join(f"{n.code} ({n.name})" for n in nearest)
                problems.append(f"{code} is not a current local authority code"
                                + (f"; nearest: {hint}" if hint else ""))
            elif icb.code not in la.icb_codes:
                problems.append(f"{la.code} ({la.name}) is not in {icb.name}: a place lies "
                                "wholly within one ICS")
            else:
                chosen.append(la)
        if not problems:
            for la in chosen:
                split = " (split between ICBs: say which part with `part:`)" if la.is_split \
                    else ""
                say(f"  {la.code} {la.name}{split}")
            return chosen
        for problem in problems:
            say(problem + ".")
        inside = geography.local_authorities_in_icb(icb.code)
        if inside and any("is not in" in p for p in problems):
            say(f"Local authorities in {icb.name}: "
                + ", ".join(f"{la.code} {la.name}" for la in inside) + ".")
        say("Please give the codes again.")


def _answers(answer: str) -> list[str]:
    """Comma-separated codes or names; codes may be separated by spaces alone."""
    parts = [p.strip() for p in answer.split(",") if p.strip()]
    words = answer.replace(",", " ").split()
    if words and all(_CODE_SHAPE.match(w) for w in words):
        return [w.upper() for w in words]
    return [p.upper() if _CODE_SHAPE.match(p) else " ".join(p.split()) for p in parts]


def _local_authority(geography: Geography, answer: str) -> LocalAuthority | None:
    """The local authority with this ONS code, or the one council with this name."""
    if _CODE_SHAPE.match(answer):
        return geography.local_authority(answer)
    named = [la for la in geography.local_authorities()
             if la.name.casefold() == answer.casefold() or geography.names_match(answer, la.name)]
    return named[0] if len(named) == 1 else None


def _ask_model(prompt: Prompt, say: Say) -> str:
    choices = "; ".join(f"{i} {label(m)}" for i, m in enumerate(GOVERNANCE_MODEL, start=1))
    default = str(GOVERNANCE_MODEL.index(DEFAULT_MODEL) + 1)
    while True:
        answer = prompt(f"Governance model (Thriving places, Table 2): {choices}",
                        default).strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(GOVERNANCE_MODEL):
            return GOVERNANCE_MODEL[int(answer) - 1]
        token = answer.replace(" ", "_").replace("-", "_")
        if token in GOVERNANCE_MODEL:
            return token
        by_label = [m for m in GOVERNANCE_MODEL if label(m) == answer]
        if by_label:
            return by_label[0]
        say(f"Please choose 1 to {len(GOVERNANCE_MODEL)}, or a model's name.")
