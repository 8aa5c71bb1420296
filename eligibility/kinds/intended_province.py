"""intended_province: where the applicant intends to live is allowed and not excluded."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Test, conj, present
from eligibility.logic import Outcome
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.rulebook.model import IntendedProvinceCondition
from eligibility.unknown import known


@frozen(slots=False)
class ProvinceMeasure(Record):
    """The intended province, None when the profile does not give it."""

    province: str | None


def measure(c: IntendedProvinceCondition, mm: Measurer) -> ProvinceMeasure:
    """The profile's intended province."""
    where = mm.facts.profile.intended_province
    return ProvinceMeasure(where if known(where) else None)


def decide(c: IntendedProvinceCondition, m: ProvinceMeasure) -> Decision:
    """Among ``allowed`` (when given) and not among ``excluded``."""
    if m.province is None:
        return Decision("unknown")
    ok = (c.allowed is None or m.province in c.allowed) and m.province not in c.excluded
    return Decision("pass" if ok else "fail")


def outcome(c: IntendedProvinceCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled."""
    allowed, excluded = c.allowed, c.excluded

    def decided(mm: Measurer) -> Outcome:
        where = mm.facts.profile.intended_province
        province = where if known(where) else None
        if province is None:
            return "unknown"
        return "pass" if (allowed is None or province in allowed) and province not in excluded else "fail"

    return decided


def durable_checks(c: IntendedProvinceCondition) -> dict[str, Check]:
    """``where``: in the allowed list, not in the excluded one."""
    tests = ([Test("province", "in", list(c.allowed))] if c.allowed is not None else []) + (
        [Test("province", "not_in", list(c.excluded))] if c.excluded else [])
    return {"where": conj(*tests) if tests else present("province")}


def durable_decide(c: IntendedProvinceCondition, m: ProvinceMeasure, run: Matcher) -> Decision:
    """The province asserted as a fact."""
    return Decision(run.one("where", {"province": m.province} if m.province is not None else {}))


def report(c: IntendedProvinceCondition, m: ProvinceMeasure, d: Decision) -> LeafOutcome:
    """Where the applicant intends to live and where the rule allows."""
    required = {"allowed": c.allowed, "excluded": c.excluded}
    if m.province is None:
        return LeafOutcome(d.outcome, None, required, "the intended province is not given")
    need = ", ".join(([f"one of {', '.join(c.allowed)}"] if c.allowed else [])
                     + ([f"not {', '.join(c.excluded)}"] if c.excluded else [])) or "any province"
    return LeafOutcome(d.outcome, m.province, required, f"intends to live in {m.province}; needs {need}")


def key(c: IntendedProvinceCondition, m: ProvinceMeasure) -> Hashable | None:
    """The province: all the report reads."""
    return (m.province,)


def keyed(c: IntendedProvinceCondition) -> Callable[[Measurer], Hashable]:
    """``key(c, measure(c, mm))``, compiled: the province, without the measure's record."""
    def found(mm: Measurer) -> Hashable:
        where = mm.facts.profile.intended_province
        return (where if known(where) else None),

    return found


KIND: Kind[IntendedProvinceCondition, ProvinceMeasure] = Kind(
    "intended_province", IntendedProvinceCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, keyed=keyed)
