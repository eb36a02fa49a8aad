"""The official schemas that CI consumers read our reports against (in ../shared).

SARIF: the OASIS SARIF 2.1.0 schema (draft-04). JUnit: the Ant JUnit schema and
the Jenkins xUnit plugin's. CI has ../shared beside the clone; elsewhere the
tests that need them skip, saying why.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from .conftest import SHARED

SARIF_SCHEMA = SHARED / "data" / "sarif" / "sarif-schema-2.1.0.json"
JUNIT_SCHEMAS = (SHARED / "data" / "junit" / "ant-junit.xsd",
                 SHARED / "data" / "junit" / "jenkins-xunit-junit-10.xsd")
MISSING = ("the official SARIF and JUnit schemas are in ../shared/data beside the clone "
           f"(as in CI); {SHARED} is not there")


def _need(path: Path) -> None:
    if not path.is_file():
        pytest.skip(MISSING)


@cache
def _sarif_validator() -> Any:
    from jsonschema import Draft4Validator

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def sarif_errors(document: Any) -> list[str]:
    """What the OASIS schema finds wrong with a SARIF document (empty when valid)."""
    _need(SARIF_SCHEMA)
    return [f"{list(e.absolute_path)}: {e.message}"
            for e in _sarif_validator().iter_errors(document)]


@cache
def _junit_schema(path: Path) -> Any:
    import xmlschema

    return xmlschema.XMLSchema(str(path))


def junit_errors(xml: str) -> dict[str, list[str]]:
    """What each JUnit schema (Ant, Jenkins) finds wrong with a report, by schema file."""
    found = {}
    for path in JUNIT_SCHEMAS:
        _need(path)
        found[path.name] = [str(e.reason or e)[:300]
                            for e in _junit_schema(path).iter_errors(xml)]
    return found


def junit_valid(xml: str) -> bool:
    return not any(junit_errors(xml).values())
