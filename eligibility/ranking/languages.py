"""The language readings of the CRS: the CLB / NCLC levels of the test a person would submit, per ability,
from valid tests only, with every test of the language as evidence."""

from __future__ import annotations

from typing import Any

from eligibility.facts import TestFact
from eligibility.language import ABILITIES
from eligibility.ranking.reading import Reading, reading_of
from eligibility.unknown import UNKNOWN, Unknown

TOP = 10  # CLB / NCLC 10 means "10 or more"
UNKNOWN_LEVELS = ((0, TOP),) * len(ABILITIES)
NO_LEVELS = ((0, 0),) * len(ABILITIES)
#: The reading of a language without any test (the same for everyone).
NO_TEST = Reading((0, 0), "no valid test", (), (), NO_LEVELS)


#: The reading of tests not given, by path (the same for everyone; a profile has two paths).
_UNKNOWN: dict[str, Reading] = {}


def read_language(tests: tuple[TestFact, ...] | Unknown, language: str | None, path: str, explain: bool) -> Reading:
    """The levels of the best valid test in ``language`` (None: any), one span per ability and the lowest
    ability as the value; every test of that language as evidence (``explain``), without naming the measure
    (several measures share this reading)."""
    if tests is UNKNOWN:
        found = _UNKNOWN.get(path)
        if found is None:
            found = _UNKNOWN[path] = Reading((0, TOP), None, (), (path,), UNKNOWN_LEVELS)
        return found
    of_language = [t for t in tests if t.language == language] if language is not None and tests else tests
    if not of_language:
        return NO_TEST  # no test of the language: nothing to say of any
    valid = [t for t in of_language if t.valid]
    # The test a person would submit (one valid test, the common case, needs no comparing).
    best = valid[0] if len(valid) == 1 else max(valid, key=_submitted, default=None)
    evidence = tuple([_test_evidence(t) for t in of_language]) if explain else ()
    if best is None:
        return reading_of(((0, 0), "no valid test", evidence, (), NO_LEVELS))
    levels = [min(TOP, best.levels[a]) for a in ABILITIES]
    lowest = min(levels)
    return reading_of(((lowest, lowest), _levels_text(best) if explain else None, evidence, (),
                       tuple([(level, level) for level in levels])))


def _submitted(t: TestFact) -> tuple[int, int]:
    """How a person picks the test to submit: the highest lowest ability, then the highest sum (each to 10)."""
    levels = [min(TOP, v) for v in t.levels.values()]
    return min(levels), sum(levels)


def _test_evidence(t: TestFact) -> dict[str, Any]:
    # A test's levels are read per ability, in the order of ABILITIES (``Facts.tests``): copied as they are.
    item: dict[str, Any] = {"test": t.test.test, "taken": t.test.taken.isoformat(), "language": t.language,
                            "levels": dict(t.levels), "valid": t.valid}
    if t.why_not:
        item["reason"] = t.why_not
    return item


def _levels_text(t: TestFact) -> str:
    scale = "CLB" if t.language == "english" else "NCLC"
    return (f"{t.test.test} {t.test.taken}: {scale} " + "/".join([str(t.levels[a]) for a in ABILITIES])
            + " (R/W/L/S)")
