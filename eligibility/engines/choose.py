"""Engines by name: what ``--engine`` and ``evaluate(..., engine="durable")`` accept."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from eligibility.engines.protocol import Engine
from eligibility.errors import UsageError
from eligibility.suggest import did_you_mean_or_list


@cache
def _native() -> Engine:
    # One instance serves every evaluation: the native engine holds no state.
    from eligibility.engines.native import NativeEngine

    return NativeEngine()


def _durable() -> Engine:
    # Imported on demand: the durable engine's compiler is not needed by native evaluations.
    from eligibility.engines.durable import DurableEngine

    return DurableEngine()


#: Each engine's name and how to build it.
ENGINES: dict[str, Callable[[], Engine]] = {"native": _native, "durable": _durable}


def engine_named(name: str) -> Engine:
    """The engine with that name; a one-line UsageError with a "did you mean" for any other name."""
    build = ENGINES.get(name)
    if build is None:
        raise UsageError(f"unknown engine {name!r}{did_you_mean_or_list(name, ENGINES)}")
    return build()


def as_engine(engine: Engine | str) -> Engine:
    """An engine object as given, or the engine a name stands for."""
    return engine_named(engine) if isinstance(engine, str) else engine
