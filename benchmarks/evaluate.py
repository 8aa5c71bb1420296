"""Benchmark: in-process evaluation speed, the cost of many jobs, the cost the CRS adds, and CLI start-up.

Run: python benchmarks/evaluate.py [--rounds N] [--generated N] [--seed N] [--skip-cli] [--skip-durable]
     python benchmarks/evaluate.py --marked N [--seed N] [--marked-jobs J]   (for callgrind, below)

Figures printed (evaluation of all programs with the full explanation, as ``eligibility.engines.run.evaluate``
returns it, on 2026-03-01):

- **examples**: profiles/s per core on the example profiles (``profiles/*.yaml``), each evaluated over and
  over: CPU time of the process (``time.process_time``), so other processes on a shared machine do not count.
- **generated**: profiles/s per core on a seeded set of distinct generated profiles (``tests/strategies.py``,
  the property tests' strategy: jobs, tests, credentials, offers, spouses, declarations, some facts unknown),
  each profile evaluated once per run. Nothing of one evaluation can be reused by the next, so this is the
  figure for a caseload of different people.
- **reference**: both rates are also printed as a ratio to a reference measured in the same run, interleaved
  with them: ``copy.deepcopy`` of the example profiles. It is pure Python walking a small object tree (calls,
  attribute reads, tuple and dict building: the work an evaluation does), it does not depend on this
  project's code, and it slows down exactly as the evaluation does when the machine is loaded or slower, so
  "one evaluation costs N deep copies of a profile" stays comparable between machines and runs where
  profiles/s does not.
- **verdicts only**: the same generated profiles through ``evaluate_verdicts`` (what ``batch --verdicts-only``
  runs: the same decisions, no explanation), and the full evaluation's cost as a multiple of it: how much of an
  evaluation is deciding and how much is explaining.
- **jobs**: the cost of a profile with 100 jobs against the same profile with 1 job (interleaved).
- **CRS** and **CLI**: the cost the CRS adds to ``eligibility.api.evaluate`` and the CLI's start-up, as before.

Every figure is the median of 5 interleaved runs.

``--marked N`` prints nothing: after warming on 20 generated profiles of another seed, it evaluates the ``N``
distinct generated profiles of ``--seed`` once each (with ``--marked-jobs J``, the profile with ``J`` jobs ``N``
times) between two calls of ``os.getppid()``, so that an instruction count of the evaluations alone is read with
``PYTHONHASHSEED=0 valgrind --tool=callgrind --dump-before=getppid python benchmarks/evaluate.py --marked 50``
(the second dump, ``callgrind.out.<pid>.2``; docs/performance.md, Evaluation, fourth pass).
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.api import evaluate as api_evaluate  # noqa: E402
from eligibility.engines.run import evaluate, evaluate_verdicts  # noqa: E402
from eligibility.profile.load import load_profile, profile_from_data  # noqa: E402
from eligibility.profile.model import Profile  # noqa: E402
from eligibility.rulebook.library import Library, load_library  # noqa: E402

DAY = dt.date(2026, 3, 1)
RUNS = 5


def interleaved(tasks: dict[str, Callable[[], int]], runs: int = RUNS) -> dict[str, float]:
    """CPU seconds per item of each task: median of ``runs`` runs, the tasks taking turns in each run.

    A task does its work and returns how many items it did.
    """
    seconds: dict[str, list[float]] = {name: [] for name in tasks}
    for _ in range(runs):
        for name, task in tasks.items():
            t0 = time.process_time()
            items = task()
            seconds[name].append((time.process_time() - t0) / items)
    return {name: statistics.median(values) for name, values in seconds.items()}


def generated_profiles(count: int, seed: int) -> list[Profile]:
    """``count`` valid profiles drawn from the property tests' strategy, the same ones for the same seed."""
    from tests.strategies import drawn_profile_data

    return [profile_from_data(d) for d in drawn_profile_data(count, seed)]


def with_jobs(n: int) -> Profile:
    """A cook's profile with ``n`` consecutive jobs of two months each, alternating occupations and countries."""
    jobs = []
    start = DAY - dt.timedelta(days=61 * n)
    for i in range(n):
        end = start + dt.timedelta(days=60)
        jobs.append({"title": f"Job {i}", "employer": f"Employer {i % 7}", "noc": ("63200", "62200", "21231")[i % 3],
                     "country": "CA" if i % 2 else "IT", "start": start.isoformat(),
                     "end": None if i == n - 1 else end.isoformat(), "hours_per_week": (40, 30, 20, 37.5)[i % 4]})
        start = end + dt.timedelta(days=1)
    data = {"name": f"{n} jobs", "birth_date": "1992-11-03", "marital_status": "single", "intended_province": "BC",
            "children": 0, "funds_cad": 15000,
            "education": [{"level": "two_year", "years": 2, "country": "CA", "completed": "2012-06-30"}],
            "language_tests": [{"test": "celpip_general", "taken": "2025-09-20", "listening": 8, "reading": 7,
                                "writing": 7, "speaking": 8}],
            "work": jobs, "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
            "spouse": None}
    return profile_from_data(data)


def evaluation_speed(library: Library, examples: list[Profile], rounds: int, generated: int, seed: int) -> None:
    """profiles/s per core on the examples and on generated profiles, each against the deep-copy reference."""
    sets = [generated_profiles(generated, seed + i) for i in range(RUNS)]
    turn = iter(range(10**9))

    def on_examples() -> int:
        for _ in range(rounds):
            for p in examples:
                evaluate(p, DAY, library)
        return rounds * len(examples)

    def on_generated() -> int:
        # A different set of distinct profiles in each run: nothing is evaluated twice.
        profiles = sets[next(turn) % RUNS]
        for p in profiles:
            evaluate(p, DAY, library)
        return len(profiles)

    verdict_turn = iter(range(10**9))

    def verdicts_only() -> int:
        # The same sets, verdicts alone: what deciding costs without the explanation (``batch --verdicts-only``).
        profiles = sets[next(verdict_turn) % RUNS]
        for p in profiles:
            evaluate_verdicts(p, DAY, library)
        return len(profiles)

    def reference() -> int:
        for _ in range(rounds * 4):
            for p in examples:
                copy.deepcopy(p)
        return rounds * 4 * len(examples)

    for p in examples:  # warm up: the rules' compiled form, the NOC table
        evaluate(p, DAY, library)
    for p in sets[0][:20]:
        evaluate_verdicts(p, DAY, library)
    cost = interleaved({"examples": on_examples, "generated": on_generated, "verdicts": verdicts_only,
                        "reference": reference})
    ref = cost["reference"]
    print(f"reference: copy.deepcopy of an example profile: {1 / ref:,.0f} /s per core")
    for name, what in (("examples", f"the {len(examples)} example profiles, {rounds} times each"),
                       ("generated", f"{generated} distinct generated profiles per run, seed {seed}")):
        print(f"native, all {len(library.programs)} programs, full explanation, {what}: "
              f"{1 / cost[name]:,.0f} profiles/s per core = {cost[name] / ref:.1f} deep copies of a profile "
              f"per evaluation")
    print(f"verdicts only (evaluate_verdicts), the same generated profiles: {1 / cost['verdicts']:,.0f} profiles/s "
          f"per core = {cost['verdicts'] / ref:.1f} deep copies; the full explanation costs "
          f"{cost['generated'] / cost['verdicts']:.1f}x the verdicts alone")


def job_scaling(library: Library, rounds: int) -> None:
    """The cost of a profile with 100 jobs against the same profile with 1 job."""
    one, hundred = with_jobs(1), with_jobs(100)

    def run(p: Profile) -> Callable[[], int]:
        def task() -> int:
            for _ in range(rounds * 4):
                evaluate(p, DAY, library)
            return rounds * 4
        return task

    cost = interleaved({"1": run(one), "100": run(hundred)})
    print(f"jobs: a profile with 100 jobs costs {cost['100'] / cost['1']:.2f}x the same profile with 1 job "
          f"({1 / cost['1']:,.0f} and {1 / cost['100']:,.0f} profiles/s per core, each job past the first "
          f"{(cost['100'] - cost['1']) / 99 * 1e6:.1f} us; the target is at most 3)")


def durable_speed(library: Library, examples: list[Profile], rounds: int) -> None:
    """profiles/s of the durable engine on the examples (wall time, as before)."""
    try:
        evaluate(examples[0], DAY, library, engine="durable")
    except Exception as exc:
        print(f"durable: not available ({exc})")
        return
    rates = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        for _ in range(rounds):
            for p in examples:
                evaluate(p, DAY, library, engine="durable")
        rates.append(rounds * len(examples) / (time.perf_counter() - t0))
    print(f"durable: {statistics.median(rates):,.0f} profiles/s (median of {RUNS} runs of "
          f"{rounds * len(examples)} evaluations, all {len(library.programs)} programs each)")


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--generated", type=int, default=300, help="distinct generated profiles per run")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--skip-cli", action="store_true", help="leave out the CLI start-up figures")
    parser.add_argument("--skip-durable", action="store_true", help="leave out the durable engine")
    parser.add_argument("--marked", type=int, default=0,
                        help="evaluate N generated profiles between two os.getppid() calls (callgrind), nothing else")
    parser.add_argument("--marked-jobs", type=int, default=0, help="with --marked: the profile with this many jobs")
    args = parser.parse_args()
    if args.marked:
        marked(args.marked, args.seed, args.marked_jobs)
        return
    started = time.perf_counter()
    library = load_library(ROOT / "rulesets")
    print(f"rules: {len(library.programs)} programs loaded and checked in {time.perf_counter() - started:.3f} s")
    profiles = [load_profile(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    evaluation_speed(library, profiles, args.rounds, args.generated, args.seed)
    job_scaling(library, args.rounds)
    if not args.skip_durable:
        durable_speed(library, profiles, args.rounds)
    crs_cost(profiles, DAY, library, args.rounds)
    if not args.skip_cli:
        cli_times()


def marked(count: int, seed: int, jobs: int) -> None:
    """Evaluate ``count`` generated profiles (or the ``jobs``-job profile ``count`` times) between two calls of
    ``os.getppid``, after warming up, for an instruction count of the evaluations alone."""
    library = load_library(ROOT / "rulesets")
    for p in generated_profiles(20, 7):  # the rules' compiled form, the NOC table, the plans
        evaluate(p, DAY, library)
    profiles = [with_jobs(jobs)] * count if jobs else generated_profiles(count, seed)
    if jobs:
        evaluate(profiles[0], DAY, library)
    # A full collection now, so that none falls inside the window: whether the heap built before (the library, the
    # generated profiles) crosses the collector's threshold there or just after is chance, and a full collection
    # costs about ten evaluations' instructions.
    gc.collect()
    os.getppid()  # callgrind --dump-before=getppid: what came before is the first dump
    for p in profiles:
        evaluate(p, DAY, library)
    os.getppid()


def cli_times() -> None:
    """The CLI evaluating one profile in a cold process, and its start-up alone (wall time)."""
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
    """eligibility.evaluate with its CRS (as 'eligibility evaluate' runs it) against without: CPU time of the
    process, 5 runs in which the two take turns, each going first in every other run (the one that goes second
    finds the other's kept results of the same profiles)."""
    plain: list[float] = []
    with_crs: list[float] = []
    for run in range(5):
        order = ((plain, False), (with_crs, True)) if run % 2 == 0 else ((with_crs, True), (plain, False))
        for into, score in order:
            t0 = time.process_time()
            for _ in range(rounds):
                for p in profiles:
                    api_evaluate(p, day, library=library, with_crs=score)
            into.append(time.process_time() - t0)
    ratio = statistics.median(with_crs) / statistics.median(plain)
    print(f"CRS: evaluate with the CRS costs {ratio:.3f}x evaluate alone (CPU time, median of 5 interleaved runs of "
          f"{rounds * len(profiles)} evaluations of the example profiles, each way first in turn; the target is at "
          f"most 1.10; benchmarks/crs.py also measures generated profiles)")

if __name__ == "__main__":
    main()
