"""A program version compiled once for evaluation: every static part of its result nodes, built on first use.

The citations of a condition resolved against the program's sources, its confidence from them, its words
and kind depend only on the rules, never on a profile: they are worked out once per version (and per
process) instead of once per evaluation. Plans are kept by the identity of the rules objects and dropped
with them, so nothing is added to the rulebook's models (their constructors, loading and pickling stay as
they are) and a library loaded again gets new plans.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable
from typing import Any

import attrs
from attrs import field, frozen

from eligibility.citations import cite
from eligibility.kinds import KINDS
from eligibility.measure.cache import IdentityCache
from eligibility.record import Record
from eligibility.result import Caveat, CitationRef, ConditionResult, VersionRef
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Composite, Condition, JudgementCondition, Program, Version

# From the strongest confidence to the weakest.
CONFIDENCE_ORDER = ("official", "official_via_news", "blog", "unconfirmed")
RANK = {c: i for i, c in enumerate(CONFIDENCE_ORDER)}
#: Confidences a rule's caveat is given for.
WEAK = ("blog", "unconfirmed")
#: Kinds whose result may take a weaker confidence than their citations' (from dated data they read).
WEAKENING_KINDS = frozenset({"funds"})
#: What a composite says when its condition has no ``says`` of its own.
COMPOSITE_SAYS = {"all": "all of these", "any": "at least one of these", "not": "not this"}
#: The rough cost of measuring and deciding a leaf of each kind, relative to a declaration's (measured on
#: the example profiles: a points grid about 50 times, work, language and funds about 8 to 10 times). The
#: verdict-only evaluation reads the cheap conditions first, so that a cheap fail spares the dear measures.
#: Only the order of reading changes with it, never an outcome. Kinds not named cost 1.
LEAF_COST = {"points": 50, "work_experience": 10, "language": 10, "funds": 8, "education": 5,
             "certificate_of_qualification": 3}


def confidence_of(cond: Condition, refs: tuple[CitationRef, ...]) -> str | None:
    """The condition's own confidence, else the weakest of its citations' (None without citations)."""
    if cond.confidence is not None:
        return cond.confidence
    levels = [r.confidence for r in refs]
    return max(levels, key=CONFIDENCE_ORDER.index) if levels else None


@frozen
class NodePlan(Record):
    """The static part of one condition's result node; ``children`` is None for a leaf."""

    cond: Condition
    id: str
    kind: str
    says: str
    citations: tuple[CitationRef, ...]
    confidence: str | None
    judgement: bool = False
    children: tuple[NodePlan, ...] | None = None
    #: The kind's functions, for a leaf (read once here rather than through the kind on every evaluation).
    measure: Callable[[Any, Any], Any] | None = None
    decide: Callable[[Any, Any], Any] | None = None
    report: Callable[[Any, Any, Any], Any] | None = None
    key: Callable[[Any, Any], Hashable | None] | None = None
    #: The kind's key of the condition's measure worked out without the measure (``Kind.keyed``), for a leaf.
    keyed: Callable[[Any], Hashable] | None = None
    #: The kind's key worked out without the measure when the profile gives it at a glance, else None
    #: (``Kind.prekey``), for a leaf.
    prekey: Callable[[Any], Hashable | None] | None = None
    #: The kind's measure, decision and report in one function (``Kind.explained``), for a leaf whose kind has one
    #: and whose key, if any, is found by a prekey first.
    explained: Callable[[Any], Any] | None = None
    op: str = ""
    n: int = 0
    #: Whether the node can give a caveat (a judgement, weak sources, or data that may weaken them).
    may_caveat: bool = False
    #: Result nodes already built for this leaf with their caveat, by the kind's key of the measure (kinds
    #: with a key only).
    results: dict[Hashable, tuple[ConditionResult, Caveat | None]] = field(factory=dict, eq=False, repr=False)
    #: The children, cheapest first (``LEAF_COST``), as the verdict-only evaluation reads them.
    cheap_first: tuple[NodePlan, ...] | None = None
    #: The rough cost of measuring and deciding the node (its leaves' costs added up).
    cost: int = 1


@frozen
class VersionPlan(Record):
    """A version in force compiled: its top-level condition plans and the static parts of its result.

    ``may_caveat`` is False when no node can ever give a caveat (no judgement, no leaf of weak or
    possibly weakened confidence), so the result's tree is not walked for them.
    """

    nodes: tuple[NodePlan, ...]
    ref: VersionRef
    short_title: str
    may_caveat: bool
    #: ``nodes`` cheapest first, as the verdict-only evaluation reads them.
    cheap_first: tuple[NodePlan, ...] = ()


def _may_caveat(node: NodePlan) -> bool:
    return node.may_caveat or any(_may_caveat(k) for k in node.children or ())


def node_plan(cond: Condition, program: Program) -> NodePlan:
    """The static part of ``cond``'s result node (and its children's)."""
    refs = cite(program, cond.citations)
    confidence = confidence_of(cond, refs)
    if isinstance(cond, Composite):
        says = cond.says or COMPOSITE_SAYS.get(cond.op) or f"at least {cond.n} of these"
        children = tuple(node_plan(k, program) for k in cond.children)
        return NodePlan(cond, cond.id, cond.op, says, refs, confidence, children=children, op=cond.op,
                        n=cond.n or 0, may_caveat=confidence in WEAK, cheap_first=cheapest_first(children),
                        cost=sum(k.cost for k in children))
    judgement = isinstance(cond, JudgementCondition)
    kind = KINDS[cond.kind]
    return NodePlan(cond, cond.id, cond.kind, cond.says, refs, confidence, judgement,
                    measure=kind.measure, decide=kind.decide, report=kind.report, key=kind.key,
                    keyed=kind.keyed(cond) if kind.keyed is not None else None,
                    prekey=kind.prekey(cond) if kind.prekey is not None else None,
                    explained=kind.explained(cond) if kind.explained is not None and (
                        kind.key is None or kind.prekey is not None) else None,
                    may_caveat=judgement or confidence in WEAK or cond.kind in WEAKENING_KINDS,
                    cost=LEAF_COST.get(cond.kind, 1))


#: Kinds whose measure and outcome depend on the condition's rules, the facts, the library and the date alone (not
#: on the condition's identity, words or citations, nor on other programs' verdicts): two conditions of equal rules
#: in different programs measure and decide alike, and their reports read alike.
TWIN_KINDS = frozenset({"language", "education", "funds", "job_offer", "certificate_of_qualification",
                        "work_experience", "points"})
#: A condition's parts that only its result node reads (never its measure, decision or report).
_OWN_PARTS = frozenset({"id", "says", "quote", "citations", "note", "confidence"})
#: The number of each distinct rules of a twin kind (``twins``).
_RULES: dict[Hashable, int] = {}


def _rules(cond: Condition) -> int:
    """The number of ``cond``'s rules: the same for every condition of equal rules (its parts but those only the
    result node reads, ``_OWN_PARTS``, written as their repr; a reference to another condition resolved by the
    loader, which the repr leaves out, by the identity of that condition)."""
    parts = tuple((a.name, repr(getattr(cond, a.name)) if a.repr else id(getattr(cond, a.name)))
                  for a in attrs.fields(type(cond)) if a.name not in _OWN_PARTS)
    return _RULES.setdefault((type(cond).__qualname__, parts), len(_RULES))


def _twins(library: Library) -> dict[int, int]:
    leaves: list[tuple[str, Condition]] = []

    def add(pid: str, conds: tuple[Condition, ...]) -> None:
        for cond in conds:
            if isinstance(cond, Composite):
                add(pid, cond.children)
            elif cond.kind in TWIN_KINDS:
                leaves.append((pid, cond))

    for pid, program in library.programs.items():
        for version in program.versions:
            add(pid, version.conditions)
    numbers = [(pid, cond, _rules(cond)) for pid, cond in leaves]
    programs: dict[int, set[str]] = {}
    for pid, _, number in numbers:
        programs.setdefault(number, set()).add(pid)
    return {id(cond): number for _, cond, number in numbers if len(programs[number]) > 1}


#: Each library's conditions of equal rules in two programs or more (``twins``), kept while the library lives.
_TWINS: IdentityCache[Library, dict[int, int]] = IdentityCache()


def twins(library: Library) -> dict[int, int]:
    """The conditions of a twin kind (``TWIN_KINDS``) whose rules another program of ``library`` holds too, by
    identity, each with the number of its rules: the same for equal rules (found once per library, when the first
    walk is written, not when a plan is made: a process evaluating once never pays for it)."""
    return _TWINS.get(library, _twins)


def cheapest_first(nodes: tuple[NodePlan, ...]) -> tuple[NodePlan, ...]:
    """``nodes`` sorted by cost, nodes of the same cost in the rules' order."""
    return tuple(sorted(nodes, key=lambda n: n.cost))


class ProgramPlan:
    """What is kept per program: its versions' plans and walks (by version identity), its version on each day and
    the native evaluator's step on each day."""

    __slots__ = ("days", "steps", "versions", "walks")

    def __init__(self, _: Program) -> None:
        self.versions: dict[int, VersionPlan] = {}
        self.days: dict[dt.date, Version | None] = {}
        #: The native evaluator's step on each day (``engine.evaluate_program``): the result the program's
        #: standing settles, or the version's plan with its walk.
        self.steps: dict[dt.date, Any] = {}
        #: Each version's walk (``evaluator.walk``), by version identity, made on first use.
        self.walks: dict[int, Any] = {}


_PLANS: IdentityCache[Program, ProgramPlan] = IdentityCache()


def program_plan(program: Program) -> ProgramPlan:
    """The program's plan, made on first use."""
    return _PLANS.find(program) or _PLANS.get(program, ProgramPlan)


def version_plan(program: Program, version: Version) -> VersionPlan:
    """The compiled plan of one of the program's versions, built on first use."""
    plans = program_plan(program).versions
    found = plans.get(id(version))
    if found is None:
        nodes = tuple(node_plan(c, program) for c in version.conditions)
        found = VersionPlan(nodes, VersionRef(version.valid_from, version.valid_to, version.in_force),
                            program.short_title or program.title, any(_may_caveat(n) for n in nodes),
                            cheapest_first(nodes))
        plans[id(version)] = found
    return found


#: Days kept per program in ``version_on``'s table before it is emptied (a bound on memory).
DAYS_KEPT = 4096


def version_on(program: Program, day: dt.date) -> Version | None:
    """``program.version_on(day)``, found once per program and day."""
    days = program_plan(program).days
    try:
        return days[day]
    except KeyError:
        if len(days) >= DAYS_KEPT:
            days.clear()
        found = days[day] = program.version_on(day)
        return found
