"""The proposal format's JSON Schema, generated from the models (for editors)."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_ID = "https://placecheck.invalid/schemas/proposal.schema.json"


def proposal_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from placecheck.model.proposal import PlaceProposal, SystemProposal

    adapter: TypeAdapter[PlaceProposal | SystemProposal] = TypeAdapter(
        PlaceProposal | SystemProposal)
    schema = adapter.json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "placecheck proposal (format version 1)",
        "description": "A place-based partnership's governance proposal (kind: place) or an "
                       "integrated care system's list of places (kind: system).",
        **schema,
    }


def proposal_schema_text() -> str:
    return json.dumps(proposal_schema(), indent=2, sort_keys=False) + "\n"
