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

``--opcodes`` adds a count that the machine's load does not move: the Python bytecode instructions and
function calls executed (``sys.settrace``) by the CRS (explained, with its rounds) and by the evaluation
it follows, on the generated profiles, each scored once. It leaves out the work done in C (building
dicts and objects), so it understates the CRS's share of the time; it tells a change's effect on the
Python executed apart from noise.

``--instructions plain|full`` prints nothing: after the same warm-up it evaluates the generated profiles
(each once) without or with the CRS inside ``functools.reduce``, so that callgrind counts the machine
instructions of those evaluations alone, C included, whatever the load::

    export PYTHONHASHSEED=0
    valgrind --tool=callgrind --toggle-collect=functools_reduce python benchmarks/crs.py --instructions plain
    valgrind --tool=callgrind --toggle-collect=functools_reduce python benchmarks/crs.py --instructions full

(``Collected`` of the second over the first is the ratio in instructions; it leaves out what the time adds
when the CRS and the evaluation push each other's data out of the processor's caches.) ``--instructions both``
does both in one run, without the CRS inside ``functools.reduce`` and with it inside ``itertools.dropwhile``'s
``__next__`` (the package calls neither), on the generated profiles and on as many others, in turn: the first
set without then with the CRS, the other with then without (an evaluation of profiles met before finds more of
its kept results: each way is measured once on fresh profiles, once after the other). The inclusive counts of the
two functions are the two figures::

    valgrind --tool=callgrind --callgrind-out-file=/tmp/crs.cg python benchmarks/crs.py --instructions both
    callgrind_annotate --inclusive=yes --threshold=100 /tmp/crs.cg | grep -E ':(functools_reduce|dropwhile_next) '

``--instructions crs`` counts the CRS alone, as ``evaluate`` runs it after its evaluation: the generated profiles
are evaluated first (without the CRS), then their scores with their rounds (``crs_result`` with ``rounds_of``, on the
facts, digest and receipt of each evaluation) are made inside ``functools.reduce``::

    valgrind --tool=callgrind --toggle-collect=functools_reduce python benchmarks/crs.py --instructions crs

(the ``Collected`` count, or ``functools_reduce``'s inclusive count, over the number of profiles: the CRS's
instructions a profile).

``--instructions crs --measured-only`` counts the same CRS about ten times as fast (about a minute): valgrind starts
with its instrumentation off, and the script turns it on (``callgrind_control -i on``) only around the scores, with
the garbage collector off and the rounds table's once-a-second recheck of its file out of the way during them (a
collection of the older generations, or a recheck, falls inside one run and not another: about 1 % between runs of
the same code). What it counts is the CRS's own work, without the collections its allocations cause::

    valgrind --tool=callgrind --instr-atstart=no --toggle-collect=functools_reduce python benchmarks/crs.py \
        --instructions crs --measured-only

(Until 2026-12-01 the second was ``sorted``, which the evaluation itself calls: callgrind's inclusive count of a
function called inside itself counts the inner calls twice, some 0.4M instructions a profile, 0.07 of the ratio;
and both ran on the same profiles, first without the CRS, so that the evaluation with it found more kept.)

Read ``--instructions both`` with care: an evaluation's count varies by set of profiles (3.2M to 4.3M a profile for
sets of 40) and by what the run kept before, so the ratio of the two sums moved from 1.065 to 1.205 with the sets
and their order (docs/performance.md, CRS, "Why time and instructions disagreed"); ``--instructions crs`` over an
evaluation's count is steadier.

The fixed ``PYTHONHASHSEED`` matters: with a random one, the same code's counts move by a few per cent from
one run to the next (the order of sets and dicts of text changes what is looked up and compared).
"""

from __future__ import annotations

import argparse
import functools
import gc
import itertools
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

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

T = TypeVar("T")


def _evaluated(p: Profile, library: Library, with_crs: bool) -> object:
    return evaluate(p, DAY, library=library, with_crs=with_crs)


def measure(library: Library, profiles: list[Profile], rounds: int) -> dict[str, float]:
    """CPU seconds per profile of each task: medians of 5 runs, the four tasks taking turns in each run (with and
    without the CRS in either order, alternately)."""
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
    for run in range(5):
        # Each way goes first in every other run: the one that goes second finds more of the evaluation's kept
        # results of the same profiles.
        for with_crs in ((False, True) if run % 2 == 0 else (True, False)):
            runs["full" if with_crs else "plain"].append(
                timed(functools.partial(_evaluated, library=library, with_crs=with_crs)))
        runs["crs"].append(alone(explained))
        runs["total"].append(alone(total))
    return {name: statistics.median(values) for name, values in runs.items()}


def executed(library: Library, profiles: list[Profile]) -> tuple[float, float]:
    """Bytecode instructions and calls executed by the CRS per instruction and call of the evaluation."""
    count = [0, 0]

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "call":
            count[1] += 1
            frame.f_trace_opcodes = True
        elif event == "opcode":
            count[0] += 1
        return tracer

    def traced(task: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, int, int]:
        count[:] = [0, 0]
        sys.settrace(tracer)
        try:
            found = task(*args, **kwargs)
        finally:
            sys.settrace(None)
        return found, count[0], count[1]

    evaluation, crs = [0, 0], [0, 0]
    for p in profiles:
        facts = Facts(p, DAY)
        result, ops, calls = traced(engine_evaluate, p, DAY, library, facts=facts)
        evaluation = [evaluation[0] + ops, evaluation[1] + calls]
        rounds = rounds_of(p, DAY, library, {r.id: r.verdict for r in result.programs}, "native", facts)
        _, ops, calls = traced(crs_result, p, DAY, library, facts, result.receipt.profile_sha256, rounds)
        crs = [crs[0] + ops, crs[1] + calls]
    return crs[0] / evaluation[0], crs[1] / evaluation[1]


def _instrumented(on: bool) -> None:
    """Callgrind's instrumentation of this process turned on (the collector off, the rounds table's recheck out of
    the way) or off (both as they were)."""
    from eligibility.draws import table

    if on:
        gc.collect()
        gc.disable()
        _instrumented.recheck = table.RECHECK_SECONDS  # type: ignore[attr-defined]
        table.RECHECK_SECONDS = float("inf")
    subprocess.run(["callgrind_control", "-i", "on" if on else "off", str(os.getpid())], capture_output=True,
                   check=False)
    if not on:
        table.RECHECK_SECONDS = _instrumented.recheck  # type: ignore[attr-defined]
        gc.enable()


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--generated", type=int, default=200)
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--opcodes", action="store_true", help="also count the bytecode executed (see above)")
    parser.add_argument("--instructions", choices=("plain", "full", "both", "crs"),
                        help="evaluate the generated profiles for callgrind: without the CRS, with it, or both; or "
                             "score them alone after their evaluations (crs)")
    parser.add_argument("--measured-only", action="store_true",
                        help="with --instructions crs under valgrind --instr-atstart=no: turn callgrind's "
                             "instrumentation on around the scores alone (see above)")
    args = parser.parse_args()
    library = rules(ROOT / "rulesets")
    examples = [load_profile(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    generated = generated_profiles(args.generated, args.seed)
    for p in examples:  # warm up: the rules' compiled form, the CRS plans, the rounds table
        evaluate(p, DAY, library=library)
    if args.instructions:
        if args.instructions == "crs":
            evaluated = []
            for p in generated:
                facts = Facts(p, DAY)
                evaluation = engine_evaluate(p, DAY, library, facts=facts)
                evaluated.append((p, facts, {r.id: r.verdict for r in evaluation.programs}, evaluation.receipt))
            if args.measured_only:
                _instrumented(True)
            functools.reduce(lambda _, e: crs_result(e[0], DAY, library, e[1], e[3].profile_sha256,
                                                     rounds_of(e[0], DAY, library, e[2], "native", e[1]), e[3]),
                             evaluated, None)
            if args.measured_only:
                _instrumented(False)
            return
        if args.instructions == "both":
            others = generated_profiles(args.generated, args.seed + 2)
            for profiles, order in ((generated, (False, True)), (others, (True, False))):
                for with_crs in order:
                    if with_crs:
                        # One call of dropwhile's __next__ runs the predicate over every profile (it always holds).
                        next(itertools.dropwhile(lambda p: (evaluate(p, DAY, library=library), True)[1], profiles),
                             None)
                    else:
                        functools.reduce(lambda _, p: evaluate(p, DAY, library=library, with_crs=False), profiles,
                                         None)
            return
        with_crs = args.instructions == "full"
        functools.reduce(lambda _, p: evaluate(p, DAY, library=library, with_crs=with_crs), generated, None)
        return
    print(f"CRS cost, as of {DAY} (python benchmarks/crs.py --rounds {args.rounds} --generated {args.generated})")
    for name, profiles, rounds in (("examples", examples, args.rounds), ("generated", generated, 1)):
        c = measure(library, profiles, rounds)
        print(f"  {name} ({len(profiles)} profiles): evaluate alone {c['plain'] * 1e6:,.0f} us (reference); "
              f"with the CRS {c['full'] * 1e6:,.0f} us = {c['full'] / c['plain']:.2f}x (target at most 1.10)")
        print(f"    the CRS alone, explained, with its rounds: {c['crs'] * 1e6:,.0f} us per profile = "
              f"{c['crs'] / c['plain']:.2f} of an evaluation; its total alone (batch): {c['total'] * 1e6:,.0f} us "
              f"= {c['total'] / c['plain']:.2f}")
    if args.opcodes:
        ops, calls = executed(library, generated_profiles(args.generated, args.seed + 1))
        print(f"  bytecode executed by the CRS per instruction of the evaluation: {ops:.3f} "
              f"(function calls: {calls:.3f}; {args.generated} other generated profiles, each once)")


if __name__ == "__main__":
    main()
