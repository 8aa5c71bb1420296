"""judgement: what an officer decides on the documents; a caveat, failed only when the profile says false."""

from __future__ import annotations

from collections.abc import Callable, Hashable

from attrs import frozen

from eligibility.kinds.base import Check, Decision, Kind, LeafOutcome, Matcher, Test, conj, typed
from eligibility.logic import Outcome
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.rulebook.model import JudgementCondition


@frozen(slots=False)
class JudgementMeasure(Record):
    """What the profile states under ``declarations.<key>`` (None: nothing)."""

    value: bool | int | float | str | None


def measure(c: JudgementCondition, mm: Measurer) -> JudgementMeasure:
    """The value stated, if any."""
    return JudgementMeasure(mm.facts.profile.declarations.get(c.key))


def decide(c: JudgementCondition, m: JudgementMeasure) -> Decision:
    """Fails only on a stated false; otherwise left to the officer (reported as a caveat)."""
    return Decision("fail" if m.value is False else "pass")


def outcome(c: JudgementCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled."""
    name = c.key
    return lambda mm: "fail" if mm.facts.profile.declarations.get(name) is False else "pass"


def durable_checks(c: JudgementCondition) -> dict[str, Check]:
    """``said``: anything but a stated false."""
    return {"said": conj(Test("said", "!=", "false"))}


def durable_decide(c: JudgementCondition, m: JudgementMeasure, run: Matcher) -> Decision:
    """Whether the profile states false, asserted as text."""
    return Decision(run.one("said", {"said": "false" if m.value is False else "other"}))


def report(c: JudgementCondition, m: JudgementMeasure, d: Decision) -> LeafOutcome:
    """The reason an officer decides, and what the profile states."""
    if m.value is False:
        return LeafOutcome(d.outcome, False, True, f"the profile states declarations.{c.key}: false")
    said = "stated by the profile" if m.value is True else "not stated; an officer will assess it"
    return LeafOutcome(d.outcome, m.value, True, f"{c.reason} ({said})")


def key(c: JudgementCondition, m: JudgementMeasure) -> Hashable:
    """The value stated, with its type."""
    return typed(m.value)


def keyed(c: JudgementCondition) -> Callable[[Measurer], Hashable]:
    """``key(c, measure(c, mm))``, compiled: the value stated, without the measure's record."""
    name = c.key

    def found(mm: Measurer) -> Hashable:
        value = mm.facts.profile.declarations.get(name)
        return typed(value)

    return found


KIND: Kind[JudgementCondition, JudgementMeasure] = Kind(
    "judgement", JudgementCondition, measure, decide, durable_checks, durable_decide, report, key=key,
    outcome=outcome, keyed=keyed)
