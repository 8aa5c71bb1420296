"""The fast paths of the evaluation give exactly what the plain paths give.

Result nodes kept per value (age, province, declaration, judgement, program), the compiled plans, the
integer hour counting and the receipt's digest written straight from the profile are all checked here
against the same computation done the plain way, on the example profiles and on generated ones.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from eligibility.converter import unstructure
from eligibility.engines.digest import canonical_json
from eligibility.engines.run import evaluate, library_plan
from eligibility.evaluator.engine import evaluate_program, native_leaf
from eligibility.facts import Facts
from eligibility.kinds.base import LeafOutcome, plain
from eligibility.measure.cache import IdentityCache, forget_kept
from eligibility.measure.context import Measurer
from eligibility.profile.load import load_profile, profile_from_data
from eligibility.profile.model import Profile
from eligibility.result import Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Leaf
from eligibility.unknown import UNKNOWN
from tests.strategies import as_of_dates, examples, library, profiles

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "profiles").glob("*.yaml"))
DAY = dt.date(2026, 3, 1)


def plain_way(cond: Leaf, mm: Measurer) -> LeafOutcome:
    """The native decision through another function: the evaluator then builds every node anew."""
    return native_leaf(cond, mm)


def both_ways(profile: Profile, day: dt.date, lib: Library) -> tuple[dict[str, Any], dict[str, Any]]:
    """Every program's engine result as plain data: with kept nodes (evaluated twice, the second time from the
    nodes kept by the first), and with every node built anew; programs in evaluation order."""
    kept: dict[str, Any] = {}
    anew: dict[str, Any] = {}
    for _ in range(2):
        facts, kept_verdicts, anew_verdicts = Facts(profile, day), {}, {}
        for pid in library_plan(lib).needed(frozenset(lib.programs)):
            program = lib.programs[pid]
            result = evaluate_program(program, facts, lib, kept_verdicts)
            kept_verdicts[pid], kept[pid] = result.verdict, unstructure(result)
            result = evaluate_program(program, Facts(profile, day), lib, anew_verdicts, plain_way)
            anew_verdicts[pid], anew[pid] = result.verdict, unstructure(result)
    return kept, anew


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_kept_nodes_equal_nodes_built_anew_on_the_examples(path: Path) -> None:
    """Each example's results from kept nodes equal the results built anew, program by program."""
    kept, anew = both_ways(load_profile(path), DAY, library())
    assert kept == anew


@settings(max_examples=examples(40), deadline=None)
@given(profiles(), as_of_dates())
def test_kept_nodes_equal_nodes_built_anew(profile: Profile, day: dt.date) -> None:
    """On any profile and date, the results from kept nodes equal the results built anew."""
    kept, anew = both_ways(profile, day, library())
    assert kept == anew




def test_plain_writes_a_mapping_s_keys_as_text_and_its_tuples_as_lists() -> None:
    """A dict of another class is copied like a dict: its keys written as text, tuples inside as lists."""
    assert plain(OrderedDict([(1, (2, dt.date(2025, 6, 1)))])) == {"1": [2, "2025-06-01"]}

def claims_plain(cond: Leaf, mm: Measurer) -> LeafOutcome:
    """The native decision, checking that a leaf that says its values are plain JSON gives values that are."""
    leaf = native_leaf(cond, mm)
    if leaf.plain:
        assert plain(leaf.observed) == leaf.observed, cond.id
        assert plain(leaf.required) == leaf.required, cond.id
        assert [plain(e) for e in leaf.evidence] == list(leaf.evidence), cond.id
    return leaf


@settings(max_examples=examples(40), deadline=None)
@given(profiles(), as_of_dates())
def test_a_leaf_that_claims_plain_values_gives_plain_values(profile: Profile, day: dt.date) -> None:
    """A kind's report that marks its values plain JSON (so the result node takes them uncopied) gives exactly
    what copying them to plain JSON gives: lists not tuples, text keys, ISO dates."""
    lib, facts = library(), Facts(profile, day)
    verdicts: dict[str, Verdict] = {}
    for pid in library_plan(lib).needed(frozenset(lib.programs)):
        verdicts[pid] = evaluate_program(lib.programs[pid], facts, lib, verdicts, claims_plain).verdict

def test_a_kept_node_tells_true_from_one() -> None:
    """A declaration stated true and one stated 1 are different values: the second is not given the first's node."""
    lib = library()
    base: dict[str, Any] = {"name": "Declares", "declarations": {"serving_in_recognized_foreign_military": True}}
    first = evaluate(profile_from_data(base), DAY, lib).program("category/military")
    base["declarations"]["serving_in_recognized_foreign_military"] = 1
    second = evaluate(profile_from_data(base), DAY, lib).program("category/military")

    def said(result: Any) -> list[str]:
        stack, out = list(result.conditions), []
        while stack:
            node = stack.pop()
            stack.extend(node.conditions)
            if node.kind == "declaration" and "serving_in_recognized_foreign_military" in node.explanation:
                out.append(node.explanation)
        return out

    assert said(first) and all("= True" in text for text in said(first))
    assert said(second) and all("= 1;" in text for text in said(second))


@settings(max_examples=examples(60), deadline=None)
@given(profiles())
def test_the_digest_text_is_json_dumps_of_the_profile_data(profile: Profile) -> None:
    """canonical_json writes exactly json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False)."""
    assert canonical_json(profile) == json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False,
                                                 default=str)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_digest_text_of_each_example(path: Path) -> None:
    """The example profiles' canonical text is json.dumps of their data, odd characters and all."""
    profile = load_profile(path)
    assert canonical_json(profile) == json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False,
                                                 default=str)


def test_odd_text_and_numbers_are_written_as_json_dumps_writes_them() -> None:
    """Quotes, escapes, non-ASCII text, small and large floats and booleans come out as json.dumps writes them."""
    profile = profile_from_data({"name": 'Zoë "Q" \n\t\\ 日本', "funds_cad": 1e-7,
                                 "declarations": {"b": 1.5, "a": True, "é": 1e14, "n": 3, "s": "x"}})
    assert canonical_json(profile) == json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False,
                                                 default=str)


@pytest.mark.parametrize("changes", [
    {"hours_per_week": 40}, {"hours_per_week": float("nan")}, {"hours_per_week": float("-inf")}, {"paid": 1},
    {"title": UNKNOWN}, {"employer": UNKNOWN, "noc": UNKNOWN}, {"province": ("BC", 1.5)},
    {"employer": {"b": None, "a": [dt.date(2020, 1, 2)]}}, {"country": True}],
    ids=lambda changes: ",".join(changes))
def test_a_job_value_of_a_type_its_field_does_not_declare_is_written_as_json_dumps_writes_it(
        changes: dict[str, Any]) -> None:
    """The writer made for a class tests each value for its declared type first: any other type (an int hours,
    a NaN, an unknown left out with its key, a list or a dict where text is declared) is written all the same."""
    profile = profile_from_data({"work": [{"start": "2020-01-01", "hours_per_week": 30.5, "country": "CA"}]})
    job = attrs.evolve(profile.work[0], **changes)  # frozen classes check no types: callers can build anything
    odd = attrs.evolve(profile, work=(job, profile.work[0]))
    assert canonical_json(odd) == json.dumps(unstructure(odd), sort_keys=True, ensure_ascii=False, default=str)


def test_an_identity_cache_forgets_an_object_that_is_gone() -> None:
    """A value kept for an object is dropped with the object, so a new object never gets an old value."""
    class Thing:
        pass

    cache: IdentityCache[Thing, int] = IdentityCache()
    thing = Thing()
    assert cache.get(thing, lambda _: 1) == 1
    assert cache.get(thing, lambda _: 2) == 1
    del thing
    gc.collect()
    assert cache._items == {}


def test_a_cleared_identity_cache_builds_again_and_leaves_no_finalizer() -> None:
    """After clear() a value is built anew, and the object's first finalizer no longer drops the new entry."""
    class Thing:
        pass

    cache: IdentityCache[Thing, int] = IdentityCache()
    thing = Thing()
    cache.get(thing, lambda _: 1)
    cache.clear()
    assert cache.find(thing) is None
    assert cache.get(thing, lambda _: 2) == 2
    assert len(cache._finalizers) == 1
    del thing
    gc.collect()
    assert cache._items == {} and cache._finalizers == {}


def _node_ids(evaluation: Any) -> set[int]:
    out: set[int] = set()
    todo = [c for p in evaluation.programs for c in p.conditions]
    while todo:
        node = todo.pop()
        out.add(id(node))
        todo.extend(node.conditions)
    return out


def test_forgetting_kept_values_builds_result_nodes_and_selectors_again() -> None:
    """forget_kept() empties the evaluator's kept result nodes and the selectors' answers: an evaluation after
    it shares no node with the one before (one without it does) and gives the same results."""
    from eligibility.measure import occupations

    profile = load_profile(ROOT / "profiles" / "married-couple.yaml")
    lib = library()
    # A version's first evaluation walks its plan node by node; its walk, which keeps the nodes, is written on
    # its second (engines.run.LibraryPlan.native_steps): the nodes are kept from then on, whatever ran before.
    evaluate(profile, DAY, lib)
    before = evaluate(profile, DAY, lib)
    assert _node_ids(evaluate(profile, DAY, lib)) & _node_ids(before)
    assert occupations._ANSWERS._items
    forget_kept()
    assert occupations._ANSWERS._items == {}
    after = evaluate(profile, DAY, lib)
    assert after.programs == before.programs
    assert not _node_ids(after) & _node_ids(before)


def test_repeated_evaluations_keep_no_more_selectors() -> None:
    """Evaluating the same married couple again and again keeps no new occupation selector after the first
    time (a selector that held its own key was never dropped: memory grew with every batch row)."""
    from eligibility.measure import occupations

    profile = load_profile(ROOT / "profiles" / "married-couple.yaml")
    lib = library()
    day = dt.date(2026, 3, 1)
    evaluate(profile, day, lib)
    gc.collect()
    kept = len(occupations._ANSWERS._items)
    for _ in range(20):
        evaluate(profile, day, lib)
    gc.collect()
    assert len(occupations._ANSWERS._items) == kept
