"""The ways to raise a CRS score, for people and as JSON-ready data."""

from __future__ import annotations

from typing import Any

from eligibility.ranking.improve import Improvements
from eligibility.render.crs import points


def improve_data(found: Improvements) -> dict[str, Any]:
    """The ways to raise the score (best first) and the coming declines, as JSON-ready data."""
    return {
        "as_of": found.as_of.isoformat(),
        "improvements": [{"kind": i.kind, "says": i.says, "points": points(i.low, i.high),
                          "date": i.date.isoformat() if i.date else None} for i in found.improvements],
        "declines": [{"date": d.date.isoformat(), "cause": d.cause, "points_lost": d.points_lost,
                      "points_lost_high": d.points_lost_high}
                     for d in found.declines],
    }


def _gain(low: int, high: int) -> str:
    return f"+{low}" if low == high else f"+{low} to +{high}"


def improve_lines(found: Improvements) -> list[str]:
    """Terminal lines: the ways to raise the score, best first, then the coming declines."""
    lines = [f"  Ways to raise the score on {found.as_of} (each re-scored, best first):"]
    if not found.improvements:
        lines.append("    none found")
    lines += [f"    {_gain(i.low, i.high):>6}  {i.says}" for i in found.improvements]
    lines.append("  Days in the next 12 months on which the score falls without any action:")
    if not found.declines:
        lines.append("    none")
    lines += [f"    {d.date}  {d.lost_text}  {d.cause}" for d in found.declines]
    return lines


def improve_markdown(found: Improvements) -> list[str]:
    """Markdown lines: two tables, improvements best first and declines by date."""
    out = ["", f"## Ways to raise the score on {found.as_of}", "", "| Points | Change |", "|---|---|"]
    out += [f"| {_gain(i.low, i.high)} | {i.says} |" for i in found.improvements] or ["| - | none found |"]
    out += ["", "## Days the score falls without any action (next 12 months)", "", "| Date | Points | Why |",
            "|---|---|---|"]
    out += [f"| {d.date} | {d.lost_text} | {d.cause} |" for d in found.declines] or ["| - | - | none |"]
    return out
