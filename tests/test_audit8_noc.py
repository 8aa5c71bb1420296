"""audit8: NOC codes as a consultant reads them: a NOC 2016 code converted by the concordance, the lists
that hold a code on a date, and codes refused.

Expected values come from StatCan's NOC 2016 V1.3 -> NOC 2021 V1.0 concordance (6322 Cooks -> 63200 Cooks,
one to one; 2174 -> 21230, 21232, 21234, a breakdown) and from the research notes on the 2026 trades list
(2025 list less 63200 Cooks, plus 63201 Butchers, from 2026-02-18).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility.cli import main
from eligibility.documents import read_document
from eligibility.errors import InputError
from eligibility.listings import occupation_data

ROOT = Path(__file__).resolve().parents[1]
COOK: dict[str, Any] = read_document(ROOT / "profiles" / "cook-in-canada.yaml")
EVE = dt.date(2026, 2, 17)
DAY = dt.date(2026, 2, 18)


def _cook_2016(code: str) -> dict[str, Any]:
    """The example cook with every job written with a NOC 2016 code instead of its NOC 2021 code."""
    work = [{**{k: v for k, v in job.items() if k != "noc"}, "noc_2016": code} for job in COOK["work"]]
    return {**COOK, "work": work}


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["eligibility", *args])
    with pytest.raises(SystemExit) as done:
        main()
    out = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), out.out, out.err


def test_a_one_to_one_2016_code_is_converted_to_its_successor() -> None:
    """NOC 2016 6322 Cooks has one NOC 2021 successor, 63200 Cooks: every job is read as 63200."""
    profile = eligibility.profile_from_data(_cook_2016("6322"), "cook-2016")
    assert [job.noc for job in profile.work] == ["63200", "63200"]


@pytest.mark.parametrize(("day", "verdict"), [(EVE, "eligible"), (DAY, "not_eligible")])
def test_a_converted_cook_meets_the_trades_category_until_the_2026_list(day: dt.date, verdict: str) -> None:
    """The cook written as NOC 2016 6322 gets the verdicts of the cook written as 63200: the 2025 trades list
    holds 63200 until 2026-02-17, the 2026 list (from 2026-02-18) does not."""
    converted = eligibility.verdicts(eligibility.profile_from_data(_cook_2016("6322"), "cook-2016"), day)
    written = eligibility.verdicts(eligibility.profile_from_data(COOK, "cook"), day)
    assert converted["category/trades"] == written["category/trades"] == verdict
    assert converted == written


@pytest.mark.parametrize(("code", "day", "listed"), [
    ("63200", EVE, True), ("63200", DAY, False), ("63201", EVE, False), ("63201", DAY, True)])
def test_occupations_names_the_trades_list_on_the_days_it_holds_the_code(code: str, day: dt.date,
                                                                         listed: bool) -> None:
    """`occupations` lists category/trades for 63200 up to 2026-02-17 (until 2026-02-18) and for 63201 from
    2026-02-18, with those dates as since/until."""
    data = occupation_data(eligibility.rules(), code, day)
    rows = [p for p in data["programs"] if p["program"] == "category/trades"]
    assert data["teer"] == 3
    if not listed:
        assert rows == []
        return
    (row,) = rows
    assert row["how"] == "listed"
    assert (row["since"], row["until"]) == (("2025-02-27", "2026-02-18") if code == "63200" else ("2026-02-18", None))


def test_a_split_2016_code_is_refused_with_every_candidate() -> None:
    """NOC 2016 2174 was broken down into 21230, 21232 and 21234: the profile is refused, naming all three,
    rather than converted to one of them."""
    with pytest.raises(InputError) as refused:
        eligibility.profile_from_data(_cook_2016("2174"), "split")
    line = refused.value.lines()[0]
    assert "$.work[0].noc_2016" in line
    assert all(code in line for code in ("21230", "21232", "21234"))


def test_convert_shows_the_one_successor_of_6322(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`noc convert 6322` gives 63200 Cooks and no other code."""
    code, out, _ = _run(monkeypatch, capsys, "noc", "convert", "6322", "--format", "json")
    assert code == 0
    assert '"63200"' in out and '"63220"' not in out


def test_occupations_refuses_an_unknown_code(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A 5-digit code that is no NOC 2021 unit group is refused with exit code 2 and one line."""
    code, out, err = _run(monkeypatch, capsys, "occupations", "99999", "--as-of", "2026-02-18")
    assert (code, out) == (2, "")
    assert "expected a NOC 2021 unit group code, found '99999'" in err


def test_occupations_points_a_2016_code_to_its_successor(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """`occupations 6322` (NOC 2016 Cooks) is refused, naming the NOC 2021 successor 63200, not 63220."""
    code, _, err = _run(monkeypatch, capsys, "occupations", "6322", "--as-of", "2026-02-18")
    assert code == 2
    assert "63200" in err
    assert "63220" not in err


def test_a_2016_code_written_as_noc_is_pointed_to_its_successor() -> None:
    """A job written `noc: "6322"` is refused with the NOC 2021 successor 63200 (or the key noc_2016) named."""
    with pytest.raises(InputError) as refused:
        eligibility.profile_from_data({**COOK, "work": [{**COOK["work"][0], "noc": "6322"}]}, "cook")
    line = refused.value.lines()[0]
    assert "63200" in line or "noc_2016" in line
    assert "63220" not in line


def test_a_cook_is_a_skilled_occupation_from_2022_11_16() -> None:
    """From 2022-11-16 (NOC 2021 in Express Entry) TEER 0-3 is skilled: 63200 Cooks (TEER 3) is, with CEC and
    FSW counting it by TEER and FST by its minor group 6320."""
    data = occupation_data(eligibility.rules(), "63200", dt.date(2022, 11, 16))
    assert data["express_entry_skilled"] is True
    assert {(p["program"], p["how"]) for p in data["programs"]} >= {
        ("express-entry/cec", "by TEER"), ("express-entry/fsw", "by TEER"), ("express-entry/fst", "by NOC group")}


def test_before_noc_2021_occupations_does_not_say_a_cook_is_unskilled(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """On 2022-11-15 Express Entry ran on NOC 2016 (not encoded here): the answer is not a plain 'no'."""
    assert occupation_data(eligibility.rules(), "63200", dt.date(2022, 11, 15))["express_entry_skilled"] is not False
    code, out, _ = _run(monkeypatch, capsys, "occupations", "63200", "--as-of", "2022-11-15")
    assert code == 0
    assert "Express Entry skilled occupation (TEER 0-3): no" not in out


def test_an_any_occupation_selector_is_not_called_by_teer() -> None:
    """GTS Category A's experience condition names no codes, groups or TEERs: it takes every occupation, so a TEER
    5 code (75101 Material handlers) is listed there as "any occupation", not "by TEER" (audit8 noticed)."""
    data = occupation_data(eligibility.rules(), "75101", dt.date(2026, 3, 1))
    assert [(p["program"], p["how"]) for p in data["programs"]] == [("gts/category-a", "any occupation")]
    assert data["teer"] == 5 and data["express_entry_skilled"] is False
