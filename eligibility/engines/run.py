"""Evaluate a profile as of a date with an engine: programs in dependency order, then the receipt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from operator import itemgetter
from types import FunctionType
from typing import TYPE_CHECKING, Any

from attrs import evolve

from eligibility import __version__
from eligibility.engines.choose import as_engine
from eligibility.engines.digest import profile_digest as profile_digest
from eligibility.engines.protocol import Engine
from eligibility.evaluator.engine import evaluate_program as native_program
from eligibility.evaluator.engine import step_on as native_step
from eligibility.facts import Facts
from eligibility.freshness import program_caveats
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.profile.model import Profile
from eligibility.result import Caveat, Evaluation, ProgramResult, Receipt, Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Program
from eligibility.rulebook.tree import dependencies, evaluation_order

if TYPE_CHECKING:
    from eligibility.evaluator.verdict import VersionDecider
    from eligibility.evaluator.walk import Walk

#: Freshness caveats kept per library, by (program, day), before the oldest are dropped.
CAVEATS_KEPT = 20_000
#: Selections of programs kept per library (with their order) before they are dropped.
SELECTIONS_KEPT = 1024
#: Verdict-only steps kept per library, by (selection, day), before they are dropped.
STEPS_KEPT = 4096
#: The verdict-only steps of a selection on a day: the verdicts settled by standing, then each other program
#: with the function deciding it, in evaluation order.
VerdictSteps = tuple[dict[str, "Verdict"], tuple[tuple[str, "VersionDecider"], ...]]
#: The steps of an evaluation of a selection on a day: the programs to evaluate in evaluation order, then the
#: programs asked for in the results' order with their freshness caveats.
EvaluationSteps = tuple[tuple[tuple[str, Program], ...], tuple[tuple[str, tuple[Caveat, ...]], ...]]
#: The native engine's step of each program an evaluation of a selection on a day needs, in evaluation order.
NativeSteps = tuple[tuple[str, "ProgramResult | Walk"], ...]


class LibraryPlan:
    """What an evaluation needs of a library that no profile changes, worked out once per library.

    The programs' order (dependencies first), which programs a selection needs, and each program's
    freshness caveats on a day (those depend on the day alone).
    """

    def __init__(self, library: Library) -> None:
        self.library = library
        self.order = tuple(evaluation_order(library.programs))
        self.depends = {pid: frozenset(dependencies(p)) for pid, p in library.programs.items()}
        self.every = frozenset(library.programs)
        self._needed: dict[frozenset[str], tuple[str, ...]] = {}
        self._sorted: dict[frozenset[str], tuple[str, ...]] = {}
        self._caveats: dict[tuple[str, dt.date], tuple[Caveat, ...]] = {}
        self._steps: dict[tuple[frozenset[str], dt.date], VerdictSteps] = {}
        self._runs: dict[tuple[frozenset[str], dt.date], EvaluationSteps] = {}
        self._native: dict[tuple[frozenset[str], dt.date], NativeSteps] = {}
        self._picks: dict[tuple[frozenset[str], dt.date], Callable[[dict[str, ProgramResult]], tuple[
            ProgramResult, ...]] | None] = {}
        self._runners: dict[tuple[frozenset[str], dt.date], NativeRun | None] = {}

    def needed(self, wanted: frozenset[str]) -> tuple[str, ...]:
        """The programs to evaluate for ``wanted``, with their dependencies, in evaluation order."""
        found = self._needed.get(wanted)
        if found is None:
            if len(self._needed) >= SELECTIONS_KEPT:
                self._needed.clear()
            needed = set(wanted)
            for pid in reversed(self.order):
                if pid in needed:
                    needed |= self.depends[pid]
            found = self._needed[wanted] = tuple(pid for pid in self.order if pid in needed)
        return found

    def in_order(self, wanted: frozenset[str]) -> tuple[str, ...]:
        """``wanted`` sorted, as results list programs."""
        found = self._sorted.get(wanted)
        if found is None:
            if len(self._sorted) >= SELECTIONS_KEPT:
                self._sorted.clear()
            found = self._sorted[wanted] = tuple(sorted(wanted))
        return found

    def caveats(self, pid: str, day: dt.date) -> tuple[Caveat, ...]:
        """The program's freshness caveats on ``day`` (rules checked before it, reported changes)."""
        key = (pid, day)
        found = self._caveats.get(key)
        if found is None:
            if len(self._caveats) >= CAVEATS_KEPT:
                self._caveats.clear()
            found = self._caveats[key] = program_caveats(self.library.programs[pid], self.library, day)
        return found


    def evaluation_steps(self, wanted: frozenset[str], day: dt.date) -> EvaluationSteps:
        """The programs ``wanted`` needs, in evaluation order, and the programs ``wanted`` in the results' order
        with their freshness caveats on ``day`` (``caveats``), found once per selection and day."""
        key = (wanted, day)
        found = self._runs.get(key)
        if found is None:
            if len(self._runs) >= STEPS_KEPT:
                self._runs.clear()
            programs = self.library.programs
            found = self._runs[key] = (tuple([(pid, programs[pid]) for pid in self.needed(wanted)]),
                                       tuple([(pid, self.caveats(pid, day)) for pid in self.in_order(wanted)]))
        return found

    def pick(self, wanted: frozenset[str], day: dt.date) -> Callable[[dict[str, ProgramResult]], tuple[
            ProgramResult, ...]] | None:
        """The function picking the results of ``wanted`` in the results' order out of the results by program, when
        none of them has a freshness caveat on ``day`` and they are two or more (``itemgetter`` of one name gives
        the value alone); None otherwise. Found once per selection and day."""
        key = (wanted, day)
        try:
            return self._picks[key]
        except KeyError:
            if len(self._picks) >= STEPS_KEPT:
                self._picks.clear()
            in_order = self.evaluation_steps(wanted, day)[1]
            found = self._picks[key] = (itemgetter(*[pid for pid, _ in in_order])
                                        if len(in_order) > 1 and not any(extra for _, extra in in_order) else None)
            return found

    def native_steps(self, wanted: frozenset[str], day: dt.date) -> NativeSteps:
        """``evaluation_steps``' programs in evaluation order, each with its native step on ``day``
        (``evaluator.engine.step_on``: the result its standing settles, or its version's walk), found once per
        selection and day once every walk is written (a version's first evaluation walks its plan node by node
        and the walk is written on its second: until then the steps are asked for anew)."""
        key = (wanted, day)
        found = self._native.get(key)
        if found is None:
            found = tuple([(pid, native_step(program, day)) for pid, program in self.evaluation_steps(wanted, day)[0]])
            if all(type(step) is ProgramResult or type(step) is FunctionType for _, step in found):
                if len(self._native) >= STEPS_KEPT:
                    self._native.clear()
                self._native[key] = found
        return found

    def native_run(self, wanted: frozenset[str], day: dt.date) -> NativeRun | None:
        """The function taking every native step of ``wanted`` on ``day`` in evaluation order (``native_steps``),
        writing each program's verdict into the verdicts it is given as the loop of ``evaluate`` does, and giving
        the results of ``wanted`` in the results' order; None while a step is not final (a walk not written yet)
        or when a program wanted has a freshness caveat on ``day`` (the results are then completed one by one).
        Written once per selection and day, as the walks are: one line a program, no loop, no dict of results."""
        key = (wanted, day)
        found: NativeRun | None = self._runners.get(key, _NOT_WRITTEN)
        if found is not _NOT_WRITTEN:
            return found
        found = None
        if not any(extra for _, extra in self.evaluation_steps(wanted, day)[1]):
            steps = self.native_steps(wanted, day)
            if key not in self._native:  # a walk not written yet: asked for anew
                return None
            found = _runner(steps, self.in_order(wanted))
        if len(self._runners) >= STEPS_KEPT:
            self._runners.clear()
        self._runners[key] = found
        return found

    def verdict_steps(self, wanted: frozenset[str], day: dt.date) -> VerdictSteps:
        """The programs ``wanted`` needs on ``day``: the verdicts their standing settles (not in force, not
        encoded), and for the others, in evaluation order, the function deciding each
        (``evaluator.verdict.decider_on``)."""
        from eligibility.evaluator.verdict import decider_on

        key = (wanted, day)
        found = self._steps.get(key)
        if found is None:
            if len(self._steps) >= STEPS_KEPT:
                self._steps.clear()
            programs = self.library.programs
            steps = [(pid, decider_on(programs[pid], day)) for pid in self.needed(wanted)]
            settled = {pid: step for pid, step in steps if isinstance(step, str)}
            deciders = tuple([(pid, step) for pid, step in steps if not isinstance(step, str)])
            found = self._steps[key] = (settled, deciders)
        return found


#: ``LibraryPlan.native_run`` has nothing kept for a selection and day.
_NOT_WRITTEN: Any = object()
#: The native engine's steps of a selection on a day in one function (``LibraryPlan.native_run``): the programs'
#: results of the selection in the results' order, given the measurer and the verdicts to fill.
NativeRun = Callable[[Measurer, dict[str, Verdict]], tuple[ProgramResult, ...]]


def _runner(steps: NativeSteps, in_order: tuple[str, ...]) -> NativeRun:
    """The function taking ``steps`` in order (a settled result as it is, a walk called with the measurer), each
    program's verdict written as its result is made (a later program's conditions read it), giving the results of
    the programs ``in_order`` in that order."""
    namespace: dict[str, Any] = {}
    lines = ["def run(mm, verdicts):"]
    names: dict[str, str] = {}
    for i, (pid, step) in enumerate(steps):
        namespace[f"P{i}"] = pid
        names[pid] = f"r{i}"
        if type(step) is ProgramResult:
            namespace[f"R{i}"], namespace[f"V{i}"] = step, step.verdict
            lines += [f"    r{i} = R{i}", f"    verdicts[P{i}] = V{i}"]
        else:
            namespace[f"S{i}"] = step
            lines += [f"    r{i} = S{i}(mm)", f"    verdicts[P{i}] = r{i}.verdict"]
    lines.append(f"    return ({''.join(names[pid] + ', ' for pid in in_order)})")
    exec(compile("\n".join(lines) + "\n", "<native run of a selection>", "exec"), namespace)
    made: NativeRun = namespace["run"]
    return made


_LIBRARY_PLANS: IdentityCache[Library, LibraryPlan] = IdentityCache()


def library_plan(library: Library) -> LibraryPlan:
    """The library's plan, built on first use and kept as long as the library."""
    return _LIBRARY_PLANS.get(library, LibraryPlan)


def evaluate(profile: Profile, as_of: dt.date, library: Library, programs: Iterable[str] | None = None,
             engine: Engine | str = "native", facts: Facts | None = None) -> Evaluation:
    """Evaluate ``profile`` as of ``as_of`` against ``programs`` (default: all) and their dependencies.

    ``engine`` is an engine object or its name ("native", "durable"); an unknown name is a UsageError.
    ``facts`` may be given to share what was derived from the profile with another computation (the CRS).
    """
    chosen_engine = as_engine(engine)
    plan = library_plan(library)
    wanted = _wanted(plan, programs)
    if facts is None or facts.profile is not profile or facts.as_of != as_of:
        facts = Facts(profile, as_of)
    verdicts: dict[str, Verdict] = {}
    results: dict[str, ProgramResult] = {}
    needed, in_order = plan.evaluation_steps(wanted, as_of)
    evaluate_program = chosen_engine.evaluate_program
    run = plan.native_run(wanted, as_of) if evaluate_program is native_program else None
    if run is not None:
        # The native engine's steps in one function written for the selection and day (no freshness caveat to
        # add): the results in the results' order.
        chosen_results = run(Measurer(facts, library, verdicts), verdicts)
        return Evaluation(as_of, Receipt(as_of, __version__, library.digest, profile_digest(profile),
                                         chosen_engine.name), chosen_results, profile.name)
    if evaluate_program is native_program:
        # The native engine's steps taken here (its ``evaluate_program`` without a call and a measurer a program,
        # each program's step found once per selection and day): one measurer for every program, as
        # ``evaluate_verdicts`` has (measures are kept by condition).
        mm = Measurer(facts, library, verdicts)
        for pid, step in plan.native_steps(wanted, as_of):
            result = results[pid] = step if type(step) is ProgramResult else step(mm)  # type: ignore[operator]
            verdicts[pid] = result.verdict
    else:
        for pid, program in needed:
            result = results[pid] = evaluate_program(program, facts, library, verdicts)
            verdicts[pid] = result.verdict
    receipt = Receipt(as_of, __version__, library.digest, profile_digest(profile), chosen_engine.name)
    pick = plan.pick(wanted, as_of)
    if pick is not None:  # no freshness caveat to add: the results picked in one call
        return Evaluation(as_of, receipt, pick(results), profile.name)
    # Freshness caveats (rules checked before the date, reported changes) are added once here, the same
    # for every engine.
    chosen = []
    for pid, extra in in_order:
        result = results[pid]
        chosen.append(evolve(result, caveats=result.caveats + extra) if extra else result)
    return Evaluation(as_of, receipt, tuple(chosen), profile.name)


def _wanted(plan: LibraryPlan, programs: Iterable[str] | None) -> frozenset[str]:
    """The programs asked for (default: all), each checked to exist (an unknown one is a UsageError)."""
    if programs is None:
        return plan.every
    wanted = frozenset(programs)
    for pid in wanted:
        plan.library.program(pid)
    return wanted


def evaluate_verdicts(profile: Profile, as_of: dt.date, library: Library, programs: Iterable[str] | None = None,
                      facts: Facts | None = None) -> dict[str, Verdict]:
    """The verdicts ``evaluate`` gives with the native engine, by program in the same order, and nothing else.

    Decided by the same plans, measures and logic (``eligibility.evaluator.verdict``) without building
    the results that explain them: for callers that read the verdicts alone (``batch --verdicts-only``).
    """
    plan = library_plan(library)
    wanted = _wanted(plan, programs)
    if facts is None or facts.profile is not profile or facts.as_of != as_of:
        facts = Facts(profile, as_of)
    settled, deciders = plan.verdict_steps(wanted, as_of)
    # The verdicts settled by the programs' standing are known before any program is decided; a decider reads
    # the verdicts of the programs it depends on, decided before it (evaluation order).
    verdicts: dict[str, Verdict] = dict(settled)
    # One measurer for every program: measures are kept by condition, and conditions belong to one version.
    mm = Measurer(facts, library, verdicts, explain=False)
    for pid, decide in deciders:
        verdicts[pid] = decide(mm)
    order = plan.in_order(wanted)
    if len(order) < 2:  # itemgetter of one name gives the value alone, of none is refused
        return {pid: verdicts[pid] for pid in order}
    # The wanted programs' verdicts picked in one call (a batch row asks every program).
    return dict(zip(order, itemgetter(*order)(verdicts), strict=True))
