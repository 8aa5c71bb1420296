"""Language test results converted to CLB (English) or NCLC (French) levels, one ability at a time.

IRCC publishes one conversion chart per approved test. Each chart gives, for every CLB/NCLC level,
the range of scores that earns it in each of the four abilities. Results convert per ability: there
is no averaging, and a program minimum applies to each ability separately.

This module knows the charts and nothing else. Whether a result is still valid (two years from the
test date) and whether a test was accepted on a given date (PTE Core from 2024-01-30) are the
evaluator's business; ``TestKind.accepted_from`` only records the date.

Source of every table: IRCC's equivalency charts
(https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/documents/language-requirements/language-testing.html),
as reproduced by the secondary sources each table below names.
"""

from __future__ import annotations

import datetime
import itertools
import math

from attrs import frozen

from eligibility.suggest import did_you_mean_or_list

ABILITIES: tuple[str, ...] = ("reading", "writing", "listening", "speaking")
TEST_IDS: tuple[str, ...] = ("ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada")

# The highest level a chart names; its row reads "10+" (PTE Core's reads "10"), so 10 means "10 or more".
TOP_LEVEL = 10

# A chart row: a CLB/NCLC level and the minimum score for it in reading, writing, listening, speaking.
Row = tuple[int, tuple[float, float, float, float]]


def _ability_index(ability: str) -> int:
    if ability not in ABILITIES:
        raise ValueError(f"unknown ability {ability!r}{did_you_mean_or_list(ability, ABILITIES)}")
    return ABILITIES.index(ability)


def _number(value: float) -> str:
    return f"{value:g}"


@frozen
class TestKind:
    """One approved language test: its score scale and IRCC's chart from its scores to CLB/NCLC levels.

    ``rows`` run from the highest level (10, meaning "10+") down to the lowest the chart names; each
    gives the minimum score for that level in reading, writing, listening and speaking, in that order.
    """

    __test__ = False  # the name starts with "Test"; tell pytest this is not a test class

    id: str
    name: str
    language: str  # "english" (levels are CLB) or "french" (levels are NCLC)
    accepted_from: datetime.date | None
    source: str
    confidence: str
    unit: str  # what one score is called on the certificate: "band score", "level", "score"
    step: float
    ranges: tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]
    rows: tuple[Row, ...]

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
            raise ValueError(f"{self.id}: " + "; ".join(problems))

    @property
    def level_name(self) -> str:
        """The name of the levels: "CLB" for an English test, "NCLC" for a French one."""
        return "CLB" if self.language == "english" else "NCLC"

    @property
    def lowest_level(self) -> int:
        """The lowest level the chart names; scores below its row give this level minus 1."""
        return self.rows[-1][0]

    def score_range(self, ability: str) -> tuple[float, float]:
        """The lowest and highest score the test can give in this ability."""
        return self.ranges[_ability_index(ability)]

    def valid_score(self, ability: str, score: float) -> str | None:
        """None if the test can give this score in this ability; otherwise what a score should be."""
        low, high = self.score_range(ability)
        if self.step == 1:
            expected = f"a whole-number {self.unit} from {_number(low)} to {_number(high)}"
        else:
            step = _number(self.step)
            expected = f"a {self.unit} from {_number(low)} to {_number(high)} in steps of {step}"
        if isinstance(score, bool) or not isinstance(score, int | float) or not math.isfinite(score):
            return expected
        steps = (score - low) / self.step
        if not low <= score <= high or steps != round(steps):
            return expected
        return None

    def level(self, ability: str, score: float) -> int:
        """The CLB/NCLC level of a score in one ability.

        It is the highest level whose minimum the score reaches; 10 means "10 or more". A score
        below the chart's lowest row gives that row's level minus 1, meaning "that level or lower".
        Raises ValueError for an unknown ability or a score the test cannot give.
        """
        index = _ability_index(ability)
        problem = self.valid_score(ability, score)
        if problem is not None:
            raise ValueError(f"{self.name} {ability} score {score!r}: expected {problem}")
        for level, minimums in self.rows:
            if score >= minimums[index]:
                return level
        return self.lowest_level - 1


# IELTS General Training. Source [BLOG] https://www.aioimm.com/en/ca/Lang-Req
# (minimums), matching the IRCC chart. Band scores 0 to 9 in half bands.
# | CLB | Reading | Writing | Listening | Speaking |
# | 10+ | 8.0–9.0 | 7.5–9.0 | 8.5–9.0 | 7.5–9.0 |
# | 9   | 7.0–7.5 | 7.0     | 8.0     | 7.0     |
# | 8   | 6.5     | 6.5     | 7.5     | 6.5     |
# | 7   | 6.0     | 6.0     | 6.0–7.0 | 6.0     |
# | 6   | 5.0–5.5 | 5.5     | 5.5     | 5.5     |
# | 5   | 4.0–4.5 | 5.0     | 5.0     | 5.0     |
# | 4   | 3.5     | 4.0–4.5 | 4.5     | 4.0–4.5 |
IELTS_GENERAL = TestKind(
    id="ielts_general",
    name="IELTS General Training",
    language="english",
    accepted_from=None,
    source="https://www.aioimm.com/en/ca/Lang-Req",
    confidence="blog",
    unit="band score",
    step=0.5,
    ranges=((0, 9), (0, 9), (0, 9), (0, 9)),
    rows=(
        # CLB  reading writing listening speaking
        (10, (8.0, 7.5, 8.5, 7.5)),
        (9, (7.0, 7.0, 8.0, 7.0)),
        (8, (6.5, 6.5, 7.5, 6.5)),
        (7, (6.0, 6.0, 6.0, 6.0)),
        (6, (5.0, 5.5, 5.5, 5.5)),
        (5, (4.0, 5.0, 5.0, 5.0)),
        (4, (3.5, 4.0, 4.5, 4.0)),
    ),
)

# CELPIP-General (not CELPIP General-LS). Source [BLOG]
# https://www.aioimm.com/en/ca/Lang-Req. "The CELPIP level equals the CLB level for each skill
# (CLB 10+ = CELPIP 10–12)." Levels 0 to 12; the "M" result (minimal) is not modelled.
CELPIP_GENERAL = TestKind(
    id="celpip_general",
    name="CELPIP-General",
    language="english",
    accepted_from=None,
    source="https://www.aioimm.com/en/ca/Lang-Req",
    confidence="blog",
    unit="level",
    step=1,
    ranges=((0, 12), (0, 12), (0, 12), (0, 12)),
    rows=tuple((clb, (clb, clb, clb, clb)) for clb in range(10, 3, -1)),
)

# PTE Core, accepted from 30 January 2024. Sources [BLOG]
# https://abroad-education.inblog.io/pte-core-score-chart-2026-with-clb-conversion-84937 ;
# https://sumlingo.com/blog/how-to-use-your-pte-core-score-for-pnp (identical). Scores 10 to 90.
# | CLB | Reading | Writing | Listening | Speaking |
# | 10  | 88–90   | 90      | 89–90     | 89–90    |
# | 9   | 78–87   | 88–89   | 82–88     | 84–88    |
# | 8   | 69–77   | 79–87   | 71–81     | 76–83    |
# | 7   | 60–68   | 69–78   | 60–70     | 68–75    |
# | 6   | 51–59   | 60–68   | 50–59     | 59–67    |
# | 5   | 42–50   | 51–59   | 39–49     | 51–58    |
# | 4   | 33–41   | 41–50   | 28–38     | 42–50    |
# | 3   | 24–32   | 32–40   | 18–27     | 34–41    |
PTE_CORE = TestKind(
    id="pte_core",
    name="PTE Core",
    language="english",
    accepted_from=datetime.date(2024, 1, 30),
    source=(
        "https://abroad-education.inblog.io/pte-core-score-chart-2026-with-clb-conversion-84937 ; "
        "https://sumlingo.com/blog/how-to-use-your-pte-core-score-for-pnp"
    ),
    confidence="blog",
    unit="score",
    step=1,
    ranges=((10, 90), (10, 90), (10, 90), (10, 90)),
    rows=(
        # CLB  reading writing listening speaking
        (10, (88, 90, 89, 89)),
        (9, (78, 88, 82, 84)),
        (8, (69, 79, 71, 76)),
        (7, (60, 69, 60, 68)),
        (6, (51, 60, 50, 59)),
        (5, (42, 51, 39, 51)),
        (4, (33, 41, 28, 42)),
        (3, (24, 32, 18, 34)),
    ),
)

# TEF Canada, on the "old" TEF scale. Source [BLOG]
# https://fromfarandwideblog.blogspot.com/2022/03/whats-clb.html (a copy of the IRCC chart); NCLC 7
# and 5 rows confirmed by https://apisbd.com/express-entrycanadian-experience-class/. Certificates
# issued since the rescaling (about December 2023) print an "equivalent old score"; that is the
# score this table reads ([OFFICIAL-issuer] https://www.lefrancaisdesaffaires.fr/en/tef-canada-clb-level/).
# | NCLC | Reading | Writing | Listening | Speaking |
# | 10+  | 263–300 | 393–450 | 316–360   | 393–450  |
# | 9    | 248–262 | 371–392 | 298–315   | 371–392  |
# | 8    | 233–247 | 349–370 | 280–297   | 349–370  |
# | 7    | 207–232 | 310–348 | 249–279   | 310–348  |
# | 6    | 181–206 | 271–309 | 217–248   | 271–309  |
# | 5    | 151–180 | 226–270 | 181–216   | 226–270  |
# | 4    | 121–150 | 181–225 | 145–180   | 181–225  |
TEF_CANADA = TestKind(
    id="tef_canada",
    name="TEF Canada",
    language="french",
    accepted_from=None,
    source=(
        "https://fromfarandwideblog.blogspot.com/2022/03/whats-clb.html ; "
        "https://apisbd.com/express-entrycanadian-experience-class/"
    ),
    confidence="blog",
    unit="old-scale score",
    step=1,
    ranges=((0, 300), (0, 450), (0, 360), (0, 450)),
    rows=(
        # NCLC reading writing listening speaking
        (10, (263, 393, 316, 393)),
        (9, (248, 371, 298, 371)),
        (8, (233, 349, 280, 349)),
        (7, (207, 310, 249, 310)),
        (6, (181, 271, 217, 271)),
        (5, (151, 226, 181, 226)),
        (4, (121, 181, 145, 181)),
    ),
)

# TCF Canada. Source [BLOG]
# https://frenchtestsimulator.com/nclc-cefr-tcf-canada-equivalence/ ; the NCLC 10+ row confirmed by
# https://www.ewicsgroup.com/which-test-do-i-take/. Reading and listening 0 to 699, writing and
# speaking 0 to 20. Reading and listening cut-offs differ at NCLC 4 to 9.
# | NCLC | Reading | Writing | Listening | Speaking |
# | 10+  | 549–699 | 16–20   | 549–699   | 16–20    |
# | 9    | 524–548 | 14–15   | 523–548   | 14–15    |
# | 8    | 499–523 | 12–13   | 503–522   | 12–13    |
# | 7    | 453–498 | 10–11   | 458–502   | 10–11    |
# | 6    | 406–452 | 7–9     | 398–457   | 7–9      |
# | 5    | 375–405 | 6       | 369–397   | 6        |
# | 4    | 342–374 | 4–5     | 331–368   | 4–5      |
TCF_CANADA = TestKind(
    id="tcf_canada",
    name="TCF Canada",
    language="french",
    accepted_from=None,
    source=(
        "https://frenchtestsimulator.com/nclc-cefr-tcf-canada-equivalence/ ; "
        "https://www.ewicsgroup.com/which-test-do-i-take/"
    ),
    confidence="blog",
    unit="score",
    step=1,
    ranges=((0, 699), (0, 20), (0, 699), (0, 20)),
    rows=(
        # NCLC reading writing listening speaking
        (10, (549, 16, 549, 16)),
        (9, (524, 14, 523, 14)),
        (8, (499, 12, 503, 12)),
        (7, (453, 10, 458, 10)),
        (6, (406, 7, 398, 7)),
        (5, (375, 6, 369, 6)),
        (4, (342, 4, 331, 4)),
    ),
)

TESTS: dict[str, TestKind] = {
    kind.id: kind for kind in (IELTS_GENERAL, CELPIP_GENERAL, PTE_CORE, TEF_CANADA, TCF_CANADA)
}
assert tuple(TESTS) == TEST_IDS


# Tests people often take that IRCC does not accept for economic immigration (IRCC's language-testing page); named
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


def levels(test: str, scores: dict[str, float]) -> dict[str, int]:
    """The CLB/NCLC level of each ability given, converted one ability at a time with no averaging.

    Abilities may be omitted (the result then omits them too); the result lists abilities in the
    order of ABILITIES. Every unknown ability and invalid score is reported in one ValueError.
    """
    kind = test_kind(test)
    problems: list[str] = []
    result: dict[str, int] = {}
    problems += [f"unknown ability {a!r}{did_you_mean_or_list(a, ABILITIES)}" for a in scores if a not in ABILITIES]
    for ability in ABILITIES:
        if ability not in scores:
            continue
        problem = kind.valid_score(ability, scores[ability])
        if problem is None:
            result[ability] = kind.level(ability, scores[ability])
        else:
            problems.append(f"{ability} score {scores[ability]!r}: expected {problem}")
    if problems:
        raise ValueError(f"{kind.name}: " + "; ".join(problems))
    return result
