"""Building only the command named gives the same output and exit code as building the whole app."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility import cli_build
from eligibility.cli import app
from tests.support import run_cli as _run

ROOT = Path(__file__).resolve().parents[1]
COOK = str(ROOT / "profiles" / "cook-in-canada.yaml")
ARGVS = [
    ["evaluate", COOK, "--as-of", "2026-03-01"],
    ["evaluate", COOK, "--as-of", "2026-03-01", "--format", "json", "--program", "express-entry/cec"],
    ["evaluate", "--help"],
    ["evaluate"],
    ["evaluate", "nothere.yaml"],
    ["evaluate", COOK, "-f", "xml"],
    ["evaluate", COOK, "--as-of", "2026-13-01"],
    ["crs", COOK, "--as-of", "2026-03-01"],
    ["check", "--bogus"],
    ["noc", "show", "21231"],
    ["noc", "--help"],
    ["draws", "--help"],
    ["evaluat", COOK],
    ["--help"],
    [],
]


@pytest.mark.parametrize("argv", ARGVS, ids=lambda a: " ".join(Path(x).name for x in a) or "(none)")
def test_narrowed_app_behaves_as_the_whole_app(argv: list[str], capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Output, errors and exit code are the same whether only the named command or every command is built."""
    narrow = _run(argv, capsys, monkeypatch)
    monkeypatch.setattr(cli_build, "narrowed", lambda app, argv: None)
    whole = _run(argv, capsys, monkeypatch)
    assert narrow == whole


def test_only_a_command_or_group_name_narrows() -> None:
    """A command or sub-group name narrows the app to it; options first, typos and nothing do not."""
    evaluate = cli_build.narrowed(app, ["evaluate", "x.yaml"])
    assert evaluate is not None
    assert [c.callback.__name__ for c in evaluate.registered_commands if c.callback] == ["evaluate"]
    assert not evaluate.registered_groups
    noc = cli_build.narrowed(app, ["noc", "show", "21231"])
    assert noc is not None
    assert [g.name for g in noc.registered_groups] == ["noc"]
    assert not noc.registered_commands
    for argv in (["--help"], ["evaluat"], []):
        assert cli_build.narrowed(app, argv) is None
    assert len(app.registered_commands) > 10  # the app itself is left whole
