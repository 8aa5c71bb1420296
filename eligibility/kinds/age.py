"""age: age in whole years on the as-of date, within inclusive bounds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Test, conj, present
from eligibility.logic import Outcome
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.rulebook.model import AgeCondition
from eligibility.unknown import known


@frozen(slots=False)
class AgeMeasure(Record):
    """Age in whole years on ``day``, None when the birth date is not given."""

    years: int | None
    day: dt.date


def measure(c: AgeCondition, mm: Measurer) -> AgeMeasure:
    """The applicant's age on the as-of date."""
    years = mm.facts.age
    return AgeMeasure(years if known(years) else None, mm.as_of)


def decide(c: AgeCondition, m: AgeMeasure) -> Decision:
    """At least ``min`` and at most ``max`` (each when given)."""
    if m.years is None:
        return Decision("unknown")
    ok = (c.min is None or m.years >= c.min) and (c.max is None or m.years <= c.max)
    return Decision("pass" if ok else "fail")


def outcome(c: AgeCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: the age against the bounds, without the measure's and the
    decision's records."""
    low, high = c.min, c.max

    def decided(mm: Measurer) -> Outcome:
        years = mm.facts.age
        if not known(years):
            return "unknown"
        return "pass" if (low is None or years >= low) and (high is None or years <= high) else "fail"

    return decided


def durable_checks(c: AgeCondition) -> dict[str, Check]:
    """``age``: within the bounds given."""
    tests = ([Test("age", ">=", c.min)] if c.min is not None else []) + (
        [Test("age", "<=", c.max)] if c.max is not None else [])
    return {"age": conj(*tests) if tests else present("age")}


def durable_decide(c: AgeCondition, m: AgeMeasure, run: Matcher) -> Decision:
    """The age asserted as a fact."""
    return Decision(run.one("age", {"age": m.years} if m.years is not None else {}))


def report(c: AgeCondition, m: AgeMeasure, d: Decision) -> LeafOutcome:
    """The age on the date and the bounds."""
    required = {"min": c.min, "max": c.max}
    if m.years is None:
        return LeafOutcome(d.outcome, None, required, "the birth date is not given")
    return LeafOutcome(d.outcome, m.years, required, f"{m.years} years old on {m.day}")


def key(c: AgeCondition, m: AgeMeasure) -> Hashable:
    """The age and the date: all the report reads."""
    return m.years, m.day


def keyed(c: AgeCondition) -> Callable[[Measurer], Hashable]:
    """``key(c, measure(c, mm))``, compiled: the age and the date, without the measure's record."""
    def found(mm: Measurer) -> Hashable:
        years = mm.facts.age
        return (years if known(years) else None), mm.as_of

    return found


KIND: Kind[AgeCondition, AgeMeasure] = Kind("age", AgeCondition, measure, decide, durable_checks, durable_decide,
                                           report, key=key, outcome=outcome, keyed=keyed)
