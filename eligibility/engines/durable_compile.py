"""Compile a rules library into one durable-rules ruleset: a pass rule and fail rules per atomic check.

Every leaf condition becomes a few named *checks* (``hours``, ``need0``, ``item``...). A check is a
pass expression and one or more fail expressions over the fields of one fact; when the fact lacks a
field neither fires, and the check is unknown. Each check gets its own key ``k``; facts carry that key
and a bucket ``t`` so that no alpha node of durable's network gets more than a few hundred children
(past about 512 children, ruleset creation never returns).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from attrs import frozen

from eligibility.rulebook.library import Library
from eligibility.rulebook.model import (
    AgeCondition,
    CertificateCondition,
    Composite,
    Condition,
    DeclarationCondition,
    EducationCondition,
    FundsCondition,
    IntendedProvinceCondition,
    JobOfferCondition,
    JudgementCondition,
    LanguageCondition,
    Levels,
    Occupations,
    PointsCondition,
    ProgramCondition,
    WorkExperienceCondition,
)

Expr = dict[str, Any]
Scalar = str | int | float

#: Most alternatives one ``$or`` may hold; durable hangs at ruleset creation past about 510.
MAX_ALTERNATIVES = 400
#: Check keys per bucket value of ``t`` (children of one alpha node).
BUCKET_SIZE = 200
SENTINEL = "__begin"
#: Arranged employment (IRPR s. 82(2)): TEER 0 to 3, used by the funds exemption.
SKILLED = Occupations(teer=(0, 1, 2, 3))
ABILITIES = ("reading", "writing", "listening", "speaking")
#: Verdicts of another program that make a ``program`` condition fail (``undetermined`` leaves it unknown).
NOT_ELIGIBLE = ("not_eligible", "not_in_force", "not_encoded")
#: A job offer with no end date lasts indefinitely: its duration in months as a number.
OPEN_ENDED_MONTHS = 10**6


@frozen
class Test:
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
class Check:
    """A pass expression and the fail expressions of one atomic check (neither fires: unknown)."""

    passes: Expr
    fails: tuple[Expr, ...]


def conj(*tests: Test) -> Check:
    """All the tests hold; one fail rule per test, its negation (Kleene AND over present fields)."""
    return Check(all_of([t.expr() for t in tests]), tuple(t.negated().expr() for t in tests))


def present(field: str) -> Check:
    """Passes whenever the field is given (a check with no requirement)."""
    return Check({"$ex": {field: 1}}, ())


# --- checks of each leaf kind -------------------------------------------------------------------

def level_tests(need: Levels) -> list[Test]:
    """One ``>=`` test per ability."""
    return [Test(a, ">=", getattr(need, a)) for a in ABILITIES]


def language_needs(c: LanguageCondition) -> list[Levels]:
    """Every distinct minimum the condition may apply, in a stable order."""
    if c.minimum is not None:
        return [c.minimum]
    return list(dict.fromkeys((c.minimum_by_teer or {}).values()))


def offer_checks(hours: float | None, months: int | None) -> dict[str, Check]:
    """The offer's own checks shared by job offers and arranged employment."""
    out = {"offer": conj(Test("has_offer", "==", 1))}
    if hours is not None:
        out["hours"] = conj(Test("hours_per_week", ">=", hours))
    if months is not None:
        out["duration"] = conj(Test("duration_months", ">=", months))
    return out


def arranged_checks() -> dict[str, Check]:
    """IRPR s. 82(2): 30 h/week, one year, not seasonal, LMIA-based or from a current exempt employer."""
    out = {f"ae.{k}": v for k, v in offer_checks(30, 12).items()}
    out["ae.seasonal"] = conj(Test("seasonal", "==", 0))
    out["ae.lmia"] = Check(
        any_of([{"lmia": "positive"}, all_of([{"lmia": "exempt"}, {"$gte": {"employer_hours": 1560}}])]),
        (any_of([{"lmia": "none"}, all_of([{"lmia": "exempt"}, {"$lt": {"employer_hours": 1560}}])]),))
    out["job"] = conj(Test("current_job", "==", 1))
    return out


def leaf_checks(c: Condition) -> dict[str, Check]:
    """The named checks of one leaf condition."""
    if isinstance(c, WorkExperienceCondition):
        return {"hours": Check({"$gte": {"low": c.min_hours}}, ({"$lt": {"high": c.min_hours}},))}
    if isinstance(c, PointsCondition):
        return {"score": Check({"$gte": {"low": c.pass_mark}}, ({"$lt": {"high": c.pass_mark}},))}
    if isinstance(c, LanguageCondition):
        base = [Test("valid", "==", 1)]
        if c.language != "any":
            base.append(Test("language", "==", c.language))
        if c.tests is not None:
            base.append(Test("test", "in", list(c.tests)))
        out = {"count": conj(Test("count", ">=", 1))}
        for i, need in enumerate(language_needs(c)):
            out[f"need{i}"] = conj(*base, *level_tests(need))
        return out
    if isinstance(c, EducationCondition):
        tests = [Test("recognized", "==", 1)]
        if c.country is not None:
            tests.append(Test("country", "==", c.country))
        if c.province is not None:
            tests.append(Test("province", "==", c.province))
        if c.completed_within_months is not None:
            tests += [Test("completed_known", "==", 1), Test("completed_margin_days", ">", 0)]
        from eligibility.facts import level_rank

        tests.append(Test("level_rank", ">=", level_rank(c.minimum_level)))
        return {"count": conj(Test("count", ">=", 1)), "item": conj(*tests)}
    if isinstance(c, FundsCondition):
        # Enough for a family size known only as a lower bound settles nothing; short of it always fails.
        out = {"surplus": Check(all_of([{"$gte": {"surplus": 0}}, {"exact": 1}]), ({"$lt": {"surplus": 0}},))}
        if c.exempt_if_authorized_with_offer:
            out.update(arranged_checks())
        return out
    if isinstance(c, JobOfferCondition):
        out = offer_checks(c.min_hours_per_week, c.min_duration_months)
        if c.lmia is not None:
            out["lmia"] = conj(Test("lmia", "in", list(c.lmia)))
        if c.provinces is not None:
            out["province"] = conj(Test("province", "in", list(c.provinces)))
        if c.non_seasonal:
            out["seasonal"] = conj(Test("seasonal", "==", 0))
        if c.min_wage_hourly is not None or c.wage_floors_hourly:
            out["wage_hourly"] = conj(Test("wage_margin", ">=", 0))
        if c.min_wage_annual is not None:
            out["wage_annual"] = conj(Test("wage_annual", ">=", c.min_wage_annual))
        return out
    if isinstance(c, CertificateCondition):
        out = {"count": conj(Test("count", ">=", 1))}
        if c.same_occupation_as:
            out["trade"] = conj(Test("same_trade", "==", 1))
        return out
    if isinstance(c, IntendedProvinceCondition):
        tests = ([Test("province", "in", list(c.allowed))] if c.allowed is not None else []) + (
            [Test("province", "not_in", list(c.excluded))] if c.excluded else [])
        return {"where": conj(*tests) if tests else present("province")}
    if isinstance(c, AgeCondition):
        tests = ([Test("age", ">=", c.min)] if c.min is not None else []) + (
            [Test("age", "<=", c.max)] if c.max is not None else [])
        return {"age": conj(*tests) if tests else present("age")}
    if isinstance(c, ProgramCondition):
        return {"verdict": Check({"verdict": "eligible"}, (Test("verdict", "in", list(NOT_ELIGIBLE)).expr(),))}
    if isinstance(c, DeclarationCondition):
        if c.min is not None:
            return {"value": conj(Test("number", ">=", c.min))}
        return {"value": conj(Test("tagged", "==", tag(c.equals)))}
    if isinstance(c, JudgementCondition):
        return {"said": conj(Test("said", "!=", "false"))}
    raise TypeError(f"no durable checks for condition kind {type(c).__name__}")


def tag(value: object) -> str:
    """A declared value as typed text, equal exactly when Python's ``==`` says so (True == 1 == 1.0)."""
    if isinstance(value, bool | int | float):
        return f"n:{float(value)!r}"
    if isinstance(value, str):
        return f"s:{value}"
    return "none"


def selector_checks(occ: Occupations) -> dict[str, Check]:
    """Membership of a NOC code in a selector, split so that no ``$or`` exceeds ``MAX_ALTERNATIVES``."""
    out: dict[str, Check] = {}
    if occ.codes is not None or occ.groups is not None:
        alternatives = [Test("g5", "==", code) for code in occ.codes or ()]
        alternatives += [Test(f"g{len(g)}", "==", g) for g in occ.groups or ()]
        if not alternatives:
            out["listed0"] = conj(Test("g5", "==", "-"))  # an empty list: no code is listed
        for i in range(0, len(alternatives), MAX_ALTERNATIVES):
            chunk = alternatives[i:i + MAX_ALTERNATIVES]
            out[f"listed{i // MAX_ALTERNATIVES}"] = Check(any_of([t.expr() for t in chunk]),
                                                         (all_of([t.negated().expr() for t in chunk]),))
    if occ.teer is not None:
        out["teer"] = conj(Test("teer", "in", list(occ.teer)))
    if occ.exclude:
        out["exclude"] = conj(*(Test(f"g{len(x)}", "!=", x) for x in occ.exclude))
    return out or {"any": present("g5")}


# --- the library --------------------------------------------------------------------------------

def preorder(conditions: Sequence[Condition]) -> Iterator[Condition]:
    """Every condition of a tree, parents before children (the numbering of leaves)."""
    for c in conditions:
        yield c
        if isinstance(c, Composite):
            yield from preorder(c.children)


def selectors_of(c: Condition) -> list[Occupations]:
    """The occupation selectors a leaf asks about."""
    if isinstance(c, WorkExperienceCondition):
        return [c.occupations]
    if isinstance(c, JobOfferCondition | CertificateCondition) and c.occupations is not None:
        return [c.occupations]
    if isinstance(c, FundsCondition) and c.exempt_if_authorized_with_offer:
        return [SKILLED]
    return []


@frozen
class CompiledLibrary:
    """The ruleset definition with the keys of every leaf and selector."""

    rules: dict[str, Any]
    leaves: dict[tuple[str, int, int], str]
    selectors: dict[Occupations, dict[str, str]]
    buckets: dict[str, str]

    def rule_count(self) -> int:
        """How many rules the ruleset holds (the sentinel included)."""
        return len(self.rules)


def compile_library(library: Library) -> CompiledLibrary:
    """Compile every leaf of every version of every program, and every occupation selector."""
    rules: dict[str, Any] = {SENTINEL: {"all": [{"m": {"t": SENTINEL}}]}}
    buckets: dict[str, str] = {}

    def add(key: str, check: Check) -> None:
        bucket = f"b{len(buckets) // BUCKET_SIZE}"
        buckets[key] = bucket
        head = [{"t": bucket}, {"k": key}]
        rules[f"{key}|p"] = {"all": [{"m": all_of([*head, check.passes])}]}
        for j, fail in enumerate(check.fails):
            rules[f"{key}|f{j}"] = {"all": [{"m": all_of([*head, fail])}]}

    leaves: dict[tuple[str, int, int], str] = {}
    selectors: dict[Occupations, dict[str, str]] = {}
    for pid in sorted(library.programs):
        for vi, version in enumerate(library.programs[pid].versions):
            for pos, cond in enumerate(preorder(version.conditions)):
                if isinstance(cond, Composite):
                    continue
                prefix = f"L{len(leaves)}"
                leaves[(pid, vi, pos)] = prefix
                for name, check in leaf_checks(cond).items():
                    add(f"{prefix}.{name}", check)
                for occ in selectors_of(cond):
                    if occ not in selectors:
                        names = {}
                        for name, check in selector_checks(occ).items():
                            names[name] = f"O{len(selectors)}.{name}"
                            add(names[name], check)
                        selectors[occ] = names
    return CompiledLibrary(rules, leaves, selectors, buckets)


def code_fields(code: str, teer: int | None) -> dict[str, Scalar]:
    """The fields of a NOC code fact: its prefixes g1 to g5 and its TEER (absent when unknown)."""
    fields: dict[str, Scalar] = {f"g{n}": code[:n] for n in range(1, 6)}
    if teer is not None:
        fields["teer"] = teer
    return fields
