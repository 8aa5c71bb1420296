"""The language readings of the CRS: the CLB / NCLC levels of the test a person would submit, per ability,
from valid tests only, with every test of the language as evidence."""

from __future__ import annotations

from typing import Any

from eligibility.facts import TestFact
from eligibility.language import ABILITIES
from eligibility.ranking.reading import Reading, iso_date, reading_of
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
    ability as the value; every test of that language as evidence (``explain``), its measure not yet named (None:
    several measures share this reading, each names itself in a copy, ``measures.tagged``)."""
    if tests is UNKNOWN:
        return _unknown(path)
    of_language = [t for t in tests if t.language == language] if language is not None and tests else tests
    return _read(of_language, explain) if of_language else NO_TEST  # no test of the language: nothing to say


def read_languages(tests: tuple[TestFact, ...] | Unknown, path: str, explain: bool) -> tuple[Reading, Reading]:
    """``read_language`` of English and of French, the tests sorted by language in one pass."""
    if tests is UNKNOWN:
        found = _unknown(path)
        return found, found
    english: list[TestFact] = []
    french: list[TestFact] = []
    for t in tests:
        if t.language == "english":
            english.append(t)
        elif t.language == "french":
            french.append(t)
    return _read(english, explain) if english else NO_TEST, _read(french, explain) if french else NO_TEST


def each_test(tests: tuple[TestFact, ...] | Unknown, language: str | None, explain: bool) -> tuple[Reading, ...]:
    """The reading of each valid test in ``language`` (None: any) as if it were the one submitted, when there are two
    or more of them with different levels: the person chooses which valid result to put in the profile, so the CRS
    is that of the test that scores the most (``compute.score_on`` scores each). The first is ``read_language``'s
    (the highest lowest ability, then the highest sum); every reading holds every test of the language as evidence.
    () when there is one reading to give (no valid test, one, or all at the same levels)."""
    if tests is UNKNOWN:
        return ()
    of_language = [t for t in tests if language is None or t.language == language]
    valid = [t for t in of_language if t.valid]
    if len(valid) < 2:
        return ()
    # Sorted from the one ``_read`` picks (a stable sort: among equals the first, as ``max`` gives); one per set of
    # levels (two tests at the same levels score the same).
    found: list[Reading] = []
    seen: set[tuple[int, ...]] = set()
    evidence = tuple([_test_evidence(t) for t in of_language]) if explain else ()  # the same for every choice
    for t in sorted(valid, key=_submitted, reverse=True):
        levels = tuple([min(TOP, v) for v in t.levels.values()])
        if levels not in seen:
            seen.add(levels)
            found.append(_read(of_language, explain, t, evidence))
    return tuple(found) if len(found) > 1 else ()


def _unknown(path: str) -> Reading:
    """The reading of tests not given at ``path``."""
    found = _UNKNOWN.get(path)
    if found is None:
        found = _UNKNOWN[path] = Reading((0, TOP), None, (), (path,), UNKNOWN_LEVELS)
    return found


def _read(tests: list[TestFact] | tuple[TestFact, ...], explain: bool, best: TestFact | None = None,
          evidence: tuple[dict[str, Any], ...] | None = None) -> Reading:
    """The reading of ``tests`` (at least one, all of the language read) with ``best`` submitted (None: the one
    ``_submitted`` ranks first); ``evidence``, when given, is their evidence made already."""
    if best is None:
        valid = [t for t in tests if t.valid]
        # The test a person would submit (one valid test, the common case, needs no comparing).
        best = valid[0] if len(valid) == 1 else max(valid, key=_submitted, default=None)
    if evidence is None:
        evidence = tuple([_test_evidence(t) for t in tests]) if explain else ()
    if best is None:
        return reading_of(((0, 0), "no valid test", evidence, (), NO_LEVELS))
    # The four abilities in the order of ABILITIES, each to 10 ("10 or more"), compared without ``min`` calls.
    levels = best.levels
    r, w, li, s = levels["reading"], levels["writing"], levels["listening"], levels["speaking"]
    text = (f"{best.test.test} {best.test.taken}: {'CLB' if best.language == 'english' else 'NCLC'} "
            f"{r}/{w}/{li}/{s} (R/W/L/S)") if explain else None
    r, w, li, s = (r if r < TOP else TOP), (w if w < TOP else TOP), (li if li < TOP else TOP), (s if s < TOP else TOP)
    lowest = r if r < w else w
    lowest = lowest if lowest < li else li
    lowest = lowest if lowest < s else s
    return reading_of(((lowest, lowest), text, evidence, (), ((r, r), (w, w), (li, li), (s, s))))


def _submitted(t: TestFact) -> tuple[int, int]:
    """The test read first: the highest lowest ability, then the highest sum (each to 10). Where two or more valid
    tests of a language differ, each is scored (``each_test``) and the one scoring the most counts."""
    levels = [min(TOP, v) for v in t.levels.values()]
    return min(levels), sum(levels)


def _test_evidence(t: TestFact) -> dict[str, Any]:
    # A test's levels are read per ability, in the order of ABILITIES (``Facts.tests``): copied as they are.
    # The measure first, named by each measure that reads this reading (``measures.tagged``): a copy of the item with
    # that one value set (a dict copied whole is cloned; one merged into a display inserts its items one by one).
    item: dict[str, Any] = {"measure": None, "test": t.test.test, "taken": iso_date(t.test.taken),
                            "language": t.language, "levels": dict(t.levels), "valid": t.valid}
    if t.why_not:
        item["reason"] = t.why_not
    return item
