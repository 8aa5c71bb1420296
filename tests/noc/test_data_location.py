"""Where the NOC tests look for the StatCan files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.noc.conftest import MARKER, find_noc_data


def _shared(root: Path) -> Path:
    noc = root / "shared" / "data" / "noc"
    noc.mkdir(parents=True)
    (noc / MARKER).write_text("code,duty\n", encoding="utf-8")
    return noc


def test_finds_shared_beside_the_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A clone next to shared/ (CI's layout) finds <repo>/../shared/data/noc."""
    monkeypatch.delenv("ELIGIBILITY_TEST_NOC_DATA", raising=False)
    noc = _shared(tmp_path)
    assert find_noc_data(tmp_path / "repo") == noc


def test_finds_shared_above_a_worktree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worktree two folders further down still finds the nearest shared/ above it."""
    monkeypatch.delenv("ELIGIBILITY_TEST_NOC_DATA", raising=False)
    noc = _shared(tmp_path)
    assert find_noc_data(tmp_path / "wt" / "helper") == noc


def test_absent_files_point_at_the_ci_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the files anywhere above, the expected place <repo>/../shared/data/noc is named."""
    monkeypatch.delenv("ELIGIBILITY_TEST_NOC_DATA", raising=False)
    (tmp_path / "shared" / "data" / "noc").mkdir(parents=True)
    assert find_noc_data(tmp_path / "x" / "repo") == tmp_path / "x" / "shared" / "data" / "noc"


def test_environment_variable_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """ELIGIBILITY_TEST_NOC_DATA overrides the search."""
    _shared(tmp_path)
    monkeypatch.setenv("ELIGIBILITY_TEST_NOC_DATA", str(tmp_path / "elsewhere"))
    assert find_noc_data(tmp_path / "repo") == tmp_path / "elsewhere"
