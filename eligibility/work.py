"""Counting work time the way IRCC does.

At most 30 hours a week count (1 year = 1,560 hours = 30 h x 52 weeks); part-time work adds up;
concurrent jobs add up to the same weekly cap. A job runs from ``start`` to ``end`` inclusive; work
"continuous" means no day without a job between the first and the last day of a run.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from fractions import Fraction
from operator import itemgetter

from attrs import frozen

from eligibility.record import Record

# The definitions of counting itself, as IRCC's Express Entry eligibility pages state them: full-time work
# is 30 hours a week, one year of it is 1,560 hours (30 h x 52 weeks), and hours above 30 a week do not
# count (canada.ca, "Federal Skilled Worker Program - eligibility", Skilled work experience). Every
# threshold the rules apply lives in rulesets/.
WEEKLY_CAP = Fraction(30)
#: The weekly hours of a full-time job (the same 30 hours; a job of fewer is part-time).
FULL_TIME_WEEKLY = 30
HOURS_PER_YEAR = 1560
#: A look-back longer than any working life: counts "at any time" see every job.
WHOLE_HISTORY_MONTHS = 1200


@frozen
class Job(Record):
    """A work entry as the counting sees it."""

    index: int
    start: dt.date
    end: dt.date
    hours_per_week: Fraction


@frozen
class Credit(Record):
    """Hours credited to one job inside a counting window."""

    index: int
    start: dt.date
    end: dt.date
    hours: Fraction


def clip(job: Job, first: dt.date, last: dt.date) -> Job | None:
    """The part of ``job`` inside [first, last], or None."""
    start, end = max(job.start, first), min(job.end, last)
    return Job(job.index, start, end, job.hours_per_week) if start <= end else None


#: A job in integer form for the counting: (index, first day, last day, hours a week in units), days as
#: ordinals and hours as whole multiples of 1 / ``units`` of an hour (see ``units_for``).
Part = tuple[int, int, int, int]
#: A count of parts: the total, the parts counted (one run when continuous), each job's share (``best_sweep``).
Counted = tuple[int, Sequence[Part], dict[int, int | Fraction]]


def units_for(hours: Sequence[Fraction], cap: Fraction = WEEKLY_CAP) -> int:
    """The units per hour that make every weekly hours and the cap whole numbers (1 for whole hours)."""
    return math.lcm(cap.denominator, *{h.denominator for h in hours})


def sweep(parts: Sequence[Part], cap_units: int) -> tuple[int, dict[int, int | Fraction]]:
    """Hours counted for ``parts`` with a weekly cap shared by concurrent jobs, in one pass over the days where
    some job starts or ends.

    Returns the total and each job's share (summed by index), both in units of 1 / (7 x units) of an hour:
    a day counts a seventh of the week's hours. On days when the jobs held add up to W > cap hours a week,
    each job counts its hours x cap / W. Below the cap a job counts all its days: its share is its hours
    times a running count of such days, read at its first day and after its last, so no job is visited
    for every span of days; above it, the jobs held share the cap (one job alone takes all of it). The
    total is a whole number; a share is a fraction only when the cap was shared by jobs of different hours.
    """
    if not parts:
        return 0, {}
    if len(parts) == 1:
        index, first, last, weekly = parts[0]
        hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) if weekly > 0 else 0
        return hours, {index: hours}
    # Jobs that never overlap (most histories) count on their own: each its hours up to the cap.
    ordered = sorted(parts, key=_first_day)
    for k in range(1, len(ordered)):
        if ordered[k][1] <= ordered[k - 1][2]:
            return _overlapping(parts, cap_units)
    total = 0
    shares: dict[int, int | Fraction] = {}
    for index, first, last, weekly in parts:
        hours = (weekly if weekly < cap_units else cap_units) * (last - first + 1) if weekly > 0 else 0
        total += hours
        shares[index] = shares.get(index, 0) + hours
    return total, shares


#: A part's first day (a C function: a Python one costs a call per part sorted).
_first_day = itemgetter(1)


#: What ``overlapping_sweep`` finds: the total, the running count of days below the cap at each edge, what capped
#: days held by one job alone gave it (by position), and what capped days shared between jobs gave each job, by
#: the jobs' weekly hours together (the denominator), the numerators added up.
Swept = tuple[int, dict[int, int], dict[int, int], dict[int, dict[int, int]]]


def overlapping_sweep(parts: Sequence[Part], cap_units: int) -> Swept:
    """The days where a job starts or ends, in order, for parts some of which overlap (whole units throughout: the
    shares of a shared cap are left as numerators over their denominators, for the caller to finish)."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for pos, (_, first, last, _) in enumerate(parts):
        starts.setdefault(first, []).append(pos)
        ends.setdefault(last + 1, []).append(pos)
    edges = sorted(starts.keys() | ends.keys())
    uncapped: dict[int, int] = {}  # the running count of days below the cap, at each edge
    direct: dict[int, int] = {}  # what capped days held by one job alone gave it
    shared: dict[int, dict[int, int]] = {}
    active: dict[int, int] = {}
    total = days_below = weekly = 0
    for k in range(len(edges) - 1):
        left = edges[k]
        for pos in ends.get(left, ()):
            weekly -= active.pop(pos)
        for pos in starts.get(left, ()):
            weekly += parts[pos][3]
            active[pos] = parts[pos][3]
        uncapped[left] = days_below
        days = edges[k + 1] - left
        if weekly <= 0:
            continue
        if weekly <= cap_units:
            days_below += days
            total += weekly * days
            continue
        total += cap_units * days
        if len(active) == 1:
            for pos in active:
                direct[pos] = direct.get(pos, 0) + cap_units * days
        else:
            for pos, hours in active.items():
                terms = shared.get(pos)
                if terms is None:
                    terms = shared[pos] = {}
                terms[weekly] = terms.get(weekly, 0) + hours * cap_units * days
    uncapped[edges[-1]] = days_below
    return total, uncapped, direct, shared


def _overlapping(parts: Sequence[Part], cap_units: int) -> tuple[int, dict[int, int | Fraction]]:
    """``sweep`` where some jobs overlap: each share a Fraction made once per job (a Fraction per span of days
    cost more)."""
    total, uncapped, direct, shared = overlapping_sweep(parts, cap_units)
    shares: dict[int, int | Fraction] = {}
    for pos, (index, first, last, hours) in enumerate(parts):
        whole = hours * (uncapped[last + 1] - uncapped[first]) + direct.get(pos, 0)
        terms = shared.get(pos)
        share: int | Fraction
        if terms is None:
            share = whole
        elif len(terms) == 1:
            for weekly, numerator in terms.items():
                share = Fraction(whole * weekly + numerator, weekly)
        else:
            share = whole + sum([Fraction(numerator, weekly) for weekly, numerator in terms.items()], Fraction(0))
        prior = shares.get(index)
        shares[index] = share if prior is None else prior + share
    return total, shares


def part_runs(parts: Sequence[Part]) -> list[list[Part]]:
    """Group parts into continuous runs: a run ends where a day is covered by no job."""
    groups: list[list[Part]] = []
    last_day = 0
    for part in sorted(parts, key=lambda p: (p[1], p[2])):
        if groups and part[1] <= last_day + 1:
            groups[-1].append(part)
            last_day = max(last_day, part[2])
        else:
            groups.append([part])
            last_day = part[2]
    return groups


def best_sweep(parts: Sequence[Part], cap_units: int, continuous: bool) -> tuple[int, Sequence[Part],
                                                                                 dict[int, int | Fraction]]:
    """``sweep`` of all parts, or when ``continuous`` of the best single continuous run (the first of equals),
    with the parts counted."""
    if not continuous:
        return _with_parts(parts, cap_units)
    best: tuple[int, Sequence[Part], dict[int, int | Fraction]] = (0, (), {})
    for run in part_runs(parts):
        found = _with_parts(run, cap_units)
        if found[0] > best[0]:
            best = found
    return best


def _with_parts(parts: Sequence[Part], cap_units: int) -> tuple[int, Sequence[Part], dict[int, int | Fraction]]:
    total, shares = sweep(parts, cap_units)
    return total, parts, shares


def disjoint_count(parts: Sequence[Part], cap_units: int, continuous: bool) -> Counted:
    """``best_sweep`` of parts no two of which share a day: each counts its own days up to the cap, and a run of
    them ends where a day has none (the same counts, found without looking for days where jobs overlap)."""
    cap = cap_units
    if not continuous:
        shares: dict[int, int | Fraction] = {}
        total = 0
        for index, first, last, weekly in parts:
            hours = (weekly if weekly < cap else cap) * (last - first + 1) if weekly > 0 else 0
            shares[index] = shares.get(index, 0) + hours
            total += hours
        return total, parts, shares
    # Each run found as a stretch of the parts in order (its first place and its total): the best one alone is made
    # a list, at the end (a list per run cost more than the rest of a part's turn when most runs are one job).
    order = sorted(parts, key=_first_day)
    best_total = best_from = best_to = 0
    start = total = end = 0
    for at, (_, first, last, weekly) in enumerate(order):
        if at and first > end + 1:
            if total > best_total:  # the first of equal runs
                best_total, best_from, best_to = total, start, at
            start, total = at, 0
        total += (weekly if weekly < cap else cap) * (last - first + 1) if weekly > 0 else 0
        end = last
    if order and total > best_total:
        best_total, best_from, best_to = total, start, len(order)
    if best_total == 0:
        return 0, (), {}
    run = order[best_from:best_to]
    return best_total, run, _shares(run, cap)


def _shares(parts: Sequence[Part], cap: int) -> dict[int, int | Fraction]:
    shares: dict[int, int | Fraction] = {}
    for index, first, last, weekly in parts:
        shares[index] = shares.get(index, 0) + ((weekly if weekly < cap else cap) * (last - first + 1) if weekly > 0
                                                else 0)
    return shares


def count(jobs: Sequence[Job], cap: Fraction = WEEKLY_CAP) -> tuple[Fraction, tuple[Credit, ...]]:
    """Hours counted for ``jobs`` with a weekly cap shared by concurrent jobs, and each job's share."""
    if not jobs:
        return Fraction(0), ()
    units = units_for([j.hours_per_week for j in jobs], cap)
    parts = [(j.index, j.start.toordinal(), j.end.toordinal(), int(j.hours_per_week * units)) for j in jobs]
    total, shares = sweep(parts, int(cap * units))
    per_unit = 7 * units
    credits = tuple(Credit(j.index, j.start, j.end, Fraction(shares[j.index]) / per_unit)
                    for j in sorted(jobs, key=lambda j: j.start))
    return Fraction(total, per_unit), credits


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


def tenths(num: int, den: int) -> float:
    """``round(num / den, 1)`` for whole ``num`` >= 0 and ``den`` > 0 (an evidence item's hours), without the
    decimal text ``round`` writes and reads back: the nearest tenth worked out in integers.

    The same float: ``num / den`` is the nearest float to the quotient, within half a unit in the last place,
    less than ``1 / (20 den)`` when ``20 num < 2 ** 53``, while a quotient that is not halfway between two
    tenths lies at least ``1 / (20 den)`` from every halfway point; so the float and the quotient round to the
    same tenth, and ``tenth / 10`` is its nearest float, as ``round`` gives. Halfway quotients (``round`` goes by
    the float's side of them) and larger numerators are left to ``round``.
    """
    tenth, rest = divmod(num * 10, den)
    twice = 2 * rest
    if twice == den or num >= 1 << 48:
        return round(num / den, 1)
    return (tenth + 1 if twice > den else tenth) / 10
