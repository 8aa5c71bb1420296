"""Engines are objects behind one protocol, chosen by object or by name; a wrong name is refused clearly."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

import eligibility
from eligibility.cli import main
from eligibility.engines.choose import ENGINES, engine_named
from eligibility.engines.native import NativeEngine
from eligibility.errors import UsageError

PROFILE = str(Path(__file__).resolve().parents[1] / "profiles" / "ayesha-software-engineer.yaml")


def test_a_mistyped_engine_name_gets_a_did_you_mean() -> None:
    """``engine="durabel"`` is refused with one line suggesting 'durable', instead of running another engine."""
    with pytest.raises(UsageError) as caught:
        eligibility.evaluate(PROFILE, "2025-06-01", engine="durabel")
    assert str(caught.value) == "unknown engine 'durabel'; did you mean 'durable'?"


def test_a_name_like_no_engine_lists_the_engines() -> None:
    """A name close to no engine is refused with the list of engine names."""
    with pytest.raises(UsageError, match=r"^unknown engine 'zz'; expected one of 'native', 'durable'$"):
        engine_named("zz")


def test_an_engine_object_is_used_as_given() -> None:
    """An engine object is accepted where a name is, and the receipt names the engine that ran."""
    result = eligibility.evaluate(PROFILE, dt.date(2025, 6, 1), programs=["express-entry/fsw"],
                                  engine=NativeEngine())
    assert result.receipt.engine == "native"
    assert result.program("express-entry/fsw").verdict == "eligible"


def test_every_engine_name_builds_an_engine_of_that_name() -> None:
    """Each registered name builds an engine whose own name is that name (durable only when installed)."""
    for name in ENGINES:
        try:
            engine = engine_named(name)
        except UsageError:
            continue  # the durable extra is not installed
        assert engine.name == name


def test_cli_refuses_an_unknown_engine_with_exit_2(capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`--engine durabel` prints one line with the suggestion and exits 2, evaluating nothing."""
    monkeypatch.setattr(sys, "argv", ["eligibility", "evaluate", PROFILE, "--engine", "durabel"])
    with pytest.raises(SystemExit) as caught:
        main()
    out = capsys.readouterr()
    assert caught.value.code == 2
    assert out.err.strip() == "unknown engine 'durabel'; did you mean 'durable'?"
    assert out.out == ""
