"""Continuous runs and the best run's hours in the integer counting (work.sweep, part_runs, best_sweep) against
the day-by-day reference of tests/test_work_counting.py.

The integer form of a job is (index, first day's ordinal, last day's ordinal, weekly hours in units of
1 / ``units`` hour); hours come back in units of 1 / (7 x units) hour, a day being a seventh of a week.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from fractions import Fraction

from hypothesis import given, settings

from eligibility.work import (
    WEEKLY_CAP,
    Credit,
    Job,
    Part,
    best_count,
    best_sweep,
    count,
    disjoint_count,
    part_runs,
    sweep,
    units_for,
)
from tests.strategies import examples
from tests.test_work_counting import days, job_lists, reference_best_run, reference_by_job, reference_total


def integer_form(jobs: Sequence[Job]) -> tuple[list[Part], int, int]:
    """The jobs as parts, the cap in units, and the units per hour."""
    units = units_for([j.hours_per_week for j in jobs])
    parts = [(j.index, j.start.toordinal(), j.end.toordinal(), int(j.hours_per_week * units)) for j in jobs]
    return parts, int(WEEKLY_CAP * units), units


def hours(value: int | Fraction, units: int) -> Fraction:
    """Units of 1 / (7 x units) hour as hours."""
    return Fraction(value) / (7 * units)


@settings(max_examples=examples(150), deadline=None)
@given(job_lists())
def test_sweep_credits_every_job_what_the_reference_does(jobs: list[Job]) -> None:
    """sweep's total and each job's share equal the day-by-day reference with the 30-hour weekly cap."""
    parts, cap, units = integer_form(jobs)
    total, shares = sweep(parts, cap)
    assert hours(total, units) == reference_total(jobs)
    assert {i: hours(s, units) for i, s in shares.items()} == reference_by_job(jobs)


@settings(max_examples=examples(150), deadline=None)
@given(job_lists())
def test_part_runs_split_exactly_where_a_day_has_no_job(jobs: list[Job]) -> None:
    """Each run covers its days without a gap, and a day no job covers lies between two runs."""
    parts, _, _ = integer_form(jobs)
    runs = part_runs(parts)
    assert sorted(p for run in runs for p in run) == sorted(parts)
    spans = [(min(p[1] for p in run), max(p[2] for p in run)) for run in runs]
    for first, last in spans:
        covered = {d for p in parts for d in range(p[1], p[2] + 1)}
        assert all(d in covered for d in range(first, last + 1))
    for (_, last), (first, _) in itertools.pairwise(spans):
        assert first > last + 1   # at least one day without a job between two runs


@settings(max_examples=examples(150), deadline=None)
@given(job_lists())
def test_best_sweep_counts_the_best_continuous_run(jobs: list[Job]) -> None:
    """With ``continuous``, the hours are the best single run's (reference), and only that run's parts are
    counted, each with the reference's share; without it, every job counts."""
    parts, cap, units = integer_form(jobs)
    total, counted, shares = best_sweep(parts, cap, continuous=True)
    assert hours(total, units) == reference_best_run(jobs)
    inside = [j for j in jobs if j.index in {p[0] for p in counted}]
    assert {i: hours(s, units) for i, s in shares.items()} == (reference_by_job(inside) if total else {})
    everything = best_sweep(parts, cap, continuous=False)
    assert hours(everything[0], units) == reference_total(jobs)
    assert sorted(everything[1]) == sorted(parts)


@settings(max_examples=examples(150), deadline=None)
@given(job_lists(max_jobs=8))
def test_disjoint_count_is_best_sweep_when_no_two_jobs_share_a_day(jobs: list[Job]) -> None:
    """On jobs no two of which share a day (adjacent or apart), disjoint_count gives best_sweep's total, parts and
    shares, continuous or not: the work table uses it for such histories."""
    kept: list[Job] = []
    for job in jobs:
        if all(job.end < other.start or other.end < job.start for other in kept):
            kept.append(job)
    parts, cap, _ = integer_form(kept)
    for continuous in (False, True):
        total, counted, shares = disjoint_count(parts, cap, continuous)
        expected = best_sweep(parts, cap, continuous)
        assert (total, sorted(counted), shares) == (expected[0], sorted(expected[1]), expected[2])


def test_of_two_equal_runs_the_first_is_counted() -> None:
    """Two continuous runs of equal hours: the earlier one is the run shown as counted (best_sweep, best_count)."""
    first = Job(0, dt.date(2022, 1, 1), dt.date(2022, 12, 30), Fraction(40))
    second = Job(1, dt.date(2023, 2, 1), dt.date(2024, 1, 30), Fraction(40))   # 364 days each
    assert len(days(first.start, first.end)) == len(days(second.start, second.end)) == 364
    parts, cap, units = integer_form([second, first])
    total, counted, _ = best_sweep(parts, cap, continuous=True)
    assert hours(total, units) == 1560
    assert [p[0] for p in counted] == [0]
    assert [c.index for c in best_count([second, first], continuous=True)[1]] == [0]


def test_no_parts_count_nothing() -> None:
    """An empty list of parts counts 0 hours and credits no job, continuous or not."""
    assert sweep([], 30) == (0, {})
    assert best_sweep([], 30, continuous=True)[0] == 0
    assert best_sweep([], 30, continuous=False)[0] == 0


@settings(max_examples=examples(100), deadline=None)
@given(job_lists())
def test_count_with_another_weekly_cap_matches_the_reference(jobs: list[Job]) -> None:
    """count() with a weekly cap of 30.5 h (not a whole number) credits what the day-by-day reference does."""
    cap = Fraction(61, 2)
    total, credits = count(jobs, cap)
    assert total == sum(reference_by_job(jobs, cap).values(), Fraction(0))
    assert {c.index: c.hours for c in credits} == reference_by_job(jobs, cap)


def test_the_parts_of_one_job_add_up_in_its_share() -> None:
    """A job given as two parts (the same index) is credited both parts' hours: 7 + 14 days at 30 h = 90 h."""
    first = dt.date(2024, 1, 1).toordinal()
    parts = [(5, first, first + 6, 30), (5, first + 10, first + 23, 30)]
    total, shares = sweep(parts, 30)
    assert hours(total, 1) == hours(shares[5], 1) == 90


def test_a_one_day_gap_splits_runs_and_adjacent_parts_join() -> None:
    """Parts ending on day d and starting on d + 1 are one run; starting on d + 2 (one day without a job),
    two runs."""
    d = dt.date(2024, 3, 1).toordinal()
    adjacent = [(0, d - 9, d, 30), (1, d + 1, d + 5, 30)]
    gap = [(0, d - 9, d, 30), (1, d + 2, d + 5, 30)]
    assert [[p[0] for p in run] for run in part_runs(adjacent)] == [[0, 1]]
    assert [[p[0] for p in run] for run in part_runs(gap)] == [[0], [1]]


def test_a_job_of_no_hours_counts_nothing() -> None:
    """A job of 0 h a week counts 0 h, alone or beside another job it does not overlap."""
    alone = [Job(0, dt.date(2024, 1, 1), dt.date(2024, 3, 31), Fraction(0))]
    beside = [*alone, Job(1, dt.date(2024, 5, 1), dt.date(2024, 5, 7), Fraction(30))]
    assert count(alone) == (0, (Credit(0, alone[0].start, alone[0].end, Fraction(0)),))
    assert count(beside)[0] == 30   # 7 days at 30 h a week
    assert [c.hours for c in count(beside)[1]] == [0, 30]


def test_overlapping_parts_of_one_job_add_up_in_its_share() -> None:
    """Job 5 in two parts, the first held beside job 7 (60 h a week share the 30-hour cap) for 7 days, the
    second alone for 4 days: job 5 counts 7 x 15/7 + 4 x 30/7 = 32 1/7 h, job 7 15 h, 47 1/7 h in all."""
    d = dt.date(2024, 1, 1).toordinal()
    parts = [(5, d, d + 6, 30), (7, d, d + 6, 30), (5, d + 10, d + 13, 30)]
    total, shares = sweep(parts, 30)
    assert hours(total, 1) == Fraction(330, 7)
    assert (hours(shares[5], 1), hours(shares[7], 1)) == (Fraction(225, 7), 15)
