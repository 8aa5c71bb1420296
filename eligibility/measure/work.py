"""Hours of paid work in matching occupations within a look-back window, counted IRCC's way."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

from attrs import frozen

from eligibility.dates import window
from eligibility.facts import Facts, Person
from eligibility.measure import work_classes
from eligibility.measure.occupations import describe_occupations, selects, split_codes
from eligibility.measure.work_classes import EVERY, NO_CODE, Classified, classify, counted_items, not_among, select_rows
from eligibility.measure.work_rows import NO_PROVINCE, Item, WorkRow, WorkTable, excluded_because, work_table
from eligibility.record import Record
from eligibility.rulebook.model import Exclusion, Location, Occupations, WorkExperienceCondition
from eligibility.work import Counted, Part

# Read from here by the CRS and the improvement suggestions (the rows and their classes have modules of their own).
__all__ = ["HoursRange", "JobCount", "WorkMeasure", "WorkRow", "WorkTable", "excluded_because", "hours_in_window",
           "measure_work", "select_rows", "work_table"]


@frozen
class JobCount(Record):
    """One job as a count saw it: the hours credited inside the window, or why it was left out."""

    job: int
    title: str | None
    employer: str | None
    noc: str | None
    noc_2016: str | None
    counted: bool
    start: dt.date | None = None
    end: dt.date | None = None
    hours: float | None = None
    reason: str | None = None


@frozen(slots=False)
class WorkMeasure(Record):
    """Hours in the window: ``low`` on the jobs known to count, ``high`` if every job without a NOC code counted.

    ``best_code`` is the occupation whose hours are ``low`` (single-occupation counting), ``main_occupation``
    the one with the most hours in the window, ``qualifying_codes`` those with enough hours on their own.
    ``known`` is False when the profile does not list the work history (everything else is then empty).
    ``evidence`` holds every job as the count saw it, as the result's evidence items (a condition is
    measured once per evaluation and its report hands them out); ``jobs`` reads them back as JobCount.
    """

    known: bool
    first: dt.date
    last: dt.date
    low: float = 0.0
    high: float = 0.0
    best_code: str | None = None
    main_occupation: str | None = None
    qualifying_codes: tuple[str, ...] = ()
    uncertain: bool = False
    evidence: tuple[dict[str, Any], ...] = ()
    #: The other occupations with exactly as many hours as ``main_occupation`` (the law, "the most experience",
    #: does not settle which of them is the main one; ``main_occupation`` is the highest code of them).
    main_tied: tuple[str, ...] = ()
    #: Jobs without a NOC code that may count could make another occupation the main one (``uncertain`` alone
    #: does not say so: jobs too short to reach the main occupation's hours, even added to the next one's, leave
    #: it settled).
    main_open: bool = False

    @property
    def jobs(self) -> tuple[JobCount, ...]:
        """Each job with the hours credited inside the window, or why it was left out."""
        return tuple(JobCount(item["job"], item["title"], item["employer"], item["noc"],
                              item.get("converted_from_noc_2016"), item["counted"],
                              dt.date.fromisoformat(item["from"]) if item["counted"] else None,
                              dt.date.fromisoformat(item["to"]) if item["counted"] else None,
                              item.get("hours"), item.get("reason")) for item in self.evidence)


#: Whether ``measure_work`` takes its short way for one occupation met (tests/test_eval7_one_code.py turns it off to
#: hold the two ways equal).
ONE_CODE = True


def measure_work(c: WorkExperienceCondition, facts: Facts, explain: bool = True) -> WorkMeasure:
    """The hours a work_experience condition counts, the occupations found, and (when ``explain``) every job's
    share or why it was left out as ``evidence`` (else no evidence: only a reader needs it)."""
    first, last = window(facts.as_of, c.window_months)
    table = work_table(facts)
    if table is None:
        return WorkMeasure(False, first, last)
    # The rows under the condition's rules and window, shared by every condition with the same ones.
    rows = classify(table, first, last, c.location, c.exclude, c.provinces, c.publicly_funded_self_employment)
    codes, others = split_codes(c.occupations, rows.groups)
    unsure, dropped = _maybe(c, rows.groups.get(None))
    if not codes and not unsure:
        return WorkMeasure(True, first, last, 0.0, 0.0,
                           evidence=tuple(_unsure_items(table, c, unsure, dropped)
                                          + rows.left_out(table, others, c.occupations)) if explain else ())
    per_unit, continuous = 7 * table.units, c.continuous
    # Counts are whole numbers of 1 / per_unit hours, compared exactly with the minimum (num / den hours).
    num, den = c.min_hours.as_integer_ratio()
    enough = Fraction(num * per_unit, den) if den > 1 else num * per_unit
    if ONE_CODE and not unsure and len(codes) == 1 and c.single_occupation:
        # One occupation met, every job with a code (the most common case with jobs): it is the best and the main
        # occupation, qualifying with enough hours of its own; what the general case below works out for it.
        code = codes[0]
        low = rows.best(table, code, continuous)[0]
        hours = low / per_unit
        alone: tuple[str, ...] = (code,) if low >= enough else ()
        if not explain:
            return WorkMeasure(True, first, last, hours, hours, code, code, alone)
        jobs = rows.code_items(table, code, continuous, per_unit)[1] + rows.left_out(table, others, c.occupations)
        return WorkMeasure(True, first, last, hours, hours, code, code, alone, False, tuple(jobs))
    maybe = [part for _, part in unsure] if unsure else []
    low, high, counted, best_code, scored = _count(c, table, rows, codes, others, maybe)
    if scored is not None:
        qualifying = sorted(k for k, v in scored.items() if v[0] >= enough)
    else:
        qualifying = sorted(codes) if low >= enough else []
    # The main occupation is the one with the most experience in the window (IRPR s. 87.1(2)(e)).
    if scored is not None and not continuous:
        totals = {code: v[0] for code, v in scored.items()}
    else:
        totals = {code: rows.best(table, code, False)[0] for code in codes}
    main = max(totals, key=lambda k: (totals[k], k), default=None)
    tied = tuple(sorted(k for k, v in totals.items() if v == totals[main] and k != main)) if main else ()
    opened = bool(maybe) and _main_open(table, totals, main, maybe)
    if not explain:
        return WorkMeasure(True, first, last, low / per_unit, high / per_unit, best_code, main, tuple(qualifying),
                           bool(maybe), (), tied, opened)
    if best_code is None:
        jobs = counted_items(table, rows.rows_of(codes, others), counted[1], counted[2], first, last, per_unit)
    elif len(codes) == 1:
        jobs = list(rows.code_items(table, best_code, continuous, per_unit)[1])
    else:
        # The rows of the best code counted (or not part of its best run), the other codes' not part of it,
        # in the table's order (by position, each code's items put in a mapping by C functions, not row by row).
        placed: dict[int, Item] = {}
        for code in codes:
            placed.update(zip(*rows.code_items(table, code, continuous if code == best_code else None, per_unit),
                              strict=True))
        jobs = list(map(placed.__getitem__, sorted(placed)))
    if unsure or dropped:
        jobs += _unsure_items(table, c, unsure, dropped)
    jobs += rows.left_out(table, others, c.occupations)
    return WorkMeasure(True, first, last, low / per_unit, high / per_unit, best_code, main, tuple(qualifying),
                       bool(maybe), tuple(jobs), tied, opened)


def _main_open(table: WorkTable, totals: dict[str, int], main: str | None, maybe: list[Part]) -> bool:
    """Whether the jobs without a NOC code (their parts ``maybe``) could make another occupation than ``main`` the
    one with the most experience: in one code of their own, or added to another occupation's hours (all of them in
    one code; their count alone is an upper bound of what they add, the weekly cap shared or not). Reaching the
    main occupation's hours is enough (a tie leaves the main occupation open)."""
    if main is None:
        return True
    first = totals[main]
    second = max((v for k, v in totals.items() if k != main), default=0)
    return second + table.count(maybe, False)[0] >= first


def work_hours(c: WorkExperienceCondition, facts: Facts) -> tuple[float, float] | None:
    """``measure_work``'s ``low`` and ``high`` alone (None when the work history is unknown), worked out the
    same way: what the condition's decision reads, for the verdict-only evaluation (no record is made, and
    neither the occupations found nor the main one are looked for)."""
    table = work_table(facts)
    if table is None:
        return None
    first, last = window(facts.as_of, c.window_months)
    rows = classify(table, first, last, c.location, c.exclude, c.provinces, c.publicly_funded_self_employment)
    codes, others = split_codes(c.occupations, rows.groups)
    unsure = _maybe(c, rows.groups.get(None))[0]
    if not codes and not unsure:
        return 0.0, 0.0
    low, high, _, _, _ = _count(c, table, rows, codes, others, [part for _, part in unsure] if unsure else [])
    per_unit = 7 * table.units
    return low / per_unit, high / per_unit


def _count(c: WorkExperienceCondition, table: WorkTable, rows: Classified, codes: list[str], others: list[str],
           maybe: list[Part]) -> tuple[int, int, Counted, str | None, dict[str, Counted] | None]:
    """The low and high counts (in units of 1 / (7 x table.units) hours), the count of ``low``, and for single-
    occupation counting the best code and each code's count (``scored``; None otherwise)."""
    continuous = c.continuous
    if c.single_occupation:
        # Each code's count is the same for every condition with these rules and window: kept with the rows.
        scored = {code: rows.best(table, code, continuous) for code in codes}
        best_code = max(scored, key=lambda k: (scored[k][0], k), default=None)
        counted: Counted = scored[best_code] if best_code else (0, (), {})
        low = counted[0]
        high = max([table.count([part for _, part in rows.groups[code]] + maybe, continuous)[0] for code in codes]
                   + [table.count(maybe, continuous)[0], low]) if maybe else low
        return low, high, counted, best_code, scored
    if work_classes.DISJOINT and table.disjoint and not continuous and not maybe:
        # No two jobs share a day: every job counts its own hours, and the codes' counts (kept with the rows, read for
        # the main occupation too) add up to the count of all of them, every row counted.
        low = sum([rows.best(table, code, False)[0] for code in codes])
        return low, low, (low, EVERY, {}), None, None
    all_parts = [part for _, part in rows.rows_of(codes, others)]
    counted = table.count(all_parts, continuous)
    low = counted[0]
    high = table.count(all_parts + maybe, continuous)[0] if maybe else low
    return low, high, counted, None, None


def _maybe(c: WorkExperienceCondition, unsure: list[tuple[WorkRow, Part]] | None,
           ) -> tuple[list[tuple[WorkRow, Part]] | None, list[tuple[WorkRow, Part]]]:
    """The rows that may or may not count (without a code; or, under rules that ask a province, without one), and
    those without a province whose code the condition does not select (left out for their code)."""
    if not unsure or c.provinces is None or all(row.noc is None for row, _ in unsure):
        return unsure, []
    dropped = [pair for pair in unsure if pair[0].noc is not None and not selects(c.occupations, pair[0].noc)]
    return [pair for pair in unsure if pair not in dropped], dropped


def _unsure_items(table: WorkTable, c: WorkExperienceCondition, unsure: list[tuple[WorkRow, Part]] | None,
                  dropped: list[tuple[WorkRow, Part]]) -> list[Any]:
    """The items of the rows that may or may not count (no code, or no province), and of the rows without a
    province whose code the condition does not select."""
    items = [table.item(NO_CODE if row.noc is None else NO_PROVINCE, row) for row, _ in unsure or ()]
    if dropped:
        words = describe_occupations(c.occupations)
        items += [table.item(not_among(str(row.noc), words), row) for row, _ in dropped]
    return items


@frozen(slots=False)
class HoursRange(Record):
    """Hours counted in a window: on the jobs known to count, and if the jobs without a NOC code counted too."""

    low: float
    high: float


def hours_in_window(facts: Facts, person: Person, occupations: Occupations, months: int | None,
                    location: Location, exclude: tuple[Exclusion, ...]) -> HoursRange | None:
    """Hours of ``person`` in matching occupations in the last ``months`` (None: ever, before the as-of date).

    None when the work history is unknown.
    """
    table = work_table(facts, person)
    if table is None:
        return None
    first, last = window(facts.as_of, months) if months is not None else (dt.date.min, facts.as_of - dt.timedelta(1))
    certain, uncertain, _ = select_rows(table, occupations, first, last, location, exclude, explain=False)
    parts = [p for _, p in certain]
    low = table.count(parts, False)[0]
    high = table.count(parts + [p for _, p in uncertain], False)[0] if uncertain else low
    return HoursRange(low / (7 * table.units), high / (7 * table.units))
