"""The CRS's count of jobs that share days (``ranking.work_years._overlapping``): each job's share of a weekly cap
shared by concurrent jobs as a whole number over a common denominator, the same total and shares as
``work.sweep``'s fractions, and the same hours in the evidence."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.ranking.work_years import _overlapping
from eligibility.work import sweep


def test_two_jobs_over_the_cap_share_it_by_their_hours() -> None:
    """Two jobs held together over the weekly cap share it in proportion to their hours, as exact fractions."""
    # Days 0-6 (a week): 40 h and 25 h a week held together, 65 h over a cap of 30 (units of 1 h): the week counts
    # 30 h x 7 days = 210 units; the 40-h job 40 x 30 x 7 / 65 = 1680/13, the 25-h job 25 x 30 x 7 / 65 = 1050/13.
    total, shares, over = _overlapping([(0, 0, 6, 40), (1, 0, 6, 25)], 30)
    assert total == 210
    assert Fraction(shares[0], over) == Fraction(1680, 13)
    assert Fraction(shares[1], over) == Fraction(1050, 13)


def test_a_job_alone_below_the_cap_counts_all_its_hours() -> None:
    """A job's days alone below the cap count all its hours; its days shared over the cap count its share."""
    # Days 0-9 at 20 h; days 5-9 a second job of 20 h (40 h together, over the cap of 30): the first job alone on
    # days 0-4 counts 20 x 5 = 100 units; on days 5-9 both share 30 x 5 = 150 equally, 75 each.
    total, shares, over = _overlapping([(0, 0, 9, 20), (1, 5, 9, 20)], 30)
    assert total == 100 + 150
    assert Fraction(shares[0], over) == 175
    assert Fraction(shares[1], over) == 75


_part = st.tuples(st.integers(0, 3), st.integers(0, 80), st.integers(0, 50),
                  st.sampled_from([0, 5, 7, 13, 15, 20, 25, 30, 35, 40, 45, 60, 70, 80]))


@settings(max_examples=400, deadline=None)
@given(st.lists(_part, min_size=2, max_size=6), st.sampled_from([30, 60, 90, 210]))
def test_the_same_count_as_the_sweep(drawn: list[tuple[int, int, int, int]], cap: int) -> None:
    """Any jobs and cap: the same total, shares and evidence hours as ``work.sweep``'s fractions."""
    parts = [(index, first, first + length, weekly) for index, first, length, weekly in drawn]
    total, shares = sweep(parts, cap)
    found, whole, over = _overlapping(parts, cap)
    assert found == total
    assert {i: Fraction(s, over) for i, s in whole.items()} == {i: Fraction(s) for i, s in shares.items()}
    for per_hour in (7, 14, 42):
        # The evidence's hours: one division of two whole numbers, the same float either way.
        assert {i: s / (over * per_hour) for i, s in whole.items()} == {
            i: s / per_hour if isinstance(s, int) else s.numerator / (s.denominator * per_hour)
            for i, s in shares.items()}
