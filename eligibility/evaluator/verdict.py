"""Verdicts alone: each program's verdict decided as the full evaluation decides it, with nothing explained.

The same compiled plans, the same measuring (``eligibility.measure``), the same kinds' ``decide`` and
the same three-valued combination (``engine.combine``, ``engine.VERDICT_OF``, ``engine.standing``) as
``engine.evaluate_program``; what is left out is what only a reader needs: result nodes, explanation
text, evidence, citations, caveats. Two things make it cheaper still, neither of which can change an
outcome: conditions are read cheapest first (``plan.LEAF_COST``), and a combination stops reading its
conditions once its outcome is settled (a fail under "all", a pass under "any"), so the measures of
the conditions after it are never computed. Measures have no effect besides their value (each is
computed at most once per program and kept), so the order they are read in does not matter.
"""

from __future__ import annotations

from eligibility.evaluator.engine import VERDICT_OF, combine, standing
from eligibility.evaluator.plan import NodePlan, version_plan
from eligibility.facts import Facts
from eligibility.logic import Outcome, kleene_all
from eligibility.measure.context import Measurer
from eligibility.result import Verdict
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Program


def node_outcome(node: NodePlan, mm: Measurer) -> Outcome:
    """The outcome of one condition: a leaf measured and decided by its kind, a composite combined."""
    children = node.cheap_first
    if children is not None:
        return combine(node, (node_outcome(k, mm) for k in children))
    cond = node.cond
    decision = node.decide(cond, node.measure(cond, mm))  # type: ignore[misc]
    outcome: Outcome = decision.outcome
    return outcome


def program_verdict(program: Program, facts: Facts, library: Library, verdicts: dict[str, Verdict]) -> Verdict:
    """The program's verdict on the facts' as-of date, exactly ``engine.evaluate_program(...).verdict``."""
    version, verdict = standing(program, facts.as_of)
    if verdict is not None:
        return verdict
    assert version is not None  # standing gives a verdict whenever it gives no version
    mm = Measurer(facts, library, verdicts)
    return VERDICT_OF[kleene_all(node_outcome(node, mm) for node in version_plan(program, version).cheap_first)]
