"""What a leaf evaluator receives and returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import field, frozen

from eligibility.facts import Facts
from eligibility.result import Outcome, Verdict
from eligibility.rulebook.library import Library


@frozen
class LeafOutcome:
    """A leaf's outcome with the values seen and required, the evidence, and data for sibling leaves."""

    outcome: Outcome
    observed: Any = None
    required: Any = None
    explanation: str = ""
    evidence: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(factory=dict)
    # The confidence of dated data the leaf read (a funds table), when it may be weaker than the
    # condition's citations: the result takes the weaker of the two.
    confidence: str | None = None


@frozen
class Context:
    """One program version's evaluation: facts, the library, verdicts of programs already evaluated."""

    facts: Facts
    library: Library
    verdicts: dict[str, Verdict]
    siblings: dict[str, LeafOutcome] = field(factory=dict)

    @property
    def as_of(self) -> dt.date:
        """The as-of date of the evaluation."""
        return self.facts.as_of


def kleene_all(outcomes: list[Outcome]) -> Outcome:
    """fail if any fails; pass if all pass; unknown otherwise."""
    if "fail" in outcomes:
        return "fail"
    return "pass" if all(o == "pass" for o in outcomes) else "unknown"


def kleene_any(outcomes: list[Outcome]) -> Outcome:
    """pass if any passes; fail if all fail; unknown otherwise."""
    if "pass" in outcomes:
        return "pass"
    return "fail" if all(o == "fail" for o in outcomes) else "unknown"


def at_least(n: int, outcomes: list[Outcome]) -> Outcome:
    """pass if n or more pass; fail if even the unknowns cannot make n; unknown otherwise."""
    passes = outcomes.count("pass")
    if passes >= n:
        return "pass"
    return "fail" if passes + outcomes.count("unknown") < n else "unknown"


def threshold(low: float, high: float, minimum: float) -> Outcome:
    """Three-valued ``value >= minimum`` when the value is only known to lie in [low, high]."""
    if low >= minimum:
        return "pass"
    return "fail" if high < minimum else "unknown"
