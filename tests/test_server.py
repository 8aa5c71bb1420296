"""The HTTP service: every endpoint and error code, the same JSON as the command line, safe defaults."""

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
from eligibility.errors import UsageError
from eligibility.server import is_loopback, serve
from eligibility.server.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
AYESHA = ROOT / "profiles" / "ayesha-software-engineer.yaml"
KEY = "s3cret-key-for-tests"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """An in-process client of the service without an API key."""
    return TestClient(create_app())


@pytest.fixture(scope="module")
def keyed() -> TestClient:
    """An in-process client of the service with an API key."""
    return TestClient(create_app(api_key=KEY))


def _cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli_app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _profile(path: Path = AYESHA) -> dict[str, Any]:
    data: dict[str, Any] = read_document(path)
    return data


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_evaluate_equals_cli_json(client: TestClient, path: Path) -> None:
    """POST /v1/evaluate answers exactly the JSON of `eligibility evaluate --format json` for each example."""
    answer = client.post("/v1/evaluate", json={"profile": _profile(path), "as_of": "2026-03-01"})
    assert answer.status_code == 200
    assert answer.json() == _cli_json("evaluate", str(path), "--as-of", "2026-03-01", "--format", "json")


def test_evaluate_yaml_and_toml_bodies(client: TestClient) -> None:
    """A profile sent as YAML or TOML text, with options as query parameters, gives the JSON body's answer."""
    as_json = client.post("/v1/evaluate", json={"profile": _profile(), "as_of": "2025-06-01",
                                                "programs": ["express-entry/fsw"]}).json()
    as_yaml = client.post("/v1/evaluate", content=AYESHA.read_bytes(), params={"as_of": "2025-06-01",
                                                                               "program": "express-entry/fsw"},
                          headers={"content-type": "application/yaml"})
    assert as_yaml.status_code == 200
    assert as_yaml.json() == as_json
    assert [p["id"] for p in as_json["programs"]] == ["express-entry/fsw"]
    toml = 'birth_date = "1990-01-01"\nmarital_status = "single"\n'
    answer = client.post("/v1/evaluate", content=toml.encode(), params={"as_of": "2025-06-01"},
                         headers={"content-type": "application/toml"})
    assert answer.status_code == 200
    assert answer.json()["as_of"] == "2025-06-01"


def test_bad_syntax_is_400(client: TestClient) -> None:
    """A body that is not valid JSON is 400 with a one-line problem, no traceback."""
    answer = client.post("/v1/evaluate", content=b'{"profile": ', headers={"content-type": "application/json"})
    assert answer.status_code == 400
    (error,) = answer.json()["errors"]
    assert "not valid JSON" in error["message"]
    assert "Traceback" not in answer.text


def test_profile_problems_are_422_all_at_once(client: TestClient) -> None:
    """Every problem of a profile comes back at once, with its path under $.profile and expected / found."""
    profile = {**_profile(), "brith_date": "1990-01-01", "funds_cad": "lots"}
    answer = client.post("/v1/evaluate", json={"profile": profile})
    assert answer.status_code == 422
    errors = {e["path"]: e for e in answer.json()["errors"]}
    assert set(errors) == {"$.profile.brith_date", "$.profile.funds_cad"}
    assert "did you mean 'birth_date'" in errors["$.profile.brith_date"]["message"]
    assert errors["$.profile.funds_cad"]["expected"] == "a number"
    assert errors["$.profile.funds_cad"]["found"] == '"lots"'


def test_request_keys_and_dates_are_checked(client: TestClient) -> None:
    """Unknown request keys, a missing profile and a bad date are 422 naming the field, all at once."""
    answer = client.post("/v1/evaluate", json={"profil": {}, "as_of": "2025-13-01"})
    assert answer.status_code == 422
    paths = {e["path"] for e in answer.json()["errors"]}
    assert paths == {"$.profil", "$.profile", "$.as_of"}
    answer = client.post("/v1/evaluate", json={"profile": _profile(), "as_of": "2025-13-01"})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["path"] == "$.as_of"


def test_unknown_program_is_404_with_did_you_mean(client: TestClient) -> None:
    """An unknown program id is 404 with a "did you mean", in a request and in the path."""
    answer = client.post("/v1/evaluate", json={"profile": _profile(), "programs": ["express-entry/cek"]})
    assert answer.status_code == 404
    assert "did you mean 'express-entry/cec'" in answer.json()["errors"][0]["message"]
    answer = client.get("/v1/programs/express-entry/fsx")
    assert answer.status_code == 404
    assert "did you mean 'express-entry/fsw'" in answer.json()["errors"][0]["message"]


def test_body_over_1_mib_is_413(client: TestClient) -> None:
    """A body over 1 MiB is refused with 413 before it is parsed."""
    answer = client.post("/v1/evaluate", content=b" " * (1024 * 1024 + 1), headers={"content-type": "application/json"})
    assert answer.status_code == 413
    assert "at most 1,048,576 bytes" in answer.json()["errors"][0]["message"]


def test_unsupported_content_type_is_415(client: TestClient) -> None:
    """A body of another media type is 415, naming the accepted ones."""
    answer = client.post("/v1/evaluate", content=b"x", headers={"content-type": "text/csv"})
    assert answer.status_code == 415
    assert "application/yaml" in answer.json()["errors"][0]["message"]


def test_batch_keeps_good_rows_and_reports_bad_ones(client: TestClient) -> None:
    """A batch answers each row: verdicts for good rows, errors for bad ones, counts of both."""
    rows = [{**_profile(), "id": "A-1"}, {"birth_date": "1990-02-30"}, _profile()]
    answer = client.post("/v1/batch", json={"profiles": rows, "as_of": "2025-06-01", "verdicts_only": True,
                                            "programs": ["express-entry/fsw"]})
    assert answer.status_code == 200
    body = answer.json()
    assert (body["count"], body["failed"]) == (3, 1)
    first, bad, third = body["results"]
    assert first["id"] == "A-1" and first["verdicts"] == {"express-entry/fsw": "eligible"}
    assert "result" not in first
    assert bad["errors"][0]["path"] == "$.profiles[1].birth_date"
    assert third["verdicts"] == first["verdicts"]


def test_batch_rows_carry_the_crs_total_with_or_without_results(client: TestClient) -> None:
    """Each good batch row carries the CRS total, as `eligibility batch` lines do: Ayesha's 413 on 2026-11-30 (age 32
    = 94, bachelor's 120, CLB 9 x 4 = 124, transferability 25 + 50), the same whether the rows carry their results
    or verdicts only; null when an unknown fact (her provincial nomination not stated) leaves the range 413..1013."""
    unstated = _profile()
    unstated.pop("provincial_nomination")
    rows = [_profile(), unstated]
    full, fast = (client.post("/v1/batch", json={"profiles": rows, "as_of": "2026-11-30", "verdicts_only": only}).json()
                  for only in (False, True))
    assert [r["crs"] for r in full["results"]] == [r["crs"] for r in fast["results"]] == [413, None]
    assert [r["result"]["crs"]["total"] for r in full["results"]] == [413, None]
    assert [set(r) for r in fast["results"]] == [{"index", "verdicts", "crs"}] * 2
    assert [r["verdicts"] for r in fast["results"]] == [r["verdicts"] for r in full["results"]]
    assert fast["results"][0]["verdicts"]["express-entry/fsw"] == "eligible"


def test_batch_refuses_more_than_1000(client: TestClient) -> None:
    """More than 1,000 profiles in one batch is 422."""
    answer = client.post("/v1/batch", json={"profiles": [{}] * 1001})
    assert answer.status_code == 422
    assert "at most 1000 profiles, found a list of 1001" in answer.json()["errors"][0]["message"]


def test_programs_equal_cli(client: TestClient) -> None:
    """GET /v1/programs and /v1/programs/{id} answer the JSON of `programs` and `explain`."""
    assert client.get("/v1/programs", params={"as_of": "2026-03-01"}).json() == _cli_json(
        "programs", "--as-of", "2026-03-01", "--format", "json")
    assert client.get("/v1/programs/express-entry/cec", params={"as_of": "2026-03-01"}).json() == _cli_json(
        "explain", "express-entry/cec", "--as-of", "2026-03-01", "--format", "json")


def test_noc_endpoints(client: TestClient) -> None:
    """NOC search finds software engineers; show gives the unit group; an unknown code is 404 with hints."""
    hits = client.get("/v1/noc/search", params={"q": "software engineer"}).json()["hits"]
    assert hits[0]["code"] == "21231"
    shown = client.get("/v1/noc/21231").json()
    assert (shown["code"], shown["teer"]) == ("21231", 1)
    answer = client.get("/v1/noc/2123")
    assert answer.status_code == 404
    assert "did you mean" in answer.json()["errors"][0]["message"]
    assert client.get("/v1/noc/search", params={"q": " "}).status_code == 422


def test_health_and_openapi(client: TestClient) -> None:
    """The health probe answers; the OpenAPI document names the shared profile and result schemas."""
    health = client.get("/healthz").json()
    assert health["status"] == "ok" and len(health["rulesets_sha256"]) == 64
    doc = client.get("/openapi.json").json()
    assert {"Profile", "Evaluation", "EvaluateRequest", "Errors"} <= set(doc["components"]["schemas"])
    assert {"/v1/evaluate", "/v1/batch", "/v1/programs", "/v1/noc/search", "/healthz"} <= set(doc["paths"])


def test_unknown_path_is_json_404(client: TestClient) -> None:
    """An unknown path answers JSON errors, not HTML."""
    answer = client.get("/v1/nothing")
    assert answer.status_code == 404
    assert answer.json()["errors"][0]["path"] == "$"


def test_api_key_required_when_set(keyed: TestClient) -> None:
    """With a key, a request without it or with a wrong one is 401; with it, 200; the probe stays open."""
    assert keyed.get("/v1/programs").status_code == 401
    assert keyed.get("/v1/programs", headers={"authorization": "Bearer wrong"}).status_code == 401
    assert keyed.get("/v1/programs", headers={"authorization": f"Bearer {KEY}"}).status_code == 200
    assert keyed.get("/").status_code == 401
    assert keyed.get("/healthz").status_code == 200


def test_serve_refuses_public_address_without_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """`serve --host 0.0.0.0` without ELIGIBILITY_API_KEY is refused before anything listens."""
    monkeypatch.delenv("ELIGIBILITY_API_KEY", raising=False)
    with pytest.raises(UsageError, match="without an API key"):
        serve("0.0.0.0", 8080)
    result = CliRunner().invoke(cli_app, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code != 0


def test_loopback_addresses() -> None:
    """Only loopback addresses count as loopback."""
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")


def test_page_shows_result_and_errors(client: TestClient) -> None:
    """The page evaluates an uploaded profile, and shows a bad profile's problems beside the text."""
    page = client.get("/")
    assert page.status_code == 200 and "<form" in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    with AYESHA.open("rb") as f:
        answer = client.post("/", files={"file": (AYESHA.name, f)}, data={"as_of": "2025-06-01", "kind": "yaml"})
    assert answer.status_code == 200
    assert 'id="answer"' in answer.text and "Federal Skilled Worker" in answer.text
    assert "Evaluate another profile" in answer.text and "data:application/json;base64," in answer.text
    answer = client.post("/", data={"as_of": "2025-06-01", "kind": "yaml", "profile": "brith_date: 1990-01-01\n"})
    assert answer.status_code == 200
    assert 'role="alert"' in answer.text and "did you mean &#x27;birth_date&#x27;" in answer.text


def test_report_endpoint_html_and_markdown(client: TestClient) -> None:
    """POST /v1/report answers the client report: HTML by default, Markdown when Accept asks for it."""
    body = {"profile": _profile(), "as_of": "2025-06-01"}
    page = client.post("/v1/report", json=body)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<section id="answer"' in page.text and "<svg" in page.text
    text = client.post("/v1/report", json=body, headers={"accept": "text/markdown"})
    assert text.headers["content-type"].startswith("text/markdown")
    assert text.text.startswith("# Eligibility of Ayesha Khan on 2025-06-01")


def test_crs_plan_and_draws_equal_the_cli(client: TestClient) -> None:
    """POST /v1/crs, POST /v1/plan and GET /v1/draws answer the JSON of `crs`, `plan` and `draws`."""
    path = ROOT / "profiles" / "cook-in-canada.yaml"
    crs = client.post("/v1/crs", json={"profile": _profile(path), "as_of": "2026-03-01"})
    assert crs.status_code == 200
    assert crs.json() == _cli_json("crs", str(path), "--as-of", "2026-03-01", "--format", "json")
    plan = client.post("/v1/plan", json={"profile": _profile(path), "from": "2026-03-01", "until": "2026-09-01"})
    assert plan.status_code == 200
    assert plan.json() == _cli_json("plan", str(path), "--from", "2026-03-01", "--until", "2026-09-01",
                                    "--format", "json")
    draws = client.get("/v1/draws", params={"since": "2026-06-01"})
    assert draws.json() == _cli_json("draws", "--since", "2026-06-01", "--format", "json")
    bad = client.post("/v1/plan", json={"profile": _profile(path), "from": "2026-03-01", "until": "2026-01-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["path"] == "$.until"
