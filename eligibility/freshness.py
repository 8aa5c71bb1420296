"""Rules that may have changed since they were checked, as caveats on results.

Two caveats, added to every result they concern:

- ``rules-checked``: a result for a date after the day the rules' sources were last checked (the
  earliest ``checked`` date among the program's sources and those of the grids and tables it uses)
  says "rules as checked on YYYY-MM-DD; a change after that date is not known to this version".
- ``reported-change``: a ruleset may record a change reported by secondary sources but not
  confirmed (``reported_changes``); a result on or after its date carries it, with its sources.
  The change is never applied: the rules stay those encoded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from attrs import evolve

from eligibility.result import Caveat, CitationRef, ProgramResult
from eligibility.rulebook.model import FundsCondition, PointsCondition, Program, ReportedChange, Source, last_checked
from eligibility.rulebook.tables import AmountTable, Grid
from eligibility.rulebook.tree import walk

RULES_CHECKED = "rules-checked"
REPORTED_CHANGE = "reported-change"


class Library(Protocol):
    """What is read of a library: the grids and tables a program refers to."""

    @property
    def grids(self) -> dict[str, Grid]:
        """Grids by id."""
        ...

    @property
    def tables(self) -> dict[str, AmountTable]:
        """Amount tables by id."""
        ...


def checked_caveat(checked: dt.date | None, day: dt.date) -> Caveat | None:
    """The caveat for a result on ``day`` when the rules were last checked before it; None otherwise."""
    if checked is None or day <= checked:
        return None
    return Caveat(RULES_CHECKED, f"rules as checked on {checked}; a change after that date is not known to "
                                 f"this version",
                  f"the result is for {day}, after the official sources were last checked")


def reported_caveats(changes: Iterable[ReportedChange], sources: Sequence[Source], day: dt.date) -> list[Caveat]:
    """A caveat for each reported change dated on or before ``day``, citing its sources."""
    by_id = {s.id: s for s in sources}
    out = []
    for change in changes:
        if day < change.date:
            continue
        refs = tuple(CitationRef(s.id, s.title, s.url, s.checked, s.confidence)
                     for sid in change.sources if (s := by_id.get(sid)) is not None)
        out.append(Caveat(REPORTED_CHANGE, f"a change from {change.date} was reported but is not confirmed "
                                           f"({change.confidence.replace('_', ' ')}): {change.says}",
                          "not applied: this result uses the rules as encoded; check the official sources"
                          + (f". {change.note}" if change.note else ""), refs))
    return out


def _used(program: Program, library: Library) -> list[Grid | AmountTable]:
    """The grids and amount tables any version of the program refers to."""
    out: list[Grid | AmountTable] = []
    for version in program.versions:
        for cond, _ in walk(version.conditions, "$"):
            ref: Grid | AmountTable | None = None
            if isinstance(cond, PointsCondition):
                ref = library.grids.get(cond.grid)
            elif isinstance(cond, FundsCondition):
                ref = library.tables.get(cond.table)
            if ref is not None and ref not in out:
                out.append(ref)
    return out


def program_checked(program: Program, library: Library) -> dt.date | None:
    """When the rules of a program, with its grids and tables, were last checked (the earliest date)."""
    dates = [d for d in (program.checked, *(u.checked for u in _used(program, library))) if d is not None]
    return min(dates, default=None)


def program_caveats(program: Program, library: Library, day: dt.date) -> tuple[Caveat, ...]:
    """Every freshness caveat of a program's result on ``day``: one rules-checked, then reported changes."""
    out: list[Caveat] = []
    stale = checked_caveat(program_checked(program, library), day)
    if stale is not None:
        out.append(stale)
    out.extend(reported_caveats(program.reported_changes, program.sources, day))
    for used in _used(program, library):
        out.extend(reported_caveats(used.reported_changes, used.sources, day))
    return tuple(out)


def with_freshness(result: ProgramResult, program: Program, library: Library, day: dt.date) -> ProgramResult:
    """The result with the program's freshness caveats after its own."""
    extra = program_caveats(program, library, day)
    return evolve(result, caveats=result.caveats + extra) if extra else result


__all__ = ["REPORTED_CHANGE", "RULES_CHECKED", "checked_caveat", "last_checked", "program_caveats",
           "program_checked", "reported_caveats", "with_freshness"]
