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
from eligibility.evaluator.context import Context, at_least, kleene_all, kleene_any
from eligibility.evaluator.engine import (
    NEGATION,
    VERDICT_OF,
    _caveats,
    _confidence,
    cite,
    evaluate_leaf,
    evaluate_program,
)
from eligibility.facts import Facts
from eligibility.result import ConditionResult, Outcome, ProgramResult, Verdict, VersionRef
from eligibility.rules.library import Library
from eligibility.rules.model import Composite, Condition, Judgement, Occupations, Program

_SAYS = {"all": "all of these", "any": "at least one of these", "not": "not this"}


class DurableEvaluator:
    """Evaluates programs of one library with durable-rules (one ruleset per library digest)."""

    def __init__(self, library: Library) -> None:
        engine_module()  # a UsageError naming the extra when the C module is missing, cached or not
        self.library = library
        self.ruleset: Ruleset = ruleset_for(library)

    def evaluate_program(self, program: Program, facts: Facts, verdicts: dict[str, Verdict]) -> ProgramResult:
        """One program's verdict on the facts' as-of date, shaped as the native evaluator's."""
        version = program.version_on(facts.as_of)
        if version is None or not version.in_force:
            # Only dates decide these verdicts; there is no condition to match.
            native: ProgramResult = evaluate_program(program, facts, self.library, verdicts)
            return native
        index = program.versions.index(version)
        positions = {id(c): i for i, c in enumerate(preorder(version.conditions))}
        ctx = Context(facts, self.library, verdicts)
        with self.ruleset.session() as session:
            compiled = self.ruleset.compiled
            memberships: dict[tuple[Occupations, str], Outcome] = {}

            def condition(cond: Condition) -> ConditionResult:
                refs = cite(program, cond.citations)
                if isinstance(cond, Composite):
                    kids = tuple(condition(k) for k in cond.children)
                    outcomes = [k.outcome for k in kids]
                    outcome: Outcome
                    if cond.op == "all":
                        outcome = kleene_all(outcomes)
                    elif cond.op == "any":
                        outcome = kleene_any(outcomes)
                    elif cond.op == "not":
                        outcome = NEGATION[outcomes[0]]
                    else:
                        outcome = at_least(cond.n or 0, outcomes)
                    passed = outcomes.count("pass")
                    return ConditionResult(
                        cond.id, cond.op, outcome, cond.says or _SAYS.get(cond.op, f"at least {cond.n} of these"),
                        observed={"passed": passed, "of": len(kids)},
                        required=cond.n if cond.op == "at_least" else cond.op,
                        explanation=f"{passed} of {len(kids)} passed", citations=refs, conditions=kids,
                        confidence=_confidence(program, cond, refs))
                run = LeafRun(session, compiled.leaves[(program.id, index, positions[id(cond)])], compiled, memberships)
                outcome, extra = decide_leaf(cond, ctx, run)
                native = evaluate_leaf(cond, ctx)
                ctx.siblings[cond.id] = evolve(native, outcome=outcome, extra=extra)
                return ConditionResult(cond.id, cond.kind, outcome, cond.says, native.observed, native.required,
                                       native.explanation, native.evidence, refs,
                                       judgement=isinstance(cond, Judgement),
                                       confidence=_confidence(program, cond, refs))

            results = tuple(condition(c) for c in version.conditions)
        verdict: Verdict = VERDICT_OF[kleene_all([r.outcome for r in results])]  # type: ignore[assignment]
        failed = [r.id for r in results if r.outcome == "fail"]
        unknown = [r.id for r in results if r.outcome == "unknown"]
        message = {"eligible": "every condition passes",
                   "not_eligible": f"fails: {', '.join(failed)}",
                   "undetermined": f"the profile does not settle: {', '.join(unknown)}"}[verdict]
        ref = VersionRef(version.valid_from, version.valid_to, version.in_force)
        return ProgramResult(program.id, program.title, verdict, ref, message,
                             tuple(_caveats(results, program, version)), results, program.confidence)
