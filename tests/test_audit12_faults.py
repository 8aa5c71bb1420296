"""Faults found by audit12 (plan, rounds, impact, categories by year), each pinned as a strict xfail beside a
passing test of the other side of the same edge; a fault fixed since has lost its xfail and passes.

Every expected value is worked out by hand from docs/plan.md, docs/batch.md (impact), research/programs.md
(section 0: 1 year = 1,560 h = 30 h x 52 weeks, so 364 days of full-time work; section 3.1: the 6-month and
12-month category rules; section 1.1: the FSW grid) and research/crs.md; none is copied from the engine's output.
The profiles are described in tests/test_audit12_support.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import eligibility
from tests.support import run_cli
from tests.test_audit12_support import (
    SOFTWARE,
    because,
    celpip,
    crs_because,
    crs_steps,
    data,
    impact_of,
    intervals,
    job,
    plan,
    profile,
)

# --- 1. The CRS step names no event when two jobs reach a whole year together ------------------------------
#
# docs/plan.md "The CRS over the plan": each step carries "its cause: the day's event, every factor that moves,
# and the total" (example: "4,680 h in 63200 Cooks reached: core.canadian_work 53 -> 64, CRS 221 -> 232").
# The base software job (2022-01-03..2024-12-31) is 1,094 days; a nurse job (31301) from 2025-03-01 adds the
# rest of 4 years (6,240 h = 1,456 days): 362 days, reached on 2025-03-01 + 362 = 2026-02-26. The CRS moves
# 498 -> 506 (core.canadian_work 64 -> 72, crs.md: 3 years 64, 4 years 72 without a spouse).

NURSE = job("31301", "2025-03-01", None, title="Nurse")


def _nurse_plan() -> eligibility.Plan:
    return plan(profile(work=[SOFTWARE, NURSE]), "2026-01-01", "2026-06-01", "express-entry/cec")


def test_crs_step_of_two_jobs_reaching_four_years_is_on_its_day() -> None:
    """The step itself is right: 2026-02-26, 498 -> 506; age 30 on 2026-03-01 (born 29 February) gives 501."""
    assert crs_steps(_nurse_plan()) == [("2026-01-01", 498), ("2026-02-26", 506), ("2026-03-01", 501)]
    assert crs_because(_nurse_plan(), "2026-02-26").endswith("core.canadian_work 64 -> 72, CRS 498 -> 506")


def test_crs_step_of_two_jobs_names_the_hours_reached() -> None:
    """The event of the day, 6,240 h (4 years) in the two jobs, leads the cause."""
    assert crs_because(_nurse_plan(), "2026-02-26").startswith("6,240 h in ")


def test_crs_step_of_one_job_names_the_hours_reached() -> None:
    """The other side: one job from 2024-01-01 reaches 1,560 h on 2024-01-01 + 364 = 2024-12-30 and the step names
    it: CRS 260 (age 28: 110, bachelor's 120, Canadian education 30) -> 313 (+40 work, +13 education x work)."""
    found = plan(profile(work=[job("21231", "2024-01-01", None)], language_tests=[]), "2024-12-01", "2025-01-31",
                 "express-entry/cec")
    assert crs_steps(found) == [("2024-12-01", 260), ("2024-12-30", 313)]
    assert crs_because(found, "2024-12-30").startswith("1,560 h in 21231 Software engineers and designers reached: ")


# --- 2. On a day the rules change, a test that expires the same day is not named -----------------------------
#
# An electrician (72200, on the trades lists of 2025 and 2026) in Canada since 2023-01-02 has far more than 12
# months in the 3-year window on 2026-02-18, so the 2026 trades rule (programs.md 3.1, 3.4.7) changes nothing for
# him. His only test, CELPIP 9 of 2024-02-18, stops counting on 2026-02-18 (T + 2 years): FSW and CEC close that
# day, and with them the trades category (it requires an Express Entry program). docs/plan.md "Causes": the cause is
# chosen "by the conditions whose outcome changed": the program condition, not the experience.

ELECTRICIAN = job("72200", "2023-01-02", None, title="Electrician")


def _electrician(taken: str) -> eligibility.Profile:
    return profile(work=[ELECTRICIAN], language_tests=[celpip(9, taken)])


def test_trades_closing_on_the_rule_day_names_the_expired_test() -> None:
    """2026-02-18: trades eligible -> not eligible, because the test is 2 years old."""
    found = plan(_electrician("2024-02-18"), "2026-02-16", "2026-02-21", "category/trades")
    assert intervals(found, "category/trades") == [("2026-02-16", "2026-02-18", "eligible"),
                                                   ("2026-02-18", "2026-02-21", "not_eligible")]
    assert "CELPIP-General of 2024-02-18 is 2 years old" in because(found, "category/trades", "2026-02-18")


def test_trades_closing_the_day_after_the_rule_day_names_the_expired_test() -> None:
    """The other side: a test of 2024-02-19 stops counting on 2026-02-19, a day with no rule change, and the cause
    names it and the programs it closed."""
    found = plan(_electrician("2024-02-19"), "2026-02-16", "2026-02-21", "category/trades")
    assert intervals(found, "category/trades") == [("2026-02-16", "2026-02-19", "eligible"),
                                                   ("2026-02-19", "2026-02-21", "not_eligible")]
    assert because(found, "category/trades", "2026-02-19") == (
        "CELPIP-General of 2024-02-19 is 2 years old: express-entry/fsw eligible -> not eligible, "
        "express-entry/cec eligible -> not eligible")


def test_impact_groups_the_electrician_under_his_test_not_the_rule(tmp_path: Path) -> None:
    groups = impact_of(tmp_path, [data(id="elec", work=[ELECTRICIAN], language_tests=[celpip(9, "2024-02-18")])],
                       "2026-02-17", "2026-02-18", {"category/trades"})
    assert len(groups) == 1
    program, before, after, cause, count, ids = groups[0]
    assert (program, before, after, count, ids) == ("category/trades", "eligible", "not_eligible", 1, ["elec"])
    assert not cause.startswith("the rules of 2026-02-18 start")


# --- 3. A plan's 'blocking' and 'gaps' read the last change day, not the plan's last day -----------------------
#
# docs/plan.md "JSON": when no day is eligible, "blocking lists what fails or is unknown on the last day"; "Distance
# to eligibility": "a plan gives the same for each program never eligible over its horizon (next.gaps, on its last
# day)". A nurse (31301) in Canada since 2026-01-01, planned over [2026-02-01, 2026-03-01) for the healthcare
# category: the last day is 2026-02-28, with 2026-01-01..2026-02-27 counted = 58 days = 248.6 h; 1,560 - 248.6 =
# 1,311.4 h missing. The last day the plan evaluates is 2026-02-18 (the 2026 rules start), with 48 days = 205.7 h.

def _late_nurse() -> eligibility.Profile:
    return profile(work=[SOFTWARE, job("31301", "2026-01-01", None, title="Nurse")])


def test_distance_on_the_last_day_counts_its_hours() -> None:
    """The other side: ``distance`` on 2026-02-28 gives 248.6 h held, 1,311.4 h missing, reached on
    2026-01-01 + 364 = 2026-12-31 at the same hours."""
    (found,) = eligibility.distance(_late_nurse(), "2026-02-28", ["category/healthcare"])
    (gap,) = found.gaps
    assert (gap.detail["hours"], gap.detail["hours_missing"], gap.detail["reached_on"]) == (
        248.6, 1311.4, "2026-12-31")


def test_plan_gaps_count_the_hours_of_the_last_day() -> None:
    found = plan(_late_nurse(), "2026-02-01", "2026-03-01", "category/healthcare")
    nxt = found.program("category/healthcare").next
    assert nxt.eligible_from is None
    (gap,) = nxt.gaps
    assert (gap.detail["hours"], gap.detail["hours_missing"]) == (248.6, 1311.4)
    assert "249 h" in nxt.blocking[0]


def test_plan_gaps_give_the_day_the_hours_are_reached() -> None:
    found = plan(_late_nurse(), "2026-02-01", "2026-03-01", "category/healthcare")
    (gap,) = found.program("category/healthcare").next.gaps
    assert gap.detail["reached_on"] == "2026-12-31"


# --- 4. Impact groups a change by its first step, not by the step that brought the final verdict ---------------
#
# docs/batch.md: impact counts each profile "under its direction and its cause"; the cause of a change from A on
# --from to B on --to is what made B, the last step into it: a cause undone later in the interval did not make it.

def _fsw_67(**changes: object) -> dict[str, object]:
    """Born 1989-06-15 (36, then 37 on 2026-06-15), a foreign bachelor's of 4 years with an ECA (FSW 21), CELPIP 8
    in all four (FSW 4 x 5 = 20), work abroad as a software engineer since 2016-01-01 (6+ years: 15): 20 + 21 + 15 +
    11 (age 36) = 67, the pass mark; 66 at 37 (programs.md 1.1)."""
    found = data(id="fsw-67", birth_date="1989-06-15",
                 education=[{"level": "bachelors", "years": 4, "country": "IN", "completed": "2012-05-01",
                             "eca": {"issued": "2024-01-10", "level": "bachelors"}}],
                 work=[job("21231", "2016-01-01", None, country="IN")])
    found.update(changes)
    return found


TWO_TESTS = [celpip(8, "2024-03-01"), celpip(8, "2026-04-01")]


def test_fsw_plan_of_a_test_lost_a_test_taken_and_a_birthday() -> None:
    """The other side: the plan is right. The test of 2024-03-01 stops counting on 2026-03-01 (grid 67 -> 47), the
    new one counts from 2026-04-01 (47 -> 67), and at 37 on 2026-06-15 age gives 10 (67 -> 66)."""
    person = eligibility.profile_from_data({k: v for k, v in _fsw_67(language_tests=TWO_TESTS).items() if k != "id"})
    found = plan(person, "2026-01-01", "2026-07-01", "express-entry/fsw")
    assert intervals(found, "express-entry/fsw") == [
        ("2026-01-01", "2026-03-01", "eligible"), ("2026-03-01", "2026-04-01", "not_eligible"),
        ("2026-04-01", "2026-06-15", "eligible"), ("2026-06-15", "2026-07-01", "not_eligible")]
    assert because(found, "express-entry/fsw", "2026-06-15") == "age 37: age points 11 -> 10, grid 67 -> 66"


def test_impact_groups_by_the_step_that_made_the_final_verdict(tmp_path: Path) -> None:
    groups = impact_of(tmp_path, [_fsw_67(language_tests=TWO_TESTS)], "2026-01-01", "2026-07-01",
                       {"express-entry/fsw"})
    assert groups == [("express-entry/fsw", "eligible", "not_eligible", "time: the person's age", 1, ["fsw-67"])]


def test_impact_groups_a_single_birthday_as_age(tmp_path: Path) -> None:
    """The other side: with the second test only (CLB 8 from 2026-04-01) and --from 2026-05-01, the one step is the
    birthday, grouped as age."""
    groups = impact_of(tmp_path, [_fsw_67(language_tests=TWO_TESTS[1:])], "2026-05-01", "2026-07-01",
                       {"express-entry/fsw"})
    assert groups == [("express-entry/fsw", "eligible", "not_eligible", "time: the person's age", 1, ["fsw-67"])]


# An electrician (72200) in Canada from 2025-06-01, beside the base software job (CEC and FSW), CELPIP 9 of
# 2024-06-10: the 2025 trades rule (780 h continuous = 182 days) is met from 2025-11-30; on 2026-02-18 the 12-month
# rule is not (262 days); 1,560 h are reached on 2025-06-01 + 364 = 2026-05-31; the test stops counting on
# 2026-06-10, closing FSW and CEC and so the category. Between 2026-01-01 and 2026-07-01 the person leaves trades
# because of the test: the rule's effect was over on 2026-05-31.

def _late_electrician() -> dict[str, object]:
    return data(id="elec-late", work=[SOFTWARE, job("72200", "2025-06-01", None, title="Electrician")],
                language_tests=[celpip(9, "2024-06-10")])


def test_trades_plan_of_the_rule_the_hours_and_the_test() -> None:
    """The other side: the plan's days are right (2026-02-18, 2026-05-31, 2026-06-10)."""
    person = eligibility.profile_from_data({k: v for k, v in _late_electrician().items() if k != "id"})
    found = plan(person, "2026-01-01", "2026-07-01", "category/trades")
    assert intervals(found, "category/trades") == [
        ("2026-01-01", "2026-02-18", "eligible"), ("2026-02-18", "2026-05-31", "not_eligible"),
        ("2026-05-31", "2026-06-10", "eligible"), ("2026-06-10", "2026-07-01", "not_eligible")]
    assert because(found, "category/trades", "2026-05-31") == (
        "1,560 h in 72200 Electricians (except industrial and power system) reached")


def test_impact_does_not_blame_a_rule_whose_effect_was_undone(tmp_path: Path) -> None:
    groups = impact_of(tmp_path, [_late_electrician()], "2026-01-01", "2026-07-01", {"category/trades"})
    assert groups == [("category/trades", "eligible", "not_eligible",
                       "another program's verdict changed (one it requires)", 1, ["elec-late"])]


# --- 5. An FSW cause says the expired test twice ------------------------------------------------------------
#
# docs/plan.md "Causes": 'CELPIP-General of 2025-09-20 is 2 years old'; the FSW grid "shows each factor whose points
# changed and the total". On 2026-03-01 the language condition and the grid both change; the cause repeats the
# test's clause: "CELPIP-General of 2024-03-01 is 2 years old; CELPIP-General of 2024-03-01 is 2 years old:
# language points 20 -> 0, grid 67 -> 47".

def _fsw_plan() -> eligibility.Plan:
    person = eligibility.profile_from_data({k: v for k, v in _fsw_67(language_tests=TWO_TESTS).items() if k != "id"})
    return plan(person, "2026-01-01", "2026-07-01", "express-entry/fsw")


def test_fsw_cause_names_the_expired_test_once() -> None:
    text = because(_fsw_plan(), "express-entry/fsw", "2026-03-01")
    assert text.count("CELPIP-General of 2024-03-01 is 2 years old") == 1
    assert text.endswith("language points 20 -> 0, grid 67 -> 47")


def test_fsw_cause_of_a_birthday_alone_is_said_once() -> None:
    """The other side: a birthday moves only the grid; its cause is said once."""
    assert because(_fsw_plan(), "express-entry/fsw", "2026-06-15") == "age 37: age points 11 -> 10, grid 67 -> 66"



# --- 6. `draws --score --eligible` words a misspelt program id as a --category problem -----------------------
#
# docs/draws.md: `eligibility draws --score 478 --eligible express-entry/cec ...`; a bad --eligible value is a usage
# error (exit 2) that should name the option given. A misspelt id is reported as '--category: expected a round type
# (...)' although no --category was given.

def test_draws_eligible_not_a_program_names_the_option(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side: a round type that is not a program ('general') is refused under --eligible."""
    code, _, err = run_cli(["draws", "--score", "519", "--eligible", "general"], capsys, monkeypatch)
    assert code == 2
    assert err.startswith("--eligible: expected a program id (express-entry/cec, ")


def test_draws_eligible_misspelt_names_the_option(capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_cli(["draws", "--score", "519", "--eligible", "express-entry/cce"], capsys, monkeypatch)
    assert code == 2
    assert err.startswith("--eligible: ")



# --- 7. Impact blames the funds table of 2025-07-07 for anyone who leaves FSW across it --------------------------
#
# docs/batch.md: the cause is "the funds table that replaced another" when that table changed the verdict. Two
# people with $50,000 (far above $14,690 and $15,263 for one person, programs.md 1.1) lose FSW because their CELPIP 9
# stops counting: the test of 2023-07-10 on 2025-07-10 (FSW grid 78 -> 54: 24 language points lost, programs.md
# 1.1), the test of 2023-07-03 on 2025-07-03, before the new table even starts. Between 2025-07-01 and 2025-08-01
# both leave FSW (and CEC) for their tests.

RICH = [data(id="rich", language_tests=[celpip(9, "2023-07-10")]),
        data(id="rich-before", language_tests=[celpip(9, "2023-07-03")])]


def test_the_rich_leave_fsw_the_day_their_test_stops_counting() -> None:
    """The other side: the plan's day and cause are right (2025-07-10, the test; the grid 78 -> 54)."""
    found = plan(profile(language_tests=[celpip(9, "2023-07-10")]), "2025-07-01", "2025-08-01", "express-entry/fsw")
    assert intervals(found, "express-entry/fsw") == [("2025-07-01", "2025-07-10", "eligible"),
                                                     ("2025-07-10", "2025-08-01", "not_eligible")]
    assert because(found, "express-entry/fsw", "2025-07-10").endswith("language points 24 -> 0, grid 78 -> 54")


def test_impact_groups_the_rich_leaving_cec_under_their_tests(tmp_path: Path) -> None:
    """The other side: CEC (no funds) groups the same two people under their tests."""
    groups = impact_of(tmp_path, RICH, "2025-07-01", "2025-08-01", {"express-entry/cec"})
    assert groups == [("express-entry/cec", "eligible", "not_eligible",
                       "time: a language test or ECA stops counting", 2, ["rich", "rich-before"])]


def test_impact_groups_someone_short_of_the_new_table_under_it(tmp_path: Path) -> None:
    """The other side: $15,000 meets $14,690 on 2025-07-06 and not $15,263 on 2025-07-07: the table is the cause."""
    groups = impact_of(tmp_path, [data(id="short", funds_cad=15000)], "2025-07-06", "2025-07-07",
                       {"express-entry/fsw"})
    assert groups == [("express-entry/fsw", "eligible", "not_eligible",
                       "same program rules; the settlement-funds table of 2025-07-07 replaces the table of 2024-05-28",
                       1, ["short"])]


def test_impact_does_not_blame_the_funds_table_for_an_expired_test(tmp_path: Path) -> None:
    groups = impact_of(tmp_path, RICH, "2025-07-01", "2025-08-01", {"express-entry/fsw"})
    assert groups == [("express-entry/fsw", "eligible", "not_eligible",
                       "time: a language test or ECA stops counting", 2, ["rich", "rich-before"])]


# --- 8. A CRS step's factors do not add up to its total when the additional points are capped ----------------
#
# crs.md / programs.md 2 D: additional points are capped at 600. The base person has 30 points of Canadian education;
# an Ontario nomination issued 2025-05-15 adds 600, so the additional points go 30 -> 600 and the CRS 498 -> 1,068
# (+570). docs/plan.md: a CRS step names "every factor that moves, and the total"; the step says
# "additional.nomination 0 -> 600, CRS 498 -> 1068": +600 against +570, the cap unsaid.

def _moves(text: str) -> tuple[int, int]:
    """The sum of the moves of the factors named in a CRS cause, and the move of the total."""
    pairs = re.findall(r"(\S+) (\d+) -> (\d+)", text)
    factors = sum(int(b) - int(a) for name, a, b in pairs if name != "CRS")
    total = next(int(b) - int(a) for name, a, b in pairs if name == "CRS")
    return factors, total


def _nominated_plan() -> eligibility.Plan:
    person = profile(language_tests=[celpip(9, "2024-06-10")],
                     provincial_nomination={"province": "ON", "issued": "2025-05-15"})
    return plan(person, "2025-04-01", "2025-06-01", "express-entry/cec")


def test_nomination_step_is_on_its_day() -> None:
    """The other side: the step is on the issue day and the total is right (498 - 30 + 600 = 1,068)."""
    assert crs_steps(_nominated_plan()) == [("2025-04-01", 498), ("2025-05-15", 1068)]


def test_a_step_without_a_cap_adds_up() -> None:
    """The other side: the birthday step of 2026-03-01 (110 -> 105) adds up: -5 and -5."""
    assert _moves(crs_because(plan(profile(), "2026-01-01", "2026-06-01", "express-entry/cec"), "2026-03-01")) == (
        -5, -5)


def test_a_capped_step_adds_up() -> None:
    factors, total = _moves(crs_because(_nominated_plan(), "2025-05-15"))
    assert (factors, total) == (570, 570)


# --- 9. `eligibility draws` over a period after the data says "no round in this period" -------------------------
#
# The snapshot ends with #444 of 2026-09-16 (docs/draws.md "The data"). docs/draws.md: every output "says which data
# it used and how far it goes", and for the rounds a person met, a date after the last known round is said "plainly:
# rounds known up to 2026-09-16; rounds after that date are not in this data". A listing of 2026-10-01..2026-11-30
# prints "0 rounds, 0 invitations ... no round in this period", as if IRCC had held none; with --since 2026-09-17
# alone the period is printed backwards, "2026-09-17 to 2026-09-16".

def test_draws_listing_inside_the_data(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The other side: 2026-09-15 alone holds #443 (CEC, 2,000 invitations, 519)."""
    code, out, _ = run_cli(["draws", "--since", "2026-09-15", "--until", "2026-09-15"], capsys, monkeypatch)
    assert code == 0
    assert out.startswith("Express Entry rounds of invitations, 2026-09-15 to 2026-09-15: 1 round, 2,000 invitations")
    assert "#443  2026-09-15    2,000     519" in out


def test_draws_listing_after_the_data_says_it_is_not_known(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_cli(["draws", "--since", "2026-10-01", "--until", "2026-11-30"], capsys, monkeypatch)
    assert code == 0
    assert "not in this data" in out


def test_draws_listing_since_after_the_data_is_not_backwards(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run_cli(["draws", "--since", "2026-09-17"], capsys, monkeypatch)
    assert code == 0
    assert "2026-09-17 to 2026-09-16" not in out


# --- 10. CEC opening because the main occupation changes does not say so ---------------------------------------
#
# programs.md 1.2: with work in several occupations, the CEC language level is that of the occupation with the most
# experience in the 3-year window (CLB 7 for TEER 0-1, CLB 5 for TEER 2-3). A software engineer (21231, TEER 1)
# 2023-01-02..2024-06-30 (364 + 182 = 546 days) then a cook (63200, TEER 3) from 2024-07-01, with CELPIP 6 in all
# four: the cook's days reach 546 on 2024-07-01 + 546 = 2025-12-29, and the level needed falls to CLB 5. docs/plan.md
# lists "the days on which two occupations' hours change order (the main occupation decides a language level)" and
# says "every later interval names what changes on its first day"; the engine has the event ("hours in 21231 ...
# and in 63200 Cooks change order (3-year window)") but the cause is the condition's state.

def _cook_after_software() -> eligibility.Plan:
    person = profile(work=[job("21231", "2023-01-02", "2024-06-30"), job("63200", "2024-07-01", None)],
                     language_tests=[celpip(6, "2025-06-10")])
    return plan(person, "2025-12-01", "2026-01-31", "express-entry/cec")


def test_cec_opens_the_day_the_cooks_hours_catch_up() -> None:
    """The other side: the days are right. On 2025-12-29 the two occupations tie (546 days each) and the law does
    not say which is the main one, so CLB 6 (the cook's 5 met, the engineer's 7 not) is undetermined; from
    2025-12-30 the cook has the most (CLB 5)."""
    assert intervals(_cook_after_software(), "express-entry/cec") == [("2025-12-01", "2025-12-29", "not_eligible"),
                                                                      ("2025-12-29", "2025-12-30", "undetermined"),
                                                                      ("2025-12-30", "2026-01-31", "eligible")]


def test_cec_opening_names_the_change_of_main_occupation() -> None:
    text = because(_cook_after_software(), "express-entry/cec", "2025-12-29")
    assert "change order" in text and "63200 Cooks" in text
