"""Benchmark: evaluations per second for each engine over the example profiles, the cost the CRS adds to an
evaluation (as a ratio measured in the same run), and CLI start-up time.

Run: python benchmarks/evaluate.py [--rounds N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.api import evaluate as api_evaluate  # noqa: E402
from eligibility.engines.run import evaluate  # noqa: E402
from eligibility.profile.load import load_profile  # noqa: E402
from eligibility.rulebook.library import load_library  # noqa: E402


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    started = time.perf_counter()
    library = load_library(ROOT / "rulesets")
    print(f"rules: {len(library.programs)} programs loaded and checked in {time.perf_counter() - started:.3f} s")
    profiles = [load_profile(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    day = dt.date(2026, 3, 1)
    for engine in ("native", "durable"):
        try:
            evaluate(profiles[0], day, library, engine=engine)
        except Exception as exc:
            print(f"{engine}: not available ({exc})")
            continue
        rates = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(args.rounds):
                for p in profiles:
                    evaluate(p, day, library, engine=engine)
            rates.append(args.rounds * len(profiles) / (time.perf_counter() - t0))
        print(f"{engine}: {statistics.median(rates):,.0f} profiles/s (median of 5 runs of "
              f"{args.rounds * len(profiles)} evaluations, all {len(library.programs)} programs each)")
    crs_cost(profiles, day, library, args.rounds)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eligibility", "evaluate", str(ROOT / "profiles" /
                        "ayesha-software-engineer.yaml"), "--as-of", "2026-03-01"], check=True,
                       capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    print(f"CLI: evaluate one profile, cold process: {statistics.median(times) * 1000:.0f} ms (median of 5)")
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "eligibility", "--help"], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    print(f"CLI: start-up (--help): {statistics.median(times) * 1000:.0f} ms (median of 5)")


def crs_cost(profiles: list[Any], day: dt.date, library: Any, rounds: int) -> None:
    """eligibility.evaluate with its CRS (as 'eligibility evaluate' runs it) against without, interleaved runs."""
    plain, with_crs = [], []
    for _ in range(5):
        for into, score in ((plain, False), (with_crs, True)):
            t0 = time.perf_counter()
            for _ in range(rounds):
                for p in profiles:
                    api_evaluate(p, day, library=library, with_crs=score)
            into.append(time.perf_counter() - t0)
    ratio = statistics.median(with_crs) / statistics.median(plain)
    print(f"CRS: evaluate with the CRS costs {ratio:.3f}x evaluate alone (median of 5 interleaved runs of "
          f"{rounds * len(profiles)} evaluations; the target is at most 1.10)")


if __name__ == "__main__":
    main()
