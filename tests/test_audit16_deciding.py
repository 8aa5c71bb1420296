"""Audit 16: the words of what decides a program (``result.deciding``), asserted as a person reads them.

Three hand-made mutants of ``result.deciding`` and ``negated_words`` survived every test that reaches them (the
NOC code dropped from a "not"'s words, "it may be" and "it is not" swapped, the children of a composite named
whatever their outcome). These tests tell each apart, on GTS Category A's rule that an offer in an occupation of
the Global Talent Occupations List is processed under Category B (ESDC's requirements page, programs.md 4.1;
rulesets/gts/category-a.yaml, not-on-the-list): a referred worker with a master's and an offer at $50 an hour and
$100,000 a year, on 2024-06-01.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import deciding
from tests.strategies import library

DAY = dt.date(2024, 6, 1)
WORKER: dict[str, Any] = {
    "name": "Category A worker", "birth_date": "1988-03-14",
    "education": [{"level": "masters", "years": 2, "country": "FR", "completed": "2013-06-30"}],
    "work": [{"noc": "21211", "country": "FR", "start": "2020-01-06", "end": None, "hours_per_week": 40}],
    "job_offer": {"noc": "21100", "province": "ON", "hours_per_week": 40, "lmia": "positive", "wage_hourly": 50,
                  "wage_annual": 100000},
    "declarations": {"gts_referral": True},
}
WHOLE = "the job offer is in an occupation the Global Talent Occupations List holds whole"


def _list_deciders(offer_noc: str | None,
                   outcomes: tuple[str, ...] = ("fail", "unknown")) -> list[tuple[str, str, str]]:
    """(path, outcome, explanation) of each condition deciding Category A's list rule, for an offer in the code."""
    data = copy.deepcopy(WORKER)
    data["job_offer"]["noc"] = offer_noc
    program = next(p for p in evaluate(profile_from_data(data), DAY, library()).programs if p.id == "gts/category-a")
    return [(path, r.outcome, r.explanation) for path, r in deciding(program.conditions, outcomes)
            if path.startswith("not-on-the-list")]


def test_an_offer_on_the_list_is_named_with_its_code() -> None:
    """21231 is on the list whole: the rule fails by the "not" over the listed offer alone, its words saying what
    the offer is, with the code a person can check against the list."""
    assert _list_deciders("21231") == [("not-on-the-list/not-listed-whole", "fail", f"{WHOLE} (NOC 21231)")]


def test_an_unknown_composite_names_its_unknown_children_alone() -> None:
    """An offer in 21210 without saying whether it is an actuary's: "a job in 21210 is an actuary's" is unknown by
    the declaration alone; "the job is not in 21210" fails and is not what leaves it unsettled."""
    assert _list_deciders("21210") == [
        ("not-on-the-list/not-listed-mathematician/actuary-declared", "unknown",
         "the profile does not state declarations.gts_job_not_actuary")]


def test_an_offer_without_a_code_may_be_on_the_list() -> None:
    """An offer whose NOC code is not given may be on the list: "it may be", and no code to name."""
    found = _list_deciders(None)
    assert found[0] == ("not-on-the-list/not-listed-whole", "unknown", f"it may be: {WHOLE}")
    assert ("not-on-the-list/not-listed-vfx/not-51120", "unknown", "it may be: the job offer is in NOC 51120") in found


def test_an_offer_off_the_list_is_not_on_it() -> None:
    """A physicist's offer (21100, not on the list) passes the rule: the "not" says what the offer is not."""
    assert _list_deciders("21100", ("pass",))[0] == (
        "not-on-the-list/not-listed-whole", "pass", f"it is not: {WHOLE} (NOC 21100)")
