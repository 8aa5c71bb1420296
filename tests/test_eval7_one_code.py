"""A work condition counting one occupation at a time that meets a single occupation among jobs that all have a
NOC code (``measure.work.measure_work``'s short way) measures exactly what the general way measures: the hours,
the best and main occupation, whether it qualifies, and every job's evidence item; and a hand-made case."""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import given, settings

from eligibility.facts import Facts
from eligibility.measure import work
from eligibility.measure.work import measure_work
from eligibility.profile.model import Profile, WorkEntry
from eligibility.rulebook.model import WorkExperienceCondition
from tests.strategies import as_of_dates, examples, profiles
from tests.support import rule_leaves

CONDITIONS = [c for c in rule_leaves(["work_experience"]) if isinstance(c, WorkExperienceCondition)]


def _both(profile: Profile, day: dt.date) -> list[tuple[object, object]]:
    found = []
    for cond in CONDITIONS:
        for explain in (True, False):
            short = measure_work(cond, Facts(profile, day), explain)
            work.ONE_CODE = False
            try:
                general = measure_work(cond, Facts(profile, day), explain)
            finally:
                work.ONE_CODE = True
            found.append((short, general))
    return found


@settings(max_examples=examples(80), deadline=None)
@given(profile=profiles(), day=as_of_dates())
def test_the_short_way_measures_what_the_general_way_does(profile: Profile, day: dt.date) -> None:
    for short, general in _both(profile, day):
        assert short == general
        assert short.evidence == general.evidence  # type: ignore[attr-defined]


def test_one_cook_job_for_a_trades_condition() -> None:
    """FST's trade work (IRPR s. 87.2(3)(a): two years of full-time work in the trade in the five years before):
    one cook's job (NOC 63200, a listed trade) of 40 h a week from 2023-03-01 to 2026-02-28, as of 2026-03-01,
    counts 30 h a week (the cap) for 1,096 days: 30 x 1,096 / 7 = 4,697.1 h, at least 3,120 h; the cook's code is
    the best and main occupation and qualifies."""
    trade = next(c for c in CONDITIONS if c.id == "trade-work" and c.min_hours == 3120)
    job = WorkEntry(start=dt.date(2023, 3, 1), end=dt.date(2026, 2, 28), hours_per_week=40, country="CA",
                    noc="63200", title="Cook")
    from tests.test_eval7_prekey import _example  # an example profile to change

    profile = attrs.evolve(_example("cook-in-canada.yaml"), work=(job,))
    m = measure_work(trade, Facts(profile, dt.date(2026, 3, 1)))
    assert round(m.low, 1) == round(30 * 1096 / 7, 1) == 4697.1
    assert m.high == m.low
    assert (m.best_code, m.main_occupation, m.qualifying_codes) == ("63200", "63200", ("63200",))
    assert [item["hours"] for item in m.evidence] == [4697.1]
