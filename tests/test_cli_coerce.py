"""The CLI's pydantic-free coercion of parameter values gives what typer's own coercion gives, errors included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.core
import typer.main

from eligibility.cli import app
from eligibility.cli_coerce import plain_coercion

ROOT = Path(__file__).resolve().parents[1]
PROFILE = str(ROOT / "profiles" / "ayesha-software-engineer.yaml")
VALUES: list[Any] = [None, "", "-", "abc", "text", "TEXT", "json", "markdown", "html", "csv", "Json ", "7", "x\x1by",
                     "nothere.yaml", PROFILE, str(ROOT / "profiles"), 10, 0, True, False, ("a", "b"), [PROFILE],
                     (), "2026-03-01"]


def _params() -> list[tuple[str, Any]]:
    """Every parameter of every command and sub-command, named."""
    found: list[tuple[str, Any]] = []

    def walk(command: Any, name: str) -> None:
        for param in command.params:
            if hasattr(param, "type_descriptor"):
                found.append((f"{name} {param.name}", param))
        for sub_name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{name} {sub_name}")

    walk(typer.main.get_command(app), "eligibility")
    return found


def _outcome(build: Any, param: Any, value: Any) -> tuple[str, Any]:
    """What coercing ``value`` gives: the value and its type, or the error's type and message."""
    try:
        done = build(param.type_descriptor).coerce(value, param=param, ctx=None)
    except Exception as exc:
        return "error", (type(exc).__name__, str(getattr(exc, "message", exc)))
    return "value", (done, type(done).__name__, [type(v).__name__ for v in done] if isinstance(done, list) else None)


@pytest.mark.parametrize(("name", "param"), _params(), ids=[n for n, _ in _params()])
def test_plain_coercion_is_typers(name: str, param: Any) -> None:
    """Each parameter coerces every sample value as typer's pydantic adapters do (value, type or message)."""
    original = typer.core.build_runtime_param  # type: ignore[attr-defined]
    for value in VALUES:
        expected = _outcome(original, param, value)
        with plain_coercion():
            got = _outcome(typer.core.build_runtime_param, param, value)  # type: ignore[attr-defined]
        assert got == expected, (name, value)


def test_plain_coercion_is_undone() -> None:
    """After the block, typer's own coercion is back in place."""
    original = typer.core.build_runtime_param  # type: ignore[attr-defined]
    with plain_coercion():
        assert typer.core.build_runtime_param is not original  # type: ignore[attr-defined]
    assert typer.core.build_runtime_param is original  # type: ignore[attr-defined]
