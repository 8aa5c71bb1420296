"""The evaluation's fast paths of the ninth session (eval11) give what the plain paths give.

- The native engine's steps written as one function per selection and day (``LibraryPlan.native_run``) give the
  results the engine's loop gives program by program: the same results in the same order, each with the freshness
  caveats of its day. The loop is reached through an engine whose ``evaluate_program`` is the native one behind
  another function (``evaluate`` then cannot take the native steps itself).
- The result nodes and program results a walk makes from copies of ready dicts (``evaluator.walk._node``,
  ``_combined``, ``_settle``) are the classes' own instances as attrs would make them: their fields in the
  order attrs declares them, frozen, equal to the same values built by the classes' constructors.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Hashable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from eligibility.converter import unstructure
from eligibility.engines.run import evaluate, library_plan
from eligibility.evaluator.engine import evaluate_program
from eligibility.facts import Facts
from eligibility.kinds import job_offer
from eligibility.kinds.base import typed
from eligibility.kinds.job_offer import _offer_key
from eligibility.measure.cache import forget_kept
from eligibility.measure.context import Measurer
from eligibility.profile.load import load_profile
from eligibility.profile.model import Profile
from eligibility.result import ConditionResult, Evaluation, ProgramResult, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Program
from tests.strategies import as_of_dates, examples, library, profiles

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
DAY = dt.date(2026, 3, 1)
#: A day after every program's rules were last checked: each result then carries a freshness caveat.
STALE = dt.date(2031, 1, 1)


class Loop:
    """The native engine behind another function: ``evaluate`` takes its generic loop, program by program."""

    name = "native"

    def evaluate_program(self, program: Program, facts: Facts, lib: Library,
                         verdicts: dict[str, Verdict]) -> ProgramResult:
        """The native evaluator's result for ``program``."""
        return evaluate_program(program, facts, lib, verdicts)


def selections(lib: Library) -> list[frozenset[str] | None]:
    """Every program (None); one program alone; one that reads another's verdict; two programs."""
    plan = library_plan(lib)
    reader = next(pid for pid in plan.order if plan.depends[pid])
    ids = sorted(lib.programs)
    return [None, frozenset({ids[0]}), frozenset({reader}), frozenset({ids[1], ids[-1]})]


def both(profile: Profile, day: dt.date, lib: Library) -> Iterator[tuple[Evaluation, Evaluation]]:
    """Each selection evaluated three times (a version's first evaluation walks its plan, the second writes its
    walk, the third takes the written steps) by ``evaluate`` and by the loop."""
    for wanted in selections(lib):
        for _ in range(3):
            yield (evaluate(profile, day, lib, wanted),
                   evaluate(profile, day, lib, wanted, engine=Loop()))  # type: ignore[arg-type]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("day", [DAY, STALE], ids=str)
def test_the_written_steps_give_what_the_loop_gives_on_the_examples(path: Path, day: dt.date) -> None:
    """Each example on a day without freshness caveats and on one with: the same evaluation both ways."""
    for fast, loop in both(load_profile(path), day, library()):
        assert unstructure(fast) == unstructure(loop)
        assert [p.id for p in fast.programs] == sorted(p.id for p in fast.programs)


@settings(max_examples=examples(30), deadline=None)
@given(profiles(), as_of_dates())
def test_the_written_steps_give_what_the_loop_gives(profile: Profile, day: dt.date) -> None:
    """On any profile and date, the same evaluation both ways."""
    for fast, loop in both(profile, day, library()):
        assert unstructure(fast) == unstructure(loop)


def test_the_steps_are_written_only_where_no_result_takes_a_freshness_caveat() -> None:
    """On 1 March 2026 (no program's rules checked before it) the steps of every selection are written once the
    walks are; on a day after every check, never, and each result there ends with its rules-checked caveat."""
    lib = library()
    profile = load_profile(EXAMPLES[0])
    plan = library_plan(lib)
    for wanted in selections(lib):
        chosen = frozenset(lib.programs) if wanted is None else wanted
        for _ in range(3):
            evaluate(profile, DAY, lib, wanted)
            stale = evaluate(profile, STALE, lib, wanted)
        assert plan.native_run(chosen, DAY) is not None
        assert plan.native_run(chosen, STALE) is None
        for result in stale.programs:
            assert any(c.condition == "rules-checked" for c in result.caveats), result.id


def _nodes(nodes: tuple[ConditionResult, ...]) -> Iterator[ConditionResult]:
    for node in nodes:
        yield node
        yield from _nodes(node.conditions)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_nodes_made_from_ready_dicts_are_the_classes_own_instances(path: Path) -> None:
    """Every result node and program result of a walked evaluation: of the class itself, its fields in attrs'
    order and nothing else, frozen, and equal to the same values passed to the constructor."""
    lib = library()
    profile = load_profile(path)
    for _ in range(3):
        evaluation = evaluate(profile, DAY, lib)
    for cls, objects in ((ProgramResult, list(evaluation.programs)),
                         (ConditionResult, [n for p in evaluation.programs for n in _nodes(p.conditions)])):
        names = [f.name for f in attrs.fields(cls)]
        assert objects
        for made in objects:
            assert type(made) is cls
            assert list(vars(made)) == names
            with pytest.raises(attrs.exceptions.FrozenInstanceError):
                made.id = "changed"  # type: ignore[misc]
            assert cls(**{name: getattr(made, name) for name in names}) == made


def test_typed_tells_apart_what_equality_does_not() -> None:
    """True, 1 and 1.0 are equal and hash alike, as are False, 0 and 0.0: their keys differ. A key is the value's
    type and its repr, the same for the values found by identity (True, False, None) as for any other."""
    assert typed(True) == (bool, "True") and typed(False) == (bool, "False")
    assert typed(None) == (type(None), "None")
    assert len({typed(True), typed(1), typed(1.0), typed(False), typed(0), typed(0.0), typed(-0.0), typed(None),
                typed("True")}) == 9
    assert typed(2.5) == (float, "2.5") and typed("yes") == (str, "'yes'")


def test_one_key_function_of_many_conditions_is_called_once_a_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The job offer conditions that name no trade share one key function (the same key for all of them in an
    evaluation): a version's walk holding several such conditions calls it once an evaluation, and the results are
    those of the function called for each condition."""
    lib = library()
    profile = load_profile(EXAMPLES[0])
    before = unstructure(evaluate(profile, DAY, lib))
    calls: list[object] = []

    def counted(mm: Measurer) -> Hashable | None:
        calls.append(sys._getframe(1).f_code)
        return _offer_key(mm)

    forget_kept()  # plans made anew, with the counting function as the conditions' key
    monkeypatch.setattr(job_offer, "_offer_key", counted)
    try:
        for _ in range(3):
            evaluate(profile, DAY, lib)
        walks = [step for _, step in library_plan(lib).native_steps(frozenset(lib.programs), DAY)
                 if type(step) is not ProgramResult]
        holding = [w for w in walks if sum(1 for v in w.__globals__.values() if v is counted) >= 2]
        assert holding, "no version holds two job offer conditions without a trade"
        calls.clear()
        assert unstructure(evaluate(profile, DAY, lib)) == before
        assert calls
        assert all(calls.count(code) == 1 for code in calls)
        assert {w.__code__ for w in holding} <= set(calls)
    finally:
        monkeypatch.undo()
        forget_kept()
