"""The native evaluator: one program version's conditions decided in Python, and the result nodes both engines build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from eligibility.citations import cite
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.kinds.base import LeafOutcome
from eligibility.logic import NEGATION, at_least, kleene_all, kleene_any
from eligibility.measure.context import Measurer
from eligibility.result import (
    Caveat,
    CitationRef,
    ConditionResult,
    Outcome,
    ProgramResult,
    Verdict,
    VersionRef,
)
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Composite, Condition, JudgementCondition, Leaf, Program, Version

#: How an engine decides one leaf: measure it with the measurer, decide, report.
LeafDecider = Callable[[Leaf, Measurer], LeafOutcome]
VERDICT_OF = {"pass": "eligible", "fail": "not_eligible", "unknown": "undetermined"}


def plain(value: Any) -> Any:
    """A JSON value as JSON gives it back: lists for tuples, ISO text for dates, text keys."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# From the strongest confidence to the weakest.
CONFIDENCE_ORDER = ("official", "official_via_news", "blog", "unconfirmed")


def _confidence(program: Program, cond: Condition, refs: tuple[CitationRef, ...]) -> str | None:
    if cond.confidence is not None:
        return cond.confidence
    levels = [r.confidence for r in refs]
    return max(levels, key=CONFIDENCE_ORDER.index) if levels else None


def native_leaf(cond: Leaf, mm: Measurer) -> LeafOutcome:
    """A leaf measured, decided in Python, and reported."""
    kind = KINDS[cond.kind]
    measured = kind.measure(cond, mm)
    return kind.report(cond, measured, kind.decide(cond, measured))


def composite_result(cond: Composite, kids: tuple[ConditionResult, ...], program: Program) -> ConditionResult:
    """Combine the children's results of an all / any / not / at_least condition (Kleene logic)."""
    refs = cite(program, cond.citations)
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
    says = cond.says or {"all": "all of these", "any": "at least one of these", "not": "not this",
                         "at_least": f"at least {cond.n} of these"}[cond.op]
    passed = outcomes.count("pass")
    return ConditionResult(cond.id, cond.op, outcome, says, observed={"passed": passed, "of": len(kids)},
                           required=cond.n if cond.op == "at_least" else cond.op,
                           explanation=f"{passed} of {len(kids)} passed", citations=refs, conditions=kids,
                           confidence=_confidence(program, cond, refs))


def leaf_result(cond: Leaf, leaf: LeafOutcome, program: Program) -> ConditionResult:
    """A leaf's outcome as a result node, its values made plain JSON."""
    refs = cite(program, cond.citations)
    confidence = _confidence(program, cond, refs)
    if leaf.confidence is not None:
        confidence = max(confidence or "official", leaf.confidence, key=CONFIDENCE_ORDER.index)
    return ConditionResult(cond.id, cond.kind, leaf.outcome, cond.says, plain(leaf.observed), plain(leaf.required),
                           leaf.explanation, tuple(plain(e) for e in leaf.evidence), refs,
                           judgement=isinstance(cond, JudgementCondition), confidence=confidence)


def evaluate_condition(cond: Condition, mm: Measurer, program: Program,
                       decide: LeafDecider = native_leaf) -> ConditionResult:
    """The result tree of one condition, its leaves decided by ``decide``."""
    if isinstance(cond, Composite):
        kids = tuple(evaluate_condition(k, mm, program, decide) for k in cond.children)
        return composite_result(cond, kids, program)
    return leaf_result(cond, decide(cond, mm), program)


def _caveats(results: Iterable[ConditionResult], program: Program, version: Version) -> list[Caveat]:
    out = []
    for r in results:
        if r.judgement and r.outcome == "pass":
            out.append(Caveat(r.id, r.says, r.explanation, r.citations))
        elif r.confidence in ("blog", "unconfirmed") and not r.conditions:
            out.append(Caveat(r.id, r.says, f"This rule rests on {r.confidence.replace('_', ' ')} sources",
                              r.citations))
        out.extend(_caveats(r.conditions, program, version))
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
    return program_result(program, version,
                          tuple(evaluate_condition(c, mm, program, decide) for c in version.conditions))


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
                         tuple(_caveats(results, program, version)), results, program.confidence,
                         kind=program.kind, short_title=program.short_title or program.title)
