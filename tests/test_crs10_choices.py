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
from eligibility.ranking.compute import crs_range, crs_result
from tests.strategies import examples, library
from tests.test_crs_properties import crs_data, crs_days

DAY = dt.date(2024, 6, 1)
#: Born 1990-01-01: 34 on DAY, 83 points single, 75 with a spouse. No work, no other points.
BASE: dict[str, Any] = {
    "name": "Two tests", "birth_date": "1990-01-01", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 20000, "education": [], "work": [], "job_offer": None,
    "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None}


def _ielts(r: float, w: float, li: float, s: float) -> dict[str, Any]:
    return {"test": "ielts_general", "taken": "2024-05-01", "reading": r, "writing": w, "listening": li,
            "speaking": s}


def _celpip(r: int, w: int, li: int, s: int) -> dict[str, Any]:
    return {"test": "celpip_general", "taken": "2024-05-01", "reading": r, "writing": w, "listening": li,
            "speaking": s}


def _data(tests: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["language_tests"] = tests
    data.update(extra)
    return data


def _score(data: dict[str, Any], day: dt.date = DAY) -> Any:
    return crs_result(profile_from_data(data), day, library())


#: IELTS reading 4.5, writing 5, listening 5, speaking 5: CLB 5 in all four (the highest lowest ability).
IELTS_FIVES = _ielts(4.5, 5.0, 5.0, 5.0)
#: CELPIP 10, 10, 10, 4: CLB 10, 10, 10, 4.
CELPIP_TENS = _celpip(10, 10, 10, 4)


def test_the_test_that_scores_more_counts_not_the_highest_lowest_ability() -> None:
    """IELTS at CLB 5 in all four gives 4 x 6 = 24 first-language points (83 + 24 = 107); CELPIP at CLB 10, 10,
    10, 4 gives 3 x 34 + 6 = 108 (83 + 108 = 191): the CELPIP counts, whichever is listed first, and its levels are
    the ones named."""
    for tests in ([IELTS_FIVES, CELPIP_TENS], [CELPIP_TENS, IELTS_FIVES]):
        result = _score(_data(tests))
        assert (result.low, result.high) == (191, 191)
        first = next(f for f in result.factors if f.id == "core.first_language")
        assert first.points == 108
        assert first.observed == {"first_language": "celpip_general 2024-05-01: CLB 10/10/10/4 (R/W/L/S)"}
        assert len([e for e in first.evidence if e["measure"] == "first_language"]) == 2
        assert crs_range(profile_from_data(_data(tests)), DAY, library()) == (191, 191)
    assert _score(_data([IELTS_FIVES])).total == 107


def test_the_total_decides_not_the_first_language_points() -> None:
    """The other side: a Canadian bachelor's of 4 years (120, Canadian education 30). IELTS at CLB 9 in all four:
    4 x 31 = 124 and bachelor's with CLB 9 in all four 25; CELPIP 10, 10, 10, 8: 3 x 34 + 23 = 125 (one more) but
    CLB 7 or more only 13. IELTS 83 + 120 + 124 + 25 + 30 = 382, CELPIP 83 + 120 + 125 + 13 + 30 = 371: the IELTS
    counts."""
    education = [{"level": "bachelors", "country": "CA", "province": "ON", "years": 4, "completed": "2015-05-01"}]
    nines = _ielts(7.0, 7.0, 8.0, 7.0)
    result = _score(_data([_celpip(10, 10, 10, 8), nines], education=education))
    assert result.total == 382
    assert _score(_data([_celpip(10, 10, 10, 8)], education=education)).total == 371


def test_the_spouses_test_that_scores_more_counts() -> None:
    """An accompanying spouse with CELPIP 5, 5, 5, 5 (4 x 1 = 4) and CELPIP 9, 9, 9, 4 (3 x 5 + 0 = 15): the second
    counts. The applicant: 34 with a spouse 75, IELTS at CLB 9 in all four 4 x 29 = 116; 75 + 116 + 15 = 206."""
    spouse = {"accompanying": True, "canadian_citizen_or_pr": False, "education": [], "work": [],
              "language_tests": [_celpip(5, 5, 5, 5), _celpip(9, 9, 9, 4)]}
    result = _score(_data([_ielts(7.0, 7.0, 8.0, 7.0)], marital_status="married", spouse=spouse))
    assert result.total == 206
    language = next(f for f in result.factors if f.id == "spouse.language")
    assert language.points == 15 and all(e["measure"] == "spouse_language" for e in language.evidence)


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

