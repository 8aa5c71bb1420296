"""What a condition kind's result shows for settings no packaged ruleset writes today, in both engines: a
job offer that must not be seasonal, settlement funds with no exemption, an intended province with no list
or both, an age with only a maximum, a number declared as text (a profile the loader did not check).

The probe rules are written here; every expected figure and text follows from them and the profile.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from typing import Any

import pytest

from eligibility.engines.run import evaluate
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult
from eligibility.rulebook.library import Library, load_library

HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
ENGINES = ["native", pytest.param("durable", marks=pytest.mark.skipif(not HAS_DURABLE, reason="no durable engine"))]
AS_OF = dt.date(2025, 6, 1)

SOURCES = """
sources:
  - {id: law, title: a law, url: "https://example.org/law", checked: 2026-11-30, confidence: official}
"""

PROGRAM = """
id: probe/kinds
title: Kind probe
authority: tests
kind: permanent_residence
""" + SOURCES + """
versions:
  - from: 2025-01-01
    to: null
    conditions:
      - {id: offer, kind: job_offer, says: a non-seasonal offer, non_seasonal: true, citations: [{source: law}]}
      - {id: funds, kind: funds, says: enough funds, table: probe-funds, citations: [{source: law}]}
      - {id: somewhere, kind: intended_province, says: intends to live in some province, citations: [{source: law}]}
      - {id: years, kind: declaration, says: at least 10 years, key: years, min: 10, citations: [{source: law}]}
      - {id: young, kind: age, says: at most 44 years old, max: 44, citations: [{source: law}]}
      - {id: west, kind: intended_province, says: "lives west of Quebec, but not in Alberta",
         allowed: [ON, MB, SK, AB, BC], excluded: [AB], citations: [{source: law}]}
"""

TABLE = """
id: probe-funds
title: Probe funds
""" + SOURCES + """
versions:
  - from: 2025-01-01
    to: null
    amounts: {1: 12000, 2: 15000}
    each_additional: 3000
    citations: [{source: law}]
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The probe program and its funds table."""
    root = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    (root / "tables").mkdir()
    (root / "probe" / "kinds.yaml").write_text(PROGRAM, encoding="utf-8")
    (root / "tables" / "probe-funds.yaml").write_text(TABLE, encoding="utf-8")
    return load_library(root)


def _condition(library: Library, engine: str, cid: str, **profile: Any) -> ConditionResult:
    data = {"marital_status": "single", "children": 0, **profile}
    result = evaluate(profile_from_data(data), AS_OF, library, engine=engine).program("probe/kinds")
    return next(c for c in result.conditions if c.id == cid)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_seasonal_offer_fails_a_rule_asking_for_non_seasonal_work(library: Library, engine: str) -> None:
    """A seasonal offer fails the seasonal check, worded "seasonal"; a non-seasonal one passes, "not seasonal"."""
    offer = {"noc": "72200", "employer": "Maple Co", "province": "ON", "hours_per_week": 40, "lmia": "positive"}
    seasonal = _condition(library, engine, "offer", job_offer={**offer, "seasonal": True})
    assert seasonal.outcome == "fail"
    assert seasonal.evidence == ({"check": "seasonal", "outcome": "fail", "detail": "seasonal"},)
    assert seasonal.explanation == "seasonal: seasonal"
    assert seasonal.required == {"non_seasonal": True}
    steady = _condition(library, engine, "offer", job_offer={**offer, "seasonal": False})
    assert steady.outcome == "pass"
    assert steady.evidence == ({"check": "seasonal", "outcome": "pass", "detail": "not seasonal"},)
    assert steady.explanation == "the offer meets every requirement"


@pytest.mark.parametrize("engine", ENGINES)
def test_funds_without_an_exemption_compare_the_funds_with_the_amount(library: Library, engine: str) -> None:
    """With no exemption, $11,999 for one person fails the $12,000 of the probe table and $12,000 passes."""
    short = _condition(library, engine, "funds", funds_cad=11999)
    assert short.outcome == "fail"
    assert short.observed == 11999
    assert short.required == {"cad": 12000, "family_size": 1, "table_from": "2025-01-01"}
    assert short.explanation == ("$11,999 available; $12,000 needed for a family of 1 "
                                 "(2025 table, in force since 2025-01-01; official source)")
    assert short.evidence == ({"table": "probe-funds", "from": "2025-01-01", "family_size": 1,
                               "family_size_exact": True, "amount": 12000, "confidence": "official"},)
    assert _condition(library, engine, "funds", funds_cad=12000).outcome == "pass"
    assert _condition(library, engine, "funds").outcome == "unknown"


@pytest.mark.parametrize("engine", ENGINES)
def test_an_intended_province_rule_without_lists_asks_only_for_a_province(library: Library, engine: str) -> None:
    """With neither allowed nor excluded provinces, any province given passes; none given is unknown."""
    given = _condition(library, engine, "somewhere", intended_province="NS")
    assert (given.outcome, given.observed, given.required) == ("pass", "NS", {"allowed": None, "excluded": []})
    assert given.explanation == "intends to live in NS; needs any province"
    assert _condition(library, engine, "somewhere").outcome == "unknown"


@pytest.mark.parametrize("engine", ENGINES)
def test_an_intended_province_rule_with_both_lists_names_both(library: Library, engine: str) -> None:
    """Allowed and excluded provinces together: Alberta is allowed but excluded, so it fails; both lists are named."""
    alberta = _condition(library, engine, "west", intended_province="AB")
    assert alberta.outcome == "fail"
    assert alberta.explanation == "intends to live in AB; needs one of ON, MB, SK, AB, BC, not AB"
    assert _condition(library, engine, "west", intended_province="SK").outcome == "pass"


@pytest.mark.parametrize("engine", ENGINES)
def test_an_age_rule_with_only_a_maximum(library: Library, engine: str) -> None:
    """At most 44: 44 the day before the 45th birthday passes, 45 on it fails; no minimum is asked."""
    last_day = _condition(library, engine, "young", birth_date="1980-06-02")
    assert (last_day.outcome, last_day.observed, last_day.required) == ("pass", 44, {"min": None, "max": 44})
    assert last_day.explanation == "44 years old on 2025-06-01"
    birthday = _condition(library, engine, "young", birth_date="1980-06-01")
    assert (birthday.outcome, birthday.observed) == ("fail", 45)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_declared_number_given_as_text_is_unknown(library: Library, engine: str) -> None:
    """A rule asking for at least 10 and a profile stating "ten": not settled, and the explanation says why."""
    text = _condition(library, engine, "years", declarations={"years": "ten"})
    assert (text.outcome, text.observed) == ("unknown", "ten")
    assert text.explanation == "declarations.years should be a number"
    assert _condition(library, engine, "years", declarations={"years": 10}).outcome == "pass"


def test_the_probe_rules_are_read_from_this_folder(library: Library) -> None:
    """The probe library holds the probe program and table only (no packaged rules leak into it)."""
    assert set(library.programs) == {"probe/kinds"}
    assert set(library.tables) == {"probe-funds"}
    assert Path(library.programs["probe/kinds"].path).name == "kinds.yaml"
