"""Numbers as a person reads them: whole numbers with thousands separators, rounded so that a value short of a
threshold never reads as reaching it (1,559.7 h of 1,560 reads "1,559 h"), and a shortfall never reads as none
(0.3 h missing reads "1 h more")."""

from __future__ import annotations

import math


def held(x: float, threshold: float | None = None) -> str:
    """``x`` rounded to a whole number, or down when rounding would reach ``threshold`` that ``x`` misses."""
    whole = round(x)
    if threshold is not None and x < threshold <= whole:
        whole = math.floor(x)
    return f"{whole:,}"


def short(x: float) -> str:
    """A shortfall ``x`` rounded to a whole number, and at least 1 when there is any (never negative)."""
    if x <= 0:
        return "0"
    return f"{max(1, round(x)):,}"
