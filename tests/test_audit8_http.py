"""audit8: the HTTP service gives the command line's answers for the same inputs (in process, no socket), on
each side of the 2026-02-18 trades list, and refuses a NOC code as the command line does."""

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
DAYS = ("2026-02-17", "2026-02-18")


@pytest.fixture(scope="module")
def client() -> TestClient:
    """An in-process client of the service without an API key."""
    return TestClient(create_app())


def _cli(*args: str) -> str:
    result = CliRunner().invoke(cli_app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _cook() -> dict[str, Any]:
    data: dict[str, Any] = read_document(COOK)
    return data


@pytest.mark.parametrize("day", DAYS)
def test_evaluate_crs_and_plan_are_the_clis(client: TestClient, day: str) -> None:
    """POST /v1/evaluate, /v1/crs and /v1/plan answer the JSON of `evaluate`, `crs` and `plan --format json`;
    the cook is in the trades category on 2026-02-17 and not on 2026-02-18, with 221 points on both days."""
    evaluation = client.post("/v1/evaluate", json={"profile": _cook(), "as_of": day}).json()
    assert evaluation == json.loads(_cli("evaluate", str(COOK), "--as-of", day, "--format", "json"))
    trades = next(p for p in evaluation["programs"] if p["id"] == "category/trades")
    assert trades["verdict"] == ("eligible" if day == DAYS[0] else "not_eligible")
    crs = client.post("/v1/crs", json={"profile": _cook(), "as_of": day}).json()
    assert crs == json.loads(_cli("crs", str(COOK), "--as-of", day, "--format", "json"))
    assert crs["total"] == 221
    plan = client.post("/v1/plan", json={"profile": _cook(), "from": day}).json()
    assert plan == json.loads(_cli("plan", str(COOK), "--from", day, "--format", "json"))


@pytest.mark.parametrize("day", DAYS)
def test_the_markdown_report_is_the_clis(client: TestClient, day: str) -> None:
    """POST /v1/report with Accept: text/markdown is `report --format markdown`, byte for byte but the end."""
    answer = client.post("/v1/report", json={"profile": _cook(), "as_of": day}, headers={"accept": "text/markdown"})
    assert answer.status_code == 200
    assert answer.text.strip() == _cli("report", str(COOK), "--as-of", day, "--format", "markdown").strip()


def test_a_converted_2016_code_over_http(client: TestClient) -> None:
    """A job written with NOC 2016 6322 is read as 63200 over HTTP too: trades eligible on 2026-02-17."""
    data = _cook()
    data["work"] = [{**{k: v for k, v in job.items() if k != "noc"}, "noc_2016": "6322"} for job in data["work"]]
    answer = client.post("/v1/evaluate", json={"profile": data, "as_of": DAYS[0], "programs": ["category/trades"]})
    assert [(p["id"], p["verdict"]) for p in answer.json()["programs"]] == [("category/trades", "eligible")]


def test_a_2016_code_over_http_is_pointed_to_its_conversion(client: TestClient) -> None:
    """GET /v1/noc/6322 is refused (404) with the way to its NOC 2021 successor, not with unrelated codes."""
    answer = client.get("/v1/noc/6322")
    assert answer.status_code == 404
    line = answer.json()["errors"][0]["line"]
    assert "convert" in line or "63200" in line
    assert "63220" not in line


def test_noc_show_over_http_is_the_clis(client: TestClient) -> None:
    """GET /v1/noc/21231 answers the JSON of `noc show 21231 --format json`, sections included."""
    answer = client.get("/v1/noc/21231")
    assert answer.status_code == 200
    assert answer.json() == json.loads(_cli("noc", "show", "21231", "--format", "json"))
