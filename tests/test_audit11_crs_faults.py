"""CRS numbers of dated rules the audit of 2026-12-01 (audit11) found unapplied, now applied (docs/crs.md).

Each fault was a dated rule of research/crs.md ("CRS history") that the score did not apply although the profile
states the facts it needs; they were pinned as strict expected failures until the rules were encoded. Beside
each, the passing side of the same edge.

- Before 2022-11-16, skilled work and offers were NOC 2016 skill type 0 or skill level A or B (SOR/2022-220
  replaced them with TEER 0-3 from that day). A job or offer stated with its NOC 2016 code (``noc_2016``)
  says which: 7511 transport truck drivers is skill level C (NOC 2021 73300, TEER 3); 5254 program leaders
  and instructors in recreation, sport and fitness is skill level B (NOC 2021 54100, TEER 4).
- From 2022-07-28, Canadian-education points also go to a credential with any part completed from March 2020
  to August 2022, even studied part-time (IRCC update of 2022-07-28; research/crs.md, notes for encoding).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_audit11_support import canadian, celpip, crs, offer, points


def _job_2016(code: str, country: str = "CA") -> dict[str, Any]:
    """Full-time work from 2019-01-01 to 2022-06-30 (3 years and a half) under a NOC 2016 code."""
    found: dict[str, Any] = {"title": "job", "employer": "Employer", "noc_2016": code, "country": country,
                             "start": "2019-01-01", "end": "2022-06-30", "hours_per_week": 40}
    if country == "CA":
        found["province"] = "ON"
    return found


# Born 1996-06-15: 26 in November 2022, 110 points. Three whole years in Canada: 64.

def test_noc_2016_skill_level_c_work_is_not_skilled_before_2022_11_16() -> None:
    """On 2022-11-15 three years as a truck driver (NOC 2016 7511, level C) earn no Canadian work points."""
    assert points(crs("2022-11-15", work=[_job_2016("7511")])).get("core.canadian_work", 0) == 0


def test_noc_2016_skill_level_b_work_is_skilled_before_2022_11_16() -> None:
    """On 2022-11-15 three years in NOC 2016 5254 (level B) earn 64."""
    assert points(crs("2022-11-15", work=[_job_2016("5254")])).get("core.canadian_work", 0) == 64


@pytest.mark.parametrize(("code", "canadian_work"), [("7511", 64), ("5254", 0)])
def test_from_2022_11_16_work_is_read_in_teer(code: str, canadian_work: int) -> None:
    """From 2022-11-16 the same jobs are read in NOC 2021: 73300 (TEER 3) 64, 54100 (TEER 4) 0."""
    assert points(crs("2022-11-16", work=[_job_2016(code)])).get("core.canadian_work", 0) == canadian_work


def test_noc_2016_offers_before_2022_11_16() -> None:
    """On 2022-11-15 an LMIA-based offer in 7511 (level C) earns 0, one in 5254 (level B) 50."""
    def job_offer(code: str) -> int:
        return points(crs("2022-11-15", job_offer=offer(noc_2016=code) | {"noc": None})).get(
            "additional.job_offer", 0)
    assert (job_offer("7511"), job_offer("5254")) == (0, 50)


@pytest.mark.parametrize(("code", "job_offer"), [("7511", 50), ("5254", 0)])
def test_offers_from_2022_11_16_are_read_in_teer(code: str, job_offer: int) -> None:
    """On 2022-11-16 the same offers: 73300 (TEER 3) 50, 54100 (TEER 4) 0."""
    found = points(crs("2022-11-16", job_offer=offer(noc_2016=code) | {"noc": None}))
    assert found.get("additional.job_offer", 0) == job_offer


def test_noc_2016_level_c_foreign_work_before_2022_11_16() -> None:
    """On 2022-11-15 three years abroad as a truck driver (level C) with CLB 9 earn no transferability points."""
    found = points(crs("2022-11-15", work=[_job_2016("7511", country="IN")],
                       language_tests=[celpip(9, taken="2022-01-10")]))
    assert found.get("transferability.foreign_work.language", 0) == 0


# A two-year Canadian diploma studied part-time, completed 2021-12-01: part of it was completed between
# March 2020 and August 2022 whatever its start. Two-year: 98 in core (age 26 then: 110).

@pytest.mark.parametrize(("day", "total"), [("2022-07-27", 110 + 98)])
def test_a_part_time_canadian_credential_before_2022_07_28(day: str, total: int) -> None:
    """Before the update of 2022-07-28 a part-time Canadian credential earns no Canadian-education points."""
    result = crs(day, education=[canadian("two_year", 2, completed="2021-12-01", full_time=False)])
    assert points(result).get("additional.canadian_education", 0) == 0 and result.total == total


@pytest.mark.parametrize("day", ["2022-07-28", "2026-11-30"])
def test_a_part_time_canadian_credential_of_2020_to_2022_from_2022_07_28(day: str) -> None:
    """From 2022-07-28 the part-time two-year diploma completed 2021-12-01 earns 15."""
    result = crs(day, education=[canadian("two_year", 2, completed="2021-12-01", full_time=False)])
    assert points(result).get("additional.canadian_education", 0) == 15
