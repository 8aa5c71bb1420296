"""Scoring a points grid held as data. Each factor gives a range of points: exact when the facts are
known, from its lowest to its highest possible score when they are not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from attrs import frozen

from eligibility.facts import Facts, Person, level_rank, together
from eligibility.language import TESTS
from eligibility.measure.offer import arranged_decision
from eligibility.measure.work import hours_in_window
from eligibility.numbers import held
from eligibility.profile.model import Spouse
from eligibility.record import Record
from eligibility.rulebook.model import Occupations
from eligibility.rulebook.tables import (
    AdaptabilityPoints,
    AgePoints,
    ArrangedEmploymentPoints,
    EducationPoints,
    ExperiencePoints,
    GridVersion,
    LanguagePoints,
)
from eligibility.unknown import known
from eligibility.work import HOURS_PER_YEAR

#: The spouse's work in Canada counts in any occupation (one object, so that what is kept for it is kept once).
ANY_OCCUPATION = Occupations()

#: A factor's lowest and highest points and the words of its detail ("" when it was not asked to explain).
Scored = tuple[int, int, str]


@frozen(slots=False)
class FactorScore(Record):
    """One factor's points: ``low`` on what is known, ``high`` if every unknown went the applicant's way."""

    id: str
    says: str
    low: int
    high: int
    factor_max: int
    detail: str

    def evidence(self) -> dict[str, Any]:
        """The factor as an evidence item of a result."""
        return {"factor": self.id, "says": self.says, "points": self.low, "max_possible": self.high,
                "factor_max": self.factor_max, "detail": self.detail}


@frozen
class GridScore(Record):
    """A grid's lowest and highest possible totals and each factor's points (``found`` False: no version)."""

    found: bool
    low: int = 0
    high: int = 0
    max: int = 0
    factors: tuple[FactorScore, ...] = ()


def step(table: dict[int, int], value: int) -> int:
    """Points of the highest key at or below ``value`` (0 below the lowest key)."""
    keys = [k for k in table if k <= value]
    return table[max(keys)] if keys else 0


def language_points(f: LanguagePoints, facts: Facts, explain: bool = True) -> Scored:
    """First official language per ability, plus the second's flat points; the designation that gives most."""
    tests = facts.tests("applicant", f.max_age_months)
    if not known(tests):
        return 0, f.max, "language tests not given"
    valid = [t for t in tests if t.valid]
    # The applicant designates the first official language; score the designation that gives most.
    best, detail, scored = 0, "no valid test", False
    for first in valid:
        pts = min(f.first_language_max, sum(step(f.first_language, lvl) for lvl in first.levels.values()))
        second = next((t for t in valid if t.language != first.language
                       and min(t.levels.values()) >= f.second_language_min_level), None)
        total = min(f.max, pts + (f.second_language_points if second else 0))
        if total > best or not scored:
            best, scored = total, True
            # The words (a dict written out) cost more than the points: made only for a reader.
            if explain:
                levels = ", ".join(f"{ability} {level:g}" for ability, level in first.levels.items())
                detail = f"{TESTS[first.test.test].name} as first official language: {pts} for {levels}"
                if second:
                    detail += (f"; second official language {TESTS[second.test.test].name}: "
                               f"{f.second_language_points}")
    return best, best, detail if explain else ""


_TWO_OR_MORE = level_rank("two_or_more")


def education_points(f: EducationPoints, facts: Facts, explain: bool = True) -> Scored:
    """Points of the highest recognized credential; two or more post-secondary credentials, one of them of
    three years or more, score together as ``two_or_more`` (IRPR s. 78(2)(e)) when that is higher."""
    creds = facts.credentials("applicant", f.eca_max_age_months)
    if not known(creds):
        return 0, f.max, "education not given"
    levels = [c.level for c in creds if c.level is not None]
    if not levels:
        return 0, 0, "no recognized credential"
    best = max(levels, key=level_rank)
    post = together(creds) if level_rank(best) < _TWO_OR_MORE else ()
    if post:
        points = f.levels.get("two_or_more", 0)
        return points, points, f"two_or_more: {', '.join(str(c.level) for c in post)}"
    points = f.levels.get(best, 0)
    # A Canadian credential whose length is not given may be of 3 years or more (``together``'s ``maybe``): the
    # credentials may then count together, the high end of a range.
    maybe = together(creds, maybe=True) if level_rank(best) < _TWO_OR_MORE else ()
    if maybe and (high := f.levels.get("two_or_more", 0)) > points:
        return points, high, (f"{best}, or two_or_more ({', '.join(str(c.level) for c in maybe)}) if a Canadian "
                              f"credential whose years are not given is of 3 years or more")
    return points, points, f"{best}"


def experience_points(f: ExperiencePoints, facts: Facts, explain: bool = True) -> Scored:
    """Points by whole years of skilled work in the window (the jobs without a NOC code widen the range)."""
    hours = hours_in_window(facts, "applicant", f.occupations, f.window_months, "any", ("unpaid",))
    if hours is None:
        return 0, f.max, "work history not given"
    low, high = (step(f.years, int(h // HOURS_PER_YEAR)) for h in (hours.low, hours.high))
    if not explain:
        return low, high, ""
    years = int(hours.low // HOURS_PER_YEAR)
    return low, high, f"{held(hours.low, (years + 1) * HOURS_PER_YEAR)} h = {years} year(s) of skilled work"


def age_points(f: AgePoints, facts: Facts, explain: bool = True) -> Scored:
    """Points by age in whole years."""
    if not known(facts.age):
        return 0, f.max, "birth date not given"
    pts = f.ages.get(facts.age, 0)
    return pts, pts, f"age {facts.age}" if explain else ""


def arranged_points(f: ArrangedEmploymentPoints, facts: Facts, explain: bool = True) -> Scored:
    """The factor's points when the offer is arranged employment under the factor's rule (Python decides)."""
    outcome, detail = arranged_decision(facts, f.arranged_employment)
    return {"pass": (f.points, f.points), "fail": (0, 0), "unknown": (0, f.points)}[outcome] + (detail,)


def adaptability_points(f: AdaptabilityPoints, facts: Facts, explain: bool = True) -> Scored:
    """Each element's points when it holds (its range when unknown), capped at the factor's maximum."""
    spouse = facts.spouse()
    accompanying: bool | None = False if spouse is None else None
    if isinstance(spouse, Spouse):
        # The accompanying spouse of IRPR s. 83 immigrates with the applicant: a Canadian citizen or permanent
        # resident does not (IRCC's instructions for R83(1)(a): "someone other than a permanent resident ... or a
        # Canadian citizen"), as the CRS scores such a spouse as none.
        came, citizen = spouse.accompanying, spouse.canadian_citizen_or_pr
        if came is False or citizen is True:
            accompanying = False
        elif came is True and citizen is False:
            accompanying = True
    low = high = 0
    parts = []
    for element, pts in f.elements.items():
        state = _ELEMENTS.get(element, _relative)(f, facts, accompanying)
        if explain:
            parts.append(f"{element}: {state}")
        if state == "yes":
            low, high = low + pts, high + pts
        elif state == "unknown":
            high += pts
    return min(f.max, low), min(f.max, high), "; ".join(parts)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _spouse_language(f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    if not accompanying:
        return "unknown" if accompanying is None else "no"
    tests = facts.tests("spouse", f.spouse_test_max_age_months)
    if not known(tests):
        return "unknown"
    return _yes(any(t.valid and min(t.levels.values()) >= f.spouse_language_min_level for t in tests))


def _study(person: Person, f: AdaptabilityPoints, facts: Facts) -> str:
    education = facts.education(person)
    if not known(education):
        return "unknown"
    # A Canadian full-time credential of unknown length may be the two years asked. One completed after the day
    # evaluated counts only once two academic years of it are done (IRCC's instructions for R83(1)(b):
    # "completed at least two academic years"): its years less the years left, when that is two or more, may
    # be so (the profile does not say when it started); otherwise not yet.
    state = "no"
    for e in education:
        if e.country == "CA" and e.full_time:
            if e.years is None:
                state = "unknown"
            elif e.years >= f.study_in_canada_min_years:
                if e.completed is None or e.completed <= facts.as_of:
                    return "yes"
                left = (e.completed - facts.as_of).days / 365.25
                if e.years - left >= f.study_in_canada_min_years:
                    state = "unknown"
    return state


def _work(person: Person, f: AdaptabilityPoints, facts: Facts) -> str:
    occ = f.work_in_canada_occupations if person == "applicant" else ANY_OCCUPATION
    # "A period of full-time work in Canada of at least one year" (IRPR s. 83(1)(d), (b)): unlike the experience
    # factor, no equivalent in part-time work; a job of fewer than 30 hours a week does not count.
    hours = hours_in_window(facts, person, occ, None, "canada", ("unpaid", "unauthorized", "part_time"))
    if hours is None:
        return "unknown"
    need = f.work_in_canada_min_hours
    return "yes" if hours.low >= need else ("unknown" if hours.high >= need else "no")


def _spouse_study(f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    if not accompanying:
        return "unknown" if accompanying is None else "no"
    return _study("spouse", f, facts)


def _spouse_work(f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    if not accompanying:
        return "unknown" if accompanying is None else "no"
    return _work("spouse", f, facts)


def _arranged(f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    return {"pass": "yes", "fail": "no", "unknown": "unknown"}[arranged_decision(facts, f.arranged_employment)[0]]


def _relative(f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    relatives = facts.profile.relatives_in_canada
    return _yes(bool(relatives)) if known(relatives) else "unknown"


#: Each adaptability element's test, by its name (the names ``AdaptabilityPoints.elements`` allows; any other
#: reads as a relative in Canada, as it did when the tests were one chain). A spouse's element is "no" for a
#: spouse not accompanying or none, "unknown" while that is not known.
_ELEMENTS: dict[str, Callable[[AdaptabilityPoints, Facts, bool | None], str]] = {
    "spouse_language": _spouse_language,
    "study_in_canada": lambda f, facts, _: _study("applicant", f, facts),
    "spouse_study_in_canada": _spouse_study,
    "work_in_canada": lambda f, facts, _: _work("applicant", f, facts),
    "spouse_work_in_canada": _spouse_work,
    "arranged_employment": _arranged,
    "relative_in_canada": _relative,
}


#: Each factor's scoring by its kind; with ``explain`` False a factor leaves its detail empty (verdicts alone).
FACTORS: dict[str, Callable[[Any, Facts, bool], Scored]] = {
    "language_points": language_points, "education_points": education_points,
    "experience_points": experience_points, "age_points": age_points,
    "arranged_employment_points": arranged_points, "adaptability_points": adaptability_points,
}


def score(version: GridVersion | None, facts: Facts) -> GridScore:
    """The grid's total (low and high) and each factor's points on the facts."""
    if version is None:
        return GridScore(False)
    factors: list[FactorScore] = []
    for factor in version.factors:
        lo, hi, detail = FACTORS[factor.kind](factor, facts, True)
        factors.append(FactorScore(factor.id, factor.says, lo, hi, factor.max, detail))
    return GridScore(True, sum(s.low for s in factors), sum(s.high for s in factors), version.max, tuple(factors))


def score_range(version: GridVersion, facts: Facts) -> tuple[int, int]:
    """``score``'s lowest and highest totals alone, for the verdict-only evaluation: the same factors scored
    the same way, without the words of their details or a record per factor."""
    low = high = 0
    for factor in version.factors:
        lo, hi, _ = FACTORS[factor.kind](factor, facts, False)
        low += lo
        high += hi
    return low, high
