"""CEC's language level when two occupations are tied for the most experience (IRPR 87.1(2)(e), programs.md 1.2).

The level is that of "the occupation with the most experience in the 3-year window": CLB 7 for TEER 0 or 1,
CLB 5 for TEER 2 or 3. On a day two occupations have exactly as many hours, the law does not say which is the
main one: a test meeting both levels passes, one meeting neither fails, one meeting only the lower is unknown.

A software engineer (21231, TEER 1) from 2023-01-02 to 2024-06-30 is 546 days of full-time work (364 + 182);
a second job from 2024-07-01 has 546 days on 2024-07-01 + 546 = 2025-12-29, the day of the tie, and 547 on
2025-12-30. Both are far above 1,560 h together (1,092 days) and inside the 3-year window.
"""

from __future__ import annotations

import pytest

import eligibility
from tests.test_audit12_support import celpip, job, profile

SOFTWARE_TEER_1 = job("21231", "2023-01-02", "2024-06-30")


def _cec(second: str, level: int, day: str) -> eligibility.ProgramResult:
    person = profile(work=[SOFTWARE_TEER_1, job(second, "2024-07-01", None)],
                     language_tests=[celpip(level, "2025-06-10")])
    return eligibility.evaluate(person, day, programs=["express-entry/cec"]).program("express-entry/cec")


def _language(result: eligibility.ProgramResult) -> eligibility.ConditionResult:
    return next(r for r in result.conditions if r.kind == "language")


@pytest.mark.parametrize(("level", "verdict"), [(7, "eligible"), (6, "undetermined"), (5, "undetermined"),
                                                (4, "not_eligible")])
def test_a_tie_of_teer_1_and_teer_3_on_2025_12_29(level: int, verdict: str) -> None:
    """Cook (63200, TEER 3) tied with the software engineer (TEER 1): CLB 7 meets both levels, CLB 5 and 6 only
    the cook's, CLB 4 neither."""
    result = _cec("63200", level, "2025-12-29")
    assert result.verdict == verdict
    assert _language(result).outcome == {"eligible": "pass", "undetermined": "unknown", "not_eligible": "fail"}[verdict]


@pytest.mark.parametrize(("day", "verdict"), [("2025-12-28", "not_eligible"), ("2025-12-30", "eligible")])
def test_either_side_of_the_tie_one_occupation_leads(day: str, verdict: str) -> None:
    """CLB 6: on 2025-12-28 the software engineer leads (546 days against 545: CLB 7, fails); on 2025-12-30 the cook
    (547 against 546: CLB 5, passes)."""
    result = _cec("63200", 6, day)
    assert result.verdict == verdict
    assert _language(result).required["main_occupation"] == {"2025-12-28": "21231", "2025-12-30": "63200"}[day]


def test_a_tie_of_two_teer_1_occupations_sets_clb_7() -> None:
    """Two TEER 1 occupations tied (21231 and 21232 software developers): both set CLB 7, so CLB 6 fails."""
    result = _cec("21232", 6, "2025-12-29")
    assert (result.verdict, _language(result).outcome) == ("not_eligible", "fail")
    assert _language(result).required["reading"] == 7
