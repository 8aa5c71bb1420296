"""What the README and docs/ tell users, against what the program does: faults found by the audit of 2026-12-01
(audit14), each a strict expected failure that passes once the doc or the program is corrected.

Each test reads the doc's own words or figures (``tests/test_audit14_support.py``), so either side may be
fixed. The other side of each edge, where there is one, is a passing test in ``tests/test_audit14_doc_checks.py``.
"""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import attrs
import pytest

import eligibility
from eligibility import language
from eligibility.api import rules
from eligibility.rulebook.bounds import bound_problems
from tests.support import rule_leaves
from tests.test_audit14_support import (
    AYESHA,
    CERTIFIED_COOK,
    COOK,
    LISTED_OFFER,
    PROFILES,
    cli,
    cli_json,
    doc_line,
    doc_match,
    program_ids_in_words,
    wildcard,
    write_profile,
)


def test_results_md_example_names_the_fsw_version_in_force(capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The FSW version of docs/results.md's example is the one ``evaluate --as-of 2025-06-01`` prints."""
    shown = doc_match("results.md", r'"version": \{"from": "(\d{4}-\d\d-\d\d)", "to": (null|"[^"]*")')
    data = cli_json(["evaluate", AYESHA, "--as-of", "2025-06-01"], capsys, monkeypatch)
    fsw = next(p for p in data["programs"] if p["id"] == "express-entry/fsw")
    assert fsw["version"]["from"] == shown.group(1)
    assert json.dumps(fsw["version"]["to"]) == shown.group(2)


def test_results_md_crs_example_gives_the_printed_reason_for_the_first_language(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``why`` of docs/results.md's CRS example is the one ``crs --format json`` prints for that profile."""
    shown = doc_match("results.md", r'"why": "([^"]*)"').group(1)
    data = cli_json(["crs", AYESHA, "--as-of", "2026-11-30"], capsys, monkeypatch)
    assert data["first_official_language"]["why"] == shown


def test_results_md_result_sizes_are_about_right() -> None:
    """The mean size of the example profiles' JSON results is within 10% of docs/results.md's figures."""
    said = doc_match("results.md", r"about (\d+) KiB\s+compact and (\d+) KiB indented")
    compact_said, indented_said = int(said.group(1)), int(said.group(2))
    compact, indented = [], []
    for path in sorted(PROFILES.glob("*.yaml")):
        result = eligibility.evaluate(eligibility.load_profile(path), "2026-03-01")
        compact.append(len(eligibility.to_json(result, indent=None).encode()) / 1024)
        indented.append(len(eligibility.to_json(result).encode()) / 1024)
    assert abs(sum(compact) / len(compact) - compact_said) <= compact_said / 10
    assert abs(sum(indented) / len(indented) - indented_said) <= indented_said / 10


def test_plan_md_example_header_is_the_printed_one(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The ``rules_checked`` and ``days_evaluated`` of docs/plan.md's example are those the command prints."""
    shown = doc_match("plan.md", r'"rules_checked": "([\d-]+)", "days_evaluated": (\d+)')
    data = cli_json(["plan", COOK, "--from", "2026-01-01", "--until", "2029-01-01"], capsys, monkeypatch)
    assert (data["rules_checked"], data["days_evaluated"]) == (shown.group(1), int(shown.group(2)))


def test_plan_says_the_sources_were_checked_when_the_planned_programs_sources_were() -> None:
    """The checked date a plan states is the earliest ``checked`` of the planned program's sources, the date
    ``evaluate``'s rules-checked caveat gives for it (docs/ruleset-language.md, 'When the rules were checked')."""
    library = rules()
    program = library.programs["category/healthcare"]
    earliest = min(s.checked for s in program.sources)
    found = eligibility.plan(COOK, "2026-01-01", "2029-01-01", programs=["category/healthcare"])
    assert found.rules_checked == earliest
    said = next(a for a in found.assumptions if "last checked" in a)
    assert f"last checked on {earliest};" in said


def test_plan_md_distance_example_names_the_scores_a_test_taken_now_needs(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/plan.md's FSW language line of the distance example is what ``evaluate --distance`` prints."""
    example = doc_line("plan.md", "- language: reading level 7").removesuffix("; ...")
    code, out, _ = cli(["evaluate", COOK, "--as-of", "2026-03-01", "--distance"], capsys, monkeypatch)
    assert code == 0
    fsw = out.split("  express-entry/fsw (not eligible):", 1)[1]
    printed = next(line.strip() for line in fsw.splitlines() if line.strip().startswith("- language:"))
    assert printed.startswith(example)


def test_batch_errors_record_of_a_broken_line_lists_its_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Every record of the errors file carries ``errors``, the list of the row's problems, as docs/batch.md shows."""
    source = tmp_path / "clients.jsonl"
    source.write_text('{"name": "x", "name": "y", "birth_date": "1990-01-01"}\n', encoding="utf-8")
    code, _, _ = cli(["batch", source, "--out", tmp_path / "results.jsonl", "--as-of", "2026-11-30",
                      "--workers", "1"], capsys, monkeypatch)
    assert code == 2
    record = json.loads((tmp_path / "results.errors.jsonl").read_text(encoding="utf-8"))
    assert record["error"] == "line 1: $: not valid JSON: duplicate key 'name'"
    assert record.get("errors") == [record["error"]]


def _client() -> Any:
    pytest.importorskip("fastapi")
    from eligibility.server.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app())


PLAN_PROFILE = {"birth_date": "1990-01-01", "marital_status": "single"}


def test_http_plan_of_more_than_ten_years_is_refused() -> None:
    """A plan over more than 10 years (until 2036-01-02 from 2026-01-01) is refused with 422 at ``$.until``."""
    answer = _client().post("/v1/plan", json={"profile": PLAN_PROFILE, "from": "2026-01-01", "until": "2036-01-02",
                                             "programs": ["express-entry/cec"]})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "$.until"


def test_report_md_python_function_exists() -> None:
    """The function docs/report.md names for the report from Python exists and returns the Markdown report."""
    name = doc_match("report.md", r"From Python: `eligibility\.(\w+)\(profile, as_of, fmt=").group(1)
    function = getattr(eligibility, name)
    assert callable(function)
    assert function(COOK, "2026-03-01", fmt="markdown").startswith("# Eligibility of Marco Rossi")


def test_a_format_a_command_cannot_print_is_refused_in_one_line(capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """``evaluate --format html`` exits 2 with exactly one line on standard error."""
    code, out, err = cli(["evaluate", COOK, "--format", "html"], capsys, monkeypatch)
    assert code == 2 and out == ""
    assert len([line for line in err.splitlines() if line.strip()]) == 1


def test_tef_canada_without_a_date_is_refused_with_the_documented_message() -> None:
    """The TEF Canada score without a test date is refused with docs/language-tests.md's words."""
    said = doc_match("language-tests.md", r"level\(\"writing\", 440\)\s+# ValueError: (.*?) \.\.\.").group(1)
    with pytest.raises(ValueError) as refused:
        language.test_kind("tef_canada").level("writing", 440)
    assert str(refused.value).startswith(said)


def _versions_in_doc(program: str) -> list[tuple[str, str | None]]:
    row = doc_line("programs/express-entry.md", f"| `{program}` |")
    return [(a, None if b == "open" else b) for a, b in re.findall(r"\[(\d{4}-\d\d-\d\d), (\d{4}-\d\d-\d\d|open)\)",
                                                                    row.split("|")[2])]


def _versions_in_rules(program: str) -> list[tuple[str, str | None]]:
    return [(v.valid_from.isoformat(), v.valid_to.isoformat() if v.valid_to else None)
            for v in rules().programs[program].versions]


def test_express_entry_md_lists_every_cec_version() -> None:
    """The versions of express-entry/cec in docs/programs/express-entry.md are those of its ruleset."""
    assert _versions_in_doc("express-entry/cec") == _versions_in_rules("express-entry/cec")


def test_diff_program_option_is_described_in_help() -> None:
    """``eligibility diff --help`` says what ``--program`` does."""
    import typer

    from eligibility.cli import app

    group = typer.main.get_command(app)
    context = group.context_class(group)
    diff = group.get_command(context, "diff")  # type: ignore[attr-defined]
    option = next(p for p in diff.params if p.name == "program")
    assert option.help


def test_profile_format_md_example_error_of_a_mistyped_noc_is_the_printed_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """docs/profile-format.md's error line for a NOC code 21239 is the line the command prints."""
    example = doc_line("profile-format.md", "ayesha.yaml: $.work[0].noc:")
    monkeypatch.chdir(tmp_path)
    Path("ayesha.yaml").write_text("birth_date: 1990-01-01\nmarital_status: single\nwork:\n"
                                   "  - {noc: \"21239\", country: CA, start: 2020-01-01, end: 2021-01-01, "
                                   "hours_per_week: 40}\n", encoding="utf-8")
    code, _, err = cli(["evaluate", "ayesha.yaml", "--as-of", "2026-03-01"], capsys, monkeypatch)
    assert code == 2
    assert example in err.splitlines()


def test_profile_schema_accepts_a_noc_code_written_without_quotes(capsys: pytest.CaptureFixture[str],
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A profile the loader accepts with ``noc: 21231`` unquoted validates against ``eligibility schema``."""
    jsonschema = pytest.importorskip("jsonschema")
    data = {"birth_date": "1990-01-01", "marital_status": "single",
            "work": [{"noc": 21231, "country": "CA", "start": "2020-01-01", "end": "2021-01-01",
                      "hours_per_week": 40}]}
    assert eligibility.profile_from_data(data).work[0].noc == "21231"
    code, out, _ = cli(["schema"], capsys, monkeypatch)
    assert code == 0
    jsonschema.validate(data, json.loads(out))



def _doc_bound(row_start: str) -> tuple[float, float]:
    """The range docs/ruleset-language.md's bounds table gives on the row starting with ``row_start``."""
    found = doc_match("ruleset-language.md", rf"^\| {re.escape(row_start)}.*\| ([\d,]+) to ([\d,]+) \|$", re.MULTILINE)
    return float(found.group(1).replace(",", "")), float(found.group(2).replace(",", ""))


def test_ruleset_language_md_bounds_of_wages_are_the_checked_ones() -> None:
    """A job offer's wage minimums at the tops docs/ruleset-language.md's bounds table gives them pass the bounds,
    and one more each is refused (audit14 found them missing from the table: under 'any other number', 0 to
    1,000,000,000, while bounds.py refuses more than 100,000 an hour and 100,000,000 a year)."""
    hourly = _doc_bound("`min_wage_hourly`")[1]
    annual = _doc_bound("`min_wage_annual`")[1]
    offer = rule_leaves(["job_offer"])[0]
    assert list(bound_problems(attrs.evolve(offer, min_wage_hourly=hourly, min_wage_annual=annual), "x")) == []
    refused = bound_problems(attrs.evolve(offer, min_wage_hourly=hourly + 1, min_wage_annual=annual + 1), "x")
    assert [(p.path.rsplit(".", 1)[1], p.message) for p in refused] == [
        ("min_wage_annual", "expected a number from 0 to 100000000, found 100000001"),
        ("min_wage_hourly", "expected a number from 0 to 100000, found 100001")]


def test_ruleset_language_md_bounds_of_wage_floors_are_the_checked_ones() -> None:
    """A floor of ``wage_floors_hourly`` has the bounds of ``min_wage_hourly`` (the same row of the table): 100,000
    an hour passes and 100,001 is refused (they fell under 'any other number', 0 to 1,000,000,000)."""
    row = doc_match("ruleset-language.md", r"^\| `min_wage_hourly` and the floors of `wage_floors_hourly`.*\| "
                                           r"([\d,]+) to ([\d,]+) \|$", re.MULTILINE)
    assert (row.group(1), row.group(2)) == ("0", "100,000")
    offer = rule_leaves(["job_offer"])[0]
    assert list(bound_problems(attrs.evolve(offer, wage_floors_hourly={"21231": 100_000.0}), "x")) == []
    refused = bound_problems(attrs.evolve(offer, wage_floors_hourly={"21231": 100_001.0}), "x")
    assert [(p.path.rsplit(".", 2)[1:], p.message) for p in refused] == [
        (["wage_floors_hourly", "21231"], "expected a number from 0 to 100000, found 100001")]


def _spouse_unknown() -> eligibility.Profile:
    """A married applicant whose spouse is not described, every other CRS fact stated: the range is the spouse's
    alone (docs/crs.md: 'a married person whose spouse is not described gets a range covering both cases, settled
    by $.spouse')."""
    return eligibility.profile_from_data({
        "birth_date": "1990-01-01", "marital_status": "married",
        "education": [{"level": "masters", "country": "CA", "completed": "2015-01-01"}],
        "language_tests": [], "work": [], "certificates_of_qualification": [], "provincial_nomination": None,
        "relatives_in_canada": [], "job_offer": None})


def test_a_crs_factor_left_a_range_by_the_spouse_names_what_settles_it() -> None:
    """Every CRS factor whose low and high differ names the profile paths that settle it."""
    data = eligibility.to_data(eligibility.crs(_spouse_unknown(), "2026-11-30", rounds=False))
    ranged = {f["id"]: f["settled_by"] for f in data["factors"] if f["low"] != f["high"]}
    assert ranged["core.age"] and ranged["core.education"]
    assert all(paths for paths in ranged.values())


@pytest.mark.parametrize("name", sorted(p.name for p in PROFILES.glob("*.yaml")))
def test_markdown_report_shows_no_program_id(name: str) -> None:
    """The Markdown report of an example profile names programs by their titles, never by their ids."""
    markdown = eligibility.report(PROFILES / name, "2026-11-30", fmt="markdown")
    assert program_ids_in_words(markdown) == []


def _section(text: str, header: str) -> list[str]:
    """The lines of a program's section of ``evaluate``'s text, after its header, up to the blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    section = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        section.append(line.strip())
    return section


def test_evaluate_text_says_why_a_listed_offer_does_not_qualify_for_gts_a(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The default text of a program that fails says what fails: here, the offer's occupation is on the list."""
    code, out, _ = cli(["evaluate", write_profile(tmp_path, LISTED_OFFER), "--as-of", "2026-03-01", "--program",
                        "gts/category-a"], capsys, monkeypatch)
    assert code == 0
    section = _section(out, "Global Talent Stream A: the offer does not qualify")
    assert any(line.startswith("\u2718") for line in section), section


def test_distance_does_not_ask_for_an_offer_when_the_certificate_suffices() -> None:
    """FST's distance on 2025-01-01 for a certified cook with no valid test names the language alone."""
    found = eligibility.distance(eligibility.profile_from_data(CERTIFIED_COOK), "2025-01-01", ["express-entry/fst"])
    assert [g.condition for g in found[0].gaps] == ["language"]


def test_distance_of_a_listed_offer_names_the_list_and_not_other_occupations() -> None:
    """GTS Category A's distance for an offer on the list names the listed-whole condition, and asks for no offer
    in 21210, 51120 or 52120."""
    found = eligibility.distance(eligibility.profile_from_data(LISTED_OFFER), "2026-03-01", ["gts/category-a"])
    gaps = found[0].gaps
    assert not any("needs NOC 21210" in g.needs or "needs NOC 51120" in g.needs for g in gaps)
    assert any("not-listed-whole" in g.condition for g in gaps)


def test_plan_cause_of_the_first_interval_names_only_what_fails() -> None:
    """The plan's first FST interval for the certified cook names the language test, not a job offer."""
    found = eligibility.plan(eligibility.profile_from_data(CERTIFIED_COOK), "2025-01-01", "2028-01-01",
                             programs=["express-entry/fst"])
    because = found.programs[0].intervals[0].because
    assert "no valid test result" in because
    assert "no job offer" not in because


def test_occupations_does_not_present_an_exclusion_list_as_including_the_code(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """``occupations 21231`` does not say Category A's rules include 21231 by the list that excludes it."""
    data = cli_json(["occupations", "21231", "--as-of", "2026-03-01"], capsys, monkeypatch)
    excluded = [e for e in data["programs"]
                if (e["program"], e["condition"]) == ("gts/category-a", "offer-listed-whole")]
    assert all(e["how"] != "listed" for e in excluded)


def _causes_of(programs: list[str]) -> list[str]:
    """Every cause of a later interval in the plan of Ayesha with $15,000 of funds, 2025-06-01 to 2026-12-01."""
    person = eligibility.what_if(AYESHA, {"funds_cad": 15000})
    found = eligibility.plan(person, "2025-06-01", "2026-12-01", programs=programs)
    return [i.because for p in found.programs for i in p.intervals[1:]]


def test_plan_md_example_of_a_closing_program_is_the_printed_one() -> None:
    """docs/plan.md's cause of a closing program is the one the plan of ontario/hcp-tech prints on 2026-05-30."""
    example = doc_match("plan.md", r"\| a program closes \| `([^`]+)` \|").group(1)
    assert any(wildcard(example).fullmatch(cause) for cause in _causes_of(["ontario/hcp-tech"]))
