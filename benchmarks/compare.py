"""Compare placecheck with other YAML linters, as a user would run them, on one machine.

    .venv/bin/python benchmarks/compare.py                      # 9 repeats, 2,000 proposals
    .venv/bin/python benchmarks/compare.py --repeats 5 --corpus 200 --memory-files 0
    .venv/bin/python benchmarks/compare.py --yamllint /tmp/others/bin/yamllint \\
        --cfn-lint /tmp/others/bin/cfn-lint --spectral /tmp/spectral/node_modules/.bin/spectral

Measures, in one run, wall time and CPU time (user+sys of the child, from wait4):
  (a) start-up: `python -c pass` (the floor), `placecheck --version`, `yamllint --version`,
      `cfn-lint --version`, `spectral --version`;
  (b) one just-edited file (a copy of examples/gateshead.yaml that gains a comment line
      before every run of every tool): `placecheck lint` (and with `--no-cache`), yamllint with
      comparison/yamllint.yaml, Spectral with comparison/spectral.yaml;
  (c) a generated corpus, one run each: `placecheck lint DIR --format json` with `-j 1` and
      on all cores, `yamllint DIR`, `spectral lint 'DIR/**/*.yaml'`; and in one child
      process, PyYAML's C loader parsing the same files and `lint_paths` linting them,
      taking turns every CHUNK files (the CPU time of each side summed); then
      `placecheck lint DIR -j 1` once more, between two C-loader parses of the corpus
      (each in a process of its own), and set against their mean;
  (d) peak memory of `placecheck lint DIR -j 1` over --memory-files proposals;
then the ratios issue 14 sets targets for (see TARGETS).
(a) and (b) are the median of --repeats fresh processes, all commands interleaved so
that drift on a busy machine hits each alike (as run.py does).

Nothing is installed: each tool comes from its option or from PATH, and a tool that
cannot be found is skipped with a note. A tool that crashes (an unreadable ruleset or
configuration, a traceback) stops the run with exit 1; findings (exit 1 from a linter)
are expected. Bad options exit 2. Results go to benchmarks/results/compare.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from compare_targets import print_targets, target_ratios  # noqa: E402
from generate import write_corpus  # noqa: E402
from run import (  # noqa: E402
    EXAMPLE,
    ROOT,
    compile_bytecode,
    machine_info,
    placecheck_exe,
    python_exe,
    timed_child,
    worker,
)

RESULTS = HERE / "results" / "compare.json"
YAMLLINT_CONFIG = (HERE / "comparison" / "yamllint.yaml").relative_to(ROOT)
SPECTRAL_RULESET = (HERE / "comparison" / "spectral.yaml").relative_to(ROOT)
EXAMPLE_REL = EXAMPLE.relative_to(ROOT)
SAMPLE_FILES = 3  # corpus files each corpus command is first tried on, output captured
CHUNK = 100  # files parsed, then linted (or the other way round), in each turn in one process

PYTHON_CRASH = ("Traceback (most recent call last)",)
# The other tools: how to find them, and what on stderr means they crashed (exit codes
# alone cannot say: yamllint exits 1 both on findings and on a Python traceback).
OTHER_TOOLS: dict[str, tuple[str, ...]] = {
    "yamllint": PYTHON_CRASH,
    "cfn-lint": PYTHON_CRASH,
    "spectral": ("Error running Spectral", "node:internal"),
}
FINDINGS = re.compile(r"^\s*\d+:\d+\s+(error|warning|info|information|hint)\b", re.MULTILINE)


class ToolFailed(Exception):
    """A tool crashed, or did not do what it was asked."""


@dataclass(frozen=True)
class Tool:
    name: str
    path: str
    crash_markers: tuple[str, ...] = PYTHON_CRASH


@dataclass
class Measure:
    """One command line to time; `before` runs ahead of every run (not timed)."""

    key: str
    label: str
    tool: Tool
    argv: list[str]
    ok_codes: frozenset[int] = frozenset({0})
    before: Callable[[], None] | None = None
    stdout_text: str = field(default="", repr=False)


# --- finding the tools --------------------------------------------------------------------


def locate(name: str, option: str | None) -> str | None:
    """The tool's executable: the option's (which must exist) or the first on PATH."""
    if option:
        found = shutil.which(option)
        if found is None:
            raise ValueError(f"--{name} {option}: no such executable file")
        return str(Path(found).absolute())
    return shutil.which(name)


def find_tools(args: argparse.Namespace) -> tuple[dict[str, Tool], dict[str, str]]:
    """The other tools that are there, and a note for each one that is not."""
    tools: dict[str, Tool] = {}
    skipped: dict[str, str] = {}
    for name, markers in OTHER_TOOLS.items():
        path = locate(name, getattr(args, name.replace("-", "_")))
        if path is None:
            skipped[name] = f"not found on PATH (give --{name} PATH)"
        else:
            tools[name] = Tool(name, path, markers)
    return tools, skipped


# --- running ------------------------------------------------------------------------------


def check_run(measure: Measure) -> str:
    """Run once with the output captured (this is also the warm-up); fail if it crashed."""
    if measure.before:
        measure.before()
    done = subprocess.run(measure.argv, cwd=ROOT, capture_output=True, check=False)
    out = done.stdout.decode("utf-8", "replace")
    err = done.stderr.decode("utf-8", "replace")
    crashed = [marker for marker in measure.tool.crash_markers if marker in err]
    if done.returncode not in measure.ok_codes or crashed:
        tail = "\n".join((err or out).strip().splitlines()[-15:])
        raise ToolFailed(f"{measure.label} failed (exit {done.returncode}):\n"
                         f"    {' '.join(measure.argv)}\n{tail}")
    return out


def timed(measure: Measure, stdout: Any = subprocess.DEVNULL) -> tuple[float, float, int, int]:
    """One timed run (run.py's timed_child): wall s, CPU s, peak RSS KiB, exit code."""
    if measure.before:
        measure.before()
    wall, cpu, rss, code = timed_child(measure.argv, stdout=stdout)
    if code not in measure.ok_codes:
        raise ToolFailed(f"{measure.label} exited {code} during timing:\n"
                         f"    {' '.join(measure.argv)}")
    return wall, cpu, rss, code


class EditedCopy:
    """A copy of a file that gains a comment line before every run: a just-edited file."""

    def __init__(self, source: Path, folder: Path) -> None:
        self.path = folder / source.name
        shutil.copyfile(source, self.path)
        self.edits = 0

    def __call__(self) -> None:
        self.edits += 1
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write(f"# edit {self.edits}\n")


# --- (a) start-up and (b) one file --------------------------------------------------------


def short_measures(tools: dict[str, Tool], scratch: Path) -> list[Measure]:
    """(a) and (b): the commands timed over and over, in the order they are interleaved.

    In (b) every tool lints the same copy of the example, edited before each of its runs.
    """
    python = Tool("python", python_exe())
    placecheck = Tool("placecheck", placecheck_exe())
    lint_codes = frozenset({0, 1})
    edited = EditedCopy(EXAMPLE, scratch)
    copy = str(edited.path)
    measures = [
        Measure("python", "python -c pass", python, [python.path, "-c", "pass"]),
        Measure("placecheck_version", "placecheck --version", placecheck,
                [placecheck.path, "--version"]),
    ]
    measures += [Measure(f"{name}_version", f"{name} --version", tool, [tool.path, "--version"])
                 for name, tool in tools.items()]
    measures.append(Measure("placecheck_lint", "placecheck lint", placecheck,
                            [placecheck.path, "lint", copy], lint_codes, before=edited))
    # The packs checked afresh: the first lint after installing placecheck or editing a
    # pack (not a target; the line above takes them from the pack cache, as users do).
    measures.append(Measure("placecheck_lint_no_cache", "placecheck lint --no-cache",
                            placecheck, [placecheck.path, "lint", "--no-cache", copy],
                            lint_codes, before=edited))
    if "yamllint" in tools:
        measures.append(Measure("yamllint_lint", "yamllint -c comparison/yamllint.yaml",
                                tools["yamllint"], [tools["yamllint"].path, "-c",
                                                    str(YAMLLINT_CONFIG), copy], lint_codes,
                                before=edited))
    if "spectral" in tools:
        measures.append(Measure("spectral_lint", "spectral lint -r comparison/spectral.yaml",
                                tools["spectral"], [tools["spectral"].path, "lint", "-r",
                                                    str(SPECTRAL_RULESET), copy], lint_codes,
                                before=edited))
    return measures


def interleaved(measures: list[Measure], repeats: int) -> dict[str, dict[str, Any]]:
    """Median of `repeats` fresh processes per command, the commands taken in turn."""
    for measure in measures:
        measure.stdout_text = check_run(measure)
    walls: dict[str, list[float]] = {m.key: [] for m in measures}
    cpus: dict[str, list[float]] = {m.key: [] for m in measures}
    peaks: dict[str, int] = {m.key: 0 for m in measures}
    codes: dict[str, int] = {}
    for _ in range(repeats):
        for measure in measures:
            wall, cpu, rss, code = timed(measure)
            walls[measure.key].append(wall)
            cpus[measure.key].append(cpu)
            peaks[measure.key] = max(peaks[measure.key], rss)
            codes[measure.key] = code
    floor = statistics.median(walls["python"])
    return {m.key: {"label": m.label, "command": display(m.argv),
                    "median_ms": ms(statistics.median(walls[m.key])),
                    "min_ms": ms(min(walls[m.key])),
                    "median_cpu_ms": ms(statistics.median(cpus[m.key])),
                    "min_cpu_ms": ms(min(cpus[m.key])),
                    "vs_python": round(statistics.median(walls[m.key]) / floor, 2),
                    "peak_rss_kib": peaks[m.key], "exit_code": codes[m.key],
                    "findings": len(FINDINGS.findall(m.stdout_text))}
            for m in measures}


# --- (c) a corpus -------------------------------------------------------------------------


def corpus_measures(tools: dict[str, Tool], folder: Path) -> list[Measure]:
    """(c): the commands run once each over a whole directory of proposals."""
    placecheck = Tool("placecheck", placecheck_exe())
    lint_codes = frozenset({0, 1})
    cores = os.cpu_count() or 1
    measures = [
        Measure("placecheck_j1", "placecheck lint DIR --format json -j 1", placecheck,
                [placecheck.path, "lint", str(folder), "--format", "json", "-j", "1"],
                lint_codes),
        Measure("placecheck_all_cores", f"placecheck lint DIR --format json ({cores} cores)",
                placecheck, [placecheck.path, "lint", str(folder), "--format", "json"],
                lint_codes),
    ]
    if "yamllint" in tools:
        measures.append(Measure("yamllint", "yamllint -c comparison/yamllint.yaml DIR",
                                tools["yamllint"], [tools["yamllint"].path, "-c",
                                                    str(YAMLLINT_CONFIG), str(folder)],
                                lint_codes))
    if "spectral" in tools:
        # Spectral takes files or globs (expanded by itself), not directories.
        measures.append(Measure("spectral", "spectral lint -r comparison/spectral.yaml "
                                "'DIR/**/*.yaml'", tools["spectral"],
                                [tools["spectral"].path, "lint", "-r", str(SPECTRAL_RULESET),
                                 f"{folder}/**/*.yaml"], lint_codes))
    return measures


def retarget(measure: Measure, old: Path, new: Path) -> Measure:
    """The same command over another directory."""
    argv = [arg.replace(str(old), str(new)) for arg in measure.argv]
    return Measure(measure.key, measure.label, measure.tool, argv, measure.ok_codes)


def corpus_runs(tools: dict[str, Tool], count: int, seed: int,
                work: Path) -> dict[str, Any]:
    """Generate `count` proposals, lint them once with each tool, parse them in process."""
    corpus = work / "corpus"
    print(f"generating {count} proposals in {corpus} ...", file=sys.stderr)
    files = write_corpus(corpus, count, seed=seed, jobs=os.cpu_count() or 1)
    size = sum(path.stat().st_size for path in files)
    sample = work / "sample"
    sample.mkdir()
    for path in files[:SAMPLE_FILES]:
        shutil.copy(path, sample)
    rows: dict[str, Any] = {}
    for measure in corpus_measures(tools, corpus):
        check_run(retarget(measure, corpus, sample))  # a crash shows here, with its stderr
        print(f"corpus: {measure.label} ...", file=sys.stderr)
        rows[measure.key] = corpus_row(measure, work, len(files))
    base = rows["placecheck_j1"]["wall_ms"]
    for row in rows.values():
        row["time_vs_placecheck_j1"] = round(row["wall_ms"] / base, 2)
    print(f"corpus: C-loader parse and lint_paths in one process, taking turns every "
          f"{CHUNK} files ...", file=sys.stderr)
    inproc = worker({"task": "taken_in_turn", "corpus": str(corpus), "chunk": CHUNK})
    # The CLI's run above is for throughput against the peers, which run once each. For
    # its ratio to the parse it runs again between two parses, each in a process of its
    # own, and is set against their mean: the machine's speed moves by a fifth within
    # minutes, so a parse measured at another time says little about this run.
    print("corpus: C-loader parse, placecheck lint DIR -j 1, C-loader parse ...",
          file=sys.stderr)
    before = worker({"task": "parse", "corpus": str(corpus)})["parse_cpu_s"]
    cli = corpus_row(corpus_measures(tools, corpus)[0], work, len(files))
    after = worker({"task": "parse", "corpus": str(corpus)})["parse_cpu_s"]
    in_process = {"chunk": inproc["chunk"],
                  "parse_cpu_ms": ms(inproc["parse_cpu_s"]),
                  "parse_wall_ms": ms(inproc["parse_s"]),
                  "lint_paths_cpu_ms": ms(inproc["lint_cpu_s"]),
                  "lint_paths_wall_ms": ms(inproc["lint_s"]),
                  "cli_j1_cpu_ms": cli["cpu_ms"],
                  "cli_parse_cpu_ms": ms((before + after) / 2),
                  "cli_parse_runs_cpu_ms": [ms(before), ms(after)]}
    return {"files": len(files), "mib": round(size / 2**20, 2), "seed": seed, "rows": rows,
            "in_process": in_process}


def corpus_row(measure: Measure, work: Path, files: int) -> dict[str, Any]:
    """One timed run of a corpus command, its output kept in a file and summarised."""
    output = work / f"{measure.key}.out"
    with output.open("wb") as out:
        wall, cpu, rss, code = timed(measure, stdout=out)
    return {"label": measure.label, "command": display(measure.argv),
            "wall_ms": ms(wall), "cpu_ms": ms(cpu), "peak_rss_kib": rss,
            "exit_code": code, "files_per_s": round(files / wall, 1),
            "files_per_cpu_s": round(files / cpu, 1),
            **output_summary(measure, output, files)}


def memory_run(count: int, seed: int, work: Path) -> dict[str, Any]:
    """(d): peak RSS of `placecheck lint DIR -j 1` over `count` proposals."""
    corpus = work / "memory"
    print(f"generating {count} proposals in {corpus} ...", file=sys.stderr)
    files = write_corpus(corpus, count, seed=seed, jobs=os.cpu_count() or 1)
    placecheck = Tool("placecheck", placecheck_exe())
    measure = Measure("placecheck_memory", f"placecheck lint DIR --format json -j 1 "
                      f"({count} files)", placecheck,
                      [placecheck.path, "lint", str(corpus), "--format", "json", "-j", "1"],
                      frozenset({0, 1}))
    print(f"memory: {measure.label} ...", file=sys.stderr)
    row = corpus_row(measure, work, len(files))
    shutil.rmtree(corpus, ignore_errors=True)
    return {"files": len(files), **row}


def output_summary(measure: Measure, output: Path, files: int) -> dict[str, Any]:
    """How much the run reported; for placecheck, confirm it linted every file."""
    text = output.read_text(encoding="utf-8", errors="replace")
    if measure.tool.name != "placecheck":
        return {"output_bytes": len(text.encode()), "findings": len(FINDINGS.findall(text))}
    summary = json.loads(text)["summary"]
    if summary["files"] != files or summary["unreadable"]:
        raise ToolFailed(f"{measure.label} linted {summary['files']} of {files} files "
                         f"({summary['unreadable']} unreadable)")
    return {"output_bytes": len(text.encode()),
            "findings": sum(summary[k] for k in ("error", "warning", "info"))}


# --- reporting ----------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def display(argv: list[str]) -> str:
    """A command line as it would be typed, paths inside the repository made relative."""
    return " ".join(arg.replace(f"{ROOT}/", "") for arg in argv)


def versions(measures: list[Measure]) -> dict[str, Any]:
    """Each tool's path and the first line of its --version (from the check run)."""
    out: dict[str, Any] = {}
    for measure in measures:
        if measure.key.endswith("_version"):
            name = measure.tool.name
            text = measure.stdout_text.strip().splitlines()
            out[name] = {"path": measure.tool.path, "version": text[0] if text else "?"}
    if "spectral" in out:
        node = subprocess.run(["node", "--version"], capture_output=True, text=True,
                              check=False)
        out["spectral"]["node"] = node.stdout.strip()
    return out


def print_table(results: dict[str, Any]) -> None:
    m = results["machine"]
    print(f"\nplacecheck {m['placecheck_version']} on Python {m['python_version']}, "
          f"{m['cpu_count']} CPUs ({m['cpu_model']}), {m['date']}")
    for name, info in results["tools"].items():
        extra = f", node {info['node']}" if "node" in info else ""
        print(f"    {name}: {info['version']} ({info['path']}{extra})")
    for name, note in results["skipped"].items():
        print(f"    {name}: SKIPPED, {note}")
    short = results["short"]
    print(f"\n(a) start-up and (b) one file, median of {results['config']['repeats']} fresh "
          "processes         wall  vs python -c pass       CPU")
    for section, keys in (("(a)", ("python", "placecheck_version", "yamllint_version",
                                   "cfn-lint_version", "spectral_version")),
                          (f"(b) a copy of {EXAMPLE_REL} edited before every run",
                           ("placecheck_lint", "placecheck_lint_no_cache", "yamllint_lint",
                            "spectral_lint"))):
        print(f"  {section}")
        for key in keys:
            if key in short:
                row = short[key]
                print(f"    {row['label']:<58} {row['median_ms']:8.1f} ms {row['vs_python']:12.1f}x"
                      f"  {row['median_cpu_ms']:8.1f} ms")
    corpus = results.get("corpus")
    if corpus:
        print(f"\n(c) corpus: {corpus['files']} proposals ({corpus['mib']} MiB), one run each"
              "      wall   files/s  time vs -j 1       CPU  files/CPU-s  peak RSS  findings")
        for row in corpus["rows"].values():
            print(f"    {row['label']:<50} {row['wall_ms'] / 1000:7.2f} s"
                  f" {row['files_per_s']:9.1f} {row['time_vs_placecheck_j1']:12.2f}x"
                  f" {row['cpu_ms'] / 1000:8.2f} s {row['files_per_cpu_s']:12.1f}"
                  f" {row['peak_rss_kib'] / 1024:6.0f} MiB {row['findings']:9d}")
        inproc = corpus["in_process"]
        print(f"    in one process, taking turns every {inproc.get('chunk', '-')} files: yaml.load"
              f" CSafeLoader {inproc['parse_cpu_ms'] / 1000:.2f} s CPU, lint_paths "
              f"{inproc['lint_paths_cpu_ms'] / 1000:.2f} s CPU")
        if "cli_parse_runs_cpu_ms" in inproc:
            runs = " and ".join(f"{cpu / 1000:.2f} s" for cpu in inproc["cli_parse_runs_cpu_ms"])
            print(f"    yaml.load CSafeLoader {runs} CPU, between them placecheck lint DIR "
                  f"--format json -j 1 {inproc['cli_j1_cpu_ms'] / 1000:.2f} s CPU")
    memory = results.get("memory")
    if memory:
        print(f"\n(d) {memory['label']}: peak RSS {memory['peak_rss_kib'] / 1024:.1f} MiB, "
              f"{memory['cpu_ms'] / 1000:.1f} s CPU")
    print_targets(results["targets"])


# --- main ---------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, dict[str, Tool],
                                                dict[str, str]]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=9,
                        help="Fresh processes per command in (a) and (b) (default 9).")
    parser.add_argument("--corpus", type=int, default=2000,
                        help="Proposals to generate for (c) (default 2000; 0 skips (c)).")
    parser.add_argument("--memory-files", type=int, default=10_000,
                        help="Proposals for the peak-memory run (d) (default 10000; 0 skips).")
    parser.add_argument("--seed", type=int, default=0, help="Generator seed (default 0).")
    for name in OTHER_TOOLS:
        parser.add_argument(f"--{name}", metavar="PATH",
                            help=f"The {name} executable (default: the first on PATH).")
    parser.add_argument("--output", type=Path, default=RESULTS,
                        help=f"Where to write the results (default {RESULTS.relative_to(ROOT)}).")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be 1 or more")
    if args.corpus < 0:
        parser.error("--corpus must be 0 or more")
    if args.memory_files < 0:
        parser.error("--memory-files must be 0 or more")
    try:
        tools, skipped = find_tools(args)
    except ValueError as problem:
        parser.error(str(problem))
    return args, tools, skipped


def measure_all(args: argparse.Namespace, tools: dict[str, Tool],
                skipped: dict[str, str]) -> dict[str, Any]:
    began = time.perf_counter()
    results: dict[str, Any] = {"machine": machine_info(), "skipped": skipped,
                               "config": {"repeats": args.repeats, "corpus": args.corpus,
                                          "memory_files": args.memory_files,
                                          "seed": args.seed}}
    compile_bytecode()  # time placecheck as an installed copy runs, .pyc files written
    work = Path(tempfile.mkdtemp(prefix="placecheck-compare-"))
    try:
        print(f"(a) start-up and (b) one file, {args.repeats} repeats ...", file=sys.stderr)
        measures = short_measures(tools, work)
        results["short"] = interleaved(measures, args.repeats)
        results["tools"] = versions(measures)
        if args.corpus:
            results["corpus"] = corpus_runs(tools, args.corpus, args.seed, work)
        if args.memory_files:
            results["memory"] = memory_run(args.memory_files, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["targets"] = target_ratios(results)
    results["elapsed_s"] = round(time.perf_counter() - began, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    args, tools, skipped = parse_args(argv)
    for name, note in skipped.items():
        print(f"note: {name} {note}: skipped", file=sys.stderr)
    try:
        results = measure_all(args, tools, skipped)
    except ToolFailed as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)
    print(f"\nwrote {args.output} in {results['elapsed_s']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
