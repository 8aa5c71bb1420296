"""The Global Talent Stream, the Global Skills Strategy, the Quebec AI / IT / VFX pilot and the provincial tech
streams, checked by hand against the research (audit9, 2026-12-01).

Expected values come from research/programs.md sections 4 (GTS, GSS), 5 (Quebec) and 6 (Alberta, BC,
Ontario); hours use the counting rule of section 0 (a day of full-time work counts 30/7 h, 728 days = 3,120 h
= 2 years). Nothing is copied from the engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import eligibility
from eligibility.profile.load import profile_from_data

BASE: dict[str, Any] = {
    "name": "audit9 permit probe", "birth_date": "1992-03-10", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 50000,
    "education": [{"level": "masters", "years": 2, "country": "IN", "completed": "2017-05-01", "full_time": True}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-10", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [], "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {},
}


def _job(noc: str, start: str, end: str | None, country: str = "IN", province: str | None = None,
         hours: float = 40) -> dict[str, Any]:
    job: dict[str, Any] = {"title": "job", "employer": "Employer", "noc": noc, "country": country, "start": start,
                           "end": end, "hours_per_week": hours}
    return job | ({"province": province} if province else {})


def _offer(noc: str, **extra: Any) -> dict[str, Any]:
    offer = {"noc": noc, "employer": "Employer", "province": "ON", "hours_per_week": 40, "duration_months": 24,
             "lmia": "positive"}
    return offer | extra


def _program(day: str, program: str, **changes: Any) -> eligibility.ProgramResult:
    data = copy.deepcopy(BASE)
    declarations = changes.pop("declarations", {})
    data.update(copy.deepcopy(changes))
    data["declarations"] = {**data["declarations"], **declarations}
    return eligibility.evaluate(profile_from_data(data), day, programs=[program]).program(program)


def _condition(result: eligibility.ProgramResult, cid: str) -> Any:
    return next(c for c in result.conditions if c.id == cid)


def _nested(result: eligibility.ProgramResult, cid: str) -> Any:
    """The condition ``cid`` at any depth."""
    stack = list(result.conditions)
    while stack:
        c = stack.pop()
        if c.id == cid:
            return c
        stack.extend(c.conditions)
    raise LookupError(cid)


# --- Global Talent Stream (programs.md 4.1, 4.2) -----------------------------------------------------------

GTS_A = {"gts_referral": True, "gts_partner_confirmations": True, "gts_category_a_position_limit": True,
         "gts_advanced_industry_knowledge": True, "gts_specialized_field": True,
         "gts_labour_market_benefits_plan": True}


@pytest.mark.parametrize(("hourly", "annual", "verdict"), [
    (38.46, 80000, "eligible"),
    (38.45, 80000, "not_eligible"),  # a cent below the hourly floor
    (38.46, 79999, "not_eligible"),  # a dollar below the annual floor: both must be met
    (38.46, None, "undetermined"),  # the annual salary not given
])
def test_gts_category_a_needs_both_wage_floors(hourly: float, annual: float | None, verdict: str) -> None:
    """Category A (actuary, 21210: not on the list's subset, so Category A is the route): at least $38.46 an hour
    and a base salary of $80,000 a year; a master's degree; referral and judgements given."""
    offer = _offer("21210", wage_hourly=hourly, wage_annual=annual)
    result = _program("2025-06-01", "gts/category-a", job_offer=offer,
                      declarations=GTS_A | {"gts_job_not_actuary": False})
    assert result.verdict == verdict


def test_gts_category_a_is_not_the_route_for_a_listed_occupation() -> None:
    """A software engineer's offer (21231, Category B list) with a referral and every Category A requirement met:
    the application is processed as Category B, so Category A is not eligible."""
    offer = _offer("21231", wage_hourly=60, wage_annual=120000)
    assert _program("2025-06-01", "gts/category-b", job_offer=offer,
                    declarations={"gts_labour_market_benefits_plan": True}).verdict == "eligible"
    assert _program("2025-06-01", "gts/category-a", job_offer=offer, declarations=GTS_A).verdict == "not_eligible"


@pytest.mark.parametrize(("noc", "floor", "declared"), [
    ("22310", 41.35, {}),
    ("22220", 40.87, {}),
    ("22222", 41.03, {}),
    ("51120", 40.87, {"gts_vfx_subset": True}),
    ("52120", 38.46, {"gts_digital_media_subset": True}),
])
def test_gts_category_b_hourly_wage_floors(noc: str, floor: float, declared: dict[str, bool]) -> None:
    """The list's hourly floors (December 2022): the floor passes, a cent below fails."""
    plan = {"gts_labour_market_benefits_plan": True} | declared
    for wage, verdict in ((floor, "eligible"), (round(floor - 0.01, 2), "not_eligible")):
        offer = _offer(noc, wage_hourly=wage, wage_annual=90000)
        assert _program("2025-06-01", "gts/category-b", job_offer=offer, declarations=plan).verdict == verdict


def test_gts_category_b_quebec_offer_is_not_held_to_the_federal_floor() -> None:
    """An electronics technologist's offer (22310) in Quebec at $41.34 an hour, a cent under the federal floor:
    MIFI's floor, not ESDC's, applies, and it is not known here."""
    offer = _offer("22310", province="QC", wage_hourly=41.34, wage_annual=90000)
    result = _program("2025-06-01", "gts/category-b", job_offer=offer,
                      declarations={"gts_labour_market_benefits_plan": True})
    assert result.verdict == "undetermined"


@pytest.mark.parametrize(("noc", "declared", "verdict"), [
    ("22221", {}, "not_eligible"),  # user support technicians: not on the list
    ("21330", {}, "eligible"),  # mining engineers, added December 2022
    ("21390", {}, "eligible"),  # aerospace engineers, added December 2022
    ("21210", {"gts_job_not_actuary": False}, "not_eligible"),  # actuaries excluded from the 21210 subset
    ("21210", {"gts_job_not_actuary": True}, "eligible"),
    ("52120", {"gts_digital_media_subset": False}, "not_eligible"),  # a graphic designer outside note 2
])
def test_gts_category_b_list(noc: str, declared: dict[str, bool], verdict: str) -> None:
    """The Global Talent Occupations List as updated in December 2022, with its subsets."""
    offer = _offer(noc, wage_hourly=60, wage_annual=120000)
    plan = {"gts_labour_market_benefits_plan": True} | declared
    assert _program("2025-06-01", "gts/category-b", job_offer=offer, declarations=plan).verdict == verdict


# --- Global Skills Strategy, two-week processing (4.4) ------------------------------------------------------

GSS = {"applying_from_outside_canada": True, "employer_portal_offer_submitted": True, "iec_applicant": False,
       "gss_complete_application": True}


@pytest.mark.parametrize(("offer", "declared", "verdict"), [
    (_offer("21231", lmia="exempt"), {}, "eligible"),  # TEER 1, LMIA-exempt
    (_offer("00012", lmia="exempt"), {}, "eligible"),  # TEER 0
    (_offer("22220", lmia="exempt"), {}, "not_eligible"),  # TEER 2
    (_offer("21231", lmia="exempt"), {"iec_applicant": True}, "not_eligible"),
    (_offer("21231", lmia="exempt"), {"applying_from_outside_canada": False}, "not_eligible"),
    (_offer("22220"), {"gts_lmia_positive": True}, "eligible"),  # a positive GTS LMIA, any TEER
    (_offer("22220"), {"gts_lmia_positive": False}, "not_eligible"),
])
def test_gss_two_week_routes(offer: dict[str, Any], declared: dict[str, bool], verdict: str) -> None:
    """From outside Canada: an LMIA-exempt TEER 0 or 1 offer submitted in the Employer Portal (not IEC), or a
    positive Global Talent Stream LMIA."""
    result = _program("2024-06-01", "gss/two-week", job_offer=offer, declarations=GSS | declared)
    assert result.verdict == verdict


# --- Quebec AI pilot (5.2, 5.3) -------------------------------------------------------------------------------

QUEBEC_AI: dict[str, Any] = {
    "intended_province": "QC",
    "language_tests": [{"test": "tcf_canada", "taken": "2025-01-10", "reading": 300, "writing": 3, "listening": 458,
                        "speaking": 10}],
    # 2023-06-01 to 2025-05-28: 728 days = 3,120 h (24 months) in the 60 months before 2025-06-01.
    "work": [_job("21211", "2023-06-01", "2025-05-28", "CA", "QC")],
    "job_offer": _offer("21211", province="QC", hours_per_week=35, duration_months=None, lmia="exempt",
                        wage_annual=100000),
    "declarations": {"quebec_temporary_worker": True, "quebec_self_sufficiency_contract": True,
                     "quebec_ai_expert_opinion": True, "quebec_employer_not_controlled": True,
                     "quebec_job_in_cmm": True},
}


def _quebec_ai(day: str = "2025-06-01", **changes: Any) -> eligibility.ProgramResult:
    data = copy.deepcopy(QUEBEC_AI)
    data["declarations"] = data["declarations"] | changes.pop("declarations", {})
    return _program(day, "quebec/ai-pilot", **(data | changes))


@pytest.mark.parametrize(("salary", "in_cmm", "verdict"), [
    (100000, True, "eligible"),
    (99999, True, "not_eligible"),
    (75000, False, "eligible"),
    (74999, False, "not_eligible"),
    (80000, True, "not_eligible"),
])
def test_quebec_ai_salary_floor_depends_on_the_montreal_area(salary: int, in_cmm: bool, verdict: str) -> None:
    """$100,000 a year in the Communaute metropolitaine de Montreal, $75,000 outside it (5.3)."""
    offer = QUEBEC_AI["job_offer"] | {"wage_annual": salary}
    assert _quebec_ai(job_offer=offer, declarations={"quebec_job_in_cmm": in_cmm}).verdict == verdict


@pytest.mark.parametrize(("noc", "end", "outcome"), [
    ("21211", "2025-05-28", "pass"),  # TEER 1, 728 days = 3,120 h
    ("21211", "2025-05-27", "fail"),  # 727 days = 3,115.7 h
    ("22220", "2025-05-28", "pass"),  # TEER 2 (NOC 2016 level B)
    ("73300", "2025-05-28", "fail"),  # TEER 3: not skill type 0, A or B as the pilot reads them
])
def test_quebec_ai_foreign_worker_needs_24_months_in_teer_0_to_2(noc: str, end: str, outcome: str) -> None:
    """At least 24 months of full-time work in the 60 months before the application, in TEER 0, 1 or 2."""
    result = _quebec_ai(work=[_job(noc, "2023-06-01", end, "CA", "QC")])
    sub = _condition(result, "sub-component")
    worker = next(c for c in sub.conditions if c.id == "foreign-worker")
    assert next(c for c in worker.conditions if c.id == "skilled-work").outcome == outcome


@pytest.mark.parametrize(("listening", "speaking", "outcome"), [(458, 10, "pass"), (457, 10, "fail"),
                                                               (458, 9, "fail")])
def test_quebec_ai_francophone_profile_needs_oral_level_7(listening: int, speaking: int, outcome: str) -> None:
    """Oral French at level 7 (read as NCLC 7 in listening and speaking: TCF 458 and 10); reading and writing
    are not asked."""
    tests = [QUEBEC_AI["language_tests"][0] | {"listening": listening, "speaking": speaking}]
    french = _condition(_quebec_ai(language_tests=tests), "french")
    assert next(c for c in french.conditions if c.id == "oral-french-test").outcome == outcome


@pytest.mark.parametrize(("day", "verdict"), [("2021-04-21", "not_in_force"), ("2021-04-22", "eligible"),
                                             ("2025-12-31", "eligible"), ("2026-01-01", "not_in_force")])
def test_quebec_ai_pilot_ran_from_2021_04_22_to_2025_12_31(day: str, verdict: str) -> None:
    """Opened 22 April 2021; closed to new applications on 1 January 2026 (5.1). The test and the work are
    moved so that each date has a valid test and 24 months of work."""
    tests = [QUEBEC_AI["language_tests"][0] | {"taken": "2021-01-10" if day < "2023" else "2025-01-10"}]
    work = [_job("21211", "2018-01-01", None, "CA", "QC")]
    assert _quebec_ai(day, language_tests=tests, work=work).verdict == verdict


@pytest.mark.parametrize(("day", "outcome"), [("2022-04-30", "fail"), ("2022-05-01", "pass")])
def test_quebec_ai_applicant_must_be_18(day: str, outcome: str) -> None:
    """Born 2004-05-01: 17 on 2022-04-30, 18 on 2022-05-01."""
    result = _quebec_ai(day, birth_date="2004-05-01")
    assert _condition(result, "adult").outcome == outcome


def test_quebec_ai_graduate_explanation_names_the_12_months() -> None:
    """A Quebec master's completed 2024-01-15, evaluated 2025-06-01 (16 months later): the condition fails and
    its explanation says why (the completion date or the 12 months)."""
    education = [{"level": "masters", "years": 2, "country": "CA", "province": "QC", "completed": "2024-01-15",
                  "full_time": True}]
    sub = _condition(_quebec_ai(education=education), "sub-component")
    graduate = next(c for c in sub.conditions if c.id == "quebec-graduate")
    degree = next(c for c in graduate.conditions if c.id == "quebec-masters")
    assert degree.outcome == "fail"
    assert "12 months" in degree.explanation or "2024-01-15" in degree.explanation
    assert degree.explanation.endswith(
        "; the masters does not count: completed 2024-01-15, more than 12 months before")


def test_quebec_ai_graduate_degree_within_12_months_counts() -> None:
    """A Quebec master's completed 2024-09-15, evaluated 2025-06-01 (under 9 months): the degree condition passes."""
    education = [{"level": "masters", "years": 2, "country": "CA", "province": "QC", "completed": "2024-09-15",
                  "full_time": True}]
    sub = _condition(_quebec_ai(education=education), "sub-component")
    graduate = next(c for c in sub.conditions if c.id == "quebec-graduate")
    assert next(c for c in graduate.conditions if c.id == "quebec-masters").outcome == "pass"


@pytest.mark.parametrize(("day", "verdict"), [("2025-12-31", "not_eligible"), ("2026-01-01", "not_in_force")])
def test_quebec_it_vfx_pilot_closed_on_2026_01_01(day: str, verdict: str) -> None:
    """The IT / VFX component closed with the pilot (5.1): in force on 2025-12-31 (here not eligible: no job offer
    in an IT profession), closed from 2026-01-01."""
    assert _program(day, "quebec/it-vfx-pilot", intended_province="QC").verdict == verdict


# --- Alberta Accelerated Tech Pathway (6.3) -----------------------------------------------------------------

ALBERTA: dict[str, Any] = {
    "intended_province": "AB",
    # Working in Alberta as a software engineer since 2023-01-01: CEC is met (1,560 h in Canada in TEER 1, CLB 9);
    # FSW is not (the foreign master's has no ECA), and one program is enough.
    "work": [_job("21231", "2023-01-01", None, "CA", "AB")],
    "declarations": {"performed_noc_duties": True, "crs_score": 450, "alberta_tech_industry_employer": True,
                     "alberta_primary_occupation_matches": True, "alberta_worker_eoi_active": True},
}


@pytest.mark.parametrize(("offer", "verdict"), [
    (_offer("21231", province="AB", hours_per_week=30, duration_months=12, lmia="none"), "eligible"),
    (_offer("21231", province="AB", hours_per_week=29, duration_months=12, lmia="none"), "not_eligible"),
    (_offer("21231", province="AB", hours_per_week=30, duration_months=11, lmia="none"), "not_eligible"),
    (_offer("21231", province="BC", hours_per_week=30, duration_months=12, lmia="none"), "not_eligible"),
])
def test_alberta_offer_is_full_time_for_a_year_in_alberta(offer: dict[str, Any], verdict: str) -> None:
    """An offer of at least 30 hours a week for at least a year, located in Alberta (the current Alberta job stated
    not to be on a contract of a year, so that the offer alone decides)."""
    declarations = ALBERTA["declarations"] | {"alberta_current_job_one_year_contract": False}
    changes = ALBERTA | {"job_offer": offer, "declarations": declarations}
    assert _program("2025-06-01", "alberta/accelerated-tech", **changes).verdict == verdict


@pytest.mark.parametrize(("score", "verdict"), [(300, "eligible"), (299, "not_eligible")])
def test_alberta_crs_floor_is_300(score: int, verdict: str) -> None:
    """An active Express Entry profile with a CRS score of at least 300."""
    offer = _offer("21231", province="AB", duration_months=None, lmia="none")
    changes = ALBERTA | {"job_offer": offer, "declarations": ALBERTA["declarations"] | {"crs_score": score}}
    assert _program("2025-06-01", "alberta/accelerated-tech", **changes).verdict == verdict


def test_alberta_current_full_time_employee_is_not_refused_for_lack_of_an_offer() -> None:
    """A software engineer working full-time in Alberta since 2023, every other condition met, no separate offer."""
    result = _program("2025-06-01", "alberta/accelerated-tech", **ALBERTA)
    assert result.verdict == "undetermined"


# --- BC PNP Tech (6.2) and Ontario HCP tech draws (6.1) -----------------------------------------------------

@pytest.mark.parametrize(("day", "verdict"), [("2024-06-01", "not_eligible"), ("2026-07-01", "not_in_force")])
def test_bc_pnp_tech_is_historical(day: str, verdict: str) -> None:
    """BC PNP Tech drew through 2023-2024; in 2026 BC has no tech list (6.2)."""
    assert _program(day, "bc/pnp-tech").verdict == verdict


def test_ontario_tech_draws_closed_by_26_june_2026() -> None:
    """The Human Capital Priorities stream was closed by 26 June 2026 at the latest (6.1)."""
    assert _program("2026-06-26", "ontario/hcp-tech").verdict == "not_in_force"


@pytest.mark.parametrize(("noc", "outcome"), [("21231", "pass"), ("21311", "pass"), ("20012", "pass"),
                                             ("22220", "fail"), ("21220", "fail")])
def test_ontario_tech_draw_occupations(noc: str, outcome: str) -> None:
    """The nine targeted NOC 2021 codes (page of 2023-11-20): network technicians (22220) and cybersecurity
    specialists (21220) are not among them. Two continuous years abroad, evaluated 2024-06-01."""
    result = _program("2024-06-01", "ontario/hcp-tech", work=[_job(noc, "2021-01-01", "2022-12-31")],
                      declarations={"express_entry_profile": True, "performed_noc_duties": True})
    assert _condition(result, "tech-experience").outcome == outcome


@pytest.mark.parametrize(("day", "verdict"), [("2022-12-21", "not_encoded"), ("2022-12-22", "eligible")])
def test_gts_list_of_december_2022_is_the_first_encoded(day: str, verdict: str) -> None:
    """The NOC 2021 list took effect on 22 December 2022 (4.2); the earlier NOC 2016 lists are not encoded, which
    is said rather than guessed."""
    offer = _offer("21330", wage_hourly=60, wage_annual=120000)  # mining engineers, added that day
    result = _program(day, "gts/category-b", job_offer=offer, declarations={"gts_labour_market_benefits_plan": True})
    assert result.verdict == verdict


@pytest.mark.parametrize(("level", "outcome"), [(7, "pass"), (6, "fail")])
def test_ontario_tech_draws_need_clb_7(level: int, outcome: str) -> None:
    """Human Capital Priorities: CLB/NCLC 7 in all four abilities (6.1); CLB 6 in one ability fails."""
    tests = [BASE["language_tests"][0] | {"writing": level}]
    result = _program("2025-06-01", "ontario/hcp-tech", language_tests=tests,
                      declarations={"express_entry_profile": True})
    assert _condition(result, "language").outcome == outcome


def test_alberta_current_full_time_employee_with_a_year_s_contract_qualifies_without_an_offer() -> None:
    """The same software engineer, her current Alberta job stated to be on a contract of at least a year: eligible
    through the current-job route (the work of the last month, 2025-05-01..2025-05-31 = 31 days x 30 / 7 =
    132.9 h, shows the job; 30 h are asked)."""
    declarations = ALBERTA["declarations"] | {"alberta_current_job_one_year_contract": True}
    result = _program("2025-06-01", "alberta/accelerated-tech", **(ALBERTA | {"declarations": declarations}))
    assert result.verdict == "eligible"
    work = _nested(result, "current-alberta-tech-work")
    assert work.outcome == "pass"
    assert work.observed["hours"] == 132.9


@pytest.mark.parametrize(("job", "outcome"), [
    (_job("21231", "2023-01-01", None, "CA", "BC"), "fail"),  # in British Columbia
    (_job("63200", "2023-01-01", None, "CA", "AB"), "fail"),  # a cook: not a tech occupation
    (_job("21231", "2023-01-01", "2025-04-30", "CA", "AB"), "fail"),  # ended before the last month
])
def test_alberta_current_job_route_needs_tech_work_in_alberta_in_the_last_month(job: dict[str, Any],
                                                                                outcome: str) -> None:
    """Without such work the route fails even with the contract stated, and the verdict is not eligible."""
    declarations = ALBERTA["declarations"] | {"alberta_current_job_one_year_contract": True}
    result = _program("2025-06-01", "alberta/accelerated-tech", **(ALBERTA | {"work": [job],
                                                                             "declarations": declarations}))
    assert _nested(result, "current-alberta-tech-work").outcome == outcome
    assert result.verdict == "not_eligible"
