"""What reading one CRS measure gives: its level as a span, what was seen, the evidence, what would settle it."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any, NamedTuple

Span = tuple[int, int]


class Reading(NamedTuple):
    """A measure read from the profile: its level, what was seen, the evidence, what would settle it.

    ``value`` is the span of levels the measure may have; a language reading also gives one span per
    ability in ``abilities`` (in the order of ``ABILITIES``), its ``value`` being the lowest ability. Each
    evidence item names its measure first (``{"measure": "age", ...}``): a factor lists the evidence of all
    its measures flat. (A named tuple: immutable, and about twenty are made for every score.)
    """

    value: Span
    observed: Any
    evidence: tuple[dict[str, Any], ...] = ()
    settle: tuple[str, ...] = ()
    abilities: tuple[Span, ...] = ()


#: ``Reading(*fields)`` for all five fields, in order: the tuple made without calling the named tuple's ``__new__``,
#: a Python function whose call costs about as much as the rest (a score makes some fifteen readings).
reading_of = partial(tuple.__new__, Reading)


#: "-MM-DD" of every month and day, by month then day (``MONTH_DAY[7][3]`` is "-07-03"): a date's ISO text is its
#: year's digits and this (``iso_date``).
MONTH_DAY: tuple[tuple[str, ...], ...] = ((), *(("", *(f"-{month:02d}-{day:02d}" for day in range(1, 32)))
                                                  for month in range(1, 13)))


def iso_date(day: dt.date) -> str:
    """``day.isoformat()``, made without it: CPython's formats its text through C's printf, about three times the
    instructions of an f-string of the year and a ready "-MM-DD" (a score writes a few dates into its evidence)."""
    year = day.year
    return f"{year}{MONTH_DAY[day.month][day.day]}" if year >= 1000 else day.isoformat()
