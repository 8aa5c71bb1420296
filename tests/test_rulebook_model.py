"""Small lookups of the rules' model and library: a program's sources by id, and where the rules are found."""

from __future__ import annotations

from pathlib import Path

import pytest

import eligibility.rulebook.library as library_module
from eligibility.rulebook.library import default_rules_dir, load_library

RULES = Path(__file__).resolve().parents[1] / "rulesets"


def test_program_source_by_id() -> None:
    """Each source of a program is found by its own id (not another's); an id it does not list gives None."""
    program = load_library(RULES).program("express-entry/fsw")
    assert len(program.sources) > 1
    for source in program.sources:
        assert program.source(source.id) is source
    assert program.source("no-such-source") is None


def test_rules_of_an_installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Installed, the rulesets are the package's own folder eligibility/rulesets."""
    (tmp_path / "eligibility" / "rulesets").mkdir(parents=True)
    monkeypatch.setattr(library_module, "__file__", str(tmp_path / "eligibility" / "rulebook" / "library.py"))
    assert default_rules_dir() == tmp_path / "eligibility" / "rulesets"


def test_rules_of_a_source_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In a source checkout (no eligibility/rulesets), the rulesets are the repository's rulesets/ folder."""
    (tmp_path / "eligibility" / "rulebook").mkdir(parents=True)
    (tmp_path / "rulesets").mkdir()
    monkeypatch.setattr(library_module, "__file__", str(tmp_path / "eligibility" / "rulebook" / "library.py"))
    assert default_rules_dir() == tmp_path / "rulesets"
