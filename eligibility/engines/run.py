"""Evaluate a profile as of a date with an engine: programs in dependency order, then the receipt."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable

from eligibility import __version__
from eligibility.converter import unstructure
from eligibility.engines.choose import as_engine
from eligibility.engines.protocol import Engine
from eligibility.facts import Facts
from eligibility.freshness import with_freshness
from eligibility.profile.model import Profile
from eligibility.result import Evaluation, ProgramResult, Receipt, Verdict
from eligibility.rulebook.checks import dependencies, evaluation_order
from eligibility.rulebook.library import Library


def profile_digest(profile: Profile) -> str:
    """sha256 of the profile's canonical JSON form."""
    text = json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def evaluate(profile: Profile, as_of: dt.date, library: Library, programs: Iterable[str] | None = None,
             engine: Engine | str = "native", facts: Facts | None = None) -> Evaluation:
    """Evaluate ``profile`` as of ``as_of`` against ``programs`` (default: all) and their dependencies.

    ``engine`` is an engine object or its name ("native", "durable"); an unknown name is a UsageError.
    ``facts`` may be given to share what was derived from the profile with another computation (the CRS).
    """
    chosen_engine = as_engine(engine)
    wanted = set(programs) if programs is not None else set(library.programs)
    for pid in wanted:
        library.program(pid)
    needed = set(wanted)
    order = evaluation_order(library.programs)
    for pid in reversed(order):
        if pid in needed:
            needed |= dependencies(library.programs[pid])
    if facts is None or facts.profile is not profile or facts.as_of != as_of:
        facts = Facts(profile, as_of)
    verdicts: dict[str, Verdict] = {}
    results: dict[str, ProgramResult] = {}
    for pid in order:
        if pid in needed:
            results[pid] = chosen_engine.evaluate_program(library.programs[pid], facts, library, verdicts)
            verdicts[pid] = results[pid].verdict
    receipt = Receipt(as_of, __version__, library.digest, profile_digest(profile), chosen_engine.name)
    # Freshness caveats (rules checked before the date, reported changes) are added once here, the same
    # for every engine.
    chosen = tuple(with_freshness(results[pid], library.programs[pid], library, as_of) for pid in sorted(wanted))
    return Evaluation(as_of, receipt, chosen, profile.name)
