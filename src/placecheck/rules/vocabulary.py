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
    """The `$defs` of the rule schema that describe checks, from the registry.

    A check is a mapping of exactly one word to its options. Said as properties with
    min/maxProperties 1 (rather than a oneOf of one form per word, which means the
    same), a validator looks only at the word given instead of trying every form:
    checking the shipped packs takes a third of the time.
    """
    words = {spec.word: _options(spec) for spec in VOCABULARY.values()}
    return {**copy.deepcopy(DEFINITIONS), "value_schema": copy.deepcopy(META_SCHEMA),
            "check": {"type": "object", "minProperties": 1, "maxProperties": 1,
                      "properties": words, "additionalProperties": False}}


def _options(spec: CheckSpec) -> dict[str, Any]:
    options = copy.deepcopy(spec.options)
    if spec.named is not None:
        options["properties"]["check"] = {"enum": list(spec.named)}
    return options
