"""What-if overlays: the merge rules, --set paths and values, one-line errors naming the argument, both sides shown."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility.errors import InputError
from eligibility.profile.load import load_profile
from eligibility.whatif.overlay import Patch, apply, parse_assignment
from tests.support import run_cli as run

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"


def cook() -> Any:
    """Marco the cook: two jobs, one CELPIP test, funds 9,000, no job offer."""
    return load_profile(COOK)


def errors(patches: list[Patch]) -> list[str]:
    """The problem lines of laying ``patches`` over the cook's profile."""
    with pytest.raises(InputError) as info:
        apply(cook(), patches)
    return info.value.lines()


def test_a_mapping_merges_key_by_key() -> None:
    """A what-if naming funds_cad changes it and keeps every other field."""
    after = apply(cook(), [Patch("w.yaml", {"funds_cad": 30000})])
    assert after.funds_cad == 30000
    assert after.work == cook().work and after.language_tests == cook().language_tests


def test_a_list_replaces_the_list() -> None:
    """A plain list of tests replaces the profile's tests."""
    test = {"test": "ielts_general", "taken": "2026-01-10", "reading": 8, "writing": 7.5, "listening": 8.5,
            "speaking": 7.5}
    after = apply(cook(), [Patch("w.yaml", {"language_tests": [test]})])
    assert [t.test for t in after.language_tests] == ["ielts_general"]


def test_entries_naming_their_index_change_only_those_fields() -> None:
    """index: 0 changes the first test's writing and date; its other scores stay; index 2 adds a job at the end."""
    new_job = {"start": "2026-05-01", "country": "CA", "hours_per_week": 40, "noc": "63200"}
    after = apply(cook(), [Patch("w.yaml", {"language_tests": [{"index": 0, "writing": 7, "taken": "2026-02-01"}],
                                           "work": [{"index": 2, **new_job}]})])
    test = after.language_tests[0]
    assert (test.writing, test.taken, test.reading, test.listening) == (7, dt.date(2026, 2, 1), 5, 6)
    assert len(after.work) == 3 and after.work[2].start == dt.date(2026, 5, 1) and after.work[0] == cook().work[0]


def test_null_states_none() -> None:
    """end: null makes the Italian job ongoing; job_offer: null keeps 'no offer'; spouse: null states none."""
    after = apply(cook(), [Patch("w.yaml", {"work": [{"index": 1, "end": None}], "job_offer": None})])
    assert after.work[1].end is None and after.job_offer is None


def test_set_assigns_one_field_read_as_in_a_profile_file() -> None:
    """--set values are YAML as in profiles: ON is Ontario, 00012 a code, a date a date, a flow mapping a job."""
    after = apply(cook(), [parse_assignment("intended_province=ON"), parse_assignment("funds_cad=30000"),
                           parse_assignment("language_tests[0].writing=7"),
                           parse_assignment("work[2]={start: 2026-01-05, country: CA, hours_per_week: 20}"),
                           parse_assignment("declarations.crs_score=412")])
    assert after.intended_province == "ON" and after.funds_cad == 30000
    assert after.language_tests[0].writing == 7 and after.work[2].start == dt.date(2026, 1, 5)
    assert after.declarations == {"crs_score": 412}


def test_a_later_patch_wins() -> None:
    """A --set after a what-if file overrides the file's value for the same field."""
    after = apply(cook(), [Patch("w.yaml", {"funds_cad": 20000}), parse_assignment("funds_cad=25000")])
    assert after.funds_cad == 25000


@pytest.mark.parametrize(("argument", "line"), [
    ("funds_cad", "--set 'funds_cad': $: expected PATH=VALUE, such as funds_cad=30000, found no '='"),
    ("language_tests[3].writing=7",
     "--set 'language_tests[3].writing=7': $.language_tests[3]: expected an index from 0 to 1 (1 adds an entry), "
     "found 3"),
    ("funds_cad=lots", "--set 'funds_cad=lots': $.funds_cad: expected a number, found \"lots\""),
    ("work[0].nooc=21231", "--set 'work[0].nooc=21231': $.work[0].nooc: unknown key; did you mean 'noc'?"),
    ("name.first=Al", "--set 'name.first=Al': $.name: expected a mapping to set 'first' in, found text"),
    ("language_tests[0].writing=7.5",
     "--set 'language_tests[0].writing=7.5': $.language_tests[0].writing: expected a whole-number level from 0 to "
     "12 for CELPIP-General, found 7.5"),
    ("work..noc=1", "--set 'work..noc=1': $: expected a field path such as language_tests[0].writing, found "
                    "'work..noc'"),
])
def test_bad_set_arguments_are_one_line_naming_the_argument(argument: str, line: str) -> None:
    """Each bad --set gives exactly one line: the argument, the field path, what was expected and found."""
    with pytest.raises(InputError) as info:
        apply(cook(), [parse_assignment(argument)])
    assert info.value.lines() == [line]


def test_bad_what_if_file_entries_name_the_file() -> None:
    """An index out of range, mixed entries and a bad score each name the what-if file and the field."""
    assert errors([Patch("w.yaml", {"work": [{"index": 5, "end": None}]})]) == [
        "w.yaml: $.work[5]: expected an index from 0 to 2 (2 adds an entry), found 5"]
    assert errors([Patch("w.yaml", {"work": [{"index": 0, "end": None}, {"start": "2020-01-01"}]})]) == [
        "w.yaml: $.work: expected every entry to name its index (to change entries) or none (to replace the list), "
        "found both kinds"]
    assert errors([Patch("w.yaml", {"funds_cad": 1}), Patch("x.yaml", {"language_tests": [
        {"index": 0, "writing": 81}]})]) == [
        "x.yaml: $.language_tests[0].writing: expected a whole-number level from 0 to 12 for CELPIP-General, found 81"]


def test_api_what_if_takes_a_mapping_and_assignments() -> None:
    """eligibility.what_if(profile, {...}, sets=[...]) returns the changed, checked profile."""
    after = eligibility.what_if(COOK, {"funds_cad": 30000}, sets=["children=2"])
    assert (after.funds_cad, after.children) == (30000, 2)


def test_evaluate_with_a_what_if_shows_the_verdict_change_and_the_crs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A CLB 9 retest on 2026-02-01 keeps CEC open on 2028-01-01, after his own test of 2025-09-20 expired
    (2027-09-20): not eligible -> eligible, with the CRS on both sides, and the JSON holds both evaluations."""
    retest = tmp_path / "retest.yaml"
    retest.write_text("language_tests:\n  - {index: 0, taken: 2026-02-01, reading: 9, writing: 9, listening: 9, "
                      "speaking: 9}\n")
    code, out, _ = run(["evaluate", str(COOK), "--as-of", "2028-01-01", "-p", "express-entry/cec",
                        "--what-if", str(retest)], capsys, monkeypatch)
    assert code == 0
    assert "express-entry/cec: not eligible -> ELIGIBLE" in out and "CRS: " in out
    _, out, _ = run(["evaluate", str(COOK), "--as-of", "2028-01-01", "-p", "express-entry/cec", "--what-if",
                     str(retest), "-f", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert data["changes"] == [{"program": "express-entry/cec", "before": "not_eligible", "after": "eligible",
                                "because": "every condition passes"}]
    assert data["before"]["programs"][0]["verdict"] == "not_eligible"
    assert data["crs"]["after"]["low"] > data["crs"]["before"]["low"]


def test_plan_with_a_set_shows_the_intervals_that_move(capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Setting the test date to 2026-02-01 moves CEC's end of eligibility from 2027-09-20 to 2028-02-01."""
    code, out, _ = run(["plan", str(COOK), "--from", "2026-03-01", "-p", "express-entry/cec", "-f", "json",
                        "--set", "language_tests[0].taken=2026-02-01"], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0
    [change] = data["changes"]
    assert [i["from"] for i in change["before"]] == ["2026-03-01", "2027-09-20"]
    assert [i["from"] for i in change["after"]] == ["2026-03-01", "2028-02-01"]


def test_bad_set_on_the_command_line_exits_2_with_one_line(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate --set with a bad value prints one line naming the argument and exits 2."""
    code, _, err = run(["evaluate", str(COOK), "--set", "children=-1"], capsys, monkeypatch)
    assert code == 2
    assert err.strip().splitlines() == ["--set 'children=-1': $.children: expected 0 to 30, found -1"]
