"""Tests that kill the CRS code's mutation survivors (benchmarks/mutation.py, area ranking; seed 1202).

Every expected number is worked out by hand from the CRS tables (research crs.md; docs/crs.md) for a person
without a spouse on 2026-11-30, under the criteria in force since 2025-03-25:
age 30 = 105; a Canadian bachelor's of 4 years = 120 (core) and 30 (Canadian education, 3 years or more);
first official language per ability CLB 7 = 17, CLB 9 = 31; second official language per ability
CLB 7-8 = 3, CLB 9 or more = 6; education x first language: a single post-secondary credential with CLB 7+
in all four = 13, CLB 9+ = 25; French NCLC 7+ in all four with English CLB 5+ in all four = 50; a provincial
nomination = 600. Language levels: CELPIP-General scores are CLB levels; TEF Canada taken after 2023-12-10,
NCLC 9 = reading 503, writing 512, listening 503, speaking 518 (IRCC's chart, rulesets/language/tests.yaml).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import eligibility
from eligibility.ranking.compute import crs_range
from eligibility.ranking.improve import improve

DAY = dt.date(2026, 11, 30)
CELPIP_7 = {"test": "celpip_general", "taken": "2026-01-10", "listening": 7, "reading": 7, "writing": 7,
            "speaking": 7}
TEF_NCLC_9 = {"test": "tef_canada", "taken": "2026-02-10", "reading": 503, "writing": 512, "listening": 503,
              "speaking": 518}


@pytest.fixture(scope="module")
def library() -> eligibility.Library:
    """The repository's rules."""
    return eligibility.rules()


def _person(**changes: Any) -> dict[str, Any]:
    """Single, born 1996-03-01 (30 on 2026-11-30), a Canadian bachelor's of 4 years, CELPIP 7 and TEF NCLC 9."""
    return {"name": "Mutants", "birth_date": "1996-03-01", "marital_status": "single", "children": 0,
            "education": [{"level": "bachelors", "years": 4, "country": "CA", "completed": "2019-05-01"}],
            "language_tests": [CELPIP_7, TEF_NCLC_9], "work": [], "job_offer": None,
            "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None,
            "spouse": None, **changes}


def _levels(evidence: dict[str, Any]) -> tuple[str, str, dict[str, int]]:
    return evidence["measure"], evidence["test"], evidence["levels"]


def test_french_designated_first_scores_and_shows_the_french_test(library: eligibility.Library) -> None:
    """With French the better first language, the first-language factor shows the French test, the second the
    English one, and the French factor names both, each under its own measure."""
    result = eligibility.crs(eligibility.profile_from_data(_person()), DAY, library)
    # French first: 4 x 31 = 124 and English second 4 x 3 = 12; core 105 + 120 + 124 + 12 = 361,
    # transferability 25 (bachelor's, NCLC 9+), additional 30 + 50 = 80: 466.
    # English first: 4 x 17 = 68 and French second 4 x 6 = 24; core 317, transferability 13, additional 80: 410.
    assert result.first_official_language is not None
    assert (result.first_official_language.language, result.first_official_language.stated) == ("french", False)
    assert result.first_official_language.why == ("french scored as first official language: it gives 466, "
                                                  "english first gives 410")
    assert (result.total, result.section("core").low, result.section("transferability").low,
            result.section("additional").low) == (466, 361, 25, 80)
    nclc_9 = {"reading": 9, "writing": 9, "listening": 9, "speaking": 9}
    clb_7 = {"reading": 7, "writing": 7, "listening": 7, "speaking": 7}
    first, second = result.factor("core.first_language"), result.factor("core.second_language")
    assert (first.low, second.low) == (124, 12)
    assert [_levels(e) for e in first.evidence] == [("first_language", "tef_canada", nclc_9)]
    assert [_levels(e) for e in second.evidence] == [("second_language", "celpip_general", clb_7)]
    education_language = result.factor("transferability.education.language")
    assert education_language.low == 25
    assert [_levels(e) for e in education_language.evidence[1:]] == [("first_language_all", "tef_canada", nclc_9)]
    french = result.factor("additional.french")
    assert french.low == 50
    assert [_levels(e) for e in french.evidence] == [("french_all", "tef_canada", nclc_9),
                                                     ("english_all", "celpip_general", clb_7)]


def test_english_designated_first_shows_french_as_the_second_language(library: eligibility.Library) -> None:
    """Stated English first: the second-language factor shows the French test under its own measure."""
    result = eligibility.crs(eligibility.profile_from_data(_person(first_official_language="english")), DAY,
                             library)
    # English first (as stated): 68 + French second 24; core 105 + 120 + 68 + 24 = 317; 317 + 13 + 80 = 410.
    assert result.first_official_language is not None and result.first_official_language.stated
    assert (result.total, result.factor("core.first_language").low, result.factor("core.second_language").low) == (
        410, 68, 24)
    assert [_levels(e) for e in result.factor("core.second_language").evidence] == [
        ("second_language", "tef_canada", {"reading": 9, "writing": 9, "listening": 9, "speaking": 9})]


def test_the_message_says_the_points_or_the_range(library: eligibility.Library) -> None:
    """A score with every fact known says "N points"; one with an unknown fact says the range and why."""
    known = eligibility.crs(eligibility.profile_from_data(_person()), DAY, library)
    assert known.message == "466 points"
    plain = _person()
    del plain["provincial_nomination"]
    ranged = eligibility.crs(eligibility.profile_from_data(plain), DAY, library)
    # the nomination unknown: additional 80, or 600 + 30 + 50 = 680 capped at 600; 361 + 25 + 600 = 986
    assert (ranged.low, ranged.high) == (466, 986)
    assert ranged.message == "466 to 986 points: some facts are unknown"


def test_a_date_before_the_crs_keeps_the_profile_name_and_receipt(library: eligibility.Library) -> None:
    """A result 'not encoded' (before 2015-01-01) has no sections, factors or caveats, and keeps the profile's name
    and the receipt of the date asked."""
    day = dt.date(2014, 12, 31)
    result = eligibility.crs(eligibility.profile_from_data(_person()), day, library)
    assert result.status == "not_encoded"
    assert (result.sections, result.factors, result.settled_by, result.caveats) == ((), (), (), ())
    assert result.profile_name == "Mutants"
    assert result.receipt.as_of == day
    data = eligibility.to_data(result)
    assert data["profile_name"] == "Mutants" and data["receipt"]["as_of"] == "2014-12-31"


def test_the_batch_range_without_facts_and_with_another_day_s_facts(library: eligibility.Library) -> None:
    """crs_range (the batch's total) reads the profile itself when given no facts, or facts of another profile
    or day."""
    from eligibility.facts import Facts

    profile = eligibility.profile_from_data(_person())
    assert crs_range(profile, DAY, library) == (466, 466)
    # facts of 2026-02-01, before the TEF, would score English first alone; the nominated person's, 986
    # (additional 600 + 30 + 50 capped at 600).
    assert crs_range(profile, DAY, library, Facts(profile, dt.date(2026, 2, 1))) == (466, 466)
    other = eligibility.profile_from_data(_person(provincial_nomination={"province": "ON", "issued": "2026-06-01"}))
    assert crs_range(profile, DAY, library, Facts(other, DAY)) == (466, 466)


def test_a_nomination_is_named_in_the_evidence(library: eligibility.Library) -> None:
    """A nomination issued by the date scores 600 and is named (province, day, counted); one issued later scores
    0 and says why."""
    nominated = _person(provincial_nomination={"province": "ON", "issued": "2026-06-01"})
    factor = eligibility.crs(eligibility.profile_from_data(nominated), DAY, library).factor("additional.nomination")
    assert factor.low == factor.high == 600
    assert list(factor.evidence) == [{"measure": "provincial_nomination", "province": "ON", "issued": "2026-06-01",
                                      "counted": True}]
    later = _person(provincial_nomination={"province": "BC", "issued": "2026-12-15"})
    factor = eligibility.crs(eligibility.profile_from_data(later), DAY, library).factor("additional.nomination")
    assert factor.low == factor.high == 0
    assert list(factor.evidence) == [{"measure": "provincial_nomination", "province": "BC", "issued": "2026-12-15",
                                      "counted": False, "reason": "issued after the date"}]


def _couple_with_spouse_education(education: list[dict[str, Any]]) -> dict[str, Any]:
    return _person(marital_status="married", language_tests=[CELPIP_7],
                   spouse={"accompanying": True, "canadian_citizen_or_pr": False, "education": education,
                           "work": [], "language_tests": []})


def test_improve_offers_the_spouse_an_eca(library: eligibility.Library) -> None:
    """A spouse's foreign bachelor's without an ECA: an ECA would add the spouse's education points, 8."""
    profile = eligibility.profile_from_data(_couple_with_spouse_education(
        [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2016-05-01"}]))
    found = [(i.says, i.low, i.high) for i in improve(profile, DAY, library).improvements if i.kind == "eca"]
    assert found == [("the spouse's ECA for the bachelors credential from IN (education 0), assessed at that level",
                      8, 8)]


def test_improve_offers_no_eca_for_a_credential_already_assessed(library: eligibility.Library) -> None:
    """A foreign master's whose valid ECA recognized a bachelor's: scored as a bachelor's (120), and no ECA is
    offered for it (it has one)."""
    person = _person(education=[{"level": "masters", "years": 2, "country": "IN", "completed": "2020-05-01",
                                 "eca": {"issued": "2025-01-15", "level": "bachelors"}}])
    profile = eligibility.profile_from_data(person)
    result = eligibility.crs(profile, DAY, library)
    education = result.factor("core.education")
    assert education.low == 120
    assert education.evidence[0]["recognized_level"] == "bachelors"
    assert [i for i in improve(profile, DAY, library).improvements if i.kind == "eca"] == []
