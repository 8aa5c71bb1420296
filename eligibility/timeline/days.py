"""The days on which anything an evaluation reads can change, for one profile over a span of days.

Both the plan (``timeline.build``) and the "within reach" of the evaluate command (``reporting.reach``)
evaluate only these days: between two of them every verdict stays the same.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from eligibility.profile.model import Profile, Spouse
from eligibility.rulebook.library import Library
from eligibility.timeline.crossings import hour_events
from eligibility.timeline.events import Event, Periods, periods, profile_events, rule_events
from eligibility.unknown import known

_PERIODS: dict[str, Periods] = {}


def library_periods(library: Library) -> Periods:
    """The windows, validity periods and hour thresholds of a library's rules, worked out once per library."""
    if library.digest not in _PERIODS:
        _PERIODS[library.digest] = periods(library)
    return _PERIODS[library.digest]


def change_days(profile: Profile, library: Library, start: dt.date,
                until: dt.date) -> dict[dt.date, list[Event]] | None:
    """The events of each day in (start, until) on which something can change; None when every day must be read."""
    p = library_periods(library)
    events: list[Event] = [*rule_events(library), *profile_events(profile, p, start, until)]
    people = [profile.work]
    if isinstance(profile.spouse, Spouse):
        people.append(profile.spouse.work)
    for whose, work in zip(("", "the spouse's "), people, strict=False):
        if not known(work):
            continue
        found = hour_events(work, p, start, until, whose)
        if found is None:
            return None
        events.extend(found)
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for e in events:
        if start < e.day < until:
            by_day[e.day].append(e)
    return by_day


def days_to_read(profile: Profile, library: Library, start: dt.date,
                 until: dt.date) -> tuple[list[dt.date], dict[dt.date, list[Event]]]:
    """The days in [start, until) to evaluate (``start`` and each change day, or every day when the changes
    cannot be worked out), with the events of each change day."""
    by_day = change_days(profile, library, start, until)
    if by_day is None:
        return [start + dt.timedelta(days=i) for i in range((until - start).days)], {}
    return sorted({start, *by_day}), by_day
