"""The "within reach" of the evaluate command is the plan's: the same programs, days and words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.dates import months_before
from eligibility.engines.run import evaluate
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.profile.model import Profile
from eligibility.render.words import Reach
from eligibility.reporting.assemble import reach_of
from eligibility.reporting.reach import HORIZON_MONTHS, within_reach
from eligibility.timeline.build import plan
from tests.strategies import as_of_dates, declaration_keys, examples, library, profile_data

PROFILES = sorted((Path(__file__).resolve().parents[1] / "profiles").glob("*.yaml"))
DAYS = (dt.date(2024, 1, 1), dt.date(2025, 6, 15), dt.date(2026, 3, 1), dt.date(2026, 11, 30))


def _from_plan(profile: Profile, day: dt.date) -> dict[str, Reach]:
    """The within reach as the evaluate command worked it out before: the whole three-year plan of the
    programs not eligible on the day, read by ``reach_of``."""
    closed = [p.id for p in evaluate(profile, day, library()).programs if p.verdict == "not_eligible"]
    if not closed:
        return {}
    return reach_of(plan(profile, day, months_before(day, -HORIZON_MONTHS), library(), closed))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.stem)
def test_within_reach_is_the_plans_on_the_examples(path: Path) -> None:
    """On every example profile and four dates, within_reach gives the plan's programs, days and causes."""
    profile = load_profile(path, declarations=declaration_keys())
    for day in DAYS:
        assert within_reach(profile, evaluate(profile, day, library()), library()) == _from_plan(profile, day)


def test_a_cook_short_of_hours_is_within_reach_the_day_they_are_reached() -> None:
    """The cook of the examples as of 2024-01-01 reaches CEC (and through it the trades category) on the day
    of the CELPIP test of 2025-09-20, with that test as the cause."""
    profile = load_profile(Path(__file__).resolve().parents[1] / "profiles" / "cook-in-canada.yaml")
    found = within_reach(profile, evaluate(profile, dt.date(2024, 1, 1), library()), library())
    assert found["express-entry/cec"] == Reach(dt.date(2025, 9, 20), "CELPIP-General of 2025-09-20 is taken")
    assert found["category/trades"] == Reach(
        dt.date(2025, 9, 20), "CELPIP-General of 2025-09-20 is taken: express-entry/cec not eligible -> eligible")


@settings(max_examples=examples(20), deadline=None)
@given(profile_data(min_jobs=1), as_of_dates(), st.booleans())
def test_within_reach_is_the_plans_on_generated_profiles(raw: dict[str, Any], day: dt.date, some: bool) -> None:
    """For generated profiles and dates, within_reach equals the plan's reach (with all programs or some)."""
    profile = profile_from_data(raw)
    wanted = ["express-entry/cec", "express-entry/fsw", "category/trades"] if some else None
    evaluation = evaluate(profile, day, library(), wanted)
    closed = [p.id for p in evaluation.programs if p.verdict == "not_eligible"]
    expected = reach_of(plan(profile, day, months_before(day, -HORIZON_MONTHS), library(), closed)) if closed else {}
    assert within_reach(profile, evaluation, library()) == expected
