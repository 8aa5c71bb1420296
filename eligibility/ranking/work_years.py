"""Years of skilled work the CRS counts: in Canada, abroad, and the spouse's in Canada (Ministerial
Instructions), read from the evaluation's own work table."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from eligibility.dates import window
from eligibility.facts import Facts, Person
from eligibility.measure.noc_2016 import skilled_2016
from eligibility.measure.occupations import describe_occupations, matches, split_codes
from eligibility.measure.work_classes import NO_CODE, exclusions, not_among, outside_window, window_rows
from eligibility.measure.work_rows import WorkRow, WorkTable, excluded_because, work_table
from eligibility.profile.model import WorkEntry
from eligibility.ranking.reading import MONTH_DAY, Reading, reading_of
from eligibility.rulebook.crs import Counting, SkillLevel2016
from eligibility.rulebook.model import Exclusion, Location
from eligibility.work import HOURS_PER_YEAR, Part, overlapping_sweep

UNKNOWN_YEARS = 10  # a work history not given: anything from none to the 10 years of the window
# MI: Canadian work experience excludes self-employment and work while a full-time student.
CANADIAN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "self_employed", "full_time_student", "unauthorized")
SPOUSE_EXCLUDED: tuple[Exclusion, ...] = ("unpaid", "unauthorized")
FOREIGN_EXCLUDED: tuple[Exclusion, ...] = ("unpaid",)


def work_years(facts: Facts, counting: Counting, explain: bool, measure: str, person: Person, location: Location,
               exclude: tuple[Exclusion, ...], path: str) -> Reading:
    """Whole years (1,560 hours each) of skilled work in the window, with each job as evidence (``explain``).

    The person's work table is the evaluation's own (built once per Facts): the CRS counts the same jobs, and
    reads the rows' exclusions and their parts in the window from it (the evaluation has worked most out).
    """
    table = work_table(facts, person)
    if table is None:
        return _UNKNOWN[path]
    first, last, first_iso, last_iso = _window(facts.as_of, counting.work_window_months)
    if not table.rows:
        # No job at all: no year, nothing to say of any job; the words are the window's, the same for everyone.
        return _no_work(first, last, first_iso, last_iso) if explain else NO_WORK
    reasons = exclusions(table, (location, exclude, None))[0]
    inside, outside = window_rows(table, first, last)
    kept = [pair for pair in inside if reasons[pair[0].position] is None]
    return _years(table, counting, explain, measure, path, reasons, kept, outside, first, last, first_iso, last_iso)


def applicant_work_years(facts: Facts, counting: Counting, explain: bool) -> tuple[Reading, Reading]:
    """The applicant's years of skilled work in Canada and abroad (``work_years`` of each, the same readings),
    from one look at the work table and the window: every job is in Canada or abroad, not both."""
    table = work_table(facts, "applicant")
    if table is None:
        return _UNKNOWN["$.work"], _UNKNOWN["$.work"]
    first, last, first_iso, last_iso = _window(facts.as_of, counting.work_window_months)
    if not table.rows:
        found = _no_work(first, last, first_iso, last_iso) if explain else NO_WORK
        return found, found
    canada = _reasons(table, "canada", CANADIAN_EXCLUDED)
    abroad = _reasons(table, "abroad", FOREIGN_EXCLUDED)
    inside, outside = window_rows(table, first, last)
    here: list[tuple[WorkRow, Part]] = []
    there: list[tuple[WorkRow, Part]] = []
    for pair in inside:
        position = pair[0].position
        if canada[position] is None:
            here.append(pair)
        elif abroad[position] is None:
            there.append(pair)
    return (_years(table, counting, explain, "canadian_work_years", "$.work", canada, here, outside, first, last,
                   first_iso, last_iso),
            _years(table, counting, explain, "foreign_work_years", "$.work", abroad, there, outside, first, last,
                   first_iso, last_iso))


def _reasons(table: WorkTable, location: Location, exclude: tuple[Exclusion, ...]) -> tuple[str | None, ...]:
    """``exclusions(table, (location, exclude, None))[0]``: why each row is excluded (None: it is not), worked out
    once per kind of row, without the positions by reason that the evaluation's classification reads (the CRS reads
    the reasons alone; the evaluation never asks for these rules)."""
    found = table.excluded.get((location, exclude, None))
    if found is not None:
        return found[0]
    # Each kind's reason kept per rules, by the kind (what ``excluded_because`` reads of a job, ``WorkRow.kind``):
    # jobs of many profiles are of a few kinds (paid, in Canada or abroad, authorized...).
    known = _KIND_REASONS.get((location, exclude))
    if known is None or len(known) >= 4096:
        known = _KIND_REASONS[(location, exclude)] = {}
    by_kind: list[str | None] = []
    for kind, entry in table.kinds.items():
        reason = known.get(kind, _MISSING)
        if reason is _MISSING:
            reason = known[kind] = excluded_because(entry, location, exclude)
        by_kind.append(reason)
    if len(by_kind) == 1:
        return (by_kind[0],) * len(table.rows)
    return tuple([by_kind[place] for place in table.kind_ids])


#: Why a job of each kind is excluded (None: it is not), by the CRS's rules (location and exclusions) and the kind.
_KIND_REASONS: dict[tuple[Location, tuple[Exclusion, ...]], dict[tuple[Any, ...], str | None]] = {}
#: A kind not met yet (a text no reason is: compared by identity).
_MISSING: str | None = "\x00 not met"


def _years(table: WorkTable, counting: Counting, explain: bool, measure: str, path: str,
           reasons: tuple[str | None, ...], kept: list[tuple[WorkRow, Part]], outside: list[int], first: dt.date,
           last: dt.date, first_iso: str, last_iso: str) -> Reading:
    """The reading of the rows ``kept`` (those in the window the rules do not exclude, in the table's order; the
    rows excluded have their ``reasons``, those outside the window are at ``outside``): select_rows'
    classification, without the groups by code that the evaluation's conditions share and the CRS does not read.

    Before 2022-11-16 (``counting.skilled_2016``) a row is skilled by its NOC 2016 skill type or level
    (``_split_2016``); a row whose NOC 2021 code came from NOC 2016 unit groups of different levels may or may not
    count, as a row without a code, until its ``noc_2016`` is stated."""
    levels = counting.skilled_2016
    certain: list[tuple[WorkRow, Part]] = []
    uncertain: list[tuple[WorkRow, Part]] = []
    if levels is None:
        skilled, others = split_codes(counting.skilled, [row.noc for row, _ in kept])
        chosen = set(skilled) if others else None
        for pair in kept:
            noc = pair[0].noc
            if noc is None:
                uncertain.append(pair)
            elif chosen is None or noc in chosen:
                certain.append(pair)
    else:
        others = _split_2016(kept, levels, certain, uncertain)
    # The table's count of all the parts: a plain sum when no two jobs of the table share a day (``disjoint_count``
    # written here: each part's days up to the weekly cap).
    if table.disjoint:
        cap = table.cap_units
        shares: dict[int, int] = {}
        total = 0
        over = 1
        for _, (index, start, end, weekly) in certain:
            counted = (weekly if weekly < cap else cap) * (end - start + 1) if weekly > 0 else 0
            shares[index] = shares.get(index, 0) + counted
            total += counted
    else:
        total, shares, over = _count(table, [part for _, part in certain])
    # Jobs that may or may not count (no NOC code, or an unknown NOC 2016 level) only widen the span: without them
    # it is exact.
    top = _count(table, [part for _, part in certain + uncertain])[0] if uncertain else total
    per_hour = 7 * table.units  # sweep counts in units of 1 / (7 x units) of an hour
    # A row without a code is settled by its code; one whose NOC 2016 level is unknown, by its NOC 2016 code.
    settle = tuple([f"{path}[{row.index}].{'noc' if row.noc is None else 'noc_2016'}" for row, _ in uncertain]
                   ) if uncertain else ()
    year = HOURS_PER_YEAR * per_hour
    years = (int(total // year), int(top // year))
    if not explain:
        return reading_of((years, None, (), settle, ()))
    evidence: list[dict[str, Any]] = []
    for row, (index, start, end, _) in certain:
        # The job's own first and last days as ISO text, written here (``row.start_iso``'s text without the
        # property's call and ``isoformat``'s printf), else the window's.
        if start == row.first:
            day = row.entry.start
            year = day.year
            start_iso = f"{year}{MONTH_DAY[day.month][day.day]}" if year >= 1000 else day.isoformat()
        else:
            start_iso = first_iso
        if end == row.last:
            day = row.end
            year = day.year
            end_iso = f"{year}{MONTH_DAY[day.month][day.day]}" if year >= 1000 else day.isoformat()
        else:
            end_iso = last_iso
        # A share is whole units over ``over`` (1 unless concurrent jobs shared the cap): the hours are one
        # correctly rounded division of two whole numbers, the same float as the share's fraction gives.
        hours = shares[index] / (over * per_hour)
        evidence.append({"measure": measure, "job": index, "title": row.entry.title, "noc": row.noc,
                         "counted": True, "from": start_iso, "to": end_iso, "hours": round(hours, 1)})
    if uncertain:
        evidence += [{"measure": measure, "job": row.index, "title": row.entry.title, "counted": False,
                      "reason": NO_CODE if row.noc is None else _reason_2016(levels, row)} for row, _ in uncertain]
    if len(kept) < len(table.rows) or others:
        # The rows left out, in the table's order: excluded by the rules (inside the window or not), outside
        # the window, or of an occupation that is not skilled (the words select_rows' items give).
        why = list(reasons)
        if outside:
            gone = _outside(first, last)
            for pos in outside:
                if why[pos] is None:
                    why[pos] = gone
        if others and levels is not None:
            for row, _ in kept:
                if row.noc is not None or row.entry.noc_2016 is not None:
                    found, words = skilled_2016(levels, row.entry.noc_2016, row.noc)
                    if found is False:
                        why[row.position] = words
        elif others:
            described = describe_occupations(counting.skilled)
            for row, _ in kept:
                if row.noc is not None and row.noc not in chosen:  # type: ignore[operator]
                    why[row.position] = not_among(row.noc, described)
        evidence += [{"measure": measure, **row.base, "counted": False, "reason": reason}
                     for row, reason in zip(table.rows, why, strict=True) if reason is not None]
    observed = {"hours": round(total / per_hour, 1), "years": years[0], "from": first_iso, "to": last_iso}
    return reading_of((years, observed, tuple(evidence), settle, ()))


def may_be_skilled(counting: Counting, entry: WorkEntry) -> bool:
    """Whether a job with a NOC code is, or may be, skilled under ``counting``: in the TEER of ``skilled``, or
    before 2022-11-16 (``skilled_2016``) of NOC 2016 skill type 0 or a level it names (or of unknown level)."""
    levels = counting.skilled_2016
    if levels is None:
        return entry.noc is not None and matches(counting.skilled, entry.noc)
    return skilled_2016(levels, entry.noc_2016, entry.noc)[0] is not False


def _split_2016(kept: list[tuple[WorkRow, Part]], levels: tuple[SkillLevel2016, ...],
                certain: list[tuple[WorkRow, Part]], uncertain: list[tuple[WorkRow, Part]]) -> list[str]:
    """The rows ``kept`` read in NOC 2016 (the CRS before 2022-11-16): each row in ``levels`` appended to
    ``certain``, each that may or may not be (no code, or a NOC 2021 code from NOC 2016 unit groups of different
    levels) to ``uncertain``; returned, the codes of the rows that are not skilled (as ``split_codes``' others)."""
    others: list[str] = []
    for pair in kept:
        row = pair[0]
        found = skilled_2016(levels, row.entry.noc_2016, row.noc)[0]
        if found is None:
            uncertain.append(pair)
        elif found:
            certain.append(pair)
        else:
            others.append(row.entry.noc_2016 or row.noc or "")
    return others


def _reason_2016(levels: tuple[SkillLevel2016, ...] | None, row: WorkRow) -> str:
    """Why a row with a NOC 2021 code may or may not count before 2022-11-16 (its NOC 2016 level unknown)."""
    assert levels is not None  # only NOC 2016 readings leave a row with a code uncertain
    return skilled_2016(levels, row.entry.noc_2016, row.noc)[1]


def _count(table: WorkTable, parts: list[Part]) -> tuple[int, dict[int, int], int]:
    """``table.count(parts, False)`` with each job's share as a whole number over a common denominator (returned
    third; 1 unless concurrent jobs shared the weekly cap): the same total, and each share the same number.

    Where jobs overlap, ``work.sweep`` adds each job's part of a shared cap as a ``Fraction``, pure Python that
    made such a profile's CRS several times dearer than another's; here the parts of a shared cap are whole
    numbers over the lowest common multiple of the weekly hours that shared it."""
    if table.disjoint or len(parts) < 2:
        total, _, found = table.count(parts, False)
        return total, found, 1  # type: ignore[return-value]  # no cap is shared: every share is whole
    ordered = sorted(parts, key=_first_day)
    for k in range(1, len(ordered)):
        if ordered[k][1] <= ordered[k - 1][2]:
            return _overlapping(parts, table.cap_units)
    total, _, found = table.count(parts, False)
    return total, found, 1  # type: ignore[return-value]


def _first_day(part: Part) -> int:
    return part[1]


def _overlapping(parts: list[Part], cap_units: int) -> tuple[int, dict[int, int], int]:
    """``work._overlapping``'s sweep (``work.overlapping_sweep``), each share a whole number over the common
    denominator returned third."""
    total, uncapped, direct, shared = overlapping_sweep(parts, cap_units)
    over = math.lcm(*{w for terms in shared.values() for w in terms}) if shared else 1
    shares: dict[int, int] = {}
    for pos, (index, first, last, hours) in enumerate(parts):
        share = (hours * (uncapped[last + 1] - uncapped[first]) + direct.get(pos, 0)) * over
        for weekly, numerator in shared.get(pos, {}).items():
            share += numerator * (over // weekly)
        shares[index] = shares.get(index, 0) + share
    return total, shares, over


NO_YEARS = (0, 0)
#: The reading of a work history not given, by its path (the same for everyone).
_UNKNOWN = {path: Reading((0, UNKNOWN_YEARS), None, (), (path,)) for path in ("$.work", "$.spouse.work")}
NO_WORK = Reading(NO_YEARS, None)
_NO_WORK: dict[tuple[dt.date, dt.date], Reading] = {}
_WINDOWS: dict[tuple[dt.date, int], tuple[dt.date, dt.date, str, str]] = {}


def _window(as_of: dt.date, months: int) -> tuple[dt.date, dt.date, str, str]:
    """The window's first and last days, and as text (kept per day: every profile of a day has the same)."""
    found = _WINDOWS.get((as_of, months))
    if found is None:
        if len(_WINDOWS) >= 1024:
            _WINDOWS.clear()  # a batch over many days must not keep every day's
        first, last = window(as_of, months)
        found = _WINDOWS[(as_of, months)] = (first, last, first.isoformat(), last.isoformat())
    return found


_OUTSIDE: dict[tuple[dt.date, dt.date], str] = {}


def _outside(first: dt.date, last: dt.date) -> str:
    """``outside_window(first, last)``, kept per window (its dates are written through C's printf)."""
    found = _OUTSIDE.get((first, last))
    if found is None:
        if len(_OUTSIDE) >= 1024:
            _OUTSIDE.clear()  # a batch over many days must not keep every day's
        found = _OUTSIDE[(first, last)] = outside_window(first, last)
    return found


def _no_work(first: dt.date, last: dt.date, first_iso: str, last_iso: str) -> Reading:
    """The reading of no job at all in a window: no hour, no year (kept per window)."""
    found = _NO_WORK.get((first, last))
    if found is None:
        if len(_NO_WORK) >= 1024:
            _NO_WORK.clear()  # a batch over many days must not keep every day's
        found = _NO_WORK[(first, last)] = Reading(NO_YEARS, {"hours": 0.0, "years": 0, "from": first_iso,
                                                             "to": last_iso})
    return found
