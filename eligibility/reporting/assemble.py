"""Everything a client report shows, computed once: the evaluation, the plan, the CRS and the rounds.

The renderers (HTML, Markdown) only format a ``Report``; they never evaluate anything themselves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from eligibility.dates import months_before
from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.render.words import Reach
from eligibility.reporting.reach import HORIZON_MONTHS
from eligibility.result import Evaluation
from eligibility.rulebook.library import Library
from eligibility.timeline.build import Plan


@frozen
class Report(Record):
    """One profile's report on one date."""

    profile: Profile
    evaluation: Evaluation
    plan: Plan
    reach: dict[str, Reach]
    crs: Any | None
    rounds: Any | None
    crs_data: dict[str, Any] | None
    rules_checked: dt.date | None
    #: The ways to raise the CRS, best first, and the days it falls (``eligibility crs --improve``).
    improve: Any | None = None


def reach_of(plan: Plan) -> dict[str, Reach]:
    """Programs not eligible on the plan's first day that the plan opens later: the day, and why."""
    out: dict[str, Reach] = {}
    for p in plan.programs:
        day = p.next.eligible_from
        if day is None or p.next.eligible_at_start:
            continue
        because = next((i.because for i in p.intervals if i.start == day), "")
        out[p.id] = Reach(day, because)
    return out


def build_report(profile: Profile, as_of: dt.date, library: Library) -> Report:
    """Evaluate, plan three years ahead, score the CRS and find the rounds the person could have met."""
    from eligibility.engines.run import evaluate
    from eligibility.timeline.build import plan as make_plan

    evaluation = evaluate(profile, as_of, library)
    plan = make_plan(profile, as_of, months_before(as_of, -HORIZON_MONTHS), library)
    crs, rounds, crs_json = _crs(profile, as_of, library, evaluation)
    found = None
    if crs is not None and crs.status == "scored":
        from eligibility.ranking.improve import improve

        found = improve(profile, as_of, library)
    return Report(profile, evaluation, plan, reach_of(plan), crs, rounds, crs_json, plan.rules_checked, found)


def _crs(profile: Profile, as_of: dt.date, library: Library, evaluation: Evaluation,
         ) -> tuple[Any | None, Any | None, dict[str, Any] | None]:
    """The CRS result, the rounds it would have met (a nomination counting from its day), and the CRS JSON."""
    import attrs

    from eligibility.draws.person import rounds_for
    from eligibility.ranking.compute import crs_result
    from eligibility.render.crs import crs_data

    result = crs_result(profile, as_of, library)
    if result.status != "scored" or result.low is None or result.high is None:
        return result, None, crs_data(result)
    # Every program was evaluated for the report, so its verdicts open exactly the person's round types.
    rounds = rounds_for(profile, {p.id: p.verdict for p in evaluation.programs}, result.low, result.high, as_of)
    result = attrs.evolve(result, rounds=rounds)
    return result, rounds, crs_data(result)
