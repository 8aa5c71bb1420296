"""Verdicts alone: each program's verdict decided as the full evaluation decides it, with nothing explained.

The same compiled plans, the same measuring (``eligibility.measure``), the same kinds' ``decide`` and
the same three-valued combination (``engine.combine``, ``engine.VERDICT_OF``, ``engine.standing``) as
``engine.evaluate_program``; what is left out is what only a reader needs: result nodes, explanation
text, evidence, citations, caveats. Two things make it cheaper still, neither of which can change an
outcome: conditions are read cheapest first (``plan.LEAF_COST``), and a combination stops reading its
conditions once its outcome is settled (a fail under "all", a pass under "any"), so the measures of
the conditions after it are never computed. Measures have no effect besides their value (each is
computed at most once per condition and kept), so the order they are read in does not matter.

Each version in force is compiled once into nested functions of a measurer (one per condition), so that
a profile's evaluation walks no plan and looks nothing up. "all" and "any" are written out as loops
(``all_of``, ``any_of``: ``kleene_all`` and ``kleene_any`` with no generator between), and a kind with a
compiled function of its own (``Kind.outcome``: every kind of ``KINDS`` has one) gives its outcome without making
a measure's record and a decision.
A condition another condition of the version reads the measure of (a work_experience condition named by
``same_occupation_as``, ``teer_from`` or ``primary_occupation_from``) is measured and decided instead, so
that its measure is made once and kept for its reader.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from eligibility.evaluator.engine import VERDICT_OF, combine, standing
from eligibility.evaluator.plan import NodePlan, version_plan
from eligibility.kinds import KINDS
from eligibility.logic import Outcome
from eligibility.measure.cache import IdentityCache
from eligibility.measure.context import Measurer
from eligibility.result import Verdict
from eligibility.rulebook.model import Program, Version
from eligibility.rulebook.tree import walk

#: One condition's outcome for the profile a measurer measures.
NodeDecider = Callable[[Measurer], Outcome]
#: A version's verdict for the profile a measurer measures.
VersionDecider = Callable[[Measurer], Verdict]


def node_decider(node: NodePlan, read: frozenset[int] = frozenset()) -> NodeDecider:
    """The condition's outcome as a function of the measurer: a leaf measured and decided by its kind (or by
    the kind's compiled outcome, ``Kind.outcome``, which gives the same without the measure's record, unless
    the condition is among those whose measure another reads, ``read``, by identity), a composite combined
    from its children, cheapest first."""
    if node.cheap_first is None:
        compiled = KINDS[node.kind].outcome
        if compiled is not None and id(node.cond) not in read:
            return compiled(node.cond)
        cond, measure, decide = node.cond, node.measure, node.decide
        assert measure is not None and decide is not None  # a leaf's plan holds its kind's functions

        def leaf(mm: Measurer) -> Outcome:
            outcome: Outcome = decide(cond, measure(cond, mm)).outcome
            return outcome
        return leaf
    children = tuple([node_decider(k, read) for k in node.cheap_first])
    if node.op == "all":
        return all_of(children)
    if node.op == "any":
        return any_of(children)

    def composite(mm: Measurer) -> Outcome:
        return combine(node, (child(mm) for child in children))
    return composite


def all_of(children: tuple[NodeDecider, ...]) -> NodeDecider:
    """``kleene_all`` of the children's outcomes, written out: no child is read after the first fail."""
    return _settled_by(children, "fail", "pass", ("fail", "pass", "unknown"))


def any_of(children: tuple[NodeDecider, ...]) -> NodeDecider:
    """``kleene_any`` of the children's outcomes, written out: no child is read after the first pass."""
    return _settled_by(children, "pass", "fail", ("pass", "fail", "unknown"))


R = TypeVar("R", bound=str)


def _settled_by(children: tuple[NodeDecider, ...], settling: Outcome, otherwise: Outcome,
                gives: tuple[R, R, R]) -> Callable[[Measurer], R]:
    """The first child's outcome that is ``settling``, without reading the rest; when none is, ``otherwise``
    if every child gave it, else unknown (Kleene "all" settles on a fail, "any" on a pass). Each of the three
    is given as ``gives`` names it (settled, every child ``otherwise``, unknown): the outcomes themselves, or
    a version's verdicts for them. Two children (a category's program and its experience, most composites)
    are read without a loop."""
    settled, whole, unsettled = gives
    if len(children) == 2:
        first, second = children

        def decided_two(mm: Measurer) -> R:
            one = first(mm)
            if one == settling:
                return settled
            two = second(mm)
            if two == settling:
                return settled
            return whole if one == otherwise and two == otherwise else unsettled
        return decided_two

    def decided(mm: Measurer) -> R:
        unknown = False
        for child in children:
            outcome = child(mm)
            if outcome == settling:
                return settled
            if outcome != otherwise:
                unknown = True
        return unsettled if unknown else whole
    return decided


#: The fields holding a reference to another condition of the version, resolved when it loads (those of
#: ``rulebook.structure.RESOLVED``, named here: with a warm cache no rules are read and that module is not
#: imported).
SOURCES = ("teer_source", "trade_source", "primary_source")


def read_by_others(version: Version) -> frozenset[int]:
    """The identities of the version's conditions whose measure another of its conditions reads."""
    found = set()
    for c, _ in walk(version.conditions, ""):
        for name in SOURCES:
            source = getattr(c, name, None)
            if source is not None:
                found.add(id(source))
    return frozenset(found)


def _version_decider(program: Program, version: Version) -> VersionDecider:
    read = read_by_others(version)
    # "all" of the version's conditions, giving the verdict of its outcome (``engine.VERDICT_OF``) directly.
    gives: tuple[Verdict, Verdict, Verdict] = (VERDICT_OF["fail"], VERDICT_OF["pass"], VERDICT_OF["unknown"])
    return _settled_by(tuple([node_decider(n, read) for n in version_plan(program, version).cheap_first]),
                       "fail", "pass", gives)


_DECIDERS: IdentityCache[Version, VersionDecider] = IdentityCache()


def decider_on(program: Program, day: dt.date) -> Verdict | VersionDecider:
    """The program's verdict on ``day`` when its standing settles it (not in force, not encoded), else the
    function deciding it from the conditions of its version in force (compiled once per version)."""
    version, verdict = standing(program, day)
    if verdict is not None:
        return verdict
    assert version is not None  # standing gives a verdict whenever it gives no version
    return _DECIDERS.get(version, lambda v: _version_decider(program, v))
