"""Baselines: adopt placecheck on an existing repository without fixing everything first.

`--write-baseline FILE` records today's findings by a fingerprint that does not
depend on line numbers (rule, file relative to the baseline, JSON path,
message); `--baseline FILE` then reports only findings that are not in it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from placecheck.findings import Finding
from placecheck.loading import LoadError

VERSION = 1


def _key(finding: Finding, base: Path) -> str:
    try:
        file = Path(os.path.relpath(Path(finding.location.file).resolve(), base.resolve()))
    except ValueError:
        file = Path(finding.location.file)
    return finding.fingerprint(file.as_posix())


def write_baseline(path: Path, findings: list[Finding]) -> int:
    base = path.resolve().parent
    counted = [f for f in findings if f.counts]
    entries = sorted(
        ({"fingerprint": _key(f, base), "rule_id": f.rule_id, "file": f.location.file,
          "message": f.message} for f in counted),
        key=lambda e: (e["file"], e["rule_id"], e["fingerprint"]),
    )
    try:
        path.write_text(json.dumps({"placecheck_baseline": VERSION, "findings": entries},
                                   indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise LoadError(str(path), f"cannot write the baseline ({exc.strerror or exc})") from None
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LoadError(str(path), "no such baseline file (write one with "
                        "--write-baseline)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise LoadError(str(path), f"not a placecheck baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("placecheck_baseline") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise LoadError(str(path), "not a placecheck baseline (version 1)")
    return Counter(str(e.get("fingerprint")) for e in data["findings"] if isinstance(e, dict))


def new_findings(findings: list[Finding], path: Path) -> tuple[list[Finding], int]:
    """Findings not in the baseline, and how many were left out as known."""
    known = read_baseline(path)
    base = path.resolve().parent
    kept: list[Finding] = []
    hidden = 0
    for finding in findings:
        key = _key(finding, base)
        if finding.counts and known[key] > 0:
            known[key] -= 1
            hidden += 1
        else:
            kept.append(finding)
    return kept, hidden
