"""Measure NOC duty matching: share of duty texts whose expected code ranks first and in the top 3.

Texts and expected codes: tests/noc/data/duty_texts/ (expected.yaml). Needs the StatCan prose:
pass the folder or file as the first argument, else $ELIGIBILITY_NOC_DATA, else ../shared/data/noc.

Usage: PYTHONPATH=. python benchmarks/noc_duty_quality.py [NOC_DATA] [--misses]
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

from eligibility.noc import DutyMatcher, load_noc_text  # noqa: E402


def main() -> None:
    """Print top-1 and top-3 shares, mean covered duties of the expected group, and timings."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    data = args[0] if args else os.environ.get("ELIGIBILITY_NOC_DATA") or str(REPO.parent / "shared/data/noc")
    folder = REPO / "tests/noc/data/duty_texts"
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    matcher = DutyMatcher(load_noc_text(data))
    t1 = time.perf_counter()
    top1 = top3 = 0
    coverage = []
    misses = []
    for name, case in expected.items():
        result = matcher.match((folder / name).read_text(encoding="utf-8"), limit=3, detail=3)
        codes = [c.code for c in result.candidates]
        top1 += codes[0] == case["code"]
        top3 += case["code"] in codes
        for c in result.candidates:
            if c.code == case["code"] and c.duties:
                coverage.append(c.covered_count / len(c.duties))
        if codes[0] != case["code"]:
            misses.append(f"  {name}: expected {case['code']}, got {codes}")
    t2 = time.perf_counter()
    n = len(expected)
    print(f"duty texts: {n}")
    print(f"top-1: {top1}/{n} = {top1 / n:.1%}")
    print(f"top-3: {top3}/{n} = {top3 / n:.1%}")
    if coverage:
        share = sum(coverage) / len(coverage)
        print(f"mean share of the expected group's main duties marked covered: {share:.0%}")
    print(f"load prose and build index: {(t1 - t0) * 1000:.0f} ms")
    print(f"match: {(t2 - t1) / n * 1000:.1f} ms per text")
    if "--misses" in sys.argv:
        print("not first:\n" + "\n".join(misses))
    env = dict(os.environ, PYTHONPATH=str(REPO))
    t = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "eligibility.noc",
            "match",
            "--duties",
            str(folder / "chef.txt"),
            "--noc-data",
            data,
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    print(f"cold start `python -m eligibility.noc match ...`: {(time.perf_counter() - t) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
