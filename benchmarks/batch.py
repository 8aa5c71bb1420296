"""Batch throughput and memory of `eligibility batch --verdicts-only`: rows a second, the time for the whole
caseload, and peak memory at two sizes, each as a ratio against a reference measured in the same run.

Generates a JSONL caseload from the example profiles (ids and birth dates varied), measures the in-process
evaluation of a sample of its rows (the reference: ``evaluate_rows`` in this process, one core, rows per
CPU second), then runs the command line on the whole caseload with N workers (and with 1 worker with
``--serial``) and on a quarter of it. The command's time is printed as wall time and as CPU time (its own
and its workers'): on a machine shared with other work the wall time moves with the load, the CPU time
much less, so the ratio to the reference and the time "with N idle cores" (CPU time / N) are the
comparable figures. Peak memory is the largest resident set of the command's process and its workers: it
must not grow with the number of rows (the ratio of the two sizes stays near 1).

    python benchmarks/batch.py [--rows 100000] [--workers 2] [--sample 1000] [--serial]

The issue's target (issue 10, section 2): 100,000 rows with 2 workers in at most 20 s.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DAY = "2026-03-01"


def caseload(path: Path, rows: int) -> None:
    """``rows`` profiles cycling over the examples, each with its own id and birth year, every one valid (a
    birthday on 29 February moves to the 28th in a year that has none)."""
    sys.path.insert(0, str(ROOT))
    from eligibility.documents import read_document

    bases = [read_document(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            data = {**bases[i % len(bases)], "id": f"row-{i}"}
            if isinstance(data.get("birth_date"), str):
                year, day = 1975 + i % 25, data["birth_date"][4:]
                data["birth_date"] = f"{year}{'-02-28' if day == '-02-29' and not calendar.isleap(year) else day}"
            out.write(json.dumps(data, default=str) + "\n")


def timed_batch(source: Path, workers: int) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (the command and its workers) and peak memory (KiB) of
    `eligibility batch --verdicts-only` in a fresh process (start-up included)."""
    out = source.with_suffix(f".{workers}.out.jsonl")
    code = ("import resource, sys, time; t = time.perf_counter(); from eligibility.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(time.perf_counter() - t, me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,"
            " me.ru_maxrss, kids.ru_maxrss, file=sys.stderr)")
    argv = [sys.executable, "-c", code, "batch", str(source), "--out", str(out), "--as-of", DAY,
            "--verdicts-only", "--workers", str(workers)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds, cpu, own, children = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), float(cpu), max(int(own), int(children))


def in_process(source: Path, sample: int) -> float:
    """Rows a second of CPU of the in-process evaluation, verdicts only, over the first ``sample`` rows
    (the reference: ``evaluate_rows`` in this process, one core)."""
    import itertools

    sys.path.insert(0, str(ROOT))
    from eligibility.api import rules
    from eligibility.batch.core import evaluate_rows
    from eligibility.batch.rows import input_rows

    library = rules()
    rows = list(itertools.islice(input_rows(source), sample))
    started = time.process_time()
    for _ in evaluate_rows(rows, dt.date.fromisoformat(DAY), library, verdicts_only=True):
        pass
    return len(rows) / (time.process_time() - started)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=1000, help="rows of the in-process reference")
    parser.add_argument("--serial", action="store_true", help="also run the command with 1 worker")
    args = parser.parse_args()
    rows, quarter = args.rows, max(args.rows // 4, 1)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.jsonl", Path(tmp) / "large.jsonl"
        caseload(small, quarter)
        caseload(large, rows)
        reference = in_process(large, min(args.sample, rows))
        many, cpu, mem_many = timed_batch(large, args.workers)
        _, _, mem_small = timed_batch(small, args.workers)
        one = timed_batch(large, 1) if args.serial else None
    print(f"batch --verdicts-only, {rows:,} rows, as of {DAY} "
          f"(python benchmarks/batch.py --rows {rows} --workers {args.workers}{' --serial' if args.serial else ''})")
    print(f"  reference: in process, {min(args.sample, rows):,} rows: {reference:,.0f} rows per CPU second")
    print(f"  CLI, {args.workers} workers: {rows / many:,.0f} rows/s wall ({many:.1f} s, start-up included); "
          f"{rows / cpu:,.0f} rows per CPU second of the command and its workers = {rows / cpu / reference:.2f}x "
          f"the reference")
    if one is not None:
        print(f"  CLI, 1 worker: {rows / one[0]:,.0f} rows/s wall; {rows / one[1]:,.0f} rows per CPU second = "
              f"{rows / one[1] / reference:.2f}x the reference")
    scale = "actual" if rows == 100_000 else f"extrapolated from {rows:,} rows"
    print(f"  100,000 rows at {args.workers} workers: {100_000 * many / rows:.1f} s wall ({scale}); with "
          f"{args.workers} idle cores, {100_000 * cpu / rows / args.workers:.1f} s (its CPU time shared by "
          f"{args.workers} cores); target 20 s")
    print(f"  peak memory (largest process): {mem_small // 1024} MiB at {quarter:,} rows, {mem_many // 1024} MiB "
          f"at {rows:,} rows (ratio {mem_many / max(mem_small, 1):.2f}: it must not grow with the rows)")


if __name__ == "__main__":
    main()
