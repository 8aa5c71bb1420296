"""Audit 17: verdicts and numbers the law does not support, and inputs the schema and the loader read apart.

Each fault is a strict xfail that passes once it is fixed, next to a passing test of the other side of the same
edge where there is one. Every expected value is worked out by hand from /work/shared/research/programs.md and
/work/shared/research/crs.md (the line quoted beside each case), never copied from the engine's output.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

import eligibility
from eligibility.errors import InputError
from eligibility.profile.load import profile_from_data, profile_from_text
from eligibility.ranking.compute import crs_result
from eligibility.schema import profile_schema
from tests.strategies import library

# --- Fault 1: a judgement declaration written "no" reads as "yes" ---------------------------------------------
#
# programs.md 1.1: FSW needs that "the applicant must have performed the NOC lead statement and a substantial
# number of the main duties, including all essential duties (IRPR 75(2)(a)-(c))"; the FSW ruleset asks it as the
# judgement key performed_noc_duties, which "false fails". docs/profile-format.md: "A value must be of the kind
# its rules compare it with ... Another kind is refused with the field's path (`has_referral: yes` is the text
# "yes" in YAML 1.2, never equal to `true`, and would otherwise fail the condition without a word)". For the
# judgement keys the loader takes any value, and the judgement fails only on the boolean false: a person who
# writes `performed_noc_duties: no` (the text "no" in YAML 1.2) is told the duties condition passes and FSW is
# eligible. The law's answer: someone who did not perform the duties is not eligible; the engine must either
# refuse the text (as it does for gts_referral: yes) or read it as the "no" it says.

#: Ayesha of profiles/ (FSW-eligible on 2025-06-01: grid 72), with the duties declared in words.
AYESHA_NO = """\
name: Ayesha Khan
birth_date: 1994-05-02
marital_status: single
intended_province: ON
children: 0
funds_cad: 25000
education:
  - {level: bachelors, years: 4, country: PK, completed: 2016-06-30, eca: {issued: 2024-02-01, level: bachelors}}
language_tests:
  - {test: ielts_general, taken: 2025-03-10, listening: 8.0, reading: 7.5, writing: 7.0, speaking: 7.0}
work:
  - {title: Senior Software Engineer, noc: "21231", country: PK, start: 2019-01-01, end: null, hours_per_week: 40}
job_offer: null
certificates_of_qualification: []
relatives_in_canada: []
provincial_nomination: null
spouse: null
declarations:
  performed_noc_duties: {answer}
"""


def _fsw_duties(answer: str) -> tuple[str, str] | str:
    """FSW's verdict and its duties condition on 2025-06-01, or the loader's refusal naming the key."""
    # A declaration's kind is checked against the rules that read it, so the refusal may come from evaluate.
    try:
        profile = profile_from_text(AYESHA_NO.replace("{answer}", answer), "yaml")
        result = eligibility.evaluate(profile, "2025-06-01",
                                      programs=["express-entry/fsw"]).program("express-entry/fsw")
    except InputError as error:
        return "refused" if "$.declarations.performed_noc_duties" in str(error) else str(error)
    duties = next(c for c in result.conditions if c.id == "performed-duties")
    return result.verdict, duties.outcome


def test_performed_duties_false_fails_fsw() -> None:
    """The other side of the edge: the boolean false fails the duties condition and FSW."""
    assert _fsw_duties("false") == ("not_eligible", "fail")


@pytest.mark.parametrize("answer", ["no", "'no'", "No", "'false'"])
def test_performed_duties_written_no_is_never_read_as_yes(answer: str) -> None:
    """`performed_noc_duties: no` (text in YAML 1.2): refused with the field's path, or the duties condition fails;
    never FSW eligible on duties the person says they did not perform."""
    assert _fsw_duties(answer) in ("refused", ("not_eligible", "fail"))


def test_fst_qualified_in_trade_written_no_is_never_read_as_yes() -> None:
    """IRPR 87.2(3)(a) (programs.md 1.3): the 2 years must come "after becoming qualified to practise
    independently". An electrician with 4 years in Ontario, an Ontario certificate and CLB 9 who writes
    `qualified_in_trade: no` is not FST eligible (or the text is refused)."""
    data = {"name": "electrician", "birth_date": "1990-03-10", "marital_status": "single",
            "intended_province": "ON", "children": 0, "funds_cad": 50000, "education": [],
            "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9,
                                "writing": 9, "speaking": 9}],
            "work": [{"noc": "72200", "country": "CA", "province": "ON", "start": "2021-01-01", "end": None,
                      "hours_per_week": 40}],
            "job_offer": None, "relatives_in_canada": [], "provincial_nomination": None, "spouse": None,
            "certificates_of_qualification": [{"noc": "72200", "issued_by": "ON", "issued": "2020-06-01"}],
            "declarations": {"qualified_in_trade": "no"}}
    try:
        profile = profile_from_data(data)
        result = eligibility.evaluate(profile, "2025-06-01",
                                      programs=["express-entry/fst"]).program("express-entry/fst")
    except InputError as error:
        assert "$.declarations.qualified_in_trade: expected true or false" in str(error)
        return
    assert result.verdict == "not_eligible"


# --- Fault 2: distance says no single factor closes the FSW grid when a job offer alone does -------------------
#
# programs.md 1.1, Factor 5: a qualifying offer earns 10 arranged-employment points; Factor 6 (IRPR 83): "Principal
# applicant earned arranged-employment points (Factor 5) | 5". One qualifying offer therefore raises the grid by
# 15. Hand-worked on 2025-06-01 for a person born 1985-01-01 (age 40: 7), CELPIP 7 in all four (4 x 4 = 16), a
# foreign bachelor's with an ECA (21), 1.5 years of 21231 abroad (1 year: 9): 53 of 67, 14 short. An LMIA-based
# offer (situation 3: no work permit, the employer holds an LMIA) of 40 h a week without end in 21231 (TEER 1)
# gives 53 + 10 + 5 = 68 >= 67 (the engine agrees: FSW eligible with it). Yet the distance lists the
# arranged_employment factor with room 10, `closes_the_gap_alone: False`, and says "no single factor is enough".

GRID: dict[str, Any] = {
    "name": "grid 53", "birth_date": "1985-01-01", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2008-05-01",
                   "eca": {"issued": "2024-01-01", "level": "bachelors"}}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 7, "reading": 7, "writing": 7,
                        "speaking": 7}],
    "work": [{"noc": "21231", "country": "IN", "start": "2023-01-01", "end": "2024-06-30", "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}
OFFER = {"noc": "21231", "employer": "Acme", "province": "ON", "hours_per_week": 40, "duration_months": None,
         "lmia": "positive", "seasonal": False}


def _grid_gap() -> Any:
    (distance,) = eligibility.distance(profile_from_data(GRID), "2025-06-01", ["express-entry/fsw"])
    return next(g for g in distance.gaps if g.condition == "selection-grid")


def test_grid_is_53_and_68_with_the_offer() -> None:
    """53 of 67 without the offer, 68 with it (10 arranged employment + 5 adaptability): FSW eligible."""
    gap = _grid_gap()
    assert (gap.detail["points"], gap.detail["points_short"]) == (53, 14)
    with_offer = copy.deepcopy(GRID) | {"job_offer": OFFER}
    result = eligibility.evaluate(profile_from_data(with_offer), "2025-06-01",
                                  programs=["express-entry/fsw"]).program("express-entry/fsw")
    grid = next(c for c in result.conditions if c.id == "selection-grid")
    assert (result.verdict, grid.observed) == ("eligible", 68)


def test_distance_says_a_job_offer_closes_a_14_point_gap() -> None:
    """The offer's 15 points close the 14-point gap alone: the distance must not say "no single factor is enough",
    and the arranged-employment factor closes the gap alone."""
    gap = _grid_gap()
    factor = next(f for f in gap.detail["factors"] if f["factor"] == "arranged_employment")
    assert "no single factor is enough" not in gap.needs
    assert factor["closes_the_gap_alone"] is True


# --- Fault 3: a credential of -1 years is taken, and earns Canadian-education points ---------------------------
#
# crs.md, D: "Canadian post-secondary credential, 1 or 2 years | 15"; a credential's length is a whole number of
# years of study, never negative (docs/profile-format.md, "Facts that cannot be true", refuses every other
# impossible number: 0 hours, negative funds, an offer of 0 months). `years: -1` is accepted and the one-year
# Canadian diploma below earns 15 points for it.

DIPLOMA: dict[str, Any] = {
    "name": "Canadian diploma", "birth_date": "1993-09-09", "marital_status": "single", "intended_province": "AB",
    "children": 0, "funds_cad": 20000, "language_tests": [], "work": [], "job_offer": None,
    "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None,
    "education": [{"level": "two_year", "country": "CA", "completed": "2016-03-15", "province": "NS"}]}


def _diploma(level: str, years: int) -> dict[str, Any]:
    data = copy.deepcopy(DIPLOMA)
    data["education"][0] |= {"level": level, "years": years}
    return data


def test_a_credential_of_minus_one_years_is_refused() -> None:
    """`years: -1` is refused with its path, as every other impossible number is."""
    with pytest.raises(InputError, match=r"\$\.education\[0\]\.years"):
        profile_from_data(_diploma("one_year", -1))


# --- Fault 4: a two-year credential of three years: two-year education points, three-year Canadian points --------
#
# crs.md A: "Two-year program | 91 | 98"; "Bachelor's degree, or program of 3 years or more | 112 | 120". crs.md D:
# "Canadian post-secondary credential, 1 or 2 years | 15"; "3 years or more ... | 30". Both rows are about the
# length of the same program (IRCC's profile asks "Two-year program" / "three or more year program" and "One- or
# two-year diploma or certificate" / "Degree, diploma or certificate of three years or longer"): a program of 3
# years is in the 3-year rows of both tables (120 and 30), a two-year program in the two-year rows of both (98 and
# 15). `level: two_year, years: 3` states both and is scored 98 + 30, a combination no credential has. Hand-worked
# on 2024-06-01, single, born 1993-09-09 (age 30: 105), nothing else: a two-year Canadian program 105 + 98 + 15 =
# 218; a three-year one 105 + 120 + 30 = 255. The engine gives 105 + 98 + 30 = 233. The law's answer is one of the
# two (or the contradiction refused); which one the person meant, the profile does not say.


def _education_points(data: dict[str, Any]) -> tuple[int, int] | str:
    try:
        profile = profile_from_data(data)
    except InputError as error:
        return "refused" if "$.education[0]" in str(error) else str(error)
    result = crs_result(profile, dt.date(2024, 6, 1), library())
    factors = {f.id: f.low for f in result.factors}
    return factors["core.education"], factors["additional.canadian_education"]


@pytest.mark.parametrize(("level", "years", "expected"), [("two_year", 2, (98, 15)), ("bachelors", 3, (120, 30)),
                                                          ("bachelors", 4, (120, 30))])
def test_a_credential_whose_level_and_years_agree(level: str, years: int, expected: tuple[int, int]) -> None:
    """Level and length agreeing: the same row of both tables."""
    assert _education_points(_diploma(level, years)) == expected


@pytest.mark.xfail(strict=True, reason="level two_year with years: 3 is scored 98 (two-year) + 30 (three-year)")
@pytest.mark.parametrize("level", ["one_year", "two_year"])
def test_a_short_credential_of_three_years_is_scored_as_one_program(level: str) -> None:
    """A one- or two-year credential stated as 3 years long: refused as contradictory, or scored in one row of
    both tables (its level's with 15, or the 3-year row's 120 with 30), never its level's points with 30."""
    short = {"one_year": 90, "two_year": 98}[level]
    assert _education_points(_diploma(level, 3)) in ("refused", (short, 15), (120, 30))


# --- Fault 5: the JSON Schema and the loader read the same input apart --------------------------------------------
#
# docs/profile-format.md: "`eligibility schema` prints the JSON Schema of this format". A profile the schema
# accepts should load, and one it refuses should not. JSON Schema counts 21231.0 as an integer (a number with a
# zero fraction, JSON Schema 2020-12, "integer"), so `noc: 21231.0` validates against the schema's
# {"type": ["string", "integer"]}; the loader refused it until main ebc2f3a (now agreed, tested below). Still apart:
# `id: 5` is refused by the schema ({"anyOf": [string, null]}) and taken by the loader.

SCHEMA_BASE: dict[str, Any] = {
    "name": "schema probe", "birth_date": "1992-03-10", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2015-05-01"}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [{"noc": "21231", "country": "IN", "start": "2019-01-01", "end": "2020-12-31", "hours_per_week": 40}],
    "job_offer": {"noc": "21231", "province": "ON", "hours_per_week": 40, "lmia": "positive"},
    "certificates_of_qualification": [{"noc": "72200", "issued_by": "ON", "issued": "2020-01-01"}],
    "relatives_in_canada": [], "provincial_nomination": None, "spouse": None}


def _set(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(SCHEMA_BASE)
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _schema_and_loader(data: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the schema `eligibility schema` prints accepts the data, and whether the loader does."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(profile_schema())
    try:
        profile_from_data(data)
        loads = True
    except InputError:
        loads = False
    return validator.is_valid(data), loads


@pytest.mark.parametrize(("path", "value"), [(("work", 0, "noc"), 21231), (("children",), 2.0),
                                             (("work", 0, "noc"), "21231"), (("work", 0, "noc"), 21231.0),
                                             (("job_offer", "noc"), 21231.0),
                                             (("certificates_of_qualification", 0, "noc"), 72200.0)])
def test_schema_and_loader_agree(path: tuple[Any, ...], value: Any) -> None:
    """Where they agree: an unquoted code, a whole number written 2.0 for a count, a quoted code, and (since main
    ebc2f3a) a code written 21231.0, in a job, an offer and a certificate."""
    assert _schema_and_loader(_set(path, value)) == (True, True)


def test_schema_and_loader_agree_on_a_numeric_id() -> None:
    """`id: 5`: refused by the schema ({"anyOf": [string, null]}), taken by the loader; they must agree."""
    schema, loads = _schema_and_loader(_set(("id",), 5))
    assert schema == loads


# --- Fault 6: OINP tech draws from 2024-07-25 drop the stream's own year of experience in the last 5 years --------
#
# programs.md 6.1, HCP base eligibility: "Work experience: FSW: 1 year of continuous full-time paid TEER 0-3
# experience within the **5 years** before applying, in the primary NOC; CEC: 1 year in Canada within 3 years. From
# 25 July 2024, targeted draws accepted **6 months** in the primary occupation within an overall year." The 6 months
# are within the year the stream asks, which must still fall in the last 5 years (FSW candidates). The 2024-07-25
# version of rulesets/ontario/hcp-tech.yaml asks 780 h of tech work in 5 years and "eligible for FSW or CEC", and
# says the year is "checked through FSW or CEC"; but FSW looks back 10 years (IRPR 75(2)(a)), so a year 8 years
# old passes. Hand-worked on 2025-06-01: a software engineer (21231) abroad 2016-01-01..2017-12-31 (FSW's
# continuous year, 2016-2017, within 10 years: FSW eligible), and 2024-06-01..2024-12-31 (214 days, 214 x 30/7 =
# 917.1 h >= 780 h of tech work). In the 5 years 2020-06-01..2025-05-31 the longest continuous run is those 214
# days, 917.1 h < 1,560 h: no year of experience in the last 5 years, so not eligible for the stream. No Canadian
# work: CEC is out.

HCP: dict[str, Any] = {
    "name": "HCP tech", "birth_date": "1990-03-10", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2012-05-01"}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [{"noc": "21231", "country": "IN", "start": "2016-01-01", "end": "2017-12-31", "hours_per_week": 40},
             {"noc": "21231", "country": "IN", "start": "2024-06-01", "end": "2024-12-31", "hours_per_week": 40}],
    "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None,
    "spouse": None, "declarations": {"performed_noc_duties": True, "express_entry_profile": True}}


def _hcp(data: dict[str, Any]) -> Any:
    return eligibility.evaluate(profile_from_data(data), "2025-06-01",
                                programs=["ontario/hcp-tech", "express-entry/fsw"])


def test_hcp_tech_with_a_recent_continuous_year_is_eligible() -> None:
    """The other side: the recent job a continuous year (2024-01-01..2024-12-30, 364 days = 1,560 h, in the last 5
    years): FSW and the stream are met."""
    data = copy.deepcopy(HCP)
    data["work"][1] |= {"start": "2024-01-01", "end": "2024-12-30"}
    result = _hcp(data)
    assert (result.program("express-entry/fsw").verdict, result.program("ontario/hcp-tech").verdict) == (
        "eligible", "eligible")


def test_hcp_tech_needs_a_year_of_experience_in_the_last_five_years() -> None:
    """FSW is met (a continuous year in 2016-2017), the tech work is 917.1 h >= 780 h, but no year of experience in
    the last 5 years: not eligible for the stream."""
    result = _hcp(HCP)
    assert result.program("express-entry/fsw").verdict == "eligible"
    assert result.program("ontario/hcp-tech").verdict == "not_eligible"


# --- Fault 7: a job offer's unstated length, season or LMIA is decided, not left unknown ---------------------------
#
# programs.md 1.1, Factor 5 (IRPR 82(2)): arranged employment is an offer of "continuous, paid, full-time work (at
# least 30 h/week), non-seasonal, for at least 1 year", LMIA-based or (situation 2) LMIA-exempt from the current
# employer. crs.md history: before 2016-11-19 the 600 points needed "a qualifying LMIA-based offer of arranged
# employment (indeterminate duration)". Whether an offer earns them turns on its length, its season and its LMIA.
# An offer that does not state its weekly hours is left unknown (the grid a range); but one that does not state its
# length is read as "no end date" (docs/profile-format.md gives that meaning to `duration_months: null`, not to an
# absent key), one that does not state `seasonal` as non-seasonal, and one that does not state `lmia` as "none".
# Hand-worked on 2025-06-01 for a person born 1990-03-10 (35: 12), CLB 9 (24), a Canadian bachelor's (21), 21231
# in Ontario for employer X since 2014-05-01 (10 years in the window: 15; adaptability, a year in Canada: 10, the
# cap): 82 without arranged employment, 92 with it; both pass the grid, but without arranged employment (no funds)
# the funds condition fails, so FSW turns on the offer: undetermined when the offer's facts are not given. On
# 2016-06-01 the CRS arranged-employment points are 0 or 600.

AE_DAY = "2025-06-01"
AE: dict[str, Any] = {
    "name": "offer facts", "birth_date": "1990-03-10", "marital_status": "single", "intended_province": "ON",
    "children": 0, "funds_cad": 0,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2012-05-01"}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [{"noc": "21231", "employer": "X", "country": "CA", "province": "ON", "start": "2014-05-01", "end": None,
              "hours_per_week": 40}],
    "job_offer": {"noc": "21231", "employer": "X", "province": "ON", "hours_per_week": 40, "lmia": "positive",
                  "seasonal": False, "duration_months": None},
    "certificates_of_qualification": [], "relatives_in_canada": [], "provincial_nomination": None, "spouse": None,
    "declarations": {"performed_noc_duties": True}}


def _without(key: str | None) -> dict[str, Any]:
    data = copy.deepcopy(AE)
    if key is not None:
        del data["job_offer"][key]
    return data


def _fsw_grid(data: dict[str, Any]) -> tuple[str, Any]:
    result = eligibility.evaluate(profile_from_data(data), AE_DAY,
                                  programs=["express-entry/fsw"]).program("express-entry/fsw")
    return result.verdict, next(c for c in result.conditions if c.id == "selection-grid").observed


def _crs_offer_2016(data: dict[str, Any]) -> tuple[int, int]:
    factor = next(f for f in crs_result(profile_from_data(data), dt.date(2016, 6, 1), library()).factors
                  if f.id == "additional.job_offer")
    return factor.low, factor.high


def test_an_offer_stating_every_fact_earns_arranged_employment() -> None:
    """Every fact stated (LMIA-based, 40 h, no end date, not seasonal): FSW 92 and eligible (funds exempt); CRS 600
    on 2016-06-01."""
    assert (_fsw_grid(_without(None)), _crs_offer_2016(_without(None))) == (("eligible", 92), (600, 600))


def test_an_offer_without_its_hours_is_left_unknown() -> None:
    """The other side: weekly hours not stated: FSW undetermined, the grid 82 to 92; CRS 0 to 600."""
    assert (_fsw_grid(_without("hours_per_week")), _crs_offer_2016(_without("hours_per_week"))) == (
        ("undetermined", {"low": 82, "high": 92}), (0, 600))


@pytest.mark.xfail(strict=True, reason="an offer's absent duration_months is read as 'no end date', an absent "
                                       "seasonal as false and an absent lmia as 'none', where hours absent is unknown")
@pytest.mark.parametrize("key", ["duration_months", "seasonal", "lmia"])
def test_an_offer_without_its_length_season_or_lmia_is_left_unknown(key: str) -> None:
    """Length, season or LMIA not stated: as for the hours, FSW undetermined with the grid 82 to 92, and the 2016
    CRS arranged employment 0 to 600."""
    assert (_fsw_grid(_without(key)), _crs_offer_2016(_without(key))) == (
        ("undetermined", {"low": 82, "high": 92}), (0, 600))


# --- Fault 8: a result date years after the test keeps an old test counting ---------------------------------------
#
# programs.md 0: "All Express Entry language results must be less than 2 years old on the day the
# permanent-residence application is made." docs/profile-format.md: a result counts for 2 years from
# `result_date` (the day the result was issued), which "may not be before `taken`"; a result is issued days to
# weeks after the test (docs/language-tests.md). No later bound is checked: a CELPIP test taken 2021-01-15 with
# `result_date: 2024-01-15` (three years later, an impossible fact) counts on 2025-06-01, 4 years and 4 months after
# the test, and FSW is eligible on it. The law's answer: on 2025-06-01 no valid language result (the test is more
# than 2 years old however its result date is read), so FSW is not eligible; or the result date is refused.

OLD_TEST: dict[str, Any] = copy.deepcopy(HCP) | {
    "work": [{"noc": "21231", "country": "IN", "start": "2019-01-01", "end": None, "hours_per_week": 40}],
    "language_tests": [{"test": "celpip_general", "taken": "2021-01-15", "result_date": "2024-01-15",
                        "listening": 9, "reading": 9, "writing": 9, "speaking": 9}]}


def _fsw_language(data: dict[str, Any]) -> tuple[str, str] | str:
    try:
        profile = profile_from_data(data)
    except InputError as error:
        return "refused" if "$.language_tests[0].result_date" in str(error) else str(error)
    result = eligibility.evaluate(profile, "2025-06-01", programs=["express-entry/fsw"]).program("express-entry/fsw")
    return result.verdict, next(c for c in result.conditions if c.id == "language").outcome


def test_a_result_issued_days_after_the_test_counts_two_years_from_it() -> None:
    """The other side: taken 2023-05-20, result 2023-06-05: valid on 2025-06-01 (2 years from 2023-06-05 run to
    2025-06-04): FSW eligible."""
    data = copy.deepcopy(OLD_TEST)
    data["language_tests"][0] |= {"taken": "2023-05-20", "result_date": "2023-06-05"}
    assert _fsw_language(data) == ("eligible", "pass")


def test_a_result_date_three_years_after_the_test_does_not_revive_it() -> None:
    """Taken 2021-01-15, `result_date: 2024-01-15`: refused, or no valid test on 2025-06-01 (FSW not eligible)."""
    assert _fsw_language(OLD_TEST) in ("refused", ("not_eligible", "fail"))


# --- Fault 9: a Quebec "Express Entry-aligned nomination" earns 600 CRS points ---------------------------------------
#
# crs.md D: "Provincial or territorial nomination (Express Entry-aligned) | 600"; programs.md 0: "Quebec. All three
# Express Entry programs require intending to live outside Quebec", and 5.1: Quebec selects its own skilled workers
# (the PSTQ, invitations through Arrima). Quebec has no provincial nominee program (IRPR s. 87 nominations are
# made under agreements with the other provinces and territories; Quebec selects under the Canada-Quebec Accord):
# no Express Entry-aligned nomination is ever issued by Quebec. The loader accepts `provincial_nomination:
# {province: QC}` and the CRS adds 600 for it. Hand-worked on 2025-06-01, born 1990-03-10 (35: 77), a Canadian
# bachelor's of 4 years (120; Canadian education 30), CLB 9 (4 x 31 = 124), 6 years of 21231 abroad (no Canadian
# work; transferability: education + CLB 9 = 25, foreign 3+ years + CLB 9 = 50): 77 + 120 + 124 + 75 + 30 = 426;
# with an Ontario nomination the additional points are 600 + 30 = 630, capped at 600: 396 + 600 = 996.

def _crs_with_nomination(province: str) -> tuple[int, int] | str:
    data = copy.deepcopy(OLD_TEST)
    data["language_tests"] = copy.deepcopy(HCP["language_tests"])
    data["provincial_nomination"] = {"province": province, "issued": "2025-01-01"}
    try:
        profile = profile_from_data(data)
    except InputError as error:
        return "refused" if "$.provincial_nomination" in str(error) else str(error)
    result = crs_result(profile, dt.date(2025, 6, 1), library())
    return result.low, result.high


def test_an_ontario_nomination_adds_600() -> None:
    """With an Ontario nomination: 396 + min(600 + 30, 600) = 996."""
    assert _crs_with_nomination("ON") == (996, 996)


def test_a_quebec_nomination_earns_no_crs_points() -> None:
    """Quebec issues no Express Entry-aligned nomination: refused, or 426 (no nomination points)."""
    assert _crs_with_nomination("QC") in ("refused", (426, 426))


# --- Fault 10: FST's funds exemption takes an offer outside the trade --------------------------------------------
#
# programs.md 1.3 (IRPR 87.2(3)): the FST offer is "a job offer of continuous full-time work for at least 1 year
# ... from up to two employers", in the trade (rulesets/express-entry/fst.yaml quotes IRCC: "an offer of
# employment for continuous full-time work ... from up to two employers in that skilled trade occupation"); and
# "Funds: Half of the minimum necessary income, unless the applicant falls under (3)(d)(ii), (iii) or (v), i.e. is
# authorized to work in Canada with a qualifying offer" - the FST offer of (c). The ruleset's exemption instead
# reads FSW's arranged employment (any TEER 0-3 occupation). Hand-worked on 2025-06-01: an electrician (72200)
# working in Ontario for X since 2021-01-01 (authorized; 6,908.6 h in 5 years), an Ontario certificate in 72200,
# CLB 9, no funds ($0 of $15,263 for 1, the 2025 table), and an LMIA-based offer from Y as a software engineer
# (21231, TEER 1, not a skilled trade): FST's own offer condition fails for it (not in the trade), so no
# exemption: funds fail, FST not eligible.

FST: dict[str, Any] = copy.deepcopy(HCP) | {
    "funds_cad": 0, "education": [],
    "work": [{"noc": "72200", "employer": "X", "country": "CA", "province": "ON", "start": "2021-01-01", "end": None,
              "hours_per_week": 40}],
    "certificates_of_qualification": [{"noc": "72200", "issued_by": "ON", "issued": "2020-06-01"}],
    "declarations": {"qualified_in_trade": True},
    "job_offer": {"noc": "72200", "employer": "Y", "province": "ON", "hours_per_week": 40, "duration_months": None,
                  "lmia": "positive", "seasonal": False}}


def _fst(offer_noc: str) -> tuple[str, str, str]:
    data = copy.deepcopy(FST)
    data["job_offer"]["noc"] = offer_noc
    result = eligibility.evaluate(profile_from_data(data), "2025-06-01",
                                  programs=["express-entry/fst"]).program("express-entry/fst")
    outcomes = {c.id: c.outcome for c in result.conditions}
    offer = next(c for c in next(c for c in result.conditions if c.id == "certificate-or-offer").conditions
                 if c.id == "job-offer")
    return result.verdict, offer.outcome, outcomes["settlement-funds"]


def test_fst_an_offer_in_the_trade_exempts_from_funds() -> None:
    """The other side: the LMIA-based offer in 72200: FST's offer passes and exempts from funds: eligible."""
    assert _fst("72200") == ("eligible", "pass", "pass")


def test_fst_an_offer_outside_the_trade_does_not_exempt_from_funds() -> None:
    """The offer in 21231: not FST's offer, so no exemption; with $0, funds fail and FST is not eligible."""
    assert _fst("21231") == ("not_eligible", "fail", "fail")


# --- Fault 11: a Canadian citizen spouse earns FSW adaptability points as an "accompanying" spouse ----------------
#
# programs.md 1.1, Factor 6 (IRPR 83): "Accompanying spouse/partner's language is CLB/NCLC 4+ in all 4 abilities
# (test under 2 years old) | 5". crs.md (MI definition of "accompanying spouse"): a spouse who is "a Canadian
# citizen or permanent resident" is scored as no spouse. A citizen or permanent resident does not immigrate with
# the applicant, so cannot be the accompanying spouse of s. 83 (IRCC's profile does not ask whether a citizen
# spouse comes along). IRCC's operational instructions for R83(1)(a), as reproduced at
# https://immigration.ca/the-process-for-awarding-points-for-applications-received-on-or-after-may-04-2013-fsw-adaptability:
# "the accompanying spouse or common-law partner must be someone other than a permanent resident living in Canada
# or a Canadian citizen". The engine gives the 5 points to a spouse stated `canadian_citizen_or_pr: true,
# accompanying: true`, where the CRS, for the same spouse, uses the no-spouse columns. Hand-worked on 2025-06-01:
# born 1990-03-10 (12), CLB 9 (24), a foreign bachelor's with an ECA (21), 6+ years abroad (15): 72, plus 5 for
# the spouse's CLB 5 only when the spouse immigrates with the applicant.

SPOUSE_FSW: dict[str, Any] = copy.deepcopy(HCP) | {
    "marital_status": "married",
    "education": [{"level": "bachelors", "years": 4, "country": "IN", "completed": "2012-05-01",
                   "eca": {"issued": "2024-01-01", "level": "bachelors"}}],
    "work": [{"noc": "21231", "country": "IN", "start": "2019-01-01", "end": None, "hours_per_week": 40}],
    "spouse": {"accompanying": True, "canadian_citizen_or_pr": False, "education": [], "work": [],
               "language_tests": [{"test": "celpip_general", "taken": "2025-01-15", "listening": 5, "reading": 5,
                                   "writing": 5, "speaking": 5}]}}


def _spouse_grid(citizen: bool) -> Any:
    data = copy.deepcopy(SPOUSE_FSW)
    data["spouse"]["canadian_citizen_or_pr"] = citizen
    result = eligibility.evaluate(profile_from_data(data), "2025-06-01",
                                  programs=["express-entry/fsw"]).program("express-entry/fsw")
    return next(c for c in result.conditions if c.id == "selection-grid").observed


def test_an_accompanying_foreign_spouse_at_clb_5_adds_5() -> None:
    """The other side: a foreign spouse coming along at CLB 5: 72 + 5 = 77."""
    assert _spouse_grid(citizen=False) == 77


def test_a_citizen_spouse_earns_no_fsw_adaptability() -> None:
    """A Canadian citizen or permanent resident spouse is not an accompanying spouse: 72."""
    assert _spouse_grid(citizen=True) == 72


# --- Fault 12: a certificate of qualification from a federal authority cannot be stated -------------------------------
#
# programs.md 1.3 (IRPR 87.2(3)): "(i) a certificate of qualification in that trade from a competent provincial,
# territorial or federal authority"; crs.md C: "Certificate of qualification from a province/territory/federal body";
# rulesets/express-entry/fst.yaml says the same ("issued by a provincial, territorial or federal authority"). The
# loader refuses every `issued_by` that names no province or territory, so no spelling of a federal issuer is
# accepted ("expected the province or territory that issued it"): an aircraft mechanic (72404, major group 72,
# not 726: a skilled trade) with a certificate from a federal authority cannot be evaluated at all. The law's
# answer, on 2025-06-01 with 4 years of 72404 in Ontario, CLB 9 and $50,000: FST eligible on that certificate.

FEDERAL = ("federal", "Government of Canada", "Transport Canada")


def _fst_federal(issuer: str) -> str:
    data = copy.deepcopy(FST) | {"funds_cad": 50000, "job_offer": None}
    data["work"][0]["noc"] = "72404"
    data["certificates_of_qualification"] = [{"noc": "72404", "issued_by": issuer, "issued": "2020-06-01"}]
    try:
        profile = profile_from_data(data)
    except InputError:
        return "refused"
    return eligibility.evaluate(profile, "2025-06-01", programs=["express-entry/fst"]).program(
        "express-entry/fst").verdict


def test_a_provincial_certificate_for_an_aircraft_mechanic_meets_fst() -> None:
    """The other side: the same certificate issued by Ontario: FST eligible."""
    assert _fst_federal("ON") == "eligible"


def test_a_federal_certificate_can_be_stated_and_meets_fst() -> None:
    """At least one way of naming a federal issuer is accepted, and the certificate meets FST."""
    assert "eligible" in {_fst_federal(issuer) for issuer in FEDERAL}


# --- Fault 13: a physician's ECA from a body other than the designated one: the grid still counts it; an ECA whose
# issuer is not stated fails instead of staying unknown ---------------------------------------------------------------
#
# programs.md 1.1, Education: "a completed foreign credential plus an ECA under 5 years old. If a professional body is
# designated for the primary occupation, the ECA must come from that body (IRPR 75(2.1))"; Factor 2: the points are
# for a "Credential (Canadian, or foreign with an ECA)", the same ECA. For a physician (31102) the body is the Medical
# Council of Canada (rulesets/express-entry/fsw.yaml). Hand-worked on 2025-06-01: born 1990-03-10 (35: 12), CLB 9
# (24), a foreign medical degree (professional: 23 when recognized), 31102 abroad 2016-01-01..2018-12-31 (1,096 days
# = 4,697 h: 3 years, 11): 70 with an MCC assessment (eligible); with a WES assessment the degree is not recognized
# for this applicant: education fails and the grid is 12 + 24 + 0 + 11 = 47, not 70. With the ECA's issuer not
# stated (`by` absent), whether it is MCC's is unknown: education unknown, the grid 47 to 70, FSW undetermined (the
# engine: education fails, "ECA by an unnamed organization").

def _physician(by: str | None) -> tuple[str, str, Any]:
    data = copy.deepcopy(HCP)
    eca: dict[str, Any] = {"issued": "2024-01-01", "level": "professional"}
    if by is not None:
        eca["by"] = by
    data["education"] = [{"level": "professional", "years": 6, "country": "IN", "completed": "2014-05-01", "eca": eca}]
    data["work"] = [{"noc": "31102", "country": "IN", "start": "2016-01-01", "end": "2018-12-31", "hours_per_week": 40}]
    result = eligibility.evaluate(profile_from_data(data), "2025-06-01",
                                  programs=["express-entry/fsw"]).program("express-entry/fsw")
    conditions = {c.id: c for c in result.conditions}
    return result.verdict, conditions["education"].outcome, conditions["selection-grid"].observed


def test_a_physician_with_an_mcc_assessment_meets_fsw() -> None:
    """The other side: MCC's assessment: education passes, 70 points, eligible."""
    assert _physician("MCC") == ("eligible", "pass", 70)


@pytest.mark.xfail(strict=True, reason="the grid's education factor counts an ECA the education condition refuses")
def test_a_physician_with_a_wes_assessment_has_no_education_points() -> None:
    """WES's assessment: education fails, and the grid counts no education: 47."""
    assert _physician("WES") == ("not_eligible", "fail", 47)


@pytest.mark.xfail(strict=True, reason="an ECA without `by` is read as not from the designated body (fail), not "
                                       "as unknown")
def test_a_physician_whose_eca_issuer_is_not_stated_is_undetermined() -> None:
    """The ECA's issuer not stated: education unknown, the grid 47 to 70, FSW undetermined."""
    assert _physician(None) == ("undetermined", "unknown", {"low": 47, "high": 70})


# --- Fault 14: FSW adaptability counts study in Canada of a program not yet completed ---------------------------------
#
# programs.md 1.1, Factor 6: "Principal applicant's past study in Canada: >=2 academic years full-time (>=15 h of
# classes/week) in a program >=2 years long"; IRCC's instruction for R83(1)(b) (same page as Fault 11): "five points
# if the principal applicant has completed at least two academic years of full-time study ... in Canada (in a
# program with a duration of at least two years)". A two-year Ontario program completed 2026-05-01 is, on
# 2025-06-01, in its first academic year: two academic years are not completed, so no adaptability points (the
# FSW grid's education factor and the CRS already leave the unfinished credential out). Hand-worked: born
# 1990-03-10 (12), CLB 9 (24), a foreign bachelor's with an ECA (21), 21231 abroad since 2019-01-01 (6+ years: 15):
# 72. The engine adds 5 for "study_in_canada: yes": 77. Completed 2025-05-01 instead, the two years are done and the
# credentials are two, one of 3+ years (22): 12 + 24 + 22 + 15 + 5 = 78.

def _study(completed: str) -> Any:
    data = copy.deepcopy(SPOUSE_FSW) | {"marital_status": "single", "spouse": None}
    data["education"].append({"level": "two_year", "years": 2, "country": "CA", "province": "ON",
                              "completed": completed})
    result = eligibility.evaluate(profile_from_data(data), "2025-06-01",
                                  programs=["express-entry/fsw"]).program("express-entry/fsw")
    return next(c for c in result.conditions if c.id == "selection-grid").observed


def test_two_academic_years_completed_in_canada_add_5() -> None:
    """The other side: the two-year program completed 2025-05-01: 78."""
    assert _study("2025-05-01") == 78


def test_a_two_year_program_ending_next_year_gives_no_study_points() -> None:
    """Completed 2026-05-01, evaluated 2025-06-01: not two completed academic years: 72."""
    assert _study("2026-05-01") == 72


# --- Fault 15: distance counts the hours missing on a continuous run that has ended ----------------------------------
#
# programs.md 1.1 (IRPR 75(2)(a)): FSW needs "1 year continuous full-time (or 1,560 h equivalent part-time)" in one
# occupation in 10 years. 21231 abroad 2024-01-01..2024-10-31 (305 days: 1,307.1 h), then again from 2025-03-01 (on
# 2025-06-01: 92 days, 394.3 h). The first run ended: no hour added to it can ever make a continuous year. The only
# way is the current run: 1,560 - 394.3 = 1,165.7 h more, reached after 364 days of it, on 2026-02-28 (the engine
# agrees: not eligible on 2026-02-27 at 1,555.7 h, eligible on 2026-02-28). The distance gives that date but says
# "253 h more (1,307 of 1,560 h)": 253 h at 30 h a week would be 59 days, not the 9 months to the date it names.

def _fsw_gap() -> Any:
    data = copy.deepcopy(SPOUSE_FSW) | {"marital_status": "single", "spouse": None}
    data["work"] = [{"noc": "21231", "country": "IN", "start": "2024-01-01", "end": "2024-10-31", "hours_per_week": 40},
                    {"noc": "21231", "country": "IN", "start": "2025-03-01", "end": None, "hours_per_week": 40}]
    (distance,) = eligibility.distance(profile_from_data(data), "2025-06-01", ["express-entry/fsw"])
    return next(g for g in distance.gaps if g.condition == "skilled-work")


def test_the_continuous_year_is_reached_on_2026_02_28() -> None:
    """The day is right: 364 days of the current run from 2025-03-01."""
    assert _fsw_gap().detail["reached_on"] == "2026-02-28"


def test_the_hours_missing_are_those_of_the_run_that_can_still_grow() -> None:
    """1,165.7 h more on the current run (394.3 of 1,560 h), as the date says."""
    detail = _fsw_gap().detail
    assert (detail["hours_missing"], detail["hours"]) == (1165.7, 394.3)
