"""``eligibility draws``: rounds between two dates, grouped by round type, as text, Markdown or JSON."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from attrs import frozen

from eligibility.draws.kinds import OTHER, ROUND_TYPES, title
from eligibility.draws.model import Round, RoundsTable
from eligibility.errors import UsageError
from eligibility.record import Record
from eligibility.suggest import did_you_mean


@frozen
class TypeSummary(Record):
    """The rounds of one type in a selection: how many, how many invited, the range of lowest scores."""

    type: str
    title: str
    rounds: tuple[Round, ...]

    @property
    def invitations(self) -> int:
        """Invitations issued in these rounds."""
        return sum(r.invitations for r in self.rounds)

    def data(self) -> dict[str, Any]:
        """JSON-ready summary (without the rounds)."""
        scores = [r.lowest_score for r in self.rounds]
        return {"type": self.type, "title": self.title, "rounds": len(self.rounds), "invitations": self.invitations,
                "lowest_score_min": min(scores), "lowest_score_max": max(scores)}


@frozen
class Selection(Record):
    """Rounds of a table between two dates (inclusive), of some types, grouped by type."""

    table: RoundsTable
    since: dt.date | None
    until: dt.date | None
    types: tuple[TypeSummary, ...]
    note: str | None = None

    @property
    def rounds(self) -> tuple[Round, ...]:
        """Every selected round, oldest first."""
        return tuple(sorted((r for t in self.types for r in t.rounds), key=lambda r: (r.date, r.number)))

    @property
    def past_data(self) -> str | None:
        """When the period runs past the last known round, the line that says so (else None).

        Without ``until`` the period runs to the last known round, so only a ``since`` after it runs past.
        """
        last = self.table.last_round
        return None if (self.until or self.since or last) <= last else self.table.past_data()


def check_types(types: Iterable[str]) -> None:
    """A UsageError naming the first unknown round type, with a suggestion."""
    for t in types:
        if t not in ROUND_TYPES:
            raise UsageError(f"--category: expected a round type ({', '.join(ROUND_TYPES)}), "
                             f"found {t!r}{did_you_mean(t, ROUND_TYPES)}")


def select(table: RoundsTable, since: dt.date | None = None, until: dt.date | None = None,
           types: Iterable[str] | None = None, note: str | None = None) -> Selection:
    """The rounds of ``table`` from ``since`` to ``until`` (inclusive), of ``types`` (default: all)."""
    wanted = tuple(types) if types else ROUND_TYPES
    check_types(wanted)
    chosen = [r for r in table.rounds if (since is None or r.date >= since) and (until is None or r.date <= until)]
    groups = tuple(TypeSummary(t, title(t), tuple(r for r in chosen if r.type == t))
                   for t in ROUND_TYPES if t in wanted)
    return Selection(table, since, until, tuple(g for g in groups if g.rounds), note)


def unmapped(table: RoundsTable) -> dict[str, list[str]]:
    """Round names that map to no type, with the numbers of their rounds."""
    out: dict[str, list[str]] = {}
    for r in table.rounds:
        if r.type == OTHER:
            out.setdefault(r.name, []).append(r.number)
    return out


def _period(s: Selection) -> str:
    first = s.since or s.table.rounds[0].date
    if s.until is None and first > s.table.last_round:
        return f"from {first}"  # no known round to end on: the period has no end in the data
    return f"{first} to {s.until or s.table.last_round}"


def _count(n: int, word: str) -> str:
    """'1 round', '2,000 invitations'."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _tie(r: Round) -> str:
    return r.tie_break.strftime("%Y-%m-%d %H:%M:%S UTC") if r.tie_break else "-"


def selection_text(s: Selection) -> str:
    """Rounds by type, newest first within each type."""
    total = sum(g.invitations for g in s.types)
    lines = [f"Express Entry rounds of invitations, {_period(s)}: {_count(len(s.rounds), 'round')}, "
             f"{_count(total, 'invitation')}",
             s.table.describe()]
    lines += [n for n in (s.note, s.past_data) if n]
    if not s.types:
        lines += ["", "no round in this period" if s.past_data is None else "no known round in this period"]
    for g in s.types:
        scores = [r.lowest_score for r in g.rounds]
        lines += ["", f"{g.type}: {g.title}",
                  f"  {_count(len(g.rounds), 'round')}, {_count(g.invitations, 'invitation')}, "
                  f"lowest score invited {min(scores)} to {max(scores)}"]
        lines.append(f"  {'round':>6}  {'date':10}  {'invited':>7}  {'lowest':>6}  tie-break")
        for r in reversed(g.rounds):
            lines.append(f"  {'#' + r.number:>6}  {r.date}  {r.invitations:>7,}  {r.lowest_score:>6}  {_tie(r)}"
                         + (f"  ({r.name})" if g.type.startswith("category/") or g.type == OTHER else ""))
    return "\n".join(lines)


def selection_markdown(s: Selection) -> str:
    """A heading and a table per round type."""
    total = sum(g.invitations for g in s.types)
    out = [f"# Express Entry rounds of invitations, {_period(s)}", "",
           f"{_count(len(s.rounds), 'round')}, {_count(total, 'invitation')}. _{s.table.describe()}_"]
    out += [line for n in (s.note, s.past_data) if n for line in ("", n)]
    if not s.types:
        out += ["", "No round in this period." if s.past_data is None else "No known round in this period."]
    for g in s.types:
        out += ["", f"## {g.title} (`{g.type}`)", "",
                "| Round | Date | Name | Invitations | Lowest score | Tie-break |", "|---|---|---|---|---|---|"]
        out += [f"| {r.number} | {r.date} | {r.name} | {r.invitations:,} | {r.lowest_score} | {_tie(r)} |"
                for r in reversed(g.rounds)]
    return "\n".join(out) + "\n"


def selection_data(s: Selection) -> dict[str, Any]:
    """JSON: the data used, the period, a summary per type and every round (newest first)."""
    return {"data": s.table.info(), "note": s.note,
            "since": s.since.isoformat() if s.since else None, "until": s.until.isoformat() if s.until else None,
            "types": [g.data() for g in s.types], "rounds": [r.data() for r in reversed(s.rounds)]}


def unmapped_text(table: RoundsTable) -> str:
    """The round names kept as ``other``, or a line saying every name maps."""
    names = unmapped(table)
    head = table.describe()
    if not names:
        kinds = len({r.name for r in table.rounds})
        return f"{head}\nevery round name maps to a round type ({kinds} distinct names)"
    lines = [head, f"{len(names)} round names map to no type and are kept as 'other':"]
    lines += [f"  {name!r}: rounds {', '.join('#' + n for n in numbers)}" for name, numbers in sorted(names.items())]
    return "\n".join(lines)


def unmapped_data(table: RoundsTable) -> dict[str, Any]:
    """JSON: the data used and each unmapped name with its round numbers."""
    return {"data": table.info(),
            "unmapped": [{"name": n, "rounds": nums} for n, nums in sorted(unmapped(table).items())]}
