"""The hour counting of eligibility/work.py against a day-by-day reference.

The reference walks every calendar day: the jobs covering that day share a weekly cap of 30 hours
(IRCC counts no more than 30 h a week; 1,560 h = 30 h x 52 weeks), each day is a seventh of a week,
and a continuous run ends at the first day no job covers.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.work import HOURS_PER_YEAR, WEEKLY_CAP, Job, best_count, clip, count
from tests.strategies import examples

DAY = dt.timedelta(days=1)
START = dt.date(2020, 1, 1)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    """Every day from ``first`` to ``last`` inclusive."""
    return [first + DAY * i for i in range((last - first).days + 1)]


def reference_by_job(jobs: list[Job], cap: Fraction = Fraction(30)) -> dict[int, Fraction]:
    """Hours credited to each job, one calendar day at a time."""
    credited = {j.index: Fraction(0) for j in jobs}
    if not jobs:
        return credited
    for day in days(min(j.start for j in jobs), max(j.end for j in jobs)):
        active = [j for j in jobs if j.start <= day <= j.end]
        weekly = sum((j.hours_per_week for j in active), Fraction(0))
        for j in active:
            share = j.hours_per_week if weekly <= cap else j.hours_per_week * cap / weekly
            credited[j.index] += share / 7
    return credited


def reference_total(jobs: list[Job]) -> Fraction:
    """Total hours, day by day."""
    return sum(reference_by_job(jobs).values(), Fraction(0))


def reference_best_run(jobs: list[Job]) -> Fraction:
    """Hours of the best continuous run: split the covered days where a day has no job."""
    if not jobs:
        return Fraction(0)
    covered = {d for j in jobs for d in days(j.start, j.end)}
    best, run = Fraction(0), []
    for day in days(min(covered), max(covered) + DAY):
        if day in covered:
            run.append(day)
            continue
        if run:
            inside = [Job(j.index, max(j.start, run[0]), min(j.end, run[-1]), j.hours_per_week) for j in jobs
                      if j.start <= run[-1] and j.end >= run[0]]
            best = max(best, reference_total(inside))
        run = []
    return best


@st.composite
def job_lists(draw: st.DrawFn, max_jobs: int = 4) -> list[Job]:
    """A few jobs within about three years, overlapping, adjacent or apart, with odd weekly hours."""
    out = []
    for i in range(draw(st.integers(0, max_jobs))):
        start = START + DAY * draw(st.integers(0, 900))
        length = draw(st.integers(0, 400))
        hours = Fraction(draw(st.integers(1, 120)), draw(st.sampled_from([1, 2, 4])))
        out.append(Job(i, start, start + DAY * length, hours))
    return out


@settings(max_examples=examples(150), deadline=None)
@given(job_lists())
def test_count_matches_the_day_by_day_reference(jobs: list[Job]) -> None:
    """count() credits every job exactly what the day-by-day reference credits it."""
    total, credits = count(jobs)
    want = reference_by_job(jobs)
    assert total == sum(want.values(), Fraction(0))
    assert {c.index: c.hours for c in credits} == want
    assert {c.index: (c.start, c.end) for c in credits} == {j.index: (j.start, j.end) for j in jobs}


@settings(max_examples=examples(150), deadline=None)
@given(job_lists())
def test_best_count_matches_the_reference(jobs: list[Job]) -> None:
    """best_count: all hours when not continuous; the best gap-free run's hours when continuous."""
    assert best_count(jobs, continuous=False)[0] == reference_total(jobs)
    hours, credits = best_count(jobs, continuous=True)
    assert hours == reference_best_run(jobs)
    assert sum((c.hours for c in credits), Fraction(0)) == hours


@settings(max_examples=examples(100), deadline=None)
@given(job_lists(), st.integers(0, 1200), st.integers(0, 600))
def test_clip_keeps_exactly_the_days_inside(jobs: list[Job], offset: int, length: int) -> None:
    """clip() keeps the days of a job inside [first, last] and nothing else."""
    first = START + DAY * offset
    last = first + DAY * length
    for job in jobs:
        part = clip(job, first, last)
        inside = [d for d in days(job.start, job.end) if first <= d <= last]
        if not inside:
            assert part is None
        else:
            assert part is not None
            assert (part.index, part.start, part.end, part.hours_per_week) == (
                job.index, inside[0], inside[-1], job.hours_per_week)


def test_fifty_two_weeks_full_time_is_one_year() -> None:
    """364 days at 40 h/week count 30 h x 52 = 1,560 h; one day less is 1,560 - 30/7 h."""
    year = Job(0, dt.date(2024, 1, 1), dt.date(2024, 12, 29), Fraction(40))
    assert count([year])[0] == HOURS_PER_YEAR == 1560
    short = Job(0, dt.date(2024, 1, 1), dt.date(2024, 12, 28), Fraction(40))
    assert count([short])[0] == Fraction(1560) - Fraction(30, 7)


def test_weekly_cap_is_thirty_hours() -> None:
    """The cap is 30 h a week and a year is 52 capped weeks (IRCC: 1,560 h)."""
    assert WEEKLY_CAP == 30
    assert HOURS_PER_YEAR == WEEKLY_CAP * 52


def test_part_time_below_the_cap_counts_in_full() -> None:
    """A 29 h/week job for 7 days counts 29 h, not capped and not rounded up."""
    assert count([Job(0, START, START + DAY * 6, Fraction(29))])[0] == 29


def test_concurrent_jobs_share_the_cap_in_proportion() -> None:
    """20 h + 40 h the same week: 60 h scaled to 30, so 10 h and 20 h credited."""
    week = START + DAY * 6
    total, credits = count([Job(0, START, week, Fraction(20)), Job(1, START, week, Fraction(40))])
    assert total == 30
    assert {c.index: c.hours for c in credits} == {0: 10, 1: 20}


def test_a_one_day_gap_breaks_continuity_and_adjacent_jobs_do_not() -> None:
    """Jobs ending on the 10th and starting on the 12th are two runs; starting on the 11th, one."""
    first = Job(0, START, START + DAY * 9, Fraction(35))
    apart = Job(1, START + DAY * 11, START + DAY * 20, Fraction(35))
    adjacent = Job(1, START + DAY * 10, START + DAY * 20, Fraction(35))
    assert best_count([first, apart], continuous=True)[0] == Fraction(30 * 10, 7)
    assert best_count([first, adjacent], continuous=True)[0] == Fraction(30 * 21, 7)


def test_a_single_day_job_counts_one_seventh_of_a_week() -> None:
    """start == end is one day: 30/7 h at full time."""
    assert count([Job(0, START, START, Fraction(40))])[0] == Fraction(30, 7)


def test_no_jobs_count_nothing() -> None:
    """An empty list counts 0 h and credits no job, continuous or not."""
    assert count([]) == (0, ())
    assert best_count([], continuous=True) == (0, ())
