"""Whether a job offer counts as arranged employment (IRPR s. 82(2)), shared by grids, funds and leaves."""

from __future__ import annotations

from typing import Any

from eligibility.dates import window
from eligibility.evaluator.context import kleene_all
from eligibility.evaluator.occupation_match import describe_occupations, matches
from eligibility.facts import Facts
from eligibility.profile.model import JobOffer as Offer
from eligibility.result import Outcome
from eligibility.rulebook.model import Occupations
from eligibility.unknown import known
from eligibility.work import HOURS_PER_YEAR, count


def offer_checks(offer: Offer, occupations: Occupations | None, min_hours: float | None,
                 min_months: int | None) -> list[tuple[str, Outcome, str]]:
    """(what, outcome, detail) for the occupation, hours and duration of an offer."""
    checks: list[tuple[str, Outcome, str]] = []
    if occupations is not None:
        if offer.noc is None:
            checks.append(("occupation", "unknown", "the offer's NOC code is not given"))
        else:
            ok = matches(occupations, offer.noc)
            checks.append(("occupation", "pass" if ok else "fail",
                           f"NOC {offer.noc}; needs {describe_occupations(occupations)}"))
    if min_hours is not None:
        if offer.hours_per_week is None:
            checks.append(("hours", "unknown", "hours per week not given"))
        else:
            checks.append(("hours", "pass" if offer.hours_per_week >= min_hours else "fail",
                           f"{offer.hours_per_week:g} h/week; needs {min_hours:g}"))
    if min_months is not None:
        ok = offer.duration_months is None or offer.duration_months >= min_months
        length = "no end date" if offer.duration_months is None else f"{offer.duration_months} months"
        checks.append(("duration", "pass" if ok else "fail", f"{length}; needs {min_months} months or more"))
    return checks


def arranged_employment(facts: Facts, occupations: Occupations, min_hours: float,
                        min_months: int) -> tuple[Outcome, str, list[dict[str, Any]]]:
    """Whether the profile's job offer earns arranged employment, with the reasons.

    An LMIA-based offer qualifies (situations 1 and 3); an LMIA-exempt offer qualifies when it comes
    from the current Canadian employer the applicant has worked for at least one year (situation 2).
    """
    offer = facts.job_offer
    if not known(offer):
        return "unknown", "the profile does not say whether there is a job offer", []
    if offer is None:
        return "fail", facts.offer_not_yet or "no job offer", []
    checks = offer_checks(offer, occupations, min_hours, min_months)
    if offer.seasonal:
        checks.append(("seasonal", "fail", "the offer is for seasonal work"))
    if offer.lmia == "positive":
        checks.append(("lmia", "pass", "based on a positive LMIA"))
    elif offer.lmia == "none":
        checks.append(("lmia", "fail", "neither LMIA-based nor from a current LMIA-exempt employer"))
    else:
        checks.append(("lmia", *_exempt_employer(facts, offer)))
    outcome = kleene_all([o for _, o, _ in checks])
    evidence = [{"check": what, "outcome": o, "detail": d} for what, o, d in checks]
    detail = "; ".join(f"{what}: {d}" for what, o, d in checks if o != "pass") or "meets every rule"
    return outcome, detail, evidence


def _exempt_employer(facts: Facts, offer: Offer) -> tuple[Outcome, str]:
    jobs = facts.jobs()
    if not known(jobs):
        return "unknown", "LMIA-exempt offer; the work history is not given"
    if offer.employer is None:
        return "unknown", "LMIA-exempt offer; the employer is not named"
    first, last = window(facts.as_of, 120)
    same = [jf.job for jf in jobs if jf.entry.country == "CA" and jf.entry.employer == offer.employer
            and (jf.entry.end is None or jf.entry.end >= facts.as_of)]
    if not same:
        return "fail", f"LMIA-exempt offer, but {offer.employer} is not a current employer in Canada"
    hours = count([j for j in same if j.start <= last and j.end >= first])[0]
    if hours >= HOURS_PER_YEAR:
        return "pass", f"LMIA-exempt offer from the current employer, {float(hours):,.0f} h worked there"
    return "fail", f"LMIA-exempt offer, but only {float(hours):,.0f} h worked for {offer.employer}; needs 1,560"
