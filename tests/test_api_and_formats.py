"""The Python API, the JSON result against its documented schema, the profile schema, and the renderers."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

import eligibility
from eligibility.documents import read_document
from eligibility.render.markdown import render_markdown
from eligibility.render.text import render_text
from eligibility.schema import profile_schema

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))


@pytest.fixture(scope="module")
def library() -> eligibility.Library:
    """The repository's rules."""
    return eligibility.load_library(ROOT / "rulesets")


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_example_profiles_match_the_profile_schema(path: Path) -> None:
    """Every bundled example profile is valid against the published JSON Schema."""
    jsonschema.validate(read_document(path), profile_schema())


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_json_result_matches_the_documented_schema(path: Path, library: eligibility.Library) -> None:
    """The JSON result of every example profile validates against eligibility/data/result-schema.json."""
    schema = json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text())
    result = eligibility.evaluate(eligibility.load_profile(path), "2026-03-01", library=library)
    data = json.loads(eligibility.to_json(result))
    jsonschema.validate(data, schema)
    assert {p["id"] for p in data["programs"]} == set(library.programs)


def test_api_walks_the_typed_result(library: eligibility.Library) -> None:
    """From Python: the FSW verdict, its version dates and the grid evidence of the example profile."""
    result = eligibility.evaluate(ROOT / "profiles" / "ayesha-software-engineer.yaml", "2025-06-01", library=library)
    fsw = result.program("express-entry/fsw")
    assert fsw.verdict == "eligible"
    assert fsw.version is not None and str(fsw.version.valid_from) == "2024-05-20"
    grid = next(c for c in fsw.conditions if c.id == "selection-grid")
    points = {e["factor"]: e["points"] for e in grid.evidence}
    # IRPR ss. 78 to 81 by hand: CLB 9 x 4 = 24; bachelor's 21; 6 years (2019-01 to 2025-05) 15; age 31 12.
    assert points == {"language": 24, "education": 21, "experience": 15, "age": 12, "arranged_employment": 0,
                      "adaptability": 0}
    assert result.receipt.engine == "native" and len(result.receipt.profile_sha256) == 64


def test_text_and_markdown_name_what_failed_and_cite_it(library: eligibility.Library) -> None:
    """The terminal and Markdown renderings show the failing condition, its finding and its source."""
    result = eligibility.evaluate(ROOT / "profiles" / "ayesha-software-engineer.yaml", "2025-06-01",
                                  programs=["express-entry/cec"], library=library)
    text = render_text(result)
    assert "✘ 0 h in TEER 0, 1, 2, 3" in text and "1,560 h needed" in text and "source:" not in text
    assert "s. 87.1(2)(a), (3)" in render_text(result, explain=True)
    md = render_markdown(result)
    assert "| Canadian Experience Class | ✘ not eligible | 0 h in TEER 0, 1, 2, 3" in md
    assert "- ✘ 0 h in TEER 0, 1, 2, 3" in md
    footnote = next(line for line in md.splitlines() if "s. 87.1(2)(a), (3)" in line)
    assert footnote.startswith("[^") and "<https://laws-lois.justice.gc.ca/" in footnote


def test_a_date_before_the_earliest_version_is_not_encoded(library: eligibility.Library) -> None:
    """Asking about a date no version covers says so plainly instead of guessing."""
    result = eligibility.evaluate(ROOT / "profiles" / "ayesha-software-engineer.yaml", "2020-01-01",
                                  programs=["express-entry/fsw"], library=library)
    fsw = result.program("express-entry/fsw")
    assert fsw.verdict == "not_encoded"
    assert "2022-11-16" in fsw.message


def test_noc_2016_code_with_one_successor_is_converted() -> None:
    """A work entry written with a NOC 2016 code that maps to one NOC 2021 code is converted (0213 -> 20012)."""
    profile = eligibility.profile_from_data(
        {"work": [{"noc_2016": "0213", "country": "CA", "start": "2020-01-01", "hours_per_week": 40}]})
    assert profile.work[0].noc == "20012"  # type: ignore[index]


def test_yaml_reads_values_as_a_person_writes_them() -> None:
    """ON is Ontario, 00012 is a NOC code, and dates may be bare or quoted."""
    profile = eligibility.profile_from_text(
        'intended_province: ON\nbirth_date: "1990-01-02"\nwork:\n  - {noc: 00012, country: CA, '
        "start: 2020-01-01, hours_per_week: 40}\n", "yaml")
    assert profile.intended_province == "ON"
    assert profile.work[0].noc == "00012"  # type: ignore[index]
    assert str(profile.birth_date) == "1990-01-02"


def test_profiles_in_json_and_toml_read_the_same_as_yaml() -> None:
    """The same profile written in JSON and TOML gives an equal profile."""
    yaml_p = eligibility.profile_from_text("birth_date: 1990-01-02\nchildren: 1\nintended_province: ON\n", "yaml")
    json_p = eligibility.profile_from_text('{"birth_date": "1990-01-02", "children": 1, "intended_province": "ON"}',
                                           "json")
    toml_p = eligibility.profile_from_text('birth_date = 1990-01-02\nchildren = 1\nintended_province = "ON"\n', "toml")
    assert yaml_p == json_p == toml_p
