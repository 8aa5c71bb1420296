"""The native evaluator: one program version's conditions decided in Python, and the result nodes both engines build."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from eligibility.evaluator.plan import (
    DAYS_KEPT,
    RANK,
    NodePlan,
    VersionPlan,
    program_plan,
    twins,
    version_on,
    version_plan,
)
from eligibility.evaluator.walk import Walk, walker
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import LeafOutcome, plain
from eligibility.logic import NEGATION, at_least, kleene_all, kleene_any
from eligibility.measure.context import Measurer
from eligibility.result import (
    Caveat,
    ConditionResult,
    Outcome,
    ProgramResult,
    Verdict,
    VersionRef,
)
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Leaf, Program, Version

#: How an engine decides one leaf: measure it with the measurer, decide, report.
LeafDecider = Callable[[Leaf, Measurer], LeafOutcome]
#: Result nodes kept per leaf by its kind's key before they are dropped (a bound on memory).
RESULTS_KEPT = 4096
def native_leaf(cond: Leaf, mm: Measurer) -> LeafOutcome:
    """A leaf measured, decided in Python, and reported."""
    kind = KINDS[cond.kind]
    measured = kind.measure(cond, mm)
    return kind.report(cond, measured, kind.decide(cond, measured))


def combine(node: NodePlan, outcomes: Iterable[Outcome]) -> Outcome:
    """The outcome of an all / any / not / at_least condition from its children's (Kleene logic).

    Both evaluations decide composites here: the full one with every child's outcome in a list, the
    verdict-only one with a generator that ``kleene_all`` and ``kleene_any`` stop reading once settled.
    """
    op = node.op
    if op == "all":
        return kleene_all(outcomes)
    if op == "any":
        return kleene_any(outcomes)
    if op == "not":
        for first in outcomes:
            return NEGATION[first]
    return at_least(node.n, list(outcomes))


def _composite(node: NodePlan, kids: tuple[ConditionResult, ...]) -> ConditionResult:
    """Combine the children's results of an all / any / not / at_least condition (Kleene logic)."""
    outcomes = [k.outcome for k in kids]
    outcome = combine(node, outcomes)
    passed = outcomes.count("pass")
    return ConditionResult(node.id, node.kind, outcome, node.says, {"passed": passed, "of": len(kids)},
                           node.n if node.op == "at_least" else node.op, f"{passed} of {len(kids)} passed",
                           (), node.citations, kids, False, node.confidence)


def _leaf(node: NodePlan, leaf: LeafOutcome) -> ConditionResult:
    """A leaf's outcome as a result node, its values made plain JSON (unless the kind made them so)."""
    confidence = node.confidence
    if leaf.confidence is not None:
        confidence = max(confidence or "official", leaf.confidence, key=RANK.__getitem__)
    if leaf.plain:
        return ConditionResult(node.id, node.kind, leaf.outcome, node.says, leaf.observed, leaf.required,
                               leaf.explanation, leaf.evidence, node.citations, (), node.judgement, confidence)
    return ConditionResult(node.id, node.kind, leaf.outcome, node.says, plain(leaf.observed), plain(leaf.required),
                           leaf.explanation, tuple([plain(e) for e in leaf.evidence]), node.citations, (),
                           node.judgement, confidence)


def caveat_of(r: ConditionResult) -> Caveat | None:
    """The caveat a result node gives: a judgement that passes (an officer decides), or a rule on weak sources."""
    if r.judgement and r.outcome == "pass":
        return Caveat(r.id, r.says, r.explanation, r.citations)
    if r.confidence in ("blog", "unconfirmed") and not r.conditions:
        return Caveat(r.id, r.says, f"This rule rests on {r.confidence.replace('_', ' ')} sources", r.citations)
    return None


def _evaluate(node: NodePlan, mm: Measurer, decide: LeafDecider, caveats: list[Caveat]) -> ConditionResult:
    """The result tree of one condition, its leaves decided by ``decide``; its caveats added to ``caveats``.

    Caveats come in the order of the tree read top-down (a node's before its children's): only leaves and
    conditions without children give any, and they are met here in that order.
    """
    if node.children is not None:
        found = _composite(node, tuple([_evaluate(k, mm, decide, caveats) for k in node.children]))
    else:
        found = _leaf(node, decide(node.cond, mm))  # type: ignore[arg-type]
    if node.may_caveat:
        caveat = caveat_of(found)
        if caveat is not None:
            caveats.append(caveat)
    return found


def _keep(node: NodePlan, measured: Any, key: Hashable) -> tuple[ConditionResult, Caveat | None]:
    """The node and caveat of a keyed leaf for a measure whose key is not kept yet, built and kept.

    A measure of a few plain values (a kind with a ``key``): the node built for the same values is the same node
    (results are values: frozen, never changed once built), so it is built once per process, and its caveat
    with it; a version's walk (``evaluator.walk``) finds it by the key.
    """
    if len(node.results) >= RESULTS_KEPT:
        node.results.clear()
    cond = node.cond
    built = _leaf(node, node.report(cond, measured, node.decide(cond, measured)))  # type: ignore[misc]
    kept = node.results[key] = (built, caveat_of(built) if node.may_caveat else None)
    return kept


def step_on(program: Program, day: dt.date) -> ProgramResult | Walk:
    """What the native evaluation of ``program`` on ``day`` does: give the result its standing settles (the same
    whatever the profile), or walk its version's plan (``evaluator.walk``); worked out once per program and day."""
    kept = program_plan(program)
    step = kept.steps.get(day)
    if step is None:
        if len(kept.steps) >= DAYS_KEPT:
            kept.steps.clear()
        version, verdict = standing(program, day)
        if verdict is not None:
            step = _settled(program, day, version, verdict)
        else:
            assert version is not None  # standing gives a verdict whenever it gives no version
            plan = version_plan(program, version)
            step = kept.walks.get(id(version))
            if step is None:
                step = kept.walks[id(version)] = _FirstWalk(program, version, plan)
        kept.steps[day] = step
    found: ProgramResult | Walk = step
    return found


class _FirstWalk:
    """A version's walk written on its second evaluation: the first walks the plan node by node (``_evaluate``).

    Writing and compiling a function per version costs more than the one evaluation it would speed up, so a
    process that evaluates a profile once (the command line) never pays for it; the results are the same either
    way (``tests/test_evaluation_paths.py``). Holds its program weakly, as every plan does.
    """

    __slots__ = ("plan", "program", "used", "version", "walk")

    def __init__(self, program: Program, version: Version, plan: VersionPlan) -> None:
        self.program = weakref.ref(program)
        self.version = id(version)
        self.plan = plan
        self.used = False
        self.walk: Walk | None = None

    def __call__(self, mm: Measurer) -> ProgramResult:
        walk = self.walk
        if walk is not None:
            return walk(mm)
        program = self.program()
        assert program is not None  # a program being evaluated is alive
        if not self.used:
            self.used = True
            caveats: list[Caveat] = []
            results = tuple([_evaluate(node, mm, native_leaf, caveats) for node in self.plan.nodes])
            return program_result(program, results, self.plan, tuple(caveats))
        walk = self.walk = walker(program, self.plan, _leaf, caveat_of, _keep, combine, twins(mm.library))
        # The version and the days already worked out call the walk itself from now on.
        kept = program_plan(program)
        kept.walks[self.version] = walk
        for day, step in list(kept.steps.items()):
            if step is self:
                kept.steps[day] = walk
        return walk(mm)


def evaluate_program(program: Program, facts: Facts, library: Library, verdicts: dict[str, Verdict],
                     decide: LeafDecider = native_leaf) -> ProgramResult:
    """One program's verdict on the facts' as-of date, its leaves decided by ``decide`` (natively by default)."""
    day = facts.as_of
    if decide is native_leaf:
        step = step_on(program, day)
        if type(step) is ProgramResult:
            return step
        return step(Measurer(facts, library, verdicts))  # type: ignore[operator]
    version, verdict = standing(program, day)
    if verdict is not None:
        return _settled(program, day, version, verdict)
    assert version is not None  # standing gives a verdict whenever it gives no version
    mm = Measurer(facts, library, verdicts)
    plan = version_plan(program, version)
    caveats: list[Caveat] = []
    results = tuple([_evaluate(node, mm, decide, caveats) for node in plan.nodes])
    return program_result(program, results, plan, tuple(caveats))


def _settled(program: Program, day: dt.date, version: Version | None, verdict: Verdict) -> ProgramResult:
    """The result of a program whose standing on ``day`` settles its verdict (not in force, not encoded)."""
    ref, message = None, f"{program.title} did not exist before {program.established}"
    if version is not None:
        ref = VersionRef(version.valid_from, version.valid_to, version.in_force)
        message = version.note or f"not in force on {day}"
    elif verdict == "not_encoded":
        message = (f"no rules are encoded for {day}; the earliest encoded version starts "
                   f"{program.versions[0].valid_from}")
    return ProgramResult(program.id, program.title, verdict, ref, message, confidence=program.confidence,
                         kind=program.kind, short_title=program.short_title or program.title)


def standing(program: Program, day: dt.date) -> tuple[Version | None, Verdict | None]:
    """The program's version on ``day`` and, unless that version is in force, the verdict it gives alone.

    ``(version, None)``: a version in force, whose conditions decide. ``(None, "not_in_force")``: the
    program did not exist yet; ``(None, "not_encoded")``: no version covers the day;
    ``(version, "not_in_force")``: the version covering the day is not in force.
    """
    version = version_on(program, day)
    if version is None:
        first = program.versions[0].valid_from
        if day < first and program.established is not None and day < program.established:
            return None, "not_in_force"
        return None, "not_encoded"
    return version, (None if version.in_force else "not_in_force")


#: A version's verdict from the outcome of all its top-level conditions together.
VERDICT_OF: dict[Outcome, Verdict] = {"fail": "not_eligible", "unknown": "undetermined", "pass": "eligible"}


def program_result(program: Program, results: tuple[ConditionResult, ...], plan: VersionPlan,
                   caveats: tuple[Caveat, ...]) -> ProgramResult:
    """The verdict of a version in force from its top-level condition results and the caveats the evaluation
    gathered from them."""
    verdict = VERDICT_OF[kleene_all([r.outcome for r in results])]
    if verdict == "not_eligible":
        message = f"fails: {', '.join([r.id for r in results if r.outcome == 'fail'])}"
    elif verdict == "undetermined":
        message = f"the profile does not settle: {', '.join([r.id for r in results if r.outcome == 'unknown'])}"
    else:
        message = "every condition passes"
    return ProgramResult(program.id, program.title, verdict, plan.ref, message, caveats, results,
                         program.confidence, kind=program.kind, short_title=plan.short_title)
