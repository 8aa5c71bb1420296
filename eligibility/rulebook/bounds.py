"""Bounds on every number of a ruleset, checked at load, so that a ruleset that passes can never crash.

A look-back window of 30,000 months reaches before year 1 and fails in date arithmetic; an amount
table without a row for a family of one fails on a lookup. Each number a ruleset can hold is checked
here against the range that makes sense for it (by field name), and every table the evaluator looks
up by key is checked to have the rows it reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from eligibility.errors import Problem

#: (lowest, highest) allowed for numbers in fields of this name.
FIELD_BOUNDS: dict[str, tuple[float, float]] = {
    # Months are look-back windows and validity periods: at most a century.
    "window_months": (1, 1200), "max_age_months": (1, 1200), "eca_max_age_months": (1, 1200),
    "completed_within_months": (1, 1200), "min_duration_months": (0, 1200),
    "current_employer_window_months": (1, 1200), "spouse_test_max_age_months": (1, 1200),
    "test_valid_months": (1, 1200), "eca_valid_months": (1, 1200), "work_window_months": (1, 1200),
    "min_hours": (0, 1_000_000), "min_hours_per_week": (0, 168),
    "min_wage_hourly": (0, 100_000), "wage_floors_hourly": (0, 100_000), "min_wage_annual": (0, 100_000_000),
    # Ages in whole years (AgeCondition.min / max).
    "min": (0, 1_000_000_000), "max": (0, 10_000),
    "pass_mark": (0, 10_000), "points": (0, 10_000), "first_language_max": (0, 10_000),
    "second_language_points": (0, 10_000),
    "second_language_min_level": (0, 12), "spouse_language_min_level": (0, 12),
    "reading": (0, 12), "writing": (0, 12), "listening": (0, 12), "speaking": (0, 12),
    "each_additional": (0, 100_000_000), "n": (0, 1000),
}
#: Bounds of the keys of keyed tables: ages, CLB levels, years of experience, family sizes, TEERs.
KEY_BOUNDS: dict[str, tuple[int, int]] = {
    "ages": (0, 150), "first_language": (0, 12), "years": (0, 100), "amounts": (1, 100),
    "minimum_by_teer": (0, 5),
}
#: Any other number of a ruleset.
DEFAULT_BOUNDS = (0.0, 1_000_000_000.0)


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: float) -> str:
    """A number as a person writes it: 1000000000, not 1e+09; 168.5 as written."""
    return str(int(value)) if float(value).is_integer() else repr(value)


def bound_problems(obj: Any, source: str, path: str = "$") -> Iterator[Problem]:
    """Every number of a ruleset object (program, grid, table) outside its field's bounds."""
    stack: list[tuple[Any, str, str]] = [(obj, path, "")]
    while stack:
        value, here, name = stack.pop()
        if attrs.has(type(value)):
            for f in attrs.fields(type(value)):
                item, key = getattr(value, f.name), f.name
                if key == "children":
                    # A composite's conditions sit under its operator key (of, for at_least); not holds one.
                    key = {"at_least": "of"}.get(value.op, value.op)
                    item = item[0] if value.op == "not" else item
                # (Dates, valid_from and valid_to, are no numbers: no problem is ever found under them.)
                stack.append((item, f"{here}.{key}", f.name))
        elif isinstance(value, tuple | list):
            stack.extend((item, f"{here}[{i}]", name) for i, item in enumerate(value))
        elif isinstance(value, dict):
            yield from _keys(value, here, name, source)
            stack.extend((item, f"{here}.{k}", name) for k, item in value.items())
        elif _number(value):
            low, high = FIELD_BOUNDS.get(name, DEFAULT_BOUNDS)
            if not low <= value <= high:
                yield Problem(source, here,
                              f"expected a number from {_text(low)} to {_text(high)}, found {_text(value)}")


def _keys(table: dict[Any, Any], path: str, name: str, source: str) -> Iterator[Problem]:
    numbers = [k for k in table if _number(k)]
    if name in KEY_BOUNDS:
        low, high = KEY_BOUNDS[name]
        for k in numbers:
            if not low <= k <= high:
                yield Problem(source, f"{path}.{k}", f"expected a key from {low} to {high}, found {k}")
    if name == "amounts":
        # amount_for reads the row of every family size up to the largest listed.
        sizes = sorted(numbers)
        if not sizes or sizes != list(range(1, sizes[-1] + 1)):
            yield Problem(source, path, f"expected a row for each family size from 1 up, found sizes "
                                        f"{', '.join(str(s) for s in sizes) or 'none'}")
