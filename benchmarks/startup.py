"""Benchmark: the cold start of the command line, as ratios against a bare ``import typer, rich.console``.

Each round runs, interleaved, a bare ``python -c "import typer, rich.console"`` (the reference),
``eligibility --help``, and ``eligibility evaluate <example profile>`` with an empty cache folder (the
rules are read, checked and cached, and the code compiled for generated functions is stored), with a warm
one (the checked library and the compiled code are read from the cache folder), and with the caches turned
off. With ``--before``, another checkout's ``evaluate`` runs too, with a warm cache folder of its own (never
the user's, which other checkouts' runs may prune). The figures are the medians over the rounds of each
child's CPU time (user + system, which a loaded machine disturbs least) and wall-clock time, each as a
ratio to the reference's. Bytecode is written and warmed first: a user's installed package has it, and
``PYTHONDONTWRITEBYTECODE`` would otherwise make every run compile the sources.

Run: python benchmarks/startup.py [--rounds N] [--before OTHER_CHECKOUT]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "profiles" / "ayesha-software-engineer.yaml"
EVALUATE = ["-m", "eligibility", "evaluate", str(PROFILE), "--as-of", "2026-03-01"]


def _run(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """CPU seconds (user + system) and wall-clock seconds of one child Python process (output discarded)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=env, cwd=cwd)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)}: exit code {child.returncode}")
    return usage.ru_utime + usage.ru_stime, wall


def main() -> None:
    """Print each command's median start-up and its ratio to the bare start-up of the same run."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=11)
    parser.add_argument("--before", type=Path, help="another checkout (e.g. `git worktree add /tmp/before REV`) "
                                                    "whose `evaluate` is run from its own folder as one more row")
    options = parser.parse_args()
    rounds = options.rounds
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONDONTWRITEBYTECODE", "ELIGIBILITY_NO_CACHE"}}
    warm_dir = tempfile.mkdtemp(prefix="eligibility-warm-")
    before_dir = tempfile.mkdtemp(prefix="eligibility-before-")
    cold_root = tempfile.mkdtemp(prefix="eligibility-cold-")
    warm = {**env, "ELIGIBILITY_CACHE_DIR": warm_dir}
    before = {**env, "ELIGIBILITY_CACHE_DIR": before_dir}
    try:
        _run(EVALUATE, warm)  # writes the bytecode and fills the warm cache
        _run(["-m", "eligibility", "--help"], warm)
        commands = {
            "bare: python -c 'import typer, rich.console'": (["-c", "import typer, rich.console"], None),
            "eligibility --help": (["-m", "eligibility", "--help"], warm),
            "eligibility evaluate, cold rules cache": (EVALUATE, "cold"),
            "eligibility evaluate, warm rules cache": (EVALUATE, warm),
            "eligibility evaluate, rules cache off": (EVALUATE, {**warm, "ELIGIBILITY_NO_CACHE": "1"}),
        }
        if options.before:
            _run(EVALUATE, before, options.before.resolve())
            commands[f"eligibility evaluate in {options.before}"] = (EVALUATE, "before")
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for round_no in range(rounds):
            for name, (args, which) in commands.items():
                if which == "before":
                    times[name].append(_run(args, before, options.before.resolve()))
                elif which == "cold":
                    cold_env = {**env, "ELIGIBILITY_CACHE_DIR": str(Path(cold_root) / str(round_no))}
                    times[name].append(_run(args, cold_env))
                else:
                    times[name].append(_run(args, which or env))
    finally:
        shutil.rmtree(warm_dir, ignore_errors=True)
        shutil.rmtree(before_dir, ignore_errors=True)
        shutil.rmtree(cold_root, ignore_errors=True)
    bare = next(iter(times.values()))
    cpu_ref, wall_ref = statistics.median(c for c, _ in bare), statistics.median(w for _, w in bare)
    print(f"medians of {rounds} interleaved rounds; profile {PROFILE.relative_to(ROOT)} as of 2026-03-01")
    print(f"{'command':<48} {'CPU ms':>7} {'x bare':>7}   {'wall ms':>7} {'x bare':>7}")
    for name, runs in times.items():
        cpu, wall = statistics.median(c for c, _ in runs), statistics.median(w for _, w in runs)
        print(f"{name:<48} {cpu * 1000:7.0f} {cpu / cpu_ref:7.2f}   {wall * 1000:7.0f} {wall / wall_ref:7.2f}")


if __name__ == "__main__":
    main()
