"""Both sides of a what-if: the verdicts that change, the CRS before and after, the plan intervals that move."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from eligibility.record import Record
from eligibility.render.crs import crs_data
from eligibility.render.data import evaluation_data
from eligibility.result import CrsResult, Evaluation
from eligibility.timeline.build import Plan, ProgramPlan
from eligibility.timeline.render import VERDICT, interval_line, plan_data
from eligibility.timeline.score import score_text


@frozen
class VerdictChange(Record):
    """A program whose verdict differs once the what-if is laid over the profile."""

    program: str
    before: str
    after: str
    because: str


@frozen
class EvaluationComparison(Record):
    """One date evaluated with and without the what-if."""

    sources: tuple[str, ...]
    before: Evaluation
    after: Evaluation
    changes: tuple[VerdictChange, ...]
    crs_before: CrsResult | None = None
    crs_after: CrsResult | None = None


@frozen
class PlanComparison(Record):
    """One horizon planned with and without the what-if, and the programs whose intervals move."""

    sources: tuple[str, ...]
    before: Plan
    after: Plan
    moved: tuple[str, ...]


def compare_evaluations(sources: Sequence[str], before: Evaluation, after: Evaluation,
                        crs_before: CrsResult | None = None,
                        crs_after: CrsResult | None = None) -> EvaluationComparison:
    """The verdicts that change between the two evaluations, each with the after side's message."""
    changes = []
    for a in after.programs:
        b = before.program(a.id)
        if a.verdict != b.verdict:
            changes.append(VerdictChange(a.id, b.verdict, a.verdict, a.message))
    return EvaluationComparison(tuple(sources), before, after, tuple(changes), crs_before, crs_after)


def _intervals(p: ProgramPlan) -> list[tuple[Any, Any, str]]:
    return [(i.start, i.end, i.verdict) for i in p.intervals]


def compare_plans(sources: Sequence[str], before: Plan, after: Plan) -> PlanComparison:
    """The programs whose intervals (days or verdicts) differ."""
    moved = tuple(a.id for a in after.programs if _intervals(a) != _intervals(before.program(a.id)))
    return PlanComparison(tuple(sources), before, after, moved)


def _crs_text(result: CrsResult | None) -> str:
    return "not computed" if result is None else score_text(result.low, result.high)


def evaluation_comparison_text(c: EvaluationComparison) -> list[str]:
    """The head of a what-if evaluation in words: what changes, then the CRS on both sides."""
    lines = [f"What if: {'; '.join(c.sources)} (as of {c.after.as_of})"]
    if not c.changes:
        lines.append("  No verdict changes.")
    for ch in c.changes:
        lines.append(f"  {ch.program}: {VERDICT[ch.before]} -> {VERDICT[ch.after]} ({ch.because})")
    if c.crs_before is not None or c.crs_after is not None:
        lines.append(f"  CRS: {_crs_text(c.crs_before)} -> {_crs_text(c.crs_after)}")
    return lines


def evaluation_comparison_data(c: EvaluationComparison) -> dict[str, Any]:
    """JSON-ready: the what-if's sources, both evaluations, the changes, the CRS on both sides."""
    return {
        "what_if": list(c.sources),
        "changes": [{"program": ch.program, "before": ch.before, "after": ch.after, "because": ch.because}
                    for ch in c.changes],
        "crs": {"before": crs_data(c.crs_before) if c.crs_before else None,
                "after": crs_data(c.crs_after) if c.crs_after else None},
        "before": evaluation_data(c.before),
        "after": evaluation_data(c.after),
    }


def _plan_lines(p: ProgramPlan) -> list[str]:
    return [interval_line(i) for i in p.intervals]


def plan_comparison_text(c: PlanComparison) -> str:
    """The intervals that move, both sides, then the CRS steps on both sides."""
    lines = [f"What if: {'; '.join(c.sources)} ({c.after.start} to the day before {c.after.until})"]
    if not c.moved:
        lines.append("  No interval moves.")
    for pid in c.moved:
        lines += ["", f"{pid}", "  before:"]
        lines += [f"  {line}" for line in _plan_lines(c.before.program(pid))]
        lines.append("  after:")
        lines += [f"  {line}" for line in _plan_lines(c.after.program(pid))]
    crs = [(s.start, s.low, s.high) for s in c.before.crs] != [(s.start, s.low, s.high) for s in c.after.crs]
    if crs:
        lines += ["", "CRS before: " + ", ".join(f"{s.start} {score_text(s.low, s.high)}" for s in c.before.crs),
                  "CRS after:  " + ", ".join(f"{s.start} {score_text(s.low, s.high)}" for s in c.after.crs)]
    return "\n".join(lines)


def plan_comparison_data(c: PlanComparison) -> dict[str, Any]:
    """JSON-ready: the what-if's sources, the moved programs with both sides' intervals, and both plans."""
    before, after = plan_data(c.before), plan_data(c.after)
    by_id = {p["id"]: p for p in before["programs"]}
    return {
        "what_if": list(c.sources),
        "changes": [{"program": p["id"], "before": by_id[p["id"]]["intervals"], "after": p["intervals"]}
                    for p in after["programs"] if p["id"] in c.moved],
        "before": before,
        "after": after,
    }
