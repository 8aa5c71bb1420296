"""Faults in the Python code found by the audit of 2026-12-01 (audit6), which the rulesets could not express.

Each test states what the law gives, worked out by hand from the research (programs.md, crs.md), on both
sides of the boundary; each failed before its fix (the FSW grid's two credentials, adaptability's full-time
work in Canada, FST's LMIA-exempt offers, the CRS's arranged employment before 2016-11-19). Expected values
are never copied from the code's output.
"""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path
from typing import Any

import pytest

import eligibility

ROOT = Path(__file__).resolve().parents[1]
HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
DAY = "2026-11-30"

# A single applicant, 30 on DAY (born 1996-06-15): FSW age points 12 (18 to 35), CRS age 105 (without spouse).
BASE: dict[str, Any] = {
    "name": "audit6 probe", "birth_date": "1996-06-15", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 100000, "education": [], "language_tests": [], "work": [], "job_offer": None,
    "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None,
    "spouse": None, "declarations": {"performed_noc_duties": True},
}


@pytest.fixture(scope="module")
def library() -> eligibility.Library:
    """The repository's rules."""
    return eligibility.load_library(ROOT / "rulesets")


def _profile(**changes: Any) -> Any:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return eligibility.profile_from_data(data)


def _celpip(listening: int, reading: int, writing: int, speaking: int) -> dict[str, Any]:
    # CELPIP-General levels equal CLB levels (programs.md 8.2).
    return {"test": "celpip_general", "taken": "2026-01-01", "listening": listening, "reading": reading,
            "writing": writing, "speaking": speaking}


def _canadian(level: str, years: int) -> dict[str, Any]:
    return {"level": level, "years": years, "country": "CA", "province": "ON", "completed": "2018-05-31",
            "full_time": True}


def _grid(library: eligibility.Library, profile: Any) -> tuple[str, int, dict[str, int]]:
    """FSW's verdict on DAY, its grid total, and each factor's points."""
    evaluation = eligibility.evaluate(profile, DAY, programs=["express-entry/fsw"], library=library, with_crs=False)
    fsw = eligibility.to_data(evaluation)["programs"][0]
    grid = next(c for c in fsw["conditions"] if c["id"] == "selection-grid")
    return fsw["verdict"], grid["observed"], {e["factor"]: e["points"] for e in grid["evidence"]}


# IRPR s. 78(2); programs.md 1.1, Factor 2: "Two or more post-secondary credentials, one of which is >= 3 years | 22",
# one point above "Post-secondary credential of three years or longer | 21". The CRS scores the same pair as
# "two or more" (128 without a spouse); the FSW grid's education_points (eligibility/measure/grid.py) takes the
# single highest credential and never composes two.

def test_fsw_grid_two_credentials_one_of_three_years_earn_22(library: eligibility.Library) -> None:
    """A Canadian bachelor's (4 years) and a one-year diploma earn 22 education points and reach 67; the bachelor's
    alone earns 21 and 66."""
    # CLB 8 in listening, 7 elsewhere: 5 + 4 + 4 + 4 = 17 (s. 79). Two years of TEER 1 work abroad from
    # 2024-06-15: 11 (s. 80, 2-3 years). Age 30: 12 (s. 81). Adaptability: 4 years of full-time study in Canada, 5.
    common = {"language_tests": [_celpip(8, 7, 7, 7)],
              "work": [{"title": "Developer", "employer": "E", "noc": "21231", "country": "IN",
                        "start": "2024-06-15", "end": None, "hours_per_week": 40}]}
    alone = _grid(library, _profile(education=[_canadian("bachelors", 4)], **common))
    assert alone == ("not_eligible", 66, {"language": 17, "education": 21, "experience": 11, "age": 12,
                                          "arranged_employment": 0, "adaptability": 5})
    both = _grid(library, _profile(education=[_canadian("bachelors", 4), _canadian("one_year", 1)], **common))
    assert both == ("eligible", 67, {"language": 17, "education": 22, "experience": 11, "age": 12,
                                     "arranged_employment": 0, "adaptability": 5})



def test_fsw_grid_two_credentials_need_one_of_three_years(library: eligibility.Library) -> None:
    """Two credentials neither of which is of three years (a two-year diploma and a one-year certificate) score
    as the higher alone, 19 (s. 78(2)(c)); a master's with a one-year certificate keeps the master's 23, above
    the 22 of two credentials; a two-year diploma stated as 3 years long with a one-year certificate makes 22."""
    common = {"language_tests": [_celpip(8, 7, 7, 7)]}
    two_year = _canadian("two_year", 2)
    one_year = _canadian("one_year", 1)
    assert _grid(library, _profile(education=[two_year, one_year], **common))[2]["education"] == 19
    assert _grid(library, _profile(education=[_canadian("masters", 2), one_year], **common))[2]["education"] == 23
    assert _grid(library, _profile(education=[_canadian("two_year", 3), one_year], **common))[2]["education"] == 22
    assert _grid(library, _profile(education=[_canadian("bachelors", 4)], **common))[2]["education"] == 21

# IRPR s. 83(1)(d); programs.md 1.1, Factor 6: "Principal applicant's past work in Canada: >= 1 year full-time in a
# TEER 0-3 job". Unlike the experience factor (s. 80, "full-time or an equal amount in part-time"), the adaptability
# element asks for full-time work; grid.py counts 1,560 hours of any weekly load.

def test_fsw_adaptability_work_in_canada_needs_full_time(library: eligibility.Library) -> None:
    """A year of full-time TEER 1 work in Canada earns the 10 adaptability points; two years at 15 h a week
    (1,560 hours, but never full-time) earn none."""
    tests = [_celpip(7, 7, 7, 7)]
    full_time = [{"title": "Developer", "employer": "E", "noc": "21231", "country": "CA", "province": "ON",
                  "start": "2025-11-01", "end": None, "hours_per_week": 40}]
    part_time = [{**full_time[0], "start": "2024-11-01", "hours_per_week": 15}]
    assert _grid(library, _profile(language_tests=tests, work=full_time))[2]["adaptability"] == 10
    assert _grid(library, _profile(language_tests=tests, work=part_time))[2]["adaptability"] == 0



def test_fsw_adaptability_full_time_year_boundaries(library: eligibility.Library) -> None:
    """30 h a week is full-time: from 2025-12-01 to the day before DAY is 364 days, 364 / 7 x 30 = 1,560 h, one
    year (10 points); from 2025-12-02, 363 days, 1,555.7 h (0). At 29 h a week for six years (9,048 h), never
    full-time: 0. A part-time job beside a full-time year does not take the points away."""
    tests = [_celpip(7, 7, 7, 7)]

    def job(start: str, weekly: float) -> dict[str, Any]:
        return {"title": "Developer", "employer": "E", "noc": "21231", "country": "CA", "province": "ON",
                "start": start, "end": None, "hours_per_week": weekly}

    def adaptability(*work: dict[str, Any]) -> int:
        return _grid(library, _profile(language_tests=tests, work=list(work)))[2]["adaptability"]

    assert adaptability(job("2025-12-01", 30)) == 10
    assert adaptability(job("2025-12-02", 30)) == 0
    assert adaptability(job("2020-11-30", 29)) == 0
    assert adaptability(job("2025-12-01", 30), job("2025-06-01", 10)) == 10


def test_fsw_plan_finds_the_full_time_year_beside_a_part_time_job(library: eligibility.Library) -> None:
    """A full-time job in Canada from 2025-12-02 reaches one year (364 days, 1,560 h) on 2026-12-01, whatever a
    part-time job beside it from 2025-06-01 adds: adaptability goes from 5 (four years of full-time study in
    Canada) to the cap of 10, the grid from 17 + 21 + 11 + 12 + 5 = 66 to 71, and FSW opens that day."""
    abroad = {"title": "Developer", "employer": "E", "noc": "21231", "country": "IN", "start": "2023-06-15",
              "end": "2025-06-14", "hours_per_week": 40}
    full_time = {"title": "Developer", "employer": "F", "noc": "21231", "country": "CA", "province": "ON",
                 "start": "2025-12-02", "end": None, "hours_per_week": 40}
    part_time = {"title": "Tutor", "employer": "G", "noc": "41200", "country": "CA", "province": "ON",
                 "start": "2025-06-01", "end": None, "hours_per_week": 10}
    profile = _profile(language_tests=[_celpip(8, 7, 7, 7)], education=[_canadian("bachelors", 4)],
                       work=[abroad, full_time, part_time])
    before = eligibility.evaluate(profile, "2026-11-30", programs=["express-entry/fsw"], library=library,
                                  with_crs=False)
    grid = next(c for c in before.program("express-entry/fsw").conditions if c.id == "selection-grid")
    assert (grid.observed, {e["factor"]: e["points"] for e in grid.evidence}["adaptability"]) == (66, 5)
    plan = eligibility.plan(profile, "2026-06-01", "2027-06-01", programs=["express-entry/fsw"], library=library)
    intervals = plan.program("express-entry/fsw").intervals
    assert [(i.start.isoformat(), i.verdict) for i in intervals] == [("2026-06-01", "not_eligible"),
                                                                      ("2026-12-01", "eligible")]
    assert "adaptability points 5 -> 10, grid 66 -> 71" in intervals[1].because

def _job_offer_points(library: eligibility.Library, day: str, **changes: Any) -> int:
    score = eligibility.crs(_profile(**changes), day, library, rounds=False)
    return sum(f.low for f in score.factors if f.id == "additional.job_offer")


# crs.md, history: 2015-01-01 "600 for ... a qualifying LMIA-based offer of arranged employment (indeterminate
# duration)"; 2016-11-19 "certain LMIA-exempt work-permit holders' offers qualify; offer >= 1 year after PR visa
# (was indeterminate)". The counting of the versions before 2016-11-19 says so (indeterminate: true, exempt_offers:
# false); before, they gave 600 to offers the instructions of the time did not count.
def test_crs_job_offer_before_2016_11_19_is_indeterminate_and_lmia_based(library: eligibility.Library) -> None:
    """On 2016-11-18 an indeterminate LMIA-based offer earns 600 and a 12-month one 0; an LMIA-exempt offer from the
    current employer earns 0; on 2016-11-19 the 12-month offer earns 50 and the LMIA-exempt one 50."""
    offer = {"noc": "21231", "employer": "Maple Ltd", "province": "ON", "hours_per_week": 40, "duration_months": None,
             "lmia": "positive", "wage_hourly": 45, "seasonal": False}
    fixed_term = {**offer, "duration_months": 12}
    exempt = {**offer, "lmia": "exempt"}
    # Two years (3,120 h) with the offering employer in Canada: enough for the current-employer route from 2016-11-19.
    current_job = [{"title": "Developer", "employer": "Maple Ltd", "noc": "21231", "country": "CA", "province": "ON",
                    "start": "2014-11-01", "end": None, "hours_per_week": 40}]
    assert _job_offer_points(library, "2016-11-18", job_offer=offer) == 600
    assert _job_offer_points(library, "2016-11-19", job_offer=fixed_term) == 50
    assert _job_offer_points(library, "2016-11-19", job_offer=exempt, work=current_job) == 50
    assert _job_offer_points(library, "2016-11-18", job_offer=fixed_term) == 0
    assert _job_offer_points(library, "2016-11-18", job_offer=exempt, work=current_job) == 0


def _fst(library: eligibility.Library, offer: dict[str, Any], work: list[dict[str, Any]]) -> tuple[str, str]:
    """FST's verdict on DAY and the outcome of its certificate-or-offer condition."""
    profile = _profile(language_tests=[_celpip(5, 4, 4, 5)], work=work, job_offer=offer, funds_cad=20000,
                       declarations={"qualified_in_trade": True})
    evaluation = eligibility.evaluate(profile, DAY, programs=["express-entry/fst"], library=library, with_crs=False)
    fst = eligibility.to_data(evaluation)["programs"][0]
    # The verdicts alone, and the durable engine (when installed), decide the same.
    assert eligibility.verdicts(profile, DAY, programs=["express-entry/fst"], library=library) == {
        "express-entry/fst": fst["verdict"]}
    if HAS_DURABLE:
        durable = eligibility.evaluate(profile, DAY, programs=["express-entry/fst"], library=library,
                                       with_crs=False, engine="durable")
        assert eligibility.to_data(durable)["programs"][0]["conditions"] == fst["conditions"]
    return fst["verdict"], next(c["outcome"] for c in fst["conditions"] if c["id"] == "certificate-or-offer")


# IRPR s. 87.2(3); programs.md 1.3: the offer must "be LMIA-based, or come from the current employer(s) named on an
# LMIA-exempt permit (in which case at least 1 year of work for that employer is needed)". The FSW grid, the funds
# exemption and the CRS check that route against the work history (an arranged_employment block); the FST
# condition is a job_offer leaf with lmia [positive, exempt], and the job_offer kind has no way to ask for the
# current employer or the year worked there, so any offer marked exempt passes.

def test_fst_lmia_exempt_offer_needs_a_year_with_the_current_employer(library: eligibility.Library) -> None:
    """An electrician (no certificate) with an LMIA-based offer meets FST; an LMIA-exempt offer counts after 364 days
    (1,560 h) with the offering employer in Canada, not after 363 days, and never from an employer never worked for."""
    germany = {"title": "Electrician", "employer": "Volt GmbH", "noc": "72200", "country": "DE",
               "start": "2022-01-01", "end": "2025-11-30", "hours_per_week": 40}
    offer = {"noc": "72200", "employer": "Sparks Inc", "province": "ON", "hours_per_week": 40, "duration_months": 12,
             "lmia": "positive", "wage_hourly": 35, "seasonal": False}
    exempt = {**offer, "lmia": "exempt"}

    def at_sparks(start: str) -> dict[str, Any]:
        # Counted up to the day before DAY: from 2025-12-01, 364 days (1,560 h at 30 h a week); from 2025-12-02, 363.
        return {"title": "Electrician", "employer": "Sparks Inc", "noc": "72200", "country": "CA", "province": "ON",
                "start": start, "end": None, "hours_per_week": 40}

    assert _fst(library, offer, [germany]) == ("eligible", "pass")
    assert _fst(library, exempt, [germany, at_sparks("2025-12-01")]) == ("eligible", "pass")
    assert _fst(library, exempt, [germany, at_sparks("2025-12-02")]) == ("not_eligible", "fail")
    assert _fst(library, exempt, [germany]) == ("not_eligible", "fail")
    # The plan finds the day the year with Sparks is reached: 364 days from 2025-12-02 counted up to the day before
    # 2026-12-01.
    profile = _profile(language_tests=[_celpip(5, 4, 4, 5)], work=[germany, at_sparks("2025-12-02")],
                       job_offer=exempt, funds_cad=20000, declarations={"qualified_in_trade": True})
    plan = eligibility.plan(profile, "2026-11-01", "2027-01-01", programs=["express-entry/fst"], library=library)
    assert [(i.start.isoformat(), i.verdict) for i in plan.program("express-entry/fst").intervals] == [
        ("2026-11-01", "not_eligible"), ("2026-12-01", "eligible")]
