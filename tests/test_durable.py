"""The durable-rules backend: its compiler, its driver's sentinel and cleanup, and its error when missing."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path

import pytest

from eligibility.engines.durable_compile import SENTINEL, compile_library
from eligibility.engines.durable_session import MISSING_EXTRA, checked, engine_module
from eligibility.engines.run import evaluate
from eligibility.errors import UsageError
from eligibility.facts import Facts
from eligibility.kinds.base import MAX_ALTERNATIVES, Test, any_of, conj, tag
from eligibility.noc import noc_table
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import (
    JobOfferCondition,
    Occupations,
    Program,
    Source,
    Version,
    WorkExperienceCondition,
)

HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
needs_durable = pytest.mark.skipif(not HAS_DURABLE, reason="durable_rules_engine is not installed (the "
                                                            "optional 'durable' extra, CPython 3.12 or older)")
ROOT = Path(__file__).resolve().parents[1]


def _library_with(occupations: Occupations, digest: str) -> Library:
    """A one-program library: a year of work in ``occupations``, and a job offer in one of them."""
    leaf = WorkExperienceCondition("work", "A year of work in a listed occupation", occupations, 1560, 36)
    offer = JobOfferCondition("offer", "An offer in a listed occupation", occupations=occupations)
    program = Program("test/long-list", "Long list", "test", "permanent_residence",
                      (Source("s", "s", "https://example.org", dt.date(2026, 1, 1)),),
                      (Version(dt.date(2020, 1, 1), conditions=(leaf, offer)),))
    return Library({program.id: program}, {}, {}, digest, "<test>")


def _alternatives(expr: object) -> list[int]:
    """The size of every ``$or`` in a durable expression tree."""
    found: list[int] = []
    if isinstance(expr, dict):
        for key, value in expr.items():
            if key == "$or":
                found.append(len(value))
            found += _alternatives(value)
    elif isinstance(expr, list):
        for item in expr:
            found += _alternatives(item)
    return found


def test_missing_module_gives_one_line_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without durable_rules_engine the durable engine raises the one-line UsageError naming the extra."""
    monkeypatch.setitem(sys.modules, "durable_rules_engine", None)
    with pytest.raises(UsageError) as caught:
        engine_module()
    assert str(caught.value) == MISSING_EXTRA
    assert "\n" not in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    profile = profile_from_data({"funds_cad": 1000})
    with pytest.raises(UsageError, match=r"pip install 'eligibility\[durable\]'"):
        evaluate(profile, dt.date(2025, 1, 1), load_library(), engine="durable")


def test_negation_covers_every_operator() -> None:
    """Each atomic test's fail rule is its exact negation, and ``in`` becomes an ``$or`` of equalities."""
    assert Test("a", ">=", 3).negated() == Test("a", "<", 3)
    assert Test("a", "in", [1, 2]).expr() == {"$or": [{"a": 1}, {"a": 2}]}
    assert Test("a", "in", [1, 2]).negated().expr() == {"$and": [{"$neq": {"a": 1}}, {"$neq": {"a": 2}}]}
    check = conj(Test("x", "==", 1), Test("y", "<=", 2))
    assert check.passes == {"$and": [{"x": 1}, {"$lte": {"y": 2}}]}
    assert check.fails == ({"$neq": {"x": 1}}, {"$gt": {"y": 2}})


def test_any_of_refuses_an_or_durable_cannot_build() -> None:
    """An ``$or`` longer than MAX_ALTERNATIVES is refused instead of hanging ruleset creation."""
    with pytest.raises(ValueError, match="alternatives"):
        any_of([{"a": i} for i in range(MAX_ALTERNATIVES + 1)])


def test_declared_values_compare_as_python_does() -> None:
    """Declared values are compared as typed text: True, 1 and 1.0 agree; text never equals a number."""
    assert tag(True) == tag(1) == tag(1.0)
    assert tag("1") != tag(1)
    assert tag(None) == "none"


def test_facts_are_type_checked() -> None:
    """Booleans, reserved keys and non-finite numbers never reach the engine."""
    assert checked({"hours": 1.5, "noc": "21231"}) == {"hours": 1.5, "noc": "21231"}
    with pytest.raises(TypeError):
        checked({"flag": True})
    with pytest.raises(ValueError, match="reserved"):
        checked({"id": 3})
    with pytest.raises(ValueError, match="finite"):
        checked({"hours": float("nan")})


def test_compiled_library_keeps_every_or_short() -> None:
    """The packaged library compiles with no ``$or`` over MAX_ALTERNATIVES and one key per check."""
    compiled = compile_library(load_library())
    assert SENTINEL in compiled.rules
    assert max(_alternatives(compiled.rules), default=0) <= MAX_ALTERNATIVES
    assert all(k.count("|") == 1 for k in compiled.rules if k != SENTINEL)
    assert len(set(compiled.buckets.values())) < MAX_ALTERNATIVES


@needs_durable
def test_sentinel_fires_first_and_session_is_deleted() -> None:
    """Every session runs the sentinel action, so deleting a session where nothing else fired is safe."""
    from eligibility.engines.durable_session import ruleset_for

    ruleset = ruleset_for(load_library())
    for _ in range(50):
        with ruleset.session() as session:
            assert session.fired == 0
        assert session.fired == 1 and session.asserted == 1
        # The session is gone: reading its state fails with error code 309.
        with pytest.raises(ruleset.engine.error, match="309"):
            ruleset.engine.get_state(ruleset.handle, session.sid)


@needs_durable
def test_missing_field_is_unknown() -> None:
    """A fact without the field a check tests fires neither rule: the check is unknown."""
    from eligibility.engines.durable_session import ruleset_for

    ruleset = ruleset_for(_library_with(Occupations(teer=(0, 1)), "missing-field-test"))
    key = "L0.hours"
    with ruleset.session() as session:
        assert session.decide(key, [{}, {"low": 0.0, "high": 0.0}, {"low": 1e6, "high": 1e6}]) == [
            "unknown", "fail", "pass"]


@needs_durable
def test_unknown_work_history_is_unknown_in_both_engines() -> None:
    """A profile without a work history leaves every work condition unknown in the durable engine."""
    profile = profile_from_data({"funds_cad": 1000, "language_tests": []})
    result = evaluate(profile, dt.date(2025, 1, 1), load_library(), ["express-entry/cec"], engine="durable")
    work = next(c for c in result.programs[0].conditions if c.kind == "work_experience")
    assert work.outcome == "unknown"


@needs_durable
def test_1100_evaluations_stay_under_the_session_cap() -> None:
    """1,100 evaluations in a row (each program a session) never reach durable's 1,024 live sessions."""
    library = load_library()
    profile = load_profile(ROOT / "profiles" / "ayesha-software-engineer.yaml")
    for _ in range(1100):
        evaluate(profile, dt.date(2026, 11, 21), library, ["express-entry/fsw"], engine="durable")


@needs_durable
def test_session_is_deleted_when_evaluation_raises() -> None:
    """A session is deleted even when the code using it raises, 1,100 times over."""
    from eligibility.engines.durable_session import ruleset_for

    ruleset = ruleset_for(load_library())
    for _ in range(1100):
        with pytest.raises(RuntimeError), ruleset.session():
            raise RuntimeError("boom")
    with ruleset.session() as session:
        assert session.run([]) == [("__begin", None)]


@needs_durable
def test_long_occupation_list_is_split_and_still_matches() -> None:
    """A list of every unit group (over 400 codes) compiles in parts, and durable's membership agrees with native."""
    from eligibility.engines.durable_session import ruleset_for

    codes = tuple(u.code for u in noc_table().unit_groups())
    library = _library_with(Occupations(codes=codes[1:], exclude=("72",)), "long-list-test")
    ruleset = ruleset_for(library)
    assert sum(1 for k in ruleset.compiled.buckets if ".listed" in k) >= 2
    for code in (codes[0], codes[-1], "72010", codes[len(codes) // 2]):
        data = {"work": [{"start": "2022-01-01", "end": "2023-12-31", "hours_per_week": 40, "country": "CA",
                          "noc": code}], "job_offer": {"noc": code}}
        profile = profile_from_data(data)
        native = evaluate(profile, dt.date(2024, 6, 1), library)
        durable = evaluate(profile, dt.date(2024, 6, 1), library, engine="durable")
        assert durable.programs[0].conditions == native.programs[0].conditions
        assert native.programs[0].conditions[1].outcome == ("fail" if code in ("72010", codes[0]) else "pass")


@needs_durable
def test_engines_share_one_ruleset_per_library() -> None:
    """Two durable engines evaluating one library use the same ruleset; evaluating leaves no session behind."""
    from eligibility.engines.durable import DurableEngine
    from eligibility.engines.durable_session import ruleset_for

    library = load_library()
    first, second = DurableEngine(), DurableEngine()
    program = library.programs["express-entry/fsw"]
    result = first.evaluate_program(program, Facts(profile_from_data({}), dt.date(2025, 1, 1)), library, {})
    second.evaluate_program(program, Facts(profile_from_data({}), dt.date(2025, 1, 1)), library, {})
    assert result.verdict == "undetermined"
    assert ruleset_for(library) is ruleset_for(load_library())
