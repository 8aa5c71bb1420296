"""The bounds' quick check (``limits.within``) lets through exactly the data the full walk finds no problem in."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.limits import (
    MAX_DEPTH,
    MAX_ITEMS,
    MAX_KEY,
    MAX_NUMBER,
    MAX_TEXT,
    MAX_VALUES,
    value_problems,
    walk_problems,
    within,
)
from tests.strategies import examples

#: Scalars on both sides of each bound: numbers at the magnitude limit, non-finite floats, text at the length
#: limit, non-ASCII text and lone surrogates.
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**16, 10**16), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([MAX_NUMBER - 1, MAX_NUMBER, -MAX_NUMBER, -(MAX_NUMBER - 1), float(MAX_NUMBER), 1e15 - 0.5]),
    st.text(max_size=8), st.sampled_from(["é", "\ud800", "x" * MAX_TEXT, "x" * (MAX_TEXT + 1), "é" * (MAX_TEXT + 1)]))
KEYS = st.one_of(st.text(max_size=6), st.sampled_from(["k" * MAX_KEY, "k" * (MAX_KEY + 1), "\udc00", "clé"]))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(KEYS, inner, max_size=4)), max_leaves=25)


def nested(depth: int) -> Any:
    """A list nested ``depth`` levels deep."""
    data: Any = 1
    for _ in range(depth):
        data = [data]
    return data


@settings(max_examples=examples(300))
@given(DATA)
def test_quick_check_agrees_with_the_full_walk(data: Any) -> None:
    """JSON-like data at and past every bound: the quick check passes it exactly when the walk finds nothing."""
    assert (within(data) >= 0) == (walk_problems(data) == [])
    assert value_problems(data, "x") == walk_problems(data)


def test_depth_on_both_sides_of_the_limit() -> None:
    """MAX_DEPTH levels of nesting pass the quick check; one more goes to the walk, which reports it."""
    assert within(nested(MAX_DEPTH)) == MAX_DEPTH + 1
    assert within(nested(MAX_DEPTH + 1)) == -1
    too_deep = f"expected at most {MAX_DEPTH} levels of nesting, found more"
    assert value_problems(nested(MAX_DEPTH + 1), "x") == [("$" + "[0]" * MAX_DEPTH, too_deep)]


def test_value_count_on_both_sides_of_the_limit() -> None:
    """MAX_VALUES values (the document counted) pass the quick check; one more goes to the walk, which reports it."""
    # The document, 10 lists, and their items: 1 + 10 + 9 * 9,999 + 9,999 = 100,000 values.
    exact: list[Any] = [[0] * (MAX_ITEMS - 1) for _ in range(9)] + [[0] * (MAX_VALUES - 11 - 9 * (MAX_ITEMS - 1))]
    assert within(exact) == MAX_VALUES
    over: list[Any] = [*exact[:-1], exact[-1] + [0]]
    assert within(over) == -1
    assert walk_problems(exact) == []
    assert walk_problems(over) == [("$", f"expected at most {MAX_VALUES:,} values in a file, found more")]


def test_shared_values_are_counted_each_time_and_cut_short() -> None:
    """A list referenced many times (as YAML aliases make) counts each time: 10^9 values are refused, not walked."""
    data: Any = [0] * 10
    for _ in range(8):
        data = [data] * 10
    assert within(data) == -1
