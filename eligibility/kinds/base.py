"""What every condition kind provides: measure, decide (natively and with durable-rules), report.

A kind's module is the one home of its meaning besides its model in ``rulebook.model``: how it is
measured (``eligibility.measure``), how Python decides it, the checks durable-rules decides it with and
the facts it asserts for them, and how its result reads. Only the decision differs between engines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from attrs import define, field, frozen

from eligibility.logic import Outcome
from eligibility.measure.context import Measurer
from eligibility.record import Record
from eligibility.rulebook.model import Occupations

C = TypeVar("C")
M = TypeVar("M")
Scalar = str | int | float
Expr = dict[str, Any]
#: A leaf's outcome, observed value, requirement, explanation and evidence, as its result node holds them (plain
#: JSON made for that node alone), and the confidence of dated data it read when the node takes the weaker of it and
#: the condition's (``LeafOutcome.confidence``; None: the condition's own): what ``Kind.explained`` gives.
Explained = tuple[Outcome, Any, Any, str, tuple[dict[str, Any], ...], str | None]

#: Most alternatives one ``$or`` may hold; durable hangs at ruleset creation past about 510.
MAX_ALTERNATIVES = 400


@define
class Decision:
    """A leaf's outcome and the outcomes of its named parts (each check, each record) that the report reads."""

    outcome: Outcome
    parts: dict[str, Outcome] = field(factory=dict)


@define
class LeafOutcome:
    """A leaf's outcome with the values seen and required, the explanation and the evidence."""

    outcome: Outcome
    observed: Any = None
    required: Any = None
    explanation: str = ""
    evidence: tuple[dict[str, Any], ...] = ()
    # The confidence of dated data the leaf read (a funds table), when it may be weaker than the
    # condition's citations: the result takes the weaker of the two.
    confidence: str | None = None
    #: True when ``observed``, ``required`` and ``evidence`` are already plain JSON (``plain`` gives them
    #: back unchanged) in lists and dicts made for this outcome alone: the result node takes them as they
    #: are instead of copying them.
    plain: bool = False


_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A JSON value as JSON gives it back: lists for tuples, ISO text for dates, text keys (always a copy)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): v if type(v) in _SCALARS else plain(v) for k, v in value.items()}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class Matcher(Protocol):
    """How a durable decision asks durable-rules about facts (``engines.durable_run.LeafRun`` implements it)."""

    def decide(self, name: str, items: list[dict[str, Scalar]]) -> list[Outcome]:
        """Outcomes of this leaf's check ``name`` on each fact."""
        ...

    def one(self, name: str, item: dict[str, Scalar]) -> Outcome:
        """Outcome of this leaf's check ``name`` on one fact (an empty fact: unknown)."""
        ...

    def member(self, occupations: Occupations, code: str | None) -> Outcome:
        """Whether durable places the NOC code in the selector (unknown without a code)."""
        ...


# --- the durable form of checks -----------------------------------------------------------------

@frozen
class Test(Record):
    """One atomic comparison ``field op value`` with op in == != >= > <= < in not_in."""

    __test__ = False  # the name starts with "Test"; tell pytest this is not a test class

    field: str
    op: str
    value: Any

    def expr(self) -> Expr:
        """The durable JSON form."""
        if self.op == "==":
            return {self.field: self.value}
        if self.op == "in":
            return any_of([{self.field: v} for v in self.value])
        if self.op == "not_in":
            return all_of([{"$neq": {self.field: v}} for v in self.value])
        return {_OPS[self.op]: {self.field: self.value}}

    def negated(self) -> Test:
        """The test that holds exactly when this one fails on a present field."""
        return Test(self.field, _NEG[self.op], self.value)


_OPS = {"!=": "$neq", ">=": "$gte", ">": "$gt", "<=": "$lte", "<": "$lt"}
_NEG = {"==": "!=", "!=": "==", ">=": "<", "<": ">=", ">": "<=", "<=": ">", "in": "not_in", "not_in": "in"}


def any_of(exprs: Sequence[Expr]) -> Expr:
    """``$or`` (a single expression stays as it is)."""
    if len(exprs) > MAX_ALTERNATIVES:
        raise ValueError(f"{len(exprs)} alternatives in one $or; durable hangs past about 510")
    return exprs[0] if len(exprs) == 1 else {"$or": list(exprs)}


def all_of(exprs: Sequence[Expr]) -> Expr:
    """``$and`` (a single expression stays as it is)."""
    return exprs[0] if len(exprs) == 1 else {"$and": list(exprs)}


@frozen
class Check(Record):
    """A pass expression and the fail expressions of one atomic check (neither fires: unknown)."""

    passes: Expr
    fails: tuple[Expr, ...]


def conj(*tests: Test) -> Check:
    """All the tests hold; one fail rule per test, its negation (Kleene AND over present fields)."""
    return Check(all_of([t.expr() for t in tests]), tuple(t.negated().expr() for t in tests))


def present(name: str) -> Check:
    """Passes whenever the field is given (a check with no requirement)."""
    return Check({"$ex": {name: 1}}, ())


def at_least_one() -> Check:
    """The repeated records are listed and there is at least one (unknown when the list is unknown)."""
    return conj(Test("count", ">=", 1))


def listed(run: Matcher, count: int | None, name: str, items: list[dict[str, Scalar]]) -> list[Outcome]:
    """Each record's outcome of check ``name``: none when the list is empty; unknown for all when it is unknown."""
    have = run.one("count", {} if count is None else {"count": count})
    if have != "pass":
        return [have]
    return run.decide(name, items)


def tag(value: object) -> str:
    """A declared value as typed text, equal exactly when Python's ``==`` says so (True == 1 == 1.0)."""
    if isinstance(value, bool | int | float):
        return f"n:{float(value)!r}"
    if isinstance(value, str):
        return f"s:{value}"
    return "none"


# --- the registry entry -------------------------------------------------------------------------

def _no_selectors(_: Any) -> list[Occupations]:
    return []


@frozen
class Kind(Record, Generic[C, M]):
    """One condition kind: its model class and the functions both engines share or choose between."""

    name: str
    model: type
    measure: Callable[[C, Measurer], M]
    decide: Callable[[C, M], Decision]
    durable_checks: Callable[[C], dict[str, Check]]
    durable_decide: Callable[[C, M, Matcher], Decision]
    report: Callable[[C, M, Decision], LeafOutcome]
    selectors: Callable[[C], list[Occupations]] = _no_selectors
    #: For a kind whose measure is (or may be) a few plain values: a key equal for two measures exactly
    #: when the report of one is the report of the other (types included: True, 1 and 1.0 are different
    #: keys), or None for a measure that has no such key. The native evaluator keeps each condition's
    #: result node by this key and reuses it.
    key: Callable[[C, M], Hashable | None] | None = None
    #: For the verdict-only evaluation (``evaluator.verdict``): the condition compiled into a function of the
    #: measurer giving ``decide(c, measure(c, mm)).outcome`` without making the measure's and the decision's
    #: records (``tests/test_verdict_outcomes.py`` holds the two equal; every kind of the package has one).
    #: None: measured and decided.
    outcome: Callable[[C], Callable[[Measurer], Outcome]] | None = None
    #: For a kind whose measure always has a key: the condition compiled into a function of the measurer giving
    #: ``key(c, measure(c, mm))`` without making the measure's record, so that a node kept for the key is found
    #: without measuring (``tests/test_eval6_keyed.py`` holds the two equal). None: measured, then keyed.
    keyed: Callable[[C], Callable[[Measurer], Hashable]] | None = None
    #: For a kind whose measure has a key for some profiles that a glance at the profile tells (no work history
    #: listed, no job offer): the condition compiled into a function of the measurer giving a key without
    #: measuring, or None when the condition must be measured. Every profile it gives the same key must have
    #: the same report (the key may be one ``key`` never gives: the node kept for it is built from the measure
    #: of the first such profile); ``tests/test_eval7_prekey.py`` holds the two equal. None: measured.
    prekey: Callable[[C], Callable[[Measurer], Hashable | None]] | None = None
    #: For the full evaluation (``evaluator.walk``): the condition compiled into one function of the measurer that
    #: measures, decides and reports in one pass, giving the node's values as ``report(c, m, decide(c, m))`` gives
    #: them (plain) without the measure's, the decision's and the outcome's
    #: records. The walk calls it where it would measure a leaf whose key is None: for a kind with a ``key``, only
    #: after its ``prekey`` gave None, so such a kind must have a ``key`` that is None whenever its ``prekey`` is
    #: (``tests/test_eval10_explained.py`` holds both). None: measured, decided and reported.
    explained: Callable[[C], Callable[[Measurer], Explained]] | None = None


def typed(value: object) -> tuple[type, str]:
    """A value as a key that tells apart what ``==`` does not: True, 1 and 1.0; 0.0 and -0.0."""
    # The values a declaration most often holds, found by identity (a dict would take 1 for True): one key each.
    if value is True:
        return _TYPED_TRUE
    if value is False:
        return _TYPED_FALSE
    if value is None:
        return _TYPED_NONE
    return type(value), repr(value)


_TYPED_TRUE, _TYPED_FALSE, _TYPED_NONE = (bool, repr(True)), (bool, repr(False)), (type(None), repr(None))
