"""Whole numbers as a person reads them (eligibility.numbers): a value short of a threshold never reads as
reaching it, and a shortfall never reads as none. Expected texts written by hand."""

from __future__ import annotations

import pytest

from eligibility.numbers import held, short


@pytest.mark.parametrize(("x", "threshold", "text"), [
    (1559.7, 1560, "1,559"),      # rounding would reach the 1,560 it misses: down
    (1559.4, 1560, "1,559"),      # rounds down anyway
    (1560.0, 1560, "1,560"),      # reached: as it is
    (1564.29, 1560, "1,564"),     # above: rounded as usual
    (7825.7, 3120, "7,826"),      # far above: rounded as usual
    (15262.6, 15263, "15,262"),   # 40 cents short of $15,263
    (79999.6, 80000, "79,999"),   # an annual wage short of $80,000
    (1559.7, None, "1,560"),      # no threshold: rounded as usual
])
def test_held(x: float, threshold: float | None, text: str) -> None:
    assert held(x, threshold) == text


@pytest.mark.parametrize(("x", "text"), [(0.3, "1"), (0.5, "1"), (1.4, "1"), (1.6, "2"), (6263.0, "6,263"),
                                         (0.0, "0"), (-2.0, "0")])
def test_short(x: float, text: str) -> None:
    assert short(x) == text
