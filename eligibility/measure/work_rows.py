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
from operator import attrgetter, gt, lt, neg
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
    per job and evaluation, straight from the work entry, by the table's builder: ``WorkTable.__init__``)."""

    __slots__ = ("_fact", "base", "end", "entry", "first", "index", "last", "left", "noc", "part", "position",
                 "weekly", "whole")

    entry: WorkEntry
    #: The last day counted (at the latest the day before the as-of date).
    end: dt.date
    #: The row's place in the table's rows (``index`` is the job's place in the profile).
    position: int
    index: int
    noc: str | None
    #: The first and last days counted, as ordinals.
    first: int
    last: int
    #: The weekly hours in the table's units.
    weekly: int
    #: The job's part in a window that holds all of it (most windows hold most jobs).
    part: Part
    #: The fixed part of the row's evidence items: its job, title, employer and code.
    base: Item
    _fact: JobFact | None
    #: The row's first item left out (``WorkTable.item``): those for other reasons are copies of it with their
    #: reason (a dozen conditions leave a job out for half a dozen reasons; a copy of a dict is cheaper than
    #: a new one).
    left: Item | None
    #: The row's item counted whole (``work_classes.counted_items``, on a table where no two jobs share a day:
    #: the same for every count that credits all of the job, whatever its window).
    whole: Item | None

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

    def __init__(self, units: int, worked: tuple[tuple[int, WorkEntry, dt.date], ...],
                 weekly: dict[float, int]) -> None:
        """The table of the jobs ``worked`` (``Facts.worked``), hours in 1 / ``units`` hours (``weekly``: each weekly
        hours given, in those units)."""
        self.units = units
        self.cap_units = int(WEEKLY_CAP * units)
        # Each row made and placed in one pass: its attributes set here (a class's call and ``__init__`` per row
        # cost as much as setting them), its pair, its days and its kind's place found on the way.
        new = object.__new__
        rows: list[WorkRow] = []
        #: Each row with its whole part, as a window that holds all of the job lists it (one tuple per row, not
        #: per window; kept here, not on the row, which would make a cycle for the garbage collector).
        pairs: list[tuple[WorkRow, Part]] = []
        firsts: list[int] = []
        lasts: list[int] = []
        #: One work entry per kind of row (rows alike in what the rules read share one exclusion: the kind's last
        #: value is whether the job ended before the as-of date, ``ended``), and each row's kind as its place among
        #: them (read per rules without hashing the row's kind again).
        kinds: dict[tuple[Any, ...], WorkEntry] = {}
        places: dict[tuple[Any, ...], int] = {}
        kind_ids: list[int] = []
        #: The positions of each kind's rows, by its place (the rows an exclusion of a kind leaves out).
        kind_rows: list[list[int]] = []
        for position, (index, e, end) in enumerate(worked):
            row = new(WorkRow)
            noc = e.noc
            base: Item = {"job": index, "title": e.title, "employer": e.employer, "noc": noc}
            if e.noc_2016:
                base["converted_from_noc_2016"] = e.noc_2016
            first = e.start.toordinal()
            last = end.toordinal()
            hours = weekly[e.hours_per_week]
            part = (index, first, last, hours)
            # What ``excluded_because`` reads of the job; last, whether it ended before the as-of date (``ended``).
            # Not kept on the row: a tuple per row alive until the next collection cost the collector more than
            # the tuple itself (the table keeps one per kind).
            kind = (e.country, e.province, e.paid, e.self_employed, e.full_time_student, e.authorized,
                    e.hours_per_week < FULL_TIME_WEEKLY, e.end is not None and e.end <= end)
            row.entry = e
            row.end = end
            row.position = position
            row.index = index
            row.noc = noc
            row.first = first
            row.last = last
            row.weekly = hours
            row.part = part
            row.base = base
            row._fact = row.left = row.whole = None
            rows.append(row)
            pairs.append((row, part))
            firsts.append(first)
            lasts.append(last)
            place = places.get(kind)
            if place is None:
                place = places[kind] = len(places)
                kinds[kind] = e
                kind_rows.append([position])
            else:
                kind_rows[place].append(position)
            kind_ids.append(place)
        self.rows = tuple(rows)
        self.pairs = pairs
        self.kinds = kinds
        self.kind_ids = kind_ids
        self.kind_rows = kind_rows
        #: No two jobs share a day (most histories): then no count ever shares the weekly cap between jobs.
        #: On such a table listed in the order of its days, oldest first (1) or newest first (-1; 0 otherwise), the
        #: rows inside a window are a run of the table's rows (``work_classes.window_rows``), found by bisecting the
        #: rows' first and last days (``days``: ascending, negated for newest first).
        # (Read by C functions alone: a Python function or generator per row cost as much as the rest of the row.
        # Each job ending before the next one starts is a table oldest first, no two jobs sharing a day; each
        # starting after the next one ends, newest first; only a table in neither order is sorted to be told.)
        self.direction = 0
        self.days: tuple[list[int], list[int]] = ([], [])
        if len(rows) < 2:
            self.disjoint = True
        elif all(map(lt, lasts, islice(firsts, 1, None))):
            self.disjoint = True
            self.direction = 1
            self.days = (firsts, lasts)
        elif all(map(gt, firsts, islice(lasts, 1, None))):
            self.disjoint = True
            self.direction = -1
            self.days = (list(map(neg, firsts)), list(map(neg, lasts)))
        else:
            order = sorted(rows, key=_first_day)
            self.disjoint = all(map(lt, map(_last_day, order), islice(map(_first_day, order), 1, None)))
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
    return WorkTable(units, worked, weekly)


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


def ended_early(row: WorkRow) -> bool:
    """Whether the row's job ended before the as-of date: its last day counted is its own end, not the day before
    the as-of date (the last value of a row's kind, ``WorkTable.kinds``)."""
    end = row.entry.end
    return end is not None and end <= row.end


#: Why a row may or may not count under rules that ask a province: a job in Canada whose province is not given
#: (such a row is counted as a row without a NOC code is: in the high count only, ``work_classes.classify``).
NO_PROVINCE = "province not given: it may or may not count"


def excluded_because(entry: WorkEntry, location: Location, exclude: tuple[Exclusion, ...],
                     provinces: tuple[str, ...] | None = None, lifted: Occupations | None = None,
                     ended: bool = False) -> str | None:
    """Why a work entry does not count under these rules, or None when it may count. ``lifted``: the occupations
    whose publicly funded self-employment counts all the same (``publicly_funded_self_employment``); ``ended``:
    the job ended before the as-of date (``ended_early``), read by the exclusion ``ended``."""
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
