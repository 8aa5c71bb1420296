"""The native engine: the plain-Python reference evaluator of ``eligibility.evaluator``."""

from __future__ import annotations

from attrs import frozen

from eligibility.evaluator.engine import evaluate_program
from eligibility.record import Record


@frozen
class NativeEngine(Record):
    """Decides every condition in Python, three-valued; the reference the other engines are tested against."""

    name: str = "native"

    #: One program's verdict on the facts' as-of date: the evaluator's own function (no call of the engine's
    #: in between, 22 times an evaluation).
    evaluate_program = staticmethod(evaluate_program)
