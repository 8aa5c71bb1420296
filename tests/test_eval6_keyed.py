"""A kind's key worked out without its measure (``Kind.keyed``, read by a version's walk to find a kept result
node) equals its key of its measure, for every condition of the kind in the rules, on profiles stating values
of every type (True, 1 and 1.0 are different keys), any intended province or none, and any earlier verdicts."""

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
from eligibility.kinds.base import typed
from eligibility.measure.context import Measurer
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.unknown import UNKNOWN
from tests.strategies import PROVINCES, as_of_dates, examples, profiles
from tests.support import rule_leaves

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "profiles").glob("*.yaml"))
KEYED = sorted(name for name, kind in KINDS.items() if kind.keyed is not None)
VERDICTS = ("eligible", "not_eligible", "undetermined", "not_in_force", "not_encoded")


#: Every leaf of the rules whose kind has a key without its measure.
CONDITIONS = rule_leaves(KEYED)
KEYS = sorted({c.key for c in CONDITIONS if hasattr(c, "key")})
DECLARED = st.one_of(st.booleans(), st.integers(-5, 1000), st.sampled_from([0.0, -0.0, 1.0, 9.5, 300.0, 1e14]),
                     st.sampled_from(["", "yes", "true", "300"]), st.none())


def test_the_kinds_kept_by_key_without_measuring() -> None:
    """The kinds whose measure is always a few plain values find their node without measuring, and each has
    conditions in the rules, so the properties below read them."""
    assert set(KEYED) == {"age", "declaration", "intended_province", "judgement", "program"}
    assert {c.kind for c in CONDITIONS} == set(KEYED)


def _check(profile: Profile, day: dt.date, verdicts: dict[str, str]) -> None:
    library = rules()
    for cond in CONDITIONS:
        kind = KINDS[cond.kind]
        assert kind.keyed is not None and kind.key is not None
        mm = Measurer(Facts(profile, day), library, dict(verdicts))
        expected = kind.key(cond, kind.measure(cond, mm))
        found = kind.keyed(cond)(Measurer(Facts(profile, day), library, dict(verdicts)))
        assert found == expected, (cond.id, cond.kind)
        assert hash(found) == hash(expected)


@settings(max_examples=examples(60), deadline=None)
@given(profile=profiles(), day=as_of_dates(),
       declared=st.one_of(st.dictionaries(st.sampled_from(KEYS), DECLARED, max_size=6),
                          DECLARED.map(lambda value: dict.fromkeys(KEYS, value))),
       province=st.sampled_from([None, *PROVINCES]),
       verdicts=st.dictionaries(st.sampled_from(sorted(rules().programs)), st.sampled_from(VERDICTS)))
def test_key_without_measure_equals_the_key_of_the_measure(profile: Profile, day: dt.date, declared: dict[str, Any],
                                                           province: str | None, verdicts: dict[str, str]) -> None:
    """Generated profiles with declarations of any type, any intended province (or none) and any earlier verdicts."""
    profile = attrs.evolve(profile, declarations={**profile.declarations, **declared},
                           intended_province=province if province is not None else UNKNOWN)
    _check(profile, day, verdicts)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_on_the_examples(path: Path) -> None:
    """Each example profile as written, and without its birth date."""
    profile = profile_from_data(read_document(path))
    _check(profile, dt.date(2026, 3, 1), {})
    _check(attrs.evolve(profile, birth_date=UNKNOWN), dt.date(2026, 3, 1), {})


def test_true_one_and_one_point_zero_are_three_keys() -> None:
    """A declaration stated True, 1 and 1.0 (equal to Python's ==) gives three different keys: each reads
    differently ("= True", "= 1", "= 1.0"), so none may be given another's node."""
    cond = next(c for c in CONDITIONS if c.kind == "declaration")
    keyed = KINDS["declaration"].keyed
    assert keyed is not None

    def key_of(declarations: dict[str, Any]) -> Any:
        profile = profile_from_data({"declarations": declarations})
        return keyed(cond)(Measurer(Facts(profile, dt.date(2026, 3, 1)), rules(), {}))

    keys = [key_of({cond.key: v}) for v in (True, 1, 1.0)]
    assert len(set(keys)) == 3
    assert keys[0] == (True, typed(True))
    assert key_of({}) == (False, typed(None))
