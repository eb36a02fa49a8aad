"""The whole check vocabulary, registered: what the engine and the pack loader import.

Importing this module registers every word (the core checks, the combinators,
`geography` and `system`), so nothing runs a check before its word is known. It also builds
the rule schema's check definitions from the registry (see vocabulary_docs).
"""

from __future__ import annotations

import copy
from typing import Any

from placecheck.rules import (
    checks,
    combinators,
    geography_checks,
    prose_checks,
    system_checks,
)
from placecheck.rules.registry import (
    DEFINITIONS,
    VOCABULARY,
    CheckSpec,
    Failure,
    message_params,
    passes,
    run_check,
)
from placecheck.rules.value_schema import META_SCHEMA

__all__ = ["VOCABULARY", "CheckSpec", "Failure", "check_definitions", "message_params",
           "passes", "run_check"]
MODULES = (checks, combinators, prose_checks, geography_checks, system_checks)


def check_definitions() -> dict[str, dict[str, Any]]:
    """The `$defs` of the rule schema that describe checks, from the registry."""
    alternatives = []
    for spec in VOCABULARY.values():
        alternatives.append({"type": "object", "properties": {spec.word: _options(spec)},
                             "required": [spec.word], "additionalProperties": False})
    return {**copy.deepcopy(DEFINITIONS), "value_schema": copy.deepcopy(META_SCHEMA),
            "check": {"oneOf": alternatives}}


def _options(spec: CheckSpec) -> dict[str, Any]:
    options = copy.deepcopy(spec.options)
    if spec.named is not None:
        options["properties"]["check"] = {"enum": list(spec.named)}
    return options
