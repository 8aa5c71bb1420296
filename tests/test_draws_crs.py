"""The rounds in `crs` and `evaluate`, and the CRS's freshness caveats (checked date, reported change of 2026-11-03)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest

import eligibility
from eligibility.cli import main
from eligibility.freshness import REPORTED_CHANGE, RULES_CHECKED

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
SCHEMA = json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text())
CRS_SCHEMA = {"$ref": "#/$defs/crs", "$defs": SCHEMA["$defs"]}
# Hand-read from the snapshot: the last 6 rounds to 2026-09-16 within 12 months, newest first.
CEC_ROUNDS = [("443", 519), ("439", 521), ("436", 523), ("432", 516), ("428", 516), ("424", 517)]
PNP_ROUNDS = [("442", 734), ("438", 697), ("435", 760), ("431", 768), ("427", 744), ("423", 708)]


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the CLI in-process; the exit code and standard output."""
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0), capsys.readouterr().out


@pytest.fixture(autouse=True)
def _no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled rounds table, whatever the user's cache holds."""
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(tmp_path))


@pytest.fixture
def nominated_cook(tmp_path: Path) -> Path:
    """The cook with an Ontario nomination issued on 2026-09-01."""
    text = COOK.read_text()
    assert "provincial_nomination: null" in text
    path = tmp_path / "cook-nominated.yaml"
    path.write_text(text.replace("provincial_nomination: null",
                                 "provincial_nomination: {province: ON, issued: 2026-09-01}"))
    return path


def _types(data: dict[str, object]) -> dict[str, list[tuple[str, int, str]]]:
    rounds = data["rounds"]
    assert isinstance(rounds, dict)
    return {t["type"]: [(r["number"], r["lowest_score"], r["meets"]) for r in t["rounds"]] for t in rounds["types"]}


def test_crs_json_carries_the_rounds_of_the_programs_the_cook_meets(capsys: pytest.CaptureFixture[str],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The cook (CEC only, 232 points on 2026-09-16): general rounds (none in 12 months) and CEC rounds, all 'no'."""
    _, out = run(["crs", str(COOK), "--as-of", "2026-09-16", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    jsonschema.validate(data, CRS_SCHEMA)
    assert data["total"] == 232
    assert _types(data) == {"general": [], "express-entry/cec": [(n, s, "no") for n, s in CEC_ROUNDS]}
    assert data["rounds"]["known_until"] == "2026-09-16"


def test_a_nomination_adds_600_and_opens_the_nominee_rounds(nominated_cook: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Nominated on 2026-09-01, the cook scores 232 + 600 = 832: every recent CEC and PNP round met."""
    _, out = run(["crs", str(nominated_cook), "--as-of", "2026-09-16", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert data["total"] == 832
    types = _types(data)
    assert types["provincial-nominee"] == [(n, s, "yes") for n, s in PNP_ROUNDS]
    assert types["express-entry/cec"] == [(n, s, "yes") for n, s in CEC_ROUNDS]


def test_evaluate_json_has_the_rounds_inside_its_crs_object(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate --format json: the crs object carries the same rounds as crs --format json; it validates."""
    _, out = run(["evaluate", str(COOK), "--as-of", "2026-09-16", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    _, alone = run(["crs", str(COOK), "--as-of", "2026-09-16", "--format", "json"], capsys, monkeypatch)
    assert data["crs"]["rounds"] == json.loads(alone)["rounds"]


def test_an_evaluation_of_one_program_still_finds_every_round_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """evaluate -p express-entry/fsw still opens the CEC rounds: the round programs missing are evaluated."""
    result = eligibility.evaluate(COOK, "2026-09-16", programs=["express-entry/fsw"])
    assert result.crs is not None and result.crs.rounds is not None
    assert [t.type for t in result.crs.rounds.types] == ["general", "express-entry/cec"]


def test_text_shows_the_rounds(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """crs text lists each round with its cut-off; evaluate text summarizes 'met 0 of 6'."""
    _, out = run(["crs", str(COOK), "--as-of", "2026-09-16"], capsys, monkeypatch)
    assert "Rounds of invitations for a score of 232 (the last 6 of each type within 12 months up to 2026-09-16)" in out
    assert "    #443  2026-09-15  lowest  519  ✘ no     232 is below the lowest score invited, 519" in out
    _, out = run(["evaluate", str(COOK), "--as-of", "2026-09-16"], capsys, monkeypatch)
    assert "  express-entry/cec: met 0 of 6; lowest scores 516 to 523; latest #443 2026-09-15, 519" in out
    _, out = run(["crs", str(COOK), "--as-of", "2026-09-16", "--format", "markdown"], capsys, monkeypatch)
    assert "| 443 | 2026-09-15 | 519 | no | 232 is below the lowest score invited, 519 |" in out


def _crs_caveats(day: str) -> dict[str, list[str]]:
    result = eligibility.crs(COOK, day, rounds=False)
    out: dict[str, list[str]] = {}
    for c in result.caveats:
        out.setdefault(c.condition, []).append(c.says)
    return out


def test_the_reported_crs_change_is_a_caveat_from_2026_11_03() -> None:
    """The unconfirmed change of 2026-11-03 is on CRS results of that day, not of the day before."""
    assert REPORTED_CHANGE not in _crs_caveats("2026-11-02")
    (says,) = _crs_caveats("2026-11-03")[REPORTED_CHANGE]
    assert says.startswith("a change from 2026-11-03 was reported but is not confirmed (unconfirmed): ")
    result = eligibility.crs(COOK, "2026-11-03", rounds=False)
    caveat = next(c for c in result.caveats if c.condition == REPORTED_CHANGE)
    assert [c.source for c in caveat.citations] == ["reform-proposal-news", "reform-proposal-immergity"]
    # Not applied: the criteria used are still those in force since 2025-03-25.
    assert result.version is not None and result.version.valid_from.isoformat() == "2025-03-25"


def test_the_crs_criteria_say_when_they_were_checked() -> None:
    """The CRS sources were checked on 2026-11-30: a caveat on 2026-12-01, none on 2026-11-30."""
    assert RULES_CHECKED not in _crs_caveats("2026-11-30")
    assert _crs_caveats("2026-12-01")[RULES_CHECKED] == [
        "rules as checked on 2026-11-30; a change after that date is not known to this version"]
