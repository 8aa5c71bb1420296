"""Hours of paid work in matching occupations within a look-back window, counted IRCC's way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from attrs import field, frozen

from eligibility.dates import window
from eligibility.facts import Facts, JobFact, Person
from eligibility.measure.occupations import describe_occupations, selector
from eligibility.profile.model import WorkEntry
from eligibility.record import Record
from eligibility.rulebook.model import Exclusion, Location, Occupations, WorkExperienceCondition
from eligibility.unknown import known
from eligibility.work import WEEKLY_CAP, Part, best_sweep, sweep, units_for


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


class WorkRow:
    """One job of a person as every count of an evaluation sees it: its days as ordinals, its weekly hours in
    the table's units, and the part of its evidence no count changes (a plain slotted class: one is made
    per job and evaluation)."""

    __slots__ = ("base", "end_iso", "fact", "first", "index", "kind", "last", "noc", "position", "start_iso", "weekly")

    def __init__(self, jf: JobFact, units: int, position: int) -> None:
        e, job = jf.entry, jf.job
        base: dict[str, Any] = {"job": job.index, "title": e.title, "employer": e.employer, "noc": e.noc}
        if e.noc_2016:
            base["converted_from_noc_2016"] = e.noc_2016
        self.fact = jf
        self.position = position  # in the table's rows (``index`` is the job's place in the profile)
        self.index = job.index
        self.noc = e.noc
        self.first = job.start.toordinal()
        self.last = job.end.toordinal()
        self.weekly = job.hours_per_week.numerator * (units // job.hours_per_week.denominator)
        self.start_iso = job.start.isoformat()
        self.end_iso = job.end.isoformat()
        self.base = base
        #: What ``excluded_because`` reads of the job.
        self.kind = (e.country, e.province, e.paid, e.self_employed, e.full_time_student, e.authorized)


#: Each row's reason to be left out, or None; the rows that may count with their position and part.
Classified = tuple[tuple[str | None, ...], tuple[tuple[int, "WorkRow", Part], ...]]


@frozen
class WorkTable(Record):
    """A person's jobs for counting, built once per evaluation: hours are whole multiples of 1 / ``units``."""

    units: int
    cap_units: int
    rows: tuple[WorkRow, ...]
    #: Why each row is excluded per (location, exclusions, provinces), or None: once per evaluation.
    excluded: dict[tuple[Location, tuple[Exclusion, ...], tuple[str, ...] | None], tuple[str | None, ...]] = field(
        factory=dict)
    #: The rows classified by ``_classify`` per (location, exclusions, provinces, window): once per evaluation.
    classified: dict[tuple[Location, tuple[Exclusion, ...], tuple[str, ...] | None, dt.date, dt.date],
                     Classified] = field(factory=dict)
    #: Evidence items by what they say (a row's position with its reason, or with its share and dates): a
    #: dozen conditions explain each job, most in the same words, and share one item for them.
    items: dict[tuple[Any, ...], dict[str, Any]] = field(factory=dict)
    #: The items of the rows left out whatever the occupation, per classification (the key of ``classified``):
    #: each row's item or None, and the items alone (the evidence of a condition where no job is left out for
    #: its occupation).
    left_out: dict[tuple[Any, ...], tuple[tuple[dict[str, Any] | None, ...], list[dict[str, Any]]]] = field(
        factory=dict)


def _item(table: WorkTable, pos: int, reason: str) -> dict[str, Any]:
    """The evidence item of the row at ``pos`` left out for ``reason`` (one per table, row and reason)."""
    key = (pos, reason)
    item = table.items.get(key)
    if item is None:
        item = table.items[key] = {**table.rows[pos].base, "counted": False, "reason": reason}
    return item


def work_table(facts: Facts, person: Person = "applicant") -> WorkTable | None:
    """The person's jobs for counting (None when the work history is unknown), shared by the evaluation."""
    # Read by every work count: the builder is a module function, so that finding the table makes nothing.
    return facts.memo(("work-table", person), _build_table, facts, person)


def _build_table(facts: Facts, person: Person) -> WorkTable | None:
    jobs = facts.jobs(person)
    if not known(jobs):
        return None
    units = units_for([jf.job.hours_per_week for jf in jobs])
    return WorkTable(units, int(WEEKLY_CAP * units), tuple([WorkRow(jf, units, pos) for pos, jf in enumerate(jobs)]))


@frozen
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

    @property
    def jobs(self) -> tuple[JobCount, ...]:
        """Each job with the hours credited inside the window, or why it was left out."""
        return tuple(JobCount(item["job"], item["title"], item["employer"], item["noc"],
                              item.get("converted_from_noc_2016"), item["counted"],
                              dt.date.fromisoformat(item["from"]) if item["counted"] else None,
                              dt.date.fromisoformat(item["to"]) if item["counted"] else None,
                              item.get("hours"), item.get("reason")) for item in self.evidence)


def excluded_because(entry: WorkEntry, location: Location, exclude: tuple[Exclusion, ...],
                     provinces: tuple[str, ...] | None = None) -> str | None:
    """Why a work entry does not count under these rules, or None when it may count."""
    if location == "canada" and entry.country != "CA":
        return "not in Canada"
    if location == "abroad" and entry.country == "CA":
        return "in Canada, and only work abroad counts"
    if provinces is not None and entry.province not in provinces:
        return f"not in {', '.join(provinces)}"
    if "unpaid" in exclude and not entry.paid:
        return "unpaid"
    if "self_employed" in exclude and entry.self_employed:
        return "self-employed"
    if "full_time_student" in exclude and entry.full_time_student:
        return "while a full-time student"
    if "unauthorized" in exclude and entry.country == "CA" and not entry.authorized:
        return "not authorized to work in Canada"
    return None


#: The rows that count, those that might, and the evidence items of those left out (a list a table may share
#: between calls: read it, do not change it).
Selected = tuple[list[tuple[WorkRow, Part]], list[tuple[WorkRow, Part]], Sequence[dict[str, Any]]]


def _classify(table: WorkTable, first: dt.date, last: dt.date, location: Location, exclude: tuple[Exclusion, ...],
              provinces: tuple[str, ...] | None) -> Classified:
    """Each row's reason to be left out whatever the occupation (excluded, outside the window), or None; and the
    rows that may count, with their part inside the window: the same for every condition with these rules."""
    key = (location, exclude, provinces, first, last)
    found = table.classified.get(key)
    if found is not None:
        return found
    rules = (location, exclude, provinces)
    excluded = table.excluded.get(rules)
    if excluded is None:
        # Rows alike in what the rules read (most of a history) share one answer.
        by_kind: dict[tuple[Any, ...], str | None] = {}
        answers: list[str | None] = []
        for row in table.rows:
            try:
                reason = by_kind[row.kind]
            except KeyError:
                reason = by_kind[row.kind] = excluded_because(row.fact.entry, location, exclude, provinces)
            answers.append(reason)
        excluded = table.excluded[rules] = tuple(answers)
    low, high = first.toordinal(), last.toordinal()
    outside = None  # worded once, when a row is outside the window
    reasons = list(excluded)
    inside: list[tuple[int, WorkRow, Part]] = []
    rows = table.rows
    for pos, reason in enumerate(excluded):
        if reason is None:
            row = rows[pos]
            if row.last < low or row.first > high or low > high:
                reasons[pos] = outside = outside or f"outside the window {first} to {last}"
            else:
                inside.append((pos, row, (row.index, max(row.first, low), min(row.last, high), row.weekly)))
    found = table.classified[key] = (tuple(reasons), tuple(inside))
    return found


def select_rows(table: WorkTable, occupations: Occupations, first: dt.date, last: dt.date, location: Location,
                exclude: tuple[Exclusion, ...], provinces: tuple[str, ...] | None = None,
                explain: bool = True) -> Selected:
    """The jobs of a work table that count in a window (certain), those that might (no NOC code), and (when
    ``explain``) the evidence items of the ones left out, with the reason."""
    certain: list[tuple[WorkRow, Part]] = []
    uncertain: list[tuple[WorkRow, Part]] = []
    fixed, inside = _classify(table, first, last, location, exclude, provinces)
    member = selector(occupations)
    unlisted: list[tuple[int, str]] = []
    for pos, row, part in inside:
        if row.noc is None:
            uncertain.append((row, part))
        elif member(row.noc):
            certain.append((row, part))
        elif explain:
            unlisted.append((pos, row.noc))
    if not explain:
        return certain, uncertain, []
    key = (location, exclude, provinces, first, last)
    found = table.left_out.get(key)
    if found is None:
        aligned = tuple([None if reason is None else _item(table, pos, reason) for pos, reason in enumerate(fixed)])
        found = table.left_out[key] = (aligned, list(filter(None, aligned)))  # items are never empty
    aligned, left_out = found
    if unlisted:
        described = describe_occupations(occupations)
        items = list(aligned)
        for pos, noc in unlisted:
            items[pos] = _item(table, pos, f"NOC {noc} is not among {described}")
        left_out = list(filter(None, items))
    return certain, uncertain, left_out


def measure_work(c: WorkExperienceCondition, facts: Facts, explain: bool = True) -> WorkMeasure:
    """The hours a work_experience condition counts, the occupations found, and (when ``explain``) every job's
    share or why it was left out as ``evidence`` (else no evidence: only a reader needs it)."""
    first, last = window(facts.as_of, c.window_months)
    table = work_table(facts)
    if table is None:
        return WorkMeasure(False, first, last)
    certain, uncertain, left_out = select_rows(table, c.occupations, first, last, c.location, c.exclude,
                                               c.provinces, explain)
    if not certain and not uncertain:
        return WorkMeasure(True, first, last, 0.0, 0.0, evidence=tuple(left_out))
    cap, per_unit = table.cap_units, 7 * table.units
    by_code: dict[str, list[Part]] = {}
    for row, part in certain:
        by_code.setdefault(str(row.noc), []).append(part)
    maybe = [part for _, part in uncertain]
    # Counts are whole numbers of 1 / per_unit hours, compared exactly with the minimum (num / den hours).
    num, den = c.min_hours.as_integer_ratio()
    enough = Fraction(num * per_unit, den) if den > 1 else num * per_unit
    counted: tuple[int, Sequence[Part], dict[int, int | Fraction]]
    if c.single_occupation:
        scored = {code: best_sweep(parts, cap, c.continuous) for code, parts in by_code.items()}
        best_code = max(scored, key=lambda k: (scored[k][0], k), default=None)
        counted = scored[best_code] if best_code else (0, (), {})
        low = counted[0]
        high = max([best_sweep(parts + maybe, cap, c.continuous)[0] for parts in by_code.values()]
                   + [best_sweep(maybe, cap, c.continuous)[0], low]) if maybe else low
        qualifying = sorted(k for k, v in scored.items() if v[0] >= enough)
    else:
        all_parts = [part for _, part in certain]
        counted = best_sweep(all_parts, cap, c.continuous)
        low = counted[0]
        high = best_sweep(all_parts + maybe, cap, c.continuous)[0] if maybe else low
        best_code = None
        qualifying = sorted(by_code) if low >= enough else []
    # The main occupation is the one with the most experience in the window (IRPR s. 87.1(2)(e)).
    if c.single_occupation and not c.continuous:
        totals = {code: v[0] for code, v in scored.items()}
    else:
        totals = {code: sweep(parts, cap)[0] for code, parts in by_code.items()}
    main = max(totals, key=lambda k: (totals[k], k), default=None)
    if not explain:
        return WorkMeasure(True, first, last, low / per_unit, high / per_unit, best_code, main, tuple(qualifying),
                           bool(maybe))
    shares = counted[2]
    credited = {part[0]: part for part in counted[1]}
    jobs: list[dict[str, Any]] = []
    items = table.items
    for row, _ in certain:
        found = credited.get(row.index)
        if found is None:
            jobs.append(_item(table, row.position, "not part of the best occupation or run"))
            continue
        share = shares[found[0]]
        key = (row.position, found[1], found[2], share)
        item = items.get(key)
        if item is None:
            hours = share / per_unit if isinstance(share, int) else float(share / per_unit)
            # A part starts on its job's first day or on the window's, and ends on its job's last day or the
            # window's.
            item = items[key] = {**row.base, "from": row.start_iso if found[1] == row.first else first.isoformat(),
                                 "to": row.end_iso if found[2] == row.last else last.isoformat(),
                                 "hours": round(hours, 1), "counted": True}
        jobs.append(item)
    jobs += [_item(table, row.position, "no NOC code: it may or may not count") for row, _ in uncertain]
    jobs += left_out
    return WorkMeasure(True, first, last, low / per_unit, high / per_unit, best_code, main, tuple(qualifying),
                       bool(maybe), tuple(jobs))


@frozen
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
    low = sweep(parts, table.cap_units)[0]
    high = sweep(parts + [p for _, p in uncertain], table.cap_units)[0] if uncertain else low
    return HoursRange(low / (7 * table.units), high / (7 * table.units))
