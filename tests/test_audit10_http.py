"""audit10: the HTTP service's POST endpoints (in process, no socket) against the command line for the same bad and
good profiles: the same problem lines, the documented status codes, `expected` and `found` split from the
message, and a bad profile of a batch never stopping the others."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from typer.testing import CliRunner

from eligibility.cli import app as cli_app
from eligibility.documents import read_document
from eligibility.server.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
COOK = ROOT / "profiles" / "cook-in-canada.yaml"
DAY = "2026-03-01"
TYPES = {".yaml": "application/yaml", ".json": "application/json", ".toml": "application/toml"}


@pytest.fixture(scope="module")
def client() -> TestClient:
    """An in-process client of the service without an API key."""
    return TestClient(create_app())


@pytest.fixture(scope="module")
def lenient() -> TestClient:
    """An in-process client that answers a server error as the service does (500), instead of raising it."""
    return TestClient(create_app(), raise_server_exceptions=False)


def _cli_lines(path: Path, *args: str) -> tuple[int, list[str]]:
    """The exit code of `evaluate FILE` and its error lines without the file name."""
    result = CliRunner().invoke(cli_app, ["evaluate", str(path), "--as-of", DAY, *args])
    return result.exit_code, sorted(line.removeprefix(f"{path}: ") for line in result.stderr.splitlines())


def _http_lines(answer: Any, prefix: str) -> list[str]:
    """The `line` of each error of an answer, without '<request>: ' and with the profile's place made '$'."""
    out = []
    for error in answer.json()["errors"]:
        line = error["line"].removeprefix("<request>: ")
        out.append("$" + line.removeprefix(prefix) if line.startswith(prefix) else line)
    return sorted(out)


BAD_FILES: dict[str, str] = {
    "dates.yaml": "birth_date: 2026-02-30\nwork:\n  - {noc: \"63200\", country: CA, start: 2026-13-01, end: yesterday, "
                  "hours_per_week: 40}\n",
    "facts.yaml": "birth_date: 1990-01-01\nchildren: 31\nfunds_cad: -1\nwork:\n"
                  "  - {noc: \"6320\", country: CA, start: 2020-01-01, end: 2019-01-01, hours_per_week: 200}\n",
    "escape.yaml": 'marital_status: "sin\\e[31mgle\\u202e"\n',
    "zone.toml": "birth_date = 1990-01-01T10:00:00+05:00\nchildren = -1\n",
    "values.json": '{"birth_date": "1990-01-01", "intended_province": "Ontario", "work": [{"noc": "21239", '
                   '"country": "CA\\n", "start": "2019-01-01", "hours_per_week": 40}]}',
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_profile_gets_the_clis_lines_as_a_body_and_inside_json(name: str, tmp_path: Path,
                                                                     client: TestClient) -> None:
    """The same bad profile as a file on the command line (exit 2), as the whole body (YAML or TOML) and as the
    `profile` of a JSON request gives the same lines (the path under $.profile in a JSON request), with status
    422, each line printable."""
    path = tmp_path / name
    path.write_text(BAD_FILES[name], encoding="utf-8")
    code, cli = _cli_lines(path)
    assert code == 2 and cli
    if path.suffix != ".json":  # a JSON body is a request object, not a profile
        body = client.post(f"/v1/evaluate?as_of={DAY}", content=path.read_bytes(),
                           headers={"content-type": TYPES[path.suffix]})
        assert body.status_code == 422
        assert _http_lines(body, "$") == cli
        assert all(e["line"].isprintable() for e in body.json()["errors"])
    if path.suffix != ".toml":  # a TOML date and time has no JSON form
        inside = client.post("/v1/evaluate", json={"profile": read_document(path), "as_of": DAY})
        assert inside.status_code == 422
        assert _http_lines(inside, "$.profile") == cli
        assert all(e["line"].isprintable() for e in inside.json()["errors"])


@pytest.mark.parametrize("endpoint", ["/v1/evaluate", "/v1/crs", "/v1/plan", "/v1/report"])
def test_every_post_endpoint_refuses_a_bad_profile_alike(endpoint: str, client: TestClient) -> None:
    """evaluate, crs, plan and report answer 422 with the same error for the same bad profile."""
    answer = client.post(endpoint, content=b"birth_date: 2026-02-30\nchildren: 31\n",
                         headers={"content-type": "application/yaml"})
    assert answer.status_code == 422
    assert [(e["path"], e["expected"], e["found"]) for e in answer.json()["errors"]] == [
        ("$.birth_date", "a date YYYY-MM-DD", '"2026-02-30"'), ("$.children", "0 to 30", "31")]


@pytest.mark.parametrize(("body", "kind", "status", "line"), [
    (b"name: \xff\n", "application/yaml", 400, "$: expected UTF-8 text, found undecodable bytes"),
    (b"name: a\x00b\n", "application/yaml", 400, "line 1: not valid YAML: special characters are not allowed "
                                                 "(U+0000)"),
    (b"", "application/yaml", 422, "$: expected a mapping of keys to values, found null"),
    (b'{"profile": ' + b"[" * 40 + b"]" * 40 + b"}", "application/json", 400,
     "line 1: expected at most 32 levels of nesting, found more"),
    (b"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
     b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
     b"f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
     "application/yaml", 400, "$: expected at most 100,000 values in a file, found more"),
    (b'{"profile": {"name": "a", "name": "b"}}', "application/json", 400,
     "$.profile.name: duplicate key: a key may appear only once in a mapping"),
], ids=["Latin-1", "NUL", "empty", "deep", "billion laughs", "key twice"])
def test_hostile_bodies_get_one_line(body: bytes, kind: str, status: int, line: str, client: TestClient) -> None:
    """Bodies that cannot be read are refused with the documented status and one line, without a traceback."""
    answer = client.post(f"/v1/evaluate?as_of={DAY}" if kind != "application/json" else "/v1/evaluate",
                         content=body, headers={"content-type": kind})
    assert answer.status_code == status
    assert [e["line"] for e in answer.json()["errors"]] == [f"<request>: {line}"]
    assert "Traceback" not in answer.text


def test_a_toml_profile_gets_the_clis_answer(tmp_path: Path, client: TestClient) -> None:
    """The cook written in TOML (job_offer and spouse "none") gets the same evaluation over HTTP as from the
    command line, and the same as the YAML file: CEC eligible on 2026-03-01."""
    toml = ('name = "Marco Rossi"\nbirth_date = 1992-11-03\nmarital_status = "single"\nintended_province = "BC"\n'
            'children = 0\nfunds_cad = 9000\njob_offer = "none"\nspouse = "none"\nprovincial_nomination = "none"\n'
            "certificates_of_qualification = []\nrelatives_in_canada = []\n"
            '[[education]]\nlevel = "two_year"\nyears = 2\ncountry = "IT"\ncompleted = 2012-06-30\n'
            '[[language_tests]]\ntest = "celpip_general"\ntaken = 2025-09-20\nlistening = 6\nreading = 5\n'
            "writing = 5\nspeaking = 6\n"
            '[[work]]\ntitle = "Line cook"\nemployer = "Harbour Bistro"\nnoc = "63200"\ncountry = "CA"\n'
            'province = "BC"\nstart = 2023-04-01\nhours_per_week = 40\nauthorized = true\n'
            '[[work]]\ntitle = "Cook"\nemployer = "Trattoria Roma"\nnoc = "63200"\ncountry = "IT"\n'
            "start = 2016-03-01\nend = 2023-02-28\nhours_per_week = 45\n")
    path = tmp_path / "cook.toml"
    path.write_text(toml, encoding="utf-8")
    result = CliRunner().invoke(cli_app, ["evaluate", str(path), "--as-of", DAY, "--format", "json"])
    assert result.exit_code == 0, result.output
    cli = json.loads(result.stdout)
    answer = client.post(f"/v1/evaluate?as_of={DAY}", content=toml.encode(),
                         headers={"content-type": "application/toml"})
    assert answer.status_code == 200
    http = answer.json()
    verdicts = {p["id"]: p["verdict"] for p in http["programs"]}
    assert verdicts == {p["id"]: p["verdict"] for p in cli["programs"]}
    assert verdicts["express-entry/cec"] == "eligible"
    yaml = json.loads(CliRunner().invoke(cli_app, ["evaluate", str(COOK), "--as-of", DAY, "--format",
                                                   "json"]).stdout)
    assert verdicts == {p["id"]: p["verdict"] for p in yaml["programs"]}


# --- faults -------------------------------------------------------------------------------------------------


def test_found_is_the_value_found_without_the_suggestion(client: TestClient) -> None:
    """marital_status: singel is answered with expected 'one of single, ...' and found '"singel"' alone (the
    suggestion stays in `message` and `line`)."""
    answer = client.post("/v1/evaluate", json={"profile": {"marital_status": "singel"}, "as_of": DAY})
    [error] = answer.json()["errors"]
    assert error["line"].endswith("did you mean 'single'?")
    assert error["found"] == '"singel"'


@pytest.mark.parametrize("bad", [{"funds_cad": 1e16}, {"name": "x" * 10_001}], ids=["huge number", "long text"])
def test_one_profile_over_a_bound_never_stops_a_batch(bad: dict[str, Any], client: TestClient) -> None:
    """A batch of a good profile and one over a documented bound answers 200: row 0 has its verdicts, row 1 its
    error under $.profiles[1]."""
    answer = client.post("/v1/batch", json={"profiles": [{"name": "ok", "marital_status": "single"}, bad],
                                            "as_of": DAY, "verdicts_only": True})
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert "verdicts" in rows[0]
    assert rows[1]["errors"][0]["path"].startswith("$.profiles[1].")


def test_a_profile_over_a_bound_is_a_profile_problem(client: TestClient) -> None:
    """{"profile": {"funds_cad": 1e16}} is valid JSON holding a bad profile: 422, path $.profile.funds_cad."""
    answer = client.post("/v1/evaluate", json={"profile": {"funds_cad": 1e16}, "as_of": DAY})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "$.profile.funds_cad"


def test_declarations_come_with_the_other_problems_over_http(tmp_path: Path, client: TestClient) -> None:
    """A bad date, a misspelled key and an unknown declaration: the command line prints the three lines, and the
    service answers the same three."""
    text = ("birth_date: 1990-13-01\nbrith_date: 1990-01-01\ndeclarations: {crs_scor: 400}\n")
    path = tmp_path / "all.yaml"
    path.write_text(text, encoding="utf-8")
    code, cli = _cli_lines(path)
    assert code == 2 and len(cli) == 3
    answer = client.post(f"/v1/evaluate?as_of={DAY}", content=text.encode(),
                         headers={"content-type": "application/yaml"})
    assert answer.status_code == 422
    assert _http_lines(answer, "$") == cli


def test_the_page_refuses_an_upload_that_is_not_utf8(client: TestClient) -> None:
    """Uploading a file with the Latin-1 byte 0xE9 shows the error 'expected UTF-8 text', not a report."""
    answer = client.post("/", data={"as_of": DAY, "kind": "yaml"},
                         files={"file": ("p.yaml", b"name: Jos\xe9\nmarital_status: single\n", "text/plain")})
    assert answer.status_code == 200
    assert "expected UTF-8 text" in answer.text
    assert "\ufffd" not in answer.text


def test_every_problem_of_a_request_comes_at_once(client: TestClient) -> None:
    """A misspelled key, a bad as_of and a profile with a bad date are answered together (422, three errors)."""
    answer = client.post("/v1/evaluate", json={"profile": {"birth_date": "2026-02-30"}, "as_of": "2026-13-01",
                                               "progams": []})
    assert answer.status_code == 422
    assert sorted(e["line"] for e in answer.json()["errors"]) == sorted([
        "<request>: $.progams: unknown key; did you mean 'programs'?",
        '<request>: $.as_of: expected a date YYYY-MM-DD, found "2026-13-01"',
        '<request>: $.profile.birth_date: expected a date YYYY-MM-DD, found "2026-02-30"'])


@pytest.mark.parametrize(("endpoint", "body", "path"), [
    ("/v1/crs", {"as_of": "9999-12-31", "improve": True}, "$.as_of"),
    ("/v1/plan", {"from": "9999-01-01"}, "$.from"),
    ("/v1/report", {"as_of": "9999-12-31"}, "$.as_of"),
], ids=["crs improve", "plan", "report"])
def test_a_date_at_the_end_of_the_calendar_is_a_request_problem(endpoint: str, body: dict[str, Any], path: str,
                                                                 lenient: TestClient) -> None:
    """A request dated 9999 is answered (200) or refused as a request problem (422 naming the date), never 500."""
    answer = lenient.post(endpoint, json={"profile": {"name": "x", "marital_status": "single"}, **body})
    assert answer.status_code in (200, 422)
    if answer.status_code == 422:
        assert answer.json()["errors"][0]["path"] == path


# --- fix10: the fixes above, from other sides -------------------------------------------------------------


def test_a_yaml_profile_over_a_bound_is_a_profile_problem(client: TestClient) -> None:
    """A YAML body with funds of 1e16 is a profile with a bad value: 422, one line as the command line words it."""
    answer = client.post(f"/v1/evaluate?as_of={DAY}", content=b"funds_cad: 1.0e16\n",
                         headers={"content-type": "application/yaml"})
    assert answer.status_code == 422
    assert [e["line"] for e in answer.json()["errors"]] == [
        "<request>: $.funds_cad: expected a number of magnitude below 10^15, found 1e+16"]


def test_a_batch_row_over_a_bound_is_that_rows_error(client: TestClient) -> None:
    """In a full batch (not verdicts only), the row with funds of 1e16 has its one error and the others their
    results: 200, failed 1 of 3."""
    good = {"name": "ok", "marital_status": "single"}
    answer = client.post("/v1/batch", json={"profiles": [good, {"funds_cad": 1e16}, good], "as_of": DAY})
    assert answer.status_code == 200
    data = answer.json()
    assert (data["count"], data["failed"]) == (3, 1)
    assert [e["line"] for e in data["results"][1]["errors"]] == [
        "<request>: $.profiles[1].funds_cad: expected a number of magnitude below 10^15, found 1e+16"]
    assert "result" in data["results"][0] and "result" in data["results"][2]


def test_a_value_over_a_bound_outside_the_profile_stays_a_body_problem(client: TestClient) -> None:
    """A request key of 201 characters is no profile's: the body is refused (400) at its place."""
    answer = client.post("/v1/evaluate", json={"profile": {}, "k" * 201: 1})
    assert answer.status_code == 400
    assert [e["path"] for e in answer.json()["errors"]] == ["$"]


def test_every_problem_of_a_plan_request_comes_at_once(client: TestClient) -> None:
    """A plan with a bad `from`, a misspelled program and 31 children: 422 with the three lines."""
    answer = client.post("/v1/plan", json={"profile": {"children": 31}, "from": "2026-02-30",
                                           "programs": ["express-entry/cek"]})
    assert answer.status_code == 422
    assert sorted(e["line"] for e in answer.json()["errors"]) == sorted([
        '<request>: $.from: expected a date YYYY-MM-DD, found "2026-02-30"',
        "<request>: $.programs: unknown program 'express-entry/cek'; did you mean 'express-entry/cec'?",
        "<request>: $.profile.children: expected 0 to 30, found 31"])


def test_an_unknown_program_alone_is_still_404(client: TestClient) -> None:
    """With nothing else wrong, an unknown program id is 404, as http.md gives."""
    answer = client.post("/v1/evaluate", json={"profile": {}, "programs": ["express-entry/cek"], "as_of": DAY})
    assert answer.status_code == 404


def test_declarations_come_with_the_other_problems_in_json_and_a_batch(client: TestClient) -> None:
    """An unknown declaration and 31 children, in a JSON request and in a batch row: both lines together."""
    profile = {"children": 31, "declarations": {"crs_scor": 400}}
    lines = ["$.children: expected 0 to 30, found 31",
             "$.declarations.crs_scor: unknown declaration: no rule reads it; did you mean 'crs_score'?"]
    answer = client.post("/v1/evaluate", json={"profile": profile, "as_of": DAY})
    assert answer.status_code == 422
    assert _http_lines(answer, "$.profile") == lines
    batch = client.post("/v1/batch", json={"profiles": [profile], "as_of": DAY})
    assert sorted(e["line"] for e in batch.json()["results"][0]["errors"]) == [
        f"<request>: $.profiles[0]{line.removeprefix('$')}" for line in lines]


@pytest.mark.parametrize(("day", "status"), [("1899-12-31", 422), ("1900-01-01", 200), ("2199-12-31", 200),
                                             ("2200-01-01", 422)])
def test_a_request_date_is_within_the_profiles_calendar(day: str, status: int, client: TestClient) -> None:
    """as_of from 1900-01-01 to 2199-12-31 is answered; a day outside is refused naming the range."""
    answer = client.post("/v1/evaluate", json={"profile": {"marital_status": "single"}, "as_of": day,
                                               "programs": ["express-entry/cec"]})
    assert answer.status_code == status
    if status == 422:
        assert [e["line"] for e in answer.json()["errors"]] == [
            f"<request>: $.as_of: expected a date from 1900-01-01 to 2199-12-31, found {day}"]


def test_the_page_names_the_undecodable_byte(client: TestClient) -> None:
    """The Latin-1 0xE9 of 'Jos\\xe9' is the 10th byte of the upload (byte 9 counted from 0)."""
    answer = client.post("/", data={"as_of": DAY, "kind": "yaml"},
                         files={"file": ("p.yaml", b"name: Jos\xe9\n", "text/plain")})
    assert "$: expected UTF-8 text, found undecodable bytes at byte 9" in answer.text
