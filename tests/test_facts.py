"""What Facts says of a spouse the profile rules out or leaves unsaid: none, or not known."""

from __future__ import annotations

import datetime as dt

import pytest

from eligibility.facts import Facts
from eligibility.profile.load import profile_from_data
from eligibility.unknown import UNKNOWN

AS_OF = dt.date(2025, 6, 1)


@pytest.mark.parametrize("status", ["single", "divorced", "widowed", "separated"])
def test_a_person_without_a_spouse_has_a_spouse_with_nothing(status: str) -> None:
    """Without a spouse, the spouse's tests, credentials and jobs are none (known to be empty), not unknown."""
    facts = Facts(profile_from_data({"marital_status": status}), AS_OF)
    assert facts.spouse() is None
    assert facts.tests("spouse", 24) == ()
    assert facts.education("spouse") == ()
    assert facts.credentials("spouse", 60) == ()
    assert facts.jobs("spouse") == ()


def test_a_married_person_who_says_nothing_of_the_spouse_has_a_spouse_not_known() -> None:
    """Married with no spouse written: the spouse and each of the spouse's facts are unknown."""
    facts = Facts(profile_from_data({"marital_status": "married"}), AS_OF)
    assert facts.spouse() is UNKNOWN
    assert facts.tests("spouse", 24) is UNKNOWN
    assert facts.education("spouse") is UNKNOWN
    assert facts.credentials("spouse", 60) is UNKNOWN
    assert facts.jobs("spouse") is UNKNOWN
