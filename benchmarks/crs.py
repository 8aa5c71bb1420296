"""Benchmark: what the CRS costs, alone and inside an evaluation, in CPU microseconds per profile and as ratios.

Run: python benchmarks/crs.py [--rounds N] [--generated N] [--seed N]

On the example profiles and on distinct generated profiles (the property tests' strategy, as in
benchmarks/evaluate.py), as of 2026-03-01, CPU time of the process, medians of 5 runs in which the four
tasks take turns:

- **evaluate alone**: ``eligibility.evaluate(profile, day, with_crs=False)``, the reference;
- **evaluate with the CRS**: ``eligibility.evaluate(profile, day)`` (what ``eligibility evaluate`` runs),
  as a ratio to the reference (the target of issue 7: at most 1.10);
- **the CRS alone**: its score with the explained result and its rounds (``crs_result`` with ``rounds_of``,
  as ``evaluate`` calls them), on facts an evaluation already derived (as ``evaluate`` shares them), in
  microseconds per profile and as a share of the evaluation;
- **the CRS total alone**: ``crs_range`` (what ``batch --verdicts-only`` writes), on the same facts.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from evaluate import DAY, generated_profiles  # noqa: E402

from eligibility.api import evaluate, rounds_of, rules  # noqa: E402
from eligibility.engines.run import evaluate as engine_evaluate  # noqa: E402
from eligibility.facts import Facts  # noqa: E402
from eligibility.profile.load import load_profile  # noqa: E402
from eligibility.profile.model import Profile  # noqa: E402
from eligibility.ranking.compute import crs_range, crs_result  # noqa: E402
from eligibility.rulebook.library import Library  # noqa: E402


def measure(library: Library, profiles: list[Profile], rounds: int) -> dict[str, float]:
    """CPU seconds per profile of each task: medians of 5 runs, the four tasks taking turns in each run."""
    def timed(task: Callable[[Profile], object]) -> float:
        t0 = time.process_time()
        for _ in range(rounds):
            for p in profiles:
                task(p)
        return (time.process_time() - t0) / (rounds * len(profiles))

    def alone(score: Callable[[Profile, Facts, dict[str, str], str], object]) -> float:
        # Facts as an evaluation leaves them (the CRS shares them); only the CRS is timed.
        spent = 0.0
        for _ in range(rounds):
            for p in profiles:
                facts = Facts(p, DAY)
                evaluation = engine_evaluate(p, DAY, library, facts=facts)
                verdicts = {r.id: r.verdict for r in evaluation.programs}
                t0 = time.process_time()
                score(p, facts, verdicts, evaluation.receipt.profile_sha256)
                spent += time.process_time() - t0
        return spent / (rounds * len(profiles))

    def explained(p: Profile, facts: Facts, verdicts: dict[str, str], digest: str) -> object:
        return crs_result(p, DAY, library, facts, digest, rounds_of(p, DAY, library, verdicts, "native", facts))

    def total(p: Profile, facts: Facts, verdicts: dict[str, str], digest: str) -> object:
        return crs_range(p, DAY, library, facts)

    runs: dict[str, list[float]] = {"plain": [], "full": [], "crs": [], "total": []}
    for _ in range(5):
        runs["plain"].append(timed(lambda p: evaluate(p, DAY, library=library, with_crs=False)))
        runs["full"].append(timed(lambda p: evaluate(p, DAY, library=library)))
        runs["crs"].append(alone(explained))
        runs["total"].append(alone(total))
    return {name: statistics.median(values) for name, values in runs.items()}


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--generated", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    library = rules(ROOT / "rulesets")
    examples = [load_profile(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    generated = generated_profiles(args.generated, args.seed)
    for p in examples:  # warm up: the rules' compiled form, the CRS plans, the rounds table
        evaluate(p, DAY, library=library)
    print(f"CRS cost, as of {DAY} (python benchmarks/crs.py --rounds {args.rounds} --generated {args.generated})")
    for name, profiles, rounds in (("examples", examples, args.rounds), ("generated", generated, 1)):
        c = measure(library, profiles, rounds)
        print(f"  {name} ({len(profiles)} profiles): evaluate alone {c['plain'] * 1e6:,.0f} us (reference); "
              f"with the CRS {c['full'] * 1e6:,.0f} us = {c['full'] / c['plain']:.2f}x (target at most 1.10)")
        print(f"    the CRS alone, explained, with its rounds: {c['crs'] * 1e6:,.0f} us per profile = "
              f"{c['crs'] / c['plain']:.2f} of an evaluation; its total alone (batch): {c['total'] * 1e6:,.0f} us "
              f"= {c['total'] / c['plain']:.2f}")


if __name__ == "__main__":
    main()
