"""Run a what-if: lay the patches over the profile, then evaluate or plan both sides and compare them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eligibility.declarations import declaration_keys
from eligibility.engines.protocol import Engine
from eligibility.engines.run import evaluate
from eligibility.errors import InputError, Problem
from eligibility.profile.model import Profile
from eligibility.ranking.compute import crs_result
from eligibility.rulebook.library import Library
from eligibility.timeline.build import plan
from eligibility.whatif.compare import EvaluationComparison, PlanComparison, compare_evaluations, compare_plans
from eligibility.whatif.overlay import Patch, apply, parse_assignment, read_patch


def patches_from(files: Iterable[str | Path] = (), sets: Iterable[str] = ()) -> list[Patch]:
    """What-if files in order, then ``PATH=VALUE`` assignments in order (a later one wins); the problems of
    every file and assignment that cannot be read, at once."""
    return _all([*(lambda f=f: read_patch(f) for f in files), *(lambda s=s: parse_assignment(s) for s in sets)])


def as_patches(patch: Mapping[str, Any] | str | Path | Sequence[Mapping[str, Any] | str | Path],
               sets: Iterable[str] = ()) -> list[Patch]:
    """Patches from Python: a mapping of profile fields, a what-if file, or a list of them; then assignments."""
    items: Sequence[Any] = patch if isinstance(patch, list | tuple) else [patch]
    return _all([*(lambda p=p: Patch("<what-if>", dict(p)) if isinstance(p, Mapping) else read_patch(p)
                   for p in items), *(lambda s=s: parse_assignment(s) for s in sets)])


def _all(readers: Sequence[Callable[[], Patch]]) -> list[Patch]:
    """Each reader's patch, or every reader's problems together."""
    out: list[Patch] = []
    problems: list[Problem] = []
    for read in readers:
        try:
            out.append(read())
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return out


def overlay(profile: Profile, patches: Sequence[Patch], library: Library) -> Profile:
    """The profile with the patches laid over it, checked like a profile file (declarations too)."""
    return apply(profile, patches, declaration_keys(library))


def _crs(profile: Profile, day: dt.date, library: Library) -> Any:
    return crs_result(profile, day, library) if library.crs else None


def evaluate_what_if(profile: Profile, patches: Sequence[Patch], day: dt.date, programs: Iterable[str] | None,
                     engine: Engine | str, library: Library) -> EvaluationComparison:
    """The evaluation and the CRS on ``day`` without and with the what-if."""
    changed = overlay(profile, patches, library)
    wanted = list(programs) if programs is not None else None
    before = evaluate(profile, day, library, wanted, engine)
    after = evaluate(changed, day, library, wanted, engine)
    return compare_evaluations([p.source for p in patches], before, after, _crs(profile, day, library),
                               _crs(changed, day, library))


def plan_what_if(profile: Profile, patches: Sequence[Patch], start: dt.date, until: dt.date,
                 programs: Iterable[str] | None, library: Library) -> PlanComparison:
    """The plan over [start, until) without and with the what-if."""
    changed = overlay(profile, patches, library)
    wanted = list(programs) if programs is not None else None
    return compare_plans([p.source for p in patches], plan(profile, start, until, library, wanted),
                         plan(changed, start, until, library, wanted))
