"""Benchmark: a 3-year plan of every program (with the CRS steps), against evaluating one day, in the same run.

For each example profile: the plan's time, the days it evaluates, and the ratio to one evaluation of every
program (the reference measured here); evaluating each of the ~1,096 days would cost about 1,096 of those.

Run: python benchmarks/plan.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.engines.run import evaluate  # noqa: E402
from eligibility.profile.load import load_profile  # noqa: E402
from eligibility.ranking.compute import crs_result  # noqa: E402
from eligibility.rulebook.library import load_library  # noqa: E402
from eligibility.timeline.build import plan  # noqa: E402


def median_time(fn: object, rounds: int) -> float:
    """The median wall time of ``rounds`` calls."""
    assert callable(fn)
    times = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    library = load_library(ROOT / "rulesets")
    start, until = dt.date(2026, 3, 1), dt.date(2029, 3, 1)
    days = (until - start).days
    print(f"3-year plan ({start} to {until}, {days} days) of all {len(library.programs)} programs and the CRS")
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile = load_profile(path)
        plan(profile, start, until, library)  # warm caches (rules periods, NOC table)
        one_day = median_time(lambda p=profile: (evaluate(p, start, library), crs_result(p, start, library)),
                              args.rounds * 4)
        timed = median_time(lambda p=profile: plan(p, start, until, library), args.rounds)
        evaluated = plan(profile, start, until, library).days_evaluated
        print(f"  {path.name:32} {timed * 1000:7.1f} ms  {evaluated:3} days evaluated  "
              f"= {timed / one_day:5.1f} x one day's evaluation and CRS ({one_day * 1000:.2f} ms); "
              f"every day would be about {days} x")


if __name__ == "__main__":
    main()
