"""Three-valued (Kleene) logic over outcomes: pass, fail, unknown. A leaf helper every layer may use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Outcome = Literal["pass", "fail", "unknown"]

NEGATION: dict[Outcome, Outcome] = {"pass": "fail", "fail": "pass", "unknown": "unknown"}


def kleene_all(outcomes: Iterable[Outcome]) -> Outcome:
    """fail if any fails; pass if all pass; unknown otherwise.

    Reads ``outcomes`` only up to the first fail, so that outcomes computed lazily (a generator) past it
    are never computed: the verdict-only evaluation relies on it.
    """
    unknown = False
    for o in outcomes:
        if o == "fail":
            return "fail"
        if o != "pass":
            unknown = True
    return "unknown" if unknown else "pass"


def kleene_any(outcomes: Iterable[Outcome]) -> Outcome:
    """pass if any passes; fail if all fail; unknown otherwise (read only up to the first pass)."""
    unknown = False
    for o in outcomes:
        if o == "pass":
            return "pass"
        if o != "fail":
            unknown = True
    return "unknown" if unknown else "fail"


def at_least(n: int, outcomes: Iterable[Outcome]) -> Outcome:
    """pass if n or more pass; fail if even the unknowns cannot make n; unknown otherwise."""
    seen = list(outcomes)
    passes = seen.count("pass")
    if passes >= n:
        return "pass"
    return "fail" if passes + seen.count("unknown") < n else "unknown"


def threshold(low: float, high: float, minimum: float) -> Outcome:
    """Three-valued ``value >= minimum`` when the value is only known to lie in [low, high]."""
    if low >= minimum:
        return "pass"
    return "fail" if high < minimum else "unknown"


def truth(flag: bool) -> Outcome:
    """pass for True, fail for False."""
    return "pass" if flag else "fail"
