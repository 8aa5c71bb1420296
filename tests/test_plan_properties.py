"""The plan agrees with evaluating every day: verdicts change exactly on its boundaries and nowhere else."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from eligibility.timeline.build import plan
from tests.strategies import as_of_dates, examples, library, profile_data

# Days after a job starts or a test is taken on which something usually changes (1,560 h at 30 or
# 20 h a week, 780 h, the 2-year test validity, the 3-year window), to centre windows where they matter.
OFFSETS = (182, 364, 365, 546, 730, 731, 1095, 1096, 1460)


@st.composite
def centres(draw: st.DrawFn, data: dict[str, Any]) -> dt.date:
    """A day near a rule boundary, or near a job's or a test's own change days."""
    anchors = [dt.date.fromisoformat(w["start"]) for w in data.get("work", [])]
    anchors += [dt.date.fromisoformat(w["end"]) for w in data.get("work", []) if w.get("end")]
    anchors += [dt.date.fromisoformat(t["taken"]) for t in data.get("language_tests", [])]
    if anchors and draw(st.booleans()):
        day = draw(st.sampled_from(anchors)) + dt.timedelta(days=draw(st.sampled_from(OFFSETS)))
        return min(max(day, dt.date(2022, 11, 16)), dt.date(2030, 1, 1))
    return draw(as_of_dates())


@settings(max_examples=examples(25), deadline=None)
@given(st.data())
def test_plan_matches_day_by_day_evaluation(data: st.DataObject) -> None:
    """For generated profiles, every program evaluated on each of 120 days changes verdict exactly on the plan's
    boundaries, each interval's verdict is the one of each of its days, and the CRS of each day is its step's."""
    raw = data.draw(profile_data(min_jobs=1))
    profile = profile_from_data(raw)
    centre = data.draw(centres(raw))
    start, until = centre - dt.timedelta(days=60), centre + dt.timedelta(days=60)
    timeline = plan(profile, start, until, library())
    expected = {p.id: [(i.start, i.end, i.verdict) for i in p.intervals] for p in timeline.programs}
    assert all(a.end == b.start and (a.low, a.high) != (b.low, b.high) for a, b in itertools.pairwise(timeline.crs))
    day = start
    while day < until:
        step = next(s for s in timeline.crs if s.start <= day < s.end)
        score = crs_result(profile, day, library())
        assert (score.low, score.high) == (step.low, step.high), (day, timeline.crs)
        evaluation = evaluate(profile, day, library())
        for result in evaluation.programs:
            interval = next(i for i in expected[result.id] if i[0] <= day < i[1])
            assert result.verdict == interval[2], (result.id, day, expected[result.id])
        day += dt.timedelta(days=1)


@settings(max_examples=examples(15), deadline=None)
@given(profile_data(min_jobs=1), as_of_dates())
def test_three_year_plan_boundaries_are_exact(raw: dict[str, Any], start: dt.date) -> None:
    """Over 3 years, each boundary day evaluates to the new interval's verdict and the day before to the old one."""
    profile = profile_from_data(raw)
    until = start + dt.timedelta(days=1096)
    timeline = plan(profile, start, until, library())
    for p in timeline.programs:
        for before, after in zip(p.intervals, p.intervals[1:], strict=False):
            assert before.verdict != after.verdict
            day = after.start
            assert evaluate(profile, day, library(), [p.id]).program(p.id).verdict == after.verdict
            assert evaluate(profile, day - dt.timedelta(days=1), library(), [p.id]).program(p.id).verdict == \
                before.verdict
