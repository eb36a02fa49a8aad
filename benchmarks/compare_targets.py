"""The ratios issue 14 (item 8) sets targets for, worked out from one compare.py run.

Every ratio divides two figures from the same run on the same files. CPU time
(user+sys of the process and its children) is the measure the targets are judged
on, because other work on the machine disturbs it less than wall time; the wall
ratio is given beside it.
"""

from __future__ import annotations

from typing import Any

MEMORY_LIMIT_MIB = 64.0


def _ratio(top: float | None, bottom: float | None) -> float | None:
    if top is None or bottom is None or bottom <= 0:
        return None
    return round(top / bottom, 2)


def _entry(text: str, value: float | None, limit: float, at_most: bool,
           wall: float | None = None, unit: str = "x") -> dict[str, Any]:
    if value is None:
        status = "NOT MEASURED"
    elif at_most:
        status = "MET" if value <= limit else "MISSED"
    else:
        status = "MET" if value >= limit else "MISSED"
    entry: dict[str, Any] = {"target": text, "limit": limit, "value": value, "unit": unit,
                             "status": status}
    if wall is not None:
        entry["wall_value"] = wall
    return entry


def _short(results: dict[str, Any], key: str, field: str) -> float | None:
    row = results.get("short", {}).get(key)
    return None if row is None else float(row[field])


def _corpus(results: dict[str, Any], key: str, field: str) -> float | None:
    row = results.get("corpus", {}).get("rows", {}).get(key)
    return None if row is None else float(row[field])


def target_ratios(results: dict[str, Any]) -> dict[str, Any]:
    """Each target with its value, the wall-time value beside it, and MET or MISSED."""
    out: dict[str, Any] = {}
    for peer, limit in (("yamllint", 1.5), ("spectral", 0.3)):
        out[f"edited_file_vs_{peer}"] = _entry(
            f"lint of a just-edited file, CPU, placecheck / {peer} <= {limit}x",
            _ratio(_short(results, "placecheck_lint", "median_cpu_ms"),
                   _short(results, f"{peer}_lint", "median_cpu_ms")), limit, True,
            _ratio(_short(results, "placecheck_lint", "median_ms"),
                   _short(results, f"{peer}_lint", "median_ms")))
    for peer, limit in (("yamllint", 5.0), ("spectral", 2.0)):
        out[f"corpus_throughput_vs_{peer}"] = _entry(
            f"corpus throughput in one process (-j 1), placecheck / {peer} >= {limit}x",
            _ratio(_corpus(results, "placecheck_j1", "files_per_cpu_s"),
                   _corpus(results, peer, "files_per_cpu_s")), limit, False,
            _ratio(_corpus(results, "placecheck_j1", "files_per_s"),
                   _corpus(results, peer, "files_per_s")))
    inproc = results.get("corpus", {}).get("in_process", {})
    parse_cpu, parse_wall = inproc.get("parse_cpu_ms"), inproc.get("parse_wall_ms")
    out["corpus_in_process_vs_parse"] = _entry(
        "corpus, lint_paths in one process / PyYAML C-loader parse <= 2x",
        _ratio(inproc.get("lint_paths_cpu_ms"), parse_cpu), 2.0, True,
        _ratio(inproc.get("lint_paths_wall_ms"), parse_wall))
    # The CLI's run between two parses, against their mean (an older results file has
    # only the first run and the in-process parse).
    if "cli_parse_cpu_ms" in inproc:
        cli_ratio = _ratio(inproc["cli_j1_cpu_ms"], inproc["cli_parse_cpu_ms"])
    else:
        cli_ratio = _ratio(_corpus(results, "placecheck_j1", "cpu_ms"), parse_cpu)
    out["corpus_cli_vs_parse"] = _entry(
        "corpus, `placecheck lint DIR -j 1` / PyYAML C-loader parse <= 2x", cli_ratio, 2.0,
        True)
    memory = results.get("memory")
    peak = None if memory is None else round(memory["peak_rss_kib"] / 1024, 1)
    files = "10,000" if memory is None else f"{memory['files']:,}"
    out["peak_memory"] = _entry(f"peak memory of `placecheck lint DIR -j 1`, {files} files "
                                f"< {MEMORY_LIMIT_MIB:g} MiB", peak, MEMORY_LIMIT_MIB, True,
                                unit=" MiB")
    return out


def print_targets(found: dict[str, Any]) -> None:
    print("\nissue 14 targets (judged on CPU time; wall time in brackets):")
    for entry in found.values():
        value = "-" if entry["value"] is None else f"{entry['value']}{entry['unit']}"
        wall = f" (wall {entry['wall_value']}x)" if entry.get("wall_value") is not None else ""
        print(f"    {entry['status']:<7} {entry['target']}: {value}{wall}")
