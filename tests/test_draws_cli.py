"""`eligibility draws`: rounds by date, type and category; the table used said; unmapped names listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eligibility.draws.model import Round, RoundsTable
from eligibility.draws.table import bundled_table
from eligibility.draws.update import write_atomically
from tests.support import run_cli as run


@pytest.fixture(autouse=True)
def _empty_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test starts with an empty cache folder of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("ELIGIBILITY_CACHE_DIR", str(folder))
    return folder


def test_since_and_until_are_inclusive(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Round #390 of 2026-01-07 is in --since 2026-01-07 and --until 2026-01-07, not in a day either side."""
    def numbers(*args: str) -> list[str]:
        _, out, _ = run(["draws", *args, "--format", "json"], capsys, monkeypatch)
        return [r["number"] for r in json.loads(out)["rounds"]]

    assert numbers("--since", "2026-01-07", "--until", "2026-01-07") == ["390"]
    assert numbers("--since", "2026-01-08", "--until", "2026-01-08") == []
    assert numbers("--since", "2026-01-06", "--until", "2026-01-06") == []
    assert numbers("--since", "2026-09-16") == ["444"]


def test_text_lists_each_type_with_counts_and_the_data_used(capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Text gives the totals (250+2,000+576+3,500+229+2,000), the table used, then each type newest first."""
    code, out, _ = run(["draws", "--since", "2026-09-01"], capsys, monkeypatch)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Express Entry rounds of invitations, 2026-09-01 to 2026-09-16: 6 rounds, 8,555 invitations"
    assert lines[1] == "rounds: bundled table, fetched 2026-09-28, 445 rounds; rounds known up to 2026-09-16"
    assert "  2 rounds, 4,000 invitations, lowest score invited 519 to 521" in lines
    assert "    #443  2026-09-15    2,000     519  2026-03-26 00:16:39 UTC" in lines


def test_category_filter_and_json_summary(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """--category category/healthcare keeps the three versions of the category, 16 rounds, scores 422 to 510."""
    _, out, _ = run(["draws", "--category", "category/healthcare", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert data["types"] == [{"type": "category/healthcare", "title": "Category: healthcare", "rounds": 16,
                              "invitations": 41_850, "lowest_score_min": 422, "lowest_score_max": 510}]
    assert {r["name"].split(" (")[0].split(",")[0] for r in data["rounds"]} == {
        "Healthcare occupations", "Healthcare and social services occupations",
        "Healthcare and Social Services Occupations"}
    assert data["data"]["origin"] == "bundled" and data["data"]["known_until"] == "2026-09-16"


def test_markdown_has_a_table_per_type(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Markdown: a title with the period, a heading per type and one row per round."""
    _, out, _ = run(["draws", "--since", "2026-09-16", "--format", "markdown"], capsys, monkeypatch)
    assert out.startswith("# Express Entry rounds of invitations, 2026-09-16 to 2026-09-16")
    assert "## Category: senior managers (`category/senior-managers`)" in out
    assert ("| 444 | 2026-09-16 | Senior managers with Canadian Work Experience, 2026-Version 1 | 250 | 389 "
            "| 2026-09-01 23:05:13 UTC |") in out


def test_unknown_category_is_one_line_with_a_suggestion(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A misspelt round type exits 2 with one line suggesting the right one, no traceback."""
    code, out, err = run(["draws", "--category", "category/helthcare"], capsys, monkeypatch)
    assert code == 2 and out == ""
    assert err.count("\n") == 1
    assert err.endswith("found 'category/helthcare'; did you mean 'category/healthcare'?\n")


def test_until_before_since_is_refused(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--until earlier than --since is a usage error (exit 2)."""
    code, _, err = run(["draws", "--since", "2026-02-01", "--until", "2026-01-31"], capsys, monkeypatch)
    assert code == 2
    assert err == "--until: expected a date on or after --since 2026-02-01, found 2026-01-31\n"


def test_unmapped_says_every_bundled_name_maps(capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With the bundled table, --unmapped says all 22 distinct names map."""
    _, out, _ = run(["draws", "--unmapped"], capsys, monkeypatch)
    assert out.splitlines()[-1] == "every round name maps to a round type (22 distinct names)"


def _newer_table(cache: Path) -> None:
    bundled = bundled_table()
    extra = Round("445", bundled.last_round.replace(day=30), "Aviation occupations (Version 1)", "other", 900, 455)
    table = RoundsTable((*bundled.rounds, extra), bundled.source, bundled.fetched.replace(month=10), "cache")
    write_atomically(table, cache / "ee-rounds.json")


def test_a_newer_cache_is_used_and_its_unmapped_name_listed(_empty_cache: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache whose last round is later wins, says so, and its unknown round name is kept as 'other' and listed."""
    _newer_table(_empty_cache)
    _, out, _ = run(["draws", "--since", "2026-09-16"], capsys, monkeypatch)
    assert f"rounds: cached IRCC feed ({_empty_cache / 'ee-rounds.json'}), fetched 2026-10-28, 446 rounds; " \
           "rounds known up to 2026-09-30" in out
    assert "    #445  2026-09-30      900     455  -  (Aviation occupations (Version 1))" in out
    _, out, _ = run(["draws", "--unmapped"], capsys, monkeypatch)
    assert out.splitlines()[-1] == "  'Aviation occupations (Version 1)': rounds #445"


def test_an_unreadable_cache_is_set_aside_with_the_reason(_empty_cache: Path, capsys: pytest.CaptureFixture[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A corrupt cache file does not stop the command: the bundled table is used and the reason printed."""
    _empty_cache.mkdir()
    (_empty_cache / "ee-rounds.json").write_text("{not json")
    code, out, _ = run(["draws", "--since", "2026-09-16"], capsys, monkeypatch)
    assert code == 0
    assert "rounds: bundled table" in out
    assert "the cached rounds were set aside: " in out and "expected a rounds table (JSON)" in out


def test_python_api_selects_like_the_command() -> None:
    """eligibility.draws_between gives the rounds of the command: two CEC rounds from 2026-09-01 (#439, #443)."""
    import eligibility

    selection = eligibility.draws_between("2026-09-01", None, types=["express-entry/cec"])
    assert [(r.number, r.lowest_score) for r in selection.rounds] == [("439", 521), ("443", 519)]
    assert eligibility.rounds_table().last_round.isoformat() == "2026-09-16"


def test_score_shows_the_rounds_it_met(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """draws --score 520 --eligible express-entry/cec on 2026-09-15: #443 (519) yes, #439 (521) no."""
    code, out, _ = run(["draws", "--score", "520", "--eligible", "express-entry/cec", "--as-of", "2026-09-15",
                        "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0
    cec = next(t for t in data["types"] if t["type"] == "express-entry/cec")
    assert [(r["number"], r["meets"]) for r in cec["rounds"][:2]] == [("443", "yes"), ("439", "no")]
    _, out, _ = run(["draws", "--score", "520", "-e", "express-entry/cec", "--as-of", "2026-09-15"],
                    capsys, monkeypatch)
    assert "    #443  2026-09-15  lowest  519  ✔ yes    520 is above the lowest score invited, 519" in out


@pytest.mark.parametrize(("argv", "message"), [
    (["--score", "high"], "--score: expected a score N or a range LOW-HIGH, found 'high'\n"),
    (["--score", "500-400"], "--score: expected 0 <= LOW <= HIGH <= 1200, found '500-400'\n"),
    (["--score", "500", "-e", "general"], "--eligible: expected a program id"),
    (["--eligible", "express-entry/cec"], "--eligible, --nominated and --as-of go with --score N\n"),
])
def test_bad_score_options_are_one_line(argv: list[str], message: str, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad --score, a non-program --eligible, or --eligible without --score: one line, exit 2."""
    code, _, err = run(["draws", *argv], capsys, monkeypatch)
    assert code == 2 and err.count("\n") == 1 and message in err
