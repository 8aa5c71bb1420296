"""The days on which something an evaluation reads can change, each with what changes, in words.

An evaluation depends on its as-of day only through: the version of each program, grid and table in
force; the age; which language tests, credentials and ECAs are valid; which jobs have started or
ended; and the hours counted in each look-back window. Every such change falls on a day computed here
(the hours in ``eligibility.timeline.hours``), so between two consecutive event days every verdict is the
same and evaluating the event days is enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from attrs import frozen

from eligibility.dates import age_on, months_before
from eligibility.language import TESTS
from eligibility.profile.model import Education, JobOffer, LanguageTest, Nomination, Profile, Spouse, WorkEntry
from eligibility.record import Record
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import (
    ArrangedEmployment,
    EducationCondition,
    FundsCondition,
    JobOfferCondition,
    LanguageCondition,
    WorkExperienceCondition,
)
from eligibility.rulebook.tables import (
    AdaptabilityPoints,
    ArrangedEmploymentPoints,
    EducationPoints,
    ExperiencePoints,
    LanguagePoints,
)
from eligibility.rulebook.tree import walk
from eligibility.unknown import Unknown, known
from eligibility.work import HOURS_PER_YEAR, WHOLE_HISTORY_MONTHS


@frozen
class Event(Record):
    """Something that changes on ``day``: its kind, its words, and what it concerns (for choosing causes)."""

    day: dt.date
    kind: str  # rules, grid, table, crs, birthday, test, credential, offer, certificate, nomination, job, window, hours
    text: str
    program: str | None = None
    months: int | None = None
    hours: float | None = None
    codes: tuple[str, ...] = ()
    rising: bool | None = None


@frozen
class Periods(Record):
    """The look-back periods and hour thresholds the rules use."""

    windows: tuple[int, ...]
    test_months: tuple[int, ...]
    eca_months: tuple[int, ...]
    completed_within: tuple[int, ...]
    thresholds: tuple[float, ...]


def periods(library: Library) -> Periods:
    """Collect every window, validity period and hour threshold of the library's rules and grids."""
    # Counts over a whole working life (adaptability's work in Canada) are windows no job predates.
    windows: set[int] = {WHOLE_HISTORY_MONTHS}
    tests: set[int] = set()
    ecas: set[int] = set()
    within: set[int] = set()
    # Whole years of work: the FSW experience points and the CRS work factors count them.
    thresholds: set[float] = {HOURS_PER_YEAR * years for years in range(1, 11)}

    def arranged(rule: ArrangedEmployment) -> None:
        windows.add(rule.current_employer_window_months)
        thresholds.add(rule.current_employer_min_hours)

    for program in library.programs.values():
        for version in program.versions:
            for cond, _ in walk(version.conditions, "$"):
                if isinstance(cond, WorkExperienceCondition):
                    windows.add(cond.window_months)
                    thresholds.add(cond.min_hours)
                elif isinstance(cond, LanguageCondition):
                    tests.add(cond.max_age_months)
                elif isinstance(cond, FundsCondition) and cond.exempt_with_arranged_employment is not None:
                    arranged(cond.exempt_with_arranged_employment)
                elif isinstance(cond, JobOfferCondition) and cond.exempt_from_current_employer is not None:
                    windows.add(cond.exempt_from_current_employer.window_months)
                    thresholds.add(cond.exempt_from_current_employer.min_hours)
                elif isinstance(cond, EducationCondition):
                    if cond.eca_max_age_months is not None:
                        ecas.add(cond.eca_max_age_months)
                    if cond.completed_within_months is not None:
                        within.add(cond.completed_within_months)
    for grid in library.grids.values():
        for gv in grid.versions:
            for factor in gv.factors:
                if isinstance(factor, ExperiencePoints):
                    windows.add(factor.window_months)
                    thresholds |= {HOURS_PER_YEAR * years for years in factor.years}
                elif isinstance(factor, LanguagePoints):
                    tests.add(factor.max_age_months)
                elif isinstance(factor, EducationPoints):
                    ecas.add(factor.eca_max_age_months)
                elif isinstance(factor, ArrangedEmploymentPoints):
                    arranged(factor.arranged_employment)
                elif isinstance(factor, AdaptabilityPoints):
                    arranged(factor.arranged_employment)
                    tests.add(factor.spouse_test_max_age_months)
                    thresholds.add(factor.work_in_canada_min_hours)
    return Periods(tuple(sorted(windows)), tuple(sorted(tests)), tuple(sorted(ecas)), tuple(sorted(within)),
                   tuple(sorted(t for t in thresholds if t > 0)))


def first_day_reaching(when: dt.date, months: int) -> dt.date:
    """The first as-of day whose ``months`` look-back window starts on or after ``when``."""
    # months_before is non-decreasing in the day: bisect between a day that fails and one that holds.
    low, high = when, when + dt.timedelta(days=31 * months + 31)
    while low < high:
        mid = low + (high - low) // 2
        if months_before(mid, months) >= when:
            high = mid
        else:
            low = mid + dt.timedelta(days=1)
    return low


def span_words(months: int) -> str:
    """'2-year' for 24 months, '18-month' otherwise."""
    return f"{months // 12}-year" if months % 12 == 0 else f"{months}-month"


def _test_name(t: LanguageTest) -> str:
    return TESTS[t.test].name.split(" ")[0] if t.test == "ielts_general" else TESTS[t.test].name


def rule_events(library: Library) -> Iterator[Event]:
    """The start and end of every program version, grid version and amount table version."""
    for pid, program in library.programs.items():
        if program.established is not None:
            yield Event(program.established, "rules", f"{program.title} is established", program=pid)
        for v in program.versions:
            what = v.changes or v.note or "new rules"
            text = f"{program.title} closes: {what}" if not v.in_force else f"the rules of {v.valid_from} start: {what}"
            yield Event(v.valid_from, "rules", text, program=pid, rising=True)
            if v.valid_to is not None:
                yield Event(v.valid_to, "rules", f"the rules of {v.valid_from} end", program=pid)
    for gid, grid in library.grids.items():
        for g in grid.versions:
            yield Event(g.valid_from, "grid", f"the {grid.title} of {g.valid_from} starts", program=gid)
            if g.valid_to is not None:
                yield Event(g.valid_to, "grid", f"the {grid.title} of {g.valid_from} ends", program=gid)
    for crs in library.crs.values():
        for c in crs.versions:
            yield Event(c.valid_from, "crs", f"the CRS criteria of {c.valid_from} start: {c.changes or 'new criteria'}")
            if c.valid_to is not None:
                yield Event(c.valid_to, "crs", f"the CRS criteria of {c.valid_from} end")
    for tid, table in library.tables.items():
        for a in table.versions:
            yield Event(a.valid_from, "table", f"the {table.title} of {a.valid_from} starts", program=tid)
            if a.valid_to is not None:
                yield Event(a.valid_to, "table", f"the {table.title} of {a.valid_from} ends", program=tid)


def birthday_events(birth: dt.date, start: dt.date, until: dt.date) -> Iterator[Event]:
    """The first day of each new age in [start, until)."""
    for year in range(start.year, until.year + 1):
        day = dt.date(year, 3, 1) if (birth.month, birth.day) == (2, 29) and not _leap(year) else \
            dt.date(year, birth.month, birth.day)
        if start < day < until:
            yield Event(day, "birthday", f"age {age_on(birth, day)}")


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def test_events(tests: Iterable[LanguageTest], months: Iterable[int], whose: str) -> Iterator[Event]:
    """The day each test starts to count, the day it is too old, and the day its kind is first accepted."""
    for t in tests:
        name = f"{whose}{_test_name(t)} of {t.taken}"
        yield Event(t.taken, "test", f"{name} is taken")
        accepted = TESTS[t.test].accepted_from
        if accepted is not None:
            yield Event(accepted, "test", f"{TESTS[t.test].name} is accepted from {accepted}")
        # The validity runs from the date on the result when the profile gives it (see facts.Facts.tests).
        start = t.result_date or t.taken
        if t.result_date is not None:
            yield Event(t.result_date, "test", f"{name}: result issued {t.result_date}")
        for m in months:
            # With a result date it is the result that grows old ("... of 2024-02-29, result of 2024-03-12, is 2
            # years old"), not the day of the test.
            what = f"{name}, result of {t.result_date}," if t.result_date is not None else name
            yield Event(first_day_reaching(start, m), "test", f"{what} is {span_words(m).replace('-', ' ')}s old",
                        months=m)


def education_events(education: Iterable[Education], eca_months: Iterable[int], within: Iterable[int],
                     whose: str) -> Iterator[Event]:
    """Completion days, ECA issue and expiry days, and the end of 'completed within' periods."""
    for e in education:
        what = f"{whose}{e.level.replace('_', ' ')} credential"
        if e.completed is not None:
            yield Event(e.completed, "credential", f"{what} completed {e.completed}")
            for m in within:
                yield Event(first_day_reaching(e.completed, m), "credential",
                            f"{what} was completed {m} months ago", months=m)
        if e.eca is not None:
            yield Event(e.eca.issued, "credential", f"the ECA of {e.eca.issued} is issued")
            for m in eca_months:
                yield Event(first_day_reaching(e.eca.issued, m), "credential",
                            f"the ECA of {e.eca.issued} is {span_words(m).replace('-', ' ')}s old", months=m)


def job_events(work: Iterable[WorkEntry], windows: Iterable[int], whose: str) -> Iterator[Event]:
    """A job's first counted day, the day after it ends, and the day it has left each look-back window."""
    windows = tuple(windows)
    for w in work:
        label = f"{whose}{w.title or 'job'}" + (f" at {w.employer}" if w.employer else "")
        codes = (w.noc,) if w.noc else ()
        # A job is in the facts from the as-of day after its first day (the as-of day itself is not counted).
        yield Event(w.start + dt.timedelta(days=1), "job", f"{label} starts counting", codes=codes, rising=True)
        if w.end is None:
            continue
        yield Event(w.end + dt.timedelta(days=1), "job", f"{label} ended {w.end}", codes=codes, rising=False)
        for m in windows:
            years = f"{w.start.year}" if w.start.year == w.end.year else f"{w.start.year}-{w.end.year}"
            yield Event(first_day_reaching(w.end + dt.timedelta(days=1), m), "window",
                        f"work of {years} ({label}) leaves the {span_words(m)} window", months=m, codes=codes,
                        rising=False)


def profile_events(profile: Profile, p: Periods, start: dt.date, until: dt.date) -> Iterator[Event]:
    """Every dated change of the profile's facts in the horizon (and some outside it, filtered later)."""
    if known(profile.birth_date):
        yield from birthday_events(profile.birth_date, start, until)
    offer = profile.job_offer
    if isinstance(offer, JobOffer) and offer.issued is not None:
        yield Event(offer.issued, "offer", f"the job offer of {offer.issued} is made")
    if known(profile.certificates_of_qualification):
        for c in profile.certificates_of_qualification:
            if c.issued is not None:
                yield Event(c.issued, "certificate", f"the certificate of qualification for {c.noc} is issued")
    nomination = profile.provincial_nomination
    if isinstance(nomination, Nomination):
        yield Event(nomination.issued, "nomination", f"the {nomination.province} nomination is issued")
    yield from _person_events(profile.language_tests, profile.education, profile.work, p, "")
    if isinstance(profile.spouse, Spouse):
        s = profile.spouse
        yield from _person_events(s.language_tests, s.education, s.work, p, "the spouse's ")


def _person_events(tests: tuple[LanguageTest, ...] | Unknown, education: tuple[Education, ...] | Unknown,
                   work: tuple[WorkEntry, ...] | Unknown, p: Periods, whose: str) -> Iterator[Event]:
    if known(tests):
        yield from test_events(tests, p.test_months, whose)
    if known(education):
        yield from education_events(education, p.eca_months, p.completed_within, whose)
    if known(work):
        yield from job_events(work, p.windows, whose)
