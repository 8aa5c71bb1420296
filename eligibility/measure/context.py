"""One program version's measuring: the facts, the library, earlier verdicts, and each condition's measure once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from eligibility.facts import Facts
from eligibility.result import Verdict
from eligibility.rulebook.library import Library

T = TypeVar("T")
C = TypeVar("C")


class Measurer:
    """Measures conditions against one profile on one date; a condition is measured once and shared.

    A condition that reads another's measure (the language level set by the main occupation of a
    work_experience condition, a certificate in a trade with enough experience) asks for that measure
    here, through the typed reference the rulebook resolved when the version was loaded.
    """

    def __init__(self, facts: Facts, library: Library, verdicts: dict[str, Verdict], explain: bool = True) -> None:
        self.facts = facts
        self.library = library
        self.verdicts = verdicts
        #: False when no result is built from the measures (verdicts alone): a measure may then leave out
        #: what only a report reads (the work measure's evidence), never what a decision reads.
        self.explain = explain
        self._measures: dict[int, Any] = {}
        #: What the evaluator shares between conditions of equal rules in different programs (their measures and
        #: outcomes, by ``evaluator.plan.NodePlan.twin``), for this evaluation.
        self.shared: dict[int, Any] = {}

    @property
    def as_of(self) -> dt.date:
        """The as-of date of the evaluation."""
        return self.facts.as_of

    def once(self, condition: object, measure: Callable[[], T]) -> T:
        """The measure of ``condition``, computed on first use (conditions are keyed by identity)."""
        key = id(condition)
        if key not in self._measures:
            self._measures[key] = (condition, measure())  # keep the condition alive: its id stays unique
        found: T = self._measures[key][1]
        return found

    def once_by(self, condition: C, measure: Callable[[C, Facts, bool], T]) -> T:
        """``measure(condition, facts, explain)``, computed on first use as ``once`` computes it (without a
        function made for the call: a dozen work conditions are measured through here per evaluation)."""
        kept = self._measures.get(id(condition))
        if kept is None:
            # Keep the condition alive: its id stays unique.
            kept = self._measures[id(condition)] = (condition, measure(condition, self.facts, self.explain))
        found: T = kept[1]
        return found
