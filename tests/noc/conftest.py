"""Shared fixtures: where the StatCan NOC files are (CI keeps them at ../shared/data/noc)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
NOC_DATA = Path(os.environ.get("ELIGIBILITY_TEST_NOC_DATA", REPO.parent / "shared" / "data" / "noc"))


@pytest.fixture
def noc_data() -> Path:
    """The folder of StatCan NOC files; tests that read NOC prose are skipped without it."""
    if not (NOC_DATA / "noc_2021_v1.0_main_duties.csv").is_file():
        pytest.skip(f"NOC prose files not found at {NOC_DATA} (set ELIGIBILITY_TEST_NOC_DATA)")
    return NOC_DATA


@pytest.fixture(autouse=True)
def _no_env_noc_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their NOC data explicitly, whatever the developer's shell sets."""
    monkeypatch.delenv("ELIGIBILITY_NOC_DATA", raising=False)
