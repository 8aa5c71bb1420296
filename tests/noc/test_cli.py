"""The `noc` commands through typer's test runner: output, JSON, and one-line errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eligibility.noc_cli import app

from .conftest import DATA

runner = CliRunner()


def test_show_prints_title_teer_and_hierarchy() -> None:
    """show 21231 prints title, TEER 1 meaning, minor group 2123 and how to get the duties."""
    r = runner.invoke(app, ["show", "21231"])
    assert r.exit_code == 0
    assert "Software engineers and designers" in r.output
    assert "TEER 1: Usually a university degree" in r.output
    assert "2123" in r.output and "Computer, software and Web designers and developers" in r.output
    assert "statcan.gc.ca" in r.output


def test_show_with_noc_data_prints_lead_statement_and_duties(noc_data: Path) -> None:
    """show with --noc-data prints the lead statement and main duties."""
    r = runner.invoke(app, ["show", "21231", "--noc-data", str(noc_data)])
    assert r.exit_code == 0
    assert "Lead statement:" in r.output and "Main duties:" in r.output
    assert "Collect and document users' requirements" in r.output


def test_show_json() -> None:
    """show --format json is the cattrs form of the result."""
    r = runner.invoke(app, ["show", "21211", "--format", "json"])
    data = json.loads(r.output)
    assert data["code"] == "21211" and data["teer"] == 1 and data["hierarchy"][3]["code"] == "2121"


def test_search_json_has_matched_title() -> None:
    """search --format json lists hits with the title that matched."""
    r = runner.invoke(app, ["search", "data", "engineer", "--format", "json"])
    hit = json.loads(r.output)["hits"][0]
    assert hit["code"] == "21211" and hit["matched_title"] == "data engineer"


def test_convert_split_lists_every_candidate() -> None:
    """convert 2173 lists 21211 and 21231 and says "Split off"."""
    r = runner.invoke(app, ["convert", "2173"])
    assert r.exit_code == 0
    assert "21211" in r.output and "21231" in r.output and "Split off" in r.output


def test_match_from_stdin(noc_data: Path) -> None:
    """match --duties - reads the letter from standard input."""
    letter = (DATA / "duty_texts" / "plumber.txt").read_text(encoding="utf-8")
    r = runner.invoke(
        app, ["match", "--duties", "-", "--noc-data", str(noc_data), "-f", "json"], input=letter
    )
    assert r.exit_code == 0
    assert json.loads(r.output)["candidates"][0]["code"] == "72300"


def test_error_unknown_code_exit_2() -> None:
    """An unknown code exits 2 with one "did you mean" line."""
    r = runner.invoke(app, ["show", "21213"])
    assert r.exit_code == 2
    assert "unknown NOC 2021 unit group 21213; did you mean" in r.output


def test_error_malformed_code_exit_2() -> None:
    """A malformed code exits 2."""
    r = runner.invoke(app, ["show", "2x231"])
    assert r.exit_code == 2 and "malformed NOC 2021 code" in r.output


def test_error_empty_query_exit_2() -> None:
    """An empty search exits 2."""
    r = runner.invoke(app, ["search", ""])
    assert r.exit_code == 2 and "empty search" in r.output


def test_error_missing_duties_file_exit_2(tmp_path: Path) -> None:
    """A duties file that does not exist exits 2 and names it."""
    r = runner.invoke(app, ["match", "--duties", str(tmp_path / "letter.txt")])
    assert r.exit_code == 2 and "letter.txt does not exist" in r.output


def test_error_match_without_noc_data_exit_2() -> None:
    """match without NOC data says what is missing and where StatCan publishes it."""
    letter = (DATA / "duty_texts" / "cook.txt").read_text(encoding="utf-8")
    r = runner.invoke(app, ["match", "--duties", "-"], input=letter)
    assert r.exit_code == 2
    assert "statcan.gc.ca" in r.output and "--noc-data" in r.output


def test_error_unknown_2016_code_exit_2() -> None:
    """convert with an unknown NOC 2016 code exits 2."""
    r = runner.invoke(app, ["convert", "9999"])
    assert r.exit_code == 2 and "unknown NOC 2016 code 9999" in r.output
