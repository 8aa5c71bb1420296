"""The native evaluator: one program version's conditions decided in Python, and the result nodes both engines build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from eligibility.evaluator.plan import RANK, NodePlan, version_plan
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import LeafOutcome
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
VERDICT_OF = {"pass": "eligible", "fail": "not_eligible", "unknown": "undetermined"}
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A JSON value as JSON gives it back: lists for tuples, ISO text for dates, text keys."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): v if type(v) in _SCALARS else plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def native_leaf(cond: Leaf, mm: Measurer) -> LeafOutcome:
    """A leaf measured, decided in Python, and reported."""
    kind = KINDS[cond.kind]
    measured = kind.measure(cond, mm)
    return kind.report(cond, measured, kind.decide(cond, measured))


def _composite(node: NodePlan, kids: tuple[ConditionResult, ...]) -> ConditionResult:
    """Combine the children's results of an all / any / not / at_least condition (Kleene logic)."""
    outcomes = [k.outcome for k in kids]
    outcome: Outcome
    if node.op == "all":
        outcome = kleene_all(outcomes)
    elif node.op == "any":
        outcome = kleene_any(outcomes)
    elif node.op == "not":
        outcome = NEGATION[outcomes[0]]
    else:
        outcome = at_least(node.n, outcomes)
    passed = outcomes.count("pass")
    return ConditionResult(node.id, node.kind, outcome, node.says, {"passed": passed, "of": len(kids)},
                           node.n if node.op == "at_least" else node.op, f"{passed} of {len(kids)} passed",
                           (), node.citations, kids, False, node.confidence)


def _leaf(node: NodePlan, leaf: LeafOutcome) -> ConditionResult:
    """A leaf's outcome as a result node, its values made plain JSON."""
    confidence = node.confidence
    if leaf.confidence is not None:
        confidence = max(confidence or "official", leaf.confidence, key=RANK.__getitem__)
    return ConditionResult(node.id, node.kind, leaf.outcome, node.says, plain(leaf.observed), plain(leaf.required),
                           leaf.explanation, leaf.evidence if leaf.plain else tuple([plain(e) for e in leaf.evidence]),
                           node.citations, (),
                           node.judgement, confidence)


def _evaluate(node: NodePlan, mm: Measurer, decide: LeafDecider) -> ConditionResult:
    """The result tree of one condition, its leaves decided by ``decide``."""
    if node.children is not None:
        return _composite(node, tuple([_evaluate(k, mm, decide) for k in node.children]))
    return _leaf(node, decide(node.cond, mm))  # type: ignore[arg-type]


def _caveats(results: Iterable[ConditionResult], out: list[Caveat]) -> list[Caveat]:
    for r in results:
        if r.judgement and r.outcome == "pass":
            out.append(Caveat(r.id, r.says, r.explanation, r.citations))
        elif r.confidence in ("blog", "unconfirmed") and not r.conditions:
            out.append(Caveat(r.id, r.says, f"This rule rests on {r.confidence.replace('_', ' ')} sources",
                              r.citations))
        if r.conditions:
            _caveats(r.conditions, out)
    return out


def evaluate_program(program: Program, facts: Facts, library: Library, verdicts: dict[str, Verdict],
                     decide: LeafDecider = native_leaf) -> ProgramResult:
    """One program's verdict on the facts' as-of date, its leaves decided by ``decide`` (natively by default)."""
    day = facts.as_of
    version = program.version_on(day)
    if version is None:
        first = program.versions[0].valid_from
        if day < first and program.established is not None and day < program.established:
            return ProgramResult(program.id, program.title, "not_in_force", None,
                                 f"{program.title} did not exist before {program.established}",
                                 confidence=program.confidence, kind=program.kind,
                                 short_title=program.short_title or program.title)
        return ProgramResult(program.id, program.title, "not_encoded", None,
                             f"no rules are encoded for {day}; the earliest encoded version starts {first}",
                             confidence=program.confidence, kind=program.kind,
                             short_title=program.short_title or program.title)
    ref = VersionRef(version.valid_from, version.valid_to, version.in_force)
    if not version.in_force:
        return ProgramResult(program.id, program.title, "not_in_force", ref,
                             version.note or f"not in force on {day}", confidence=program.confidence,
                             kind=program.kind, short_title=program.short_title or program.title)
    mm = Measurer(facts, library, verdicts)
    plan = version_plan(program, version)
    return program_result(program, version, tuple([_evaluate(node, mm, decide) for node in plan.nodes]))


def program_result(program: Program, version: Version, results: tuple[ConditionResult, ...]) -> ProgramResult:
    """The verdict of a version in force from its top-level condition results."""
    ref = VersionRef(version.valid_from, version.valid_to, version.in_force)
    verdict: Verdict = VERDICT_OF[kleene_all([r.outcome for r in results])]  # type: ignore[assignment]
    failed = [r.id for r in results if r.outcome == "fail"]
    unknown = [r.id for r in results if r.outcome == "unknown"]
    message = {"eligible": "every condition passes",
               "not_eligible": f"fails: {', '.join(failed)}",
               "undetermined": f"the profile does not settle: {', '.join(unknown)}"}[verdict]
    return ProgramResult(program.id, program.title, verdict, ref, message,
                         tuple(_caveats(results, [])), results, program.confidence,
                         kind=program.kind, short_title=program.short_title or program.title)
