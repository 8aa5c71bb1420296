"""Batch throughput and memory: rows a second with --verdicts-only, serial and with workers, and peak memory.

Generates a JSONL caseload from the example profiles (ids and birth dates varied), runs the batch in
process with 1 worker and with N, and prints rows a second, the ratio to the in-process evaluation of
the same rows measured in the same run, and the peak resident memory of the run at two sizes (it must
not grow with the number of rows).

    python benchmarks/batch.py [--rows 4000] [--workers 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def caseload(path: Path, rows: int) -> None:
    """``rows`` profiles cycling over the examples, each with its own id and birth year."""
    sys.path.insert(0, str(ROOT))
    from eligibility.documents import read_document

    bases = [read_document(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            data = {**bases[i % len(bases)], "id": f"row-{i}"}
            if isinstance(data.get("birth_date"), str):
                data["birth_date"] = f"{1975 + i % 25}{data['birth_date'][4:]}"
            out.write(json.dumps(data, default=str) + "\n")


def timed_batch(source: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak memory (KiB) of `eligibility batch --verdicts-only` in a fresh process."""
    out = source.with_suffix(f".{workers}.out.jsonl")
    code = ("import resource, sys, time; from eligibility.cli import main; t = time.perf_counter()\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
            " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)")
    argv = [sys.executable, "-c", code, "batch", str(source), "--out", str(out), "--as-of", "2026-03-01",
            "--verdicts-only", "--workers", str(workers)]
    done = subprocess.run(argv, capture_output=True, text=True, check=False, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    seconds, own, children = done.stderr.strip().splitlines()[-1].split()
    return float(seconds), max(int(own), int(children))


def in_process(source: Path) -> float:
    """Seconds to evaluate the same rows in this process, verdicts only (the reference)."""
    sys.path.insert(0, str(ROOT))
    from eligibility.api import rules
    from eligibility.batch.core import evaluate_rows
    from eligibility.batch.rows import input_rows

    library = rules()
    started = time.perf_counter()
    for _ in evaluate_rows(input_rows(source), dt.date(2026, 3, 1), library, verdicts_only=True):
        pass
    return time.perf_counter() - started


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.jsonl", Path(tmp) / "large.jsonl"
        caseload(small, max(args.rows // 4, 1))
        caseload(large, args.rows)
        reference = in_process(large)
        one, mem_one = timed_batch(large, 1)
        many, mem_many = timed_batch(large, args.workers)
        _, mem_small = timed_batch(small, args.workers)
    rows = args.rows
    print(f"batch --verdicts-only, {rows} rows (python benchmarks/batch.py --rows {rows} --workers {args.workers})")
    print(f"  in process (reference)  {rows / reference:8.0f} rows/s")
    print(f"  CLI, 1 worker           {rows / one:8.0f} rows/s  ratio {reference / one:.2f}")
    print(f"  CLI, {args.workers} workers          {rows / many:8.0f} rows/s  ratio {reference / many:.2f}")
    print(f"  time for 100,000 rows at {args.workers} workers: {100_000 / (rows / many):.0f} s (extrapolated)")
    print(f"  peak memory: {mem_small // 1024} MiB at {max(rows // 4, 1)} rows, {mem_many // 1024} MiB at {rows} "
          f"rows (ratio {mem_many / max(mem_small, 1):.2f}); 1 worker {mem_one // 1024} MiB")


if __name__ == "__main__":
    main()
