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


def test_the_age_and_canadian_education_factors_show_their_evidence(library: eligibility.Library) -> None:
    """The age factor names the birth date and age (30: 105), and the Canadian-education factor the credential
    counted (a bachelor's of 4 years: 3 years or more, 30)."""
    result = eligibility.crs(eligibility.profile_from_data(_person()), DAY, library)
    age, education = result.factor("core.age"), result.factor("additional.canadian_education")
    assert (age.low, age.high, age.observed) == (105, 105, {"age": 30})
    assert list(age.evidence) == [{"measure": "age", "birth_date": "1996-03-01", "age": 30}]
    assert (education.low, education.high) == (30, 30)
    assert education.observed == {"canadian_education": "three_years_or_more"}
    assert list(education.evidence) == [{"measure": "canadian_education", "credential": 0, "level": "bachelors",
                                         "years": 4, "counted": True}]


def test_a_29_february_birthday_falls_on_1_march_in_the_declines(library: eligibility.Library) -> None:
    """Born 1996-02-29, 30 on 2026-11-30: in 2027 (no 29 February) the 31st birthday is 1 March, when the age
    points fall from 105 to 99 (6 points)."""
    profile = eligibility.profile_from_data(_person(birth_date="1996-02-29"))
    declines = [(d.date, d.cause, d.points_lost) for d in improve(profile, DAY, library).declines]
    assert declines == [(dt.date(2027, 3, 1), "birthday: 31", 6)]


def test_the_ways_to_raise_the_score_as_text_and_markdown(library: eligibility.Library) -> None:
    """--improve's text and Markdown list the spouse's ECA (+8) under their headings, and the 31st birthday
    (2027-03-01: with a spouse 95 -> 90, 5 points) among the declines."""
    from eligibility.ranking.report import improve_lines, improve_markdown

    profile = eligibility.profile_from_data(_couple_with_spouse_education(
        [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2016-05-01"}]))
    found = improve(profile, DAY, library)
    eca = "the spouse's ECA for the bachelors credential from IN (education 0), assessed at that level"
    lines = improve_lines(found)
    assert lines[0] == "  Ways to raise the score on 2026-11-30 (each re-scored, best first):"
    assert f"        +8  {eca}" in lines
    assert lines[-2:] == ["  Days in the next 12 months on which the score falls without any action:",
                          "    2027-03-01  -5  birthday: 31"]
    markdown = improve_markdown(found)
    assert markdown[:5] == ["", "## Ways to raise the score on 2026-11-30", "", "| Points | Change |", "|---|---|"]
    assert f"| +8 | {eca} |" in markdown
    assert markdown[-2:] == ["|---|---|---|", "| 2027-03-01 | -5 | birthday: 31 |"]


def test_a_version_resting_on_news_copies_says_so(library: eligibility.Library) -> None:
    """On 2021-06-01 the criteria in force (from 2020-10-27, French points raised to 25 and 50) rest on copies of
    IRCC's announcement in the news: the result's caveat says so in words, with the version's note."""
    result = eligibility.crs(eligibility.profile_from_data(_person()), dt.date(2021, 6, 1), library)
    assert result.version is not None and result.version.valid_from == dt.date(2020, 10, 27)
    (caveat,) = [c for c in result.caveats if c.condition == "crs"]
    assert caveat.says == "French points raised: 15 -> 25 and 30 -> 50"
    assert caveat.reason.startswith("rests on official via news sources: IRCC announced the raise on 27 October 2020")


def test_language_tests_not_given_are_settled_by_one_path(library: eligibility.Library) -> None:
    """Without the language-tests key every language factor is a range, each settled by $.language_tests alone
    (the English and the French readings name the same path)."""
    plain = _person()
    del plain["language_tests"]
    result = eligibility.crs(eligibility.profile_from_data(plain), DAY, library)
    french = result.factor("additional.french")
    # French 0 (no NCLC 7) to 50 (NCLC 7+ with English CLB 5+)
    assert (french.low, french.high, french.settled_by) == (0, 50, ("$.language_tests",))
    assert result.settled_by.count("$.language_tests") == 1


def test_an_arranged_offer_before_march_2025_shows_each_check(library: eligibility.Library) -> None:
    """On 2024-06-01 an LMIA-based offer in 21231 (TEER 1, not major group 00), 40 h a week, no end date, scores 50
    (arranged employment, 2016-11-19 to 2025-03-24), each check of the offer named with its outcome and detail."""
    offer = {"noc": "21231", "employer": "Acme", "province": "ON", "hours_per_week": 40, "duration_months": None,
             "lmia": "positive"}
    result = eligibility.crs(eligibility.profile_from_data(_person(job_offer=offer)), dt.date(2024, 6, 1), library)
    factor = result.factor("additional.job_offer")
    assert (factor.low, factor.high, factor.observed) == (50, 50, {"arranged_employment": "other"})
    checks = [(e["check"], e["outcome"]) for e in factor.evidence if "check" in e]
    assert checks == [("occupation", "pass"), ("hours", "pass"), ("duration", "pass"), ("lmia", "pass")]
    hours = next(e for e in factor.evidence if e.get("check") == "hours")
    assert hours == {"measure": "arranged_employment", "check": "hours", "outcome": "pass",
                     "detail": "40 h/week; needs 30"}
