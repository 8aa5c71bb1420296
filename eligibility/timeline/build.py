"""The eligibility timeline of a profile: each program's verdict over [start, until), with the causes.

The days on which anything an evaluation reads can change are computed (``events``, ``crossings``); each
of them is evaluated, and between two of them every verdict stays the same. A program's timeline is the
sequence of half-open intervals over which its verdict holds, two neighbours never with the same verdict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from attrs import frozen

from eligibility.engines.run import evaluate
from eligibility.freshness import program_checked
from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.result import Evaluation, Verdict
from eligibility.rulebook.library import Library
from eligibility.timeline.ahead import Ahead
from eligibility.timeline.causes import cause, state
from eligibility.timeline.days import days_to_read
from eligibility.timeline.events import Event
from eligibility.timeline.gaps import Gap, program_gaps
from eligibility.timeline.score import CrsStep, crs_steps


@frozen
class Interval(Record):
    """A verdict held over the days [start, end), and why it starts on ``start``."""

    start: dt.date
    end: dt.date
    verdict: Verdict
    because: str


@frozen
class Next(Record):
    """When a program not eligible on the first day becomes eligible, or what still stands in the way."""

    eligible_from: dt.date | None
    eligible_at_start: bool
    blocking: tuple[str, ...] = ()
    gaps: tuple[Gap, ...] = ()


@frozen
class ProgramPlan(Record):
    """One program's timeline."""

    id: str
    title: str
    intervals: tuple[Interval, ...]
    next: Next


@frozen
class Plan(Record):
    """Every program's timeline over [start, until), with the assumptions it rests on."""

    start: dt.date
    until: dt.date
    assumptions: tuple[str, ...]
    rules_checked: dt.date | None
    programs: tuple[ProgramPlan, ...]
    days_evaluated: int
    profile_name: str | None = None
    crs: tuple[CrsStep, ...] = ()

    def program(self, program_id: str) -> ProgramPlan:
        """The timeline of one program (KeyError when it was not planned)."""
        for p in self.programs:
            if p.id == program_id:
                return p
        raise KeyError(program_id)


def rules_checked(library: Library, programs: Iterable[str] | None = None,
                  with_crs: bool = True) -> dt.date | None:
    """When the rules a plan reads were last checked: a rule is as current as its least recently read source, so
    the earliest ``checked`` of the planned programs' sources, of the grids and tables they use
    (``freshness.program_checked``, the date their results' caveat gives) and, with the CRS, of its sources."""
    wanted = library.programs if programs is None else programs
    days = [d for pid in wanted if (d := program_checked(library.programs[pid], library)) is not None]
    if with_crs:
        days += [s.checked for rules in library.crs.values() for s in rules.sources]
    return min(days, default=None)


def assumptions(until: dt.date, checked: dt.date | None) -> tuple[str, ...]:
    """What every plan takes for granted."""
    return (
        f"Jobs without an end date (end: null) continue at the same hours per week until {until}.",
        "Nothing else in the profile changes: no new job, credential, ECA or job offer, no change of funds "
        "or family, and no language test is retaken.",
        "The rules are those encoded: versions already known for later dates apply from their dates"
        + (f"; the sources were last checked on {checked}" if checked else "")
        + "; changes announced after that are not foreseen.",
        "Each day is read as an as-of day: its verdict is the one 'eligibility evaluate --as-of DAY' gives.",
    )


def plan(profile: Profile, start: dt.date, until: dt.date, library: Library,
         programs: Iterable[str] | None = None, with_crs: bool = True) -> Plan:
    """Each program's verdict intervals over [start, until), exact to the day, with their causes (and the CRS)."""
    if until <= start:
        from eligibility.errors import UsageError

        raise UsageError(f"--until: expected a day after --from {start}, found {until}")
    wanted = sorted(set(programs)) if programs is not None else sorted(library.programs)
    days, by_day = days_to_read(profile, library, start, until)
    runs = [(day, evaluate(profile, day, library, wanted)) for day in days]
    made = {pid: _intervals(pid, runs, by_day, until) for pid in wanted}
    # A program never eligible is described on the plan's last day, as ``distance`` describes it that day (its
    # verdict holds from its last change day, but hours go on accumulating): one evaluation of those programs.
    never = [pid for pid in wanted if all(i.verdict != "eligible" for i in made[pid])]
    last = until - dt.timedelta(days=1)
    final = runs[-1][1] if runs[-1][0] == last or not never else evaluate(profile, last, library, never)
    ahead = Ahead(profile, library, last)  # one search for every program: its days and runs are kept
    out = [_program_plan(pid, made[pid], runs[0][1], final, library, ahead) for pid in wanted]
    checked = rules_checked(library, wanted, with_crs and bool(library.crs))
    steps = crs_steps(profile, days, by_day, library, until) if with_crs and library.crs else ()
    return Plan(start, until, assumptions(until, checked), checked, tuple(out), len(days), profile.name, steps)


def _intervals(pid: str, runs: list[tuple[dt.date, Evaluation]], by_day: dict[dt.date, list[Event]],
               until: dt.date) -> tuple[Interval, ...]:
    first = runs[0][1].program(pid)
    intervals: list[tuple[dt.date, Verdict, str]] = [(runs[0][0], first.verdict, state(first))]
    previous = first
    for day, evaluation in runs[1:]:
        current = evaluation.program(pid)
        if current.verdict != previous.verdict:
            intervals.append((day, current.verdict, cause(previous, current, by_day.get(day, []))))
        previous = current
    bounds = [start for start, _, _ in intervals[1:]] + [until]
    return tuple(Interval(s, e, v, b) for (s, v, b), e in zip(intervals, bounds, strict=True))


def _program_plan(pid: str, made: tuple[Interval, ...], start: Evaluation, final: Evaluation, library: Library,
                  ahead: Ahead) -> ProgramPlan:
    first = start.program(pid)
    eligible = next((i.start for i in made if i.verdict == "eligible"), None)
    if eligible is not None:
        return ProgramPlan(pid, first.title, made, Next(eligible, first.verdict == "eligible"))
    result = final.program(pid)
    return ProgramPlan(pid, first.title, made, Next(None, False, tuple(_blocking(result)),
                                                    tuple(program_gaps(result, library, final.as_of, ahead))))


def _blocking(result: object) -> list[str]:
    from eligibility.result import ProgramResult, deciding

    assert isinstance(result, ProgramResult)
    if result.verdict in ("not_in_force", "not_encoded"):
        return [result.message]
    return [f"{r.says.rstrip('.')}: {r.explanation}" if r.explanation else r.says
            for _, r in deciding(result.conditions)]
