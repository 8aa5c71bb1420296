"""Date arithmetic the rules use: calendar months back, whole years of age."""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=4096)
def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's last day)."""
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(birth: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day`` (a person born on 29 February turns a year older on 1 March)."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@lru_cache(maxsize=4096)
def window(as_of: dt.date, months: int) -> tuple[dt.date, dt.date]:
    """The look-back window of ``months`` before ``as_of``: first and last day, inclusive.

    "Within the N years before the application" covers the days from the same date N years earlier
    up to the day before the as-of date.
    """
    return months_before(as_of, months), as_of - dt.timedelta(days=1)


class _Years(dict[int, str]):
    """A year's digits as ISO text writes them (``"2024"``, ``"0987"``), made on first use: at most one per year a
    date can hold (1 to 9999)."""

    def __missing__(self, year: int) -> str:
        text = self[year] = f"{year:04d}"
        return text


#: A year's ISO digits by year (``YEARS[2024]`` is "2024").
YEARS: dict[int, str] = _Years()
#: "-MM-DD" of every month and day, by month then day (``MONTH_DAY[7][3]`` is "-07-03").
MONTH_DAY: tuple[tuple[str, ...], ...] = ((), *(("", *(f"-{month:02d}-{day:02d}" for day in range(1, 32)))
                                                  for month in range(1, 13)))


def iso_date(day: dt.date) -> str:
    """``day.isoformat()``, made without it: CPython's writes its text through C's printf, at about twice the
    instructions of the year's digits and a ready "-MM-DD" (``YEARS[day.year] + MONTH_DAY[day.month][day.day]``,
    which the callers writing many dates inline)."""
    return YEARS[day.year] + MONTH_DAY[day.month][day.day]
