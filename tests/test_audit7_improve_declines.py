"""``crs --improve``: the days the score falls without any action, and the day another year of Canadian work is
reached, checked by hand (audit7, 2026-12-01).

Points are worked out from the CRS tables (research crs.md, A-C; docs/crs.md): single applicant, age 31-34 =
99 / 94 / 88 / 83, bachelor's 120, IELTS General Training L 8 R 7.5 W 7 S 7 = CLB 9 in all four (programs.md
8.1) = 4 x 31 = 124, bachelor's + CLB 9 = 25, three years or more of foreign work + CLB 9 = 50; with an
accompanying spouse the spouse's CLB 9 is 5 an ability (20) and a bachelor's 8. A test counts for 2 years from
the date on its result when the profile gives it, else from the test date (docs/profile-format.md,
docs/language-tests.md); an ECA for 5 years. Dates from 29 February run to 1 March in other years (as the plan
and the scorer count them: docs/plan.md).

The scorer is right in every case below (the tests without a marker check it on both sides of each boundary);
the faults are in ``eligibility/ranking/improve.py`` (``_declines`` and ``_canadian_year``), which the audit
does not change: each is a strict expected failure, failing today on the side the code gets wrong.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import eligibility
from eligibility.api import rules
from eligibility.profile.load import profile_from_data
from eligibility.ranking.improve import Improvements, improve

# Born 1994-05-02: 32 on 2026-12-01, 33 from 2027-05-02 (CRS without spouse 94 -> 88, with spouse 85 -> 80).
BASE: dict[str, Any] = {
    "name": "audit7 probe", "birth_date": "1994-05-02", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30", "full_time": True,
                   "eca": {"issued": "2024-02-01", "level": "bachelors"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-03-10", "listening": 8.0, "reading": 7.5,
                        "writing": 7.0, "speaking": 7.0}],
    "work": [{"title": "Software engineer", "employer": "Systems Ltd", "noc": "21231", "country": "PK",
              "start": "2019-01-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None,
}


def _profile(**changes: Any) -> eligibility.Profile:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return profile_from_data(data)


def _ielts(taken: str, **extra: Any) -> dict[str, Any]:
    return {"test": "ielts_general", "taken": taken, "listening": 8.0, "reading": 7.5, "writing": 7.0,
            "speaking": 7.0, **extra}


def _score(profile: eligibility.Profile, day: str) -> int | None:
    return eligibility.crs(profile, day, rounds=False).total


def _improve(profile: eligibility.Profile, day: str) -> Improvements:
    return improve(profile, dt.date.fromisoformat(day), rules())


def _declines(profile: eligibility.Profile, day: str) -> list[tuple[str, int]]:
    return [(d.date.isoformat(), d.points_lost) for d in _improve(profile, day).declines]


def _fell(profile: eligibility.Profile, day: str) -> int:
    """Points lost on ``day`` by the sum of the declines listed for it."""
    return sum(lost for when, lost in _declines(profile, "2026-12-01") if when == day)


# --- the base case, right today: a test without a result date expires 2 years after the test date ---

def test_a_test_without_a_result_date_falls_on_its_second_anniversary() -> None:
    """IELTS of 2025-03-10: 413 on 2027-03-09 (94 + 120 + 124 + 25 + 50), 214 on 2027-03-10 (94 + 120), and the
    declines say 2027-03-10, -199; then the birthday of 2027-05-02, -6 (94 -> 88)."""
    profile = _profile()
    assert (_score(profile, "2027-03-09"), _score(profile, "2027-03-10")) == (413, 214)
    assert _declines(profile, "2026-12-01") == [("2027-03-10", 199), ("2027-05-02", 6)]


# --- a test with a result date ---

RESULT_DATED = {"language_tests": [_ielts("2025-03-10", result_date="2025-03-23")]}


def test_a_result_dated_test_counts_until_two_years_after_its_result() -> None:
    """The scorer: IELTS taken 2025-03-10, result 2025-03-23, still counts on 2027-03-22 (413) and no longer on
    2027-03-23 (214)."""
    profile = _profile(**RESULT_DATED)
    assert [_score(profile, d) for d in ("2027-03-09", "2027-03-10", "2027-03-22", "2027-03-23")] == \
        [413, 413, 413, 214]


def test_the_decline_of_a_result_dated_test_is_on_the_day_the_score_falls() -> None:
    """The score falls by 199 on 2027-03-23 (two years after the result), not on 2027-03-10: the declines say
    2027-03-23, -199, and the birthday, -6."""
    assert _declines(_profile(**RESULT_DATED), "2026-12-01") == [("2027-03-23", 199), ("2027-05-02", 6)]


# --- 29 February ---

LEAP_TEST = {"language_tests": [_ielts("2024-02-29")]}


def test_a_test_of_29_february_counts_until_1_march_two_years_on() -> None:
    """The scorer: an IELTS of 2024-02-29 counts on 2026-02-28 (age 31: 99 + 120 + 124 + 25 + 50 = 418) and not
    on 2026-03-01 (99 + 120 = 219)."""
    profile = _profile(**LEAP_TEST)
    assert (_score(profile, "2026-02-28"), _score(profile, "2026-03-01")) == (418, 219)


def test_the_decline_of_a_test_of_29_february_is_listed() -> None:
    """From 2025-06-01: the score falls by 199 on 2026-03-01 and by 5 on the birthday of 2026-05-02 (age 32:
    99 -> 94)."""
    declines = [(d.date.isoformat(), d.points_lost)
                for d in _improve(_profile(**LEAP_TEST), "2025-06-01").declines]
    assert declines == [("2026-03-01", 199), ("2026-05-02", 5)]


LEAP_ECA = {"education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30",
                           "full_time": True, "eca": {"issued": "2024-02-29", "level": "bachelors"}}]}


def test_an_eca_of_29_february_counts_until_1_march_five_years_on() -> None:
    """The scorer (the test of 2025-03-10 long expired): age 34 (83) + bachelor's 120 = 203 on 2029-02-28, 83 on
    2029-03-01."""
    profile = _profile(**LEAP_ECA)
    assert (_score(profile, "2029-02-28"), _score(profile, "2029-03-01")) == (203, 83)


def test_the_decline_of_an_eca_of_29_february_is_listed() -> None:
    """From 2028-06-01: the ECA's 120 points go on 2029-03-01; the birthday of 2029-05-02 costs 6 (age 35:
    83 -> 77)."""
    declines = [(d.date.isoformat(), d.points_lost)
                for d in _improve(_profile(**LEAP_ECA), "2028-06-01").declines]
    assert declines == [("2029-03-01", 120), ("2029-05-02", 6)]


# --- two causes on one day ---

SAME_DAY = {"language_tests": [_ielts("2025-05-02")]}


def test_a_test_expiring_on_a_birthday_costs_both_at_once() -> None:
    """The scorer: on 2027-05-01, age 32, 94 + 120 + 124 + 25 + 50 = 413; on 2027-05-02 the test of 2025-05-02
    is 2 years old and the person 33: 88 + 120 = 208, 205 less."""
    profile = _profile(**SAME_DAY)
    assert (_score(profile, "2027-05-01"), _score(profile, "2027-05-02")) == (413, 208)


def test_two_causes_on_one_day_do_not_count_the_fall_twice() -> None:
    """The declines listed for 2027-05-02 add up to the 205 points the score falls that day (199 for the test,
    6 for the birthday), not 410."""
    assert _fell(_profile(**SAME_DAY), "2027-05-02") == 205


# --- the spouse's test and ECA ---

def _couple(spouse: dict[str, Any]) -> eligibility.Profile:
    return _profile(marital_status="married",
                    spouse={"accompanying": True, "canadian_citizen_or_pr": False, "work": [], **spouse})


SPOUSE_TEST = {"education": [], "language_tests": [{"test": "celpip_general", "taken": "2025-06-15",
                                                    "listening": 9, "reading": 9, "writing": 9, "speaking": 9}]}


def test_the_spouses_test_counts_for_two_years() -> None:
    """The scorer, with spouse (age 33: 80; bachelor's 112; the applicant's IELTS of 2025-03-10 expired): 80 +
    112 + the spouse's CELPIP 9 in all four (4 x 5 = 20) = 212 on 2027-06-14, 192 on 2027-06-15."""
    profile = _couple(SPOUSE_TEST)
    assert (_score(profile, "2027-06-14"), _score(profile, "2027-06-15")) == (212, 192)


def test_the_spouses_test_expiring_is_a_decline() -> None:
    """From 2026-12-01: the applicant's test (2027-03-10: 116 + 25 + 50 = 191 with spouse), the birthday
    (2027-05-02: 85 -> 80) and the spouse's test (2027-06-15: 20)."""
    assert _declines(_couple(SPOUSE_TEST), "2026-12-01") == [("2027-03-10", 191), ("2027-05-02", 5),
                                                                ("2027-06-15", 20)]


SPOUSE_ECA = {"language_tests": [],
              "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2015-05-31",
                             "full_time": True, "eca": {"issued": "2022-01-20", "level": "bachelors"}}]}


def test_the_spouses_eca_counts_for_five_years() -> None:
    """The scorer, with spouse: age 32 (85) + 112 + 116 + 25 + 50 + the spouse's bachelor's (8) = 396 on
    2027-01-19; 388 on 2027-01-20, the ECA of 2022-01-20 five years old."""
    profile = _couple(SPOUSE_ECA)
    assert (_score(profile, "2027-01-19"), _score(profile, "2027-01-20")) == (396, 388)


def test_the_spouses_eca_expiring_is_a_decline() -> None:
    """From 2026-12-01 the score falls by 8 on 2027-01-20 (the spouse's education), then 191 and 5."""
    assert _declines(_couple(SPOUSE_ECA), "2026-12-01") == [("2027-01-20", 8), ("2027-03-10", 191),
                                                               ("2027-05-02", 5)]


# --- work leaving the 10-year window ---

OLD_CANADIAN_WORK = {
    "language_tests": [_ielts("2026-10-10")],
    "work": [{"title": "Software engineer", "employer": "Maple", "noc": "21231", "country": "CA", "province": "ON",
              "start": "2017-01-01", "end": "2019-12-31", "hours_per_week": 40, "authorized": True}],
}


def test_canadian_work_leaving_the_window_drops_a_year() -> None:
    """The scorer: 2017-01-01 to 2019-12-31 at 30 h a week counted (30/7 h a day). Three years need 4,680 h =
    1,092 days: on 2027-01-04 the window starts 2017-01-04 (1,092 days: 94 + 120 + 124 + 64 + 25 + 25 = 452); on
    2027-01-05 it holds 1,091 days, two years (53): 441."""
    profile = _profile(**OLD_CANADIAN_WORK)
    assert (_score(profile, "2027-01-04"), _score(profile, "2027-01-05")) == (452, 441)


def test_canadian_work_leaving_the_window_is_a_decline() -> None:
    """From 2026-12-01 the score falls by 11 on 2027-01-05 (Canadian work 3 -> 2 years: 64 -> 53) and by 6 on the
    birthday."""
    assert _declines(_profile(**OLD_CANADIAN_WORK), "2026-12-01") == [("2027-01-05", 11), ("2027-05-02", 6)]


# --- the day another year of Canadian work is reached ---

def _in_canada(hours: int) -> eligibility.Profile:
    return _profile(language_tests=[_ielts("2026-10-10")],
                    work=[{"title": "Software engineer", "employer": "Maple", "noc": "21231", "country": "CA",
                           "province": "ON", "start": "2025-06-01", "end": None, "hours_per_week": hours,
                           "authorized": True}])


def _canadian_year(hours: int) -> tuple[int, int, dt.date | None, str]:
    found = [i for i in _improve(_in_canada(hours), "2026-12-01").improvements if i.kind == "canadian_work"]
    assert len(found) == 1, found
    return found[0].low, found[0].high, found[0].date, found[0].says


def test_a_second_year_at_30_hours_is_reached_on_the_728th_day() -> None:
    """From 2025-06-01 at 30 h a week (40 counted as 30): 3,120 h = 728 days, reached on 2027-05-30 (the as-of
    day itself is not counted); +25 = Canadian work 40 -> 53 and bachelor's + Canadian work 13 -> 25."""
    low, high, day, says = _canadian_year(40)
    assert (low, high, day) == (25, 25, dt.date(2027, 5, 30))
    assert "771 h more at 30 h a week" in says


def test_a_second_year_at_20_hours_is_reached_on_the_1092nd_day() -> None:
    """The scorer at 20 h a week from 2025-06-01: 1,092 days x 20/7 = 3,120 h, so one year on 2028-05-27 (3,117.1
    h: age 34, 83 + 120 + 124 + 40 + 25 + 13 = 405) and two on 2028-05-28 (83 + 120 + 124 + 53 + 25 + 25 = 430).
    The improvement, on 2026-12-01, is worth the same 25."""
    profile = _in_canada(20)
    assert (_score(profile, "2028-05-27"), _score(profile, "2028-05-28")) == (405, 430)
    low, high, _, says = _canadian_year(20)
    assert (low, high) == (25, 25)
    assert "1,554 h more at 20 h a week" in says


def test_a_second_year_at_20_hours_says_the_day_it_is_reached() -> None:
    """548 days at 20/7 h a day on 2026-12-01 is 10,960/7 h; 10,880/7 h more at 20/7 h a day is 544 days exactly:
    reached on 2028-05-28, not 2028-05-29."""
    assert _canadian_year(20)[2] == dt.date(2028, 5, 28)


# --- "the next 12 months" across 29 February ---

def test_the_day_twelve_months_on_is_in_the_next_12_months() -> None:
    """From 2026-12-01 an IELTS of 2025-12-01 falls on 2027-12-01, twelve months on, and is listed: -199."""
    profile = _profile(language_tests=[_ielts("2025-12-01")])
    assert ("2027-12-01", 199) in _declines(profile, "2026-12-01")


def test_the_day_twelve_months_on_is_listed_across_29_february() -> None:
    """From 2027-03-01 an IELTS of 2026-03-01 falls on 2028-03-01, twelve months on: 407 on 2028-02-29 (age 33:
    88 + 120 + 124 + 25 + 50), 208 on 2028-03-01: -199, listed as the same day is from 2026-12-01."""
    profile = _profile(language_tests=[_ielts("2026-03-01")])
    assert (_score(profile, "2028-02-29"), _score(profile, "2028-03-01")) == (407, 208)
    declines = [(d.date.isoformat(), d.points_lost) for d in _improve(profile, "2027-03-01").declines]
    assert ("2028-03-01", 199) in declines
