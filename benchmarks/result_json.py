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
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eligibility.api import evaluate, rules, to_data, to_json  # noqa: E402
from eligibility.profile.load import load_profile  # noqa: E402
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
    results = [evaluate(p, args.as_of, library=library) for p in profiles]
    bare = [evaluate(p, args.as_of, library=library, with_crs=False) for p in profiles]
    cases: dict[str, Callable[[], object]] = {
        "evaluate (reference)": lambda: [evaluate(p, args.as_of, library=library) for p in profiles],
        "before: converter + json indent=2": lambda: [before(r) for r in results],
        "to_json() indented (CLI)": lambda: [to_json(r) for r in results],
        "to_json(indent=None) compact (HTTP, batch)": lambda: [to_json(r, indent=None) for r in results],
        "to_data() (plain data, values copied)": lambda: [to_data(r) for r in results],
    }
    plain = [to_data(r) for r in results]
    cases["orjson alone, writing that data compact"] = lambda: [dumps(d) for d in plain]
    # The programs alone, without the CRS: the evaluation the engine's own benchmark times.
    cases["evaluate(with_crs=False) (second reference)"] = lambda: [
        evaluate(p, args.as_of, library=library, with_crs=False) for p in profiles]
    cases["to_json(indent=None) of that"] = lambda: [to_json(r, indent=None) for r in bare]
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.rounds):  # interleaved: each round times every case once, so load hits them alike
        for name, work in cases.items():
            times[name].append(_timed(work) / len(results))
    print(f"{len(results)} example profiles as of {args.as_of}, {len(library.programs)} programs each, with the CRS; "
          f"CPU time, medians of {args.rounds} interleaved rounds")
    reference = statistics.median(times["evaluate (reference)"])
    for name, values in times.items():
        if name.startswith("evaluate(with_crs=False)"):
            reference = statistics.median(values)
            print("without the CRS:")
        cost = statistics.median(values)
        print(f"  {name:<45} {cost * 1000:8.3f} ms per result   {cost / reference:6.2f} x the evaluation")
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
