"""The web page in a real headless Chromium: upload a profile and read the result; a bad profile's errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")

from browser import browser_page, running_server

from eligibility.server.app import create_app

ROOT = Path(__file__).resolve().parents[1]
AYESHA = ROOT / "profiles" / "ayesha-software-engineer.yaml"
SHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The service on a loopback port for the module's tests."""
    with running_server(create_app()) as url:
        yield url


def _watch(page: Any, base: str) -> tuple[list[str], list[str]]:
    errors: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((base, "data:")) else None)
    return errors, elsewhere


def test_upload_profile_and_read_result(base_url: str, tmp_path: Path) -> None:
    """Uploading the example profile shows the verdict table, with no console error and no outside request."""
    with browser_page() as page:
        errors, elsewhere = _watch(page, base_url)
        page.goto(base_url + "/")
        page.get_by_label("or upload a file").set_input_files(str(AYESHA))
        page.get_by_label("As of").fill("2025-06-01")
        page.get_by_role("button", name="Evaluate").click()
        page.wait_for_selector("#answer")
        heading = page.locator("#answer h2").inner_text()
        assert heading == "Eligibility of Ayesha Khan on 2025-06-01"
        fsw = page.locator("#answer li", has_text="Federal Skilled Worker").first.inner_text()
        assert fsw.startswith("✔ eligible")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "page-result.png"), full_page=False)
        assert errors == [], errors
        assert elsewhere == [], elsewhere


def test_bad_profile_shows_its_problems(base_url: str) -> None:
    """A profile with a mistyped key shows the one-line problem beside the text, which is kept."""
    with browser_page() as page:
        errors, elsewhere = _watch(page, base_url)
        page.goto(base_url + "/")
        page.get_by_role("textbox", name="Profile").fill("brith_date: 1990-01-01\nmarital_status: single\n")
        page.keyboard.press("Tab")
        page.get_by_role("button", name="Evaluate").click()
        alert = page.get_by_role("alert")
        assert "did you mean 'birth_date'" in alert.inner_text()
        assert "brith_date" in page.get_by_role("textbox", name="Profile").input_value()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "page-error.png"))
        assert errors == [], errors
        assert elsewhere == [], elsewhere


def test_page_fits_a_phone(base_url: str) -> None:
    """On a 375 px wide screen the page does not scroll sideways."""
    with browser_page() as page:
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(base_url + "/")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375


def test_interactive_docs_load_offline(base_url: str) -> None:
    """/docs renders the API's operations with assets served by the service itself, nothing from outside."""
    with browser_page() as page:
        errors, elsewhere = _watch(page, base_url)
        page.goto(base_url + "/docs")
        page.get_by_text("/v1/evaluate", exact=True).first.wait_for()
        assert page.get_by_text("/v1/batch", exact=True).count() >= 1
        assert elsewhere == [], elsewhere
        assert errors == [], errors
