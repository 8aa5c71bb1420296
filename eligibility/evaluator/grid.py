"""Scoring a points grid held as data. Each factor gives a range of points: exact when the facts are
known, from its lowest to its highest possible score when they are not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.dates import window
from eligibility.evaluator.context import Context, LeafOutcome, threshold
from eligibility.evaluator.offers import arranged_employment
from eligibility.evaluator.work_leaf import select_jobs
from eligibility.facts import Facts, Person, level_rank
from eligibility.profile.model import Spouse
from eligibility.rulebook.model import Occupations, PointsCondition
from eligibility.rulebook.tables import (
    AdaptabilityPoints,
    AgePoints,
    ArrangedEmploymentPoints,
    EducationPoints,
    ExperiencePoints,
    Factor,
    LanguagePoints,
)
from eligibility.unknown import known
from eligibility.work import HOURS_PER_YEAR, count

Scored = tuple[int, int, str]
SKILLED = Occupations(teer=(0, 1, 2, 3))


def step(table: dict[int, int], value: int) -> int:
    """PointsCondition of the highest key at or below ``value`` (0 below the lowest key)."""
    keys = [k for k in table if k <= value]
    return table[max(keys)] if keys else 0


def language_points(f: LanguagePoints, facts: Facts) -> Scored:
    tests = facts.tests("applicant", f.max_age_months)
    if not known(tests):
        return 0, f.max, "language tests not given"
    valid = [t for t in tests if t.valid]
    # The applicant designates the first official language; score the designation that gives most.
    best, detail = 0, "no valid test"
    for first in valid:
        pts = min(f.first_language_max, sum(step(f.first_language, lvl) for lvl in first.levels.values()))
        second = next((t for t in valid if t.language != first.language
                       and min(t.levels.values()) >= f.second_language_min_level), None)
        total = min(f.max, pts + (f.second_language_points if second else 0))
        if total > best or detail == "no valid test":
            best = total
            detail = f"{first.test.test} as first official language: {pts} for {first.levels}"
            if second:
                detail += f"; second official language {second.test.test}: {f.second_language_points}"
    return best, best, detail


def education_points(f: EducationPoints, facts: Facts) -> Scored:
    creds = facts.credentials("applicant", f.eca_max_age_months)
    if not known(creds):
        return 0, f.max, "education not given"
    levels = [c.level for c in creds if c.level is not None]
    if not levels:
        return 0, 0, "no recognized credential"
    best = max(levels, key=level_rank)
    return f.levels.get(best, 0), f.levels.get(best, 0), f"{best}"


def _skilled_hours(facts: Facts, person: Person, occ: Occupations, months: int, location: Any,
                   exclude: Any) -> tuple[float, float] | None:
    jobs = facts.jobs(person)
    if not known(jobs):
        return None
    first, last = window(facts.as_of, months)
    certain, uncertain, _ = select_jobs(jobs, occ, first, last, location, exclude)
    low = count([p for _, p in certain])[0]
    high = count([p for _, p in certain] + [p for _, p in uncertain])[0]
    return float(low), float(high)


def experience_points(f: ExperiencePoints, facts: Facts) -> Scored:
    hours = _skilled_hours(facts, "applicant", f.occupations, f.window_months, "any", ("unpaid",))
    if hours is None:
        return 0, f.max, "work history not given"
    low, high = (step(f.years, int(h // HOURS_PER_YEAR)) for h in hours)
    return low, high, f"{hours[0]:,.0f} h = {int(hours[0] // HOURS_PER_YEAR)} year(s) of skilled work"


def age_points(f: AgePoints, facts: Facts) -> Scored:
    if not known(facts.age):
        return 0, f.max, "birth date not given"
    pts = f.ages.get(facts.age, 0)
    return pts, pts, f"age {facts.age}"


def arranged_points(f: ArrangedEmploymentPoints, facts: Facts) -> Scored:
    outcome, detail, _ = arranged_employment(facts, f.occupations, f.min_hours_per_week, f.min_duration_months)
    return {"pass": (f.points, f.points), "fail": (0, 0), "unknown": (0, f.points)}[outcome] + (detail,)


def adaptability_points(f: AdaptabilityPoints, facts: Facts) -> Scored:
    spouse = facts.profile.spouse
    accompanying: bool | None = (spouse.accompanying is True) if isinstance(spouse, Spouse) and known(
        spouse.accompanying) else (False if spouse is None else None)
    low = high = 0
    parts = []
    for element, pts in f.elements.items():
        state = _element(element, f, facts, accompanying)
        parts.append(f"{element}: {state}")
        if state == "yes":
            low, high = low + pts, high + pts
        elif state == "unknown":
            high += pts
    return min(f.max, low), min(f.max, high), "; ".join(parts)


def _element(element: str, f: AdaptabilityPoints, facts: Facts, accompanying: bool | None) -> str:
    def yes(flag: bool) -> str:
        return "yes" if flag else "no"

    if element.startswith("spouse_"):
        if accompanying is None:
            return "unknown"
        if not accompanying:
            return "no"
    if element == "spouse_language":
        tests = facts.tests("spouse")
        if not known(tests):
            return "unknown"
        return yes(any(t.valid and min(t.levels.values()) >= f.spouse_language_min_level for t in tests))
    if element in ("study_in_canada", "spouse_study_in_canada"):
        creds = facts.credentials("spouse" if element.startswith("spouse") else "applicant")
        if not known(creds):
            return "unknown"
        return yes(any(c.education.country == "CA" and c.education.full_time and (c.education.years or 0) >= 2
                       for c in creds))
    if element in ("work_in_canada", "spouse_work_in_canada"):
        person: Person = "spouse" if element.startswith("spouse") else "applicant"
        occ = SKILLED if person == "applicant" else Occupations()
        hours = _skilled_hours(facts, person, occ, 1200, "canada", ("unpaid", "unauthorized"))
        if hours is None:
            return "unknown"
        return "yes" if hours[0] >= HOURS_PER_YEAR else ("unknown" if hours[1] >= HOURS_PER_YEAR else "no")
    if element == "arranged_employment":
        outcome = arranged_employment(facts, SKILLED, 30, 12)[0]
        return {"pass": "yes", "fail": "no", "unknown": "unknown"}[outcome]
    relatives = facts.profile.relatives_in_canada
    return yes(bool(relatives)) if known(relatives) else "unknown"


FACTORS: dict[str, Callable[[Any, Facts], Scored]] = {
    "language_points": language_points, "education_points": education_points,
    "experience_points": experience_points, "age_points": age_points,
    "arranged_employment_points": arranged_points, "adaptability_points": adaptability_points,
}


def score(factors: tuple[Factor, ...], facts: Facts) -> tuple[int, int, list[dict[str, Any]]]:
    """Total low and high points and one evidence item per factor."""
    low = high = 0
    evidence = []
    for factor in factors:
        lo, hi, detail = FACTORS[factor.kind](factor, facts)
        low, high = low + lo, high + hi
        evidence.append({"factor": factor.id, "says": factor.says, "points": lo, "max_possible": hi,
                         "factor_max": factor.max, "detail": detail})
    return low, high, evidence


def points(c: PointsCondition, ctx: Context) -> LeafOutcome:
    """The grid's total against the pass mark."""
    version = ctx.library.grids[c.grid].version_on(ctx.as_of)
    if version is None:  # prevented by the library check
        return LeafOutcome("unknown", None, c.pass_mark, f"grid {c.grid} has no version for {ctx.as_of}")
    low, high, evidence = score(version.factors, ctx.facts)
    outcome = threshold(low, high, c.pass_mark)
    total = f"{low}" if low == high else f"{low} to {high} (some factors unknown)"
    text = f"{total} points of {version.max}; pass mark {c.pass_mark}"
    return LeafOutcome(outcome, low if low == high else {"low": low, "high": high}, c.pass_mark, text,
                       tuple(evidence))
