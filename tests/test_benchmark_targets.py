"""compare.py's targets: the ratios of issue 14 item 8, worked out from one run's figures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from compare_targets import target_ratios


def _run(placecheck_cpu: float, yamllint_cpu: float, memory_kib: int) -> dict[str, Any]:
    short = {"placecheck_lint": {"median_cpu_ms": placecheck_cpu, "median_ms": placecheck_cpu},
             "yamllint_lint": {"median_cpu_ms": yamllint_cpu, "median_ms": yamllint_cpu}}
    rows = {"placecheck_j1": {"files_per_cpu_s": 100.0, "files_per_s": 100.0,
                              "cpu_ms": 30_000.0, "wall_ms": 30_000.0},
            "yamllint": {"files_per_cpu_s": 10.0, "files_per_s": 10.0}}
    in_process = {"parse_cpu_ms": 10_000.0, "parse_wall_ms": 10_000.0,
                  "lint_paths_cpu_ms": 25_000.0, "lint_paths_wall_ms": 25_000.0}
    return {"short": short, "corpus": {"rows": rows, "in_process": in_process},
            "memory": {"files": 10_000, "peak_rss_kib": memory_kib}}


def test_each_target_is_met_or_missed_by_its_own_ratio() -> None:
    found = target_ratios(_run(150.0, 100.0, 70 * 1024))
    assert found["edited_file_vs_yamllint"]["value"] == 1.5
    assert found["edited_file_vs_yamllint"]["status"] == "MET"
    assert found["corpus_throughput_vs_yamllint"]["value"] == 10.0
    assert found["corpus_throughput_vs_yamllint"]["status"] == "MET"
    assert found["corpus_in_process_vs_parse"]["value"] == 2.5
    assert found["corpus_in_process_vs_parse"]["status"] == "MISSED"
    assert found["corpus_cli_vs_parse"]["value"] == 3.0
    assert found["peak_memory"]["value"] == 70.0
    assert found["peak_memory"]["status"] == "MISSED"
    assert target_ratios(_run(151.0, 100.0, 1024))["edited_file_vs_yamllint"]["status"] == "MISSED"


def test_a_peer_that_was_not_run_is_not_measured_rather_than_met() -> None:
    found = target_ratios(_run(150.0, 100.0, 1024))
    assert found["edited_file_vs_spectral"]["status"] == "NOT MEASURED"
    assert found["corpus_throughput_vs_spectral"]["status"] == "NOT MEASURED"
    assert target_ratios({})["peak_memory"]["status"] == "NOT MEASURED"


def test_the_cli_is_set_against_the_parses_just_before_and_after_it() -> None:
    run = _run(150.0, 100.0, 1024)
    run["corpus"]["in_process"].update(cli_j1_cpu_ms=18_000.0, cli_parse_cpu_ms=9_000.0)
    found = target_ratios(run)["corpus_cli_vs_parse"]
    assert (found["value"], found["status"]) == (2.0, "MET")
    # Throughput against the peers stays with the first run, as each peer runs once.
    assert target_ratios(run)["corpus_throughput_vs_yamllint"]["value"] == 10.0
