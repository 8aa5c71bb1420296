"""What an evaluation engine is: something that decides one program's conditions on derived facts."""

from __future__ import annotations

from typing import Protocol

from eligibility.facts import Facts
from eligibility.result import ProgramResult, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Program


class Engine(Protocol):
    """An evaluation backend; every engine returns the same result tree for the same facts."""

    @property
    def name(self) -> str:
        """The engine's name, as the receipt records it and ``--engine`` spells it."""
        ...

    def evaluate_program(self, program: Program, facts: Facts, library: Library,
                         verdicts: dict[str, Verdict]) -> ProgramResult:
        """One program's verdict on the facts' as-of date; ``verdicts`` holds its dependencies' verdicts."""
        ...
