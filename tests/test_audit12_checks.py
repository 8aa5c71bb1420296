"""Edges of plan, rounds, impact and the categories by year that audit12 found right, kept as regression tests.

Every expected value is worked out by hand: dates and hours from research/programs.md (section 0: 1 year = 1,560 h
= 364 days of full-time work, 6 months = 780 h = 182 days; 3.1 and 3.4: the category rules and lists by year), points
from research/crs.md and programs.md 1.1, rounds from the snapshot of IRCC's feed
(/work/shared/data/ee-rounds/draws.json, transcribed below where used), promises from docs/plan.md, docs/draws.md
and docs/batch.md. The profiles are described in tests/test_audit12_support.py.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import eligibility
from eligibility.draws.kinds import round_type
from eligibility.rulebook.model import Composite
from eligibility.rulebook.tree import walk
from tests.support import run_cli
from tests.test_audit12_support import (
    SOFTWARE,
    because,
    celpip,
    crs_because,
    crs_steps,
    data,
    intervals,
    job,
    plan,
    profile,
)

# --- Birthdays and tests on 29 February (docs/plan.md: a 29 February birthday is a year older on 1 March) ------


def test_a_29_february_birthday_moves_the_crs_on_1_march() -> None:
    """Born 1996-02-29: 29 until 2026-02-28, 30 on 2026-03-01 (crs.md age without a spouse: 110 -> 105). CRS 498 =
    110 + 120 (bachelor's) + 4 x 31 (CLB 9) + 64 (3 years in Canada) + 25 + 25 (transferability, capped 50) + 30
    (Canadian education of 3+ years)."""
    found = plan(profile(), "2026-01-01", "2026-06-01", "express-entry/cec")
    assert crs_steps(found) == [("2026-01-01", 498), ("2026-03-01", 493)]
    assert crs_because(found, "2026-03-01") == "age 30: core.age 110 -> 105, CRS 498 -> 493"


def test_a_test_taken_on_29_february_counts_to_28_february_two_years_on() -> None:
    """CELPIP taken 2024-02-29: 2 years old on 2026-03-01 (the 29 February reading the plan gives birthdays), so CEC
    holds on 2026-02-28 and closes on 2026-03-01; the CRS loses 4 x 31 language and 25 transferability points and
    5 age points the same day (born 1988-02-29: 38 on 2026-03-01, 66 -> 61): 454 -> 300."""
    person = profile(birth_date="1988-02-29", language_tests=[celpip(9, "2024-02-29")])
    found = plan(person, "2026-02-01", "2026-04-01", "express-entry/cec")
    assert intervals(found, "express-entry/cec") == [("2026-02-01", "2026-03-01", "eligible"),
                                                     ("2026-03-01", "2026-04-01", "not_eligible")]
    assert because(found, "express-entry/cec", "2026-03-01") == "CELPIP-General of 2024-02-29 is 2 years old"
    assert crs_steps(found) == [("2026-02-01", 454), ("2026-03-01", 300)]


def test_a_result_date_sets_the_two_years() -> None:
    """docs/profile-format.md: a result counts for 2 years from its result date. Taken 2024-02-29, result of
    2024-03-12: CEC closes on 2026-03-12, not on 2026-03-01."""
    person = profile(language_tests=[celpip(9, "2024-02-29", result_date="2024-03-12")])
    found = plan(person, "2026-02-01", "2026-04-01", "express-entry/cec")
    assert intervals(found, "express-entry/cec") == [("2026-02-01", "2026-03-12", "eligible"),
                                                     ("2026-03-12", "2026-04-01", "not_eligible")]
    assert because(found, "express-entry/cec", "2026-03-12") == (
        "CELPIP-General of 2024-02-29, result of 2024-03-12, is 2 years old")


def test_fsw_age_points_move_on_1_march_for_a_29_february_birthday() -> None:
    """Born 1988-02-29: 37 on 2025-03-01 (FSW age 11 -> 10, programs.md 1.1); the CRS age 72 -> 66 the same day."""
    person = profile(birth_date="1988-02-29", language_tests=[celpip(9, "2024-02-29")])
    found = plan(person, "2025-01-01", "2025-06-01", "express-entry/fsw")
    assert crs_steps(found) == [("2025-01-01", 460), ("2025-03-01", 454)]
    assert crs_because(found, "2025-03-01") == "age 37: core.age 72 -> 66, CRS 460 -> 454"


# --- Work reaching the category thresholds on the day, across the 2026 rule change (programs.md 3.1) ----------

NURSE = job("31301", "2025-03-01", None, title="Nurse")


def test_healthcare_six_months_then_twelve_months_on_the_day() -> None:
    """A nurse (31301, on the 2025 and 2026 lists) from 2025-03-01: 182 days (780 h) on 2025-08-30; the 12-month
    rule of 2026-02-18 is not met that day (354 days); 364 days (1,560 h) on 2026-02-28."""
    found = plan(profile(work=[SOFTWARE, NURSE]), "2025-06-01", "2026-06-01", "category/healthcare")
    assert intervals(found, "category/healthcare") == [
        ("2025-06-01", "2025-08-30", "not_eligible"), ("2025-08-30", "2026-02-18", "eligible"),
        ("2026-02-18", "2026-02-28", "not_eligible"), ("2026-02-28", "2026-06-01", "eligible")]
    assert because(found, "category/healthcare", "2025-08-30") == (
        "780 h in 31301 Registered nurses and registered psychiatric nurses reached")
    assert because(found, "category/healthcare", "2026-02-18").startswith("the rules of 2026-02-18 start: ")
    assert because(found, "category/healthcare", "2026-02-28") == (
        "1,560 h in 31301 Registered nurses and registered psychiatric nurses reached")


@pytest.mark.parametrize(("day", "outcome", "hours"), [("2026-02-27", "fail", 1555.7), ("2026-02-28", "pass", 1560.0)])
def test_healthcare_twelve_months_at_the_smallest_step(day: str, outcome: str, hours: float) -> None:
    """363 days = 1,555.7 h on 2026-02-27; 364 days = 1,560 h on 2026-02-28."""
    result = eligibility.evaluate(profile(work=[SOFTWARE, NURSE]), day, programs=["category/healthcare"])
    experience = next(c for c in result.program("category/healthcare").conditions if c.id == "experience")
    assert (experience.outcome, experience.observed["hours"]) == (outcome, hours)


def test_a_continuous_run_leaving_the_window_closes_the_2025_category() -> None:
    """A nurse abroad 2022-01-01..2022-08-31 (243 days in a row): under the 2025 rule the run inside the 3-year window
    is 182 days while the window starts on or before 2022-03-03, i.e. up to 2025-03-03; 2025-03-04 has 181 days."""
    person = profile(work=[SOFTWARE, job("31301", "2022-01-01", "2022-08-31", country="GB")],
                     language_tests=[celpip(9, "2024-06-10")])
    found = plan(person, "2025-02-01", "2025-04-01", "category/healthcare")
    assert intervals(found, "category/healthcare") == [("2025-02-01", "2025-03-04", "eligible"),
                                                       ("2025-03-04", "2025-04-01", "not_eligible")]
    assert because(found, "category/healthcare", "2025-03-04") == (
        "31301 Registered nurses and registered psychiatric nurses falls below 780 h in the 3-year window")


def test_cec_closes_the_day_the_work_leaves_the_three_years() -> None:
    """The software job ends 2024-12-31; 364 days of it stay in the window [D - 3 years, D - 1] while the window
    starts on or before 2024-01-03 (2024 is a leap year), i.e. up to D = 2027-01-03."""
    found = plan(profile(language_tests=[celpip(9, "2026-06-10")]), "2026-12-01", "2027-02-01", "express-entry/cec")
    assert intervals(found, "express-entry/cec") == [("2026-12-01", "2027-01-04", "eligible"),
                                                     ("2027-01-04", "2027-02-01", "not_eligible")]


def test_a_what_if_moves_only_the_program_it_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/plan.md "What if": the nurse starting a month later (2025-04-01) reaches 780 h on 2025-09-30 and 1,560 h on
    2026-03-31; CEC (from the software job) does not move and is not listed among the changes."""
    source = tmp_path / "nurse.json"
    source.write_text(json.dumps(data(work=[SOFTWARE, NURSE])), encoding="utf-8")
    code, out, _ = run_cli(["plan", str(source), "--from", "2025-06-01", "--until", "2026-06-01", "--program",
                            "category/healthcare", "--program", "express-entry/cec", "--set",
                            "work[1].start=2025-04-01", "--format", "json"], capsys, monkeypatch)
    assert code == 0
    changes = json.loads(out)["changes"]
    assert [c["program"] for c in changes] == ["category/healthcare"]
    assert [(i["from"], i["verdict"]) for i in changes[0]["after"]] == [
        ("2025-06-01", "not_eligible"), ("2025-09-30", "eligible"), ("2026-02-18", "not_eligible"),
        ("2026-03-31", "eligible")]


# --- Category lists by year, whole (programs.md 3.4) -------------------------------------------------------------

HEALTH_2023 = {"31100", "31101", "31102", "31103", "31110", "31111", "31112", "31121", "31200", "31201", "31202",
               "31203", "31204", "31209", "31300", "31301", "31302", "31303", "32101", "32102", "32103", "32109",
               "32120", "32121", "32122", "32129", "32200", "32201", "32209", "33101", "33102", "33103", "33109",
               "41320", "42203"}
HEALTH_2025 = (HEALTH_2023 - {"31204", "32200", "32209", "33109", "41320", "42203"}) | {
    "31120", "32104", "32111", "32123", "32124", "41300", "41301", "42201"}
STEM_2023 = {"20010", "20011", "20012", "21200", "21201", "21202", "21203", "21210", "21211", "21220", "21221",
             "21222", "21223", "21230", "21231", "21232", "21233", "21234", "21300", "21310", "21311", "21321",
             "21322", "41400"}
STEM_2025 = {"20011", "21220", "21300", "21301", "21310", "21321", "21331", "22300", "22301", "22310", "63100"}
TRADES_2023 = {"72014", "72106", "72200", "72300", "72310", "72400", "72402", "72405", "72406", "73200"}
TRADES_2025 = {"22303", "63200", "70010", "70011", "72100", "72102", "72106", "72200", "72201", "72300", "72302",
               "72310", "72311", "72320", "72400", "72401", "72402", "72422", "72501", "72999", "73100", "73110",
               "73112", "73113", "82021"}
TRANSPORT_2023 = {"70020", "72403", "72404", "72600", "72601", "72602", "72603", "72604", "73300", "93200"}
EDUCATION = {"41220", "41221", "42202", "42203", "43100"}

# (program, first day of the version, list, hours, continuous)
LISTS = [
    ("category/healthcare", "2023-05-31", HEALTH_2023, 780, True),
    ("category/healthcare", "2024-01-01", HEALTH_2023, 780, True),
    ("category/healthcare", "2025-02-27", HEALTH_2025, 780, True),
    ("category/healthcare", "2026-02-18", HEALTH_2025, 1560, False),
    ("category/stem", "2023-05-31", STEM_2023, 780, True),
    ("category/stem", "2025-02-27", STEM_2025, 780, True),
    ("category/stem", "2026-02-18", STEM_2025, 1560, False),
    ("category/trades", "2023-05-31", TRADES_2023, 780, True),
    ("category/trades", "2025-02-27", TRADES_2025, 780, True),
    ("category/trades", "2026-02-18", (TRADES_2025 - {"63200"}) | {"63201"}, 1560, False),
    ("category/transport", "2023-05-31", TRANSPORT_2023, 780, True),
    ("category/transport", "2026-02-18", {"22313", "72404", "72410", "72600"}, 1560, False),
    ("category/agriculture", "2023-05-31", {"82030", "82031", "63201"}, 780, True),
    ("category/agriculture", "2025-02-27", {"63201"}, 780, True),
    ("category/education", "2025-02-27", EDUCATION, 780, True),
    ("category/education", "2026-02-18", EDUCATION, 1560, False),
    ("category/physicians", "2026-02-18", {"31100", "31101", "31102"}, 1560, False),
    ("category/senior-managers", "2026-02-18", {"00012", "00013", "00014", "00015"}, 1560, False),
    ("category/researchers", "2026-02-18", {"41200", "41201"}, 1560, False),
]


@pytest.mark.parametrize(("program", "first", "codes", "hours", "continuous"), LISTS)
def test_each_category_version_holds_the_research_list(program: str, first: str, codes: set[str], hours: int,
                                                       continuous: bool) -> None:
    """Each version's occupation list, hours and continuity equal programs.md 3.4 and 3.1 (healthcare 35 -> 37,
    STEM 24 -> 11, trades 10 -> 25 -> 25 with cooks out and butchers in, transport 10 -> 4)."""
    version = next(v for v in eligibility.rules().programs[program].versions if v.valid_from.isoformat() == first)
    (work,) = [c for c, _ in walk(version.conditions, "$")
               if not isinstance(c, Composite) and c.kind == "work_experience"]
    assert (set(work.occupations.codes), work.min_hours, work.continuous) == (codes, hours, continuous)


# --- Rounds (docs/draws.md; the snapshot's rounds as transcribed) ------------------------------------------------

def _met(score: int, eligible: set[str], as_of: str) -> dict[str, list[tuple[str, int, str]]]:
    found = eligibility.rounds_met(score, eligible, False, as_of)
    return {t.type: [(r.round.number, r.round.lowest_score, r.meets) for r in t.rounds] for t in found.types}


def test_a_round_on_the_as_of_day_is_among_the_rounds() -> None:
    """'the last rounds on or before the date': CEC #443 of 2026-09-15 (cut-off 519) is in on 2026-09-15, and 519
    equals it (maybe); #439 521, #436 523 (no), #432 516, #428 516, #424 517 (yes)."""
    assert _met(519, {"express-entry/cec"}, "2026-09-15")["express-entry/cec"] == [
        ("443", 519, "maybe"), ("439", 521, "no"), ("436", 523, "no"), ("432", 516, "yes"), ("428", 516, "yes"),
        ("424", 517, "yes")]


def test_the_day_before_a_round_it_is_not_among_the_rounds() -> None:
    """2026-09-14: #443 is not yet held; the six are #439 .. #420 (2026-06-23, 516)."""
    assert [n for n, _, _ in _met(519, {"express-entry/cec"}, "2026-09-14")["express-entry/cec"]] == [
        "439", "436", "432", "428", "424", "420"]


@pytest.mark.parametrize(("as_of", "numbers"), [("2025-02-28", ["294", "292", "290", "288", "286"]),
                                                ("2025-03-01", ["294", "292", "290", "288"])])
def test_twelve_months_back_at_a_month_end(as_of: str, numbers: list[str]) -> None:
    """General rounds #286 (2024-02-28) .. #294 (2024-04-23): 12 months before 2025-02-28 is 2024-02-28, which is in;
    before 2025-03-01 it is 2024-03-01, and #286 is out."""
    assert [n for n, _, _ in _met(534, {"express-entry/fsw"}, as_of)["general"]] == numbers


def test_category_rounds_for_a_nurse_on_the_day_of_a_round() -> None:
    """Healthcare rounds up to 2026-09-04 within 12 months (from 2025-09-04): #441 475, #422 475, #398 467, #385 476,
    #379 462, #373 472; a score of 475 ties the two latest."""
    assert _met(475, {"express-entry/cec", "category/healthcare"}, "2026-09-04")["category/healthcare"] == [
        ("441", 475, "maybe"), ("422", 475, "maybe"), ("398", 467, "yes"), ("385", 476, "no"), ("379", 462, "yes"),
        ("373", 472, "yes")]


def test_the_tie_break_of_a_tied_round_is_said() -> None:
    """#441's cut-off text is 'May 26, 2026 at 00:26:14 UTC'."""
    found = eligibility.rounds_met(475, {"express-entry/cec", "category/healthcare"}, False, "2026-09-04")
    (healthcare,) = [t for t in found.types if t.type == "category/healthcare"]
    assert healthcare.rounds[0].explanation == (
        "475 equals the lowest score invited: invited only if the profile was submitted before the tie-break time "
        "2026-05-26 00:26:14 UTC")


def test_a_tie_break_without_a_year_is_the_rounds_year() -> None:
    """#208 of 2021-10-27 reads 'October 7 at 16:38:21 UTC': October is not later than the round's month, so 2021."""
    (r,) = [r for r in eligibility.rounds_table().rounds if r.number == "208"]
    assert r.tie_break is not None and r.tie_break.isoformat() == "2021-10-07T16:38:21+00:00"


def test_rounds_after_the_data_are_said_to_be_missing() -> None:
    """On 2026-11-30, after the last round (#444 of 2026-09-16), the note says so plainly."""
    found = eligibility.rounds_met(500, {"express-entry/cec"}, False, "2026-11-30")
    assert found.notes[0] == ("rounds known up to 2026-09-16; rounds after that date are not in this data "
                              "(eligibility draws update fetches them)")


def test_evaluate_with_one_program_still_shows_the_category_rounds() -> None:
    """docs/draws.md: evaluate evaluates the categories it was not asked for. The nurse on 2026-09-04 scores 501
    (105 age 30 + 120 + 124 + 72 for 4 years in Canada + 50 + 30) and meets all six healthcare rounds (462-476)."""
    result = eligibility.evaluate(profile(work=[SOFTWARE, NURSE]), "2026-09-04", programs=["express-entry/cec"])
    assert result.crs is not None and (result.crs.low, result.crs.high) == (501, 501)
    rounds = result.crs.rounds
    assert rounds is not None
    (healthcare,) = [t for t in rounds.types if t.type == "category/healthcare"]
    assert [r.meets for r in healthcare.rounds] == ["yes"] * 6


# Type, rounds, invitations, lowest and highest cut-off from 2026-01-01 to the end of the data, added by hand from
# the snapshot (CEC: 2000+2000+1000+3000+2000+2000+4000+3000+2000+2000+2250+4000+4000+6000+6000+8000).
SINCE_2026 = [("express-entry/cec", 16, 53250, 507, 523), ("provincial-nominee", 18, 8537, 697, 805),
              ("category/french", 10, 50500, 382, 420), ("category/healthcare", 3, 11500, 467, 475),
              ("category/military", 1, 4, 368, 368), ("category/physicians", 3, 891, 169, 223),
              ("category/senior-managers", 3, 1000, 389, 429), ("category/trades", 1, 3000, 477, 477),
              ("category/transport", 1, 300, 470, 470)]


def test_draws_since_2026_by_type(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_cli(["draws", "--since", "2026-01-01", "--format", "json"], capsys, monkeypatch)
    assert code == 0
    found = json.loads(out)
    assert sorted((t["type"], t["rounds"], t["invitations"], t["lowest_score_min"], t["lowest_score_max"])
                  for t in found["types"]) == sorted(SINCE_2026)
    assert len(found["rounds"]) == 56 and found["rounds"][0]["number"] == "444"


@pytest.mark.parametrize(("name", "kind"), [
    ("Healthcare and Social Services Occupations, 2027-Version 1", "category/healthcare"),
    ("French-Language proficiency 2027-Version 3", "category/french"),
    ("Trade Occupations, 2027 - Version 4", "category/trades"),
    ("General, 2027-Version 1", "general"),
    ("No Program Specified (Version 1)", "general"),
    ("Senior Managers with Canadian Work Experience (Version 2)", "category/senior-managers"),
    ("Federal Skilled Trades (Version 2)", "express-entry/fst"),
])
def test_a_new_version_of_a_known_round_name_maps(name: str, kind: str) -> None:
    """docs/draws.md: the version label is removed, so a new version maps without a code change."""
    assert round_type(name) == kind


# --- Impact (docs/batch.md) ---------------------------------------------------------------------------------------

def test_impact_csv_quotes_a_cause_with_quotes_and_commas(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Two kinesiologists (31204) and an educational counsellor (41320), a year in Canada from 2024-01-01, leave the
    healthcare category on 2025-02-27 (both dropped from the list): one CSV row of 3, its cause read back whole."""
    rows = [data(id=i, work=[SOFTWARE, job(noc, "2024-01-01", None)], language_tests=[celpip(9, "2024-06-10")])
            for i, noc in (("k0", "31204"), ("k1", "31204"), ("k2", "41320"))]
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = run_cli(["impact", str(source), "--from", "2025-02-26", "--to", "2025-02-27", "--format", "csv",
                            "-p", "category/healthcare"], capsys, monkeypatch)
    assert code == 0
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["from"], row["to"], row["count"], row["ids"]) == ("eligible", "not_eligible", "3", "k0 k1 k2")
    assert row["cause"].startswith('the rules of 2025-02-27 start: Renamed from "Healthcare occupations" to ')
    assert "6 occupations removed (31204, 32200, 32209, 33109, 41320, 42203)" in row["cause"]


def test_a_tie_in_a_round_without_a_published_tie_break() -> None:
    """Round #1 (2015-01-31, 'No Program Specified', cut-off 886) has no tie-break time: a score of 886 is 'maybe',
    without a time."""
    found = eligibility.rounds_met(886, {"express-entry/fsw"}, False, "2015-02-01")
    (general,) = [t for t in found.types if t.type == "general"]
    assert [(r.round.number, r.meets, r.explanation) for r in general.rounds] == [
        ("1", "maybe", "886 equals the lowest score invited: invited only if the profile was submitted early enough")]


def test_every_round_of_the_snapshot_has_its_type(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot's 22 names by hand: 167 'No Program Specified' + 11 'General' = 178 general; 26 + 10 French;
    6 + 7 + 3 healthcare; 4 + 1 + 1 trades; 3 + 1 transport; 69 CEC, 1 FSW, 7 FST, 113 PNP, ...: 445 in all."""
    code, out, _ = run_cli(["draws", "--format", "json"], capsys, monkeypatch)
    assert code == 0
    assert sorted((t["type"], t["rounds"]) for t in json.loads(out)["types"]) == sorted([
        ("general", 178), ("express-entry/cec", 69), ("express-entry/fsw", 1), ("express-entry/fst", 7),
        ("provincial-nominee", 113), ("category/french", 36), ("category/healthcare", 16), ("category/stem", 3),
        ("category/trades", 6), ("category/transport", 4), ("category/agriculture", 3), ("category/education", 2),
        ("category/physicians", 3), ("category/senior-managers", 3), ("category/military", 1)])


@pytest.mark.parametrize(("hours", "reached"), [((20,), "2026-07-01"), ((20, 20), "2025-12-31"),
                                                ((15, 15), "2025-12-31")])
def test_cec_year_with_part_time_and_concurrent_jobs(hours: tuple[int, ...], reached: str) -> None:
    """programs.md 0: at most 30 h a week counted, shared by concurrent jobs. One job of 20 h from 2025-01-01 needs
    1,560 / (20/7) = 546 days (2026-07-01); two concurrent jobs of 20 h count 30 h: 364 days (2025-12-31); two of
    15 h count 30 h: 364 days too."""
    work = [job(noc, "2025-01-01", None) | {"hours_per_week": h} for noc, h in zip(("21231", "21232"), hours,
                                                                                     strict=False)]
    found = plan(profile(work=work), "2025-06-01", "2026-09-01", "express-entry/cec")
    assert intervals(found, "express-entry/cec") == [("2025-06-01", reached, "not_eligible"),
                                                     (reached, "2026-09-01", "eligible")]


def test_more_than_eight_jobs_evaluate_every_day() -> None:
    """docs/plan.md: with more than 8 jobs every day is evaluated (30 days from 2026-01-01 to 2026-01-31); with 8,
    only the change days."""
    work = [job("21231", f"20{10 + i}-01-01", f"20{10 + i}-06-30") for i in range(9)]
    assert plan(profile(work=work), "2026-01-01", "2026-01-31", "express-entry/cec").days_evaluated == 30
    assert plan(profile(work=work[:8]), "2026-01-01", "2026-01-31", "express-entry/cec").days_evaluated < 30
