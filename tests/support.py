"""Helpers the tests share: running the CLI in-process, a result tree flattened for comparison, and the leaves of
the repository's rules by kind."""

from __future__ import annotations

import sys
from collections.abc import Collection
from typing import Any

import attrs
import pytest

from eligibility.api import rules
from eligibility.cli import main
from eligibility.result import ConditionResult, Evaluation
from eligibility.rulebook.model import Composite, Condition
from eligibility.rulebook.tree import walk


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str],
            monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """Run the CLI in-process; return the exit code, standard output and standard error."""
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def flat_results(evaluation: Evaluation) -> dict[tuple[str, ...], Any]:
    """Every program's result without its condition tree, and every condition's result without its children,
    keyed by its path."""
    out: dict[tuple[str, ...], Any] = {}

    def walk(path: tuple[str, ...], conditions: tuple[ConditionResult, ...]) -> None:
        for c in conditions:
            out[(*path, c.id)] = attrs.evolve(c, conditions=())
            walk((*path, c.id), c.conditions)

    for program in evaluation.programs:
        out[(program.id,)] = attrs.evolve(program, conditions=())
        walk((program.id,), program.conditions)
    return out


def rule_leaves(kinds: Collection[str]) -> list[Condition]:
    """Every leaf of the repository's rules whose kind is among ``kinds``, in every version of every program."""
    return [c for program in rules().programs.values() for version in program.versions
            for c, _ in walk(version.conditions, "$") if not isinstance(c, Composite) and c.kind in kinds]
