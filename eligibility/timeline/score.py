"""The CRS over a plan as steps: the score holds over [from, to), and each step names its cause."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from attrs import frozen

from eligibility.profile.model import Profile
from eligibility.ranking.compute import crs_result
from eligibility.record import Record
from eligibility.result import CrsResult
from eligibility.rulebook.library import Library
from eligibility.timeline.events import Event
from eligibility.work import HOURS_PER_YEAR

# Events that can move a CRS factor; hours only in the 10-year window, in whole years.
CRS_EVENTS = ("crs", "birthday", "test", "credential", "offer", "job", "window", "certificate", "nomination")


@frozen
class CrsStep(Record):
    """The CRS over the days [start, end): exact (low = high) or a range when facts are unknown."""

    start: dt.date
    end: dt.date
    low: int | None
    high: int | None
    because: str


def score_text(low: int | None, high: int | None) -> str:
    """'470', '450-480' or 'not encoded'."""
    if low is None or high is None:
        return "not encoded"
    return f"{low}" if low == high else f"{low}-{high}"


def crs_steps(profile: Profile, days: Sequence[dt.date], by_day: dict[dt.date, list[Event]], library: Library,
              until: dt.date) -> tuple[CrsStep, ...]:
    """The CRS on each change day, merged into steps of the same score."""
    steps: list[tuple[dt.date, CrsResult, str]] = []
    previous: CrsResult | None = None
    for day in days:
        result = crs_result(profile, day, library)
        if previous is None:
            steps.append((day, result, result.message))
        elif (result.low, result.high) != (previous.low, previous.high):
            steps.append((day, result, _cause(previous, result, by_day.get(day, []))))
        previous = result
    ends = [day for day, _, _ in steps[1:]] + [until]
    return tuple(CrsStep(day, end, r.low, r.high, because) for (day, r, because), end in zip(steps, ends, strict=True))


def _cause(before: CrsResult, after: CrsResult, events: Sequence[Event]) -> str:
    """'age 30: core.age 105 -> 99, CRS 470 -> 464'; a section whose cap cuts differently says so, so that the
    moves add up to the total ('additional capped at 600: 630 -> 600')."""
    old = {f.id: f for f in before.factors}
    moved = []
    for f in after.factors:
        was = old.get(f.id)
        if was is None or (was.low, was.high) != (f.low, f.high):
            was_text = score_text(was.low, was.high) if was else "0"
            moved.append(f"{f.id} {was_text} -> {score_text(f.low, f.high)}")
    moved += _caps(before, after)
    # Hours events in the 10-year window, in whole years: those of one occupation, else those of the widest set
    # of jobs (the CRS counts every qualifying job together: a software job and a nurse's reach 4 years as one).
    years = [e for e in events if e.kind == "hours" and e.months == 120 and e.hours is not None
             and e.hours % HOURS_PER_YEAR == 0]
    widest = max((len(e.codes) for e in years), default=0)
    hours = {id(e) for e in ([e for e in years if len(e.codes) <= 1] or [e for e in years if len(e.codes) == widest])}
    reasons = [e.text for e in events if e.kind in CRS_EVENTS or id(e) in hours]
    head = "; ".join(list(dict.fromkeys(reasons))[:3])
    total = f"CRS {score_text(before.low, before.high)} -> {score_text(after.low, after.high)}"
    return (f"{head}: " if head else "") + ", ".join([*moved, total])


def _caps(before: CrsResult, after: CrsResult) -> list[str]:
    """For each section whose caps cut a different number of points on the two days, what they cut after."""
    out = []
    for section in after.sections:
        raw = _raw(after, section.id)
        cut = (section.low - raw[0], section.high - raw[1])
        try:
            was = before.section(section.id)
        except KeyError:
            continue
        was_raw = _raw(before, section.id)
        if cut == (was.low - was_raw[0], was.high - was_raw[1]):
            continue
        how = f"capped at {section.cap}" if section.cap is not None and raw[1] > section.cap else "after its caps"
        if cut != (0, 0):
            out.append(f"{section.id} {how}: {score_text(*raw)} -> {score_text(section.low, section.high)}")
        else:
            out.append(f"{section.id} no longer cut by its caps (they cut {score_text(*was_raw)} to "
                       f"{score_text(was.low, was.high)})")
    return out


def _raw(result: CrsResult, section: str) -> tuple[int, int]:
    """The sum of a section's factors before its caps (low, high)."""
    mine = [f for f in result.factors if f.section == section]
    return sum(f.low for f in mine), sum(f.high for f in mine)
