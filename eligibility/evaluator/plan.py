"""A program version compiled once for evaluation: every static part of its result nodes, built on first use.

The citations of a condition resolved against the program's sources, its confidence from them, its words
and kind depend only on the rules, never on a profile: they are worked out once per version (and per
process) instead of once per evaluation. Plans are kept by the identity of the rules objects and dropped
with them, so nothing is added to the rulebook's models (their constructors, loading and pickling stay as
they are) and a library loaded again gets new plans.
"""

from __future__ import annotations

from typing import Any

from attrs import frozen

from eligibility.citations import cite
from eligibility.kinds import KINDS
from eligibility.kinds.base import Kind
from eligibility.measure.cache import IdentityCache
from eligibility.result import CitationRef
from eligibility.rulebook.model import Composite, Condition, JudgementCondition, Program, Version

# From the strongest confidence to the weakest.
CONFIDENCE_ORDER = ("official", "official_via_news", "blog", "unconfirmed")
RANK = {c: i for i, c in enumerate(CONFIDENCE_ORDER)}
#: What a composite says when its condition has no ``says`` of its own.
COMPOSITE_SAYS = {"all": "all of these", "any": "at least one of these", "not": "not this"}


def confidence_of(cond: Condition, refs: tuple[CitationRef, ...]) -> str | None:
    """The condition's own confidence, else the weakest of its citations' (None without citations)."""
    if cond.confidence is not None:
        return cond.confidence
    levels = [r.confidence for r in refs]
    return max(levels, key=CONFIDENCE_ORDER.index) if levels else None


@frozen
class NodePlan:
    """The static part of one condition's result node; ``children`` is None for a leaf."""

    cond: Condition
    id: str
    kind: str
    says: str
    citations: tuple[CitationRef, ...]
    confidence: str | None
    judgement: bool = False
    entry: Kind[Any, Any] | None = None
    children: tuple[NodePlan, ...] | None = None
    op: str = ""
    n: int = 0


@frozen
class VersionPlan:
    """A version in force compiled: its top-level condition plans."""

    nodes: tuple[NodePlan, ...]


def node_plan(cond: Condition, program: Program) -> NodePlan:
    """The static part of ``cond``'s result node (and its children's)."""
    refs = cite(program, cond.citations)
    confidence = confidence_of(cond, refs)
    if isinstance(cond, Composite):
        says = cond.says or COMPOSITE_SAYS.get(cond.op) or f"at least {cond.n} of these"
        return NodePlan(cond, cond.id, cond.op, says, refs, confidence,
                        children=tuple(node_plan(k, program) for k in cond.children), op=cond.op, n=cond.n or 0)
    return NodePlan(cond, cond.id, cond.kind, cond.says, refs, confidence, isinstance(cond, JudgementCondition),
                    KINDS[cond.kind])


_PLANS: IdentityCache[Program, dict[int, VersionPlan]] = IdentityCache()


def version_plan(program: Program, version: Version) -> VersionPlan:
    """The compiled plan of one of the program's versions, built on first use."""
    plans = _PLANS.get(program, lambda _: {})
    found = plans.get(id(version))
    if found is None:
        found = VersionPlan(tuple(node_plan(c, program) for c in version.conditions))
        plans[id(version)] = found
    return found
