"""Properties of the CRS score that hold for every valid profile and date, checked with Hypothesis."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from eligibility.result import CrsResult
from tests.strategies import DROPPABLE, examples, library, profile_data

SETTINGS = settings(max_examples=examples(40), deadline=None)
#: Days on which the CRS criteria change, and the days before them.
CHANGES = tuple(dt.date.fromisoformat(d) for d in (
    "2015-01-01", "2016-11-19", "2017-06-06", "2020-10-27", "2022-11-16", "2025-03-25"))


@st.composite
def crs_days(draw: st.DrawFn) -> dt.date:
    """A date from 2015 to mid-2027, often a day on which the criteria change or the day before."""
    if draw(st.booleans()):
        return draw(st.sampled_from(CHANGES)) - dt.timedelta(days=draw(st.integers(0, 1)))
    return draw(st.dates(dt.date(2015, 1, 1), dt.date(2027, 6, 30)))


@st.composite
def crs_data(draw: st.DrawFn, drop: bool = True) -> dict[str, Any]:
    """Profile data with the CRS-only keys (nomination, first official language) sometimes given."""
    data = draw(profile_data(drop=drop))
    choice = draw(st.integers(0, 3))
    if choice == 1:
        data["provincial_nomination"] = None
    elif choice == 2:
        data["provincial_nomination"] = {"province": "ON", "issued": draw(st.dates(
            dt.date(2015, 1, 1), dt.date(2027, 6, 30))).isoformat()}
    if draw(st.integers(0, 2)) == 0:
        data["first_official_language"] = draw(st.sampled_from(("english", "french")))
    return data


def score(data: dict[str, Any], day: dt.date) -> CrsResult:
    """The CRS result of plain profile data."""
    return crs_result(profile_from_data(data), day, library())


@SETTINGS
@given(crs_data(), crs_days())
def test_total_is_the_sum_of_the_sections_within_every_cap(data: dict[str, Any], day: dt.date) -> None:
    """Low and high add up the sections (exactly when the spouse case is known); no cap is ever exceeded."""
    result = score(data, day)
    if result.status != "scored":
        assert (result.low, result.high, result.sections) == (None, None, ())
        return
    assert result.low is not None and result.high is not None and result.max is not None
    low, high = sum(s.low for s in result.sections), sum(s.high for s in result.sections)
    # With the spouse case unknown, each section spans both cases, so their sum may pass the total's bounds.
    assert low <= result.low <= result.high <= min(high, result.max)
    if result.with_spouse is not None:
        assert (result.low, result.high) == (low, high)
    for s in result.sections:
        assert s.low <= s.high <= s.max
        if s.cap is not None:
            assert s.high <= s.cap
        for p in s.parts:
            assert p.low <= p.high <= p.max
            if p.cap is not None:
                assert p.high <= p.cap
    for f in result.factors:
        assert 0 <= f.low <= f.high <= f.max
    if result.total is not None:
        assert result.total == low == high


@SETTINGS
@given(crs_data(), crs_days(), st.sampled_from((*DROPPABLE, "provincial_nomination")))
def test_removing_a_fact_only_widens_the_range(data: dict[str, Any], day: dt.date, key: str) -> None:
    """Dropping a key (making a fact unknown) never raises the low end nor lowers the high end."""
    before = score(data, day)
    fewer = {k: v for k, v in data.items() if k != key}
    if key == "marital_status" and "spouse" in fewer and fewer["spouse"] is None:
        fewer.pop("spouse")  # a spouse key without a status reads as married: not "fewer facts"
    after = score(fewer, day)
    if before.status != "scored":
        assert after.status == before.status
        return
    assert after.low <= before.low and after.high >= before.high  # type: ignore[operator]


@SETTINGS
@given(crs_data(), crs_days())
def test_a_spouse_who_does_not_count_scores_as_no_spouse(data: dict[str, Any], day: dt.date) -> None:
    """A non-accompanying spouse, or one who is a citizen or PR, scores as a single person with no spouse."""
    # A stated family size would be below what a spouse implies (refused by the loader): let it be counted.
    data = {k: v for k, v in data.items() if k != "family_size"}
    single = {**data, "marital_status": "single", "spouse": None}
    married = {**data, "marital_status": "married", "spouse": {**(data.get("spouse") or {}), "accompanying": False}}
    citizen = {**data, "marital_status": "common_law",
               "spouse": {**(data.get("spouse") or {}), "accompanying": True, "canadian_citizen_or_pr": True}}
    alone = score(single, day)
    for other in (score(married, day), score(citizen, day)):
        assert other.with_spouse is (False if alone.status == "scored" else None)
        assert (other.low, other.high) == (alone.low, alone.high)


@SETTINGS
@given(crs_data(), crs_days())
def test_the_french_bonus_is_the_same_whether_french_is_first_or_second(data: dict[str, Any], day: dt.date) -> None:
    """Stating English or French as first official language never changes the French-language points."""
    english = score({**data, "first_official_language": "english"}, day)
    french = score({**data, "first_official_language": "french"}, day)
    if english.status == "scored" and day >= dt.date(2017, 6, 6):
        a, b = english.factor("additional.french"), french.factor("additional.french")
        assert (a.low, a.high) == (b.low, b.high)


def _raise_language(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for t in out.get("language_tests") or []:
        if t["test"] == "celpip_general":
            for ability in ("reading", "writing", "listening", "speaking"):
                t[ability] = min(12, t[ability] + 1)
    return out


def _more_work(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    for w in out.get("work") or []:
        w["start"] = (dt.date.fromisoformat(str(w["start"])) - dt.timedelta(days=364)).isoformat()
    return out


def _more_education(data: dict[str, Any]) -> dict[str, Any]:
    order = ("secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "professional", "doctoral")
    out = copy.deepcopy(data)
    for e in out.get("education") or []:
        e["level"] = order[min(len(order) - 1, order.index(e["level"]) + 1)]
        if e.get("eca"):
            e["eca"]["level"] = order[min(len(order) - 1, order.index(e["eca"]["level"]) + 1)]
    return out


@SETTINGS
@given(crs_data(), crs_days(), st.sampled_from((_raise_language, _more_work, _more_education)))
def test_more_of_a_factor_never_lowers_the_score(data: dict[str, Any], day: dt.date, change: Any) -> None:
    """A higher CLB, more work or a higher level of education never lowers the low or the high end."""
    before, after = score(data, day), score(change(data), day)
    if before.status == "scored":
        assert after.low >= before.low and after.high >= before.high  # type: ignore[operator]
