"""The days on which hours in a look-back window reach or fall below a threshold, for any set of jobs.

The evaluator counts the hours of sets of jobs chosen by occupation, place and kind (a code's jobs, a
continuous run, the jobs that may count): every such set is a subset of the person's jobs, so every
subset is followed here. The main occupation is the code with the most hours, so the order of any two
single-code sets is followed too. Beyond ``MAX_JOBS`` jobs the subsets are too many and the caller
evaluates every day instead.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

from eligibility.measure.occupations import title
from eligibility.profile.model import WorkEntry
from eligibility.timeline.events import Event, Periods, span_words
from eligibility.timeline.hours import Prefix, Span, changes, in_window, sign, threshold_classes, unit_scale

MAX_JOBS = 8


def spans(work: Sequence[WorkEntry]) -> list[Span]:
    """The jobs as counted, hours as the evaluator reads them (fractions, at most 1/1000 apart)."""
    return [Span(i, w.start, w.end, Fraction(w.hours_per_week).limit_denominator(1000)) for i, w in enumerate(work)]


def _what(work: Sequence[WorkEntry], subset: Sequence[Span]) -> tuple[str, tuple[str, ...]]:
    codes = tuple(sorted({work[s.index].noc or "" for s in subset}))
    if len(codes) == 1 and codes[0]:
        return title(codes[0]), codes
    if codes == ("",):
        return "work without a NOC code", ()
    jobs = ", ".join(work[s.index].title or f"job {s.index}" for s in subset)
    return jobs, tuple(c for c in codes if c)


def hour_events(work: Sequence[WorkEntry], p: Periods, start: dt.date, until: dt.date,
                whose: str = "") -> Iterator[Event] | None:
    """Threshold and order crossings of every subset of jobs in every window in (start, until); None: too many jobs."""
    if len(work) > MAX_JOBS:
        return None
    return _events(work, p, start.toordinal(), until.toordinal() - 1, whose)


def _events(work: Sequence[WorkEntry], p: Periods, first: int, last: int, whose: str) -> Iterator[Event]:
    all_spans = spans(work)
    if not all_spans or last <= first:
        return
    scale = unit_scale(all_spans)
    per_hour = 7 * scale
    classify, thresholds = threshold_classes([Fraction(t) for t in p.thresholds], per_hour)
    subsets = [list(c) for n in range(1, len(all_spans) + 1) for c in itertools.combinations(all_spans, n)]
    prefixes = [Prefix(s, scale) for s in subsets]
    for months in p.windows:
        span = span_words(months)
        fns = [in_window(prefix, months) for prefix in prefixes]
        for subset, (value, bounds) in zip(subsets, fns, strict=True):
            what, codes = _what(work, subset)
            for day, before, after in changes(value, bounds, classify, first, last):
                rising = after > before
                crossed = thresholds[min(before, after):max(before, after)]
                for t in crossed:
                    text = (f"{whose}{float(t):,.0f} h in {what} reached" if rising
                            else f"{whose}{what} falls below {float(t):,.0f} h in the {span} window")
                    yield Event(dt.date.fromordinal(day), "hours", text, months=months, hours=float(t),
                                codes=codes, rising=rising)
        # The main occupation (most hours, ties to the lower code) can change where two codes' hours meet.
        single = [(i, s) for i, s in enumerate(subsets) if len({work[x.index].noc for x in s}) == 1
                  and work[s[0].index].noc]
        for (i, a), (j, b) in itertools.combinations(single, 2):
            if work[a[0].index].noc == work[b[0].index].noc:
                continue
            diff, diff_bounds = _difference(fns[i], fns[j])
            for day, _, _ in changes(diff, diff_bounds, sign, first, last):
                na, nb = _what(work, a)[0], _what(work, b)[0]
                yield Event(dt.date.fromordinal(day), "hours",
                            f"{whose}hours in {na} and in {nb} change order ({span} window)", months=months,
                            codes=(str(work[a[0].index].noc), str(work[b[0].index].noc)))


Hours = tuple[Callable[[int], int], Callable[[int, int], tuple[int, int]]]


def _difference(a: Hours, b: Hours) -> Hours:
    """The hours of ``a`` minus those of ``b``, with bounds over a range of days."""
    (va, ba), (vb, bb) = a, b

    def value(d: int) -> int:
        return va(d) - vb(d)

    def bounds(x: int, y: int) -> tuple[int, int]:
        (la, ha), (lb, hb) = ba(x, y), bb(x, y)
        return la - hb, ha - lb

    return value, bounds
