"""The date arithmetic of eligibility/dates.py: calendar months back, ages, look-back windows."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.dates import age_on, months_before, window
from tests.strategies import examples

DAY = dt.timedelta(days=1)
DATES = st.dates(dt.date(1950, 1, 1), dt.date(2040, 12, 31))


@pytest.mark.parametrize(("day", "months", "expected"), [
    (dt.date(2025, 3, 31), 1, dt.date(2025, 2, 28)),    # no 31 February: the month's last day
    (dt.date(2024, 3, 31), 1, dt.date(2024, 2, 29)),    # leap year
    (dt.date(2024, 2, 29), 12, dt.date(2023, 2, 28)),   # a year before 29 February
    (dt.date(2024, 2, 29), 48, dt.date(2020, 2, 29)),   # four years before: a leap day again
    (dt.date(2025, 5, 31), 1, dt.date(2025, 4, 30)),
    (dt.date(2025, 1, 15), 1, dt.date(2024, 12, 15)),   # across the new year
    (dt.date(2025, 12, 31), 12, dt.date(2024, 12, 31)),
    (dt.date(2025, 6, 1), 120, dt.date(2015, 6, 1)),    # FSW's 10 years
    (dt.date(2025, 6, 1), 36, dt.date(2022, 6, 1)),     # CEC's 3 years
    (dt.date(2025, 6, 1), 24, dt.date(2023, 6, 1)),     # a language test's 2 years
    (dt.date(2025, 6, 1), 0, dt.date(2025, 6, 1)),
])
def test_months_before_known_days(day: dt.date, months: int, expected: dt.date) -> None:
    """Same day N calendar months earlier, clamped to the last day of a shorter month."""
    assert months_before(day, months) == expected


@settings(max_examples=examples(300), deadline=None)
@given(DATES, st.integers(0, 600))
def test_months_before_is_the_same_day_or_the_month_end(day: dt.date, months: int) -> None:
    """The result is exactly N months earlier, on the same day of the month or, if that day does not
    exist, on the last day of that month."""
    back = months_before(day, months)
    assert (day.year * 12 + day.month) - (back.year * 12 + back.month) == months
    last = calendar.monthrange(back.year, back.month)[1]
    assert back.day == min(day.day, last)


def reference_age(birth: dt.date, day: dt.date) -> int:
    """Birthdays passed by ``day``; a 29 February birthday falls on 1 March in common years."""
    years = 0
    while True:
        year = birth.year + years + 1
        try:
            birthday = birth.replace(year=year)
        except ValueError:  # 29 February in a common year
            birthday = dt.date(year, 3, 1)
        if birthday > day:
            return years
        years += 1


@settings(max_examples=examples(300), deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2010, 12, 31)), st.integers(0, 80 * 366))
def test_age_matches_counting_birthdays(birth: dt.date, later: int) -> None:
    """age_on equals the number of birthdays passed, counted one year at a time."""
    day = birth + DAY * later
    assert age_on(birth, day) == reference_age(birth, day)


@pytest.mark.parametrize(("day", "age"), [
    (dt.date(2018, 2, 28), 17),   # common year: not yet 18 on 28 February
    (dt.date(2018, 3, 1), 18),    # 18 on 1 March
    (dt.date(2020, 2, 28), 19),   # leap year: 20 only on 29 February
    (dt.date(2020, 2, 29), 20),
    (dt.date(2036, 2, 28), 35),
    (dt.date(2036, 2, 29), 36),
    (dt.date(2035, 3, 1), 35),
])
def test_age_of_a_person_born_on_29_february(day: dt.date, age: int) -> None:
    """Born 2000-02-29: a year older on 29 February in leap years and on 1 March otherwise."""
    assert age_on(dt.date(2000, 2, 29), day) == age


def test_age_changes_on_the_birthday_itself() -> None:
    """Born 1989-06-02: 35 on 2025-06-01, 36 on 2025-06-02."""
    assert age_on(dt.date(1989, 6, 2), dt.date(2025, 6, 1)) == 35
    assert age_on(dt.date(1989, 6, 2), dt.date(2025, 6, 2)) == 36


@settings(max_examples=examples(200), deadline=None)
@given(DATES, st.integers(1, 240))
def test_window_runs_from_the_same_date_back_to_the_day_before(as_of: dt.date, months: int) -> None:
    """The look-back window is [same date N months earlier, the day before the as-of date]."""
    first, last = window(as_of, months)
    assert first == months_before(as_of, months)
    assert last == as_of - DAY


def test_ten_year_window_edges() -> None:
    """On 2025-06-01 the 10-year window is 2015-06-01 to 2025-05-31 inclusive."""
    assert window(dt.date(2025, 6, 1), 120) == (dt.date(2015, 6, 1), dt.date(2025, 5, 31))
