"""The Python API: load a profile, evaluate it as of a date, walk the typed result, serialize it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from eligibility.declarations import check_declarations
from eligibility.engines.protocol import Engine
from eligibility.engines.run import evaluate as _evaluate
from eligibility.profile.load import load_profile
from eligibility.profile.model import Profile
from eligibility.render.data import evaluation_data
from eligibility.result import Evaluation
from eligibility.rulebook.library import Library, load_library


@lru_cache(maxsize=8)
def _library(root: str | None) -> Library:
    return load_library(root)


def rules(root: str | Path | None = None) -> Library:
    """The checked rules library (the packaged rulesets by default), loaded once per folder."""
    return _library(str(root) if root is not None else None)


def evaluate(profile: Profile | str | Path, as_of: dt.date | str | None = None,
             programs: Iterable[str] | None = None, engine: Engine | str = "native",
             library: Library | None = None) -> Evaluation:
    """Evaluate a profile (object or file path) as of a date (default: today) against the programs.

    ``engine`` is an engine object (``NativeEngine()``, ``DurableEngine()``) or its name; an unknown name
    is refused with a "did you mean".
    """
    source = "<profile>" if isinstance(profile, Profile) else str(profile)
    if not isinstance(profile, Profile):
        profile = load_profile(profile)
    library = library or rules()
    check_declarations(profile, library, source)
    if as_of is None:
        as_of = dt.date.today()
    elif isinstance(as_of, str):
        as_of = dt.date.fromisoformat(as_of)
    return _evaluate(profile, as_of, library, programs, engine)


def to_data(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data (the documented result schema)."""
    return evaluation_data(evaluation)


def to_json(evaluation: Evaluation, indent: int | None = 2) -> str:
    """The evaluation as JSON text."""
    return json.dumps(to_data(evaluation), indent=indent, ensure_ascii=False)
