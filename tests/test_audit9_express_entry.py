"""Express Entry minimum requirements checked by hand against the research (audit9, 2026-12-01).

CEC (programs.md 1.2, IRPR s. 87.1), FSW minimums (1.1, IRPR s. 75, 76), FST (1.3, IRPR s. 87.2), the 2-year
language test and 5-year ECA validity (section 0), the proof-of-funds tables and their exemption (1.1). Hours
use the counting rule of section 0: a day of full-time work counts 30/7 h, 364 days = 1,560 h = 1 year; the
window of "the N years before the application" runs from the same date N years earlier to the day before.
Expected values are worked out below each case, never copied from the engine's output.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import eligibility
from eligibility.profile.load import profile_from_data

# Single, born 1992-03-10, a Canadian four-year bachelor's, CELPIP 9 in all four taken 2025-01-10.
BASE: dict[str, Any] = {
    "name": "audit9 express entry probe", "birth_date": "1992-03-10", "marital_status": "single",
    "intended_province": "ON", "children": 0, "funds_cad": 50000,
    "education": [{"level": "bachelors", "years": 4, "country": "CA", "province": "ON", "completed": "2015-05-01",
                   "full_time": True}],
    "language_tests": [{"test": "celpip_general", "taken": "2025-01-10", "listening": 9, "reading": 9, "writing": 9,
                        "speaking": 9}],
    "work": [], "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
    "provincial_nomination": None, "spouse": None, "declarations": {"performed_noc_duties": True},
}


def _job(noc: str, start: str, end: str | None, country: str = "CA", hours: float = 40,
         **extra: Any) -> dict[str, Any]:
    job: dict[str, Any] = {"title": "job", "employer": extra.pop("employer", "Employer"), "noc": noc,
                           "country": country, "start": start, "end": end, "hours_per_week": hours}
    if country == "CA":
        job["province"] = "ON"
    return job | extra


def _celpip(taken: str = "2025-01-10", **levels: int) -> dict[str, Any]:
    every = {"listening": 9, "reading": 9, "writing": 9, "speaking": 9}
    return {"test": "celpip_general", "taken": taken} | every | levels


def _program(day: str, program: str, **changes: Any) -> eligibility.ProgramResult:
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(changes))
    return eligibility.evaluate(profile_from_data(data), day, programs=[program]).program(program)


def _condition(result: eligibility.ProgramResult, cid: str) -> Any:
    return next(c for c in result.conditions if c.id == cid)


# --- Canadian Experience Class ---------------------------------------------------------------------------

@pytest.mark.parametrize(("end", "outcome", "hours"), [("2024-12-29", "pass", 1560.0),
                                                      ("2024-12-28", "fail", 1555.7)])
def test_cec_one_year_is_364_days_of_full_time_work(end: str, outcome: str, hours: float) -> None:
    """A carpenter (72310, TEER 2) in Canada from 2024-01-01: to 12-29 is 364 days = 1,560 h; to 12-28 is 363 days
    = 1,555.7 h (40 h a week count as 30)."""
    c = _condition(_program("2025-07-01", "express-entry/cec", work=[_job("72310", "2024-01-01", end)]),
                   "canadian-work")
    assert (c.outcome, c.observed["hours"]) == (outcome, hours)


@pytest.mark.parametrize(("day", "outcome"), [("2025-07-01", "pass"), ("2025-07-02", "fail")])
def test_cec_counts_the_three_years_before_the_application(day: str, outcome: str) -> None:
    """364 days from 2022-07-01: on 2025-07-01 the window starts 2022-07-01 (1,560 h); a day later it starts
    2022-07-02 and leaves 363 days."""
    result = _program(day, "express-entry/cec", work=[_job("72310", "2022-07-01", "2023-06-29")])
    assert _condition(result, "canadian-work").outcome == outcome


@pytest.mark.parametrize("change", [{"full_time_student": True}, {"self_employed": True}, {"authorized": False},
                                    {"paid": False}, {"country": "US"}, {"noc": "54100"}])
def test_cec_leaves_out_work_the_law_excludes(change: dict[str, Any]) -> None:
    """Two years of work that would count, except that it was while a full-time student, self-employed,
    unauthorized, unpaid, abroad, or in a TEER 4 occupation (54100): 0 h count (IRPR s. 87.1(2)(a), (3))."""
    job = _job("72310", "2023-01-01", "2024-12-29") | change
    if job["country"] != "CA":
        job.pop("province")
    c = _condition(_program("2025-07-01", "express-entry/cec", work=[job]), "canadian-work")
    assert (c.outcome, c.observed["hours"]) == ("fail", 0.0)


@pytest.mark.parametrize(("noc", "levels", "outcome"), [
    ("72310", {"listening": 5, "reading": 5, "writing": 5, "speaking": 5}, "pass"),  # TEER 2: CLB 5
    ("72310", {"listening": 5, "reading": 5, "writing": 4, "speaking": 5}, "fail"),
    ("21231", {"listening": 7, "reading": 7, "writing": 7, "speaking": 7}, "pass"),  # TEER 1: CLB 7
    ("21231", {"listening": 6, "reading": 6, "writing": 6, "speaking": 6}, "fail"),
    ("00012", {"listening": 7, "reading": 6, "writing": 7, "speaking": 7}, "fail"),  # TEER 0: CLB 7
    ("73300", {"listening": 5, "reading": 5, "writing": 5, "speaking": 5}, "pass"),  # TEER 3: CLB 5
])
def test_cec_language_threshold_follows_the_teer(noc: str, levels: dict[str, int], outcome: str) -> None:
    """A year in Canada in one occupation: CLB 7 in each ability for TEER 0 or 1, CLB 5 for TEER 2 or 3."""
    result = _program("2025-07-01", "express-entry/cec", work=[_job(noc, "2024-01-01", "2024-12-29")],
                      language_tests=[_celpip(**levels)])
    assert _condition(result, "language").outcome == outcome
    assert result.verdict == ("eligible" if outcome == "pass" else "not_eligible")


def test_cec_mixed_occupations_use_the_one_with_most_experience() -> None:
    """5 months as a software engineer (21231, TEER 1: 151 days = 647.1 h) then 8 as a carpenter (72310, TEER 2:
    245 days = 1,050 h): 1,697.1 h, most of it TEER 2, so CLB 5 is the threshold and CLB 6 meets it (IRPR s.
    87.1(2)(e))."""
    work = [_job("21231", "2023-01-01", "2023-05-31"), _job("72310", "2023-06-01", "2024-01-31")]
    result = _program("2025-07-01", "express-entry/cec", work=work, language_tests=[_celpip(
        listening=6, reading=6, writing=6, speaking=6)])
    assert _condition(result, "canadian-work").observed["hours"] == 1697.1
    language = _condition(result, "language")
    assert (language.outcome, language.required["teer"], language.required["main_occupation"]) == ("pass", 2,
                                                                                                     "72310")


def test_cec_mixed_occupations_mostly_teer_1_need_clb_7() -> None:
    """8 months TEER 1 (21231, 2023-01-01..08-31 = 243 days) then 5 months TEER 2 (72310, 153 days): the main
    occupation is TEER 1, so CLB 6 fails."""
    work = [_job("21231", "2023-01-01", "2023-08-31"), _job("72310", "2023-09-01", "2024-01-31")]
    result = _program("2025-07-01", "express-entry/cec", work=work, language_tests=[_celpip(
        listening=6, reading=6, writing=6, speaking=6)])
    language = _condition(result, "language")
    assert (language.outcome, language.required["teer"]) == ("fail", 1)


@pytest.mark.parametrize(("funded", "verdict"), [(True, "eligible"), (False, "not_eligible")])
def test_cec_counts_a_physicians_publicly_funded_self_employment(funded: bool, verdict: str) -> None:
    """programs.md 1.2: IRCC's public policy counts a physician's publicly funded fee-for-service work in Canada
    (otherwise self-employment) as Canadian experience. A family physician (31102) self-employed in Canada
    2024-01-01..2025-12-31, evaluated 2026-06-01 (window from 2023-06-01): 731 days = 3,132.9 h when publicly
    funded; other self-employment never counts for CEC (0 h)."""
    job = _job("31102", "2024-01-01", "2025-12-31", self_employed=True, publicly_funded=funded)
    result = _program("2026-06-01", "express-entry/cec", work=[job],
                      language_tests=[_celpip(listening=7, reading=7, writing=7, speaking=7)])
    assert _condition(result, "canadian-work").observed["hours"] == (3132.9 if funded else 0.0)
    assert result.verdict == verdict


# --- Federal Skilled Worker minimums -------------------------------------------------------------------------

@pytest.mark.parametrize(("work", "outcome", "hours"), [
    # Two stints in one occupation with a month's gap: 182 days (780 h) and 184 days (788.6 h), never a year.
    ([("21231", "2020-01-01", "2020-06-30"), ("21231", "2020-08-01", "2021-01-31")], "fail", 788.6),
    # A year without a gap but in two occupations: 182 and 184 days, each alone short.
    ([("21231", "2020-01-01", "2020-06-30"), ("21232", "2020-07-01", "2020-12-31")], "fail", 788.6),
    # Part-time 15 h a week, continuous 728 days (2020 has 366): 728 x 15/7 = 1,560 h.
    ([("21231", "2020-01-01", "2021-12-28", 15)], "pass", 1560.0),
    ([("21231", "2020-01-01", "2021-12-27", 15)], "fail", 1557.9),
])
def test_fsw_needs_a_continuous_year_in_one_occupation(work: list[tuple[Any, ...]], outcome: str,
                                                       hours: float) -> None:
    """IRPR s. 75(2)(a): 1 year (1,560 h) over a continuous period in the primary occupation, full-time or the
    part-time equivalent, within 10 years."""
    jobs = [_job(w[0], w[1], w[2], "IN", *w[3:]) for w in work]
    c = _condition(_program("2026-01-01", "express-entry/fsw", work=jobs), "skilled-work")
    assert (c.outcome, c.observed["hours"]) == (outcome, hours)


@pytest.mark.parametrize(("day", "outcome", "hours"), [("2026-01-01", "pass", 1560.0),
                                                      ("2026-01-02", "fail", 1555.7)])
def test_fsw_counts_the_ten_years_before_the_application(day: str, outcome: str, hours: float) -> None:
    """364 days from 2016-01-01: in the 10 years before 2026-01-01 (from 2016-01-01), not in full before
    2026-01-02 (from 2016-01-02: 363 days)."""
    c = _condition(_program(day, "express-entry/fsw", work=[_job("21231", "2016-01-01", "2016-12-29", "IN")]),
                   "skilled-work")
    assert (c.outcome, c.observed["hours"]) == (outcome, hours)


@pytest.mark.parametrize("ability", ["listening", "reading", "writing", "speaking"])
def test_fsw_needs_clb_7_in_every_ability(ability: str) -> None:
    """CELPIP 7 in three abilities and 6 in one: below CLB 7 in that one, so the FSW language minimum fails."""
    tests = [_celpip(**{"listening": 7, "reading": 7, "writing": 7, "speaking": 7, ability: 6})]
    assert _condition(_program("2025-06-01", "express-entry/fsw", language_tests=tests), "language").outcome == "fail"


@pytest.mark.parametrize(("test", "day", "outcome"), [
    (_celpip("2024-03-15"), "2026-03-14", "pass"),
    (_celpip("2024-03-15"), "2026-03-15", "fail"),  # exactly 2 years old: not less than 2 years
    (_celpip("2024-03-15") | {"result_date": "2024-03-25"}, "2026-03-24", "pass"),
    (_celpip("2024-03-15") | {"result_date": "2024-03-25"}, "2026-03-25", "fail"),
])
def test_a_language_result_counts_less_than_two_years(test: dict[str, Any], day: str, outcome: str) -> None:
    """IRPR s. 75(2)(d): a result less than 2 years old, counted from the day the result was issued when given."""
    result = _program(day, "express-entry/fsw", language_tests=[test])
    assert _condition(result, "language").outcome == outcome


@pytest.mark.parametrize(("day", "outcome"), [("2026-03-19", "pass"), ("2026-03-20", "fail")])
def test_an_eca_counts_less_than_five_years(day: str, outcome: str) -> None:
    """IRPR s. 75(2)(e)(ii): a foreign master's with an ECA issued 2021-03-20 counts until 2026-03-19."""
    education = [{"level": "masters", "years": 2, "country": "IN", "completed": "2017-05-01", "full_time": True,
                  "eca": {"issued": "2021-03-20", "level": "masters"}}]
    result = _program(day, "express-entry/fsw", education=education)
    assert _condition(result, "education").outcome == outcome


# --- Proof of funds: the tables by date and family size, and the exemption (1.1) ----------------------------

# Married, the spouse not accompanying, 6 children: a family of 8 (the spouse and every child count).
FAMILY_OF_8: dict[str, Any] = {
    "marital_status": "married", "children": 6,
    "spouse": {"accompanying": False, "canadian_citizen_or_pr": False, "education": [], "language_tests": [],
               "work": []}}


@pytest.mark.parametrize(("day", "changes", "needed"), [
    ("2025-07-06", {}, 14690),  # 2024 table, 1 person
    ("2025-07-07", {}, 15263),  # 2025 table from 7 July 2025
    ("2025-07-06", FAMILY_OF_8, 38875 + 3958),  # 7 members + 1 more: 42,833
    ("2025-07-07", FAMILY_OF_8, 40392 + 4112),  # 44,504
])
def test_funds_table_by_date_and_family_size(day: str, changes: dict[str, Any], needed: int) -> None:
    """IRPR s. 76(1)(b): the amount for the family size in the table of the day; the exact amount passes, a dollar
    less fails."""
    for funds, outcome in ((needed, "pass"), (needed - 1, "fail")):
        c = _condition(_program(day, "express-entry/fsw", funds_cad=funds, **changes), "settlement-funds")
        assert (c.outcome, c.required["cad"]) == (outcome, needed)


OFFER: dict[str, Any] = {"noc": "21231", "employer": "Maple", "province": "ON", "hours_per_week": 30,
                         "duration_months": 12, "lmia": "positive", "seasonal": False}
ABROAD = _job("21231", "2018-01-01", "2023-12-31", "IN")


@pytest.mark.parametrize(("work", "offer", "outcome"), [
    ([ABROAD], OFFER, "fail"),  # an LMIA offer but not authorized to work in Canada now
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other")], OFFER, "pass"),  # working in Canada + LMIA offer
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other")], OFFER | {"hours_per_week": 29}, "fail"),
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other")], OFFER | {"duration_months": 11}, "fail"),
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other")], OFFER | {"seasonal": True}, "fail"),
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other")], OFFER | {"noc": "64100"}, "fail"),  # TEER 4
    ([ABROAD, _job("21232", "2024-01-01", None, employer="Other", authorized=False)], OFFER, "fail"),
    # LMIA-exempt offer from the current employer after a year: 2025-01-01..12-30 is 364 days = 1,560 h.
    ([ABROAD, _job("21232", "2025-01-01", None, employer="Maple")], OFFER | {"lmia": "exempt"}, "pass"),
    ([ABROAD, _job("21232", "2025-01-02", None, employer="Maple")], OFFER | {"lmia": "exempt"}, "fail"),
    ([ABROAD, _job("21232", "2020-01-01", None, employer="Other")], OFFER | {"lmia": "exempt"}, "fail"),
])
def test_funds_exemption_needs_work_authorization_and_arranged_employment(work: list[dict[str, Any]],
                                                                        offer: dict[str, Any], outcome: str) -> None:
    """$100 of funds on 2025-12-31: exempt only when working in Canada with authorization and holding an offer
    of arranged employment (TEER 0-3, 30 h a week, a year, not seasonal, LMIA-based or LMIA-exempt from the
    current employer after a year of work for it)."""
    c = _condition(_program("2025-12-31", "express-entry/fsw", funds_cad=100, work=work, job_offer=offer),
                   "settlement-funds")
    assert c.outcome == outcome


def test_cec_never_asks_for_funds() -> None:
    """CEC candidates never need settlement funds: a year in Canada, CLB 9, $0 is eligible."""
    result = _program("2025-07-01", "express-entry/cec", funds_cad=0, work=[_job("21231", "2024-01-01", "2024-12-29")])
    assert result.verdict == "eligible"
    assert all(c.kind != "funds" for c in result.conditions)


# --- Federal Skilled Trades ------------------------------------------------------------------------------------

FST: dict[str, Any] = {
    "declarations": {"performed_noc_duties": True, "qualified_in_trade": True}, "funds_cad": 20000,
    "certificates_of_qualification": [{"noc": "72200", "issued_by": "ON", "issued": "2020-01-01"}],
    "language_tests": [_celpip(listening=5, speaking=5, reading=4, writing=4)],
    "work": [_job("72200", "2023-01-01", "2024-12-28", "IN")]}


@pytest.mark.parametrize(("end", "outcome", "hours"), [("2024-12-28", "pass", 3120.0),
                                                      ("2024-12-27", "fail", 3115.7)])
def test_fst_needs_two_years_in_the_trade_within_five(end: str, outcome: str, hours: float) -> None:
    """An electrician (72200) abroad from 2023-01-01: to 2024-12-28 is 728 days = 3,120 h (2 years); a day less
    is 3,115.7 h."""
    changes = FST | {"work": [_job("72200", "2023-01-01", end, "IN")]}
    result = _program("2025-07-01", "express-entry/fst", **changes)
    c = _condition(result, "trade-work")
    assert (c.outcome, c.observed["hours"]) == (outcome, hours)
    assert result.verdict == ("eligible" if outcome == "pass" else "not_eligible")


@pytest.mark.parametrize(("levels", "outcome"), [
    ({}, "pass"),
    ({"listening": 4}, "fail"),
    ({"speaking": 4}, "fail"),
    ({"reading": 3}, "fail"),
    ({"writing": 3}, "fail"),
])
def test_fst_language_is_clb_5_speaking_listening_and_4_reading_writing(levels: dict[str, int],
                                                                        outcome: str) -> None:
    """CLB 5 in speaking and listening, CLB 4 in reading and writing; one level less in any ability fails."""
    test = _celpip(listening=5, speaking=5, reading=4, writing=4) | levels
    result = _program("2025-07-01", "express-entry/fst", **(FST | {"language_tests": [test]}))
    assert _condition(result, "language").outcome == outcome


def test_fst_certificate_must_be_in_the_trade_of_the_experience() -> None:
    """A plumber's certificate (72300) does not stand for an electrician's two years (72200)."""
    changes = FST | {"certificates_of_qualification": [{"noc": "72300", "issued_by": "ON", "issued": "2020-01-01"}]}
    result = _program("2025-07-01", "express-entry/fst", **changes)
    assert _condition(result, "certificate-or-offer").outcome == "fail"


@pytest.mark.parametrize(("noc", "outcome"), [
    ("72600", "fail"),  # sub-major group 726, air pilots: excluded
    ("93200", "fail"),  # sub-major group 932, aircraft assemblers: excluded
    ("62020", "fail"),  # food service supervisors: not a skilled trade
    ("63200", "pass"),  # minor group 6320, cooks
    ("62200", "pass"),  # unit group 62200, chefs
    ("83100", "pass"),  # major group 83
    ("92100", "pass"),  # major group 92
])
def test_fst_skilled_trades_are_the_groups_of_s_87_2_1(noc: str, outcome: str) -> None:
    """Three years (2022-01-01 to 2024-12-27) in the occupation: only the groups of IRPR s. 87.2(1) count."""
    changes = FST | {"work": [_job(noc, "2022-01-01", "2024-12-27", "IN")]}
    assert _condition(_program("2025-07-01", "express-entry/fst", **changes), "trade-work").outcome == outcome


@pytest.mark.parametrize(("hours", "outcome"), [(30, "pass"), (29, "fail")])
def test_fst_job_offer_stands_for_the_certificate(hours: float, outcome: str) -> None:
    """No certificate, an LMIA-based offer of a year in the trade: full-time (30 h a week or more) meets IRPR s.
    87.2(3)(c); 29 h does not."""
    offer = {"noc": "72200", "employer": "Sparks", "province": "AB", "hours_per_week": hours, "duration_months": 12,
             "lmia": "positive", "seasonal": False}
    changes = FST | {"certificates_of_qualification": [], "job_offer": offer}
    assert _condition(_program("2025-07-01", "express-entry/fst", **changes), "certificate-or-offer").outcome == outcome


def test_fsw_counts_paid_work_while_studying() -> None:
    """programs.md 1.1: paid, continuous work while studying counts for FSW (not for CEC): a year abroad as a
    full-time student, 2020-01-01..12-29 (364 days = 1,560 h)."""
    job = _job("21231", "2020-01-01", "2020-12-29", "IN", full_time_student=True)
    c = _condition(_program("2026-01-01", "express-entry/fsw", work=[job]), "skilled-work")
    assert (c.outcome, c.observed["hours"]) == ("pass", 1560.0)
