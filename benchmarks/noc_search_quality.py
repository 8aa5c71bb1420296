"""Measure NOC title search: share of queries whose expected code ranks first and in the top 3.

Queries and expected codes: tests/noc/data/title_queries.yaml. Also times a cold start of
`python -m eligibility.noc search ...` in a fresh interpreter.

Usage: PYTHONPATH=. python benchmarks/noc_search_quality.py [--misses]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from eligibility.noc.search import search_titles  # noqa: E402


def main() -> None:
    """Print top-1 and top-3 shares, the misses on request, and timings."""
    cases = yaml.safe_load((REPO / "tests/noc/data/title_queries.yaml").read_text(encoding="utf-8"))
    start = time.perf_counter()
    top1 = top3 = 0
    misses = []
    for case in cases:
        codes = [h.code for h in search_titles(case["query"], limit=3).hits]
        top1 += bool(codes) and codes[0] == case["code"]
        top3 += case["code"] in codes
        if not codes or codes[0] != case["code"]:
            misses.append(f"  {case['query']!r}: expected {case['code']}, got {codes}")
    elapsed = time.perf_counter() - start
    n = len(cases)
    print(f"title queries: {n}")
    print(f"top-1: {top1}/{n} = {top1 / n:.1%}")
    print(f"top-3: {top3}/{n} = {top3 / n:.1%}")
    print(f"warm search, mean per query (incl. index build once): {elapsed / n * 1000:.1f} ms")
    if "--misses" in sys.argv:
        print("not first:\n" + "\n".join(misses))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "eligibility.noc", "search", "machine learning engineer"],
            check=True,
            env=env,
            capture_output=True,
        )
        runs.append(time.perf_counter() - t)
    print(f"cold start `python -m eligibility.noc search ...`: best of 3 {min(runs) * 1000:.0f} ms")
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import eligibility"],
        check=True,
        env=env,
    )
    print(
        f"cold start of a process that only imports the eligibility package: "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )
    code = (
        "import time, eligibility; from eligibility.noc import table; t = time.perf_counter(); "
        "table.noc_table(); print(f'load the table alone: {(time.perf_counter() - t) * 1000:.0f} ms')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from eligibility.noc import noc_table; noc_table()"],
        check=True,
        env=env,
    )
    print(
        f"cold start of a process that imports eligibility.noc and loads the table: "
        f"{(time.perf_counter() - t) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
