"""Counting work time the way IRCC does.

At most 30 hours a week count (1 year = 1,560 hours = 30 h x 52 weeks); part-time work adds up;
concurrent jobs add up to the same weekly cap. A job runs from ``start`` to ``end`` inclusive; work
"continuous" means no day without a job between the first and the last day of a run.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from fractions import Fraction

from attrs import frozen

# The definitions of counting itself, as IRCC's Express Entry eligibility pages state them: full-time work
# is 30 hours a week, one year of it is 1,560 hours (30 h x 52 weeks), and hours above 30 a week do not
# count (canada.ca, "Federal Skilled Worker Program - eligibility", Skilled work experience). Every
# threshold the rules apply lives in rulesets/.
WEEKLY_CAP = Fraction(30)
HOURS_PER_YEAR = 1560
#: A look-back longer than any working life: counts "at any time" see every job.
WHOLE_HISTORY_MONTHS = 1200


@frozen
class Job:
    """A work entry as the counting sees it."""

    index: int
    start: dt.date
    end: dt.date
    hours_per_week: Fraction


@frozen
class Credit:
    """Hours credited to one job inside a counting window."""

    index: int
    start: dt.date
    end: dt.date
    hours: Fraction


def clip(job: Job, first: dt.date, last: dt.date) -> Job | None:
    """The part of ``job`` inside [first, last], or None."""
    start, end = max(job.start, first), min(job.end, last)
    return Job(job.index, start, end, job.hours_per_week) if start <= end else None


def count(jobs: Sequence[Job], cap: Fraction = WEEKLY_CAP) -> tuple[Fraction, tuple[Credit, ...]]:
    """Hours counted for ``jobs`` with a weekly cap shared by concurrent jobs, and each job's share."""
    if not jobs:
        return Fraction(0), ()
    edges = sorted({j.start for j in jobs} | {j.end + dt.timedelta(days=1) for j in jobs})
    credited: dict[int, Fraction] = {j.index: Fraction(0) for j in jobs}
    for left, right in itertools.pairwise(edges):
        active = [j for j in jobs if j.start <= left and j.end >= right - dt.timedelta(days=1)]
        weekly = sum((j.hours_per_week for j in active), Fraction(0))
        if not weekly:
            continue
        scale = min(Fraction(1), cap / weekly)
        days = (right - left).days
        for j in active:
            credited[j.index] += j.hours_per_week * scale * days / 7
    total = sum(credited.values(), Fraction(0))
    credits = tuple(Credit(j.index, j.start, j.end, credited[j.index]) for j in sorted(jobs, key=lambda j: j.start))
    return total, credits


def runs(jobs: Sequence[Job]) -> list[list[Job]]:
    """Group jobs into continuous runs: a run ends where a day is covered by no job."""
    ordered = sorted(jobs, key=lambda j: (j.start, j.end))
    groups: list[list[Job]] = []
    last_day: dt.date | None = None
    for j in ordered:
        if last_day is not None and j.start <= last_day + dt.timedelta(days=1):
            groups[-1].append(j)
            last_day = max(last_day, j.end)
        else:
            groups.append([j])
            last_day = j.end
    return groups


def best_count(jobs: Sequence[Job], continuous: bool) -> tuple[Fraction, tuple[Credit, ...]]:
    """Hours counted for ``jobs``; when ``continuous``, only the best single continuous run counts."""
    if not continuous:
        return count(jobs)
    best: tuple[Fraction, tuple[Credit, ...]] = (Fraction(0), ())
    for run in runs(jobs):
        result = count(run)
        if result[0] > best[0]:
            best = result
    return best
