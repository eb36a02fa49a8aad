"""The guidance registry (rules/sources.yaml): documents, sections, pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from placecheck.findings import Citation
from placecheck.loading import LoadError, load_path


@dataclass(frozen=True)
class Section:
    """A section of a guidance document, with its chapter and page."""

    id: str
    title: str
    chapter: str | None
    page: int | None
    tables: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A guidance document in the registry, with its sections."""

    id: str
    title: str
    short_title: str
    publisher: str
    date: str
    url: str | None
    text: str | None
    sections: dict[str, Section]


class Registry:
    def __init__(self, sources: dict[str, Source]) -> None:
        self.sources = sources

    def merge(self, other: Registry) -> Registry:
        return Registry({**self.sources, **other.sources})

    def problem(self, source: str, section: str) -> str | None:
        """Why a citation does not resolve, or None when it does."""
        found = self.sources.get(source)
        if found is None:
            known = ", ".join(sorted(self.sources))
            return f"unknown source `{source}` (known: {known})"
        if section not in found.sections:
            known = ", ".join(sorted(found.sections))
            return f"unknown section `{section}` of `{source}` (known: {known})"
        return None

    def resolve(self, entry: dict[str, Any]) -> Citation:
        source = self.sources[entry["source"]]
        section = source.sections[entry["section"]]
        title = section.title
        if section.chapter and not section.title[:1].isdigit():
            title = f"{section.chapter}: {section.title}"
        return Citation(
            source=source.id,
            section=section.id,
            document=source.short_title,
            section_title=title,
            page=entry.get("page", section.page),
            quote=entry.get("quote"),
            url=source.url,
            table=entry.get("table"),
        )


def load_registry(path: Path) -> Registry:
    doc = load_path(path)
    raw = doc.data.get("sources")
    if not isinstance(raw, dict):
        raise LoadError(str(path), "a sources file has a top-level `sources:` mapping")
    sources: dict[str, Source] = {}
    for source_id, body in raw.items():
        if not isinstance(body, dict) or not isinstance(body.get("sections"), dict):
            line, column = doc.position(("sources", source_id))
            raise LoadError(str(path), f"source `{source_id}` needs `title` and `sections`",
                            line, column)
        sections = {
            sid: Section(
                id=sid,
                title=str(s.get("title", sid)),
                chapter=s.get("chapter"),
                page=s.get("page"),
                tables=tuple(s.get("tables") or ()),
            )
            for sid, s in body["sections"].items()
            if isinstance(s, dict)
        }
        sources[source_id] = Source(
            id=source_id,
            title=str(body.get("title", source_id)),
            short_title=str(body.get("short_title") or body.get("title", source_id)),
            publisher=str(body.get("publisher", "")),
            date=str(body.get("date", "")),
            url=body.get("url"),
            text=body.get("text"),
            sections=sections,
        )
    return Registry(sources)
