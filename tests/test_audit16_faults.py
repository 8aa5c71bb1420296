"""Audit 16: faults found while closing the gaps that surviving mutants showed (pinned, not fixed).

Each fault is a strict xfail that passes once it is fixed, beside a passing test of the other side of the same
edge. Expected values are worked out by hand from the research (/work/shared/research/programs.md).
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

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
# ending inside it is not asked whether it still runs).

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


@pytest.mark.xfail(strict=True, reason="audit16 fault 1: an Alberta job that ended on 2024-05-07 passes the "
                                       "current-job route on 2024-06-01 (7 days, 30 h, in the last month); "
                                       "AAIP asks that the candidate be currently working there")
def test_alberta_job_ended_weeks_ago_is_not_the_current_job() -> None:
    """The same job ended on 2024-05-07: on 2024-06-01 the candidate works for no Alberta employer and has no
    offer, so neither route is met and the pathway is not met."""
    ended = _alberta("2024-05-07")
    assert _condition(ended, ALBERTA_DAY, "alberta/accelerated-tech", ROUTE[:1]).outcome == "fail"
    assert _program(ended, ALBERTA_DAY, "alberta/accelerated-tech").verdict == "not_eligible"
