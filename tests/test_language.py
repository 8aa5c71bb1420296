"""Language test scores to CLB/NCLC: every boundary of IRCC's charts, from both sides.

The charts below are typed from section 8 of research/programs.md (and, for the two newer TEF Canada
scales, from IRCC's chart as transcribed in the research audit) as score ranges, the way the charts
print them, independently of the minimums in rulesets/language/tests.yaml. Each row's lowest score
must give that row's level, and its highest score (the score just below the next row) must give the
same level; the score just below the lowest row gives one level less. A TEF Canada chart applies to
the tests taken in its period, so each chart is read with a test date inside it.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility import language

ABILITY_COLUMNS = ("reading", "writing", "listening", "speaking")

# level: (reading, writing, listening, speaking), ranges copied from programs.md §8.1 to §8.5.
CHARTS: dict[str, dict[int, tuple[str, str, str, str]]] = {
    # §8.1 IELTS General Training
    "ielts_general": {
        10: ("8.0–9.0", "7.5–9.0", "8.5–9.0", "7.5–9.0"),
        9: ("7.0–7.5", "7.0", "8.0", "7.0"),
        8: ("6.5", "6.5", "7.5", "6.5"),
        7: ("6.0", "6.0", "6.0–7.0", "6.0"),
        6: ("5.0–5.5", "5.5", "5.5", "5.5"),
        5: ("4.0–4.5", "5.0", "5.0", "5.0"),
        4: ("3.5", "4.0–4.5", "4.5", "4.0–4.5"),
    },
    # §8.2 CELPIP-General
    "celpip_general": {
        10: ("10–12", "10–12", "10–12", "10–12"),
        9: ("9", "9", "9", "9"),
        8: ("8", "8", "8", "8"),
        7: ("7", "7", "7", "7"),
        6: ("6", "6", "6", "6"),
        5: ("5", "5", "5", "5"),
        4: ("4", "4", "4", "4"),
    },
    # §8.3 PTE Core
    "pte_core": {
        10: ("88–90", "90", "89–90", "89–90"),
        9: ("78–87", "88–89", "82–88", "84–88"),
        8: ("69–77", "79–87", "71–81", "76–83"),
        7: ("60–68", "69–78", "60–70", "68–75"),
        6: ("51–59", "60–68", "50–59", "59–67"),
        5: ("42–50", "51–59", "39–49", "51–58"),
        4: ("33–41", "41–50", "28–38", "42–50"),
        3: ("24–32", "32–40", "18–27", "34–41"),
    },
    # §8.4 TEF Canada, tests taken before 2019-10-01 (the old scale)
    "tef_canada before 2019-10-01": {
        10: ("263–300", "393–450", "316–360", "393–450"),
        9: ("248–262", "371–392", "298–315", "371–392"),
        8: ("233–247", "349–370", "280–297", "349–370"),
        7: ("207–232", "310–348", "249–279", "310–348"),
        6: ("181–206", "271–309", "217–248", "271–309"),
        5: ("151–180", "226–270", "181–216", "226–270"),
        4: ("121–150", "181–225", "145–180", "181–225"),
    },
    # IRCC's TEF Canada tab for tests taken between 2019-10-01 and 2023-12-10
    "tef_canada 2019-10-01 to 2023-12-10": {
        10: ("566–699", "566–699", "566–699", "566–699"),
        9: ("533–565", "533–565", "533–565", "533–565"),
        8: ("500–532", "500–532", "500–532", "500–532"),
        7: ("450–499", "450–499", "450–499", "450–499"),
        6: ("400–449", "400–449", "400–449", "400–449"),
        5: ("350–399", "350–399", "350–399", "350–399"),
        4: ("300–349", "300–349", "300–349", "300–349"),
    },
    # IRCC's TEF Canada tab for tests taken after 2023-12-10
    "tef_canada after 2023-12-10": {
        10: ("546–699", "558–699", "546–699", "556–699"),
        9: ("503–545", "512–557", "503–545", "518–555"),
        8: ("462–502", "472–511", "462–502", "494–517"),
        7: ("434–461", "428–471", "434–461", "456–493"),
        6: ("393–433", "379–427", "393–433", "422–455"),
        5: ("352–392", "330–378", "352–392", "387–421"),
        4: ("306–351", "268–329", "306–351", "328–386"),
    },
    # §8.5 TCF Canada
    "tcf_canada": {
        10: ("549–699", "16–20", "549–699", "16–20"),
        9: ("524–548", "14–15", "523–548", "14–15"),
        8: ("499–523", "12–13", "503–522", "12–13"),
        7: ("453–498", "10–11", "458–502", "10–11"),
        6: ("406–452", "7–9", "398–457", "7–9"),
        5: ("375–405", "6", "369–397", "6"),
        4: ("342–374", "4–5", "331–368", "4–5"),
    },
}
OLD_TEF, NEW_TEF = "tef_canada before 2019-10-01", "tef_canada after 2023-12-10"
# Each chart: the test it belongs to and a test date inside its period (None: the test has one chart).
TEST_OF: dict[str, tuple[str, datetime.date | None]] = {
    "ielts_general": ("ielts_general", None),
    "celpip_general": ("celpip_general", None),
    "pte_core": ("pte_core", None),
    "tef_canada before 2019-10-01": ("tef_canada", datetime.date(2019, 9, 30)),
    "tef_canada 2019-10-01 to 2023-12-10": ("tef_canada", datetime.date(2019, 10, 1)),
    "tef_canada after 2023-12-10": ("tef_canada", datetime.date(2023, 12, 11)),
    "tcf_canada": ("tcf_canada", None),
}
STEP = {"ielts_general": 0.5, "celpip_general": 1, "pte_core": 1, "tef_canada": 1, "tcf_canada": 1}
LEVEL = {
    "ielts_general": "CLB",
    "celpip_general": "CLB",
    "pte_core": "CLB",
    "tef_canada": "NCLC",
    "tcf_canada": "NCLC",
}


def level_of(chart: str, ability: str, score: float) -> int:
    """The level the package gives a score of that chart's test, taken on a day of the chart's period."""
    test, taken = TEST_OF[chart]
    return language.TESTS[test].level(ability, score, taken)


def span(text: str) -> tuple[float, float]:
    """The lowest and highest score of a chart cell such as "7.0–7.5" or "6.5"."""
    low, _, high = text.partition("–")
    return float(low), float(high or low)


def boundary_cases() -> list[object]:
    """Both ends of every row of every chart, each with the level the chart gives it."""
    cases: list[object] = []
    for test, rows in CHARTS.items():
        scale = LEVEL[TEST_OF[test][0]]
        for level, cells in rows.items():
            for ability, cell in zip(ABILITY_COLUMNS, cells, strict=True):
                low, high = span(cell)
                sentence = f"{test} {ability} {low:g}, the lowest score of the {scale} {level} row"
                cases.append(pytest.param(test, ability, low, level, id=f"{sentence}, gives {scale} {level}"))
                beyond = "the top of the scale" if level == 10 else f"just below {scale} {level + 1}"
                sentence = f"{test} {ability} {high:g}, {beyond}"
                cases.append(
                    pytest.param(test, ability, high, level, id=f"{sentence}, gives {scale} {level}")
                )
    return cases


def below_lowest_row_cases() -> list[object]:
    """One step below the lowest row of every chart gives that row's level minus one."""
    cases: list[object] = []
    for test, rows in CHARTS.items():
        lowest = min(rows)
        kind = TEST_OF[test][0]
        for ability, cell in zip(ABILITY_COLUMNS, rows[lowest], strict=True):
            score = span(cell)[0] - STEP[kind]
            sentence = f"{test} {ability} {score:g}, below the lowest row, gives {LEVEL[kind]} {lowest - 1}"
            cases.append(pytest.param(test, ability, score, lowest - 1, id=f"{sentence} or lower"))
    return cases


def adjacent_rows() -> list[object]:
    """Each pair of neighbouring rows, per test and ability."""
    cases: list[object] = []
    for test, rows in CHARTS.items():
        for level in sorted(rows)[:-1]:
            for i, ability in enumerate(ABILITY_COLUMNS):
                sentence = f"{test} {ability}: the {level} row ends one step below the {level + 1} row starts"
                cases.append(pytest.param(test, rows[level][i], rows[level + 1][i], id=sentence))
    return cases


@pytest.mark.parametrize(("test", "lower", "upper"), adjacent_rows())
def test_the_transcribed_charts_have_no_gaps_or_overlaps(test: str, lower: str, upper: str) -> None:
    """The highest score of a row is the score just below the next row, so both sides are tested."""
    assert span(lower)[1] + STEP[TEST_OF[test][0]] == span(upper)[0]


@pytest.mark.parametrize(("test", "ability", "score", "expected"), boundary_cases())
def test_each_row_boundary_gives_the_level_of_its_row(
    test: str, ability: str, score: float, expected: int
) -> None:
    """The lowest and the highest score of each chart row give that row's level."""
    assert level_of(test, ability, score) == expected


@pytest.mark.parametrize(("test", "ability", "score", "expected"), below_lowest_row_cases())
def test_a_score_below_the_lowest_row_gives_one_level_less(
    test: str, ability: str, score: float, expected: int
) -> None:
    """A score under the chart's lowest row reads as the level below it, meaning "that or lower"."""
    assert level_of(test, ability, score) == expected


@pytest.mark.parametrize(
    ("test", "ability", "score", "expected"),
    [
        pytest.param("ielts_general", "reading", 0, 3, id="IELTS reading 0 gives CLB 3 or lower"),
        pytest.param("ielts_general", "writing", 3.5, 3, id="IELTS writing 3.5 gives CLB 3 or lower"),
        pytest.param("celpip_general", "speaking", 0, 3, id="CELPIP speaking 0 gives CLB 3 or lower"),
        pytest.param("celpip_general", "speaking", 3, 3, id="CELPIP speaking 3 gives CLB 3 or lower"),
        pytest.param("pte_core", "listening", 10, 2, id="PTE Core listening 10 gives CLB 2 or lower"),
        pytest.param("pte_core", "speaking", 33, 2, id="PTE Core speaking 33 gives CLB 2 or lower"),
        pytest.param("tef_canada after 2023-12-10", "listening", 0, 3, id="TEF listening 0 gives NCLC 3 or lower"),
        pytest.param("tcf_canada", "writing", 3, 3, id="TCF writing 3 gives NCLC 3 or lower"),
    ],
)
def test_scores_at_the_bottom_of_the_scale(test: str, ability: str, score: float, expected: int) -> None:
    """The lowest scores on each scale give the level below the chart's lowest row."""
    assert level_of(test, ability, score) == expected


@pytest.mark.parametrize(
    ("test", "ability", "score"),
    [
        pytest.param("ielts_general", "listening", 9.0, id="IELTS listening 9 gives 10, read as 10+"),
        pytest.param("celpip_general", "reading", 11, id="CELPIP reading 11 gives 10, read as 10+"),
        pytest.param("celpip_general", "writing", 12, id="CELPIP writing 12 gives 10, read as 10+"),
        pytest.param("pte_core", "reading", 89, id="PTE Core reading 89 gives 10, read as 10+"),
        pytest.param(OLD_TEF, "writing", 420, id="old-scale TEF writing 420 gives 10, read as 10+"),
        pytest.param(NEW_TEF, "writing", 699, id="TEF writing 699 of 2024 gives 10, read as 10+"),
        pytest.param("tcf_canada", "reading", 650, id="TCF reading 650 gives 10, read as 10+"),
        pytest.param("tcf_canada", "speaking", 18, id="TCF speaking 18 gives 10, read as 10+"),
    ],
)
def test_scores_above_the_level_10_minimum_are_capped_at_10(test: str, ability: str, score: float) -> None:
    """No chart goes past 10: any score from the 10 minimum up gives 10, meaning "10 or more"."""
    assert level_of(test, ability, score) == 10


@pytest.mark.parametrize(
    ("test", "ability", "expected"),
    [
        pytest.param("ielts_general", "speaking", (0, 9), id="IELTS bands run from 0 to 9"),
        pytest.param("celpip_general", "listening", (0, 12), id="CELPIP levels run from 0 to 12"),
        pytest.param("pte_core", "writing", (10, 90), id="PTE Core scores run from 10 to 90"),
        pytest.param("tef_canada before 2019-10-01", "reading", (0, 300), id="old TEF reading runs from 0 to 300"),
        pytest.param("tef_canada before 2019-10-01", "listening", (0, 360), id="old TEF listening runs from 0 to 360"),
        pytest.param("tef_canada before 2019-10-01", "writing", (0, 450), id="old TEF writing runs from 0 to 450"),
        pytest.param("tef_canada before 2019-10-01", "speaking", (0, 450), id="old TEF speaking runs from 0 to 450"),
        pytest.param("tef_canada 2019-10-01 to 2023-12-10", "writing", (0, 699), id="2019-2023 TEF runs from 0 to 699"),
        pytest.param("tef_canada after 2023-12-10", "speaking", (0, 699), id="TEF after 2023 runs from 0 to 699"),
        pytest.param("tcf_canada", "reading", (0, 699), id="TCF reading runs from 0 to 699"),
        pytest.param("tcf_canada", "listening", (0, 699), id="TCF listening runs from 0 to 699"),
        pytest.param("tcf_canada", "writing", (0, 20), id="TCF writing runs from 0 to 20"),
        pytest.param("tcf_canada", "speaking", (0, 20), id="TCF speaking runs from 0 to 20"),
    ],
)
def test_score_range_is_the_scale_of_the_test(test: str, ability: str, expected: tuple[float, float]) -> None:
    """score_range gives the lowest and highest score a test can award in an ability on that test date."""
    kind, taken = TEST_OF[test]
    assert language.TESTS[kind].score_range(ability, taken) == expected


IELTS_BAND = "a band score from 0 to 9 in steps of 0.5"
CELPIP_LEVEL = "a whole-number level from 0 to 12"
PTE_SCORE = "a whole-number score from 10 to 90"
TEF_OLD = "a whole-number score on the TEF scale used before 2019-10-01 from 0 to"
TEF_NEW = "a whole-number score on the TEF scale used from 2023-12-11 from 0 to 699"
INVALID = [
    ("ielts_general", "reading", 6.3, IELTS_BAND, "IELTS 6.3 is not a half band"),
    ("ielts_general", "writing", 9.5, IELTS_BAND, "IELTS 9.5 is above 9"),
    ("ielts_general", "speaking", -0.5, IELTS_BAND, "IELTS -0.5 is below 0"),
    ("ielts_general", "reading", float("nan"), IELTS_BAND, "NaN is not a score"),
    ("celpip_general", "reading", 7.5, CELPIP_LEVEL, "CELPIP 7.5 is not a whole level"),
    ("celpip_general", "listening", 13, CELPIP_LEVEL, "CELPIP 13 is above 12"),
    ("celpip_general", "reading", True, CELPIP_LEVEL, "True is not a score"),
    ("pte_core", "reading", 9, PTE_SCORE, "PTE Core 9 is below 10"),
    ("pte_core", "writing", 91, PTE_SCORE, "PTE Core 91 is above 90"),
    ("pte_core", "speaking", 60.5, PTE_SCORE, "PTE Core 60.5 is not whole"),
    ("tef_canada before 2019-10-01", "reading", 301, f"{TEF_OLD} 300", "old TEF reading 301 is above 300"),
    ("tef_canada before 2019-10-01", "listening", 361, f"{TEF_OLD} 360", "old TEF listening 361 is above 360"),
    ("tef_canada before 2019-10-01", "writing", 451, f"{TEF_OLD} 450", "old TEF writing 451 is above 450"),
    ("tef_canada before 2019-10-01", "speaking", -1, f"{TEF_OLD} 450", "old TEF speaking -1 is below 0"),
    ("tef_canada after 2023-12-10", "reading", 700, TEF_NEW, "TEF reading 700 of 2024 is above 699"),
    ("tcf_canada", "reading", 700, "a whole-number score from 0 to 699", "TCF reading 700 is above 699"),
    ("tcf_canada", "writing", 21, "a whole-number score from 0 to 20", "TCF writing 21 is above 20"),
    ("tcf_canada", "speaking", 12.5, "a whole-number score from 0 to 20", "TCF speaking 12.5 is not whole"),
]


@pytest.mark.parametrize(
    ("test", "ability", "score", "phrase"), [pytest.param(*case[:4], id=case[4]) for case in INVALID]
)
def test_a_score_the_test_cannot_give_is_rejected_saying_what_is_expected(
    test: str, ability: str, score: float, phrase: str
) -> None:
    """valid_score names the expected scale, and level refuses the score with the same words."""
    name, taken = TEST_OF[test]
    kind = language.TESTS[name]
    assert kind.valid_score(ability, score, taken) == phrase
    with pytest.raises(ValueError, match=f"expected {phrase}"):
        kind.level(ability, score, taken)


@pytest.mark.parametrize(
    ("test", "ability", "score"),
    [
        pytest.param("ielts_general", "reading", 6.5, id="IELTS 6.5 is a half band"),
        pytest.param(OLD_TEF, "listening", 360, id="old TEF listening 360 is the top of its scale"),
        pytest.param(NEW_TEF, "listening", 699, id="TEF listening 699 of 2024 is the top of its scale"),
        pytest.param("tcf_canada", "writing", 0, id="TCF writing 0 is the bottom of its scale"),
        pytest.param("pte_core", "reading", 50.0, id="PTE Core 50.0 written as a float is whole"),
    ],
)
def test_a_score_the_test_can_give_is_valid(test: str, ability: str, score: float) -> None:
    """valid_score is None for a score on the test's scale."""
    name, taken = TEST_OF[test]
    assert language.TESTS[name].valid_score(ability, score, taken) is None


def test_levels_converts_each_ability_on_its_own_without_averaging() -> None:
    """IELTS R 7.5, W 6.0, L 9.0, S 3.0 gives CLB 9, 7, 10 and 3 or lower, not one overall level."""
    scores = {"reading": 7.5, "writing": 6.0, "listening": 9.0, "speaking": 3.0}
    expected = {"reading": 9, "writing": 7, "listening": 10, "speaking": 3}
    assert language.levels("ielts_general", scores) == expected


def test_levels_reads_the_tcf_reading_and_listening_columns_separately() -> None:
    """TCF 523 is NCLC 8 in reading (499–523) but NCLC 9 in listening (523–548)."""
    assert language.levels("tcf_canada", {"reading": 523, "listening": 523}) == {"reading": 8, "listening": 9}


def test_levels_leaves_out_abilities_it_was_not_given() -> None:
    """A result for speaking only gives a level for speaking only."""
    assert language.levels("celpip_general", {"speaking": 8}) == {"speaking": 8}


def test_levels_reports_every_problem_at_once() -> None:
    """A misspelt ability and two invalid scores are all named in one error."""
    with pytest.raises(ValueError) as caught:
        language.levels("pte_core", {"reading": 9, "writting": 50, "speaking": 50.5})
    message = str(caught.value)
    assert "unknown ability 'writting'; did you mean 'writing'?" in message
    assert "reading score 9: expected a whole-number score from 10 to 90" in message
    assert "speaking score 50.5: expected a whole-number score from 10 to 90" in message


def test_an_unknown_ability_gets_a_did_you_mean() -> None:
    """level refuses "speeking" and suggests "speaking"."""
    with pytest.raises(ValueError, match="did you mean 'speaking'"):
        language.TESTS["ielts_general"].level("speeking", 7.0)


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        pytest.param("ielts_generl", "'ielts_general'", id="ielts_generl suggests ielts_general"),
        pytest.param("ielts", "'ielts_general'", id="ielts suggests ielts_general"),
        pytest.param("celpip", "'celpip_general'", id="celpip suggests celpip_general"),
        pytest.param("TCF_Canada", "'tcf_canada'", id="TCF_Canada suggests tcf_canada"),
        pytest.param("tef", "'tef_canada'", id="tef suggests tef_canada"),
    ],
)
def test_an_unknown_test_id_gets_a_did_you_mean(typed: str, suggestion: str) -> None:
    """test_kind refuses an unknown id with a ValueError that suggests the closest known id."""
    with pytest.raises(ValueError, match=f"unknown language test '{typed}'; did you mean {suggestion}\\?"):
        language.test_kind(typed)


def test_a_test_ircc_does_not_accept_is_named_as_such() -> None:
    """PTE Academic is refused as not accepted, not answered with "did you mean 'pte_core'?"."""
    with pytest.raises(ValueError, match="PTE Academic is not accepted for economic immigration"):
        language.test_kind("pte_academic")


def test_toefl_essentials_is_refused_for_want_of_a_table() -> None:
    """TOEFL Essentials is designated but has no IRCC table yet, and the error says so."""
    with pytest.raises(ValueError, match="TOEFL Essentials has no IRCC conversion table yet"):
        language.test_kind("toefl_essentials")


def test_an_id_like_no_test_lists_the_accepted_ids() -> None:
    """An id close to nothing is answered with the list of accepted ids."""
    with pytest.raises(ValueError, match="expected one of 'ielts_general', 'celpip_general'"):
        language.test_kind("toefl")


def test_levels_refuses_an_unknown_test_id() -> None:
    """levels raises ValueError, not KeyError, for an unknown test."""
    with pytest.raises(ValueError, match="unknown language test 'tcf'"):
        language.levels("tcf", {"reading": 500})


def test_the_five_accepted_tests_are_known_by_their_ids() -> None:
    """TESTS holds exactly the five tests of TEST_IDS, in that order, each under its own id."""
    assert tuple(language.TESTS) == language.TEST_IDS
    assert language.TEST_IDS == ("ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada")
    assert all(language.test_kind(key).id == key for key in language.TEST_IDS)
    assert language.ABILITIES == ABILITY_COLUMNS


def test_each_test_names_its_language_start_date_and_source() -> None:
    """Three English and two French tests; only PTE Core has a start date, 2024-01-30; each chart names its source."""
    tests = language.TESTS
    assert [tests[t].language for t in language.TEST_IDS] == ["english"] * 3 + ["french"] * 2
    assert tests["pte_core"].accepted_from == datetime.date(2024, 1, 30)
    assert [tests[t].accepted_from for t in language.TEST_IDS if t != "pte_core"] == [None] * 4
    assert all(s.source for t in tests.values() for s in t.scales)
    assert "sumlingo.com" in tests["pte_core"].scales[0].source
    confidence = [s.confidence for s in tests["tef_canada"].scales]
    assert confidence == ["blog", "official_via_news", "official_via_news"]


@pytest.mark.parametrize(
    ("taken", "scores", "expected"),
    [
        pytest.param(datetime.date(2019, 9, 30), (207, 310, 249, 310), (7, 7, 7, 7),
                     id="TEF taken 2019-09-30 is read on the old scale: 207, 310, 249, 310 is NCLC 7"),
        pytest.param(datetime.date(2019, 10, 1), (450, 450, 450, 450), (7, 7, 7, 7),
                     id="TEF taken 2019-10-01 is read on the 2019-2023 scale: 450 is NCLC 7"),
        pytest.param(datetime.date(2023, 12, 10), (449, 449, 449, 449), (6, 6, 6, 6),
                     id="TEF taken 2023-12-10 is still the 2019-2023 scale: 449 is NCLC 6"),
        pytest.param(datetime.date(2023, 12, 11), (449, 449, 449, 449), (7, 7, 7, 6),
                     id="TEF taken 2023-12-11 is the new scale: 449 is NCLC 7 but speaking needs 456"),
        pytest.param(datetime.date(2025, 1, 15), (300, 440, 300, 440), (3, 7, 3, 6),
                     id="TEF of 2025 under 450 is not read as old-scale: writing 440 is NCLC 7, not 10"),
    ],
)
def test_a_tef_result_is_read_on_the_scale_of_its_test_date(
    taken: datetime.date, scores: tuple[int, int, int, int], expected: tuple[int, int, int, int]
) -> None:
    """The test date picks the TEF Canada scale; the day each new scale starts is tested from both sides."""
    given = dict(zip(ABILITY_COLUMNS, scores, strict=True))
    assert language.levels("tef_canada", given, taken) == dict(zip(ABILITY_COLUMNS, expected, strict=True))


def test_a_tef_score_without_a_test_date_is_refused() -> None:
    """TEF Canada has three scales, so a level without the test date is an error, never a guess."""
    with pytest.raises(ValueError, match="TEF Canada scores depend on the test date"):
        language.TESTS["tef_canada"].level("reading", 450)


def test_an_old_scale_score_above_its_range_is_refused_on_its_date() -> None:
    """Writing 460 is valid on the scales from 2019-10-01 but not on the old scale (0 to 450)."""
    tef = language.TESTS["tef_canada"]
    assert tef.valid_score("writing", 460, datetime.date(2019, 10, 1)) is None
    assert tef.valid_score("writing", 460, datetime.date(2019, 9, 30)) == f"{TEF_OLD} 450"


def test_a_chart_whose_minimums_do_not_rise_is_refused_when_built() -> None:
    """A scale whose CLB 9 minimum is not above its CLB 8 minimum cannot be built."""
    with pytest.raises(ValueError, match="reading: each level's minimum must exceed the one below it"):
        language.Scale(
            valid_from=None,
            valid_to=None,
            unit="score",
            step=1,
            ranges=((0, 10), (0, 10), (0, 10), (0, 10)),
            rows=((10, (9, 9, 9, 9)), (9, (7, 8, 8, 8)), (8, (7, 7, 7, 7))),
            source="https://example.org",
            confidence="blog",
        )


def test_a_charts_file_with_a_gap_between_scales_is_refused(tmp_path: Path) -> None:
    """Scales must follow one another from the first test date to the last: a gap is refused at load."""
    text = language.charts_path().read_text(encoding="utf-8").replace("to: 2023-12-11", "to: 2023-12-01")
    broken = tmp_path / "tests.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=r"\$\.tests\[3\]\.scales: expected scales that follow one another"):
        language.load_charts(broken)


@st.composite
def two_scores(draw: st.DrawFn) -> tuple[str, str, float, float]:
    """A chart, an ability and two valid scores for it, the first no higher than the second."""
    chart = draw(st.sampled_from(tuple(CHARTS)))
    test, taken = TEST_OF[chart]
    ability = draw(st.sampled_from(language.ABILITIES))
    low, high = language.TESTS[test].score_range(ability, taken)
    steps = round((high - low) / STEP[test])
    first, second = sorted(draw(st.lists(st.integers(0, steps), min_size=2, max_size=2)))
    return chart, ability, low + first * STEP[test], low + second * STEP[test]


@given(two_scores())
def test_a_higher_score_never_gives_a_lower_level(case: tuple[str, str, float, float]) -> None:
    """For every chart and ability, level is non-decreasing in the score and stays within the chart."""
    chart, ability, lower, higher = case
    assert level_of(chart, ability, lower) <= level_of(chart, ability, higher)
    assert min(CHARTS[chart]) - 1 <= level_of(chart, ability, lower) <= 10


@given(score=st.one_of(st.booleans(), st.integers(-2, 200), st.floats(-1, 200),
                       st.sampled_from([0.0, -0.0, 4.5, 7.0, 7, 9.0, 310, 699.0, math.nan, math.inf])),
       ability=st.sampled_from(ABILITY_COLUMNS))
def test_kept_scores_and_levels_are_those_worked_out(score: float, ability: str) -> None:
    """A chart's scale answers validity and level the same whether the score was met before (kept) or not: each
    answer equals a fresh copy's (a scale not among the charts' is never kept), asked twice."""
    import attrs

    for kind in language.TESTS.values():
        for scale in kind.scales:
            fresh = attrs.evolve(scale)
            for _ in range(2):
                assert scale.valid_score(ability, score) == fresh.valid_score(ability, score)
                try:
                    expected: int | str = fresh.level(ability, score)
                except ValueError as exc:
                    expected = str(exc)
                try:
                    got: int | str = scale.level(ability, score)
                except ValueError as exc:
                    got = str(exc)
                assert got == expected and type(got) is type(expected)
