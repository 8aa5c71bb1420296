"""``eligibility plan``: the day FSW closes when a language test expires and another test keeps the language
minimum, and the cause a person reads, checked by hand (audit7, 2026-12-01).

The person (born 1994-05-02; a bachelor's abroad with an ECA; software engineer abroad since 2019-01-01 at 40 h a
week) holds IELTS General Training L 8 R 7 W 7 S 7 of 2026-01-10 (CLB 9 in all four, programs.md 8.1) and TEF
Canada of 2026-02-01 on the scale from 2023-12-11, R 434 W 428 L 434 S 456 (NCLC 7 in all four). FSW grid
(IRPR ss. 78-83): age 18-35 12, bachelor's 21, experience 6+ years 15, first official language CLB 9 = 6 an
ability (24), second official language CLB/NCLC 5 or more in all four 4: 76. On 2028-01-10 the IELTS is 2 years
old: French becomes the first official language at NCLC 7 (4 an ability: 16) and there is no second: 64, under
the pass mark of 67, while the language minimum (CLB/NCLC 7 in the first official language) still passes.
"""

from __future__ import annotations

import copy
from typing import Any

import eligibility
from eligibility.profile.load import profile_from_data

PERSON: dict[str, Any] = {
    "name": "audit7 plan probe", "birth_date": "1994-05-02", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30", "full_time": True,
                   "eca": {"issued": "2024-02-01", "level": "bachelors"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2026-01-10", "listening": 8.0, "reading": 7.0,
                        "writing": 7.0, "speaking": 7.0},
                       {"test": "tef_canada", "taken": "2026-02-01", "reading": 434, "writing": 428,
                        "listening": 434, "speaking": 456}],
    "work": [{"title": "Software engineer", "employer": "Systems Ltd", "noc": "21231", "country": "PK",
              "start": "2019-01-01", "end": None, "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}
FSW = "express-entry/fsw"


def _profile() -> eligibility.Profile:
    return profile_from_data(copy.deepcopy(PERSON))


def _grid(day: str) -> tuple[str, int, dict[str, Any]]:
    program = eligibility.to_data(eligibility.evaluate(_profile(), day, programs=[FSW], with_crs=False))["programs"][0]
    conditions = {c["id"]: c for c in program["conditions"]}
    grid = conditions["selection-grid"]
    points = {e["factor"]: e["points"] for e in grid["evidence"]}
    return program["verdict"], points["language"], conditions["language"]


def test_fsw_closes_the_day_the_ielts_expires() -> None:
    """2028-01-09: eligible, language 28 (grid 76); 2028-01-10: not eligible, language 16 (grid 64), the language
    minimum still passing on the TEF; the plan's intervals say the same."""
    before, after = _grid("2028-01-09"), _grid("2028-01-10")
    assert (before[0], before[1], before[2]["outcome"]) == ("eligible", 28, "pass")
    assert (after[0], after[1], after[2]["outcome"]) == ("not_eligible", 16, "pass")
    plan = eligibility.plan(_profile(), "2026-12-01", "2029-12-01", programs=[FSW]).program(FSW)
    assert [(i.start.isoformat(), i.verdict) for i in plan.intervals] == [("2026-12-01", "eligible"),
                                                                         ("2028-01-10", "not_eligible")]
    assert plan.intervals[1].because.endswith("language points 28 -> 16, grid 76 -> 64")


def test_the_cause_names_the_test_that_expired() -> None:
    """The cause of 2028-01-10 reads like docs/plan.md's 'age 47: age points 1 -> 0, grid 67 -> 66': the event
    first, 'IELTS of 2026-01-10 is 2 years old: language points 28 -> 16, grid 76 -> 64'."""
    plan = eligibility.plan(_profile(), "2026-12-01", "2029-12-01", programs=[FSW]).program(FSW)
    assert plan.intervals[1].because == "IELTS of 2026-01-10 is 2 years old: language points 28 -> 16, grid 76 -> 64"
