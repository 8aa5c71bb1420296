"""Language test results converted to CLB (English) or NCLC (French) levels, one ability at a time.

IRCC publishes one conversion chart per approved test (for TEF Canada, one per period of test dates).
Each chart gives, for every CLB/NCLC level, the range of scores that earns it in each of the four
abilities. Results convert per ability: there is no averaging, and a program minimum applies to each
ability separately.

The charts are law data, not code: they live in ``rulesets/language/tests.yaml`` (shipped with the
rulesets) and are read once, here, and checked as they are read. A result is read on the scale of the
day the test was taken (``TestKind.scale_on``): a TEF Canada score of 2024 is not an old-scale score.

This module knows the charts and nothing else. Whether a result is still valid (two years from the
test date) and whether a test was accepted on a given date (PTE Core from 2024-01-30) are the
evaluator's business; ``TestKind.accepted_from`` only records the date.
"""

from __future__ import annotations

import datetime
import itertools
import math
from pathlib import Path
from typing import Any

from attrs import frozen

from eligibility.documents import read_document
from eligibility.record import Record
from eligibility.suggest import did_you_mean_or_list

ABILITIES: tuple[str, ...] = ("reading", "writing", "listening", "speaking")
TEST_IDS: tuple[str, ...] = ("ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada")

# The highest level a chart names; its row reads "10+" (PTE Core's reads "10"), so 10 means "10 or more".
TOP_LEVEL = 10

# A chart row: a CLB/NCLC level and the minimum score for it in reading, writing, listening, speaking.
Row = tuple[int, tuple[float, float, float, float]]
Ranges = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


#: Scores found valid, and levels found, on each scale of the charts (by the scale's identity; filled in once
#: the charts are read): every score of every profile is checked and converted, and a caseload repeats few of
#: them. Keyed by ability, type and value (True, 1 and 1.0 are told apart; only ints and floats are kept). Only
#: the charts' scales, which live as long as the process, so that an identity never names another scale; at
#: most SCORES_KEPT of each per scale.
SCORES_KEPT = 4096
_KEPT: dict[int, tuple[set[tuple[str, type, float]], dict[tuple[str, type, float], int]]] = {}


def _ability_index(ability: str) -> int:
    if ability not in ABILITIES:
        raise ValueError(f"unknown ability {ability!r}{did_you_mean_or_list(ability, ABILITIES)}")
    return ABILITIES.index(ability)


def _number(value: float) -> str:
    return f"{value:g}"


@frozen
class Scale(Record):
    """One chart of a test: the score scale used for tests taken in [valid_from, valid_to), and its rows.

    ``rows`` run from the highest level (10, meaning "10+") down to the lowest the chart names; each
    gives the minimum score for that level in reading, writing, listening and speaking, in that order.
    """

    valid_from: datetime.date | None
    valid_to: datetime.date | None
    unit: str  # what one score is called on the certificate: "band score", "level", "score"
    step: float
    ranges: Ranges
    rows: tuple[Row, ...]
    source: str
    confidence: str

    def __attrs_post_init__(self) -> None:
        """Refuse a chart that cannot be read unambiguously, when it is built rather than when used."""
        problems: list[str] = []
        expected_levels = list(range(TOP_LEVEL, TOP_LEVEL - len(self.rows), -1))
        if [level for level, _ in self.rows] != expected_levels:
            problems.append(f"rows must run from level {TOP_LEVEL} down one level at a time")
        for i, ability in enumerate(ABILITIES):
            minimums = [mins[i] for _, mins in self.rows]
            if any(higher <= lower for higher, lower in itertools.pairwise(minimums)):
                problems.append(f"{ability}: each level's minimum must exceed the one below it")
            problems += [
                f"{ability}: minimum {_number(m)}: expected {self.valid_score(ability, m)}"
                for m in minimums
                if self.valid_score(ability, m) is not None
            ]
        if problems:
            raise ValueError("; ".join(problems))

    def covers(self, taken: datetime.date) -> bool:
        """True when a test taken that day is read on this scale."""
        return (self.valid_from is None or self.valid_from <= taken) and (
            self.valid_to is None or taken < self.valid_to)

    @property
    def lowest_level(self) -> int:
        """The lowest level the chart names; scores below its row give this level minus 1."""
        return self.rows[-1][0]

    @property
    def period(self) -> str:
        """The test dates this scale covers, in words."""
        if self.valid_from is None and self.valid_to is None:
            return "any test date"
        if self.valid_from is None:
            return f"tests taken before {self.valid_to}"
        if self.valid_to is None:
            return f"tests taken from {self.valid_from}"
        return f"tests taken from {self.valid_from} to {self.valid_to - datetime.timedelta(days=1)}"

    def score_range(self, ability: str) -> tuple[float, float]:
        """The lowest and highest score the scale can give in this ability."""
        return self.ranges[_ability_index(ability)]

    def valid_score(self, ability: str, score: float) -> str | None:
        """None if the scale can give this score in this ability; otherwise what a score should be."""
        kept = _KEPT.get(id(self))
        kind = type(score)
        if kept is not None and (kind is float or kind is int) and (ability, kind, score) in kept[0]:
            return None
        low, high = self.score_range(ability)
        if not isinstance(score, bool) and isinstance(score, int | float) and math.isfinite(score):
            steps = (score - low) / self.step
            if low <= score <= high and steps == round(steps):
                if kept is not None and len(kept[0]) < SCORES_KEPT:
                    kept[0].add((ability, kind, score))
                return None
        # Worded only for a score that is wrong: every score of every profile is checked here.
        if self.step == 1:
            return f"a whole-number {self.unit} from {_number(low)} to {_number(high)}"
        return f"a {self.unit} from {_number(low)} to {_number(high)} in steps of {_number(self.step)}"

    def level(self, ability: str, score: float) -> int:
        """The CLB/NCLC level of a valid score: the highest level whose minimum it reaches (10: "10+")."""
        kept = _KEPT.get(id(self))
        kind = type(score)
        if kept is not None and (kind is float or kind is int):
            found = kept[1].get((ability, kind, score))
            if found is not None:
                return found
        index = _ability_index(ability)
        problem = self.valid_score(ability, score)
        if problem is not None:
            raise ValueError(f"{ability} score {score!r}: expected {problem}")
        level = next((level for level, minimums in self.rows if score >= minimums[index]), self.lowest_level - 1)
        if kept is not None and len(kept[1]) < SCORES_KEPT:
            kept[1][(ability, kind, score)] = level
        return level


@frozen
class TestKind(Record):
    """One approved language test: its scales over test dates and IRCC's chart for each."""

    __test__ = False  # the name starts with "Test"; tell pytest this is not a test class

    id: str
    name: str
    language: str  # "english" (levels are CLB) or "french" (levels are NCLC)
    accepted_from: datetime.date | None
    scales: tuple[Scale, ...]

    @property
    def level_name(self) -> str:
        """The name of the levels: "CLB" for an English test, "NCLC" for a French one."""
        return "CLB" if self.language == "english" else "NCLC"

    def scale_on(self, taken: datetime.date | None) -> Scale:
        """The scale of a test taken that day. Without a date only a test with a single scale answers."""
        if taken is None:
            if len(self.scales) == 1:
                return self.scales[0]
            raise ValueError(f"{self.name} scores depend on the test date ({len(self.scales)} scales): "
                             f"give the date the test was taken")
        for scale in self.scales:
            if scale.covers(taken):
                return scale
        raise ValueError(f"{self.name} has no chart for a test taken on {taken}")

    def score_range(self, ability: str, taken: datetime.date | None = None) -> tuple[float, float]:
        """The lowest and highest score the test could give in this ability on that test date."""
        return self.scale_on(taken).score_range(ability)

    def valid_score(self, ability: str, score: float, taken: datetime.date | None = None) -> str | None:
        """None if the test could give this score on that test date; otherwise what a score should be."""
        return self.scale_on(taken).valid_score(ability, score)

    def level(self, ability: str, score: float, taken: datetime.date | None = None) -> int:
        """The CLB/NCLC level of a score in one ability, on the scale of the test date.

        It is the highest level whose minimum the score reaches; 10 means "10 or more". A score
        below the chart's lowest row gives that row's level minus 1, meaning "that level or lower".
        Raises ValueError for an unknown ability, a score the test cannot give, or (for a test with
        several scales) a missing test date.
        """
        scale = self.scale_on(taken)  # its refusal names the test already
        try:
            return scale.level(ability, score)
        except ValueError as exc:
            raise ValueError(f"{self.name} {exc}") from None


def charts_path() -> Path:
    """The charts file: in the packaged rulesets, or in a source checkout's rulesets/ folder."""
    # The package's folder, as importlib.resources.files("eligibility") gives it, without importing zipfile.
    packaged = Path(__file__).resolve().parent / "rulesets" / "language" / "tests.yaml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[1] / "rulesets" / "language" / "tests.yaml"


def _date(value: Any) -> datetime.date | None:
    return None if value is None else datetime.date.fromisoformat(str(value))


def _scale(data: dict[str, Any]) -> Scale:
    ranges = tuple((float(data["ranges"][a][0]), float(data["ranges"][a][1])) for a in ABILITIES)
    rows = tuple((int(level), tuple(float(m) for m in mins)) for level, mins in data["rows"].items())
    return Scale(_date(data["from"]), _date(data["to"]), str(data["unit"]), float(data["step"]),
                 ranges, rows, str(data["source"]), str(data["confidence"]))  # type: ignore[arg-type]


def load_charts(path: Path | None = None) -> dict[str, TestKind]:
    """Every test of the charts file, checked: rows in order, minimums on the scale, scales contiguous."""
    where = path or charts_path()
    data = read_document(where, int_keys=True)  # charts are keyed by level
    out: dict[str, TestKind] = {}
    for i, item in enumerate(data["tests"]):
        try:
            scales = tuple(_scale(s) for s in item["scales"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{where}: $.tests[{i}] ({item.get('id')}): {exc}") from None
        joined = all(a.valid_to is not None and a.valid_to == b.valid_from for a, b in itertools.pairwise(scales))
        if scales[0].valid_from is not None or scales[-1].valid_to is not None or not joined:
            raise ValueError(f"{where}: $.tests[{i}].scales: expected scales that follow one another "
                             f"from the first test date to the last, found gaps or overlaps")
        out[item["id"]] = TestKind(item["id"], item["name"], item["language"], _date(item["accepted_from"]),
                                   scales)
    return out


TESTS: dict[str, TestKind] = load_charts()
assert tuple(TESTS) == TEST_IDS, f"the charts file lists {tuple(TESTS)}, expected {TEST_IDS}"

_KEPT.update({id(scale): (set(), {}) for test in TESTS.values() for scale in test.scales})


# Tests people often take that IRCC does not accept for economic immigration (programs.md §8); named
# so that "pte_academic" is answered with the reason rather than "did you mean 'pte_core'?".
_NOT_ACCEPTED: dict[str, str] = {
    "ielts_academic": "IELTS Academic is not accepted for economic immigration",
    "pte_academic": "PTE Academic is not accepted for economic immigration",
    "toefl_ibt": "TOEFL iBT is not accepted for economic immigration",
    "celpip_general_ls": "CELPIP General-LS is not accepted for economic immigration",
    # Designated 2025-08-21; not yet accepted and no CLB table published as of January 2026.
    "toefl_essentials": "TOEFL Essentials has no IRCC conversion table yet",
}


def test_kind(test: str) -> TestKind:
    """The approved test with this id; ValueError with a "did you mean" for an unknown id."""
    try:
        return TESTS[test]
    except KeyError:
        pass
    reason = _NOT_ACCEPTED.get(test.strip().lower())
    if reason is not None:
        accepted = ", ".join(repr(t) for t in TEST_IDS)
        raise ValueError(f"unknown language test {test!r}: {reason}; expected one of {accepted}")
    raise ValueError(f"unknown language test {test!r}{did_you_mean_or_list(test, TEST_IDS)}")


test_kind.__test__ = False  # type: ignore[attr-defined]  # the name starts with "test"; not a pytest test


def levels(test: str, scores: dict[str, float], taken: datetime.date | None = None) -> dict[str, int]:
    """The CLB/NCLC level of each ability given, converted one ability at a time with no averaging.

    ``taken`` is the test date, which picks the scale (needed for TEF Canada). Abilities may be
    omitted (the result then omits them too); the result lists abilities in the order of ABILITIES.
    Every unknown ability and invalid score is reported in one ValueError.
    """
    kind = test_kind(test)
    scale = kind.scale_on(taken)
    problems: list[str] = []
    result: dict[str, int] = {}
    problems += [f"unknown ability {a!r}{did_you_mean_or_list(a, ABILITIES)}" for a in scores if a not in ABILITIES]
    for ability in ABILITIES:
        if ability not in scores:
            continue
        problem = scale.valid_score(ability, scores[ability])
        if problem is None:
            result[ability] = scale.level(ability, scores[ability])
        else:
            problems.append(f"{ability} score {scores[ability]!r}: expected {problem}")
    if problems:
        raise ValueError(f"{kind.name}: " + "; ".join(problems))
    return result


def not_accepted_reason(test: str) -> str | None:
    """Why IRCC does not accept a test people often take (``celpip_general_ls``), or None."""
    return _NOT_ACCEPTED.get(test.strip().lower())
