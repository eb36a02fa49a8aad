"""Facts the format leaves implicit, filled in before the rules run.

`statutory` on an organisation follows from its kind unless the author says
otherwise (the format: icb, local_authority, nhs_provider and nhs_england are
statutory bodies). Only plain values are added; nothing the author wrote is
changed.
"""

from __future__ import annotations

from typing import Any

from placecheck.model.vocab import STATUTORY_KINDS


def derive(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    organisations = data.get("organisations")
    if isinstance(organisations, list):
        for organisation in organisations:
            if isinstance(organisation, dict) and "statutory" not in organisation:
                kind = organisation.get("kind")
                organisation["statutory"] = isinstance(kind, str) and kind in STATUTORY_KINDS
    return data
