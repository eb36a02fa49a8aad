"""The proposal in its own words: names for ids, plain dates and numbers, paths as phrases.

A board reads "Gateshead Council" and "29 March 2023", not `gateshead-council`
and `2023-03-29`; the JSON paths stay in the report's appendix only.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from placecheck.model.vocab import label

MAX_QUOTE_CHARS = 300
# Lists whose items carry an `id` (and usually a `name`) that other fields refer to.
NAMED_LISTS = ("organisations", "governance", "people", "functions")
NOUNS = {
    "functions": ("function", "functions"),
    "governance": ("governance body", "governance bodies"),
    "people": ("person", "people"),
    "organisations": ("organisation", "organisations"),
    "departures": ("departure", "departures"),
    "places": ("place", "places"),
}
_FILTER = re.compile(r"\[\?([A-Za-z0-9_.]+)(?:(!?=)([^\]]*))?\]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TOKEN = re.compile(r"[a-z]+(?:_[a-z]+)*")


def long_date(value: dt.date | str) -> str:
    """29 March 2023 (a text that is not an ISO date is returned as it is)."""
    day = value
    if isinstance(value, str):
        if not _ISO_DATE.fullmatch(value):
            return value
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value
    assert isinstance(day, dt.date)
    return f"{day.day} {day:%B %Y}"


def number(value: int | float) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


@dataclass
class Names:
    """Ids and what they name, from one proposal."""

    names: dict[str, str] = field(default_factory=dict)
    # (list, index) -> the item's name, for saying whose field a value is.
    items: dict[tuple[str, int], str] = field(default_factory=dict)

    @classmethod
    def of(cls, data: dict[str, Any]) -> Names:
        found = cls()
        for key in NAMED_LISTS:
            entries = data.get(key)
            if not isinstance(entries, list):
                continue
            for index, entry in enumerate(entries):
                if not isinstance(entry, dict):
                    continue
                name = entry.get("name")
                ident = entry.get("id")
                if isinstance(name, str) and name.strip():
                    found.items[(key, index)] = name
                    if isinstance(ident, str):
                        found.names.setdefault(ident, name)
        return found

    def name(self, token: str) -> str:
        return self.names.get(token, token)

    def value(self, value: Any, key: str | int = "") -> str:
        """A value as the board should read it; `key` is the field it is in."""
        if isinstance(value, bool):
            text = "yes" if value else "no"
        elif isinstance(value, dt.date):
            text = long_date(value)
        elif isinstance(value, int | float):
            text = number(value)
            if isinstance(key, str) and key.endswith("_gbp"):
                text = "£" + text
        elif value is None:
            text = "(empty)"
        elif isinstance(value, str):
            text = self.names.get(value) or long_date(value)
            if _TOKEN.fullmatch(text):  # a word of the format's vocabulary: `mental_health`
                text = vocabulary(text)
        else:
            text = str(value)
        text = " ".join(text.split())
        if len(text) > MAX_QUOTE_CHARS:
            text = text[:MAX_QUOTE_CHARS - 1].rstrip() + "…"
        return text

    def field_phrase(self, path: tuple[str | int, ...]) -> str:
        """`functions[0].instrument.approved_on` -> 'Commissioning …: instrument approved on'."""
        owner = ""
        words: list[str] = []
        for i, part in enumerate(path):
            if isinstance(part, int):
                if i > 0 and isinstance(path[i - 1], str) and (str(path[i - 1]), part) in \
                        self.items:
                    owner = self.items[(str(path[i - 1]), part)]
                    words = []
                continue
            words.append(part.replace("_", " "))
        phrase = " ".join(words[-2:]) if words else ""
        if owner and phrase:
            return f"{owner}: {phrase}"
        return owner or phrase


def vocabulary(token: str) -> str:
    return label(token)


def not_applicable_reason(for_each: tuple[str, str] | None, when: dict[str, Any] | None
                          ) -> str:
    """Why a rule found nothing to check, from its `for_each` path or its `when`."""
    if for_each is not None:
        path = for_each[0]
        collection = re.match(r"\$\.([A-Za-z_]+)", path)
        if collection:
            singular, plural = NOUNS.get(collection.group(1),
                                         (collection.group(1).replace("_", " "),) * 2)
            filters = [_filter_words(*m.groups()) for m in _FILTER.finditer(path)]
            filters = [f for f in filters if f]
            if not filters:
                return f"The proposal has no {plural}."
            return f"The proposal has no {singular} {' and '.join(filters)}."
    if when is not None:
        return "The situation this expectation covers does not arise in this proposal."
    return "The proposal has nothing of the kind this expectation covers."


def _filter_words(key: str, operator: str | None, value: str | None) -> str:
    field_words = key.split(".")[-1].replace("_", " ")
    if operator is None:
        return f"with a {field_words}"
    shown = vocabulary(value or "")
    if value == "true":
        return f"that is {field_words}" if field_words != "chair" else "who chairs"
    if operator == "!=":
        return f"whose {field_words} is not {shown}"
    return f"whose {field_words} is {shown}"
