"""The other side of the edges of the audit14 faults fixed by fix14: the 10-year bound of an HTTP plan by the
calendar (29 February included), the errors record of every bad batch row, click's usage errors in one line, a TEF
Canada refusal naming the test once, an unquoted code in the profile schema, and the bounds table's rows."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility import language
from eligibility.rulebook.bounds import FIELD_BOUNDS
from tests.test_audit14_support import COOK, cli, doc_match


def _client() -> Any:
    pytest.importorskip("fastapi")
    from eligibility.server.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient(create_app())


def _plan(client: Any, start: str, until: str) -> Any:
    return client.post("/v1/plan", json={"profile": {"birth_date": "1990-01-01", "marital_status": "single"},
                                         "from": start, "until": until, "programs": ["express-entry/cec"]})


def test_http_plan_of_ten_years_is_counted_by_the_calendar() -> None:
    """10 years from 2024-01-01 is 2034-01-01 (3,653 days, three 29 Februaries): answered; 2025-01-01 to 2035-01-02
    is also 3,653 days but a day more than 10 years (two 29 Februaries): refused at ``$.until``."""
    client = _client()
    assert _plan(client, "2024-01-01", "2034-01-01").status_code == 200
    refused = _plan(client, "2025-01-01", "2035-01-02")
    assert refused.status_code == 422
    assert [e["path"] for e in refused.json()["errors"]] == ["$.until"]


def test_http_plan_from_29_february_may_run_to_28_february_ten_years_on() -> None:
    """From 2024-02-29, 10 years on is 2034-02-28 (2034 has no 29 February; the same day of the month, clamped, as
    a plan's default 3 years): until 2034-02-28 is answered, until 2034-03-01 refused with the bound's words."""
    client = _client()
    assert _plan(client, "2024-02-29", "2034-02-28").status_code == 200
    refused = _plan(client, "2024-02-29", "2034-03-01")
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["path"] == "$.until"
    assert "expected a day after 2024-02-29 and at most 10 years later, found 2034-03-01" in error["line"]


def _error_records(tmp_path: Path, lines: list[str], capsys: pytest.CaptureFixture[str],
                   monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    source = tmp_path / "clients.jsonl"
    source.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    code, _, _ = cli(["batch", source, "--out", tmp_path / "results.jsonl", "--as-of", "2026-11-30",
                      "--workers", "1"], capsys, monkeypatch)
    assert code == 2
    text = (tmp_path / "results.errors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_batch_errors_records_list_every_problem_of_the_row(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A line that is not JSON (NaN) has one problem, listed in ``errors``; a row with a bad date and a bad number
    of children lists both, ``error`` being the first."""
    nan, two = _error_records(tmp_path, ['{"funds_cad": NaN}',
                                         '{"birth_date": "1990-13-01", "children": "two"}'], capsys, monkeypatch)
    assert nan["line"] == 1 and nan["error"].startswith("line 1: $: not valid JSON")
    assert nan["errors"] == [nan["error"]]
    assert two["line"] == 2 and len(two["errors"]) == 2 and two["error"] == two["errors"][0]
    assert two["errors"][0] == 'line 2: $.birth_date: expected a date YYYY-MM-DD, found "1990-13-01"'
    assert two["errors"][1].startswith("line 2: $.children: expected a whole number")


@pytest.mark.parametrize(("argv", "line"), [
    (["evaluate", COOK, "--bogus"], "No such option: --bogus (see 'eligibility evaluate --help')"),
    (["evaluate"], "Missing argument 'profiles' (see 'eligibility evaluate --help')"),
    (["evalute"], "No such command 'evalute'. Did you mean 'evaluate'? (see 'eligibility --help')"),
    (["report", COOK, "--format", "json"],
     "Invalid value for '--format' / '-f': 'json' is not one of 'html', 'markdown' (see 'eligibility report --help')"),
])
def test_every_usage_error_is_one_line_with_exit_code_2(argv: list[Any], line: str, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """An unknown option or command, a missing argument and a format ``report`` cannot print: one line, exit 2
    (the command's name is click's name of the program: ``eligibility`` when installed, another under pytest)."""
    code, out, err = cli(argv, capsys, monkeypatch)
    assert (code, out) == (2, "")
    assert re.fullmatch(re.escape(line).replace("'eligibility", "'(?:.* )?\\S*eligibility") + "\n", err), err


def test_a_command_line_with_no_command_still_prints_the_help(capsys: pytest.CaptureFixture[str],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``eligibility`` alone is no mistake to put in one line: it prints the help (on standard output, as before),
    naming the commands."""
    code, out, _ = cli([], capsys, monkeypatch)
    assert code == 2
    assert "Usage:" in out and "evaluate" in out and "occupations" in out and len(out.splitlines()) > 10


def test_a_format_the_command_can_print_is_printed(capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``evaluate --format markdown`` (a format evaluate prints) exits 0 with the Markdown and nothing on stderr."""
    code, out, err = cli(["evaluate", COOK, "--as-of", "2026-03-01", "--format", "markdown"], capsys, monkeypatch)
    assert (code, err) == (0, "") and out.startswith("#")


def test_diff_program_help_is_worded_as_the_other_commands() -> None:
    """``diff --program`` says what ``evaluate --program`` says."""
    import typer

    from eligibility.cli import app

    group = typer.main.get_command(app)
    context = group.context_class(group)

    def program_help(name: str) -> str:
        command = group.get_command(context, name)  # type: ignore[attr-defined]
        return str(next(p for p in command.params if p.name == "program").help)

    assert program_help("diff") == program_help("evaluate") == "Only these program ids."


@pytest.mark.parametrize(("ability", "score", "said"), [
    ("writin", 440, "TEF Canada unknown ability 'writin'; did you mean 'writing'?"),
    ("writing", 1000, "TEF Canada writing score 1000: expected a whole-number score on the TEF scale used from "
                      "2023-12-11 from 0 to 699"),
])
def test_tef_canada_refusals_with_a_date_name_the_test_once(ability: str, score: float, said: str) -> None:
    """With a test date, an unknown ability or a score the scale cannot give is refused naming TEF Canada once
    (the scale of 2023-12-11 on: writing 0 to 699)."""
    import datetime as dt

    with pytest.raises(ValueError) as refused:
        language.test_kind("tef_canada").level(ability, score, dt.date(2025, 1, 15))
    assert str(refused.value) == said


def test_tef_canada_without_a_date_names_the_test_once() -> None:
    """Without a test date TEF Canada's refusal names it once and says there are 3 scales."""
    with pytest.raises(ValueError) as refused:
        language.test_kind("tef_canada").level("writing", 440)
    assert str(refused.value) == ("TEF Canada scores depend on the test date (3 scales): give the date the test "
                                  "was taken")


def test_profile_schema_codes_are_text_or_whole_numbers(capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A quoted code, and an unquoted one in an offer's noc and a certificate's, validate; ``noc: true`` is refused
    by the schema as by the loader ("expected text, found true"); a name written as a number is not a code."""
    jsonschema = pytest.importorskip("jsonschema")
    code, out, _ = cli(["schema"], capsys, monkeypatch)
    assert code == 0
    validator = jsonschema.Draft202012Validator(json.loads(out))
    job = {"noc": "21231", "country": "CA", "start": "2020-01-01", "end": "2021-01-01", "hours_per_week": 40}
    base = {"birth_date": "1990-01-01", "marital_status": "single"}
    assert list(validator.iter_errors({**base, "work": [job]})) == []
    unquoted = {**base, "job_offer": {"noc": 63200, "province": "BC", "hours_per_week": 40},
                "certificates_of_qualification": [{"noc": 72410, "issued_by": "BC", "issued": "2023-01-01"}]}
    assert list(validator.iter_errors(unquoted)) == []
    flag = {**base, "work": [{**job, "noc": True}]}
    assert [e.json_path for e in validator.iter_errors(flag)] == ["$.work[0].noc"]
    with pytest.raises(eligibility.EligibilityError, match=r"\$\.work\[0\]\.noc: expected text, found true"):
        eligibility.profile_from_data(flag)
    assert list(validator.iter_errors({**base, "name": 12})) != []


def test_ruleset_language_md_bounds_of_the_other_named_fields_are_the_checked_ones() -> None:
    """The bounds table's rows of an amounts table's ``each_additional`` and of ``at_least`` are those checked."""
    def top(row_start: str) -> tuple[float, float]:
        found = doc_match("ruleset-language.md", rf"^\| {re.escape(row_start)}.*\| ([\d,]+) to ([\d,]+) \|$",
                          re.MULTILINE)
        return float(found.group(1).replace(",", "")), float(found.group(2).replace(",", ""))

    assert FIELD_BOUNDS["each_additional"] == top("`min_wage_annual`") == (0, 100_000_000)
    assert FIELD_BOUNDS["n"] == top("`at_least`") == (0, 1000)
