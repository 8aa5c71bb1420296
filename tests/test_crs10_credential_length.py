"""The length of a Canadian credential not given (crs10): the Canadian-education points of a one- or two-year
credential without ``years``, and whether it makes "two or more credentials, one of three years or more".

The Ministerial Instructions give Canadian-education points by the length of the program: 15 for a credential of
one or two years, 30 for three years or more (or a master's, professional or doctoral degree; docs/crs.md). A
profile's ``years`` is the credential's length, read apart from its level (docs/profile-format.md: absent, the
length is unknown; docs/crs.md: "a bachelor's or higher, or ``years: 3+``" for two or more credentials): a
credential without ``years`` below the master's may be of three years or more, so the CRS holds both.

Hand-worked from the tables of research/crs.md (single, no spouse columns), on 2024-06-01, born 1993-09-09: age
30 = 105; no test, no work, no other points. Education: one-year 90, two-year 98, two or more (one of 3 years)
128.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from eligibility.facts import Facts, together
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_result
from tests.strategies import library

DAY = dt.date(2024, 6, 1)
BASE = {"name": "Canadian diploma", "birth_date": "1993-09-09", "marital_status": "single",
        "intended_province": "AB", "children": 0, "funds_cad": 20000, "language_tests": [], "work": [],
        "job_offer": None, "certificates_of_qualification": [], "relatives_in_canada": [],
        "provincial_nomination": None,
        "education": [{"level": "two_year", "country": "CA", "completed": "2016-03-15", "province": "NS"}]}


def _data(level: str, years: int | None, second: bool = False) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data["education"][0]["level"] = level
    if years is not None:
        data["education"][0]["years"] = years
    if second:
        data["education"].append({"level": "one_year", "country": "CA", "years": 1, "completed": "2017-06-30",
                                  "province": "NS"})
    return data


def _score(data: dict[str, Any]) -> Any:
    return crs_result(profile_from_data(data), DAY, library())


def _factor(result: Any, fid: str) -> Any:
    return next(f for f in result.factors if f.id == fid)


@pytest.mark.parametrize(("level", "education"), [("one_year", 90), ("two_year", 98)])
def test_a_short_credential_without_years_is_15_or_30_canadian_education_points(level: str, education: int) -> None:
    """A one- or two-year Canadian credential without years: 105 + its level + 15 (1 or 2 years) to 30 (3 years or
    more), the Canadian-education factor a range settled by the credential's years."""
    result = _score(_data(level, None))
    assert (result.low, result.high) == (105 + education + 15, 105 + education + 30)
    factor = _factor(result, "additional.canadian_education")
    assert (factor.low, factor.high) == (15, 30)
    assert "$.education[0].years" in factor.settled_by and "$.education[0].years" in result.settled_by


@pytest.mark.parametrize(("level", "education"), [("one_year", 90), ("two_year", 98)])
@pytest.mark.parametrize(("years", "points"), [(1, 15), (2, 15), (3, 30), (4, 30)])
def test_a_short_credential_of_stated_years_is_decided(level: str, education: int, years: int, points: int) -> None:
    """The years given decide it: 1 or 2 years 15, 3 years or more 30 (the other side of the edge)."""
    result = _score(_data(level, years))
    assert (result.low, result.high) == (105 + education + points,) * 2


def test_a_masters_without_years_is_30() -> None:
    """A Canadian master's is 30 whatever its length (105 + 135 + 30)."""
    result = _score(_data("masters", None))
    assert (result.low, result.high) == (270, 270)


def test_two_credentials_one_of_unknown_length_may_be_two_or_more() -> None:
    """A two-year credential without years beside a one-year one of 1 year: with 3 years they are "two or more"
    (128) and the Canadian education 30, with 1 or 2 years two-year (98) and 15: 105 + 98 + 15 = 218 to
    105 + 128 + 30 = 263, the education factor settled by the credential's years."""
    result = _score(_data("two_year", None, second=True))
    assert (result.low, result.high) == (218, 263)
    factor = _factor(result, "core.education")
    assert (factor.low, factor.high) == (98, 128)
    assert "$.education[0].years" in factor.settled_by
    assert (_score(_data("two_year", 3, second=True)).total, _score(_data("two_year", 2, second=True)).total) == (
        263, 218)


def test_together_may_count_a_credential_without_years() -> None:
    """``together`` reads a credential without years as shorter than 3 years (decided); with ``maybe`` as perhaps
    of 3 years or more: the credentials that may count together."""
    facts = Facts(profile_from_data(_data("two_year", None, second=True)), DAY)
    creds = facts.credentials("applicant", 60)
    assert isinstance(creds, tuple)
    assert together(creds) == ()
    assert len(together(creds, maybe=True)) == 2
    stated = Facts(profile_from_data(_data("two_year", 2, second=True)), DAY).credentials("applicant", 60)
    assert isinstance(stated, tuple)
    assert together(stated, maybe=True) == ()


def test_a_foreign_credential_is_the_length_of_its_eca_level() -> None:
    """A foreign bachelor's without years that its ECA finds equivalent to a two-year diploma, beside a Canadian
    one-year diploma of 1 year: the ECA is conclusive (IRPR s. 75(8)), the two are under 3 years, the level the
    two-year's 98, decided (105 + 98 + 15 for the Canadian one-year)."""
    data = _data("one_year", 1)
    data["education"].append({"level": "bachelors", "country": "IN", "completed": "2018-05-01",
                              "eca": {"issued": "2024-01-10", "level": "two_year"}})
    result = _score(data)
    assert (result.low, result.high) == (105 + 98 + 15,) * 2
