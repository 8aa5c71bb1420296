"""Audit 17: boundaries checked by hand that no earlier test covered, all found right (no marker).

Every expected value is worked out from /work/shared/research/programs.md and /work/shared/research/crs.md, the
arithmetic beside each case; none is copied from the engine's output. Counting as in programs.md 0: 1 year =
1,560 h = 30 h x 52 weeks, so a day of full-time work is 30/7 h and a year is 364 days; the as-of day itself is
not counted (docs/plan.md).
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import eligibility
from eligibility.profile.load import profile_from_data
from eligibility.ranking.improve import improve
from tests.strategies import library

PROFILES = Path(__file__).resolve().parent.parent / "profiles"


def _steps(plan: Any) -> list[tuple[str, str, Any]]:
    return [(str(s.start), str(s.end), s.low if s.low == s.high else (s.low, s.high)) for s in plan.crs]


def _intervals(plan: Any, pid: str) -> list[tuple[str, str, str]]:
    return [(str(i.start), str(i.end), i.verdict) for i in plan.program(pid).intervals]


# --- A plan over 2.5 years: CEC and FSW open and close, the CRS step by step -------------------------------------
#
# Born 1990-07-15; a foreign bachelor's with an ECA of 2021-09-01 (valid until 2026-08-31: "less than 5 years
# old", programs.md 0); CELPIP 7 in all four taken 2025-10-01 (valid until 2027-09-30); 21231 in India
# 2018-03-01..2025-04-30; 21231 in Ontario (authorized) from 2025-06-01, 40 h a week; $16,000.

PLAN: dict[str, Any] = {
    "name": "plan probe", "birth_date": "1990-07-15", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 16000,
    "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2013-05-01",
                   "eca": {"issued": "2021-09-01", "level": "bachelors"}}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-10-01", "listening": 7, "reading": 7, "writing": 7,
                        "speaking": 7}],
    "work": [{"noc": "21231", "employer": "X", "country": "IN", "start": "2018-03-01", "end": "2025-04-30",
              "hours_per_week": 40},
             {"noc": "21231", "employer": "Y", "country": "CA", "province": "ON", "start": "2025-06-01", "end": None,
              "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None,
    "spouse": None, "declarations": {"performed_noc_duties": True}}


def _plan(data: dict[str, Any], start: str, until: str, programs: list[str]) -> Any:
    return eligibility.plan(profile_from_data(data), start, until, programs=programs)


def test_plan_cec_opens_after_364_days_and_closes_with_the_test() -> None:
    """CEC (programs.md 1.2): 1,560 h in Canada in 3 years, CLB 7 for TEER 1. From 2025-06-01, 364 days are worked
    by 2026-05-30, so the first eligible day is 2026-05-31; the CELPIP of 2025-10-01 stops counting on
    2027-10-01."""
    plan = _plan(PLAN, "2025-11-01", "2028-06-01", ["express-entry/cec"])
    assert _intervals(plan, "express-entry/cec") == [
        ("2025-11-01", "2026-05-31", "not_eligible"), ("2026-05-31", "2027-10-01", "eligible"),
        ("2027-10-01", "2028-06-01", "not_eligible")]


def test_plan_fsw_opens_with_adaptability_and_closes_with_the_eca() -> None:
    """FSW grid (programs.md 1.1) on 2025-11-01: age 35 = 12, CLB 7 x 4 = 16, bachelor's 21, 7 years abroad (6+) =
    15, no offer, no adaptability: 64 < 67. On 2026-05-31 a year in Canada adds 10 (74); on 2026-07-15, age 36, 11
    (73); on 2026-09-01 the ECA is 5 years old: no recognized education, 73 - 21 = 52. Funds $16,000 >= $15,263."""
    plan = _plan(PLAN, "2025-11-01", "2028-06-01", ["express-entry/fsw"])
    assert _intervals(plan, "express-entry/fsw") == [
        ("2025-11-01", "2026-05-31", "not_eligible"), ("2026-05-31", "2026-09-01", "eligible"),
        ("2026-09-01", "2028-06-01", "not_eligible")]
    assert plan.program("express-entry/fsw").intervals[2].because == (
        "the ECA of 2021-09-01 is 5 years old: education points 21 -> 0, grid 73 -> 52")


def test_plan_crs_steps_by_hand() -> None:
    """CRS (crs.md, no-spouse columns). 2025-11-01: age 35 = 77, bachelor's 120, CLB 7 x 4 = 68, no Canadian year;
    transferability: bachelor's + CLB 7 = 13, 3+ foreign years + CLB 7 = 25: 303.
    2026-05-31, a Canadian year: +40, bachelor's + 1 year = +13, foreign + 1 year = +25: 381.
    2026-07-15, age 36: 72, 376. 2026-09-01, the ECA too old: -120 and both education pairs (-26): 230.
    2027-05-30 (728 days), 2 Canadian years: 53 (+13); foreign + 2 years = 50 but the foreign group stays at its
    cap of 50: 243. 2027-07-15, age 37: 66, 237. 2027-10-01, the test too old: -68 and foreign + language 25 -> 0,
    the foreign group 25 + 50 = 75 capped at 50 becomes 0 + 50 = 50: 169. 2028-05-28 (1,092 days), 3 years: 64,
    180."""
    plan = _plan(PLAN, "2025-11-01", "2028-06-01", ["express-entry/cec"])
    assert _steps(plan) == [
        ("2025-11-01", "2026-05-31", 303), ("2026-05-31", "2026-07-15", 381), ("2026-07-15", "2026-09-01", 376),
        ("2026-09-01", "2027-05-30", 230), ("2027-05-30", "2027-07-15", 243), ("2027-07-15", "2027-10-01", 237),
        ("2027-10-01", "2028-05-28", 169), ("2028-05-28", "2028-06-01", 180)]


# --- Two part-time jobs reaching a year together, to the day ------------------------------------------------------
#
# 20 h a week from 2025-01-01, a second 20 h job from 2025-04-01: 30 h a week count at most (programs.md 0). 90
# days at 20/7 h = 1,800/7 h; the rest, 1,560 - 1,800/7 = 9,120/7 h, at 30/7 h a day takes exactly 304 days:
# 2025-04-01..2026-01-29. CEC's first eligible day is 2026-01-30 (1,555.7 h the day before).

PART_TIME: dict[str, Any] = copy.deepcopy(PLAN) | {
    "birth_date": "1995-03-10", "funds_cad": 0, "education": [],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [{"noc": "21231", "employer": "X", "country": "CA", "province": "ON", "start": "2025-01-01", "end": None,
              "hours_per_week": 20},
             {"noc": "21232", "employer": "Y", "country": "CA", "province": "ON", "start": "2025-04-01", "end": None,
              "hours_per_week": 20}]}


def test_two_part_time_jobs_reach_the_cec_year_on_the_day() -> None:
    """The plan opens CEC on 2026-01-30; the day before is 1,555.7 h, the day 1,560 h."""
    plan = _plan(PART_TIME, "2025-06-01", "2026-06-01", ["express-entry/cec"])
    assert _intervals(plan, "express-entry/cec") == [
        ("2025-06-01", "2026-01-30", "not_eligible"), ("2026-01-30", "2026-06-01", "eligible")]
    hours = []
    for day in ("2026-01-29", "2026-01-30"):
        result = eligibility.evaluate(profile_from_data(PART_TIME), day, programs=["express-entry/cec"])
        hours.append(next(c for c in result.program("express-entry/cec").conditions
                          if c.id == "canadian-work").observed["hours"])
    assert hours == [1555.7, 1560.0]


# --- A job offer issued inside the plan, and the CRS job-offer points ending 2025-03-25 ----------------------------
#
# FSW funds (programs.md 1.1): exempt when authorized to work in Canada with a valid offer. With $0 of funds, FSW
# opens the day the offer is made (2025-03-15). CRS: 50 points for a TEER 1 offer until 2025-03-24, 0 from
# 2025-03-25 (crs.md D). Born 1990-03-10: age 34 = 83, 35 from 2025-03-10 = 77; Canadian bachelor's 120 (Canadian
# education 30); CLB 9 = 124; 21231 in Ontario since 2020-05-01: 4 years = 72 until 5 x 364 = 1,820 days
# (2025-04-25), then 80; bachelor's + CLB 9 = 25 and + 2 Canadian years = 25. 2025-02-01: 83 + 120 + 124 + 72 + 50
# + 30 = 479.

OFFER_PLAN: dict[str, Any] = copy.deepcopy(PLAN) | {
    "birth_date": "1990-03-10", "funds_cad": 0,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2012-05-01"}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [{"noc": "21231", "employer": "X", "country": "CA", "province": "ON", "start": "2020-05-01", "end": None,
              "hours_per_week": 40}],
    "job_offer": {"noc": "21231", "employer": "X", "province": "ON", "hours_per_week": 40, "lmia": "positive",
                  "seasonal": False, "duration_months": None, "issued": "2025-03-15"}}


def test_an_offer_issued_in_the_plan_opens_fsw_and_the_crs_offer_points_end_on_2025_03_25() -> None:
    """FSW from 2025-03-15; the CRS 479, 473 (age 35), 523 (+50 on the offer's day), 473 (2025-03-25), 481."""
    plan = _plan(OFFER_PLAN, "2025-02-01", "2025-06-01", ["express-entry/fsw"])
    assert _intervals(plan, "express-entry/fsw") == [
        ("2025-02-01", "2025-03-15", "not_eligible"), ("2025-03-15", "2025-06-01", "eligible")]
    assert _steps(plan) == [
        ("2025-02-01", "2025-03-10", 479), ("2025-03-10", "2025-03-15", 473), ("2025-03-15", "2025-03-25", 523),
        ("2025-03-25", "2025-04-25", 473), ("2025-04-25", "2025-06-01", 481)]


# --- CRS --improve with a spouse: each suggestion and each decline by hand ----------------------------------------
#
# profiles/married-couple.yaml on 2026-06-01 (with-spouse columns): PTE Core 80/75/85/80 = CLB 8 in all four
# (22 each); the spouse's CELPIP 7/6/6/7 = CLB 7/6/6/7 (3, 1, 1, 3 = 8); the spouse's 2015-06-01..2017-06-30 in
# Canada at 37.5 h (30 count).


def _married() -> Any:
    return eligibility.what_if(str(PROFILES / "married-couple.yaml"), {})


def test_improve_with_a_spouse_by_hand() -> None:
    """Suggestions: French NCLC 7 in all four: the French bonus 50 + the second language 4 x 3 = 12 (below the
    22 cap) = 62. Each PTE ability 8 -> 9: 29 - 22 = 7 (the other three stay at 8: no transferability change). The
    spouse's listening 7 -> 9 and speaking 7 -> 9: 5 - 3 = 2; reading and writing 6 -> 7: 3 - 1 = 2.
    Declines: the spouse's work leaves the 10-year window when fewer than 364 days of it remain in it: on
    2026-07-03 the window starts 2016-07-03 and holds 363 days (1,555.7 h): spouse work 5 -> 0. 2026-09-12, age
    36: 70 -> 65. 2027-04-02 the spouse's test is 2 years old: -8. 2027-05-20 the PTE is 2 years old: first
    language 88 and both language pairs (25 + 25): -138."""
    result = improve(_married(), dt.date(2026, 6, 1), library())
    points = sorted(((i.low, i.high) for i in result.improvements), reverse=True)
    assert points == [(600, 600), (62, 62)] + [(7, 7)] * 4 + [(2, 2)] * 4
    assert [(str(d.date), d.points_lost) for d in result.declines] == [
        ("2026-07-03", 5), ("2026-09-12", 5), ("2027-04-02", 8), ("2027-05-20", 138)]
