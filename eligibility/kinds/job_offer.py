"""job_offer: a job offer meeting each requirement the condition lists (occupation, hours, wage...)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from attrs import frozen

from eligibility.converter import unstructure
from eligibility.kinds.base import (
    Check,
    Decision,
    Explained,
    Kind,
    LeafOutcome,
    Matcher,
    Scalar,
    Test,
    conj,
    plain,
)
from eligibility.kinds.certificate import Trades, trades_of
from eligibility.kinds.funds import OPEN_ENDED_MONTHS, exempt_route_check
from eligibility.logic import Outcome, kleene_all
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.measure.occupations import describe_occupations, selects
from eligibility.measure.offer import (
    EmployerHours,
    OfferMeasure,
    PermitGroup,
    employer_facts,
    employer_hours,
    employer_outcome,
    employer_words,
    measure_offer,
    offer_details,
    offer_outcomes,
    permit_facts,
    permit_group,
)
from eligibility.numbers import held
from eligibility.profile.model import JobOffer
from eligibility.record import Record
from eligibility.rulebook.model import JobOfferCondition, Occupations


@frozen(slots=False)
class JobOfferMeasure(Record):
    """The offer on the date, and the hourly wage floor that applies to its occupation (None: no floor)."""

    offer: OfferMeasure
    floor: float | None = None
    #: The offer as its JSON object (None without an offer), made once per evaluation.
    data: Any = None
    #: For an LMIA-exempt offer under a condition with ``exempt_from_current_employer``: its employer's hours.
    employer: EmployerHours | None = None
    #: Under a condition with ``same_occupation_as``: the trades of that experience.
    trades: Trades | None = None
    #: For an LMIA-exempt offer under a condition whose current-employer route asks ``same_minor_group``: whether
    #: the offer is in the minor group of the occupation on the work permit.
    permit: PermitGroup | None = None


def measure(c: JobOfferCondition, mm: Measurer) -> JobOfferMeasure:
    """The offer, and the higher of the general floor and the floor listed for its NOC code."""
    found = measure_offer(mm.facts)
    offer = found.offer
    data = mm.facts.memo("job-offer-data", unstructure, offer) if offer is not None else None
    trades = trades_of(c.trade_source, mm) if c.same_occupation_as is not None else None
    return JobOfferMeasure(found, _floor(c, offer), data, _employer(c, mm, offer), trades, _permit(c, mm, offer))


def _employer(c: JobOfferCondition, mm: Measurer, offer: JobOffer | None) -> EmployerHours | None:
    """The offering employer's hours, when the condition holds an LMIA-exempt offer to its current employer."""
    rule = c.exempt_from_current_employer
    if rule is None or offer is None or offer.lmia != "exempt":
        return None
    return employer_hours(mm.facts, rule.window_months)


def _permit(c: JobOfferCondition, mm: Measurer, offer: JobOffer | None) -> PermitGroup | None:
    """Whether an LMIA-exempt offer is in the minor group of the occupation on the work permit, when the
    condition's current-employer route asks it."""
    rule = c.exempt_from_current_employer
    if rule is None or not rule.same_minor_group or offer is None or offer.lmia != "exempt":
        return None
    return permit_group(mm.facts)


def _floor(c: JobOfferCondition, offer: JobOffer | None) -> float | None:
    """The higher of the general hourly floor and the floor listed for the offer's NOC code (None: no floor)."""
    floor = c.min_wage_hourly
    if offer is not None and c.wage_floors_hourly and offer.noc in c.wage_floors_hourly:
        floor = max(floor or 0.0, c.wage_floors_hourly[offer.noc])
    return floor


def _details(c: JobOfferCondition, offer: JobOffer, floor: float | None,
             employer: EmployerHours | None = None, trades: Trades | None = None,
             permit: PermitGroup | None = None) -> dict[str, str]:
    out = offer_details(offer, c.occupations, c.min_hours_per_week, c.min_duration_months)
    if trades is not None:
        out["trade"] = f"NOC {offer.noc or 'not given'}; needs the trade of the experience ({trades.words})"
    if c.lmia is not None:
        out["lmia"] = f"LMIA {offer.lmia}; needs {', '.join(c.lmia)}"
        if employer is not None and c.exempt_from_current_employer is not None:
            words = employer_words(employer, c.exempt_from_current_employer.min_hours)
            out["lmia"] += f" ({words}; {permit.words})" if permit is not None else f" ({words})"
    if c.provinces is not None:
        out["province"] = f"{offer.province or 'not given'}; needs {', '.join(c.provinces)}"
    if c.non_seasonal:
        out["seasonal"] = "seasonal" if offer.seasonal else "not seasonal"
    if floor is not None:
        out["wage_hourly"] = (f"hourly wage not given; needs ${floor:,.2f}" if offer.wage_hourly is None
                              else f"${offer.wage_hourly:,.2f}/h; needs ${floor:,.2f}")
    if c.min_wage_annual is not None:
        out["wage_annual"] = (f"annual wage not given; needs ${c.min_wage_annual:,.0f}" if offer.wage_annual is None
                              else f"${held(offer.wage_annual, c.min_wage_annual)}/yr; needs ${c.min_wage_annual:,.0f}")
    return out


def _at_least(value: float | None, minimum: float) -> Outcome:
    return "unknown" if value is None else ("pass" if value >= minimum else "fail")


def decide(c: JobOfferCondition, m: JobOfferMeasure) -> Decision:
    """Each requirement the condition lists, in Python."""
    offer = m.offer.offer
    if not m.offer.known:
        return Decision("unknown")
    if offer is None:
        return Decision("fail")
    parts = offer_outcomes(offer, c.occupations, c.min_hours_per_week, c.min_duration_months)
    if m.trades is not None:
        parts["trade"] = m.trades.holds(offer.noc)
    if c.lmia is not None:
        parts["lmia"] = "pass" if offer.lmia in c.lmia else "fail"
        if m.employer is not None and c.exempt_from_current_employer is not None and parts["lmia"] == "pass":
            parts["lmia"] = employer_outcome(m.employer, c.exempt_from_current_employer.min_hours)
            if m.permit is not None:
                parts["lmia"] = kleene_all((parts["lmia"], m.permit.outcome))
    if c.provinces is not None:
        parts["province"] = "unknown" if offer.province is None else (
            "pass" if offer.province in c.provinces else "fail")
    if c.non_seasonal:
        parts["seasonal"] = "fail" if offer.seasonal else "pass"
    if m.floor is not None:
        parts["wage_hourly"] = _at_least(offer.wage_hourly, m.floor)
    if c.min_wage_annual is not None:
        parts["wage_annual"] = _at_least(offer.wage_annual, c.min_wage_annual)
    return Decision(kleene_all(parts.values()), parts)


def durable_checks(c: JobOfferCondition) -> dict[str, Check]:
    """``offer`` (there is one), and one check per requirement listed."""
    out = {"offer": conj(Test("has_offer", "==", 1))}
    if c.same_occupation_as is not None:
        out["trade"] = conj(Test("same_trade", "==", 1))
    if c.min_hours_per_week is not None:
        out["hours"] = conj(Test("hours_per_week", ">=", c.min_hours_per_week))
    if c.min_duration_months is not None:
        out["duration"] = conj(Test("duration_months", ">=", c.min_duration_months))
    if c.lmia is not None:
        out["lmia"] = conj(Test("lmia", "in", list(c.lmia)))
        if c.exempt_from_current_employer is not None:
            rule = c.exempt_from_current_employer
            out["lmia"] = exempt_route_check(c.lmia, rule.min_hours, rule.same_minor_group)
    if c.provinces is not None:
        out["province"] = conj(Test("province", "in", list(c.provinces)))
    if c.non_seasonal:
        out["seasonal"] = conj(Test("seasonal", "==", 0))
    if c.min_wage_hourly is not None or c.wage_floors_hourly:
        out["wage_hourly"] = conj(Test("wage_margin", ">=", 0))
    if c.min_wage_annual is not None:
        out["wage_annual"] = conj(Test("wage_annual", ">=", c.min_wage_annual))
    return out


def durable_decide(c: JobOfferCondition, m: JobOfferMeasure, run: Matcher) -> Decision:
    """The offer's fields asserted as one fact; durable decides each requirement and the occupation."""
    offer = m.offer.offer
    if not m.offer.known:
        return Decision(run.one("offer", {}))
    if offer is None:
        return Decision(run.one("offer", {"has_offer": 0}))
    fields: dict[str, Scalar] = {
        "has_offer": 1, "lmia": offer.lmia, "seasonal": int(offer.seasonal),
        "duration_months": OPEN_ENDED_MONTHS if offer.duration_months is None else offer.duration_months}
    for name, value in (("hours_per_week", offer.hours_per_week), ("province", offer.province),
                        ("wage_annual", offer.wage_annual)):
        if value is not None:
            fields[name] = value
    if m.floor is not None and offer.wage_hourly is not None:
        fields["wage_margin"] = offer.wage_hourly - m.floor
    rule = c.exempt_from_current_employer
    if rule is not None:
        fields.update(employer_facts(m.employer, rule.min_hours))
        fields.update(permit_facts(m.permit))
    if m.trades is not None and (same := m.trades.holds(offer.noc)) != "unknown":
        # A trade that may still count is not asserted: durable leaves the check unknown.
        fields["same_trade"] = int(same == "pass")
    guard = run.one("offer", fields)
    parts: dict[str, Outcome] = {}
    if c.occupations is not None:
        parts["occupation"] = run.member(c.occupations, offer.noc)
    checked = [n for n in durable_checks(c) if n != "offer"]
    if m.floor is None and "wage_hourly" in checked:
        checked.remove("wage_hourly")  # a floor listed only for other codes does not apply to this offer
    parts.update({n: run.one(n, fields) for n in checked})
    return Decision(guard if guard != "pass" else kleene_all(parts.values()), parts)


def _required(c: JobOfferCondition) -> Any:
    required = {k: v for k, v in unstructure(c).items() if k in {
        "min_hours_per_week", "min_duration_months", "lmia", "provinces", "min_wage_hourly", "min_wage_annual",
        "non_seasonal", "exempt_from_current_employer"} and v not in (None, False)}
    if c.occupations is not None:
        required["occupations"] = describe_occupations(c.occupations)
    return plain(required)


_SCALAR = (str, int, float, bool)


def _kept_required(c: JobOfferCondition) -> tuple[Any, int]:
    """The condition's requirements as plain data, and how deep a copy of it must go: 1 when every value is a
    scalar (a shallow copy is a copy), 2 when every value is a scalar or a list or dict of scalars (the lists and
    dicts copied too: the LMIA situations, the provinces, the current employer's route), else 0 (``plain``)."""
    required = _required(c)
    values = required.values()
    if all(type(v) in _SCALAR for v in values):
        return required, 1
    if all(type(v) in _SCALAR or (type(v) is list and all(type(x) in _SCALAR for x in v))
           or (type(v) is dict and all(type(x) in _SCALAR for x in v.values())) for v in values):
        return required, 2
    return required, 0


_REQUIRED: IdentityCache[JobOfferCondition, tuple[Any, int]] = IdentityCache()


def report(c: JobOfferCondition, m: JobOfferMeasure, d: Decision) -> LeafOutcome:
    """Each requirement with the offer's value, the ones not met first in the explanation."""
    # A copy: the condition's own dict is never handed out.
    kept, depth = _REQUIRED.get(c, _kept_required)
    if depth == 1:
        required = dict(kept)
    elif depth == 2:
        required = {k: v.copy() if type(v) is list or type(v) is dict else v for k, v in kept.items()}
    else:
        required = plain(kept)
    if m.trades is not None:
        required["same_trade_as"] = list(m.trades.codes)
    offer = m.offer.offer
    if offer is None:
        return LeafOutcome(d.outcome, None, required, m.offer.absent_text, plain=True)
    details = _details(c, offer, m.floor, m.employer, m.trades, m.permit)
    parts = d.parts
    text = "; ".join([f"{w}: {t}" for w, t in details.items() if parts[w] != "pass"])
    evidence = tuple([{"check": w, "outcome": parts[w], "detail": t} for w, t in details.items()])
    # The offer's data is plain text, numbers and flags (dates already ISO text): a shallow copy is a copy.
    return LeafOutcome(d.outcome, dict(m.data), required, text or "the offer meets every requirement",
                       evidence, plain=True)


def outcome(c: JobOfferCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: without an offer it is settled before the offer's
    details and wage floor are looked at; with one, decided without the offer's JSON object (which only the
    report reads)."""
    def decided(mm: Measurer) -> Outcome:
        found = measure_offer(mm.facts)
        if not found.known:
            return "unknown"
        if found.offer is None:
            return "fail"
        trades = trades_of(c.trade_source, mm) if c.same_occupation_as is not None else None
        return decide(c, JobOfferMeasure(found, _floor(c, found.offer), None, _employer(c, mm, found.offer),
                                         trades, _permit(c, mm, found.offer))).outcome

    return decided


def explained(c: JobOfferCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): each
    requirement the condition lists checked and worded in one pass, its words' fixed parts made once, without the
    measure's and the decision's records or the two dicts of checks."""
    occupations = c.occupations
    wanted = None if occupations is None else f"; needs {describe_occupations(occupations)}"
    min_hours = c.min_hours_per_week
    hours_needed = None if min_hours is None else f"; needs {min_hours:g}"
    min_months = c.min_duration_months
    months_needed = None if min_months is None else f"; needs {min_months} months or more"
    trade = c.same_occupation_as is not None
    source = c.trade_source
    lmia = c.lmia
    lmia_needed = None if lmia is None else f"; needs {', '.join(lmia)}"
    rule = c.exempt_from_current_employer
    provinces = c.provinces
    provinces_needed = None if provinces is None else f"; needs {', '.join(provinces)}"
    non_seasonal = c.non_seasonal
    floors = c.wage_floors_hourly
    general_floor = c.min_wage_hourly
    annual = c.min_wage_annual
    annual_needed = None if annual is None else f"; needs ${annual:,.0f}"

    kept, depth = _REQUIRED.get(c, _kept_required)
    # At depth 2, the requirements whose value is a list or dict: copied after the shallow copy.
    nested = tuple([k for k, v in kept.items() if type(v) is list or type(v) is dict]) if depth == 2 else ()

    def explain(mm: Measurer) -> Explained:
        if depth:
            required = dict(kept)
            for k in nested:
                required[k] = required[k].copy()
        else:
            required = plain(kept)
        trades = trades_of(source, mm) if trade else None
        if trades is not None:
            required["same_trade_as"] = list(trades.codes)
        found = measure_offer(mm.facts)
        offer = found.offer
        if offer is None:
            return "fail" if found.known else "unknown", None, required, found.absent_text, (), None
        data = mm.facts.memo("job-offer-data", unstructure, offer)
        # Each check's name, outcome and words, in ``_details``' order; the words of those not passed.
        evidence: list[dict[str, str]] = []
        missed: list[str] = []
        failed: list[str] = []
        if wanted is not None:
            noc = offer.noc
            if noc is None:
                _check(evidence, missed, failed, "occupation", "unknown", "the offer's NOC code is not given")
            else:
                _check(evidence, missed, failed, "occupation",
                       "pass" if selects(occupations, noc) else "fail",  # type: ignore[arg-type]  # listed
                       f"NOC {noc}{wanted}")
        if hours_needed is not None:
            hours = offer.hours_per_week
            if hours is None:
                _check(evidence, missed, failed, "hours", "unknown", "hours per week not given")
            else:
                _check(evidence, missed, failed, "hours",
                       "pass" if hours >= min_hours else "fail",  # type: ignore[operator]  # a minimum listed
                       f"{hours:g} h/week{hours_needed}")
        if months_needed is not None:
            months = offer.duration_months
            _check(evidence, missed, failed, "duration",
                   "pass" if months is None or months >= min_months else "fail",  # type: ignore[operator]
                   f"no end date{months_needed}" if months is None else f"{months} months{months_needed}")
        if trades is not None:
            _check(evidence, missed, failed, "trade", trades.holds(offer.noc),
                   f"NOC {offer.noc or 'not given'}; needs the trade of the experience ({trades.words})")
        if lmia_needed is not None:
            outcome: Outcome = "pass" if offer.lmia in lmia else "fail"  # type: ignore[operator]  # listed
            detail = f"LMIA {offer.lmia}{lmia_needed}"
            if rule is not None and offer.lmia == "exempt":
                employer = employer_hours(mm.facts, rule.window_months)
                if outcome == "pass":
                    outcome = employer_outcome(employer, rule.min_hours)
                if rule.same_minor_group:
                    permit = permit_group(mm.facts)
                    outcome = kleene_all((outcome, permit.outcome))
                    detail += f" ({employer_words(employer, rule.min_hours)}; {permit.words})"
                else:
                    detail += f" ({employer_words(employer, rule.min_hours)})"
            _check(evidence, missed, failed, "lmia", outcome, detail)
        if provinces_needed is not None:
            province = offer.province
            _check(evidence, missed, failed, "province", "unknown" if province is None else (
                "pass" if province in provinces else "fail"),  # type: ignore[operator]  # listed
                f"{province or 'not given'}{provinces_needed}")
        if non_seasonal:
            _check(evidence, missed, failed, "seasonal", "fail" if offer.seasonal else "pass",
                   "seasonal" if offer.seasonal else "not seasonal")
        floor = general_floor
        if floors and offer.noc in floors:
            floor = max(floor or 0.0, floors[offer.noc])
        if floor is not None:
            wage = offer.wage_hourly
            _check(evidence, missed, failed, "wage_hourly", _at_least(wage, floor),
                   f"hourly wage not given; needs ${floor:,.2f}" if wage is None
                   else f"${wage:,.2f}/h; needs ${floor:,.2f}")
        if annual_needed is not None:
            wage = offer.wage_annual
            _check(evidence, missed, failed, "wage_annual", _at_least(wage, annual),  # type: ignore[arg-type]  # listed
                   f"annual wage not given{annual_needed}" if wage is None
                   else f"${held(wage, annual)}/yr{annual_needed}")
        # Kleene's all of the checks (``_check`` lists those not passed and those failed): a check failed fails,
        # one not passed otherwise leaves it unknown.
        if not missed:
            return "pass", dict(data), required, "the offer meets every requirement", tuple(evidence), None
        return ("fail" if failed else "unknown"), dict(data), required, "; ".join(missed), tuple(evidence), None

    return explain


def _check(evidence: list[dict[str, str]], missed: list[str], failed: list[str], name: str, outcome: Outcome,
           detail: str) -> None:
    """One check's evidence item, and its words among those not passed unless it passed (its name among those
    failed if it failed)."""
    evidence.append({"check": name, "outcome": outcome, "detail": detail})
    if outcome != "pass":
        missed.append(f"{name}: {detail}")
        if outcome == "fail":
            failed.append(name)


def selectors(c: JobOfferCondition) -> list[Occupations]:
    """The offer's occupation durable places in the condition's selector."""
    return [c.occupations] if c.occupations is not None else []


def key(c: JobOfferCondition, m: JobOfferMeasure) -> Hashable | None:
    """Without an offer, whether the profile says so and why, and the trades of the experience when asked: all
    the report reads; an offer has no key."""
    if m.offer.offer is not None:
        return None
    base = (m.offer.known, m.offer.not_yet)
    return base if m.trades is None else (base, m.trades.codes)


def _offer_key(mm: Measurer) -> Hashable | None:
    """The key of every job_offer condition that names no trade: None for an offer, else whether the profile says
    there is none and why (``key``'s)."""
    # The same for every such condition: worked out once per evaluation (a version may hold a dozen), and one
    # function for all of them, so that a version's walk calls it once (``evaluator.walk``).
    keys = mm.facts.keys
    got: Hashable | None = keys.get("job_offer", _NOT_YET)
    if got is _NOT_YET:
        offer = measure_offer(mm.facts)
        got = keys["job_offer"] = None if offer.offer is not None else (offer.known, offer.not_yet)
    return got


def prekey(c: JobOfferCondition) -> Callable[[Measurer], Hashable | None]:
    """``key(c, measure(c, mm))`` without the measure's record when there is no offer to assess (None: an offer,
    which is measured)."""
    found = _offer_key
    if c.same_occupation_as is None:
        return found

    def found_in_trade(mm: Measurer) -> Hashable | None:
        base = found(mm)
        return None if base is None else (base, trades_of(c.trade_source, mm).codes)

    return found_in_trade


#: ``Facts.keys`` holds no key of the kind yet.
_NOT_YET: Any = object()


KIND: Kind[JobOfferCondition, JobOfferMeasure] = Kind(
    "job_offer", JobOfferCondition, measure, decide, durable_checks, durable_decide, report, selectors, key=key,
    outcome=outcome, prekey=prekey, explained=explained)
