"""Every command that prints a result honours --format text, json and markdown, or refuses it in one line."""

from __future__ import annotations

import json

import pytest

from tests.support import run_cli as _run

COOK = "profiles/cook-in-canada.yaml"

#: Commands that print a result, with their arguments.
HONOURED = {
    "evaluate": ["evaluate", COOK, "--as-of", "2026-03-01"],
    "crs": ["crs", COOK, "--as-of", "2026-03-01"],
    "explain": ["explain", "express-entry/cec", "--as-of", "2026-03-01"],
    "programs": ["programs", "--as-of", "2026-03-01"],
    "diff": ["diff", COOK, "--as-of", "2025-01-01", "--as-of", "2026-03-01"],
    "plan": ["plan", COOK, "--from", "2026-03-01", "--until", "2026-06-01"],
    "occupations": ["occupations", "63200", "--as-of", "2026-03-01"],
    "draws": ["draws", "--since", "2026-06-01"],
}

#: Commands whose formats are fewer, with the one they refuse.
REFUSED = {
    "report": (["report", COOK, "--as-of", "2026-03-01"], "json"),
    "noc show": (["noc", "show", "21231"], "markdown"),
    "noc search": (["noc", "search", "cook"], "markdown"),
    "schema": (["schema"], "json"),
    "check": (["check"], "text"),
}


@pytest.mark.parametrize("name", sorted(HONOURED))
def test_each_format_is_honoured(name: str, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """text, json and markdown each give their own kind of output: JSON parses, Markdown starts with a heading."""
    outputs = {}
    for fmt in ("text", "json", "markdown"):
        code, out, err = _run([*HONOURED[name], "--format", fmt], capsys, monkeypatch)
        assert code == 0, err
        outputs[fmt] = out
    json.loads(outputs["json"])
    assert outputs["markdown"].startswith("# ")
    assert not outputs["text"].lstrip().startswith(("{", "[", "# "))
    assert len({outputs["text"], outputs["json"], outputs["markdown"]}) == 3


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_an_unsupported_format_is_refused(name: str, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A format a command cannot print is refused with exit code 2 and a short error, never ignored."""
    argv, fmt = REFUSED[name]
    code, out, err = _run([*argv, "--format", fmt], capsys, monkeypatch)
    assert code == 2
    assert out == ""
    assert "--format" in err and "Traceback" not in err
