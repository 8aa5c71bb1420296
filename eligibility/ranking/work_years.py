"""Years of skilled work the CRS counts: in Canada, abroad, and the spouse's in Canada (Ministerial
Instructions), read from the evaluation's own work table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.dates import window
from eligibility.facts import Facts, Person
from eligibility.measure.work import select_rows, work_table
from eligibility.ranking.reading import Reading
from eligibility.rulebook.crs import Counting
from eligibility.rulebook.model import Exclusion, Location
from eligibility.work import HOURS_PER_YEAR, sweep

UNKNOWN_YEARS = 10  # a work history not given: anything from none to the 10 years of the window
# MI: Canadian work experience excludes self-employment and work while a full-time student.
CANADIAN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "self_employed", "full_time_student", "unauthorized")
SPOUSE_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "unauthorized")
FOREIGN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid",)


def work_years(facts: Facts, counting: Counting, explain: bool, measure: str, person: Person, location: Location,
               exclude: tuple[Exclusion, ...], path: str) -> Reading:
    """Whole years (1,560 hours each) of skilled work in the window, with each job as evidence (``explain``).

    The person's work table is the evaluation's own (built once per Facts): the CRS counts the same jobs.
    """
    table = work_table(facts, person)
    if table is None:
        return Reading((0, UNKNOWN_YEARS), None, (), (path,))
    first, last = window(facts.as_of, counting.work_window_months)
    if not table.rows:
        # No job at all: no year, nothing to say of any job; the words are the window's, the same for everyone.
        return _no_work(first, last) if explain else NO_WORK
    certain, uncertain, left_out = select_rows(table, counting.skilled, first, last, location, exclude,
                                               explain=explain)
    parts = [part for _, part in certain]
    total, shares = sweep(parts, table.cap_units) if parts else (0, {})
    # Jobs that may or may not count (no NOC code) only widen the span: without them it is exact.
    top = sweep(parts + [part for _, part in uncertain], table.cap_units)[0] if uncertain else total
    per_hour = 7 * table.units  # sweep counts in units of 1 / (7 x units) of an hour
    settle = tuple([f"{path}[{row.index}].noc" for row, _ in uncertain]) if uncertain else ()
    year = HOURS_PER_YEAR * per_hour
    years = (int(total // year), int(top // year))
    if not explain:
        return Reading(years, None, (), settle)
    evidence: list[dict[str, Any]] = []
    for row, (index, start, end, _) in certain:
        share = shares[index]
        # A share is whole units, or a fraction where concurrent jobs shared the cap: either way the hours
        # are one correctly rounded division of two whole numbers.
        hours = share / per_hour if isinstance(share, int) else share.numerator / (share.denominator * per_hour)
        evidence.append({"measure": measure, "job": index, "title": row.fact.entry.title, "noc": row.noc,
                         "counted": True,
                         "from": row.start_iso if start == row.first else dt.date.fromordinal(start).isoformat(),
                         "to": row.end_iso if end == row.last else dt.date.fromordinal(end).isoformat(),
                         "hours": round(hours, 1)})
    if uncertain:
        evidence += [{"measure": measure, "job": row.index, "title": row.fact.entry.title, "counted": False,
                      "reason": "no NOC code: it may or may not count"} for row, _ in uncertain]
    if left_out:
        evidence += [{"measure": measure, **item} for item in left_out]
    first_iso, last_iso = _iso(first, last)
    observed = {"hours": round(total / per_hour, 1), "years": years[0], "from": first_iso, "to": last_iso}
    return Reading(years, observed, tuple(evidence), settle)


NO_YEARS = (0, 0)
NO_WORK = Reading(NO_YEARS, None)
_NO_WORK: dict[tuple[dt.date, dt.date], Reading] = {}
_ISO: dict[tuple[dt.date, dt.date], tuple[str, str]] = {}


def _iso(first: dt.date, last: dt.date) -> tuple[str, str]:
    """A window's first and last days as text (kept per window: every profile of a day has the same)."""
    found = _ISO.get((first, last))
    if found is None:
        if len(_ISO) >= 1024:
            _ISO.clear()  # a batch over many days must not keep every day's
        found = _ISO[(first, last)] = (first.isoformat(), last.isoformat())
    return found


def _no_work(first: dt.date, last: dt.date) -> Reading:
    """The reading of no job at all in a window: no hour, no year (kept per window)."""
    found = _NO_WORK.get((first, last))
    if found is None:
        if len(_NO_WORK) >= 1024:
            _NO_WORK.clear()  # a batch over many days must not keep every day's
        first_iso, last_iso = _iso(first, last)
        found = _NO_WORK[(first, last)] = Reading(NO_YEARS, {"hours": 0.0, "years": 0, "from": first_iso,
                                                             "to": last_iso})
    return found
