"""The CRS reads skilled work and offers in NOC 2016 until 2022-11-15 and in NOC 2021 TEER from 2022-11-16.

research/crs.md, "CRS history", 2022-11-16 (SOR/2022-220): until that day skilled work (Canadian work in the core
and spouse factors, foreign work in skill transferability) and a qualifying offer of arranged employment were of NOC
2016 skill type 0 or skill level A or B; from it, TEER 0 to 3 of NOC 2021. The 200 points went to NOC major group
00 (NOC 2016 0011-0016, NOC 2021 00010-00015), 50 to any other qualifying offer, from 2016-11-19; before, 600 to
any qualifying offer. A NOC 2016 code's level: first digit 0 skill type 0; else the second digit, 0-1 A, 2-3 B,
4-5 C, 6-7 D.

Codes used (NOC 2016 -> NOC 2021 in StatCan's concordance): 7511 transport truck drivers, level C -> 73300 TEER 3;
5254 recreation program leaders, level B -> 54100 TEER 4; 7521 heavy equipment operators, level C -> 73400
TEER 3; 3012 registered nurses, level A (major group 30) -> 31301 TEER 1; 0013 senior managers, major group 00 ->
00012; 0211 engineering managers, skill type 0 -> 20010 TEER 0; NOC 2021 13201 production and transportation
logistics coordinators comes from 1215 (level B), 1523 and 1525 (level C).

The person is born 1996-06-15 (26 in November 2022, 110 points alone). Three years of full-time work (2019-01-01
to 2022-06-30, in the 10-year window on both days) earn 64 in Canada without a spouse, 8 as the spouse's Canadian
work, and abroad with CLB 9 in all four 50 in skill transferability.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from eligibility.profile.load import profile_from_data
from eligibility.ranking.improve import improve
from tests.test_audit11_support import BASE, LIBRARY, celpip, crs, offer, points, spouse

BEFORE, FROM = "2022-11-15", "2022-11-16"


def _job(noc_2016: str | None = None, noc: str | None = None, country: str = "CA") -> dict[str, Any]:
    """Full-time work from 2019-01-01 to 2022-06-30 stated in NOC 2016 (converted at load) or NOC 2021 only."""
    found: dict[str, Any] = {"title": "job", "employer": "Employer", "noc": noc, "country": country,
                             "start": "2019-01-01", "end": "2022-06-30", "hours_per_week": 40}
    if noc_2016 is not None:
        found["noc_2016"] = noc_2016
    if country == "CA":
        found["province"] = "ON"
    return found


def _factor(result: Any, factor: str) -> Any:
    return next(f for f in result.factors if f.id == factor)


# --- Canadian work (core) ---------------------------------------------------------------------------

@pytest.mark.parametrize(("noc_2016", "noc", "day", "expected"), [
    ("7511", None, BEFORE, 0), ("7511", None, FROM, 64),      # level C, TEER 3
    ("5254", None, BEFORE, 64), ("5254", None, FROM, 0),      # level B, TEER 4
    ("3012", None, BEFORE, 64), ("3012", None, FROM, 64),     # level A (second digit 0), TEER 1
    (None, "73400", BEFORE, 0), (None, "73400", FROM, 64),    # NOC 2021 only: only from 7521, level C
    (None, "54100", BEFORE, 64), (None, "54100", FROM, 0),    # NOC 2021 only: only from 5254, level B
    ("1215", "13201", BEFORE, 64), ("1523", "13201", BEFORE, 0), ("1523", "13201", FROM, 64),
])
def test_canadian_work_on_each_side_of_2022_11_16(noc_2016: str | None, noc: str | None, day: str,
                                                  expected: int) -> None:
    """Three years in Canada earn 64 when skilled on the day (NOC 2016 0/A/B until 2022-11-15, TEER 0-3 after), 0
    otherwise."""
    assert points(crs(day, work=[_job(noc_2016, noc)])).get("core.canadian_work", 0) == expected


def test_a_noc_2021_code_from_noc_2016_codes_of_different_levels_is_unknown_before_2022_11_16() -> None:
    """On 2022-11-15 three years in NOC 2021 13201 (from level B 1215 or level C 1523, 1525) earn 0 to 64, the
    job's NOC 2016 code settling it; on 2022-11-16 (TEER 3) 64."""
    before = _factor(crs(BEFORE, work=[_job(noc="13201")]), "core.canadian_work")
    assert (before.low, before.high) == (0, 64)
    assert "$.work[0].noc_2016" in before.settled_by
    assert points(crs(FROM, work=[_job(noc="13201")]))["core.canadian_work"] == 64


def test_the_evidence_names_the_noc_2016_level() -> None:
    """A job left out on 2022-11-15 says its NOC 2016 code's level and what was needed."""
    found = _factor(crs(BEFORE, work=[_job("7511")]), "core.canadian_work")
    reasons = [e.get("reason") for e in found.evidence if e.get("job") == 0]
    assert reasons == ["NOC 2016 7511 is skill level C; needs NOC 2016 skill type 0 or skill level A or B"]


# --- foreign work (skill transferability) ----------------------------------------------------------

@pytest.mark.parametrize(("code", "day", "expected"), [
    ("7511", BEFORE, 0), ("7511", FROM, 50), ("5254", BEFORE, 50), ("5254", FROM, 0),
])
def test_foreign_work_on_each_side_of_2022_11_16(code: str, day: str, expected: int) -> None:
    """Three years abroad with CLB 9 in all four earn 50 when skilled on the day, 0 otherwise."""
    found = points(crs(day, work=[_job(code, country="IN")], language_tests=[celpip(9, taken="2022-01-10")]))
    assert found.get("transferability.foreign_work.language", 0) == expected


# --- the spouse's Canadian work --------------------------------------------------------------------

@pytest.mark.parametrize(("code", "day", "expected"), [
    ("7511", BEFORE, 0), ("7511", FROM, 8), ("5254", BEFORE, 8), ("5254", FROM, 0),
])
def test_spouse_canadian_work_on_each_side_of_2022_11_16(code: str, day: str, expected: int) -> None:
    """The accompanying spouse's three years in Canada earn 8 when skilled on the day, 0 otherwise."""
    found = points(crs(day, marital_status="married", spouse=spouse(work=[_job(code)])))
    assert found.get("spouse.canadian_work", 0) == expected


# --- arranged employment ---------------------------------------------------------------------------

@pytest.mark.parametrize(("noc_2016", "noc", "day", "expected"), [
    ("7511", None, BEFORE, 0), ("7511", None, FROM, 50),      # level C, TEER 3
    ("5254", None, BEFORE, 50), ("5254", None, FROM, 0),      # level B, TEER 4
    ("0211", None, BEFORE, 50), ("0211", None, FROM, 50),     # skill type 0 outside major group 00, TEER 0
    ("0013", None, BEFORE, 200), ("0013", None, FROM, 200),   # major group 00 in both
    (None, "73400", BEFORE, 0), (None, "73400", FROM, 50),    # NOC 2021 only: only from 7521, level C
])
def test_offers_on_each_side_of_2022_11_16(noc_2016: str | None, noc: str | None, day: str, expected: int) -> None:
    """An LMIA-based offer of no end date earns 50 (200 in major group 00) when skilled on the day, 0 otherwise."""
    stated = offer(noc_2016=noc_2016) if noc_2016 is not None else {}
    found = points(crs(day, job_offer=offer() | stated | {"noc": noc}))
    assert found.get("additional.job_offer", 0) == expected


def test_an_offer_of_a_level_c_noc_2016_code_earned_no_600_before_2016_11_19() -> None:
    """On 2016-11-18 (600 for a qualifying offer) an offer in 7511 (level C) earns 0, one in 5254 (level B) 600."""
    def job_offer(code: str) -> int:
        return points(crs("2016-11-18", job_offer=offer(noc_2016=code) | {"noc": None})).get("additional.job_offer", 0)
    assert (job_offer("7511"), job_offer("5254")) == (0, 600)


def test_an_offer_of_a_noc_2021_code_from_mixed_levels_is_unknown_before_2022_11_16() -> None:
    """On 2022-11-15 an offer in NOC 2021 13201 (level B or C in NOC 2016) earns 0 to 50; on 2022-11-16, 50."""
    before = _factor(crs(BEFORE, job_offer=offer("13201")), "additional.job_offer")
    assert (before.low, before.high) == (0, 50)
    assert points(crs(FROM, job_offer=offer("13201")))["additional.job_offer"] == 50


@pytest.mark.parametrize(("day", "gain"), [(BEFORE, 64 - 53), (FROM, None)])
def test_one_more_year_of_a_level_b_job_before_2022_11_16(day: str, gain: int | None) -> None:
    """A current job in 5254 since 2020-01-01 (2 whole years, 53, on 2022-11-15) would earn 64 with one more year
    while NOC 2016 level B is skilled (+11); from 2022-11-16 (54100, TEER 4) it earns nothing to improve."""
    data = copy.deepcopy(BASE) | {"work": [_job("5254") | {"start": "2020-01-01", "end": None}]}
    found = improve(profile_from_data(data), dt.date.fromisoformat(day), LIBRARY)
    gains = [(i.low, i.high) for i in found.improvements if i.kind == "canadian_work"]
    assert gains == ([] if gain is None else [(gain, gain)])
