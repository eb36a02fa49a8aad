"""What the command line and configuration tell the reporters, beyond the findings.

Reporters take a `LintRun` and, optionally, these options; without them each
format writes its defaults (what `placecheck lint` writes with no options).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from placecheck.config import DEFAULT_MAX_RESULTS
from placecheck.findings import Severity

TYPE_CHECKING = False
if TYPE_CHECKING:
    from placecheck.rules.pack import Rule


def _to_stderr(message: str) -> None:
    sys.stderr.write(message + "\n")


@dataclass
class ReportOptions:
    """Options for the CI formats."""

    # SARIF: explained findings are left out unless asked for (GitHub ignores
    # suppressions, so an explained finding would be an open alert).
    sarif_include_explained: bool = False
    # JUnit: `file` and `line` on each test case (read by GitHub annotation actions,
    # but outside the Ant and Jenkins schemas).
    junit_locations: bool = False
    # SARIF: at most this many results, the most severe first (GitHub keeps 5,000 of a
    # run and rejects an upload of more than 25,000).
    max_results: int = DEFAULT_MAX_RESULTS
    # JUnit: findings at or above this severity are failures; per file, since each
    # file follows its own configuration.
    fail_on: Severity = Severity.ERROR
    fail_on_by_file: dict[str, Severity] = field(default_factory=dict)
    # SARIF: every active rule, so that an alert closes once its rule stops firing.
    rules: Sequence[Rule] = ()
    warn: Callable[[str], None] = _to_stderr

    def fail_on_for(self, file: str) -> Severity:
        return self.fail_on_by_file.get(file, self.fail_on)
