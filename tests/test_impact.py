"""The impact of a rule change: hand-worked populations where the groups and counts are known."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from eligibility.api import rules
from eligibility.batch.impact import impact, impact_csv
from eligibility.batch.rows import jsonl_rows
from eligibility.cli import main
from eligibility.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
COOK = read_document(ROOT / "profiles" / "cook-in-canada.yaml")


def _population(tmp_path: Path) -> Path:
    """Two cooks with a year of Canadian work (63200, trades 2025 list) and one whose job started too late."""
    late = {**COOK, "id": "late-cook", "work": [{**COOK["work"][0], "start": "2025-06-01"}]}
    rows = [{**COOK, "id": "cook-a"}, {**COOK, "id": "cook-b"}, late, {"birth_date": "nope"}]
    path = tmp_path / "pop.jsonl"
    path.write_text("\n".join(json.dumps(r, default=str) for r in rows) + "\n", encoding="utf-8")
    return path


def test_cooks_lose_the_trades_category_on_2026_02_18(tmp_path: Path) -> None:
    """On 2026-02-17 a cook with 6 months of 63200 in 3 years meets the 2025 trades list; on 2026-02-18 the
    2026 list drops 63200: both cooks move eligible -> not eligible under that rule. The late cook has
    2025-06-01 to 2026-02-16 = 261 days x 30/7 = 1,118.6 h of 63200 (over 780 h) but is in no Express Entry
    program (CEC needs 1,560 h in Canada; FSW needs CLB 7, his CELPIP is 5/5/6/6), so he was not eligible
    and does not change."""
    source = _population(tmp_path)
    result = impact(jsonl_rows(source), dt.date(2026, 2, 17), dt.date(2026, 2, 18), rules(), {"category/trades"})
    groups = result.data()["programs"]["category/trades"]
    assert len(groups) == 1
    (group,) = groups
    assert (group["from"], group["to"], group["count"]) == ("eligible", "not_eligible", 2)
    assert group["ids"] == ["cook-a", "cook-b"]
    assert "63200 Cooks removed" in group["cause"]
    assert result.profiles == 3
    assert len(result.errors) == 1 and "$.birth_date" in result.errors[0]["error"]


def test_passage_of_time_is_its_own_group(tmp_path: Path) -> None:
    """The cook's CELPIP of 2025-09-20 stops counting on 2027-09-20: CEC eligible -> not eligible, by time."""
    source = _population(tmp_path)
    result = impact(jsonl_rows(source), dt.date(2027, 9, 19), dt.date(2027, 9, 20), rules(),
                    {"express-entry/cec"})
    (group,) = result.data()["programs"]["express-entry/cec"]
    assert (group["from"], group["to"]) == ("eligible", "not_eligible")
    assert group["cause"] == "time: a language test or ECA stops counting"
    # The late cook has 1,560 h in Canada once he has worked 2025-06-01 to 2026-05-30 (364 days x 30/7), so
    # on 2027-09-19 he too is eligible for CEC, and loses it with the same test.
    assert group["ids"] == ["cook-a", "cook-b", "late-cook"]
    assert impact_csv(result).splitlines()[1].startswith(
        "express-entry/cec,eligible,not_eligible,time: a language test or ECA stops counting,3,")


def test_impact_command_formats(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """`eligibility impact` prints JSON, CSV and Markdown of the same groups."""
    source = _population(tmp_path)
    outputs = {}
    for fmt in ("json", "csv", "markdown"):
        monkeypatch.setattr(sys, "argv", ["eligibility", "impact", str(source), "--from", "2026-02-17",
                                          "--to", "2026-02-18", "-p", "category/trades", "--format", fmt])
        with pytest.raises(SystemExit) as done:
            main()
        assert done.value.code == 0
        outputs[fmt] = capsys.readouterr().out
    assert json.loads(outputs["json"])["programs"]["category/trades"][0]["count"] == 2
    assert outputs["csv"].startswith("program,from,to,cause,count,ids\ncategory/trades,eligible,not_eligible,")
    assert outputs["markdown"].startswith("# Impact between 2026-02-17 and 2026-02-18")
