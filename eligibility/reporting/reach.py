"""The programs "within reach": not eligible on a day, eligible on a later day of the next three years.

This is what the evaluate command's text and Markdown output show of the plan (``timeline.build``): for
each such program, the first day it becomes eligible and why. It reads the same days as the plan (the
days on which anything can change, ``timeline.days``) and gives the same day and words as
``reporting.assemble.reach_of`` of the plan, without the rest of the plan (intervals, what still stands
in the way, the CRS over time).
"""

from __future__ import annotations

from eligibility.dates import months_before
from eligibility.engines.run import evaluate
from eligibility.profile.model import Profile
from eligibility.render.words import Reach
from eligibility.result import Evaluation, ProgramResult
from eligibility.rulebook.library import Library
from eligibility.timeline.causes import cause
from eligibility.timeline.days import days_to_read

#: How far ahead "within reach" and the report's plan look, in months.
HORIZON_MONTHS = 36


def within_reach(profile: Profile, evaluation: Evaluation, library: Library) -> dict[str, Reach]:
    """The programs not eligible in ``evaluation`` that become eligible within ``HORIZON_MONTHS``: the
    first day, and why (the change on that day), by program id."""
    closed = sorted({p.id for p in evaluation.programs if p.verdict == "not_eligible"})
    if not closed:
        return {}
    start = evaluation.as_of
    days, by_day = days_to_read(profile, library, start, months_before(start, -HORIZON_MONTHS))
    previous: dict[str, ProgramResult] = {}
    found: dict[str, Reach | None] = {}  # None: eligible on the first day already, which is not "later"
    for day in days:
        # A program is evaluated until the first day it is eligible; the others do not need it.
        wanted = [pid for pid in closed if pid not in found]
        if not wanted:
            break
        today = evaluate(profile, day, library, wanted)
        for pid in wanted:
            result = today.program(pid)
            if result.verdict == "eligible":
                found[pid] = Reach(day, cause(previous[pid], result, by_day.get(day, []))) if day != start else None
            previous[pid] = result
    return {pid: reach for pid, reach in sorted(found.items()) if reach is not None}
