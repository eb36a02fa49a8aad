"""Where placecheck's time goes: profiles behind the findings in benchmarks/README.md.

    python benchmarks/profiling.py [--corpus N] [--seed S] [--out benchmarks/results]

1. Throughput: cProfile of lint_paths over a generated corpus (2,000 proposals by default),
   top functions by own time and by cumulative time; plus the time the cyclic garbage
   collector spends during an unprofiled run (gc.callbacks), and the same run with the
   collector frozen/disabled for comparison.
2. Cold start of a just-edited file (a copy of examples/gateshead.yaml with a new comment
   line before each run; placecheck keeps no cache, so this is every lint):
   `python -X importtime -m placecheck lint COPY`, summed per top-level package, and the
   largest single imports; the time the standard library's dataclasses spend building
   placecheck's classes; and cProfile of the same command.

Writes profile.txt (the summary) and the raw .prof files into --out.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import EXAMPLE, compile_bytecode, python_exe  # noqa: E402

# Times how long `@dataclass` spends building each class during one lint (a child process).
DATACLASS_COST = """
import contextlib, dataclasses, io, sys, time
spent = []
build = dataclasses._process_class
def timed(cls, *args, **kwargs):
    start = time.perf_counter()
    made = build(cls, *args, **kwargs)
    spent.append((time.perf_counter() - start, cls.__module__ + "." + cls.__qualname__))
    return made
dataclasses._process_class = timed
sys.argv = ["placecheck", "lint", sys.argv[1]]
from placecheck.entry import main
try:
    with contextlib.redirect_stdout(io.StringIO()):
        main()
except SystemExit:
    pass
print(f"{sum(s for s, _ in spent) * 1000:.1f} ms building {len(spent)} dataclasses: "
      + ", ".join(f"{name} {s * 1000:.2f}" for s, name in sorted(spent, reverse=True)[:8]))
"""


def top(stats: pstats.Stats, key: str, n: int) -> str:
    buffer = io.StringIO()
    stats.stream = buffer  # type: ignore[attr-defined]
    stats.sort_stats(key).print_stats(n)
    text = buffer.getvalue()
    # Keep the table, drop pstats' preamble.
    start = text.find("   ncalls")
    return text[start:] if start >= 0 else text


def short_paths(text: str) -> str:
    for prefix in (str(ROOT / "src") + "/", str(ROOT / ".venv" / "lib") + "/"):
        text = text.replace(prefix, "")
    return text


def profile_throughput(corpus: Path, out: Path) -> str:
    from placecheck.lint import lint_paths
    from placecheck.rules.selection import load_packs, select_rules

    rules = select_rules(load_packs())
    files = sorted(corpus.rglob("*.yaml"))
    for path in files:
        path.read_bytes()
    lines = [f"== Throughput: lint_paths over {len(files)} generated proposals =="]

    # The garbage collector, unprofiled.
    gc_time = [0.0]
    gc_count = defaultdict(int)
    started = [0.0]

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            gc_time[0] += time.perf_counter() - started[0]
            gc_count[info["generation"]] += 1

    gc.collect()
    gc.callbacks.append(on_gc)
    start = time.perf_counter()
    run = lint_paths([corpus], rules)
    wall = time.perf_counter() - start
    gc.callbacks.remove(on_gc)
    del run
    gc.collect()
    lines.append(f"unprofiled: {wall:.2f} s ({len(files) / wall:.1f} files/s); cyclic GC "
                 f"{gc_time[0]:.2f} s = {gc_time[0] / wall:.0%} of it "
                 f"(collections by generation: {dict(gc_count)})")
    gc.disable()
    start = time.perf_counter()
    run = lint_paths([corpus], rules)
    no_gc = time.perf_counter() - start
    del run
    gc.enable()
    gc.collect()
    lines.append(f"same run with gc.disable(): {no_gc:.2f} s ({len(files) / no_gc:.1f} files/s)")

    # Without keeping each Document in the results (what a streaming lint would do).
    import placecheck.lint as lint_module

    start = time.perf_counter()
    for path in files:
        lint_module.lint_paths([path], rules)
    streaming = time.perf_counter() - start
    lines.append(f"file by file, nothing retained between files: {streaming:.2f} s "
                 f"({len(files) / streaming:.1f} files/s)")

    profiler = cProfile.Profile()
    profiler.enable()
    run = lint_paths([corpus], rules)
    profiler.disable()
    del run
    prof_path = out / "profile-lint.prof"
    profiler.dump_stats(prof_path)
    stats = pstats.Stats(str(prof_path))
    lines.append(f"\n-- cProfile, top by own time (tottime) [{prof_path.name}] --")
    lines.append(short_paths(top(stats, "tottime", 30)))
    lines.append("-- cProfile, top by cumulative time --")
    lines.append(short_paths(top(stats, "cumulative", 40)))
    return "\n".join(lines)


def profile_cold(out: Path) -> str:
    compile_bytecode()
    scratch = Path(tempfile.mkdtemp(prefix="placecheck-profile-cold-"))
    edited = scratch / EXAMPLE.name
    shutil.copyfile(EXAMPLE, edited)
    try:
        return _profile_cold(out, edited)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _edit(path: Path) -> Path:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"# edited {time.time()}\n")
    return path


def _profile_cold(out: Path, edited: Path) -> str:
    lines = ["== Cold start: placecheck lint of an edited copy of examples/gateshead.yaml =="]
    lint = ["-m", "placecheck", "lint", str(edited)]
    subprocess.run([python_exe(), *lint], cwd=ROOT, capture_output=True, check=False)  # warm
    done = subprocess.run([python_exe(), "-X", "importtime", *lint[:-1], str(_edit(edited))],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    per_package: dict[str, int] = defaultdict(int)
    imports: list[tuple[int, int, str]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line or "self [us]" in line:
            continue
        self_us, cumulative_us, name = line[len("import time:"):].split("|", 2)
        module = name.strip()
        per_package[module.split(".")[0]] += int(self_us)
        imports.append((int(cumulative_us), int(self_us), name.rstrip()[1:]))
    total = sum(per_package.values())
    lines.append(f"-X importtime: {total / 1000:.0f} ms of imports in all "
                 f"({len(imports)} modules); self time summed per top-level package:")
    for package, micros in sorted(per_package.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"    {package:<24} {micros / 1000:7.1f} ms")
    lines.append("largest cumulative imports (name indented by nesting depth):")
    for cumulative, self_us, name in sorted(imports, reverse=True)[:25]:
        lines.append(f"    {cumulative / 1000:7.1f} ms cumulative {self_us / 1000:6.1f} ms self"
                     f"  {name}")
    (out / "importtime.txt").write_text(done.stderr, encoding="utf-8")

    classes = subprocess.run([python_exe(), "-c", DATACLASS_COST, str(_edit(edited))],
                             cwd=ROOT, capture_output=True, text=True, check=False)
    lines.append("\ndataclasses (unprofiled): " + (classes.stdout.strip() or classes.stderr))

    prof_path = out / "profile-cold.prof"
    subprocess.run([python_exe(), "-m", "cProfile", "-o", str(prof_path), *lint[:-1],
                    str(_edit(edited))], cwd=ROOT, capture_output=True, check=False)
    stats = pstats.Stats(str(prof_path))
    lines.append(f"\n-- cProfile of the whole command, top by cumulative time "
                 f"[{prof_path.name}] --")
    lines.append(short_paths(top(stats, "cumulative", 45)))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    sections = [profile_cold(args.out)]
    if not args.skip_throughput:
        from generate import write_corpus

        base = Path(tempfile.mkdtemp(prefix="placecheck-profile-"))
        try:
            write_corpus(base / "corpus", args.corpus, seed=args.seed)
            sections.append(profile_throughput(base / "corpus", args.out))
        finally:
            shutil.rmtree(base, ignore_errors=True)
    text = "\n\n".join(sections) + "\n"
    (args.out / "profile.txt").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
