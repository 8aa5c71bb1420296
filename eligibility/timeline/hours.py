"""Counted work hours as a function of the as-of date, and the exact days they cross a threshold.

IRCC counts at most 30 hours a week, shared by concurrent jobs (``eligibility.work``). That counting is
additive day by day: a day on which jobs of W hours a week are held counts min(W, 30) / 7 hours. So the
hours of a set of jobs in the look-back window of an as-of day d, the days [first(d), d), are
P(d) - P(first(d)) for a non-decreasing prefix sum P, and ``first`` is non-decreasing too. Over a range of
days [x, y] those hours therefore lie between P(x) - P(first(y)) and P(y) - P(first(x)); a branch and bound
on that range finds every day on which they cross a threshold (or two sets of jobs change order) while
evaluating only the days near a crossing. Month-end clamping makes windows 1 to 3 days longer or shorter
from one day to the next; the bounds hold whatever the window's length, so no crossing is missed.

Hours are kept as integers in units of 1 / (7 x scale) hours, exact like the evaluator's fractions.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import lru_cache

from attrs import frozen

from eligibility.dates import months_before
from eligibility.record import Record
from eligibility.work import WEEKLY_CAP


@frozen
class Span(Record):
    """A job as the counting sees it: first and last day (None: ongoing), hours a week."""

    index: int
    start: dt.date
    end: dt.date | None
    hours_per_week: Fraction


@lru_cache(maxsize=65536)
def window_start(day: int, months: int) -> int:
    """The first day (ordinal) of the ``months`` look-back window of the as-of day ``day`` (ordinal)."""
    return months_before(dt.date.fromordinal(day), months).toordinal()


def unit_scale(spans: Sequence[Span]) -> int:
    """The common denominator of the weekly hours: hours x 7 x scale are whole numbers."""
    return math.lcm(1, *(s.hours_per_week.denominator for s in spans))


class Prefix:
    """P(x): the hours counted for a set of jobs on the days before ``x`` (an ordinal), in units."""

    def __init__(self, spans: Sequence[Span], scale: int) -> None:
        edges = sorted({s.start.toordinal() for s in spans}
                       | {s.end.toordinal() + 1 for s in spans if s.end is not None})
        cap = int(WEEKLY_CAP * scale)
        self.edges = edges
        self.rates: list[int] = []
        self.cumulative: list[int] = []
        total = 0
        for k, left in enumerate(edges):
            weekly = sum((s.hours_per_week for s in spans if s.start.toordinal() <= left
                          and (s.end is None or s.end.toordinal() >= left)), Fraction(0))
            rate = min(int(weekly * scale), cap)
            self.cumulative.append(total)
            self.rates.append(rate)
            if k + 1 < len(edges):
                total += rate * (edges[k + 1] - left)

    def __call__(self, x: int) -> int:
        k = bisect.bisect_right(self.edges, x) - 1
        if k < 0:
            return 0
        return self.cumulative[k] + self.rates[k] * (x - self.edges[k])


def in_window(prefix: Prefix, months: int) -> tuple[Callable[[int], int], Callable[[int, int], tuple[int, int]]]:
    """The hours in the window of a day, and bounds of those hours over a range of days."""

    def value(d: int) -> int:
        return prefix(d) - prefix(window_start(d, months))

    def bounds(x: int, y: int) -> tuple[int, int]:
        return prefix(x) - prefix(window_start(y, months)), prefix(y) - prefix(window_start(x, months))

    return value, bounds


def changes(value: Callable[[int], int], bounds: Callable[[int, int], tuple[int, int]],
            classify: Callable[[int], int], first: int, last: int) -> list[tuple[int, int, int]]:
    """Every day d in (first, last] whose class differs from day d - 1's: (d, class before, class after).

    ``bounds(x, y)`` must bound ``value`` on every day of [x, y]; ``classify`` must be non-decreasing.
    """
    out: list[tuple[int, int, int]] = []
    # Depth-first over ranges whose two ends are known; a range is split only while its bounds straddle
    # a class boundary, so ranges far from any crossing cost one bound each.
    stack = [(first, last, classify(value(first)), classify(value(last)))]
    while stack:
        x, y, cx, cy = stack.pop()
        if y - x == 1:
            if cx != cy:
                out.append((y, cx, cy))
            continue
        if y == x:
            continue
        low, high = bounds(x, y)
        if classify(low) == classify(high):
            continue
        mid = (x + y) // 2
        cm = classify(value(mid))
        stack.append((mid, y, cm, cy))
        stack.append((x, mid, cx, cm))
    return sorted(out)


def threshold_classes(thresholds: Sequence[Fraction], units_per_hour: int) -> tuple[
        Callable[[int], int], list[Fraction]]:
    """A classifier giving how many thresholds (in hours) a value in units reaches, and the thresholds."""
    ordered = sorted(set(thresholds))
    # Values are whole units, and a whole v reaches t exactly when it reaches ceil(t): comparing integers
    # gives the same classes as comparing fractions, several times faster.
    scaled = [math.ceil(t * units_per_hour) for t in ordered]

    def classify(v: int) -> int:
        return bisect.bisect_right(scaled, v)

    return classify, ordered


def sign(v: int) -> int:
    """-1, 0 or 1: a difference of hours classified by which side is larger (ties matter: codes break them)."""
    return (v > 0) - (v < 0)
