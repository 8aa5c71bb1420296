"""program: eligible for at least one of other programs on the same as-of date."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Scalar, Test
from eligibility.logic import Outcome, kleene_any
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.result import Verdict
from eligibility.rulebook.model import ProgramCondition

#: Verdicts of another program that make a ``program`` condition fail (``undetermined`` leaves it unknown).
NOT_ELIGIBLE = ("not_eligible", "not_in_force", "not_encoded")


@frozen(slots=False)
class VerdictsMeasure(Record):
    """The verdict of each listed program on the date (``not_encoded`` when it was not evaluated)."""

    verdicts: dict[str, Verdict]


def measure(c: ProgramCondition, mm: Measurer) -> VerdictsMeasure:
    """The listed programs' verdicts, evaluated before this one."""
    return VerdictsMeasure({p: mm.verdicts.get(p, "not_encoded") for p in c.any_of})


def decide(c: ProgramCondition, m: VerdictsMeasure) -> Decision:
    """Eligible for one passes; undetermined ones leave it unknown."""
    outcomes: list[Outcome] = ["pass" if v == "eligible" else "unknown" if v == "undetermined" else "fail"
                               for v in m.verdicts.values()]
    return Decision(kleene_any(outcomes))


def outcome(c: ProgramCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: the first eligible program passes, else unknown if one
    is undetermined, else fail."""
    listed = tuple(c.any_of)

    def decided(mm: Measurer) -> Outcome:
        verdicts = mm.verdicts
        unknown = False
        for p in listed:
            verdict = verdicts.get(p, "not_encoded")
            if verdict == "eligible":
                return "pass"
            if verdict == "undetermined":
                unknown = True
        return "unknown" if unknown else "fail"

    return decided


def durable_checks(c: ProgramCondition) -> dict[str, Check]:
    """``verdict``: pass on eligible, fail on a verdict that rules it out."""
    return {"verdict": Check({"verdict": "eligible"}, (Test("verdict", "in", list(NOT_ELIGIBLE)).expr(),))}


def durable_decide(c: ProgramCondition, m: VerdictsMeasure, run: Matcher) -> Decision:
    """Each verdict asserted as a fact."""
    items: list[dict[str, Scalar]] = [{"verdict": v} for v in m.verdicts.values()]
    return Decision(kleene_any(run.decide("verdict", items)))


def report(c: ProgramCondition, m: VerdictsMeasure, d: Decision) -> LeafOutcome:
    """Each listed program's verdict."""
    text = "; ".join(f"{p}: {v.replace('_', ' ')}" for p, v in m.verdicts.items())
    return LeafOutcome(d.outcome, dict(m.verdicts), {"eligible_for_one_of": list(c.any_of)}, text)


def key(c: ProgramCondition, m: VerdictsMeasure) -> Hashable:
    """The listed programs' verdicts, in the condition's order."""
    return tuple(m.verdicts.values())


def keyed(c: ProgramCondition) -> Callable[[Measurer], Hashable]:
    """``key(c, measure(c, mm))``, compiled: the listed programs' verdicts, each program once (as the measure's
    mapping holds them), without the measure's record."""
    listed = tuple(dict.fromkeys(c.any_of))
    unknown = ("not_encoded",) * len(listed)  # what a program not evaluated reads as, one for each listed

    def found(mm: Measurer) -> Hashable:
        return tuple(map(mm.verdicts.get, listed, unknown))

    return found


KIND: Kind[ProgramCondition, VerdictsMeasure] = Kind(
    "program", ProgramCondition, measure, decide, durable_checks, durable_decide, report, key=key, outcome=outcome,
    keyed=keyed)
