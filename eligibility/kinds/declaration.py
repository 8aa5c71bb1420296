"""declaration: a fact the person states under ``declarations`` (a referral, a status, a score)."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Test, conj, tag, typed
from eligibility.logic import Outcome, threshold
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.rulebook.model import DeclarationCondition


@frozen(slots=False)
class DeclarationMeasure(Record):
    """The declared value (``stated`` False when the profile does not state the key)."""

    stated: bool
    value: bool | int | float | str | None = None

    @property
    def number(self) -> float | None:
        """The value as a number, None unless it is one (true and false are not numbers)."""
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            return None
        return float(self.value)


def measure(c: DeclarationCondition, mm: Measurer) -> DeclarationMeasure:
    """The value stated under ``declarations.<key>``."""
    decl = mm.facts.profile.declarations
    return DeclarationMeasure(c.key in decl, decl.get(c.key))


def decide(c: DeclarationCondition, m: DeclarationMeasure) -> Decision:
    """A number at least ``min``, or a value equal to ``equals``."""
    if not m.stated:
        return Decision("unknown")
    if c.min is not None:
        return Decision("unknown" if m.number is None else threshold(m.number, m.number, c.min))
    return Decision("pass" if m.value == c.equals else "fail")


def outcome(c: DeclarationCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled."""
    name, minimum, equals = c.key, c.min, c.equals

    def decided(mm: Measurer) -> Outcome:
        stated = mm.facts.profile.declarations
        if name not in stated:
            return "unknown"
        value = stated[name]
        if minimum is not None:
            if isinstance(value, bool) or not isinstance(value, int | float):
                return "unknown"
            return threshold(float(value), float(value), minimum)
        return "pass" if value == equals else "fail"

    return decided


def durable_checks(c: DeclarationCondition) -> dict[str, Check]:
    """``value``: a number against the minimum, or the value compared as typed text."""
    if c.min is not None:
        return {"value": conj(Test("number", ">=", c.min))}
    return {"value": conj(Test("tagged", "==", tag(c.equals)))}


def durable_decide(c: DeclarationCondition, m: DeclarationMeasure, run: Matcher) -> Decision:
    """The value asserted as a number or as typed text."""
    if not m.stated:
        return Decision(run.one("value", {}))
    if c.min is not None:
        return Decision(run.one("value", {"number": m.number} if m.number is not None else {}))
    return Decision(run.one("value", {"tagged": tag(m.value)}))


def report(c: DeclarationCondition, m: DeclarationMeasure, d: Decision) -> LeafOutcome:
    """The value stated and what the rule asks."""
    required = {"key": c.key, "equals": c.equals, "min": c.min}
    if not m.stated:
        return LeafOutcome(d.outcome, None, required, f"the profile does not state declarations.{c.key}")
    if c.min is not None:
        if m.number is None:
            return LeafOutcome(d.outcome, m.value, required, f"declarations.{c.key} should be a number")
        return LeafOutcome(d.outcome, m.value, required, f"{c.key} = {m.number:g}; needs {c.min:g}")
    return LeafOutcome(d.outcome, m.value, required, f"{c.key} = {m.value}; needs {c.equals}")


def key(c: DeclarationCondition, m: DeclarationMeasure) -> Hashable:
    """Whether the key is stated, and the value with its type."""
    return m.stated, typed(m.value)


#: ``key`` of a key not stated.
_NOT_STATED = (False, typed(None))


def keyed(c: DeclarationCondition) -> Callable[[Measurer], Hashable]:
    """``key(c, measure(c, mm))``, compiled: the value stated, without the measure's record."""
    name = c.key

    def found(mm: Measurer) -> Hashable:
        stated = mm.facts.profile.declarations
        if name in stated:
            value = stated[name]
            return True, typed(value)
        return _NOT_STATED

    return found


KIND: Kind[DeclarationCondition, DeclarationMeasure] = Kind(
    "declaration", DeclarationCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, keyed=keyed)
