"""The native engine: the plain-Python reference evaluator of ``eligibility.evaluator``."""

from __future__ import annotations

from attrs import frozen

from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.record import Record
from eligibility.result import ProgramResult, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Program


@frozen
class NativeEngine(Record):
    """Decides every condition in Python, three-valued; the reference the other engines are tested against."""

    name: str = "native"

    def evaluate_program(self, program: Program, facts: Facts, library: Library,
                         verdicts: dict[str, Verdict]) -> ProgramResult:
        """One program's verdict on the facts' as-of date."""
        return evaluate_program(program, facts, library, verdicts)
