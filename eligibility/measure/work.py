"""Hours of paid work in matching occupations within a look-back window, counted IRCC's way."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from fractions import Fraction
from typing import Any

from attrs import frozen

from eligibility.dates import window
from eligibility.facts import Facts, JobFact, Person
from eligibility.measure.occupations import describe_occupations, matches
from eligibility.profile.model import WorkEntry
from eligibility.rulebook.model import Exclusion, Location, Occupations, WorkExperienceCondition
from eligibility.unknown import known
from eligibility.work import Credit, Job, best_count, clip, count


@frozen
class JobCount:
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

    def evidence(self) -> dict[str, Any]:
        """The job as an evidence item of a result."""
        item: dict[str, Any] = {"job": self.job, "title": self.title, "employer": self.employer, "noc": self.noc}
        if self.noc_2016:
            item["converted_from_noc_2016"] = self.noc_2016
        if self.counted and self.start is not None and self.end is not None and self.hours is not None:
            item.update({"from": self.start.isoformat(), "to": self.end.isoformat(), "hours": self.hours,
                         "counted": True})
        else:
            item.update({"counted": False, "reason": self.reason})
        return item


@frozen
class WorkMeasure:
    """Hours in the window: ``low`` on the jobs known to count, ``high`` if every job without a NOC code counted.

    ``best_code`` is the occupation whose hours are ``low`` (single-occupation counting), ``main_occupation``
    the one with the most hours in the window, ``qualifying_codes`` those with enough hours on their own.
    ``known`` is False when the profile does not list the work history (everything else is then empty).
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
    jobs: tuple[JobCount, ...] = ()


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


def _job_count(jf: JobFact, credit: Credit | None, reason: str | None = None) -> JobCount:
    e = jf.entry
    if credit is None:
        return JobCount(jf.job.index, e.title, e.employer, e.noc, e.noc_2016, False, reason=reason)
    return JobCount(jf.job.index, e.title, e.employer, e.noc, e.noc_2016, True, credit.start, credit.end,
                    round(float(credit.hours), 1))


def select_jobs(jobs: tuple[JobFact, ...], occupations: Occupations, first: dt.date, last: dt.date,
                location: Location, exclude: tuple[Exclusion, ...], provinces: tuple[str, ...] | None = None,
                ) -> tuple[list[tuple[JobFact, Job]], list[tuple[JobFact, Job]], list[JobCount]]:
    """Jobs that count (certain), jobs that might (no NOC code), and the ones left out with the reason."""
    certain, uncertain, left_out = [], [], []
    for jf in jobs:
        reason = excluded_because(jf.entry, location, exclude, provinces)
        part = clip(jf.job, first, last)
        if reason is None and part is None:
            reason = f"outside the window {first} to {last}"
        if reason is None and jf.entry.noc is not None and not matches(occupations, jf.entry.noc):
            reason = f"NOC {jf.entry.noc} is not among {describe_occupations(occupations)}"
        if reason is not None or part is None:
            left_out.append(_job_count(jf, None, reason))
        elif jf.entry.noc is None:
            uncertain.append((jf, part))
        else:
            certain.append((jf, part))
    return certain, uncertain, left_out


def measure_work(c: WorkExperienceCondition, facts: Facts) -> WorkMeasure:
    """The hours a work_experience condition counts, with every job's share and the occupations found."""
    first, last = window(facts.as_of, c.window_months)
    jobs = facts.jobs()
    if not known(jobs):
        return WorkMeasure(False, first, last)
    certain, uncertain, left_out = select_jobs(jobs, c.occupations, first, last, c.location, c.exclude,
                                               c.provinces)
    by_code: dict[str, list[Job]] = defaultdict(list)
    for jf, part in certain:
        by_code[str(jf.entry.noc)].append(part)
    maybe = [part for _, part in uncertain]
    if c.single_occupation:
        scored = {code: best_count(parts, c.continuous) for code, parts in by_code.items()}
        best_code = max(scored, key=lambda k: (scored[k][0], k), default=None)
        low, credits = scored[best_code] if best_code else (Fraction(0), ())
        high = max([best_count(parts + maybe, c.continuous)[0] for parts in by_code.values()]
                   + [best_count(maybe, c.continuous)[0], low]) if maybe else low
        qualifying = sorted(k for k, v in scored.items() if v[0] >= c.min_hours)
    else:
        all_parts = [part for _, part in certain]
        low, credits = best_count(all_parts, c.continuous)
        high = best_count(all_parts + maybe, c.continuous)[0] if maybe else low
        best_code = None
        qualifying = sorted(by_code) if low >= c.min_hours else []
    # The main occupation is the one with the most experience in the window (IRPR s. 87.1(2)(e)).
    totals = {code: count(parts)[0] for code, parts in by_code.items()}
    main = max(totals, key=lambda k: (totals[k], k), default=None)
    credited = {cr.index: cr for cr in credits}
    counts = [_job_count(jf, credited.get(jf.job.index),
                         None if jf.job.index in credited else "not part of the best occupation or run")
              for jf, _ in certain]
    counts += [_job_count(jf, None, "no NOC code: it may or may not count") for jf, _ in uncertain]
    counts += left_out
    return WorkMeasure(True, first, last, float(low), float(high), best_code, main, tuple(qualifying),
                       bool(maybe), tuple(counts))


@frozen
class HoursRange:
    """Hours counted in a window: on the jobs known to count, and if the jobs without a NOC code counted too."""

    low: float
    high: float


def hours_in_window(facts: Facts, person: Person, occupations: Occupations, months: int | None,
                    location: Location, exclude: tuple[Exclusion, ...]) -> HoursRange | None:
    """Hours of ``person`` in matching occupations in the last ``months`` (None: ever, before the as-of date).

    None when the work history is unknown.
    """
    jobs = facts.jobs(person)
    if not known(jobs):
        return None
    first, last = window(facts.as_of, months) if months is not None else (dt.date.min, facts.as_of - dt.timedelta(1))
    certain, uncertain, _ = select_jobs(jobs, occupations, first, last, location, exclude)
    low = count([p for _, p in certain])[0]
    high = count([p for _, p in certain] + [p for _, p in uncertain])[0]
    return HoursRange(float(low), float(high))
