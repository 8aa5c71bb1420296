"""The commands a person runs: evaluate formats, explain, programs, diff, occupations, check, schema, noc show."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from eligibility.cli import main

ROOT = Path(__file__).resolve().parents[1]
AYESHA = str(ROOT / "profiles" / "ayesha-software-engineer.yaml")


def run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    """Run the CLI in-process; return the exit code and standard output."""
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    return int(exit_info.value.code or 0), capsys.readouterr().out


def test_evaluate_json_has_the_documented_top_level(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """--format json prints one object with as_of, receipt and programs."""
    code, out = run(["evaluate", AYESHA, "--as-of", "2025-06-01", "--format", "json", "-p", "express-entry/fsw"],
                    capsys, monkeypatch)
    data = json.loads(out)
    assert code == 0
    assert data["as_of"] == "2025-06-01"
    assert [p["id"] for p in data["programs"]] == ["express-entry/fsw"]
    assert data["programs"][0]["verdict"] == "eligible"


def test_evaluate_markdown(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """--format markdown prints a title and a summary table."""
    _, out = run(["evaluate", AYESHA, "--as-of", "2025-06-01", "--format", "markdown", "-p", "express-entry/cec"],
                 capsys, monkeypatch)
    assert out.startswith("# Eligibility of Ayesha Khan as of 2025-06-01")
    assert "| Program | Verdict | In short |" in out


def test_explain_renders_the_rule_with_citations(capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """explain shows the version in force, each condition in words and its source."""
    _, out = run(["explain", "express-entry/cec", "--as-of", "2025-06-01"], capsys, monkeypatch)
    assert "in force on 2025-06-01: rules of 2023-04-25 to now" in out
    assert "canadian-work: At least one year (1,560 h)" in out
    assert "s. 87.1(2)(a), (3)" in out


def test_programs_lists_states_on_a_date(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """programs --as-of gives each program's state; FSW is in force in 2025 and not encoded in 2020."""
    _, out = run(["programs", "--as-of", "2025-06-01", "--format", "json"], capsys, monkeypatch)
    states = {p["id"]: p["state"] for p in json.loads(out)}
    assert states["express-entry/fsw"] == "in force"
    _, out = run(["programs", "--as-of", "2020-01-01", "--format", "json"], capsys, monkeypatch)
    assert {p["id"]: p["state"] for p in json.loads(out)}["express-entry/fsw"] == "not encoded"


def test_programs_and_results_name_each_programs_kind(capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """programs and evaluate --format json carry each program's kind from its ruleset."""
    _, out = run(["programs", "--format", "json"], capsys, monkeypatch)
    kinds = {p["id"]: p["kind"] for p in json.loads(out)}
    assert kinds["express-entry/cec"] == "permanent_residence"
    assert kinds["gts/category-b"] == "employer_work_permit_stream"
    assert kinds["gss/two-week"] == "processing_standard"
    _, out = run(["programs"], capsys, monkeypatch)
    assert "processing_standard" in next(line for line in out.splitlines() if line.startswith("gss/two-week"))
    _, out = run(["evaluate", AYESHA, "--as-of", "2025-06-01", "--format", "json", "-p", "gss/two-week",
                  "-p", "express-entry/fsw"], capsys, monkeypatch)
    assert {p["id"]: p["kind"] for p in json.loads(out)["programs"]} == {
        "express-entry/fsw": "permanent_residence", "gss/two-week": "processing_standard"}


def test_diff_names_the_funds_table_change(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """15,000 dollars met the 2024 table on 2025-07-06 but not the table of 2025-07-07 (15,263)."""
    text = Path(AYESHA).read_text().replace("funds_cad: 25000", "funds_cad: 15000")
    profile = tmp_path / "p.yaml"
    profile.write_text(text)
    _, out = run(["diff", str(profile), "--as-of", "2025-07-06", "--as-of", "2025-07-07", "-p", "express-entry/fsw"],
                 capsys, monkeypatch)
    assert "Federal Skilled Worker: eligible -> not eligible" in out
    assert "2025-07-07: not eligible: the Proof of settlement funds (Express Entry, FSW and FST) of 2024-05-28 " in out
    assert "ends; the Proof of settlement funds (Express Entry, FSW and FST) of 2025-07-07 starts" in out
    assert "Enough settlement funds for the family size, unless authorized to work in Canada with a valid job offer: " \
           "pass -> fail" in out
    _, everything = run(["diff", str(profile), "--as-of", "2025-07-06", "--as-of", "2025-07-07", "--all"],
                        capsys, monkeypatch)
    assert "settlement-funds table of 2025-07-07 replaces the table of 2024-05-28" in everything
    assert everything.count("(unchanged)") >= 1


def test_diff_shows_only_verdict_changes(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """Between 2025-01-01 and 2026-03-01 the cook's CEC opens on the day of his CELPIP test; nothing unchanged shows."""
    _, out = run(["diff", "profiles/cook-in-canada.yaml", "--as-of", "2025-01-01", "--as-of", "2026-03-01"],
                 capsys, monkeypatch)
    assert "Canadian Experience Class: not eligible -> eligible\n  2025-09-20: eligible: CELPIP-General of 2025-09-20" \
        in out
    assert "(unchanged)" not in out
    assert "Agriculture category: not eligible -> not in force\n  2026-02-18: not in force" in out


def test_occupations_lookup(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """occupations says TEER and the Express Entry programs that include a TEER 1 code by TEER."""
    _, out = run(["occupations", "21231", "--as-of", "2025-06-01", "--format", "json"], capsys, monkeypatch)
    data = json.loads(out)
    assert data["teer"] == 1 and data["express_entry_skilled"] is True
    assert {"express-entry/fsw", "express-entry/cec"} <= {p["program"] for p in data["programs"]}
    assert "express-entry/fst" not in {p["program"] for p in data["programs"]}


def test_check_and_schema(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """check validates the packaged rules; schema prints a JSON Schema naming the profile fields."""
    code, out = run(["check", str(ROOT / "rulesets")], capsys, monkeypatch)
    assert code == 0 and out.startswith("ok: ")
    _, out = run(["schema"], capsys, monkeypatch)
    assert "birth_date" in json.loads(out)["properties"]


def test_noc_show_says_what_the_code_opens(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """noc show lists the programs whose rules include the code on the date."""
    _, out = run(["noc", "show", "72200", "--as-of", "2025-06-01"], capsys, monkeypatch)
    assert "What 72200 opens on 2025-06-01" in out
    assert "express-entry/fst: by NOC group in trade-work" in out


def test_garbage_collection_is_paused_only_while_a_command_starts(capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """main turns the garbage collector off until the rules are loaded and evaluate's first profile is done;
    it is on for the next profile and after any command (one that loads rules, one that does not, one
    refused), and stays off if it was off before."""
    import gc

    import eligibility.api

    seen: list[bool] = []
    evaluate = eligibility.api.evaluate

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return evaluate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(eligibility.api, "evaluate", watched)
    assert gc.isenabled()
    for argv, expected in ((["evaluate", AYESHA, AYESHA, "--as-of", "2026-03-01"], 0), (["schema"], 0),
                           (["evaluate", "--no-such-option"], 2)):
        assert run(argv, capsys, monkeypatch)[0] == expected
        assert gc.isenabled(), argv
    assert seen == [False, True]
    gc.disable()
    try:
        assert run(["evaluate", AYESHA, AYESHA, "--as-of", "2026-03-01"], capsys, monkeypatch)[0] == 0
        assert not gc.isenabled() and seen == [False, True, False, False]
    finally:
        gc.enable()
