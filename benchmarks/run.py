"""placecheck's benchmark harness: "Fast at every scale".

    python benchmarks/run.py                 # full run (2,000 files: minutes on 2 cores)
    python benchmarks/run.py --quick         # smaller corpus, fewer repeats (CI, ~45 s)
    python benchmarks/run.py --check benchmarks/baseline.json   # exit 1 on a gross regression
    python benchmarks/run.py --save-baseline # also write benchmarks/baseline.json

Measures, on this machine:
  (a) cold start: median wall time of `python -c pass`, `placecheck --version` and
      `placecheck lint` of a copy of examples/gateshead.yaml edited before every run,
      each a fresh process;
  (b) throughput: a generated corpus linted in one process (lint_paths) and by the CLI,
      against the time to merely parse the same files with yaml's C loader;
  (c) scaling: time per file as proposals grow (10 to 1000 members) and as the number of
      rules grows (--select subsets), with the fitted log-log exponent;
  (d) peak memory (ru_maxrss) of the child process that lints the corpus;
and a stage breakdown (read+YAML, format validation, rules) of the in-process lint.

Results go to benchmarks/results/latest.json. Every figure that --check compares is a
ratio measured within one run (never an absolute time), so a slower CI machine cannot
make the check fail; it fails only when a ratio is more than 3x worse than the baseline's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "latest.json"
BASELINE = HERE / "baseline.json"
EXAMPLE = ROOT / "examples" / "gateshead.yaml"
REGRESSION_FACTOR = 3.0

# Targets from issue 14, reported as PASS/MISS (they never fail the run). The targets
# against other linters are compare.py's.
TARGETS = {
    "throughput.cpu_lint_vs_parse": (2.0, "in-process lint <= 2x bare C-loader parse (CPU)"),
    "throughput.cpu_cli_vs_parse": (2.0, "`placecheck lint DIR` <= 2x bare C-loader parse "
                                         "(CPU, all cores)"),
}

# Ratios that --check compares with the baseline (higher is worse for every one).
CHECKED = (
    "cold.version_vs_python",
    "cold.lint_edited_vs_python",
    "throughput.lint_vs_parse",
    "throughput.cli_vs_parse",
    "scaling.members.per_file_1000_vs_10",
    "scaling.rules.per_file_all_vs_10",
    "memory.peak_vs_python",
)

MEMBER_SIZES = (10, 30, 100, 300, 1000)
RULE_COUNTS = (10, 20, 40)  # plus "all" (and 0: format checks only, for reference)

FULL = {"mode": "full", "corpus": 2000, "cold_repeats": 15, "parse_repeats": 3,
        "lint_repeats": 2, "scaling_files": {10: 12, 30: 8, 100: 4, 300: 2, 1000: 1},
        "scaling_repeats": 3, "rules_files": 60, "rules_repeats": 5, "stage_files": 200}
QUICK = {"mode": "quick", "corpus": 200, "cold_repeats": 7, "parse_repeats": 2,
         "lint_repeats": 1, "scaling_files": {10: 6, 30: 4, 100: 2, 300: 1, 1000: 1},
         "scaling_repeats": 2, "rules_files": 20, "rules_repeats": 4, "stage_files": 60}


def bodies_for(members: int) -> int:
    """Governance bodies for a proposal of this size (bigger places have more bodies)."""
    return max(2, members // 15)


def functions_for(members: int) -> int:
    """Delegated functions for a proposal of this size."""
    return max(3, members // 10)


# --- environment -------------------------------------------------------------------------


def venv_bin() -> Path:
    """The venv's bin directory (the project's .venv, else the running interpreter's)."""
    for candidate in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        if (candidate / "python").exists() and (candidate / "placecheck").exists():
            return candidate
    return Path(sys.executable).parent


def python_exe() -> str:
    return str(venv_bin() / "python")


def placecheck_exe() -> str:
    return str(venv_bin() / "placecheck")


def timed_child(cmd: list[str], cwd: Path = ROOT,
                stdout: Any = subprocess.DEVNULL) -> tuple[float, float, int, int]:
    """Run a command to completion: (wall s, CPU s (user+sys), peak RSS KiB, exit code).

    wait4 gives the CPU time of the child and of every process it waited for (the
    worker processes of `--jobs`, Node's threads).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss), proc.returncode


def worker(task: dict[str, Any]) -> dict[str, Any]:
    """Run a measurement in a fresh child process (this script with --worker)."""
    done = subprocess.run([python_exe(), str(Path(__file__).resolve()), "--worker",
                           json.dumps(task)], cwd=ROOT, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"benchmark worker {task['task']} failed:\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def machine_info() -> dict[str, Any]:
    versions: dict[str, str] = {}
    try:
        probe = ("import json, sys, yaml, pydantic, placecheck; print(json.dumps({"
                 "'placecheck': placecheck.__version__, 'pyyaml': yaml.__version__, "
                 "'libyaml': bool(yaml.__with_libyaml__), 'pydantic': pydantic.VERSION, "
                 "'python': sys.version.split()[0]}))")
        versions = json.loads(subprocess.run([python_exe(), "-c", probe], capture_output=True,
                                             text=True, check=True).stdout)
    except (subprocess.CalledProcessError, json.JSONDecodeError):
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    cpu_model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    git: dict[str, Any] = {}
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "rules",
                                "schemas"], cwd=ROOT, capture_output=True, text=True,
                               check=True).stdout.split("\n")
        git = {"commit": commit,
               "uncommitted_changes": sorted(line[3:] for line in dirty if line.strip())}
    except (OSError, subprocess.CalledProcessError):
        pass
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git": git,
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model or platform.processor(),
        "platform": platform.platform(),
        "python_version": versions.get("python", platform.python_version()),
        "placecheck_version": versions.get("placecheck", "?"),
        "pyyaml_version": versions.get("pyyaml", "?"),
        "libyaml": versions.get("libyaml", False),
        "pydantic_version": versions.get("pydantic", "?"),
        "load_average_at_start": [round(x, 2) for x in load],
    }


# --- measurements ------------------------------------------------------------------------


# The floor for any Python tool that reads YAML: start, import PyYAML, parse the example
# with libyaml's parser (events only: less work than any loader).
YAML_FLOOR = ("import sys, yaml\n"
              "parser = yaml.CSafeLoader(open(sys.argv[1], 'rb'))\n"
              "while parser.check_event(): parser.get_event()\n")


def cold_start(repeats: int) -> dict[str, Any]:
    """Median wall time of fresh processes, interleaved so that drift hits all equally.

    `lint_edited` lints a copy of the example that changes before every run (a new
    comment line), as when someone edits and re-lints.
    """
    example = str(EXAMPLE.relative_to(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="placecheck-cold-"))
    edited = scratch / EXAMPLE.name
    edited.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    commands = {
        "python": [python_exe(), "-c", "pass"],
        "yaml_floor": [python_exe(), "-c", YAML_FLOOR, example],
        "version": [placecheck_exe(), "--version"],
        "lint_edited": [placecheck_exe(), "lint", str(edited)],
    }
    runs = 0

    def run(name: str) -> tuple[float, float, int, int]:
        nonlocal runs
        if name == "lint_edited":
            runs += 1
            with edited.open("a", encoding="utf-8") as handle:
                handle.write(f"# edit {runs}\n")
        return timed_child(commands[name])

    compile_bytecode()
    try:
        return _cold_runs(commands, run, repeats)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def compile_bytecode() -> None:
    """Write placecheck's .pyc files first, as installing a wheel does.

    An editable install compiles each module on first import and keeps the .pyc,
    unless PYTHONDONTWRITEBYTECODE is set (as on some CI machines): then every
    "cold" run would compile the whole package from source, which no installed
    copy ever does. compileall writes them whatever that variable says.
    """
    import placecheck

    subprocess.run([python_exe(), "-m", "compileall", "-q",
                    str(Path(placecheck.__file__).resolve().parent)],
                   check=True, stdout=subprocess.DEVNULL)


def _cold_runs(commands: dict[str, list[str]], run: Any, repeats: int) -> dict[str, Any]:
    for name in commands:  # warm the OS file cache and .pyc files
        run(name)
    times: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, int] = {k: 0 for k in commands}
    codes: dict[str, int] = {}
    for _ in range(repeats):
        for name in commands:
            wall, cpu_s, peak, code = run(name)
            times[name].append(wall)
            cpu[name].append(cpu_s)
            rss[name] = max(rss[name], peak)
            codes[name] = code
    if codes["lint_edited"] == 2 or codes["version"] != 0:
        raise SystemExit("placecheck failed to run during the cold-start measurement "
                         f"(exit codes {codes}); run `placecheck lint {EXAMPLE}` to see why")
    med = {k: statistics.median(v) for k, v in times.items()}
    med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
    return {
        "repeats": repeats,
        "median_s": {k: round(v, 4) for k, v in med.items()},
        "min_s": {k: round(min(v), 4) for k, v in times.items()},
        "median_cpu_s": {k: round(v, 4) for k, v in med_cpu.items()},
        "peak_rss_kib": rss,
        "version_vs_python": round(med["version"] / med["python"], 2),
        "lint_edited_vs_python": round(med["lint_edited"] / med["python"], 2),
        "yaml_floor_vs_python": round(med["yaml_floor"] / med["python"], 2),
        "lint_edited_vs_yaml_floor": round(med["lint_edited"] / med["yaml_floor"], 2),
        # The same ratios from CPU time (user + sys): less sensitive to a busy machine.
        "cpu_version_vs_python": round(med_cpu["version"] / max(med_cpu["python"], 1e-4), 2),
        "cpu_lint_edited_vs_python": round(med_cpu["lint_edited"]
                                           / max(med_cpu["python"], 1e-4), 2),
    }


def throughput(corpus: Path, files: int, cfg: dict[str, Any], parallel: bool) -> dict[str, Any]:
    """In-process lint and parse (one worker) and the CLI on the same directory.

    The CLI runs after the worker; with `parallel`, at the same time (one on each core:
    faster, but the two then compete for memory bandwidth and caches). Its JSON report is
    read back to confirm that the generated corpus has no format errors.
    """
    serial = not parallel
    import threading

    report_path = corpus.parent / "cli-report.json"
    cli: dict[str, Any] = {}

    def run_cli() -> None:
        with report_path.open("w", encoding="utf-8") as out:
            wall, cpu_s, peak, code = timed_child(
                [placecheck_exe(), "lint", str(corpus), "--format", "json"], stdout=out)
        cli.update(wall=wall, cpu=cpu_s, peak=peak, code=code)

    if serial:
        inproc = worker({"task": "throughput", "corpus": str(corpus),
                         "parse_repeats": cfg["parse_repeats"],
                         "lint_repeats": cfg["lint_repeats"]})
        run_cli()
    else:
        thread = threading.Thread(target=run_cli)
        thread.start()
        inproc = worker({"task": "throughput", "corpus": str(corpus),
                         "parse_repeats": cfg["parse_repeats"],
                         "lint_repeats": cfg["lint_repeats"]})
        thread.join()
    if cli["code"] == 2:
        raise SystemExit(f"placecheck lint {corpus} failed (exit 2)")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    format_codes = sorted({f["rule_id"] for f in report["findings"]
                           if f["rule_id"].startswith("F")})
    parse = inproc["parse_s"]
    lint = inproc["lint_s"]
    cli_wall = cli["wall"]
    return {
        "concurrent_with_cli": not serial,
        "files": files,
        "corpus_mib": round(inproc["bytes"] / 2**20, 2),
        "parse_s": round(parse, 3),
        "lint_s": round(lint, 3),
        "cli_s": round(cli_wall, 3),
        "parse_files_per_s": round(files / parse, 1),
        "lint_files_per_s": round(files / lint, 1),
        "cli_files_per_s": round(files / cli_wall, 1),
        "lint_vs_parse": round(lint / parse, 2),
        "cli_vs_parse": round(cli_wall / parse, 2),
        # CPU-time ratios (process_time in the worker, rusage for the CLI).
        "cpu_lint_vs_parse": round(inproc["lint_cpu_s"] / inproc["parse_cpu_s"], 2),
        "cpu_cli_vs_parse": round(cli["cpu"] / inproc["parse_cpu_s"], 2),
        "cli_peak_rss_kib": cli["peak"],
        "findings": report["summary"],
        "format_error_codes": format_codes,
        "memory": inproc["memory"],
    }


def loglog_slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) against log(x): 1 means linear."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    var = sum((x - mx) ** 2 for x in lx)
    return sum((x - mx) * (y - my) for x, y in zip(lx, ly, strict=True)) / var if var else 0.0


def scaling_members(base: Path, cfg: dict[str, Any], seed: int) -> dict[str, Any]:
    from generate import write_corpus

    dirs = {}
    for members in MEMBER_SIZES:
        directory = base / f"members-{members}"
        write_corpus(directory, cfg["scaling_files"][members], members=members,
                     functions=functions_for(members), bodies=bodies_for(members), seed=seed,
                     jobs=os.cpu_count() or 1)
        dirs[members] = str(directory)
    result = worker({"task": "scaling", "dirs": dirs, "repeats": cfg["scaling_repeats"]})
    rows = []
    for members in MEMBER_SIZES:
        r = result[str(members)]
        rows.append({"members": members, "bodies": bodies_for(members),
                     "functions": functions_for(members), "files": r["files"],
                     "kib_per_file": round(r["bytes"] / r["files"] / 1024, 1),
                     "lint_ms_per_file": round(r["lint_s"] / r["files"] * 1000, 2),
                     "parse_ms_per_file": round(r["parse_s"] / r["files"] * 1000, 2)})
    xs = [float(r["members"]) for r in rows]
    kib = [r["kib_per_file"] for r in rows]
    lint = [r["lint_ms_per_file"] for r in rows]
    parse = [r["parse_ms_per_file"] for r in rows]
    return {
        "rows": rows,
        "exponent_lint_vs_members": round(loglog_slope(xs, lint), 3),
        "exponent_lint_vs_bytes": round(loglog_slope(kib, lint), 3),
        "exponent_parse_vs_bytes": round(loglog_slope(kib, parse), 3),
        "per_file_1000_vs_10": round(lint[-1] / lint[0], 2),
    }


def scaling_rules(corpus: Path, cfg: dict[str, Any]) -> dict[str, Any]:
    result = worker({"task": "rules", "corpus": str(corpus), "files": cfg["rules_files"],
                     "counts": list(RULE_COUNTS), "repeats": cfg["rules_repeats"]})
    rows = result["rows"]
    measured = [r for r in rows if r["rules"] > 0]
    xs = [float(r["rules"]) for r in measured]
    ys = [r["ms_per_file"] for r in measured]
    by_count = {r["rules"]: r["ms_per_file"] for r in rows}
    all_rules = max(r["rules"] for r in rows)
    format_only = by_count.get(0, 0.0)
    return {
        "files": result["files"],
        "rows": rows,
        "exponent_lint_vs_rules": round(loglog_slope(xs, ys), 3),
        "exponent_rule_part_vs_rules": round(loglog_slope(
            xs, [max(y - format_only, 1e-6) for y in ys]), 3),
        "per_file_all_vs_10": round(by_count[all_rules] / by_count[10], 2),
    }


def stages(corpus: Path, cfg: dict[str, Any]) -> dict[str, Any]:
    return worker({"task": "stages", "corpus": str(corpus), "files": cfg["stage_files"]})


# --- the worker side (runs in a child process) --------------------------------------------


def _rss_kib() -> int:
    import resource

    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _corpus_files(corpus: str, limit: int | None = None) -> list[Path]:
    files = sorted(Path(corpus).rglob("*.yaml"))
    return files[:limit] if limit else files


def _parse(files: list[Path]) -> None:
    """The baseline: PyYAML's C loader reading each file into plain values."""
    import yaml

    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def _parse_all(files: list[Path], cpu: bool = False) -> float:
    gc.collect()
    clock = time.process_time if cpu else time.perf_counter
    start = clock()
    _parse(files)
    return clock() - start


def _rules(select: list[str] | None = None) -> list[Any]:
    from placecheck.rules.selection import load_packs, select_rules

    return select_rules(load_packs(), select)


def _run_worker(task: dict[str, Any]) -> dict[str, Any]:
    rss_start = _rss_kib()
    from placecheck.lint import lint_paths

    kind = task["task"]
    if kind == "throughput":
        rules = _rules()
        files = _corpus_files(task["corpus"])
        total = sum(p.stat().st_size for p in files)
        for path in files:  # warm the OS file cache
            path.read_bytes()
        rss_setup = _rss_kib()
        parses: list[tuple[float, float]] = []
        lints: list[tuple[float, float]] = []
        findings = 0
        rss_after_parse = rss_peak = 0
        # Parses and lints take turns, so that a busy spell on the machine or the
        # collector's state is shared between them rather than landing on one.
        for turn in range(max(task["parse_repeats"], task["lint_repeats"])):
            if turn < task["parse_repeats"]:
                start, cpu_start = time.perf_counter(), time.process_time()
                _parse_all(files)
                parses.append((time.perf_counter() - start, time.process_time() - cpu_start))
                rss_after_parse = rss_after_parse or _rss_kib()
            if turn < task["lint_repeats"]:
                start, cpu_start = time.perf_counter(), time.process_time()
                run = lint_paths([Path(task["corpus"])], rules)
                lints.append((time.perf_counter() - start, time.process_time() - cpu_start))
                findings = len(run.findings)
                rss_peak = max(rss_peak, _rss_kib())
                del run
        parse, lint = min(parses), min(lints)
        return {"files": len(files), "bytes": total, "parse_s": parse[0], "lint_s": lint[0],
                "parse_cpu_s": parse[1], "lint_cpu_s": lint[1], "findings": findings,
                "memory": {"rss_interpreter_kib": rss_start, "rss_after_imports_kib": rss_setup,
                           "rss_after_parse_kib": rss_after_parse, "peak_kib": rss_peak,
                           "growth_kib_per_file": round((rss_peak - rss_after_parse)
                                                        / max(len(files), 1), 2)}}
    if kind == "taken_in_turn":
        # The C-loader parse and lint_paths over the same files, `chunk` files at a time,
        # the two taking turns on each chunk (which goes first alternates): a slow spell
        # on the machine falls on both sides alike. Measured whole, one after the other,
        # their ratio moved from 1.38x to 2.22x between runs; chunk by chunk, 1.54x to 1.63x.
        rules = _rules()
        files = _corpus_files(task["corpus"])
        for path in files:  # warm the OS file cache
            path.read_bytes()
        lint_paths(files[:1], rules)  # warm-up: first use of code paths

        def lint(paths: list[Path]) -> None:
            lint_paths(paths, rules)

        chunk = task["chunk"]
        spent = {_parse: [0.0, 0.0], lint: [0.0, 0.0]}  # CPU, wall
        for turn, first in enumerate(range(0, len(files), chunk)):
            part = files[first:first + chunk]
            for side in (_parse, lint) if turn % 2 == 0 else (lint, _parse):
                cpu_start, start = time.process_time(), time.perf_counter()
                side(part)
                spent[side][0] += time.process_time() - cpu_start
                spent[side][1] += time.perf_counter() - start
        return {"files": len(files), "chunk": chunk, "parse_cpu_s": spent[_parse][0],
                "parse_s": spent[_parse][1], "lint_cpu_s": spent[lint][0],
                "lint_s": spent[lint][1]}
    if kind == "parse":
        files = _corpus_files(task["corpus"])
        for path in files:
            path.read_bytes()
        return {"files": len(files), "parse_cpu_s": _parse_all(files, cpu=True)}
    if kind == "scaling":
        # CPU time (process_time), minimum over repeats, sizes interleaved within each
        # repeat: what a busy machine does to one size it does to all.
        rules = _rules()
        sets = {m: _corpus_files(d) for m, d in task["dirs"].items()}
        lint_paths(sets[min(sets, key=int)][:1], rules)  # warm-up: first use of code paths
        lint: dict[str, list[float]] = {m: [] for m in sets}
        parse: dict[str, list[float]] = {m: [] for m in sets}
        for _ in range(task["repeats"]):
            for members, files in sets.items():
                lint[members].append(_cpu(lambda f=files: lint_paths(f, rules)))
                parse[members].append(_parse_all(files, cpu=True))
        return {m: {"files": len(files), "bytes": sum(p.stat().st_size for p in files),
                    "lint_s": min(lint[m]), "parse_s": min(parse[m])}
                for m, files in sets.items()}
    if kind == "rules":
        all_rules = _rules()
        ids = [r.id for r in all_rules]
        files = _corpus_files(task["corpus"], task["files"])
        lint_paths(files[:2], all_rules)  # warm-up
        subsets = {}
        for count in [0, *task["counts"], len(ids)]:
            if count <= len(ids):
                # What `placecheck lint --select ID,ID,...` runs with the first `count` rule
                # ids (taken exactly: --select also reads an id as a prefix, TP-D1 -> TP-D10).
                chosen = set(ids[:count])
                subsets[count] = [r for r in all_rules if r.id in chosen]
        times: dict[int, list[float]] = {c: [] for c in subsets}
        for _ in range(task["repeats"]):  # interleaved, CPU time, minimum
            for count, subset in subsets.items():
                times[count].append(_cpu(lambda s=subset: lint_paths(files, s)))
        rows = [{"rules": len(subset), "ms_per_file":
                 round(min(times[count]) / len(files) * 1000, 2)}
                for count, subset in subsets.items()]
        return {"files": len(files), "rows": rows}
    if kind == "stages":
        from placecheck.lint import lint_document
        from placecheck.loading import load_path
        from placecheck.model.derive import derive
        from placecheck.model.validate import validate_document
        from placecheck.rules.engine import evaluate

        rules = _rules()
        place_rules = [r for r in rules if r.applies_to == "place"]
        files = _corpus_files(task["corpus"], task["files"])
        lint_document(load_path(files[0]), rules)  # warm-up
        t_yaml = _parse_all(files, cpu=True)
        docs = []
        start = time.process_time()
        for path in files:
            docs.append(load_path(path))
        t_load = time.process_time() - start
        t_validate = _cpu(lambda: [validate_document(d) for d in docs])
        for d in docs:
            derive(d.data)
        t_rules = _cpu(lambda: [evaluate(place_rules, d) for d in docs])
        per_rule: dict[str, float] = {}
        sample = docs[:30]
        for rule in place_rules:
            per_rule[rule.id] = _cpu(lambda r=rule: [evaluate([r], d) for d in sample])
        slowest = sorted(per_rule.items(), key=lambda kv: -kv[1])[:8]
        n = len(files)
        total = t_load + t_validate + t_rules
        return {
            "files": n,
            "ms_per_file": {"yaml_c_loader_parse": round(t_yaml / n * 1000, 2),
                            "load_path (read + positional YAML)": round(t_load / n * 1000, 2),
                            "validate_document (structure + references)":
                                round(t_validate / n * 1000, 2),
                            "rules (evaluate)": round(t_rules / n * 1000, 2)},
            "share": {"load": round(t_load / total, 3), "validate": round(t_validate / total, 3),
                      "rules": round(t_rules / total, 3)},
            "slowest_rules_ms_per_file": {k: round(v / len(sample) * 1000, 3)
                                          for k, v in slowest},
        }
    raise ValueError(f"unknown worker task {kind}")


def _timed(fn: Any) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _cpu(fn: Any) -> float:
    gc.collect()  # start each measurement without garbage left by the previous one
    start = time.process_time()
    fn()
    return time.process_time() - start


# --- reporting ---------------------------------------------------------------------------


def lookup(results: dict[str, Any], dotted: str) -> Any:
    value: Any = results
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def targets(results: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, (limit, text) in TARGETS.items():
        value = lookup(results, key)
        out[key] = {"target": text, "limit": limit, "value": value,
                    "status": "PASS" if value is not None and value <= limit else "MISS"}
    return out


def baseline_for(stored: dict[str, Any], mode: str) -> tuple[dict[str, Any], str]:
    """The baseline of the same mode (quick or full); the other one if that is all there is."""
    if "mode" in stored:  # a plain results file used as a baseline
        return stored, stored["mode"]
    if mode in stored:
        return stored[mode], mode
    other = next(iter(stored))
    return stored[other], other


def check(results: dict[str, Any], baseline_path: Path) -> list[str]:
    baseline, mode = baseline_for(json.loads(baseline_path.read_text(encoding="utf-8")),
                                  results["mode"])
    if mode != results["mode"]:
        print(f"note: {baseline_path} has no {results['mode']} baseline; comparing with its "
              f"{mode} one (ratios that grow with the corpus size may differ)")
    problems = []
    for key in CHECKED:
        now, then = lookup(results, key), lookup(baseline, key)
        if now is None or then is None or then <= 0:
            continue
        if now > REGRESSION_FACTOR * then:
            problems.append(f"{key}: {now} vs baseline {then} "
                            f"({now / then:.1f}x worse; the limit is {REGRESSION_FACTOR:g}x)")
    return problems


def print_table(r: dict[str, Any]) -> None:
    m, c, t = r["machine"], r["cold"], r["throughput"]
    print(f"\nplacecheck {m['placecheck_version']} on Python {m['python_version']}, "
          f"{m['cpu_count']} CPUs ({m['cpu_model']}), {r['mode']} run, {m['date']}")
    print(f"load average at start: {m['load_average_at_start']}\n")
    print(f"(a) cold start (median of {c['repeats']})            wall      vs python -c pass"
          "   (CPU time)")
    for name, label in (("python", "python -c pass"),
                        ("yaml_floor", "python: import yaml, parse gateshead"),
                        ("version", "placecheck --version"),
                        ("lint_edited", "placecheck lint gateshead (just edited)")):
        ratio = c["median_s"][name] / c["median_s"]["python"]
        cpu_ratio = c["median_cpu_s"][name] / max(c["median_cpu_s"]["python"], 1e-4)
        print(f"    {label:<36} {c['median_s'][name] * 1000:8.1f} ms  {ratio:8.1f}x"
              f"   ({c['median_cpu_s'][name] * 1000:6.1f} ms, {cpu_ratio:5.1f}x)")
    print(f"\n(b) throughput, {t['files']} proposals ({t['corpus_mib']} MiB)"
          "      files/s   vs C-loader parse"
          + ("  (CLI ran concurrently)" if t["concurrent_with_cli"] else ""))
    for label, key, rate in (("yaml.load CSafeLoader (parse only)", "parse_s", "parse_files_per_s"),
                             ("lint_paths in one process", "lint_s", "lint_files_per_s"),
                             ("placecheck lint DIR (CLI)", "cli_s", "cli_files_per_s")):
        print(f"    {label:<36} {t[rate]:8.1f}     {t[key] / t['parse_s']:8.2f}x")
    print(f"    CPU-time ratios: lint {t['cpu_lint_vs_parse']}x, CLI {t['cpu_cli_vs_parse']}x")
    s = r["scaling"]["members"]
    print("\n(c) scaling with size (CPU time)  KiB/file   lint ms/file   parse ms/file")
    for row in s["rows"]:
        print(f"    {row['members']:>5} members, {row['bodies']:>2} bodies, "
              f"{row['functions']:>3} fn {row['kib_per_file']:8.1f} "
              f"{row['lint_ms_per_file']:12.2f} {row['parse_ms_per_file']:12.2f}")
    print(f"    exponent (log-log fit): lint vs members {s['exponent_lint_vs_members']}, "
          f"lint vs bytes {s['exponent_lint_vs_bytes']}, parse vs bytes "
          f"{s['exponent_parse_vs_bytes']}  (1 = linear)")
    sr = r["scaling"]["rules"]
    print(f"    scaling with rules ({sr['files']} files, CPU ms per file):  "
          + ", ".join(f"{row['rules']} rules {row['ms_per_file']} ms" for row in sr["rows"]))
    print(f"    exponent: lint vs rules {sr['exponent_lint_vs_rules']}, rule part alone "
          f"{sr['exponent_rule_part_vs_rules']}")
    mem = t["memory"]
    print(f"\n(d) peak memory linting the corpus: {mem['peak_kib'] / 1024:.1f} MiB "
          f"(after imports {mem['rss_after_imports_kib'] / 1024:.1f} MiB, python -c pass "
          f"{c['peak_rss_kib']['python'] / 1024:.1f} MiB; "
          f"{r['memory']['peak_vs_python']}x; +{mem['growth_kib_per_file']} KiB per file)")
    st = r["stages"]
    print(f"\nstages (CPU ms per file, {st['files']} files): "
          + ", ".join(f"{k} {v}" for k, v in st["ms_per_file"].items()))
    print("\ntargets:")
    for tgt in r["targets"].values():
        print(f"    {tgt['status']:<5} {tgt['target']}: {tgt['value']}x")
    print("    (the targets against yamllint and Spectral, and memory at 10,000 files: "
          "benchmarks/compare.py)")


# --- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="Smaller corpus and fewer repeats (for CI).")
    parser.add_argument("--check", type=Path, metavar="BASELINE.json",
                        help="Exit 1 if any ratio is over 3x worse than in this baseline.")
    parser.add_argument("--save-baseline", action="store_true",
                        help=f"Also write the results to {BASELINE.relative_to(ROOT)}.")
    parser.add_argument("--corpus", type=int, help="Override the corpus size.")
    parser.add_argument("--seed", type=int, default=0, help="Generator seed (default 0).")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="Generate into DIR and keep it (default: a temporary directory).")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help=f"Where to write the results (default {RESULTS.relative_to(ROOT)}).")
    parser.add_argument("--parallel", action="store_true",
                        help="Run the CLI corpus lint at the same time as the in-process one "
                             "(faster; less accurate on a busy machine).")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(_run_worker(json.loads(args.worker))))
        return 0

    sys.path.insert(0, str(HERE))
    from generate import write_corpus

    cfg = dict(QUICK if args.quick else FULL)
    if args.corpus:
        cfg["corpus"] = args.corpus
    began = time.perf_counter()
    base = args.keep if args.keep else Path(tempfile.mkdtemp(prefix="placecheck-bench-"))
    try:
        corpus = base / "corpus"
        if corpus.exists():
            shutil.rmtree(corpus)
        print(f"generating {cfg['corpus']} proposals in {corpus} ...", file=sys.stderr)
        files = len(write_corpus(corpus, cfg["corpus"], seed=args.seed,
                                 jobs=os.cpu_count() or 1))
        results: dict[str, Any] = {"mode": cfg["mode"], "machine": machine_info(),
                                   "config": {k: v for k, v in cfg.items()
                                              if k != "scaling_files"}}
        sections: dict[str, float] = {"generate": time.perf_counter() - began}

        def section(name: str, fn: Any, *fn_args: Any) -> Any:
            print(f"{name} ...", file=sys.stderr)
            start = time.perf_counter()
            value = fn(*fn_args)
            sections[name] = round(time.perf_counter() - start, 1)
            return value

        results["cold"] = section("cold start", cold_start, cfg["cold_repeats"])
        results["throughput"] = section("throughput", throughput, corpus, files, cfg,
                                        args.parallel)
        results["scaling"] = {
            "members": section("scaling (members)", scaling_members, base / "scaling", cfg,
                               args.seed),
            "rules": section("scaling (rules)", scaling_rules, corpus, cfg)}
        results["stages"] = section("stages", stages, corpus, cfg)
        sections["generate"] = round(sections["generate"], 1)
        results["section_s"] = sections
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    mem = results["throughput"]["memory"]
    results["memory"] = {"peak_kib": mem["peak_kib"],
                         "peak_vs_python": round(mem["peak_kib"]
                                                 / results["cold"]["peak_rss_kib"]["python"],
                                                 2),
                         "growth_kib_per_file": mem["growth_kib_per_file"]}
    results["targets"] = targets(results)
    results["checked_ratios"] = {k: lookup(results, k) for k in CHECKED}
    results["elapsed_s"] = round(time.perf_counter() - began, 1)
    stored = results
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(stored, indent=2) + "\n", encoding="utf-8")
    if args.save_baseline:
        # One baseline per mode, so that `--quick --check` compares like with like.
        saved: dict[str, Any] = {}
        if BASELINE.exists():
            try:
                saved = json.loads(BASELINE.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                saved = {}
            if "mode" in saved:
                saved = {saved["mode"]: saved}
        saved[results["mode"]] = stored
        BASELINE.write_text(json.dumps(saved, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    if results["throughput"]["format_error_codes"]:
        print(f"\nWARNING: the generated corpus has format errors: "
              f"{results['throughput']['format_error_codes']}")
    print(f"\nwrote {args.output} in {results['elapsed_s']} s"
          + (f" and {BASELINE}" if args.save_baseline else ""))
    if args.check:
        problems = check(results, args.check)
        if problems:
            print("\nREGRESSION (ratio over 3x worse than the baseline):")
            for problem in problems:
                print(f"    {problem}")
            return 1
        print(f"\ncheck against {args.check}: no ratio is over 3x worse than the baseline")
    return 0


if __name__ == "__main__":
    sys.exit(main())
