"""Progress between submissions: what changed since an earlier version of the proposal.

The earlier version is a file (`--compare OLD.yaml`) or a git revision of the
same file (`--since REV`, read with `git show REV:./file` from the file's own
folder). Both are assessed with the same rules and compared by rule id.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from placecheck.report.model import Changes, ProposalReport
from placecheck.report.words import long_date


class EarlierVersionError(Exception):
    """The earlier version cannot be read: one line for the user."""


def compare(old: ProposalReport, new: ProposalReport, since: str, today: str) -> Changes:
    before = {e.rule_id: e.status for e in old.expectations + old.format_problems}
    now = new.expectations + new.format_problems
    changes = Changes(since)
    for expectation in now:
        was = before.get(expectation.rule_id)
        if was == "not_met" and expectation.status != "not_met":
            changes.closed.append(expectation)
        elif expectation.status == "not_met" and was != "not_met":
            changes.opened.append(expectation)
    old_keys = {(d.rule, d.where) for d in old.departures}
    new_keys = {(d.rule, d.where) for d in new.departures}
    changes.departures_added = [d for d in new.departures if (d.rule, d.where) not in old_keys]
    changes.departures_removed = [d for d in old.departures
                                  if (d.rule, d.where) not in new_keys]
    changes.departures_expired = [d for d in new.departures
                                  if d.review_by and d.review_by < today]
    return changes


def earlier_version(path: Path, revision: str, into: Path) -> tuple[Path, str]:
    """Write the file as it was at `revision` under `into`; return it and its date in words."""
    folder = path.resolve().parent
    if not path.is_file():
        raise EarlierVersionError(f"{path}: --since needs one proposal file")

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(["git", "-C", str(folder), *args], capture_output=True,
                                  check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EarlierVersionError(f"{path}: cannot run git ({exc})") from None

    if git("rev-parse", "--is-inside-work-tree").returncode != 0:
        raise EarlierVersionError(f"{path}: --since needs the file to be in a git repository; "
                                  "use --compare OLD.yaml instead")
    found = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if found.returncode != 0 or revision.startswith("-"):
        raise EarlierVersionError(f"{path}: its git repository has no revision {revision!r}")
    commit = found.stdout.decode().strip()
    shown = git("show", f"{commit}:./{path.name}")
    if shown.returncode != 0:
        raise EarlierVersionError(f"{path}: the file did not exist at revision {revision!r}")
    when = git("show", "-s", "--format=%cs", commit).stdout.decode().strip()
    into.mkdir(parents=True, exist_ok=True)
    old = into / path.name
    old.write_bytes(shown.stdout)
    label = long_date(when) if when else revision
    return old, f"{label} ({revision})" if label != revision else revision


def today_iso() -> str:
    return dt.date.today().isoformat()
