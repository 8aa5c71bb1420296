"""Shared fixtures: where the StatCan NOC files are.

The files live in the workspace's ``shared/data/noc`` beside the repository (CI clones the repository
next to a copy of ``shared/``; a git worktree may sit one or more folders further down), so the
repository's parent folders are searched upwards. ``ELIGIBILITY_TEST_NOC_DATA`` overrides the search.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
MARKER = "noc_2021_v1.0_main_duties.csv"


def find_noc_data(repo: Path = REPO) -> Path:
    """The first ``<ancestor>/shared/data/noc`` holding the StatCan files, from ``repo``'s parent up.

    The nearest candidate (``<repo>/../shared/data/noc``) is returned when none holds them, so that a
    skip message names the place CI uses.
    """
    override = os.environ.get("ELIGIBILITY_TEST_NOC_DATA")
    if override:
        return Path(override)
    for folder in repo.parents:
        candidate = folder / "shared" / "data" / "noc"
        if (candidate / MARKER).is_file():
            return candidate
    return repo.parent / "shared" / "data" / "noc"


NOC_DATA = find_noc_data()


@pytest.fixture
def noc_data() -> Path:
    """The folder of StatCan NOC files; tests that read NOC prose are skipped only when it is absent."""
    if not (NOC_DATA / MARKER).is_file():
        pytest.skip(f"NOC prose files not found at {NOC_DATA} (set ELIGIBILITY_TEST_NOC_DATA)")
    return NOC_DATA


@pytest.fixture(autouse=True)
def _no_env_noc_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests choose their NOC data explicitly, whatever the developer's shell sets."""
    monkeypatch.delenv("ELIGIBILITY_NOC_DATA", raising=False)
