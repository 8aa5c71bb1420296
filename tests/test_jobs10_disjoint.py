"""On a work history where no two jobs share a day, the shortcuts of ``measure.work`` and
``measure.work_classes.counted_items`` (a job counted whole has one evidence item for every count; the codes'
counts add up to the count of all of them) measure exactly what the general way measures: the hours, the
occupations found, and every job's evidence item; and a hand-made case."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.facts import Facts
from eligibility.measure import work_classes
from eligibility.measure.work import measure_work
from eligibility.measure.work_rows import work_table
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.rulebook.model import WorkExperienceCondition
from tests.strategies import as_of_dates, examples, profiles
from tests.support import rule_leaves

CONDITIONS = [c for c in rule_leaves(["work_experience"]) if isinstance(c, WorkExperienceCondition)]
CODES = ("63200", "62200", "21231", "72410", "41220", None)


@st.composite
def disjoint_histories(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Jobs one after another, none sharing a day with another (back to back or with a gap), listed in any order:
    some in Canada, some without a NOC code, some part-time, some unpaid, the last one sometimes still held."""
    jobs: list[dict[str, Any]] = []
    start = draw(st.dates(dt.date(2000, 1, 1), dt.date(2024, 1, 1)))
    for _ in range(draw(st.integers(1, 12))):
        days = draw(st.one_of(st.integers(0, 900), st.sampled_from((364, 365, 1094, 1095))))
        end = start + dt.timedelta(days=days)
        job: dict[str, Any] = {"start": start.isoformat(), "end": end.isoformat(),
                               "country": draw(st.sampled_from(("CA", "CA", "IN", "PH"))),
                               "hours_per_week": draw(st.sampled_from((40, 30, 20, 37.5, 12.5, 60))),
                               "title": draw(st.sampled_from(("Cook", "Clerk", None))), "employer": "Acme"}
        noc = draw(st.sampled_from(CODES))
        if noc is not None:
            job["noc"] = noc
        if job["country"] == "CA" and draw(st.booleans()):
            job["province"] = draw(st.sampled_from(("ON", "BC", "AB")))
        if draw(st.integers(0, 7)) == 0:
            job["paid"] = False
        jobs.append(job)
        start = end + dt.timedelta(days=draw(st.sampled_from((1, 1, 2, 30))))
    if draw(st.booleans()):
        jobs[-1]["end"] = None
    # Oldest first, newest first (then the rows inside a window are a run of them), or in any order.
    order = draw(st.sampled_from(("oldest", "newest", "any")))
    return jobs if order == "oldest" else jobs[::-1] if order == "newest" else draw(st.permutations(jobs))


def _both(profile: Profile, day: dt.date) -> list[tuple[object, object]]:
    found = []
    for cond in CONDITIONS:
        for explain in (True, False):
            short = measure_work(cond, Facts(profile, day), explain)
            work_classes.DISJOINT = False
            try:
                general = measure_work(cond, Facts(profile, day), explain)
            finally:
                work_classes.DISJOINT = True
            found.append((short, general))
    return found


@settings(max_examples=examples(60), deadline=None)
@given(profile=profiles(), jobs=disjoint_histories(), day=as_of_dates())
def test_the_shortcuts_measure_what_the_general_way_does(profile: Profile, jobs: list[dict[str, Any]],
                                                         day: dt.date) -> None:
    profile = attrs.evolve(profile, work=profile_from_data({"work": jobs}).work)
    table = work_table(Facts(profile, day))
    assert table is not None and table.disjoint
    for short, general in _both(profile, day):
        assert short == general
        assert short.evidence == general.evidence  # type: ignore[attr-defined]


@settings(max_examples=examples(40), deadline=None)
@given(profile=profiles(), day=as_of_dates())
def test_the_same_on_any_history(profile: Profile, day: dt.date) -> None:
    for short, general in _both(profile, day):
        assert short == general
        assert short.evidence == general.evidence  # type: ignore[attr-defined]


def test_three_jobs_one_after_another_at_any_time() -> None:
    """Express Entry's work "at any time" (the 600-month count of all occupations, 7,800 h): three jobs one after
    another, as of 2026-03-01. A cook's job of 40 h a week (30 h count, the cap) from 2020-01-01 to 2020-12-31 (366
    days): 30 x 366 / 7 = 1,568.6 h; a clerk's of 20 h from 2021-01-01 to 2021-06-30 (181 days): 20 x 181 / 7 =
    517.1 h; a cook's again of 37.5 h (30 count) from 2021-07-01, still held, to 2026-02-28 (1,704 days):
    30 x 1,704 / 7 = 7,302.9 h. In all 30 x 2,070 / 7 + 20 x 181 / 7 = (62,100 + 3,620) / 7 = 9,388.6 h, every
    job counted whole; the cook's code has the most (30 x 2,070 / 7 = 8,871.4 h) and is the main occupation."""
    cond = next(c for c in CONDITIONS if c.window_months == 600 and not c.single_occupation)
    profile = profile_from_data({"work": [
        {"start": "2020-01-01", "end": "2020-12-31", "hours_per_week": 40, "country": "CA", "noc": "63200"},
        {"start": "2021-01-01", "end": "2021-06-30", "hours_per_week": 20, "country": "CA", "noc": "14100"},
        {"start": "2021-07-01", "hours_per_week": 37.5, "country": "IN", "noc": "63200"}]})
    m = measure_work(cond, Facts(profile, dt.date(2026, 3, 1)))
    assert round(m.low, 1) == round((62_100 + 3_620) / 7, 1) == 9388.6
    assert m.main_occupation == "63200"
    assert [(item["job"], item["from"], item["to"], item["hours"]) for item in m.evidence] == [
        (0, "2020-01-01", "2020-12-31", 1568.6), (1, "2021-01-01", "2021-06-30", 517.1),
        (2, "2021-07-01", "2026-02-28", 7302.9)]


@settings(max_examples=examples(120), deadline=None)
@given(jobs=disjoint_histories(), day=as_of_dates(), data=st.data())
def test_a_window_of_a_history_in_order_of_its_days(jobs: list[dict[str, Any]], day: dt.date,
                                                      data: st.DataObject) -> None:
    """The rows inside any window (and the positions of those outside), found by bisection on a history listed in the
    order of its days, are those the pass over every row finds, each with the same part (cut at the window); windows
    begin and end on, or next to, a job's first or last day, or anywhere."""
    near = [dt.date.fromisoformat(d) + dt.timedelta(days=k) for job in jobs for d in (job["start"], job["end"]) if d
            for k in (-1, 0, 1)]
    some_day = st.one_of(st.sampled_from(near), st.dates(dt.date(1999, 1, 1), dt.date(2027, 1, 1)))
    first, last = data.draw(some_day), data.draw(some_day)
    profile = profile_from_data({"work": jobs})
    table, other = work_table(Facts(profile, day)), work_table(Facts(profile, day))
    assert table is not None and other is not None
    found = work_classes.window_rows(table, first, last)
    work_classes.DISJOINT = False
    try:
        general = work_classes.window_rows(other, first, last)
    finally:
        work_classes.DISJOINT = True
    assert [(row.position, part) for row, part in found[0]] == [(row.position, part) for row, part in general[0]]
    assert found[1] == general[1]


def test_a_window_cutting_the_ends_of_a_run_newest_first() -> None:
    """Three jobs listed newest first, as of 2026-03-01, and the window 2021-01-01 to 2022-12-31: the newest
    (2022-06-01 to 2023-05-31) is cut at the window's end, the middle one (2021-06-01 to 2022-05-31) is inside, the
    oldest (2020-01-01 to 2021-05-31) is cut at its start; none is outside. The window 2023-06-01 to 2026-02-28
    holds none of them."""
    profile = profile_from_data({"work": [
        {"start": "2022-06-01", "end": "2023-05-31", "hours_per_week": 40, "country": "CA"},
        {"start": "2021-06-01", "end": "2022-05-31", "hours_per_week": 40, "country": "CA"},
        {"start": "2020-01-01", "end": "2021-05-31", "hours_per_week": 40, "country": "CA"}]})
    table = work_table(Facts(profile, dt.date(2026, 3, 1)))
    assert table is not None and table.direction == -1
    inside, outside = work_classes.window_rows(table, dt.date(2021, 1, 1), dt.date(2022, 12, 31))
    o = dt.date.toordinal
    assert [part[1:3] for _, part in inside] == [
        (o(dt.date(2022, 6, 1)), o(dt.date(2022, 12, 31))), (o(dt.date(2021, 6, 1)), o(dt.date(2022, 5, 31))),
        (o(dt.date(2021, 1, 1)), o(dt.date(2021, 5, 31)))]
    assert outside == []
    assert work_classes.window_rows(table, dt.date(2023, 6, 1), dt.date(2026, 2, 28)) == ([], [0, 1, 2])
