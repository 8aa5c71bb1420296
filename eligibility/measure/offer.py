"""The job offer as it stood on the as-of date, and the hours worked for its employer (arranged employment)."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

from eligibility.dates import window
from eligibility.facts import Facts, JobFact
from eligibility.logic import Outcome, kleene_all
from eligibility.measure.noc_2016 import skilled_2016
from eligibility.measure.occupations import describe_occupations, selects
from eligibility.numbers import held
from eligibility.profile.model import JobOffer, WorkEntry
from eligibility.record import Record
from eligibility.rulebook.crs import SkillLevel2016
from eligibility.rulebook.model import ArrangedEmployment, Occupations
from eligibility.unknown import known
from eligibility.work import count


@frozen
class OfferMeasure(Record):
    """The offer (None: there is none on the date) or ``known`` False when the profile does not say."""

    known: bool
    offer: JobOffer | None = None
    not_yet: str | None = None

    @property
    def absent_text(self) -> str:
        """Why there is no offer to assess."""
        if not self.known:
            return "the profile does not say whether there is a job offer"
        return self.not_yet or "no job offer"


def measure_offer(facts: Facts) -> OfferMeasure:
    """The job offer on the as-of date (an offer issued later does not exist yet), measured once per evaluation."""
    return facts.memo("offer", _measure_offer, facts)


def _measure_offer(facts: Facts) -> OfferMeasure:
    offer = facts.job_offer
    if not known(offer):
        return OfferMeasure(False)
    return OfferMeasure(True, offer, facts.offer_not_yet)


@frozen
class EmployerHours(Record):
    """For an LMIA-exempt offer: whether the employer is a current one in Canada, and the hours worked there.

    ``known`` is False when the work history is not given or the offer does not name the employer.
    """

    known: bool
    employer: str | None
    reason: str = ""
    current: bool = False
    hours: float = 0.0
    #: When jobs in Canada do not name their employer (they may be for the offer's): whether the employer may be a
    #: current one, and the hours if every such job were for it (None: every job names its employer).
    current_high: bool = False
    hours_high: float | None = None


@frozen
class ArrangedMeasure(Record):
    """The offer, and for an LMIA-exempt one the hours worked for its employer in the rule's window."""

    offer: OfferMeasure
    employer: EmployerHours | None = None


#: Per rule object (by identity, the object kept to check it): the first rule of equal fields met, whose identity
#: keys the memos of every Facts. The FSW grid, the funds exemption and the CRS each hold an equal rule of their
#: own: one decision serves the three.
_SAME: dict[int, tuple[ArrangedEmployment, int]] = {}
_FIRST: dict[ArrangedEmployment, ArrangedEmployment] = {}


def _rule_key(rule: ArrangedEmployment) -> int:
    hit = _SAME.get(id(rule))
    if hit is None or hit[0] is not rule:
        if len(_SAME) >= 1024:
            _SAME.clear()  # rules live as long as their library: a process loading many must not keep them all
            _FIRST.clear()
        hit = _SAME[id(rule)] = (rule, id(_FIRST.setdefault(rule, rule)))
    return hit[1]


def measure_arranged(facts: Facts, rule: ArrangedEmployment) -> ArrangedMeasure:
    """What arranged employment needs to know of the profile's offer and work history (measured once per Facts
    and rule)."""
    return facts.memo(("arranged", _rule_key(rule)), _measure_arranged, facts, rule)


def _measure_arranged(facts: Facts, rule: ArrangedEmployment) -> ArrangedMeasure:
    found = measure_offer(facts)
    offer = found.offer
    if offer is None or offer.lmia != "exempt" or not rule.exempt_offers:
        return ArrangedMeasure(found)
    return ArrangedMeasure(found, employer_hours(facts, rule.current_employer_window_months))


def employer_hours(facts: Facts, window_months: int) -> EmployerHours:
    """For the profile's offer: whether its employer is a current one in Canada, and the hours worked there in the
    last ``window_months`` (measured once per Facts and window; the offer must exist)."""
    return facts.memo(("employer hours", window_months), _employer_hours, facts, window_months)


def _employer_hours(facts: Facts, window_months: int) -> EmployerHours:
    offer = measure_offer(facts).offer
    assert offer is not None  # asked only about an offer
    jobs = facts.jobs()
    if not known(jobs):
        return EmployerHours(False, offer.employer, "the work history is not given")
    if offer.employer is None:
        return EmployerHours(False, None, "the employer is not named")
    first, last = window(facts.as_of, window_months)
    canadian = [jf for jf in jobs if jf.entry.country == "CA"]
    # The employer must be a current one (a job held on the day evaluated); the year worked for it counts every job
    # with it, an earlier one too (IRPR s. 82(2): "has worked for that employer for at least one year").
    now = _held(canadian, facts.as_of)
    current = any(jf.entry.employer == offer.employer for jf in now)
    same = [jf.job for jf in canadian if jf.entry.employer == offer.employer]
    hours = count([j for j in same if j.start <= last and j.end >= first])[0]
    # A job in Canada that does not name its employer may be for the offer's (a current one: the employer may be
    # current).
    maybe = [jf.job for jf in canadian if jf.entry.employer is None]
    if not maybe:
        return EmployerHours(True, offer.employer, "", current, float(hours))
    high = count([j for j in same + maybe if j.start <= last and j.end >= first])[0]
    maybe_current = current or any(jf.entry.employer is None for jf in now)
    return EmployerHours(True, offer.employer, "", current, float(hours), maybe_current, float(high))


@frozen
class PermitGroup(Record):
    """For an LMIA-exempt offer that must be in the NOC minor group of the occupation on the work permit: whether
    it is, that occupation read from the current job in Canada with the offer's employer, and the words saying so."""

    outcome: Outcome
    words: str


def permit_group(facts: Facts) -> PermitGroup:
    """Whether the profile's offer is in the NOC minor group (its code's first four digits) of the occupation on
    the work permit: the current job in Canada with the offer's employer, or, when no current job names that
    employer, a current job in Canada that names none (it may be with it). Several such jobs pass only if all are
    in the group and fail only if none is; a job without its code leaves it unknown (measured once per Facts; the
    offer must exist)."""
    return facts.memo("permit group", _permit_group, facts)


def _codes(entries: list[WorkEntry]) -> str:
    return ", ".join([f"NOC {e.noc}" if e.noc is not None else "NOC not given" for e in entries])


def _permit_group(facts: Facts) -> PermitGroup:
    offer = measure_offer(facts).offer
    assert offer is not None  # asked only about an offer
    jobs = facts.jobs()
    if not known(jobs):
        return PermitGroup("unknown", "the occupation on the work permit is not known: the work history is not given")
    if offer.employer is None:
        return PermitGroup("unknown", "the occupation on the work permit is not known: the offer's employer is not "
                                      "named")
    if offer.noc is None:
        return PermitGroup("unknown", "the offer's NOC code is not given, to compare with the occupation on the "
                                      "work permit")
    group = offer.noc[:4]
    now = [jf.entry for jf in _held([jf for jf in jobs if jf.entry.country == "CA"], facts.as_of)]
    named = [e for e in now if e.employer == offer.employer]
    held_by = f"the current job with {offer.employer}"
    candidates = named
    if not named:
        candidates = [e for e in now if e.employer is None]
        held_by = "a current job in Canada naming no employer"
    if not candidates:
        return PermitGroup("fail", f"no current job in Canada with {offer.employer}, the occupation on the work "
                                   f"permit")
    outcomes = {"unknown" if e.noc is None else ("pass" if e.noc[:4] == group else "fail") for e in candidates}
    codes = _codes(candidates)
    if outcomes == {"pass"}:
        return PermitGroup("pass", f"the offer (NOC {offer.noc}) is in minor group {group}, that of {held_by} "
                                   f"({codes}), the occupation on the work permit")
    if outcomes == {"fail"}:
        return PermitGroup("fail", f"the offer (NOC {offer.noc}, minor group {group}) is not in the minor group of "
                                   f"{held_by} ({codes}), the occupation on the work permit")
    return PermitGroup("unknown", f"the offer (NOC {offer.noc}, minor group {group}) may not be in the minor group "
                                  f"of the occupation on the work permit: {held_by} ({codes})")


def permit_facts(g: PermitGroup | None) -> dict[str, int]:
    """The fact durable decides the work permit's minor group on: none while it is unknown."""
    if g is None or g.outcome == "unknown":
        return {}
    return {"permit_group": int(g.outcome == "pass")}


def _held(jobs: list[JobFact], as_of: dt.date) -> list[JobFact]:
    """The jobs still held on ``as_of`` (not ended, or ending on it or later): the current ones, as the current
    employer of an LMIA-exempt offer and the work permit's occupation read them."""
    return [jf for jf in jobs if jf.entry.end is None or jf.entry.end >= as_of]


def employer_words(e: EmployerHours, min_hours: float) -> str:
    """The words of the LMIA-exempt route's check: a current employer in Canada, and the hours worked there."""
    if not e.known:
        return f"LMIA-exempt offer; {e.reason}"
    if employer_outcome(e, min_hours) == "unknown":
        return (f"LMIA-exempt offer; {held(e.hours, min_hours)} h worked for {e.employer}, up to "
                f"{held(e.hours_high or 0.0, min_hours)} h if the jobs in Canada that do not name their "
                f"employer are for it; needs {min_hours:,.0f}")
    if not e.current:
        return f"LMIA-exempt offer, but {e.employer} is not a current employer in Canada"
    if e.hours >= min_hours:
        return f"LMIA-exempt offer from the current employer, {held(e.hours, min_hours)} h worked there"
    return f"LMIA-exempt offer, but only {held(e.hours, min_hours)} h worked for {e.employer}; needs {min_hours:,.0f}"


def employer_outcome(e: EmployerHours, min_hours: float) -> Outcome:
    """The LMIA-exempt route's outcome: unknown when the work history or the employer is not given, or while
    jobs that do not name their employer could make it a current one and bring it to ``min_hours``."""
    if not e.known:
        return "unknown"
    if e.current and e.hours >= min_hours:
        return "pass"
    if e.hours_high is not None and e.current_high and e.hours_high >= min_hours:
        return "unknown"
    return "fail"


def employer_facts(e: EmployerHours | None, min_hours: float) -> dict[str, int | float]:
    """The employer's facts durable decides the LMIA-exempt route on: none while the route's outcome is unknown
    (the work history or the employer not given, or jobs naming no employer that could bring the hours), so that
    durable leaves it unknown too."""
    if e is None or employer_outcome(e, min_hours) == "unknown":
        return {}
    return {"current": int(e.current), "employer_hours": e.hours}


def offer_details(offer: JobOffer, occupations: Occupations | None, min_hours: float | None,
                  min_months: int | None) -> dict[str, str]:
    """The words of each check an offer is held to: occupation, hours, duration (those asked)."""
    out: dict[str, str] = {}
    if occupations is not None:
        out["occupation"] = ("the offer's NOC code is not given" if offer.noc is None
                             else f"NOC {offer.noc}; needs {describe_occupations(occupations)}")
    if min_hours is not None:
        out["hours"] = ("hours per week not given" if offer.hours_per_week is None
                        else f"{offer.hours_per_week:g} h/week; needs {min_hours:g}")
    if min_months is not None:
        length = "no end date" if offer.duration_months is None else f"{offer.duration_months} months"
        out["duration"] = f"{length}; needs {min_months} months or more"
    return out


def offer_outcomes(offer: JobOffer, occupations: Occupations | None, min_hours: float | None,
                   min_months: int | None) -> dict[str, Outcome]:
    """Python's outcome of each check ``offer_details`` words (the native decision)."""
    out: dict[str, Outcome] = {}
    if occupations is not None:
        # ``selects``: ``matches``' answer kept with the selector (found by identity, the selector not hashed).
        out["occupation"] = "unknown" if offer.noc is None else ("pass" if selects(occupations, offer.noc) else "fail")
    if min_hours is not None:
        out["hours"] = "unknown" if offer.hours_per_week is None else (
            "pass" if offer.hours_per_week >= min_hours else "fail")
    if min_months is not None:
        out["duration"] = "pass" if offer.duration_months is None or offer.duration_months >= min_months else "fail"
    return out


def arranged_details(m: ArrangedMeasure, rule: ArrangedEmployment) -> dict[str, str]:
    """The words of each arranged-employment check: the offer's, seasonal work, and the LMIA situation."""
    offer = m.offer.offer
    if offer is None:
        return {}
    out = offer_details(offer, rule.occupations, rule.min_hours_per_week, rule.min_duration_months)
    if rule.indeterminate:
        out["duration"] = ("no end date" if offer.duration_months is None
                           else f"{offer.duration_months} months; needs an offer of indeterminate duration")
    if offer.seasonal:
        out["seasonal"] = "the offer is for seasonal work"
    if offer.lmia == "positive":
        out["lmia"] = "based on a positive LMIA"
    elif offer.lmia == "none":
        out["lmia"] = ("neither LMIA-based nor from a current LMIA-exempt employer" if rule.exempt_offers
                       else "not LMIA-based")
    elif not rule.exempt_offers:
        out["lmia"] = "LMIA-exempt offer; only an LMIA-based offer qualifies under these rules"
    elif m.employer is not None:
        out["lmia"] = employer_words(m.employer, rule.current_employer_min_hours)
    return out


def arranged_outcomes(m: ArrangedMeasure, rule: ArrangedEmployment) -> dict[str, Outcome]:
    """Python's outcome of each arranged-employment check (used by the native decision and grid points)."""
    offer = m.offer.offer
    if offer is None:
        return {}
    out = offer_outcomes(offer, rule.occupations, rule.min_hours_per_week, rule.min_duration_months)
    if rule.indeterminate:
        out["duration"] = "pass" if offer.duration_months is None else "fail"
    if offer.seasonal:
        out["seasonal"] = "fail"
    if offer.lmia in ("positive", "none") or not rule.exempt_offers:
        out["lmia"] = "pass" if offer.lmia == "positive" else "fail"
    elif m.employer is not None:
        out["lmia"] = employer_outcome(m.employer, rule.current_employer_min_hours)
    return out


def arranged_result(m: ArrangedMeasure, rule: ArrangedEmployment, parts: dict[str, Outcome],
                    details: dict[str, str] | None = None) -> tuple[Outcome, str]:
    """Arranged employment's outcome from its checks' outcomes, and the words of those that did not pass
    (``details``: the checks' words when already worked out, ``arranged_details``)."""
    if not m.offer.known:
        return "unknown", m.offer.absent_text
    if m.offer.offer is None:
        return "fail", m.offer.absent_text
    if details is None:
        details = arranged_details(m, rule)
    outcome = kleene_all(parts[k] for k in details)
    text = "; ".join(f"{k}: {d}" for k, d in details.items() if parts[k] != "pass") or "meets every rule"
    return outcome, text


def arranged_decision(facts: Facts, rule: ArrangedEmployment) -> tuple[Outcome, str]:
    """Whether the profile's offer is arranged employment under ``rule`` (decided in Python), and the words of the
    checks not passed: decided once per Facts and rule (the FSW grid asks twice, the CRS once)."""
    outcome, text, _, _ = arranged_checks(facts, rule)
    return outcome, text


#: The outcome, the words of the checks not passed, and each check's outcome and words.
Checks = tuple[Outcome, str, dict[str, Outcome], dict[str, str]]


def arranged_checks(facts: Facts, rule: ArrangedEmployment,
                    skilled_2016: tuple[SkillLevel2016, ...] | None = None) -> Checks:
    """``arranged_decision`` with each check's outcome and words, kept per Facts and rule (read them, do not
    change them): the CRS explains its arranged employment with the checks the evaluation decided.

    With ``skilled_2016`` (the CRS before 2022-11-16) the offer's occupation is checked in those NOC 2016 skill
    type and levels instead of the rule's NOC 2021 occupations (``noc_2016.skilled_2016``)."""
    if skilled_2016 is None:
        return facts.memo(("arranged decision", _rule_key(rule)), _decide, facts, rule)
    return facts.memo(("arranged decision", _rule_key(rule), skilled_2016), _decide_2016, facts, rule, skilled_2016)


def _decide(facts: Facts, rule: ArrangedEmployment) -> Checks:
    m = measure_arranged(facts, rule)
    parts = arranged_outcomes(m, rule)
    details = arranged_details(m, rule)
    return (*arranged_result(m, rule, parts, details), parts, details)


def _decide_2016(facts: Facts, rule: ArrangedEmployment, levels: tuple[SkillLevel2016, ...]) -> Checks:
    m = measure_arranged(facts, rule)
    parts = arranged_outcomes(m, rule)
    details = arranged_details(m, rule)
    offer = m.offer.offer
    if offer is not None and "occupation" in details:
        found, words = skilled_2016(levels, offer.noc_2016, offer.noc)
        parts["occupation"] = "unknown" if found is None else ("pass" if found else "fail")
        details["occupation"] = ("the offer's NOC code is not given" if offer.noc is None and offer.noc_2016 is None
                                 else words)
    return (*arranged_result(m, rule, parts, details), parts, details)


def arranged_employment(facts: Facts, rule: ArrangedEmployment) -> tuple[Outcome, str, list[dict[str, str]]]:
    """Whether the profile's offer is arranged employment under ``rule``, decided in Python, with the reasons:
    the outcome, the words of the checks not passed, and one evidence item per check."""
    outcome, detail, parts, details = arranged_checks(facts, rule)
    evidence = [{"check": k, "outcome": parts[k], "detail": d} for k, d in details.items()]
    return outcome, detail, evidence
