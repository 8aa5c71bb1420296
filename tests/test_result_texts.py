"""The words and numbers a person reads that the cases beside the rulesets cannot reach: the checks of
arranged employment as the CRS reads them (IRPR s. 82(2))."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from eligibility.facts import Facts
from eligibility.measure.offer import EmployerHours, arranged_employment, measure_arranged
from eligibility.profile.load import profile_from_data
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import ArrangedEmployment, FundsCondition

RULES = Path(__file__).resolve().parents[1] / "rulesets"
AS_OF = dt.date(2025, 6, 1)

# An authorized worker in Ontario for Maple Co; the offer is LMIA-exempt, TEER 2 (72200), 40 h a week,
# no end date. 7 h a week from 2021-02-22 to 2025-05-31 is 1,560 days x 1 h = 1,560 h with Maple Co.
PROFILE: dict[str, Any] = {
    "birth_date": "1994-05-02", "marital_status": "single", "intended_province": "ON", "children": 0,
    "funds_cad": 0,
    "education": [{"level": "bachelors", "years": 4, "country": "PK", "completed": "2016-06-30",
                   "eca": {"issued": "2024-02-01", "level": "bachelors"}}],
    "language_tests": [{"test": "ielts_general", "taken": "2025-03-10", "listening": 8.0, "reading": 7.5,
                        "writing": 7.0, "speaking": 7.0}],
    "work": [{"noc": "21231", "employer": "Maple Co", "country": "CA", "province": "ON", "start": "2021-02-22",
              "end": None, "hours_per_week": 7, "authorized": True}],
    "job_offer": {"noc": "72200", "employer": "Maple Co", "province": "ON", "hours_per_week": 40,
                  "lmia": "exempt"},
    "certificates_of_qualification": [], "relatives_in_canada": [], "spouse": None,
}


@pytest.fixture(scope="module")
def library() -> Library:
    """The repository's rules, loaded once."""
    return load_library(RULES)


@pytest.fixture(scope="module")
def rule(library: Library) -> ArrangedEmployment:
    """FSW's arranged employment (the funds exemption's) in force on the as-of date."""
    version = library.program("express-entry/fsw").version_on(AS_OF)
    assert version is not None
    funds = next(c for c in version.conditions if isinstance(c, FundsCondition))
    assert funds.exempt_with_arranged_employment is not None
    return funds.exempt_with_arranged_employment


def _checks(rule: ArrangedEmployment, **changes: Any) -> tuple[str, str, dict[str, tuple[str, str]]]:
    data = {**PROFILE, **changes}
    outcome, detail, evidence = arranged_employment(Facts(profile_from_data(data), AS_OF), rule)
    return outcome, detail, {e["check"]: (e["outcome"], e["detail"]) for e in evidence}


def test_an_exempt_offer_after_1560_hours_names_the_hours_worked_there(rule: ArrangedEmployment) -> None:
    """An LMIA-exempt offer from the current employer with 1,560 h there passes, each check worded."""
    outcome, detail, checks = _checks(rule)
    assert (outcome, detail) == ("pass", "meets every rule")
    assert checks["lmia"] == ("pass", "LMIA-exempt offer from the current employer, 1,560 h worked there")
    assert checks["hours"] == ("pass", "40 h/week; needs 30")
    assert checks["duration"] == ("pass", "no end date; needs 12 months or more")
    assert checks["occupation"][0] == "pass"
    assert checks["occupation"][1].startswith("NOC 72200; needs ")


def test_an_exempt_offer_after_1559_hours_names_the_hours_missing(rule: ArrangedEmployment) -> None:
    """One day later (1,559 h with Maple Co) the LMIA check fails and says how many hours are needed."""
    work = [{**PROFILE["work"][0], "start": "2021-02-23"}]
    outcome, detail, checks = _checks(rule, work=work)
    assert outcome == "fail"
    assert detail == "lmia: LMIA-exempt offer, but only 1,559 h worked for Maple Co; needs 1,560"
    assert checks["lmia"][0] == "fail"


def test_an_exempt_offer_naming_no_employer_leaves_the_lmia_check_open(rule: ArrangedEmployment) -> None:
    """An LMIA-exempt offer naming no employer: the hours with it are not known (``known`` False), the check open."""
    offer = {k: v for k, v in PROFILE["job_offer"].items() if k != "employer"}
    facts = Facts(profile_from_data({**PROFILE, "job_offer": offer}), AS_OF)
    assert measure_arranged(facts, rule).employer == EmployerHours(False, None, "the employer is not named")
    outcome, detail, checks = _checks(rule, job_offer=offer)
    assert (outcome, detail) == ("unknown", "lmia: LMIA-exempt offer; the employer is not named")
    assert checks["lmia"] == ("unknown", "LMIA-exempt offer; the employer is not named")


def test_a_seasonal_offer_of_12_months_fails_only_on_being_seasonal(rule: ArrangedEmployment) -> None:
    """A seasonal offer of exactly 12 months with a positive LMIA fails arranged employment on seasonality alone."""
    offer = {**PROFILE["job_offer"], "lmia": "positive", "seasonal": True, "duration_months": 12}
    outcome, detail, checks = _checks(rule, job_offer=offer)
    assert (outcome, detail) == ("fail", "seasonal: the offer is for seasonal work")
    assert checks["lmia"] == ("pass", "based on a positive LMIA")
    assert checks["duration"] == ("pass", "12 months; needs 12 months or more")
