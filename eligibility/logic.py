"""Three-valued (Kleene) logic over outcomes: pass, fail, unknown. A leaf helper every layer may use."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Outcome = Literal["pass", "fail", "unknown"]

NEGATION: dict[Outcome, Outcome] = {"pass": "fail", "fail": "pass", "unknown": "unknown"}


def kleene_all(outcomes: Iterable[Outcome]) -> Outcome:
    """fail if any fails; pass if all pass; unknown otherwise."""
    seen = list(outcomes)
    if "fail" in seen:
        return "fail"
    return "pass" if all(o == "pass" for o in seen) else "unknown"


def kleene_any(outcomes: Iterable[Outcome]) -> Outcome:
    """pass if any passes; fail if all fail; unknown otherwise."""
    seen = list(outcomes)
    if "pass" in seen:
        return "pass"
    return "fail" if all(o == "fail" for o in seen) else "unknown"


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
