"""funds: settlement funds at least the dated table's amount for the family size, unless exempt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from attrs import field, frozen

from eligibility.kinds.base import (
    Check,
    Decision,
    Explained,
    Kind,
    LeafOutcome,
    Matcher,
    Scalar,
    Test,
    all_of,
    any_of,
    conj,
)
from eligibility.logic import Outcome, kleene_all
from eligibility.measure.context import Measurer
from eligibility.measure.offer import (
    ArrangedMeasure,
    Checks,
    arranged_checks,
    arranged_decision,
    arranged_outcomes,
    arranged_result,
    employer_facts,
    measure_arranged,
)
from eligibility.numbers import held
from eligibility.record import Record
from eligibility.rulebook.model import ArrangedEmployment, FundsCondition, Occupations
from eligibility.unknown import known

#: A job offer with no end date lasts indefinitely: its duration in months as a number durable can compare.
OPEN_ENDED_MONTHS = 10**6
EXEMPTION = "authorized to work in Canada with a valid job offer"


@frozen(slots=False)
class FundsMeasure(Record):
    """The amount the table asks for the family size, the funds stated, and what the exemption needs.

    ``found`` is False when the table has no amounts for the date. ``exact`` is False when the family size
    is only a lower bound. ``current_job`` is None when the work history is unknown.
    """

    found: bool
    table_from: dt.date | None = None
    family_size: int = 0
    exact: bool = True
    amount: float = 0.0
    have: float | None = None
    current_job: bool | None = None
    arranged: ArrangedMeasure | None = None
    confidence: str = "official"
    #: The exemption's arranged employment decided (``measure.offer.arranged_checks``, kept per Facts and rule:
    #: the FSW grid and the CRS read the same), when the condition has the exemption and was measured natively.
    checks: Checks | None = field(default=None, eq=False, repr=False)


def measure(c: FundsCondition, mm: Measurer) -> FundsMeasure:
    """The table's amount for the family size on the date, the funds, and the exemption's facts when it applies."""
    table = mm.library.tables[c.table]
    version = table.version_on(mm.as_of)
    if version is None:  # prevented by the library check; kept for rulesets loaded without it
        return FundsMeasure(False)
    size, exact = mm.facts.family_size
    have = mm.facts.profile.funds_cad
    current: bool | None = None
    arranged = None
    if c.exempt_with_arranged_employment is not None:
        job = mm.facts.current_canadian_job()
        current = None if not known(job) else job is not None
        arranged = measure_arranged(mm.facts, c.exempt_with_arranged_employment)
        checks = arranged_checks(mm.facts, c.exempt_with_arranged_employment)
    else:
        checks = None
    return FundsMeasure(True, version.valid_from, size, exact, version.amount_for(size),
                        have if known(have) else None, current, arranged, version.confidence or table.confidence,
                        checks)


def _surplus(m: FundsMeasure) -> Outcome:
    if m.have is None:
        return "unknown"
    # With the family size only known as a lower bound, enough for that size settles nothing.
    return "fail" if m.have < m.amount else ("pass" if m.exact else "unknown")


def _combine(exempt: Outcome, surplus: Outcome, parts: dict[str, Outcome]) -> Decision:
    parts = {**parts, "exempt": exempt, "surplus": surplus}
    if exempt == "pass":
        return Decision("pass", parts)
    return Decision("unknown" if exempt == "unknown" and surplus == "fail" else surplus, parts)


def decide(c: FundsCondition, m: FundsMeasure) -> Decision:
    """Exempt, or the funds reach the amount (for the exact family size)."""
    if not m.found:
        return Decision("unknown")
    rule = c.exempt_with_arranged_employment
    if rule is None or m.arranged is None:
        return _combine("fail", _surplus(m), {})
    job: Outcome = "unknown" if m.current_job is None else ("pass" if m.current_job else "fail")
    if m.checks is not None:
        # Decided once per Facts and rule: the same outcomes and offer's outcome as worked out below.
        offer, _, outcomes, _ = m.checks
        ae = {f"ae.{k}": o for k, o in outcomes.items()}
    else:
        ae = {f"ae.{k}": o for k, o in arranged_outcomes(m.arranged, rule).items()}
        offer = arranged_result(m.arranged, rule, {k.removeprefix("ae."): o for k, o in ae.items()})[0]
    return _combine(kleene_all([job, offer]), _surplus(m), {"job": job, **ae})


def outcome(c: FundsCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: the surplus and the exemption read as ``measure`` reads
    them, the offer's outcome from the decision kept per Facts and rule (``measure.offer.arranged_decision``,
    which the grid and the CRS read too), without the measure's record and the parts named for the report."""
    rule = c.exempt_with_arranged_employment

    def decided(mm: Measurer) -> Outcome:
        table = mm.library.tables[c.table]
        version = table.version_on(mm.as_of)
        if version is None:
            return "unknown"
        facts = mm.facts
        size, exact = facts.family_size
        have = facts.profile.funds_cad
        amount = version.amount_for(size)
        surplus: Outcome = ("unknown" if not known(have) or have is None
                            else "fail" if have < amount else "pass" if exact else "unknown")
        if rule is None:
            return surplus
        found = facts.current_canadian_job()
        job: Outcome = "unknown" if not known(found) else ("pass" if found is not None else "fail")
        exempt = kleene_all([job, arranged_decision(facts, rule)[0]])
        if exempt == "pass":
            return "pass"
        return "unknown" if exempt == "unknown" and surplus == "fail" else surplus

    return decided


def exempt_route_check(allowed: Sequence[str], min_hours: float, same_group: bool = False) -> Check:
    """The ``lmia`` check where an LMIA-exempt offer counts only from a current employer worked for at least
    ``min_hours``: passes on an allowed value other than exempt, or on exempt from a current employer with enough
    hours; fails on a value not allowed, or on exempt from an employer not current or with too few hours; neither
    (unknown) while the facts hold no ``current`` and ``employer_hours`` (the work history or the employer not
    given). With ``same_group``, an exempt offer also needs ``permit_group`` 1 (in the minor group of the
    occupation on the work permit) and fails on 0. Shared by arranged employment and the job_offer kind's
    ``exempt_from_current_employer``."""
    exempt = {"lmia": "exempt"}
    route: list[Any] = [exempt, {"current": 1}, {"$gte": {"employer_hours": min_hours}}]
    fails = [Test("lmia", "not_in", list(allowed)).expr(), all_of([exempt, {"current": 0}]),
             all_of([exempt, {"$lt": {"employer_hours": min_hours}}])]
    if same_group:
        route.append({"permit_group": 1})
        fails.append(all_of([exempt, {"permit_group": 0}]))
    return Check(any_of([*[{"lmia": v} for v in allowed if v != "exempt"], all_of(route)]), tuple(fails))


def _arranged_checks(rule: ArrangedEmployment) -> dict[str, Check]:
    """IRPR s. 82(2) as the ruleset states it: hours, duration, not seasonal, LMIA or a current exempt employer."""
    return {
        "ae.offer": conj(Test("has_offer", "==", 1)),
        "ae.hours": conj(Test("hours_per_week", ">=", rule.min_hours_per_week)),
        # An offer without an end date is asserted as OPEN_ENDED_MONTHS long: indeterminate is exactly that.
        "ae.duration": conj(Test("duration_months", ">=",
                                 OPEN_ENDED_MONTHS if rule.indeterminate else rule.min_duration_months)),
        "ae.seasonal": conj(Test("seasonal", "==", 0)),
        "ae.lmia": exempt_route_check(("positive", "exempt"), rule.current_employer_min_hours)
        if rule.exempt_offers else conj(Test("lmia", "==", "positive")),
        "job": conj(Test("current_job", "==", 1)),
    }


def durable_checks(c: FundsCondition) -> dict[str, Check]:
    """``surplus`` (enough only for an exact family size; short always fails), and the exemption's checks."""
    out = {"surplus": Check(all_of([{"$gte": {"surplus": 0}}, {"exact": 1}]), ({"$lt": {"surplus": 0}},))}
    if c.exempt_with_arranged_employment is not None:
        out.update(_arranged_checks(c.exempt_with_arranged_employment))
    return out


def _durable_arranged(rule: ArrangedEmployment, m: ArrangedMeasure, run: Matcher) -> tuple[Outcome, dict[str, Outcome]]:
    offer = m.offer.offer
    if not m.offer.known:
        return run.one("ae.offer", {}), {}
    if offer is None:
        return run.one("ae.offer", {"has_offer": 0}), {}
    fields: dict[str, Scalar] = {
        "has_offer": 1, "lmia": offer.lmia, "seasonal": int(offer.seasonal),
        "duration_months": OPEN_ENDED_MONTHS if offer.duration_months is None else offer.duration_months}
    if offer.hours_per_week is not None:
        fields["hours_per_week"] = offer.hours_per_week
    fields.update(employer_facts(m.employer, rule.current_employer_min_hours))
    guard = run.one("ae.offer", fields)
    parts: dict[str, Outcome] = {"ae.occupation": run.member(rule.occupations, offer.noc)}
    parts.update({n: run.one(n, fields) for n in ("ae.hours", "ae.duration", "ae.seasonal", "ae.lmia")})
    return (guard if guard != "pass" else kleene_all(parts.values())), parts


def durable_decide(c: FundsCondition, m: FundsMeasure, run: Matcher) -> Decision:
    """The surplus over the amount and the exemption's facts asserted; durable decides each check."""
    if not m.found:
        return Decision(run.one("surplus", {}))
    surplus = run.one("surplus", {"surplus": m.have - m.amount, "exact": int(m.exact)} if m.have is not None else {})
    rule = c.exempt_with_arranged_employment
    if rule is None or m.arranged is None:
        return _combine("fail", surplus, {})
    job = run.one("job", {} if m.current_job is None else {"current_job": int(m.current_job)})
    offer, parts = _durable_arranged(rule, m.arranged, run)
    return _combine(kleene_all([job, offer]), surplus, {"job": job, **parts})


def report(c: FundsCondition, m: FundsMeasure, d: Decision) -> LeafOutcome:
    """The amount needed and the funds stated, the table used and the exemption considered.

    The explanation names the table version applied ("2025 table, in force since 2025-07-07") and the
    result carries the table's confidence, which may be weaker than the condition's citations.
    """
    if not m.found:
        return LeafOutcome(d.outcome, None, None, f"no {c.table} amounts are encoded for that date")
    table_from = m.table_from.isoformat() if m.table_from else None
    required = {"cad": m.amount, "family_size": m.family_size, "table_from": table_from}
    evidence: list[dict[str, Any]] = [{"table": c.table, "from": table_from, "family_size": m.family_size,
                                       "family_size_exact": m.exact, "amount": m.amount,
                                       "confidence": m.confidence}]
    rule = c.exempt_with_arranged_employment
    if rule is not None and m.arranged is not None:
        # The checks' words depend on the offer and the rule alone (not on the engine's outcomes): those kept.
        detail = arranged_result(m.arranged, rule, {k.removeprefix("ae."): o for k, o in d.parts.items()},
                                 m.checks[3] if m.checks is not None else None)[1]
        evidence.append({"exemption": EXEMPTION, "outcome": d.parts["exempt"], "detail": detail})
        if d.parts["exempt"] == "pass":
            return LeafOutcome(d.outcome, "exempt", required, f"exempt: {EXEMPTION}", tuple(evidence), plain=True)
    family = f"a family of {m.family_size}{'' if m.exact else ' or more'}"
    if m.have is None:
        text = f"funds not given; ${m.amount:,.0f} needed for a family of {m.family_size}"
    else:
        text = f"${held(m.have, m.amount)} available; ${m.amount:,.0f} needed for {family}"
    if m.table_from is not None:
        text += f" ({m.table_from.year} table, in force since {m.table_from}; {m.confidence.replace('_', ' ')} source)"
    if d.parts.get("exempt") == "unknown" and d.parts.get("surplus") == "fail":
        text += "; exemption not settled"
    # Numbers and text in dicts made here: plain JSON already.
    return LeafOutcome(d.outcome, m.have, required, text, tuple(evidence), confidence=m.confidence, plain=True)


def explained(c: FundsCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): the surplus
    and the exemption decided and worded in one pass, the exemption's words those of the arranged employment decided
    once per Facts and rule (``measure.offer.arranged_checks``), without the measure's and the decision's records."""
    rule = c.exempt_with_arranged_employment
    name = c.table
    missing = f"no {name} amounts are encoded for that date"

    def explain(mm: Measurer) -> Explained:
        table = mm.library.tables[name]
        version = table.version_on(mm.as_of)
        if version is None:  # prevented by the library check; kept for rulesets loaded without it
            return "unknown", None, None, missing, (), None
        facts = mm.facts
        size, exact = facts.family_size
        given = facts.profile.funds_cad
        have = given if known(given) else None
        amount = version.amount_for(size)
        confidence = version.confidence or table.confidence
        # With the family size only known as a lower bound, enough for that size settles nothing.
        surplus: Outcome = ("unknown" if have is None
                            else "fail" if have < amount else "pass" if exact else "unknown")
        since = version.valid_from
        table_from = since.isoformat() if since else None
        required = {"cad": amount, "family_size": size, "table_from": table_from}
        evidence: list[dict[str, Any]] = [{"table": name, "from": table_from, "family_size": size,
                                           "family_size_exact": exact, "amount": amount, "confidence": confidence}]
        exempt: Outcome = "fail"
        if rule is not None:
            job = facts.current_canadian_job()
            current: Outcome = "unknown" if not known(job) else ("pass" if job is not None else "fail")
            offer, detail, _, _ = arranged_checks(facts, rule)
            exempt = kleene_all([current, offer])
            evidence.append({"exemption": EXEMPTION, "outcome": exempt, "detail": detail})
            if exempt == "pass":
                return "pass", "exempt", required, f"exempt: {EXEMPTION}", tuple(evidence), None
        if have is None:
            text = f"funds not given; ${amount:,.0f} needed for a family of {size}"
        else:
            text = (f"${held(have, amount)} available; ${amount:,.0f} needed for a family of "
                    f"{size}{'' if exact else ' or more'}")
        if since is not None:
            text += f" ({since.year} table, in force since {since}; {confidence.replace('_', ' ')} source)"
        outcome = surplus
        if exempt == "unknown" and surplus == "fail":
            text += "; exemption not settled"
            outcome = "unknown"
        return outcome, have, required, text, tuple(evidence), confidence

    return explain


def selectors(c: FundsCondition) -> list[Occupations]:
    """The offer's occupation durable places in the exemption's selector."""
    rule = c.exempt_with_arranged_employment
    return [rule.occupations] if rule is not None else []


KIND: Kind[FundsCondition, FundsMeasure] = Kind(
    "funds", FundsCondition, measure, decide, durable_checks, durable_decide, report, selectors, outcome=outcome,
    explained=explained)
