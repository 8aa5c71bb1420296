"""The CRS from the API and the command line: the JSON contract, several files, bad input, --improve,
and the evaluate report. Expected numbers are worked out by hand from the CRS tables (docs/crs.md)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

import eligibility
from eligibility.ranking.improve import improve
from tests.support import run_cli as run

ROOT = Path(__file__).resolve().parents[1]
AYESHA = ROOT / "profiles" / "ayesha-software-engineer.yaml"
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
SCHEMA = json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text())
CRS_SCHEMA = {"$ref": "#/$defs/crs", "$defs": SCHEMA["$defs"]}


@pytest.fixture(scope="module")
def library() -> eligibility.Library:
    """The repository's rules."""
    return eligibility.load_library(ROOT / "rulesets")


def test_ayesha_scores_413_factor_by_factor(library: eligibility.Library) -> None:
    """Ayesha on 2026-11-30: age 32 = 94, bachelor's 120, CLB 9 x 4 = 124, transferability 25 + 50 = 413."""
    result = eligibility.crs(AYESHA, "2026-11-30", library)
    assert (result.total, result.low, result.high, result.with_spouse) == (413, 413, 413, False)
    assert result.section("core").low == 338 and result.section("transferability").low == 75
    assert {f.id: f.low for f in result.factors if f.low} == {
        "core.age": 94, "core.education": 120, "core.first_language": 124,
        "transferability.education.language": 25, "transferability.foreign_work.language": 50}
    assert result.first_official_language is not None and result.first_official_language.language == "english"


def test_to_data_is_exactly_the_crs_json(library: eligibility.Library, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """eligibility.to_data(eligibility.crs(...)) equals what 'crs --format json' prints, and fits the schema."""
    code, out, _ = run(["crs", str(AYESHA), "--as-of", "2026-11-30", "--format", "json"], capsys, monkeypatch)
    data = eligibility.to_data(eligibility.crs(AYESHA, "2026-11-30"))
    assert code == 0 and json.loads(out) == data
    jsonschema.validate(data, CRS_SCHEMA)
    assert data["sections"]["core"] == {"subtotal": 338, "max": 500, "age": 94, "education": 120,
                                        "first_language": 124, "second_language": 0, "canadian_work": 0}


def test_an_unknown_fact_gives_a_range_in_the_json(library: eligibility.Library) -> None:
    """Without the nomination key the total is null, the range 413..1013, and the path that settles it is named."""
    data = eligibility.profile_from_data({**_plain(AYESHA), "provincial_nomination": None})
    assert eligibility.crs(data, "2026-11-30", library).total == 413
    plain = _plain(AYESHA)
    plain.pop("provincial_nomination")
    out = eligibility.to_data(eligibility.crs(eligibility.profile_from_data(plain), "2026-11-30", library))
    assert (out["total"], out["low"], out["high"]) == (None, 413, 1013)
    assert out["sections"]["additional"]["nomination"] == {"low": 0, "high": 600}
    assert out["settled_by"] == ["$.provincial_nomination"]
    jsonschema.validate(out, CRS_SCHEMA)


def _plain(path: Path) -> dict[str, object]:
    from eligibility.documents import read_document

    data: dict[str, object] = read_document(path)
    return data


def test_before_2015_the_crs_is_not_encoded(library: eligibility.Library) -> None:
    """On 2014-12-31 the answer is 'not encoded', with no number."""
    result = eligibility.crs(AYESHA, dt.date(2014, 12, 31), library)
    assert result.status == "not_encoded" and result.total is None and result.low is None
    assert "2015-01-01" in result.message


def test_several_files_and_a_bad_one(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder with a bad file: the good ones are scored, the bad one is one line on stderr, exit 2."""
    (tmp_path / "a.yaml").write_text(AYESHA.read_text())
    (tmp_path / "b.yaml").write_text("birth_date: 1990-13-01\n")
    code, out, err = run(["crs", str(tmp_path), "--as-of", "2026-11-30", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert code == 2
    assert [d["total"] for d in data] == [413] and data[0]["profile"].endswith("a.yaml")
    assert "b.yaml: $.birth_date: expected a date" in err and "Traceback" not in err


def test_text_and_markdown_show_points_max_and_evidence(capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The text and Markdown formats name each factor with its points, its maximum and its evidence."""
    _, text, _ = run(["crs", str(COOK), "--as-of", "2026-11-30"], capsys, monkeypatch)
    assert "CRS score: 227 of 1200" in text
    assert "canadian_work" in text and "64 / 80" in text and "5,738.6 h" in text
    _, md, _ = run(["crs", str(COOK), "--as-of", "2026-11-30", "--format", "markdown"], capsys, monkeypatch)
    assert "| `core.canadian_work` | 64 | 80 |" in md and "Line cook (63200) 2023-04-01 to 2026-11-29" in md


def test_improve_for_ayesha(library: eligibility.Library) -> None:
    """Ayesha: +600 nomination first; French NCLC 7 = 12 second-language + 50 bonus; writing 7 -> 7.5 = CLB 10: +3;
    her IELTS expires on 2027-03-10 (-124 - 25 - 50 = -199) and she turns 33 on 2027-05-02 (94 -> 88)."""
    found = improve(eligibility.load_profile(AYESHA), dt.date(2026, 11, 30), library)
    gains = {i.says.split(" (")[0]: i.low for i in found.improvements}
    assert found.improvements[0].kind == "nomination" and found.improvements[0].low == 600
    assert gains["IELTS General Training writing 7 -> 7.5 = CLB 10"] == 3
    assert next(i.low for i in found.improvements if i.kind == "french") == 62
    assert [(d.date, d.points_lost) for d in found.declines] == [(dt.date(2027, 3, 10), 199), (dt.date(2027, 5, 2), 6)]


def test_improve_for_the_cook(library: eligibility.Library) -> None:
    """The cook: an ECA for the two-year diploma adds 98 + 25 = 123; a fourth Canadian year (64 -> 72) is reached
    on 2027-03-27, when 2023-04-01 to 2027-03-26 makes 1,456 days = 6,240 h."""
    found = improve(eligibility.load_profile(COOK), dt.date(2026, 11, 30), library)
    by_kind = {i.kind: i for i in found.improvements}
    assert by_kind["eca"].low == 123
    assert (by_kind["canadian_work"].low, by_kind["canadian_work"].date) == (8, dt.date(2027, 3, 27))
    assert [(d.date, d.points_lost) for d in found.declines] == [(dt.date(2027, 9, 20), 30), (dt.date(2027, 11, 3), 6)]


def test_improve_in_the_json(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """crs --improve --format json adds an improve object with improvements best first and declines (the cook's
    score is exact, so no points are lost at a highest end apart from the lowest: points_lost_high null)."""
    _, out, _ = run(["crs", str(COOK), "--as-of", "2026-11-30", "--improve", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)["improve"]
    assert data["improvements"][0] == {"kind": "nomination", "says": data["improvements"][0]["says"],
                                       "points": 600, "date": None}
    assert data["declines"][0] == {"date": "2027-09-20", "cause": "CELPIP-General of 2025-09-20 expires (24 months)",
                                   "points_lost": 30, "points_lost_high": None}


def test_evaluate_json_carries_the_crs_object(library: eligibility.Library) -> None:
    """evaluate's JSON has a top-level crs object equal to the crs command's once its citation keys are replaced
    by the result's citations, and it fits the result schema."""
    evaluation = eligibility.evaluate(AYESHA, "2026-11-30", library=library)
    data = eligibility.to_data(evaluation)
    assert all(isinstance(k, str) for f in data["crs"]["factors"] for k in f["citations"])
    standalone = eligibility.to_data(eligibility.crs(AYESHA, "2026-11-30", library))
    assert eligibility.citations_in_place(data)["crs"] == standalone
    jsonschema.validate(data, SCHEMA)
    assert "crs" not in eligibility.to_data(eligibility.evaluate(AYESHA, "2026-11-30", library=library,
                                                                 with_crs=False))


def test_evaluate_text_shows_the_score(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The evaluate report ends with the CRS score and its sections."""
    _, out, _ = run(["evaluate", str(AYESHA), "--as-of", "2026-11-30"], capsys, monkeypatch)
    assert "CRS score: 413 of 1200" in out and "skill transferability 75" in out


def test_a_single_person_without_a_spouse_key_has_no_spouse_for_every_program(library: eligibility.Library) -> None:
    """Marital status single and no spouse key: no spouse (not unknown) for the CRS and the FSW grid alike."""
    from eligibility.documents import read_document
    from eligibility.facts import Facts

    plain = read_document(AYESHA)
    plain.pop("spouse")
    profile = eligibility.profile_from_data(plain)
    assert Facts(profile, dt.date(2025, 6, 1)).spouse() is None
    assert eligibility.crs(profile, "2025-06-01", library).with_spouse is False
    fsw = eligibility.evaluate(profile, "2025-06-01", ["express-entry/fsw"], library=library).program(
        "express-entry/fsw")
    assert fsw.verdict == "eligible"
