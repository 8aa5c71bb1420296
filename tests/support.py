"""Helpers the tests share: running the CLI in-process, and a result tree flattened for comparison."""

from __future__ import annotations

import sys
from typing import Any

import attrs
import pytest

from eligibility.cli import main
from eligibility.result import ConditionResult, Evaluation


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
