"""The words of a work_experience condition's result, part of them kept per condition (kinds/work_experience.py):
worked out by hand for one job, on two as-of dates (the window moves with the date), for a rule counting one
occupation (FSW: its title) and one counting every selected occupation (CEC: the selector in words).

One job: NOC 21231 (software engineers and designers) in Canada, 40 h a week from 2024-03-01, still held.
IRCC credits at most 30 h a week (IRPR s. 73(1): full-time work is 30 hours a week), so a day counts 30/7 h.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult, ProgramResult
from tests.strategies import library

PROFILE = profile_from_data({"name": "One job", "work": [
    {"title": "Developer", "employer": "Acme", "noc": "21231", "country": "CA", "province": "ON",
     "start": "2024-03-01", "end": None, "hours_per_week": 40}]})


def _node(result: ProgramResult, cid: str) -> ConditionResult:
    stack = list(result.conditions)
    while stack:
        node = stack.pop()
        if node.id == cid:
            return node
        stack.extend(node.conditions)
    raise KeyError(cid)


def _work(day: dt.date) -> tuple[ConditionResult, ConditionResult]:
    found = evaluate(PROFILE, day, library())
    return (_node(found.program("express-entry/fsw"), "skilled-work"),
            _node(found.program("express-entry/cec"), "canadian-work"))


def test_the_words_on_two_dates() -> None:
    """2026-03-01: the job's 730 days (2024-03-01 to 2026-02-28) are 3,128.6 h; 2026-06-01: 822 days (92 more,
    March to May), 3,522.9 h. FSW names the occupation counted and its continuous run, CEC the TEERs it counts;
    each names its window, from the same day 10 (FSW) or 3 (CEC) years before to the day before the date."""
    fsw, cec = _work(dt.date(2026, 3, 1))
    assert fsw.explanation == ("3,129 h in 21231 Software engineers and designers (longest continuous run) "
                               "between 2016-03-01 and 2026-02-28; 1,560 h needed")
    assert cec.explanation == "3,129 h in TEER 0, 1, 2, 3 between 2023-03-01 and 2026-02-28; 1,560 h needed"
    assert fsw.observed == {"hours": 3128.6, "occupation": "21231"}
    assert cec.observed == {"hours": 3128.6, "occupation": None}
    fsw, cec = _work(dt.date(2026, 6, 1))
    assert fsw.explanation == ("3,523 h in 21231 Software engineers and designers (longest continuous run) "
                               "between 2016-06-01 and 2026-05-31; 1,560 h needed")
    assert cec.explanation == "3,523 h in TEER 0, 1, 2, 3 between 2023-06-01 and 2026-05-31; 1,560 h needed"


def test_each_result_has_its_own_requirement() -> None:
    """What is required, as the rule says; a result's dict changed by a caller leaves the next result as it was."""
    fsw, cec = _work(dt.date(2026, 3, 1))
    expected: dict[str, Any] = {"hours": 1560, "within_months": 36, "continuous": False, "single_occupation": False,
                                "occupations": "TEER 0, 1, 2, 3", "location": "canada"}
    assert cec.required == expected
    cec.required["hours"] = 0
    assert _work(dt.date(2026, 3, 1))[1].required == expected
    assert fsw.required["within_months"] == 120 and fsw.required["continuous"] is True
