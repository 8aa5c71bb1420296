"""A job without a NOC code leaves the main occupation open only if it can reach it (IRPR s. 87.1(2)(d), (e): CEC's
language level is set by the occupation with the most experience in the window): in a code of its own, or added to
another occupation's hours. audit16's faults 2 and 3 were the first case (a job too short to be the main one); this
is the second, at the smallest step.

As of 2025-06-01 CEC's window is 2022-06-01..2025-05-31. A cook (63200, TEER 3: CLB 5) for 400 days
(2022-06-01..2023-07-05, 400 x 30/7 = 1,714.3 h), a business systems specialist (21221, TEER 1: CLB 7) for 200 days
(2023-07-06..2024-01-21, 857.1 h), then a job without a NOC code from 2024-01-22. If that job is a 21221 too, 21221
has 200 + n days: at n = 200 it ties the cook (a tie may ask CLB 7: open), at n = 199 (1,710.0 h) it cannot reach
it, and no code of its own can either (199 < 400): the cook is the main occupation and CLB 5 applies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from tests.strategies import library

DAY = dt.date(2025, 6, 1)


def _data(no_code_end: str) -> dict[str, Any]:
    return {
        "name": "Cook, specialist, then a job without a code", "birth_date": "1995-03-15",
        "marital_status": "single", "intended_province": "BC", "children": 0, "education": [],
        # IELTS L5.0 R4.0 W5.0 S5.0: CLB 5 in each ability
        "language_tests": [{"test": "ielts_general", "taken": "2025-01-10", "listening": 5.0, "reading": 4.0,
                            "writing": 5.0, "speaking": 5.0}],
        "work": [{"noc": "63200", "country": "CA", "province": "BC", "start": "2022-06-01", "end": "2023-07-05",
                  "hours_per_week": 40},
                 {"noc": "21221", "country": "CA", "province": "BC", "start": "2023-07-06", "end": "2024-01-21",
                  "hours_per_week": 40},
                 {"title": "Analyst", "country": "CA", "province": "BC", "start": "2024-01-22", "end": no_code_end,
                  "hours_per_week": 40}],
        "job_offer": None, "spouse": None,
    }


def _cec(no_code_end: str) -> tuple[Any, Any, Any]:
    evaluation = evaluate(profile_from_data(_data(no_code_end)), DAY, library())
    cec = next(p for p in evaluation.programs if p.id == "express-entry/cec")
    by_id = {c.id: c for c in cec.conditions}
    return cec, by_id["language"], by_id["canadian-work"]


def test_a_job_without_a_code_of_199_days_cannot_make_the_specialist_the_main_occupation() -> None:
    """199 days (2024-01-22..2024-08-07): 21221 at most 399 days < the cook's 400, so CLB 5 applies and is met."""
    cec, language, work = _cec("2024-08-07")
    assert language.outcome == "pass"
    assert language.required == {"reading": 5, "writing": 5, "listening": 5, "speaking": 5, "teer": 3,
                                 "main_occupation": "63200"}
    # The hours known to count: 1,714.3 + 857.1 = 600 days x 30/7 = 2,571.4 h; with the job without a code 799 days
    # = 3,424.3 h.
    assert round(float(work.observed["hours"]), 1) == 2571.4
    assert cec.verdict == "eligible"


@pytest.mark.parametrize("end", ["2024-08-08", "2024-09-27"])
def test_a_job_without_a_code_of_200_days_or_more_may_make_the_specialist_the_main_occupation(end: str) -> None:
    """200 days (to 2024-08-08): as a 21221 it ties the cook at 400 days, and 250 days passes it; CLB 7 may then
    apply, so CLB 5 settles nothing: language unknown, CEC undetermined."""
    cec, language, _ = _cec(end)
    assert language.outcome == "unknown"
    assert cec.verdict == "undetermined"
