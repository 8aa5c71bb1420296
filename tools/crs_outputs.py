"""Write every output that carries the CRS, for a checkout, and compare two such writes byte for byte.

    python tools/crs_outputs.py write ROOT OUT [--profiles DRAWN] [--generated N]
    python tools/crs_outputs.py compare A B

``write`` imports the package from ROOT (a checkout, e.g. ``git archive main | tar -x -C /tmp/main``) and
writes to OUT (a pickle) the JSON (``to_json``, ``to_data``), text and Markdown of ``evaluate`` and of ``crs``
(with and without its rounds), ``crs_range`` and the ``--improve`` data of the example profiles and of
generated ones (the property tests' strategy; drawn once into DRAWN, default /tmp/crs_outputs_profiles.pickle,
and read back by later writes, so that two checkouts see the same profiles) on 11 days around each change of
the criteria. ``compare`` prints how many outputs differ, the first differences, and exits 1 if any does.
Used to check that making the CRS cheaper changes no output (docs/performance.md#crs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import pickle
import sys
from pathlib import Path
from typing import Any

DAYS = [dt.date(*d) for d in ((2014, 12, 31), (2015, 6, 1), (2016, 11, 18), (2016, 11, 19), (2017, 6, 6),
                              (2020, 10, 27), (2022, 11, 16), (2025, 3, 24), (2025, 3, 25), (2026, 3, 1),
                              (2026, 11, 30))]


def _drawn(path: Path, count: int) -> list[dict[str, Any]]:
    """The generated profiles' data: read from ``path``, or drawn (seeded) and written there first."""
    if path.exists():
        found: list[dict[str, Any]] = pickle.loads(path.read_bytes())
        return found
    from tests.strategies import drawn_profile_data

    drawn = drawn_profile_data(count, 424242)
    path.write_bytes(pickle.dumps(drawn))
    return drawn


def write(root: str, out: Path, drawn_path: Path, count: int) -> None:
    """Every output of every profile and day, keyed by (profile, day, kind), the checkout's path masked."""
    sys.path[:0] = [root, f"{root}/benchmarks"]
    import eligibility

    if not eligibility.__file__ or not eligibility.__file__.startswith(root):
        raise SystemExit(f"{root}: expected the package there, found {eligibility.__file__}")
    from evaluate import profile_from_data

    from eligibility.api import crs, evaluate, rules, to_data, to_json
    from eligibility.profile.load import load_profile
    from eligibility.ranking.compute import crs_range
    from eligibility.ranking.improve import improve
    from eligibility.ranking.report import improve_data
    from eligibility.render.crs import render_crs_markdown, render_crs_text
    from eligibility.render.markdown import render_markdown
    from eligibility.render.text import render_text

    library = rules(Path(root) / "rulesets")
    profiles = [(p.stem, load_profile(p)) for p in sorted((Path(root) / "profiles").glob("*.yaml"))]
    profiles += [(f"generated {i}", profile_from_data(d)) for i, d in enumerate(_drawn(drawn_path, count))]
    found: dict[tuple[str, dt.date, str], str] = {}
    for name, p in profiles:
        for i, day in enumerate(DAYS):
            ev = evaluate(p, day, library=library)
            found[(name, day, "evaluate json")] = to_json(ev)
            found[(name, day, "evaluate text")] = render_text(ev, explain=i % 2 == 0)
            found[(name, day, "evaluate markdown")] = render_markdown(ev, explain=i % 2 == 1)
            c = crs(p, day, library=library)
            found[(name, day, "crs json")] = to_json(c)
            found[(name, day, "crs data")] = repr(to_data(c))
            found[(name, day, "crs text")] = render_crs_text(c, explain=True) + render_crs_text(c)
            found[(name, day, "crs markdown")] = render_crs_markdown(c)
            found[(name, day, "crs_range")] = repr(crs_range(p, day, library))
            found[(name, day, "crs without rounds")] = to_json(crs(p, day, library=library, rounds=False))
            if c.status == "scored" and (i % 3 == 0 or not name.startswith("generated")):
                found[(name, day, "improve")] = repr(improve_data(improve(p, day, library)))
    out.write_bytes(pickle.dumps({k: v.replace(root, "<ROOT>") for k, v in found.items()}))
    print(f"{len(found)} outputs of {len(profiles)} profiles on {len(DAYS)} days")


def compare(a: Path, b: Path) -> int:
    """1 if an output differs (the first three shown), else 0."""
    first, second = pickle.loads(a.read_bytes()), pickle.loads(b.read_bytes())
    if first.keys() != second.keys():
        print(f"expected the same outputs, found {len(first.keys() ^ second.keys())} in one write only")
        return 1
    differ = [k for k in first if first[k] != second[k]]
    print(f"{len(first)} outputs compared, {len(differ)} differ")
    for key in differ[:3]:
        print(key)
        print("".join(list(difflib.unified_diff(first[key].splitlines(True), second[key].splitlines(True)))[:40]))
    return 1 if differ else 0


def main() -> None:
    """The command line (see the module's docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("root")
    w.add_argument("out", type=Path)
    w.add_argument("--profiles", type=Path, default=Path("/tmp/crs_outputs_profiles.pickle"))
    w.add_argument("--generated", type=int, default=120)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = parser.parse_args()
    if args.command == "write":
        write(str(Path(args.root).resolve()), args.out, args.profiles, args.generated)
    else:
        raise SystemExit(compare(args.a, args.b))


if __name__ == "__main__":
    main()
