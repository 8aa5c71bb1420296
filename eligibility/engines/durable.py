"""durable-rules as a second, independent backend behind the Engine protocol.

The measuring layer measures each leaf as the native engine does; its kind asserts the measured values
as facts and the compiled pass and fail rules decide each check (neither fires: unknown); the kind
combines the checks three-valued. durable also decides whether an offer's or a certificate's NOC code
is in an occupation selector. Reports, composites and verdicts are the shared Python ones, so the two
engines differ only in their decisions.
"""

from __future__ import annotations

from attrs import frozen

from eligibility.engines.durable_compile import CompiledLibrary, code_fields, preorder
from eligibility.engines.durable_session import Ruleset, Session, engine_module, ruleset_for
from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import LeafOutcome, Scalar
from eligibility.logic import Outcome, kleene_all, kleene_any
from eligibility.measure.context import Measurer
from eligibility.noc import noc_table
from eligibility.record import Record
from eligibility.result import ProgramResult, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Leaf, Occupations, Program


@frozen
class LeafRun(Record):
    """One leaf's questions to durable: its checks (by key prefix) and occupation memberships (cached)."""

    session: Session
    prefix: str
    compiled: CompiledLibrary
    memberships: dict[tuple[Occupations, str], Outcome]

    def decide(self, name: str, items: list[dict[str, Scalar]]) -> list[Outcome]:
        """Outcomes of this leaf's check ``name`` on each item."""
        return self.session.decide(f"{self.prefix}.{name}", items)

    def one(self, name: str, item: dict[str, Scalar]) -> Outcome:
        """Outcome of this leaf's check ``name`` on one fact."""
        return self.decide(name, [item])[0]

    def member(self, occupations: Occupations, code: str | None) -> Outcome:
        """Whether durable finds the NOC code in the selector (unknown without a code)."""
        if code is None:
            return "unknown"
        found = self.memberships.get((occupations, code))
        if found is None:
            group = noc_table().get(code)
            fields = code_fields(code, group.teer if group else None)
            keys = self.compiled.selectors[occupations]
            listed = [self.session.decide_one(k, fields) for n, k in keys.items() if n.startswith("listed")]
            others = [self.session.decide_one(k, fields) for n, k in keys.items() if not n.startswith("listed")]
            found = kleene_all(([kleene_any(listed)] if listed else []) + others)
            self.memberships[(occupations, code)] = found
        return found


class DurableEngine:
    """Decides every leaf with durable-rules (one ruleset per library digest and process)."""

    name = "durable"

    def __init__(self) -> None:
        engine_module()  # a UsageError naming the extra when the C module is missing

    def evaluate_program(self, program: Program, facts: Facts, library: Library,
                         verdicts: dict[str, Verdict]) -> ProgramResult:
        """One program's verdict on the facts' as-of date, shaped as the native evaluator's."""
        version = program.version_on(facts.as_of)
        if version is None or not version.in_force:
            # Only dates decide these verdicts; there is no condition to match.
            return evaluate_program(program, facts, library, verdicts)
        ruleset: Ruleset = ruleset_for(library)
        index = program.versions.index(version)
        positions = {id(c): i for i, c in enumerate(preorder(version.conditions))}
        memberships: dict[tuple[Occupations, str], Outcome] = {}
        with ruleset.session() as session:

            def decide(cond: Leaf, mm: Measurer) -> LeafOutcome:
                kind = KINDS[cond.kind]
                run = LeafRun(session, ruleset.compiled.leaves[(program.id, index, positions[id(cond)])],
                              ruleset.compiled, memberships)
                measured = kind.measure(cond, mm)
                return kind.report(cond, measured, kind.durable_decide(cond, measured, run))

            return evaluate_program(program, facts, library, verdicts, decide)
