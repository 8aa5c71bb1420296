"""Every bad input gives one line per problem naming the file and field, exit code 2, never a traceback.

Each fixture under tests/fixtures/ starts with ``# expect: <words>`` (or has a ``.expect`` file beside it
for formats without comments): the words its error must contain.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from eligibility.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _expected(path: Path) -> str:
    side = path.with_name(path.name + ".expect")
    first = (side if side.exists() else path).read_text(encoding="utf-8").splitlines()
    line = first[0] if first else ""
    assert line.startswith("# expect: "), f"{path} needs an '# expect: ' line"
    return line.removeprefix("# expect: ")


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["eligibility", *argv])
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.err


PROFILES = sorted(p for p in (FIXTURES / "bad_profiles").iterdir() if not p.name.endswith(".expect"))
RULESETS = sorted((FIXTURES / "bad_rulesets").glob("*.yaml"))


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_bad_profile(path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad profile file exits 2 with a one-line error naming the file, the path and what was found."""
    code, err = _run(["evaluate", str(path), "--as-of", "2025-06-01"], capsys, monkeypatch)
    assert code == 2
    assert _expected(path) in err
    assert str(path) in err
    assert "Traceback" not in err


@pytest.mark.parametrize("path", RULESETS, ids=lambda p: p.name)
def test_bad_ruleset(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad ruleset is refused by `eligibility check` with the words its error must contain."""
    rules = tmp_path / "rules"
    (rules / "test").mkdir(parents=True)
    shutil.copy(path, rules / "test" / path.name)
    code, err = _run(["check", str(rules)], capsys, monkeypatch)
    assert code == 2
    assert _expected(path) in err
    assert "Traceback" not in err


def test_batch_keeps_going(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """In a batch, one bad profile is reported and the good ones are still evaluated; the exit code is 2."""
    good = Path(__file__).parents[1] / "profiles" / "ayesha-software-engineer.yaml"
    bad = FIXTURES / "bad_profiles" / "bad-date.yaml"
    monkeypatch.setattr(sys, "argv", ["eligibility", "evaluate", str(bad), str(good), "--as-of", "2025-06-01",
                                      "-p", "express-entry/fsw"])
    with pytest.raises(SystemExit) as exit_info:
        main()
    out = capsys.readouterr()
    assert exit_info.value.code == 2
    assert "expected a date YYYY-MM-DD" in out.err
    assert "✔ eligible  Federal Skilled Worker" in out.out


@pytest.mark.parametrize(("argv", "words"), [
    (["evaluate", "profiles/ayesha-software-engineer.yaml", "--as-of", "2025-13-01"],
     "--as-of: expected a date YYYY-MM-DD, found '2025-13-01'"),
    (["evaluate", "profiles/ayesha-software-engineer.yaml", "--program", "express-entry/fws"],
     "unknown program 'express-entry/fws'; did you mean 'express-entry/fsw'?"),
    (["explain", "express-entry/cecc"], "unknown program 'express-entry/cecc'"),
    (["evaluate", "no/such/profile.yaml"], "no/such/profile.yaml: $: file not found"),
    (["occupations", "2123"], "expected a NOC 2021 unit group code, found '2123'"),
    (["diff", "profiles/ayesha-software-engineer.yaml", "--as-of", "2025-01-01"], "expected two dates"),
], ids=["bad as-of date", "unknown program", "explain unknown program", "missing file", "bad NOC code",
        "diff with one date"])
def test_bad_command_line(argv: list[str], words: str, capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Bad arguments give one line with exit code 2."""
    monkeypatch.chdir(Path(__file__).parents[1])
    code, err = _run(argv, capsys, monkeypatch)
    assert code == 2
    assert words in err
    assert "Traceback" not in err
