"""The evidence of a language condition: each test listed, with its levels, whether it counts and why not, the
same items for every condition with the same age limit (made once per evaluation and shared). Worked out by hand
from the profile: CELPIP-General scores are CLB levels (docs/language-tests.md), and a result counts for two years
(FSW's and CEC's ``max_age_months: 24`` in rulesets/express-entry) from the test date when no result date is given.
"""

from __future__ import annotations

import datetime as dt

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult, ProgramResult
from tests.strategies import library

DAY = dt.date(2026, 3, 1)
PROFILE = profile_from_data({"name": "Two tests", "language_tests": [
    {"test": "celpip_general", "taken": "2025-09-20", "listening": 8, "reading": 7, "writing": 7, "speaking": 8},
    {"test": "celpip_general", "taken": "2024-02-10", "listening": 9, "reading": 9, "writing": 9, "speaking": 9}]})


def _language(result: ProgramResult) -> ConditionResult:
    stack = list(result.conditions)
    while stack:
        node = stack.pop()
        if node.kind == "language":
            return node
        stack.extend(node.conditions)
    raise KeyError(result.id)


def test_each_test_with_its_levels_and_why_it_does_not_count() -> None:
    """The 2025 test counts; the 2024 one was taken more than two years before 2026-03-01. FSW and CEC list the
    same two items."""
    found = evaluate(PROFILE, DAY, library())
    fsw, cec = (_language(found.program(p)) for p in ("express-entry/fsw", "express-entry/cec"))
    expected = [
        {"test": "celpip_general", "taken": "2025-09-20", "language": "english",
         "levels": {"reading": 7, "writing": 7, "listening": 8, "speaking": 8}, "valid": True},
        {"test": "celpip_general", "taken": "2024-02-10", "language": "english",
         "levels": {"reading": 9, "writing": 9, "listening": 9, "speaking": 9}, "valid": False,
         "why_not": "taken 2024-02-10, not less than 2 years before 2026-03-01"}]
    assert list(fsw.evidence) == expected
    assert list(cec.evidence) == expected
    # FSW asks CLB 7 in each ability: the 2025 test meets it.
    assert fsw.outcome == "pass"
    assert fsw.observed == {"test": "celpip_general", "taken": "2025-09-20",
                            "levels": {"reading": 7, "writing": 7, "listening": 8, "speaking": 8}}


def test_a_later_date_moves_the_age_limit() -> None:
    """On 2024-03-01 the 2024 test counts, and the 2025 one, taken after the date, does not."""
    fsw = _language(evaluate(PROFILE, dt.date(2024, 3, 1), library()).program("express-entry/fsw"))
    assert [(e["taken"], e["valid"], e.get("why_not")) for e in fsw.evidence] == [
        ("2025-09-20", False, "taken 2025-09-20, after the as-of date"), ("2024-02-10", True, None)]
