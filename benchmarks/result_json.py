"""Benchmark: the cost of a result's JSON text as a ratio to the cost of the evaluation that made it, measured in
the same run (interleaved rounds, medians), and the bytes of a result, before and after the version-2 contract.

"Before" is the path this package took until result schema 2: the generic converter's unstructuring of the
result tree, every citation in place, written by the standard library with ``indent=2`` (its pure-Python
encoder). "After" is ``eligibility.to_json``: plain data built from the tree, each citation once, written by
orjson, indented (the command line) or compact (HTTP, batch lines).

Run: python benchmarks/result_json.py [--rounds N] [--as-of YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.api import evaluate, rules, to_data, to_json  # noqa: E402
from eligibility.profile.load import load_profile  # noqa: E402
from eligibility.profile.model import Profile  # noqa: E402
from eligibility.render.crs import crs_data  # noqa: E402
from eligibility.render.json_text import dumps  # noqa: E402
from eligibility.result import Evaluation, result_converter  # noqa: E402


def before(evaluation: Evaluation) -> str:
    """The JSON text as it was written before schema 2 (citations in place, stdlib, indent=2)."""
    data: dict[str, Any] = result_converter().unstructure(evaluation)
    data.pop("crs", None)
    if evaluation.crs is not None:
        data["crs"] = crs_data(evaluation.crs)
    return json.dumps(data, indent=2, ensure_ascii=False)


def _evaluate_all(into: list[Evaluation], profiles: list[Profile], as_of: str, with_crs: bool) -> None:
    into.extend(evaluate(p, as_of, library=rules(), with_crs=with_crs) for p in profiles)


def _dump_all(datas: list[dict[str, Any]]) -> list[bytes]:
    return [dumps(d) for d in datas]


def _timed(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--as-of", default="2026-03-01")
    args = parser.parse_args()
    library = rules()
    profiles = [load_profile(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    # Each case writes results fresh from an evaluation of its own (an application writes a result once);
    # that evaluation is timed too, and all of them together are the reference.
    Prepare = Callable[[list[Evaluation]], Callable[[], object]]
    with_crs: dict[str, Prepare] = {
        "before: converter + json indent=2": lambda rs: lambda: [before(r) for r in rs],
        "to_json() indented (CLI)": lambda rs: lambda: [to_json(r) for r in rs],
        "to_json(indent=None) compact (HTTP, batch)": lambda rs: lambda: [to_json(r, indent=None) for r in rs],
        "to_data() (plain data, values copied)": lambda rs: lambda: [to_data(r) for r in rs],
        "orjson alone, writing to_data compact": lambda rs: partial(_dump_all, [to_data(r) for r in rs]),
    }
    without_crs: dict[str, Prepare] = {
        "to_json(indent=None) compact": lambda rs: lambda: [to_json(r, indent=None) for r in rs]}
    figures = {}
    for crs, cases in ((True, with_crs), (False, without_crs)):
        evaluations: list[float] = []
        times: dict[str, list[float]] = {name: [] for name in cases}
        for _ in range(args.rounds):  # interleaved: each round times every case once, so load hits them alike
            for name, prepare in cases.items():
                fresh: list[Evaluation] = []
                evaluations.append(_timed(partial(_evaluate_all, fresh, profiles, args.as_of, crs)) / len(profiles))
                times[name].append(_timed(prepare(fresh)) / len(profiles))
        figures[crs] = (statistics.median(evaluations), {n: statistics.median(v) for n, v in times.items()})
    print(f"{len(profiles)} example profiles as of {args.as_of}, {len(library.programs)} programs each; CPU time "
          f"per result, medians of {args.rounds} interleaved rounds")
    for crs, (reference, costs) in figures.items():
        label = "evaluate (reference)" if crs else "evaluate(with_crs=False) (reference)"
        print("with the CRS:" if crs else "without the CRS:")
        print(f"  {label:<45} {reference * 1000:8.3f} ms   {1:6.2f} x the evaluation")
        for name, cost in costs.items():
            print(f"  {name:<45} {cost * 1000:8.3f} ms   {cost / reference:6.2f} x the evaluation")
    results = [evaluate(p, args.as_of, library=library) for p in profiles]
    plain = [to_data(r) for r in results]
    old = [before(r).encode() for r in results]
    new_pretty = [to_json(r).encode() for r in results]
    new_compact = [to_json(r, indent=None).encode() for r in results]
    old_compact = [json.dumps(json.loads(b), separators=(",", ":"), ensure_ascii=False).encode() for b in old]
    tables = [len(dumps(d["citations"])) for d in plain]

    def kib(blobs: list[bytes] | list[int]) -> str:
        sizes = [b if isinstance(b, int) else len(b) for b in blobs]
        return f"{statistics.mean(sizes) / 1024:6.1f} KiB"

    print("bytes per result (mean):")
    print(f"  before, indent=2 {kib(old)}   before, compact {kib(old_compact)}")
    print(f"  after,  indent=2 {kib(new_pretty)}   after,  compact {kib(new_compact)}   "
          f"(of which the citations table {kib(tables)})")


if __name__ == "__main__":
    main()
