"""audit8: the impact of a rule change on a hand-built caseload: counts per program and direction, the cause
of each group and the ids in it, worked out by hand.

The caseload (each row an example profile with one change):

- ``cook``: the example cook (63200 in Canada since 2023-04-01, CELPIP 6/5/5/6 of 2025-09-20): on the 2025
  trades list, not on the 2026 list of 2026-02-18.
- ``ay-expire``: the example software engineer with her IELTS (listening 8, reading 7.5, writing 7,
  speaking 7: CLB 9 in all four) taken on 2024-01-15: it counts for two years, so up to 2026-01-14.
- ``ay-new-test``: the same IELTS taken on 2026-01-15 and no other test: no test before that day.
- ``ay-funds``: the software engineer with $15,000: a family of 1 needs $14,690 under the 2024 table (in force
  from 2024-05-28) and $15,263 under the 2025 table (from 2025-07-07).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from eligibility.api import rules
from eligibility.batch.impact import Impact, impact
from eligibility.batch.rows import jsonl_rows
from eligibility.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
COOK: dict[str, Any] = read_document(ROOT / "profiles" / "cook-in-canada.yaml")
AYESHA: dict[str, Any] = read_document(ROOT / "profiles" / "ayesha-software-engineer.yaml")


def _with_test_taken(day: str, row_id: str) -> dict[str, Any]:
    return {**AYESHA, "id": row_id, "language_tests": [{**AYESHA["language_tests"][0], "taken": day}]}


ROWS = [
    {**COOK, "id": "cook"},
    _with_test_taken("2024-01-15", "ay-expire"),
    _with_test_taken("2026-01-15", "ay-new-test"),
    {**AYESHA, "id": "ay-funds", "funds_cad": 15000},
]


def _impact(tmp_path: Path, before: dt.date, after: dt.date, programs: set[str]) -> Impact:
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join(json.dumps(r, default=str) for r in ROWS) + "\n", encoding="utf-8")
    return impact(jsonl_rows(source), before, after, rules(), programs)


def _groups(result: Impact, program: str) -> list[tuple[str, str, str, int, list[str]]]:
    return [(g["from"], g["to"], g["cause"], g["count"], g["ids"]) for g in result.data()["programs"].get(program, [])]


def test_the_funds_table_of_2025_07_07_is_the_cause(tmp_path: Path) -> None:
    """$15,000 meets the 2024 table ($14,690 for one) on 2025-07-06, not the 2025 table ($15,263) on 2025-07-07:
    ay-funds alone leaves FSW, under the table; the three others have $25,000 or are not FSW-eligible."""
    result = _impact(tmp_path, dt.date(2025, 7, 6), dt.date(2025, 7, 7), {"express-entry/fsw"})
    (group,) = _groups(result, "express-entry/fsw")
    assert group[:2] == ("eligible", "not_eligible")
    assert "table of 2025-07-07 replaces the table of 2024-05-28" in group[2]
    assert group[3:] == (1, ["ay-funds"])
    assert result.profiles == 4


def test_a_day_before_the_table_nobody_changes(tmp_path: Path) -> None:
    """From 2025-07-05 to 2025-07-06 the 2024 table holds on both days: no FSW group at all."""
    result = _impact(tmp_path, dt.date(2025, 7, 5), dt.date(2025, 7, 6), {"express-entry/fsw"})
    assert _groups(result, "express-entry/fsw") == []


def test_across_2026_02_18_the_trades_rule_and_the_expired_test_are_separate_causes(tmp_path: Path) -> None:
    """Between 2025-12-31 and 2026-03-01: the cook leaves the trades category by the 2026 list (63200 removed);
    ay-expire leaves FSW because her IELTS of 2024-01-15 stops counting on 2026-01-15, a cause of time."""
    result = _impact(tmp_path, dt.date(2025, 12, 31), dt.date(2026, 3, 1),
                     {"category/trades", "express-entry/fsw"})
    (trades,) = _groups(result, "category/trades")
    assert trades[:2] == ("eligible", "not_eligible")
    assert "63200 Cooks removed" in trades[2]
    assert trades[3:] == (1, ["cook"])
    fsw = _groups(result, "express-entry/fsw")
    assert ("eligible", "not_eligible", "time: a language test or ECA stops counting", 1, ["ay-expire"]) in fsw
    assert sum(g[3] for g in fsw) == 2  # ay-expire leaves, ay-new-test enters; ay-funds is eligible on both days


def test_a_test_taken_between_the_dates_opens_fsw(tmp_path: Path) -> None:
    """ay-new-test has no test on 2025-12-31 and CLB 9 from 2026-01-15: FSW not eligible -> eligible, one id."""
    result = _impact(tmp_path, dt.date(2025, 12, 31), dt.date(2026, 3, 1), {"express-entry/fsw"})
    entering = [g for g in _groups(result, "express-entry/fsw") if g[:2] == ("not_eligible", "eligible")]
    assert [(g[3], g[4]) for g in entering] == [(1, ["ay-new-test"])]


def test_a_birthday_between_the_dates_is_grouped_as_age(tmp_path: Path) -> None:
    """Born 1989-01-20, CLB 8 in all four (IELTS 7.5/6.5/6.5/6.5): grid 20 + 21 (bachelor's) + 15 (6+ years) + 11
    (age 36) = 67 on 2025-12-31; at 37 on 2026-01-20 age gives 10: 66, under 67. FSW eligible -> not eligible,
    grouped under the person's age."""
    test = {**AYESHA["language_tests"][0], "listening": 7.5, "reading": 6.5, "writing": 6.5, "speaking": 6.5}
    source = tmp_path / "birthday.jsonl"
    source.write_text(json.dumps({**AYESHA, "id": "ay-37", "birth_date": "1989-01-20", "language_tests": [test]},
                                 default=str) + "\n", encoding="utf-8")
    result = impact(jsonl_rows(source), dt.date(2025, 12, 31), dt.date(2026, 3, 1), rules(), {"express-entry/fsw"})
    assert _groups(result, "express-entry/fsw") == [
        ("eligible", "not_eligible", "time: the person's age", 1, ["ay-37"])]


def test_a_test_taken_between_the_dates_is_grouped_as_a_test_taken(tmp_path: Path) -> None:
    """ay-new-test enters FSW because her IELTS of 2026-01-15 is taken, not because of her age (31 on both days,
    born 1994-05-02)."""
    result = _impact(tmp_path, dt.date(2025, 12, 31), dt.date(2026, 3, 1), {"express-entry/fsw"})
    entering = [g for g in _groups(result, "express-entry/fsw") if g[:2] == ("not_eligible", "eligible")]
    assert [g[2] for g in entering] == ["time: a language test is taken"]


ELECTRICIAN: dict[str, Any] = read_document(ROOT / "profiles" / "electrician-coq.yaml")


def _electricians(tmp_path: Path) -> Path:
    """Two electricians (72200, Alberta certificate: FST, hence the trades category) whose IELTS of 2024-01-20
    and 2024-01-25 stop counting on 2026-01-20 and 2026-01-25: both lose FST, and with it the trades category."""
    rows = [{**ELECTRICIAN, "id": row_id, "language_tests": [{**ELECTRICIAN["language_tests"][0], "taken": day}]}
            for row_id, day in (("e1", "2024-01-20"), ("e2", "2024-01-25"))]
    source = tmp_path / "electricians.jsonl"
    source.write_text("\n".join(json.dumps(r, default=str) for r in rows) + "\n", encoding="utf-8")
    return source


def test_two_expired_tests_are_one_fst_group(tmp_path: Path) -> None:
    """FST's rules do not change between 2025-12-31 and 2026-03-01: both electricians are one group of 2."""
    result = impact(jsonl_rows(_electricians(tmp_path)), dt.date(2025, 12, 31), dt.date(2026, 3, 1), rules(),
                    {"express-entry/fst"})
    assert _groups(result, "express-entry/fst") == [
        ("eligible", "not_eligible", "time: a language test or ECA stops counting", 2, ["e1", "e2"])]


def test_two_people_leaving_trades_for_one_cause_are_one_group(tmp_path: Path) -> None:
    """Both electricians leave the trades category because FST (which it requires) closed for them, not by the
    2026 list (72200 stays on it): one group of 2, e1 and e2."""
    result = impact(jsonl_rows(_electricians(tmp_path)), dt.date(2025, 12, 31), dt.date(2026, 3, 1), rules(),
                    {"category/trades"})
    groups = _groups(result, "category/trades")
    assert [(g[0], g[1], g[3], g[4]) for g in groups] == [("eligible", "not_eligible", 2, ["e1", "e2"])]


def test_an_eca_reaching_five_years_is_grouped_as_an_eca(tmp_path: Path) -> None:
    """Ayesha's ECA of 2021-01-20 is five years old on 2026-01-20 (FSW asks for one less than 5 years old): she
    leaves FSW between 2025-12-31 and 2026-03-01, grouped under the ECA (the group could never be chosen while
    "years old" was looked for first)."""
    education = [{**AYESHA["education"][0], "eca": {"issued": "2021-01-20", "level": "bachelors"}}]
    source = tmp_path / "eca.jsonl"
    source.write_text(json.dumps({**AYESHA, "id": "ay-eca", "education": education}, default=str) + "\n",
                      encoding="utf-8")
    result = impact(jsonl_rows(source), dt.date(2025, 12, 31), dt.date(2026, 3, 1), rules(), {"express-entry/fsw"})
    assert _groups(result, "express-entry/fsw") == [
        ("eligible", "not_eligible", "time: an ECA stops counting", 1, ["ay-eca"])]
