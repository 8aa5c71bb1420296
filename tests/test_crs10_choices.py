"""The choices a person makes in the CRS (crs10): which valid test of a language to submit, and which official
language is first, each made for the score, in each case of the unknown facts.

The person puts in the profile the valid result they choose; with two valid tests of a language at different levels,
the CRS is that of the test that gives the higher total (languages meet transferability and the French points, so
the first-language points alone do not decide). Without ``first_official_language`` the designation that scores
higher is used (docs/profile-format.md); where whether the spouse counts is unknown, each spouse case takes its own
better designation. Every expected value is worked out by hand from the tables of research/crs.md.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from hypothesis import given, settings

from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from tests.strategies import examples, library
from tests.test_crs_properties import crs_data, crs_days

DAY = dt.date(2024, 6, 1)
#: Born 1990-01-01: 34 on DAY, 83 points single, 75 with a spouse. No work, no other points.
BASE: dict[str, Any] = {
    "name": "Two tests", "birth_date": "1990-01-01", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 20000, "education": [], "work": [], "job_offer": None,
    "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None}


def _score(data: dict[str, Any], day: dt.date = DAY) -> Any:
    return crs_result(profile_from_data(data), day, library())


#: audit15's profile (tests/test_audit15_unknown_faults.py, COMING): 18 years old (99 single, 90 with a spouse),
#: married, nothing but a certificate of qualification, TEF Canada NCLC R6 W8 L5 S8 (new scale: reading 430, writing
#: 500, listening 370, speaking 500) and CELPIP CLB R8 W9 L4 S10, on 2024-06-01.
COMING = {"name": "Spouse may come", "birth_date": "2006-05-31", "marital_status": "married",
          "intended_province": "AB", "children": 0, "funds_cad": 0, "education": [], "work": [], "job_offer": None,
          "language_tests": [{"test": "tef_canada", "taken": "2024-05-02", "listening": 370.0, "reading": 430.0,
                              "writing": 500.0, "speaking": 500.0},
                             {"test": "celpip_general", "taken": "2024-05-02", "listening": 4.0, "reading": 8.0,
                              "writing": 9.0, "speaking": 10.0}],
          "certificates_of_qualification": [{"noc": "72200", "issued_by": "AB"}], "relatives_in_canada": [],
          "provincial_nomination": None, "declarations": {},
          "spouse": {"canadian_citizen_or_pr": False, "education": [], "language_tests": [], "work": []}}


def test_each_spouse_case_takes_its_better_designation() -> None:
    """Without the spouse: English first 99 + (23 + 31 + 6 + 34) + French second (1 + 3 + 1 + 3) = 201, French first
    99 + (9 + 23 + 6 + 23) + English second (3 + 6 + 0 + 6) + the certificate with NCLC 5 or more, one under 7, 25 =
    200. With the spouse: English first 90 + (22 + 29 + 6 + 32) + 8 = 187, French first 90 + (8 + 22 + 6 + 22) + 15
    + 25 = 188. Whether the spouse comes not given: 188 (coming, French) to 201 (not coming, English)."""
    unknown = _score(COMING)
    assert (unknown.low, unknown.high) == (188, 201)
    assert unknown.with_spouse is None
    for accompanying, total in ((True, 188), (False, 201)):
        data = copy.deepcopy(COMING)
        data["spouse"]["accompanying"] = accompanying
        assert _score(data).total == total
    sections = {s.id: (s.low, s.high) for s in unknown.sections}
    # Each section spans both cases: core 163 (French, coming) to 201 (English, not coming); the certificate 0 to 25.
    assert sections["core"] == (163, 201) and sections["transferability"] == (0, 25)


# --- For every profile ------------------------------------------------------------------------------------------


@settings(max_examples=examples(40), deadline=None)
@given(crs_data(), crs_days())
def test_the_designation_not_stated_holds_the_better_of_the_two(data: dict[str, Any], day: dt.date) -> None:
    """Without ``first_official_language`` the score is, for every value of the unknown facts, the higher of the two
    designations: its high end is the higher of their highs, its low end at least the higher of their lows."""
    data.pop("first_official_language", None)
    unstated = _score(data, day)
    if unstated.status != "scored":
        return
    stated = [_score({**data, "first_official_language": d}, day) for d in ("english", "french")]
    assert unstated.high == max(s.high for s in stated)
    assert unstated.low >= max(s.low for s in stated)

