"""The built-in format checks: what the F-codes mean (for `rules` and `explain`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FormatRule:
    id: str
    title: str
    rationale: str
    example: str
    severity: str = "error"


_FORMAT = "docs/proposal-format.md"

FORMAT_RULES: dict[str, FormatRule] = {
    rule.id: rule
    for rule in (
        FormatRule("F001", "A key appears twice in one mapping",
                   "YAML readers disagree on which of two equal keys wins, so a governance "
                   "file must say each thing once.", "members:\n  - ...\n"),
        FormatRule("F002", "A value YAML 1.1 reads as true/false",
                   "Unquoted yes, no, on, off, y and n are booleans to some YAML readers and "
                   "text to others; write true/false or quote the word.",
                   'lead_member_required: false\nforum: "on"\n'),
        FormatRule("F003", "Unknown key",
                   "A misspelt key would otherwise be ignored and what it says lost; the format "
                   f"lists every key ({_FORMAT}).", "governance:\n  - id: place-committee\n"
                   "    name: Place committee\n    members: []\n"),
        FormatRule("F004", "A value of the wrong type",
                   "Text, numbers, dates, lists and mappings each have their place; YAML turns "
                   "some unquoted text into numbers or dates.", 'title: "1.10"\n'),
        FormatRule("F005", "A required key is missing",
                   "Entities need an id and a name so others can refer to them; every document "
                   "needs `placecheck: 1` and `kind:`.", "placecheck: 1\nkind: place\n"),
        FormatRule("F006", "A reference to an id that does not exist",
                   "Organisations, functions, bodies and people are referred to by id; a typo "
                   "in an id breaks the link silently unless it is caught.",
                   "delegated_to: place-committee   # the id of a governance body\n"),
        FormatRule("F007", "A value outside the controlled vocabulary",
                   "Kinds, models, roles and `represents` use fixed words so that rules can "
                   "check coverage; see the format for the lists.",
                   "model: committee_of_statutory_body\n"),
        FormatRule("F008", "An id used twice",
                   "Each organisation, function, body and person needs its own id, or references "
                   "become ambiguous.", "- {id: riverton-cc, ...}\n- {id: riverton-ft, ...}\n"),
        FormatRule("F009", "An invalid value",
                   "Ids are lower-case slugs, ONS codes have a fixed shape, and the format "
                   "version is 1.", "code: E06000047\n"),
        FormatRule("F010", "A place listed in a system file cannot be used",
                   "A system file lists place files by paths relative to itself; they must exist, "
                   "be place proposals, and stay inside the repository (no absolute paths, no "
                   "`..` or links leading outside it).", "places:\n  - places/riverton.yaml\n"),
        FormatRule("F011", "A departure without a reason",
                   "Comply or explain: a departure is accepted only with its explanation.",
                   'departures:\n  - rule: TP-B7\n    reason: "The borough is the natural '
                   'footprint..."\n'),
        FormatRule("F012", "A departure past its review date",
                   "Departures are agreed for a time; one past its review date needs reviewing.",
                   "    review_by: 2026-03-31\n", "warning"),
        FormatRule("F013", "A departure that matches no finding",
                   "A departure that explains nothing is stale or mistyped.",
                   "    rule: TP-B7\n", "warning"),
        FormatRule("F014", "A departure from a rule that must be met",
                   "Rules whose guidance says must or is expected (waivable: false) cannot be "
                   "explained away.", "# change the arrangement instead\n"),
        FormatRule("F015", "A placeholder left in",
                   "`placecheck init` writes placeholders (\"TODO: ...\", \"<...>\", null or "
                   "[] marked TODO) for the partners to fill in; a proposal that still holds "
                   "one is not finished, whatever else it passes.",
                   'place:\n  name: "Riverton"\n  population: 120000\n'),
        FormatRule("F016", "Text cut short by `#`",
                   "In unquoted text, ` #` starts a comment: `quorum: Members #1 and #2 must "
                   "attend` is read as \"Members\". Quote text that contains ` #`.",
                   'quorum: "Members #1 and #2 must attend"\n', "warning"),
        FormatRule("F017", "A character pasted from a word processor",
                   "Non-breaking and zero-width spaces cannot be seen but make a key, id or code "
                   "something else than it looks; curly quotes are not YAML quotes and become "
                   "part of the text.", 'name: "Riverton"\n'),
    )
}
