"""The programs "within reach": not eligible on a day, eligible on a later day of the next three years.

This is what the evaluate command's text and Markdown output show of the plan (``timeline.build``): for
each such program, the first day it becomes eligible and why. It reads the same days as the plan (the
days on which anything can change, ``timeline.days``) and gives the same day and words as
``reporting.assemble.reach_of`` of the plan, without the rest of the plan (intervals, what still stands
in the way, the CRS over time). Each day is decided by the verdicts alone; the two results whose
difference says why are built only for a program that opens, on the day it opens and the day before.
"""

from __future__ import annotations

from eligibility.dates import months_before
from eligibility.engines.run import evaluate, evaluate_verdicts
from eligibility.profile.model import Profile
from eligibility.render.words import Reach
from eligibility.result import Evaluation
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
    found: dict[str, Reach | None] = {}  # None: eligible on the first day already, which is not "later"
    before = start
    for day in days:
        # A program is decided until the first day it is eligible; the others do not need it.
        wanted = [pid for pid in closed if pid not in found]
        if not wanted:
            break
        verdicts = evaluate_verdicts(profile, day, library, wanted)
        opened = [pid for pid in wanted if verdicts[pid] == "eligible"]
        if opened and day == start:
            found.update(dict.fromkeys(opened))
        elif opened:
            was, now = evaluate(profile, before, library, opened), evaluate(profile, day, library, opened)
            for pid in opened:
                found[pid] = Reach(day, cause(was.program(pid), now.program(pid), by_day.get(day, [])))
        before = day
    return {pid: reach for pid, reach in sorted(found.items()) if reach is not None}
