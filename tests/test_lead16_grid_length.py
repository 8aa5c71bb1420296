"""The FSW grid's education factor with a Canadian credential whose length is not given (IRPR s. 78(2)(e)): two or
more post-secondary credentials, one of them of three years or more, score as "two or more" (22 points) where the
higher one alone scores less. A credential's ``years`` not given may be 3 or more, so the factor is a range
(crs10 made the CRS's reading a range through ``facts.together(maybe=True)``; the grid read it as decided).

Points by hand from IRPR s. 78(2) (programs.md 1.1): two-year credential 19, two or more 22; s. 79: CLB 8 in each
ability 5 x 4 = 20; s. 80: six years of experience 15; s. 81: age 31, 12; s. 83(1)(b), (5)(b): a Canadian program
of full-time study of at least two years, 5 (unknown while the length is not given).
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

DAY = dt.date(2025, 6, 1)
BASE: dict[str, Any] = {
    "name": "grid two or more", "birth_date": "1994-05-02", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 25000,
    "education": [{"level": "two_year", "country": "CA", "province": "ON", "completed": "2016-06-30"},
                  {"level": "one_year", "years": 1, "country": "CA", "province": "ON", "completed": "2017-06-30"}],
    # IELTS L7.5 R6.5 W6.5 S6.5: CLB 8 in each ability
    "language_tests": [{"test": "ielts_general", "taken": "2025-03-10", "listening": 7.5, "reading": 6.5,
                        "writing": 6.5, "speaking": 6.5}],
    "work": [{"title": "Software Engineer", "noc": "21231", "country": "PK", "start": "2019-01-01", "end": None,
              "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [], "spouse": None,
    "declarations": {"performed_noc_duties": True},
}


def _grid(years: int | None) -> ConditionResult:
    data = copy.deepcopy(BASE)
    if years is not None:
        data["education"][0]["years"] = years
    evaluation = evaluate(profile_from_data(data), DAY, library())
    fsw = next(p for p in evaluation.programs if p.id == "express-entry/fsw")
    found = next(c for c in fsw.conditions if c.id == "selection-grid")
    assert isinstance(found, ConditionResult)
    return found


def _education(grid: ConditionResult) -> tuple[int, int]:
    item = next(e for e in grid.evidence if e["factor"] == "education")
    return item["points"], item.get("max_possible", item["points"])


def test_two_year_credential_of_unknown_length_beside_a_one_year_one_is_19_to_22() -> None:
    """Length not given: 19 (two-year) to 22 (two or more); the grid 20 + 19 + 15 + 12 + 0 = 66 to 20 + 22 + 15 +
    12 + 5 = 74 straddles the pass mark of 67: unknown."""
    grid = _grid(None)
    assert _education(grid) == (19, 22)
    assert grid.observed == {"low": 66, "high": 74}
    assert grid.outcome == "unknown"


@pytest.mark.parametrize(("years", "education", "total"), [(2, 19, 71), (3, 22, 74)])
def test_two_year_credential_of_stated_length(years: int, education: int, total: int) -> None:
    """Two years: 19, with 5 for two years of study in Canada, 20 + 19 + 15 + 12 + 5 = 71; three years: the two
    count together, 22, and 74. Both pass 67."""
    grid = _grid(years)
    assert _education(grid) == (education, education)
    assert grid.observed == total
    assert grid.outcome == "pass"
