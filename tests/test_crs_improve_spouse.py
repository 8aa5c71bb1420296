"""--improve for an accompanying spouse who holds a language test: the next band of each ability, re-scored.

Expected points are worked out by hand from the spouse language table of the CRS (research crs.md, B):
per ability CLB 4 or less = 0, CLB 5-6 = 1, CLB 7-8 = 3, CLB 9 or more = 5. CELPIP-General levels are
CLB levels, so the score that reaches a band is the band's CLB.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eligibility.api import rules
from eligibility.profile.load import profile_from_data
from eligibility.ranking.improve import improve

DAY = dt.date(2026, 11, 30)


def _couple(spouse_tests: list[dict[str, Any]]) -> dict[str, Any]:
    """An applicant with an accompanying spouse (not a citizen or PR) holding ``spouse_tests``."""
    return {
        "name": "Couple", "birth_date": "1992-05-01", "marital_status": "married", "children": 0,
        "education": [{"level": "bachelors", "years": 4, "country": "CA", "completed": "2015-05-01"}],
        "language_tests": [{"test": "celpip_general", "taken": "2026-01-10", "listening": 9, "reading": 9,
                            "writing": 9, "speaking": 9}],
        "work": [], "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
        "provincial_nomination": None,
        "spouse": {"accompanying": True, "canadian_citizen_or_pr": False, "education": [], "work": [],
                   "language_tests": spouse_tests},
    }


def _spouse_gains(spouse_tests: list[dict[str, Any]]) -> dict[str, int]:
    found = improve(profile_from_data(_couple(spouse_tests)), DAY, rules())
    gains = {}
    for i in found.improvements:
        if i.kind == "spouse_language":
            assert i.low == i.high, i
            gains[i.says.split(" (")[0]] = i.low
    return gains


def test_next_band_of_each_spouse_ability() -> None:
    """CELPIP L7 R8 W4 S6 (3 + 3 + 0 + 1 = 7 points): listening and reading reach the next band at 9 (+2 each,
    8 is still 3 points), writing at 5 (0 -> 1: +1), speaking at 7 (1 -> 3: +2); no "first test" is offered."""
    gains = _spouse_gains([{"test": "celpip_general", "taken": "2025-12-01", "listening": 7, "reading": 8,
                            "writing": 4, "speaking": 6}])
    assert gains == {
        "the spouse's CELPIP-General listening 7 -> 9 = CLB 9": 2,
        "the spouse's CELPIP-General reading 8 -> 9 = CLB 9": 2,
        "the spouse's CELPIP-General writing 4 -> 5 = CLB 5": 1,
        "the spouse's CELPIP-General speaking 6 -> 7 = CLB 7": 2,
    }


def test_a_spouse_at_the_top_band_has_nothing_to_raise() -> None:
    """CELPIP 9 in all four is 5 + 5 + 5 + 5 = 20, the maximum: no spouse language improvement."""
    assert _spouse_gains([{"test": "celpip_general", "taken": "2025-12-01", "listening": 9, "reading": 9,
                           "writing": 9, "speaking": 10}]) == {}


def test_a_spouse_test_over_two_years_old_asks_for_a_new_test() -> None:
    """A spouse test taken 2024-11-29 is not valid on 2026-11-30: no next band, a first test at CLB 5 / 7 / 9
    instead (4 x 1 = 4, 4 x 3 = 12, 4 x 5 = 20 points)."""
    gains = _spouse_gains([{"test": "celpip_general", "taken": "2024-11-29", "listening": 7, "reading": 8,
                            "writing": 4, "speaking": 6}])
    assert gains == {"the spouse's language test at CLB 5 in all four": 4,
                     "the spouse's language test at CLB 7 in all four": 12,
                     "the spouse's language test at CLB 9 in all four": 20}
