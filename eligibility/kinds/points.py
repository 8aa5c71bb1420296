"""points: a named points grid scored on the profile, against the pass mark."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eligibility.facts import Facts
from eligibility.kinds.base import Check, Decision, Explained, Kind, LeafOutcome, Matcher
from eligibility.logic import Outcome, threshold
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.measure.grid import FACTORS, GridScore, Scored, score, score_range
from eligibility.rulebook.model import PointsCondition
from eligibility.rulebook.tables import GridVersion


def measure(c: PointsCondition, mm: Measurer) -> GridScore:
    """The grid version in force scored on the facts: its lowest and highest possible totals, per factor."""
    return score(mm.library.grids[c.grid].version_on(mm.as_of), mm.facts)


def decide(c: PointsCondition, m: GridScore) -> Decision:
    """Passes when even the lowest total reaches the pass mark; fails when even the highest falls short."""
    return Decision(threshold(m.low, m.high, c.pass_mark) if m.found else "unknown")


def outcome(c: PointsCondition) -> Callable[[Measurer], Outcome]:
    """``decide(c, measure(c, mm)).outcome``, compiled: the totals alone (``grid.score_range``), without the
    factors' words and records that only the report reads."""
    def decided(mm: Measurer) -> Outcome:
        version = mm.library.grids[c.grid].version_on(mm.as_of)
        if version is None:
            return "unknown"
        low, high = score_range(version, mm.facts)
        return threshold(low, high, c.pass_mark)

    return decided


def durable_checks(c: PointsCondition) -> dict[str, Check]:
    """``score``: pass when the low total reaches the mark, fail when the high total falls short."""
    return {"score": Check({"$gte": {"low": c.pass_mark}}, ({"$lt": {"high": c.pass_mark}},))}


def durable_decide(c: PointsCondition, m: GridScore, run: Matcher) -> Decision:
    """The lowest and highest totals asserted as one fact."""
    return Decision(run.one("score", {"low": m.low, "high": m.high} if m.found else {}))


def report(c: PointsCondition, m: GridScore, d: Decision) -> LeafOutcome:
    """The total, the pass mark, and each factor's points."""
    if not m.found:  # prevented by the library check
        return LeafOutcome(d.outcome, None, c.pass_mark, f"grid {c.grid} has no version for that date")
    total = f"{m.low}" if m.low == m.high else f"{m.low} to {m.high} (some factors unknown)"
    text = f"{total} points of {m.max}; pass mark {c.pass_mark}"
    observed = m.low if m.low == m.high else {"low": m.low, "high": m.high}
    # Numbers and text in dicts made here: plain JSON already.
    return LeafOutcome(d.outcome, observed, c.pass_mark, text, tuple([f.evidence() for f in m.factors]), plain=True)


def explained(c: PointsCondition) -> Callable[[Measurer], Explained]:
    """``report(c, m, decide(c, m))``'s values with ``m = measure(c, mm)``, compiled (``Kind.explained``): each
    factor scored and made its evidence item in one pass, without a record per factor, the grid's score record,
    the decision's and the outcome's."""
    mark = c.pass_mark
    grid = c.grid
    missing = f"grid {grid} has no version for that date"

    def explain(mm: Measurer) -> Explained:
        version = mm.library.grids[grid].version_on(mm.as_of)
        if version is None:  # prevented by the library check
            return "unknown", None, mark, missing, (), None
        facts = mm.facts
        low = high = 0
        evidence = []
        for factor, scored, item in _FACTORS.get(version, _factors):
            lo, hi, detail = scored(factor, facts, True)
            low += lo
            high += hi
            made = item()
            made["points"] = lo
            made["max_possible"] = hi
            made["detail"] = detail
            evidence.append(made)
        if low == high:
            observed: Any = low
            text = f"{low} points of {version.max}; pass mark {mark}"
        else:
            observed = {"low": low, "high": high}
            text = f"{low} to {high} (some factors unknown) points of {version.max}; pass mark {mark}"
        return threshold(low, high, mark), observed, mark, text, tuple(evidence), None

    return explain


def _factors(version: GridVersion) -> tuple[tuple[Any, Callable[[Any, Facts, bool], Scored],
                                                 Callable[[], dict[str, Any]]], ...]:
    """Each factor of ``version`` with its scoring (``grid.FACTORS``) and the copy method of its evidence item with
    the factor's own parts in place, in the order of ``FactorScore.evidence``'s keys (the points and detail set
    per evaluation)."""
    return tuple([(factor, FACTORS[factor.kind], {"factor": factor.id, "says": factor.says, "points": 0,
                                                  "max_possible": 0, "factor_max": factor.max, "detail": ""}.copy)
                  for factor in version.factors])


#: Each grid version's factors as ``explained`` reads them, kept while the version lives.
_FACTORS: IdentityCache[GridVersion, tuple[tuple[Any, Callable[[Any, Facts, bool], Scored],
                                               Callable[[], dict[str, Any]]], ...]] = IdentityCache()


KIND: Kind[PointsCondition, GridScore] = Kind("points", PointsCondition, measure, decide, durable_checks,
                                             durable_decide, report, outcome=outcome, explained=explained)
