"""The Python API: load a profile, evaluate it as of a date, walk the typed result, serialize it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from eligibility.declarations import check_declarations, declaration_keys
from eligibility.draws.met import RoundsMet
from eligibility.draws.person import ROUND_PROGRAMS, ROUND_SET, rounds_for
from eligibility.engines.protocol import Engine
from eligibility.engines.run import evaluate as _evaluate
from eligibility.errors import InputError, Problem, UsageError
from eligibility.facts import Facts
from eligibility.limits import value_problems
from eligibility.profile.load import load_profile, source_of, was_read
from eligibility.profile.model import Profile
from eligibility.ranking.compute import crs_result
from eligibility.result import CrsResult, Evaluation
from eligibility.rulebook.cache import cached_library
from eligibility.rulebook.library import Library

if TYPE_CHECKING:  # imported where used: a command that evaluates needs neither plans nor JSON writers
    from eligibility.timeline.build import Plan
    from eligibility.timeline.distance import ProgramDistance


@lru_cache(maxsize=8)
def _library(root: str | None) -> Library:
    return cached_library(root)


def rules(root: str | Path | None = None) -> Library:
    """The checked rules library (the packaged rulesets by default), loaded once per folder (and from the
    cache on disk when it holds that library: see ``eligibility.rulebook.cache``)."""
    return _library(str(root) if root is not None else None)


def _checked(profile: Profile | str | Path, library: Library) -> Profile:
    """The profile read from its file, or a Profile built in code checked as a file would be.

    Declarations are checked with everything else, so that all problems of a file come at once. A Profile
    built in code skipped the loader: its numbers must still be ones every engine can hold (durable-rules
    crashes on floats from 1e16 and raises on NaN and infinity), and its declarations must be known.
    """
    if not isinstance(profile, Profile):
        loaded = load_profile(profile, declarations=declaration_keys(library))
        check_declarations(loaded, library, str(profile))
        return loaded
    if not was_read(profile):  # the loader bounded every value of a profile it read
        from eligibility.converter import unstructure

        bounds = value_problems(unstructure(profile), "<profile>")
    else:  # but its declarations are a dict, which code may have changed since
        bounds = [("$.declarations" + path.removeprefix("$"), message)
                  for path, message in value_problems(profile.declarations, "<profile>")]
    if bounds:
        raise InputError([Problem("<profile>", path, message) for path, message in bounds])
    check_declarations(profile, library, source_of(profile))
    return profile


def evaluate(profile: Profile | str | Path, as_of: dt.date | str | None = None,
             programs: Iterable[str] | None = None, engine: Engine | str = "native",
             library: Library | None = None, with_crs: bool = True) -> Evaluation:
    """Evaluate a profile (object or file path) as of a date (default: today) against the programs,
    with its CRS score (``with_crs=False`` leaves it out).

    ``engine`` is an engine object (``NativeEngine()``, ``DurableEngine()``) or its name; an unknown name
    is refused with a "did you mean".
    """
    library = library or rules()
    profile = _checked(profile, library)
    day = _day(as_of)
    facts = Facts(profile, day)
    evaluation = _evaluate(profile, day, library, programs, engine, facts)
    if not with_crs:
        return evaluation
    return with_score(evaluation, profile, library, facts, engine)


def with_score(evaluation: Evaluation, profile: Profile, library: Library, facts: Facts,
               engine: Engine | str = "native") -> Evaluation:
    """An evaluation with its CRS score and the rounds it met, as ``evaluate`` gives it (``facts``: the
    evaluation's own, shared by the score)."""
    day = evaluation.as_of
    verdicts = dict(map(_ID_VERDICT, evaluation.programs))
    score = crs_result(profile, day, library, facts, evaluation.receipt.profile_sha256,
                       rounds_of(profile, day, library, verdicts, engine, facts), evaluation.receipt)
    # The evaluation with its score: every field of the evaluation as it is, and the CRS (attrs.evolve's
    # answer, without its generic walk over the fields).
    return Evaluation(evaluation.as_of, evaluation.receipt, evaluation.programs, evaluation.profile_name, score)


#: A program result's id and verdict, read in C (``with_score`` reads them of every program).
_ID_VERDICT = attrgetter("id", "verdict")


def verdicts(profile: Profile | str | Path, as_of: dt.date | str | None = None,
             programs: Iterable[str] | None = None, library: Library | None = None) -> dict[str, str]:
    """Each program's verdict for a profile (object or file path) as of a date (default: today), and nothing
    else: ``{program id: verdict}``, in the order of ``evaluate``.

    The verdicts ``evaluate`` gives with the native engine, decided by the same rules without building the
    results that explain them (about six times as fast): for callers that read the verdicts alone. An unknown
    program id is refused with a "did you mean", as in ``evaluate``.
    """
    from eligibility.engines.run import evaluate_verdicts

    library = library or rules()
    profile = _checked(profile, library)
    day = _day(as_of)
    return dict(evaluate_verdicts(profile, day, library, programs))


def rounds_of(profile: Profile, day: dt.date, library: Library, verdicts: Mapping[str, str] | None = None,
              engine: Engine | str = "native", facts: Facts | None = None) -> Callable[[int, int], RoundsMet]:
    """What gives the recent rounds open to the person on ``day`` and whether a score ``low``..``high`` met
    them (``crs_result``'s ``rounds``): the round types open come from the verdicts of the Express Entry
    programs and the categories on that day (``verdicts``; those missing are evaluated when it is called)."""
    def rounds(low: int, high: int) -> RoundsMet:
        known = verdicts or {}
        # An evaluation of every program has them all: nothing to look for.
        missing = [] if known.keys() >= ROUND_SET else [p for p in ROUND_PROGRAMS
                                                         if p not in known and p in library.programs]
        if missing:
            more = _evaluate(profile, day, library, missing, engine, facts)
            known = {**known, **{p.id: p.verdict for p in more.programs}}
        return rounds_for(profile, known, low, high, day)

    return rounds


def with_rounds(score: CrsResult, profile: Profile, library: Library, verdicts: Mapping[str, str] | None = None,
                engine: Engine | str = "native", facts: Facts | None = None) -> CrsResult:
    """The CRS result with the recent rounds open to the person and whether the score met them.

    The round types open to the person come from the verdicts of the Express Entry programs and the
    categories on the same date (``verdicts``; those missing are evaluated here). A score that is not
    encoded has no rounds.
    """
    if score.status != "scored" or score.low is None or score.high is None:
        return score
    return attrs.evolve(score, rounds=rounds_of(profile, score.as_of, library, verdicts, engine, facts)(
        score.low, score.high))


def _day(as_of: dt.date | str | None) -> dt.date:
    if as_of is None:
        return dt.date.today()
    if isinstance(as_of, str):
        return parse_as_of(as_of)
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise UsageError(f"as_of: expected a date or text YYYY-MM-DD, found {type(as_of).__name__}")
    return _bounded(as_of, "as_of")


def _bounded(day: dt.date, option: str) -> dt.date:
    """``day`` when it is within the dates profiles may hold (windows and look-aheads of years around it must
    stay inside the calendar); a UsageError naming ``option`` otherwise."""
    from eligibility.limits import date_problem

    why = date_problem(day)
    if why is not None:
        raise UsageError(f"{option}: {why}")
    return day


def parse_as_of(text: str, option: str = "as_of") -> dt.date:
    """A YYYY-MM-DD date from 1900-01-01 to 2199-12-31 (the dates a profile may hold); a UsageError naming
    ``option`` otherwise (week dates and 20250601 included)."""
    import re

    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            day = dt.date.fromisoformat(text)
            return _bounded(day, option)
    except ValueError:
        pass
    raise UsageError(f"{option}: expected a date YYYY-MM-DD, found {text!r}")


def crs(profile: Profile | str | Path, as_of: dt.date | str | None = None,
        library: Library | None = None, rounds: bool = True) -> CrsResult:
    """The Comprehensive Ranking System score of a profile (object or file path) as of a date (default: today),
    with the recent rounds of invitations it would have met (``rounds=False`` leaves them out)."""
    library = library or rules()
    profile = _checked(profile, library)
    day = _day(as_of)
    facts = Facts(profile, day)
    return crs_result(profile, day, library, facts, rounds=rounds_of(profile, day, library, facts=facts) if rounds
                      else None)


def plan(profile: Profile | str | Path, start: dt.date | str | None = None, until: dt.date | str | None = None,
         programs: Iterable[str] | None = None, library: Library | None = None) -> Plan:
    """Each program's verdict intervals over [start, until) (default: today, for 3 years), with their causes."""
    from eligibility.dates import months_before
    from eligibility.timeline.build import plan as _plan

    library = library or rules()
    profile = _checked(profile, library)
    first = _day(start)
    return _plan(profile, first, _day(until) if until is not None else months_before(first, -36), library,
                 list(programs) if programs is not None else None)


def to_data(result: Evaluation | CrsResult) -> dict[str, Any]:
    """An evaluation or a CRS result as JSON-ready data (the documented result schema, version 2: an evaluation
    writes each citation once, in its ``citations`` table; docs/results.md)."""
    from eligibility.render.crs import crs_data
    from eligibility.render.data import evaluation_data

    if isinstance(result, CrsResult):
        return crs_data(result)
    return evaluation_data(result)


def to_json(result: Evaluation | CrsResult, indent: int | None = 2) -> str:
    """An evaluation or a CRS result as JSON text: indented by two spaces (the default), or compact with
    ``indent=None``; both written by orjson. Any other indent is written by the standard library."""
    import json

    from eligibility.render import json_text
    from eligibility.render.crs import crs_data
    from eligibility.render.data import evaluation_data

    if indent is None or indent == 2:
        data = crs_data(result) if isinstance(result, CrsResult) else evaluation_data(result, share=True)
        return json_text.dumps(data, indent=indent == 2).decode()
    return json.dumps(to_data(result), indent=indent, ensure_ascii=False)


def what_if(profile: Profile | str | Path, patch: Mapping[str, Any] | str | Path | Sequence[Any] = (),
            sets: Iterable[str] = (), library: Library | None = None) -> Profile:
    """The profile with a what-if laid over it: a mapping of profile fields, a what-if file, or a list of them,
    then ``PATH=VALUE`` assignments (docs/plan.md gives the rules); checked like a profile file."""
    from eligibility.whatif.run import as_patches, overlay

    library = library or rules()
    return overlay(_checked(profile, library), as_patches(patch, sets), library)


def report(profile: Profile | str | Path, as_of: dt.date | str | None = None, fmt: str = "html",
           library: Library | None = None) -> str:
    """The client report of a profile (object or file path) on a date (default: today): HTML or Markdown."""
    from eligibility.errors import UsageError
    from eligibility.reporting import render_report

    if fmt not in ("html", "markdown"):
        raise UsageError(f"format: expected html or markdown, found {fmt!r}")
    library = library or rules()
    profile = _checked(profile, library)
    return render_report(profile, _day(as_of), library, "markdown" if fmt == "markdown" else "html")


def distance(profile: Profile | str | Path, as_of: dt.date | str | None = None,
             programs: Iterable[str] | None = None, library: Library | None = None) -> tuple[ProgramDistance, ...]:
    """For each program not eligible on the date: what each failing or unknown condition lacks, and when."""
    from eligibility.timeline.distance import distance as _distance

    library = library or rules()
    profile = _checked(profile, library)
    return _distance(profile, evaluate(profile, as_of, programs, "native", library), library)

