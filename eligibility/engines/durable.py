"""durable-rules as a second, independent backend behind the evaluator's interface.

Every leaf's outcome is decided by durable-rules matching: Python derives the measured quantities
(hours, levels, surplus, score) as facts, and the compiled pass and fail rules decide; when neither
fires, the leaf is unknown. Composite conditions and the program's verdict are aggregated in Python,
as the native evaluator does, and explanations and evidence are the native leaf's.
"""

from __future__ import annotations

from attrs import evolve

from eligibility.engines.durable_compile import preorder
from eligibility.engines.durable_leaves import LeafRun, decide_leaf
from eligibility.engines.durable_session import Ruleset, engine_module, ruleset_for
from eligibility.evaluator.context import Context
from eligibility.evaluator.engine import (
    composite_result,
    evaluate_leaf,
    evaluate_program,
    leaf_result,
    program_result,
)
from eligibility.facts import Facts
from eligibility.result import ConditionResult, Outcome, ProgramResult, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Composite, Condition, Occupations, Program


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
            native: ProgramResult = evaluate_program(program, facts, library, verdicts)
            return native
        ruleset: Ruleset = ruleset_for(library)
        index = program.versions.index(version)
        positions = {id(c): i for i, c in enumerate(preorder(version.conditions))}
        ctx = Context(facts, library, verdicts)
        with ruleset.session() as session:
            compiled = ruleset.compiled
            memberships: dict[tuple[Occupations, str], Outcome] = {}

            def condition(cond: Condition) -> ConditionResult:
                if isinstance(cond, Composite):
                    return composite_result(cond, tuple(condition(k) for k in cond.children), program)
                run = LeafRun(session, compiled.leaves[(program.id, index, positions[id(cond)])], compiled, memberships)
                outcome, extra = decide_leaf(cond, ctx, run)
                # durable decides the outcome; the native leaf supplies the explanation and evidence.
                leaf = evolve(evaluate_leaf(cond, ctx), outcome=outcome, extra=extra)
                ctx.siblings[cond.id] = leaf
                return leaf_result(cond, leaf, program)

            results = tuple(condition(c) for c in version.conditions)
        return program_result(program, version, results)
