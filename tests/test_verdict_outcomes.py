"""A kind's compiled outcome (``Kind.outcome``, read by the verdict-only evaluation) equals its decision of its
measure, for every condition of the kind in the rules, on profiles and earlier verdicts of every kind."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import rules
from eligibility.documents import read_document
from eligibility.facts import Facts
from eligibility.kinds import KINDS
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.unknown import UNKNOWN
from tests.strategies import PROVINCES, as_of_dates, examples, profiles
from tests.support import rule_leaves

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "profiles").glob("*.yaml"))
COMPILED = sorted(name for name, kind in KINDS.items() if kind.outcome is not None)
VERDICTS = ("eligible", "not_eligible", "undetermined", "not_in_force", "not_encoded")


#: Every leaf of the rules whose kind has a compiled outcome.
CONDITIONS = rule_leaves(COMPILED)
KEYS = sorted({c.key for c in CONDITIONS if hasattr(c, "key")})
#: Declared values of every kind, right or wrong for the rule reading them.
DECLARED = st.one_of(st.booleans(), st.integers(-5, 1000), st.sampled_from([0.0, 9.5, 299.9, 300.0, 1e14]),
                     st.sampled_from(["", "yes", "true", "300"]))


def test_every_cheap_kind_is_in_the_rules() -> None:
    """The kinds with a compiled outcome each have conditions in the rules, so the property below reads them."""
    assert {c.kind for c in CONDITIONS} == set(COMPILED)
    assert {"program", "declaration", "judgement", "intended_province", "job_offer", "language",
            "education"} <= set(COMPILED)


@settings(max_examples=examples(60), deadline=None)
@given(profile=profiles(), day=as_of_dates(),
       declared=st.one_of(st.dictionaries(st.sampled_from(KEYS), DECLARED, max_size=6),
                          DECLARED.map(lambda value: dict.fromkeys(KEYS, value))),
       province=st.sampled_from([None, *PROVINCES]),
       verdicts=st.dictionaries(st.sampled_from(sorted(rules().programs)), st.sampled_from(VERDICTS)))
def test_compiled_outcome_equals_the_decision(profile: Profile, day: dt.date, declared: dict[str, Any],
                                              province: str | None, verdicts: dict[str, str]) -> None:
    """Generated profiles with declarations of any kind, any intended province (or none) and any earlier verdicts."""
    profile = attrs.evolve(profile, declarations={**profile.declarations, **declared},
                           intended_province=province if province is not None else UNKNOWN)
    _check(profile, day, verdicts)


@pytest.mark.parametrize("value", [True, False, 0, 1, 0.0, 1.0, 299, 299.9, 300, 300.0, 10, "", "yes", "300"])
def test_every_declaration_stated_alike(value: Any) -> None:
    """Every declaration the rules read stated with one value of each kind, on each example profile."""
    for path in EXAMPLES:
        profile = attrs.evolve(profile_from_data(read_document(path)), declarations=dict.fromkeys(KEYS, value))
        _check(profile, dt.date(2026, 3, 1), {})


def _check(profile: Profile, day: dt.date, verdicts: dict[str, str]) -> None:
    library = rules()
    for cond in CONDITIONS:
        kind = KINDS[cond.kind]
        assert kind.outcome is not None
        mm = Measurer(Facts(profile, day), library, dict(verdicts), explain=False)
        expected = kind.decide(cond, kind.measure(cond, mm)).outcome
        mm = Measurer(Facts(profile, day), library, dict(verdicts), explain=False)
        assert kind.outcome(cond)(mm) == expected, (cond.id, cond.kind)


@pytest.mark.parametrize("wage", [None, 38.0, 40.86, 40.87, 45.0])
@pytest.mark.parametrize("noc", ["22220", "21231", "52120"])
def test_job_offer_at_a_listed_wage_floor(noc: str, wage: float | None) -> None:
    """An offer in an occupation with its own hourly floor (GTS: 22220 at $40.87, 52120 at $38.46) or none
    (21231), its wage on each side of the floor: the compiled outcome is the decision, floor included."""
    offer = {"noc": noc, "employer": "Acme", "province": "ON", "hours_per_week": 40, "lmia": "exempt",
             **({"wage_hourly": wage} if wage is not None else {})}
    profile = profile_from_data({"job_offer": offer})
    _check(profile, dt.date(2026, 3, 1), {})
