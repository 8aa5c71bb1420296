"""Build the rounds table shipped in the package from a snapshot of IRCC's rounds feed.

    python tools/build_draws.py [SNAPSHOT] [--out eligibility/data/draws.json]

SNAPSHOT defaults to shared/data/ee-rounds/draws.json in the nearest folder above the checkout (the
feed as fetched, with ``fetchedAt`` in milliseconds since the epoch). The output keeps facts only:
number, date, name, round type (a program id, ``general``, ``provincial-nominee``, a category id, or
``other``), invitations, lowest score invited, tie-break time. The snapshot is read with the same
strict reader as ``eligibility draws update``; any problem stops the build with one line per problem.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from eligibility.draws.feed import FEED_URL, rounds_from_feed
from eligibility.draws.model import RoundsTable

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT_PATH = Path("shared") / "data" / "ee-rounds" / "draws.json"
OUT = ROOT / "eligibility" / "data" / "draws.json"


def find_snapshot() -> Path | None:
    """The shared snapshot beside the checkout (../shared/..., or one level up from a worktree)."""
    for folder in ROOT.parents:
        if (folder / SNAPSHOT_PATH).is_file():
            return folder / SNAPSHOT_PATH
    return None


def build(snapshot: Path) -> RoundsTable:
    """The compact table of a feed snapshot; SystemExit(2) with the problems when it does not read."""
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    rounds, problems = rounds_from_feed(data, str(snapshot))
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        raise SystemExit(2)
    fetched = dt.datetime.fromtimestamp(int(data["fetchedAt"]) / 1000, dt.UTC).replace(microsecond=0)
    return RoundsTable(rounds, FEED_URL, fetched)


def write(table: RoundsTable, out: Path) -> None:
    """One round per line: small diffs when the table is rebuilt from a newer snapshot."""
    data = table.data()
    lines = [json.dumps(r, ensure_ascii=False) for r in data.pop("rounds")]
    head = json.dumps(data, ensure_ascii=False)[:-1]
    out.write_text(head + ', "rounds": [\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def main() -> None:
    """Read the snapshot, write the table, say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("snapshot", nargs="?", type=Path, default=find_snapshot())
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    if args.snapshot is None:
        parser.error(f"no {SNAPSHOT_PATH} found above {ROOT}; give the snapshot's path")
    table = build(args.snapshot)
    write(table, args.out)
    others = sorted({r.name for r in table.rounds if r.type == "other"})
    print(f"{args.out}: {len(table.rounds)} rounds, {table.rounds[0].date} to {table.last_round}"
          + (f"; unmapped names: {', '.join(others)}" if others else "; every round name maps"))


if __name__ == "__main__":
    main()
