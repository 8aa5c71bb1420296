"""Hours shared between concurrent jobs above the weekly cap (``work.sweep``), worked out by hand, and the shares
as exact values of the same types as the counting one span of days at a time gives."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.work import Part, sweep
from tests.strategies import examples


def test_two_jobs_above_the_cap_share_it_by_their_hours() -> None:
    """A week of 45 h and 20 h together (65 h) counts 30 h: the first job 30 x 45 / 65 = 270/13 h, the second
    30 x 20 / 65 = 120/13 h (IRCC: at most 30 hours a week count; concurrent jobs share them). Units of 1/7 h."""
    total, shares = sweep([(0, 100, 106, 45), (1, 100, 106, 20)], 30)
    assert total == 30 * 7
    assert shares == {0: Fraction(270 * 7, 13), 1: Fraction(120 * 7, 13)}
    assert all(type(s) is Fraction for s in shares.values())


def test_a_job_alone_above_the_cap_keeps_whole_hours() -> None:
    """40 h alone for a week, then 40 h and 20 h together for a week: the first week counts 30 h for the first job,
    the second 20 h and 10 h (30 x 40 / 60 and 30 x 20 / 60). Whole hours, but each job shared the cap on some
    days: both shares are Fractions, as the counting one span at a time gives them."""
    total, shares = sweep([(0, 100, 113, 40), (1, 107, 113, 20)], 30)
    assert total == 60 * 7
    assert shares == {0: 50 * 7, 1: 10 * 7}
    assert type(shares[0]) is Fraction and type(shares[1]) is Fraction
    # Below the cap no share is a Fraction.
    total, shares = sweep([(0, 100, 113, 10), (1, 107, 113, 15)], 30)
    assert (total, shares) == (10 * 14 + 15 * 7, {0: 140, 1: 105})
    assert all(type(s) is int for s in shares.values())


def _one_span_at_a_time(parts: list[Part], cap: int) -> tuple[int, dict[int, int | Fraction]]:
    """Every day counted on its own: below the cap each job its hours, above it each its part of the cap, as a
    Fraction for every day of a job that shares the cap with another (the types the counting gives)."""
    total = 0
    shares: dict[int, int | Fraction] = {}
    first = min(p[1] for p in parts)
    last = max(p[2] for p in parts)
    for day in range(first, last + 1):
        held = [p for p in parts if p[1] <= day <= p[2]]  # a job of no hours is held too (its share is 0)
        weekly = sum(p[3] for p in held)
        if weekly <= 0:
            continue
        total += min(weekly, cap)
        for index, _, _, hours in held:
            if weekly <= cap:
                part: int | Fraction = hours
            elif len(held) == 1:
                part = cap
            else:
                part = Fraction(hours * cap, weekly)
            shares[index] = shares.get(index, 0) + part
    for index, *_ in parts:
        shares.setdefault(index, 0)
    return total, shares


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 30), st.sampled_from([0, 10, 20, 25, 30, 40, 45])),
                min_size=2, max_size=5))
def test_shares_are_those_of_each_day_counted_alone(jobs: list[tuple[int, int, int]]) -> None:
    parts: list[Part] = [(i, start, start + length, hours) for i, (start, length, hours) in enumerate(jobs)]
    total, shares = sweep(parts, 30)
    expected_total, expected = _one_span_at_a_time(parts, 30)
    assert total == expected_total
    assert shares == expected
    assert {i: type(s) for i, s in shares.items()} == {i: type(s) for i, s in expected.items()}
