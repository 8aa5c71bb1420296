"""Audit 16: faults found while closing the gaps that surviving mutants showed (pinned, not fixed).

Each fault is a strict xfail that passes once it is fixed, beside a passing test of the other side of the same
edge. Expected values are worked out by hand from the research (/work/shared/research/programs.md).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult
from tests.strategies import library


def _program(data: dict[str, Any], as_of: dt.date, pid: str) -> Any:
    evaluation = evaluate(profile_from_data(data), as_of, library())
    return next(p for p in evaluation.programs if p.id == pid)


def _condition(data: dict[str, Any], as_of: dt.date, pid: str, path: tuple[str, ...]) -> ConditionResult:
    found: Any = _program(data, as_of, pid)
    for cid in path:
        found = next(c for c in found.conditions if c.id == cid)
    assert isinstance(found, ConditionResult)
    return found


# --- Fault 1: Alberta Accelerated Tech, a job that ended weeks ago is read as the current job -------------------
#
# programs.md 6.3 (AAIP guidance as reproduced): the candidate must be "currently working full-time for, or
# holding a full-time job offer from, an Alberta employer". The current-job route of
# rulesets/alberta/accelerated-tech.yaml reads "currently working" as "worked at least a week (30 h) in Alberta in
# the last month": a job that ended on 2024-05-07 still has 7 days (2024-05-01..2024-05-07, 30 h) in the window of
# 2024-06-01, so a candidate with no offer, whose only Alberta job ended 25 days before, passes the route.
# Found from the surviving mutant window_months:+1 of that rule (a job ending before the window is left out; one
# ending inside it is not asked whether it still runs). Fixed on main (452afd3: the work exclusion ``ended``); the
# test stays, without its marker.

ALBERTA_DAY = dt.date(2024, 6, 1)
#: FSW-eligible from six years abroad as a software engineer (21231); no offer; a year's contract declared; the
#: Alberta job (21231, on the pathway's list) from 2024-04-01.
ALBERTA: dict[str, Any] = {
    "name": "Alberta current job", "birth_date": "1994-05-02", "marital_status": "single",
    "intended_province": "AB", "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30",
                   "eca": {"issued": "2022-01-15", "level": "bachelors"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2024-05-01", "listening": 8.0, "reading": 7.5,
                        "writing": 7.0, "speaking": 7.0}],
    "work": [{"noc": "21231", "country": "PK", "start": "2017-01-02", "end": "2024-03-31", "hours_per_week": 40},
             {"noc": "21231", "employer": "Prairie Data", "country": "CA", "province": "AB", "start": "2024-04-01",
              "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [], "spouse": None,
    "declarations": {"crs_score": 300, "alberta_current_job_one_year_contract": True},
}
ROUTE = ("offer-or-current-job", "current-job-route", "current-alberta-tech-work")


def _alberta(end: str | None) -> dict[str, Any]:
    data = copy.deepcopy(ALBERTA)
    data["work"][1]["end"] = end
    return data


def test_alberta_job_still_held_is_the_current_job() -> None:
    """A job held on the as-of day is current work: the last month 2024-05-01..2024-05-31 is 31 days x 30/7 =
    132.9 h, and with no offer the route carries the pathway."""
    work = _condition(_alberta(None), ALBERTA_DAY, "alberta/accelerated-tech", ROUTE)
    assert work.outcome == "pass"
    assert round(float(work.observed["hours"]), 1) == 132.9
    assert _program(_alberta(None), ALBERTA_DAY, "alberta/accelerated-tech").verdict == "eligible"


def test_alberta_job_ended_weeks_ago_is_not_the_current_job() -> None:
    """The same job ended on 2024-05-07: on 2024-06-01 the candidate works for no Alberta employer and has no
    offer, so neither route is met and the pathway is not met."""
    ended = _alberta("2024-05-07")
    assert _condition(ended, ALBERTA_DAY, "alberta/accelerated-tech", ROUTE[:1]).outcome == "fail"
    assert _program(ended, ALBERTA_DAY, "alberta/accelerated-tech").verdict == "not_eligible"


# --- Fault 2: CEC language, a job without a NOC code too short to be the main occupation unsettles the level ------
#
# IRPR s. 87.1(2)(d), (e) (programs.md 1.2; the Minister's threshold by TEER, cec.yaml): the level is set by the
# occupation in which the applicant has the most experience in the window. As of 2025-06-01 the window is
# 2022-06-01..2025-05-31 (1,096 days). A cook (63200, TEER 3: CLB 5) for 2022-06-01..2023-12-01 (549 days x 30/7 =
# 2,352.9 h), then a job without a NOC code for 2023-12-02..2025-05-31 (547 days = 2,344.3 h): whatever its code,
# that job has fewer hours than the cook (or adds to the cook's, if it is 63200, or does not count), so the cook
# is the main occupation and CLB 5 in each ability meets CEC's language: eligible. The tool treats any job
# without a code that may count as possibly the main occupation (kinds/language.py ``_needs``: ``work.uncertain``)
# and reads the language unknown, the program undetermined ("the main occupation, which is not settled").
# One day further (548 days each) the two tie, and with a TEER 1 code the tie would ask CLB 7: unknown is right.

CEC_DAY = dt.date(2025, 6, 1)
COOK: dict[str, Any] = {
    "name": "Cook, then a job without a code", "birth_date": "1995-03-15", "marital_status": "single",
    "intended_province": "BC", "children": 0, "education": [],
    # IELTS L5.0 R4.0 W5.0 S5.0: CLB 5 in each ability
    "language_tests": [{"test": "ielts_general", "taken": "2025-01-10", "listening": 5.0, "reading": 4.0,
                        "writing": 5.0, "speaking": 5.0}],
    "work": [{"noc": "63200", "country": "CA", "province": "BC", "start": "2022-06-01", "end": "2023-12-01",
              "hours_per_week": 40},
             {"title": "Analyst", "country": "CA", "province": "BC", "start": "2023-12-02", "end": "2025-05-31",
              "hours_per_week": 40}],
    "job_offer": None, "spouse": None,
}


def _cook(cook_end: str, other_start: str, other_noc: str | None = None) -> dict[str, Any]:
    data = copy.deepcopy(COOK)
    data["work"][0]["end"] = cook_end
    data["work"][1]["start"] = other_start
    if other_noc is not None:
        data["work"][1]["noc"] = other_noc
    return data


def test_cec_language_with_the_shorter_job_stated_teer_1_is_the_cooks_clb_5() -> None:
    """The 547-day job stated as a business systems specialist (21221, TEER 1): the cook's 549 days are the most
    experience, so CLB 5 applies and is met; CEC counts both jobs (1,096 days = 4,697.1 h)."""
    data = _cook("2023-12-01", "2023-12-02", "21221")
    language = _condition(data, CEC_DAY, "express-entry/cec", ("language",))
    assert language.outcome == "pass"
    assert language.observed["levels"] == {"reading": 5, "writing": 5, "listening": 5, "speaking": 5}
    assert round(float(_condition(data, CEC_DAY, "express-entry/cec", ("canadian-work",)).observed["hours"]), 1) \
        == 4697.1
    assert _program(data, CEC_DAY, "express-entry/cec").verdict == "eligible"


def test_cec_language_unknown_when_the_job_without_a_code_ties_the_cook() -> None:
    """548 days each (2,348.6 h): the job without a code may be a TEER 1 occupation tied with the cook, and a tie
    may ask CLB 7, so CLB 5 settles nothing: language unknown, the program undetermined."""
    data = _cook("2023-11-30", "2023-12-01")
    work = _condition(data, CEC_DAY, "express-entry/cec", ("canadian-work",))
    assert work.outcome == "pass" and round(float(work.observed["hours"]), 1) == 2348.6
    assert _condition(data, CEC_DAY, "express-entry/cec", ("language",)).outcome == "unknown"
    assert _program(data, CEC_DAY, "express-entry/cec").verdict == "undetermined"


def test_cec_language_settled_when_the_job_without_a_code_is_shorter() -> None:
    """The cook 549 days (2,352.9 h), the job without a code 547 days (2,344.3 h): the cook is the main occupation
    whatever that code, CLB 5 applies and is met, and CEC is met."""
    data = _cook("2023-12-01", "2023-12-02")
    work = _condition(data, CEC_DAY, "express-entry/cec", ("canadian-work",))
    assert work.outcome == "pass" and round(float(work.observed["hours"]), 1) == 2352.9
    assert _condition(data, CEC_DAY, "express-entry/cec", ("language",)).outcome == "pass"
    assert _program(data, CEC_DAY, "express-entry/cec").verdict == "eligible"


# --- Fault 3: FSW education, a job without a NOC code too short to be the primary occupation unsettles the ECA body --
#
# IRPR s. 75(2.1) (programs.md 1.1; fsw.yaml's designated_bodies): where a professional body is designated for the
# primary occupation, the ECA must come from it; for a physician (31102) the Medical Council of Canada, for a
# software engineer (21231) none. The encoding takes the primary occupation as the one with the most experience
# (kinds/education.py ``designated_bodies``). As of 2025-06-01: 21231 for 2019-01-01..2022-03-17 (1,172 days x 30/7
# = 5,022.9 h), then a job without a NOC code for 2022-03-18..2025-05-31 (1,171 days = 5,018.6 h). Whatever that
# code, 21231 has the most experience, so no body is designated and the bachelor's ECA from WES counts: FSW
# eligible (72 points as in fsw.cases.yaml's base). The tool holds every body possible while any job without a
# code may count, and reads education unknown, FSW undetermined. A day the other way (1,171 / 1,172 days) the job
# without a code may be a physician's with the most experience: unknown is right.

FSW_DAY = dt.date(2025, 6, 1)
ENGINEER: dict[str, Any] = {
    "name": "Engineer, then a job without a code", "birth_date": "1994-05-02", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30",
                   "eca": {"issued": "2024-02-01", "level": "bachelors", "by": "WES"}}],
    # IELTS L8.0 R7.5 W7.0 S7.0: CLB 9 in each ability
    "language_tests": [{"test": "ielts_general", "taken": "2025-03-10", "listening": 8.0, "reading": 7.5,
                        "writing": 7.0, "speaking": 7.0}],
    "work": [{"noc": "21231", "country": "PK", "start": "2019-01-01", "end": "2022-03-17", "hours_per_week": 40},
             {"title": "Consultant", "country": "PK", "start": "2022-03-18", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [], "spouse": None,
}


def _engineer(engineer_end: str, other_start: str, other_noc: str | None = None) -> dict[str, Any]:
    data = copy.deepcopy(ENGINEER)
    data["work"][0]["end"] = engineer_end
    data["work"][1]["start"] = other_start
    if other_noc is not None:
        data["work"][1]["noc"] = other_noc
    return data


def test_fsw_wes_eca_counts_with_the_shorter_job_stated_a_physicians() -> None:
    """The 1,171-day job stated as a family physician's (31102): 21231's 1,172 days (5,022.9 h) are the most
    experience, no body is designated for it, and the WES ECA counts."""
    data = _engineer("2022-03-17", "2022-03-18", "31102")
    work = _condition(data, FSW_DAY, "express-entry/fsw", ("skilled-work",))
    assert work.observed["occupation"] == "21231" and round(float(work.observed["hours"]), 1) == 5022.9
    assert _condition(data, FSW_DAY, "express-entry/fsw", ("education",)).outcome == "pass"


def test_fsw_wes_eca_unknown_when_the_job_without_a_code_may_be_the_primary_occupation() -> None:
    """21231 for 1,171 days (5,018.6 h), the job without a code for 1,172: if it is a physician's it is the primary
    occupation and the ECA must come from the Medical Council of Canada, so the WES ECA neither counts nor fails."""
    data = _engineer("2022-03-16", "2022-03-17")
    assert _condition(data, FSW_DAY, "express-entry/fsw", ("education",)).outcome == "unknown"
    assert _program(data, FSW_DAY, "express-entry/fsw").verdict == "undetermined"


def test_fsw_wes_eca_counts_when_the_job_without_a_code_is_shorter() -> None:
    """21231 for 1,172 days, the job without a code for 1,171: 21231 is the primary occupation whatever that code,
    the WES ECA counts, and FSW is met."""
    data = _engineer("2022-03-17", "2022-03-18")
    assert _condition(data, FSW_DAY, "express-entry/fsw", ("education",)).outcome == "pass"
    assert _program(data, FSW_DAY, "express-entry/fsw").verdict == "eligible"
