"""A person's jobs as every work count of an evaluation reads them: one row per job, made once per evaluation,
and the table that keeps what the counts work out from them (``measure/work_classes.py``: the rows classified
under a count's rules and window, and the evidence items that explain them).

A dozen conditions count the same jobs. What one of them works out that does not depend on its occupations
(which rows its rules and window leave out, the rows of each NOC code inside the window, the hours of each
code, the words for each job) is kept with the table and read by the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from itertools import islice
from operator import attrgetter, lt
from typing import Any

from eligibility.facts import Facts, JobFact, Person, job_fact, weekly_hours
from eligibility.measure.occupations import matches
from eligibility.profile.model import WorkEntry
from eligibility.rulebook.model import Exclusion, Location, Occupations
from eligibility.unknown import known
from eligibility.work import FULL_TIME_WEEKLY, WEEKLY_CAP, Counted, Part, best_sweep, disjoint_count, units_for

#: An evidence item: a job as a count saw it (counted with its share, or left out and why).
Item = dict[str, Any]
#: What a count's rules read of a job: where it counts, what is excluded, the provinces named.
Rules = tuple[Location, tuple[Exclusion, ...], tuple[str, ...] | None]


class WorkRow:
    """One job of a person as every count of an evaluation sees it: its days as ordinals, its weekly hours in
    the table's units, and the part of its evidence no count changes (a plain slotted class: one is made
    per job and evaluation, straight from the work entry)."""

    __slots__ = ("_fact", "base", "end", "entry", "first", "index", "kind", "last", "left", "noc", "part",
                 "position", "weekly", "whole")

    def __init__(self, index: int, entry: WorkEntry, end: dt.date, weekly: int, position: int) -> None:
        e = entry
        base: Item = {"job": index, "title": e.title, "employer": e.employer, "noc": e.noc}
        if e.noc_2016:
            base["converted_from_noc_2016"] = e.noc_2016
        self.entry = e
        self.end = end  # the last day counted (at the latest the day before the as-of date)
        self.position = position  # in the table's rows (``index`` is the job's place in the profile)
        self.index = index
        self.noc = e.noc
        self.first = e.start.toordinal()
        self.last = end.toordinal()
        self.weekly = weekly
        #: The job's part in a window that holds all of it (most windows hold most jobs).
        self.part: Part = (index, self.first, self.last, weekly)
        self.base = base
        #: What ``excluded_because`` reads of the job; last, whether it ended before the as-of date (its last day
        #: counted is its own end, not the day before the as-of date: ``ended``).
        self.kind = (e.country, e.province, e.paid, e.self_employed, e.full_time_student, e.authorized,
                     e.hours_per_week < FULL_TIME_WEEKLY, e.end is not None and e.end <= end)
        self._fact: JobFact | None = None
        #: The row's first item left out (``WorkTable.item``): those for other reasons are copies of it with their
        #: reason (a dozen conditions leave a job out for half a dozen reasons; a copy of a dict is cheaper than
        #: a new one).
        self.left: Item | None = None
        #: The row's item counted whole (``work_classes.counted_items``, on a table where no two jobs share a day:
        #: the same for every count that credits all of the job, whatever its window).
        self.whole: Item | None = None

    @property
    def start_iso(self) -> str:
        """The job's first day as ISO text (written when read: most rows' evidence never reads it)."""
        return self.entry.start.isoformat()

    @property
    def end_iso(self) -> str:
        """The last day counted as ISO text (written when read)."""
        return self.end.isoformat()

    @property
    def fact(self) -> JobFact:
        """The job as Facts.jobs gives it (made on first read)."""
        if self._fact is None:
            self._fact = job_fact(self.index, self.entry, self.end)
        return self._fact


class _DayTexts(dict[int, str]):
    """A day's ISO text by its ordinal (``DAYS[dt.date(2024, 7, 3).toordinal()]`` is "2024-07-03"), made on first
    use and kept, at most ``DAYS_KEPT`` of them (then written, not kept): a table of the calendar's days, filled as
    they are read. An evidence item gives a job's first and last days counted; rows carry their days as ordinals,
    and reading a date's year, month and day cost three generic attribute reads (about 1.9k instructions a date
    against 0.2k for this look-up)."""

    def __missing__(self, ordinal: int) -> str:
        text = dt.date.fromordinal(ordinal).isoformat()
        if len(self) < DAYS_KEPT:
            self[ordinal] = text
        return text


#: Days' texts kept before new ones are written without being kept (a bound on memory: about 110 years of days,
#: some 4 MB at most).
DAYS_KEPT = 40_000
DAYS = _DayTexts()


_first_day = attrgetter("first")
_last_day = attrgetter("last")


class WorkTable:
    """A person's jobs for counting, built once per evaluation: hours are whole multiples of 1 / ``units``.

    It keeps what the counts of the evaluation work out from it: the rows' exclusions per rules, their
    classification per rules and window, and the evidence items of the rows left out.
    """

    __slots__ = ("by_reason", "cap_units", "classified", "counted", "days", "direction", "disjoint", "excluded",
                 "grouped", "kind_ids", "kind_rows", "kinds", "pairs", "rows", "units", "windows")

    def __init__(self, units: int, rows: tuple[WorkRow, ...]) -> None:
        self.units = units
        self.cap_units = int(WEEKLY_CAP * units)
        self.rows = rows
        #: Each row with its whole part, as a window that holds all of the job lists it (one tuple per row, not
        #: per window; kept here, not on the row, which would make a cycle for the garbage collector).
        self.pairs: list[tuple[WorkRow, Part]] = [(row, row.part) for row in rows]
        #: No two jobs share a day (most histories): then no count ever shares the weekly cap between jobs.
        # (Read by C functions alone: a Python function or generator per row cost as much as the rest of the row.)
        order = sorted(rows, key=_first_day)
        self.disjoint = all(map(lt, map(_last_day, order), islice(map(_first_day, order), 1, None)))
        #: On such a table listed in the order of its days, oldest first (1) or newest first (-1; 0 otherwise), the
        #: rows inside a window are a run of the table's rows (``work_classes.window_rows``), found by bisecting the
        #: rows' first and last days (``days``: ascending, negated for newest first).
        self.direction = 0
        self.days: tuple[list[int], list[int]] = ([], [])
        if self.disjoint and len(rows) > 1:
            if order == list(rows):
                self.direction = 1
                self.days = ([row.first for row in rows], [row.last for row in rows])
            elif order[::-1] == list(rows):
                self.direction = -1
                self.days = ([-row.first for row in rows], [-row.last for row in rows])
        #: One work entry per kind of row (rows alike in what the rules read share one exclusion), and each
        #: row's kind as its place among them (read per rules without hashing the row's kind again).
        self.kinds: dict[tuple[Any, ...], WorkEntry] = {}
        places: dict[tuple[Any, ...], int] = {}
        kind_ids: list[int] = []
        #: The positions of each kind's rows, by its place (the rows an exclusion of a kind leaves out).
        self.kind_rows: list[list[int]] = []
        for row in rows:
            place = places.get(row.kind)
            if place is None:
                place = places[row.kind] = len(places)
                self.kinds[row.kind] = row.entry
                self.kind_rows.append([row.position])
            else:
                self.kind_rows[place].append(row.position)
            kind_ids.append(place)
        self.kind_ids = kind_ids
        #: Per rules: why each row is excluded (or None), and the positions of the rows excluded by reason.
        self.excluded: dict[tuple[Any, ...], tuple[tuple[str | None, ...], dict[str, list[int]]]] = {}
        #: Per window: the rows inside it with their parts, and the positions of those outside.
        self.windows: dict[tuple[dt.date, dt.date], tuple[list[tuple[WorkRow, Part]], list[int]]] = {}
        #: Per window: its rows by NOC code and those with a code, for the rules that exclude no row.
        self.grouped: dict[tuple[dt.date, dt.date], Any] = {}
        #: The classifications of the rows (measure/work_classes.Classified) by rules and window.
        self.classified: dict[tuple[Any, ...], Any] = {}
        #: Evidence items, of rows left out by reason and position, of rows counted by position, part and share:
        #: a dozen conditions explain each job, most in the same words, and share one item for them.
        self.by_reason: dict[str, list[Item | None]] = {}
        self.counted: dict[tuple[int, int, int, int | Fraction], Item] = {}

    def count(self, parts: list[Part], continuous: bool) -> Counted:
        """``best_sweep`` of parts of this table's rows (``disjoint_count`` when no two jobs share a day)."""
        if self.disjoint:
            return disjoint_count(parts, self.cap_units, continuous)
        return best_sweep(parts, self.cap_units, continuous)

    def place(self, reason: str, positions: Iterable[int], into: list[Item | None]) -> None:
        """Put the evidence items of the rows at ``positions`` left out for ``reason`` at those positions of ``into``
        (one item per table, row and reason)."""
        slots = self.by_reason.get(reason)
        if slots is None:
            slots = self.by_reason[reason] = [None] * len(self.rows)
        rows = self.rows
        for pos in positions:
            item = slots[pos]
            if item is None:
                # ``_left_item``, written out: a call per item cost a third of making it.
                row = rows[pos]
                first = row.left
                if first is None:
                    item = row.left = dict(row.base, counted=False, reason=reason)
                else:
                    item = _copy(first)
                    item["reason"] = reason
                slots[pos] = item
            into[pos] = item

    def slots(self, reason: str) -> list[Item | None]:
        """The items of the rows left out for ``reason`` by position, None where none is made yet (``place`` makes
        them)."""
        slots = self.by_reason.get(reason)
        if slots is None:
            slots = self.by_reason[reason] = [None] * len(self.rows)
        return slots

    def item(self, reason: str, row: WorkRow) -> Item:
        """The evidence item of ``row`` left out for ``reason`` (one per table, row and reason)."""
        slots = self.by_reason.get(reason)
        if slots is None:
            slots = self.by_reason[reason] = [None] * len(self.rows)
        item = slots[row.position]
        if item is None:
            item = slots[row.position] = _left_item(row, reason)
        return item


_copy = dict.copy


def work_table(facts: Facts, person: Person = "applicant") -> WorkTable | None:
    """The person's jobs for counting (None when the work history is unknown), shared by the evaluation."""
    # Read by every work count, two dozen times an evaluation: kept in a mapping of its own on the facts.
    try:
        found: WorkTable | None = facts.tables[person]
    except KeyError:
        found = facts.tables[person] = _build_table(facts, person)
    return found


def _build_table(facts: Facts, person: Person) -> WorkTable | None:
    worked = facts.worked(person)
    if not known(worked):
        return None
    # Weekly hours as the counting takes them, once per value (most histories repeat a few; a comprehension
    # would make the fraction once per job).
    hours: dict[float, Fraction] = {}
    for _, e, _ in worked:
        if e.hours_per_week not in hours:
            hours[e.hours_per_week] = weekly_hours(e.hours_per_week)
    units = units_for(list(hours.values()))
    weekly = {h: f.numerator * (units // f.denominator) for h, f in hours.items()}
    return WorkTable(units, tuple([WorkRow(i, e, end, weekly[e.hours_per_week], pos)
                                   for pos, (i, e, end) in enumerate(worked)]))


def _left_item(row: WorkRow, reason: str) -> Item:
    """A new evidence item of ``row`` left out for ``reason``: the row's first such item is made from its fixed
    part (and kept on the row); a later one, for another reason, is a copy of it with its reason."""
    first = row.left
    if first is None:
        item: Item = dict(row.base, counted=False, reason=reason)
        row.left = item
        return item
    item = _copy(first)
    item["reason"] = reason
    return item


#: Why a row may or may not count under rules that ask a province: a job in Canada whose province is not given
#: (such a row is counted as a row without a NOC code is: in the high count only, ``work_classes.classify``).
NO_PROVINCE = "province not given: it may or may not count"


def excluded_because(entry: WorkEntry, location: Location, exclude: tuple[Exclusion, ...],
                     provinces: tuple[str, ...] | None = None, lifted: Occupations | None = None,
                     ended: bool = False) -> str | None:
    """Why a work entry does not count under these rules, or None when it may count. ``lifted``: the occupations
    whose publicly funded self-employment counts all the same (``publicly_funded_self_employment``); ``ended``:
    the job ended before the as-of date (``WorkRow.kind``'s last value), read by the exclusion ``ended``."""
    if location == "canada" and entry.country != "CA":
        return "not in Canada"
    if location == "abroad" and entry.country == "CA":
        return "in Canada, and only work abroad counts"
    # A job in Canada whose province is not given may be in one of them: it may or may not count, unless another
    # rule leaves it out (checked below).
    unsure = False
    if provinces is not None and entry.province not in provinces:
        if entry.province is not None or entry.country != "CA":
            return f"not in {', '.join(provinces)}"
        unsure = True
    if "unpaid" in exclude and not entry.paid:
        return "unpaid"
    if "self_employed" in exclude and entry.self_employed:
        if lifted is not None and entry.noc is None and entry.publicly_funded:
            # Publicly funded self-employment without a code may be a physician's, which counts: the row is one
            # without a code (it may or may not count).
            pass
        elif lifted is None or entry.noc is None or not matches(lifted, entry.noc):
            return "self-employed"
        if not entry.publicly_funded:
            return ("self-employed, not stated as publicly funded (publicly funded medical work would count: "
                    "the physicians' public policy)")
    if "full_time_student" in exclude and entry.full_time_student:
        return "while a full-time student"
    if "unauthorized" in exclude and entry.country == "CA" and not entry.authorized:
        return "not authorized to work in Canada"
    if "part_time" in exclude and entry.hours_per_week < FULL_TIME_WEEKLY:
        return f"part-time ({entry.hours_per_week:g} h a week; full-time is {FULL_TIME_WEEKLY} h or more)"
    if "ended" in exclude and ended:
        # (rows of one kind share this text: it names no date; the job's item gives its dates)
        return "ended before the day evaluated: not a current job"
    return NO_PROVINCE if unsure else None
