"""Compile a rules library into one durable-rules ruleset: a pass rule and fail rules per atomic check.

Every leaf condition becomes the few named *checks* its kind states (``hours``, ``need0``, ``item``...).
A check is a pass expression and one or more fail expressions over the fields of one fact; when the fact
lacks a field neither fires, and the check is unknown. Each check gets its own key ``k``; facts carry that key
and a bucket ``t`` so that no alpha node of durable's network gets more than a few hundred children
(past about 512 children, ruleset creation never returns).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from attrs import frozen

from eligibility.kinds import KINDS
from eligibility.kinds.base import MAX_ALTERNATIVES, Check, Scalar, Test, all_of, any_of, conj, present
from eligibility.record import Record
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Composite, Condition, Occupations

#: Check keys per bucket value of ``t`` (children of one alpha node).
BUCKET_SIZE = 200
SENTINEL = "__begin"


def leaf_checks(c: Condition) -> dict[str, Check]:
    """The named checks of one leaf condition, as its kind states them."""
    if isinstance(c, Composite):
        raise TypeError("composite conditions have no checks of their own")
    return KINDS[c.kind].durable_checks(c)


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
    """The occupation selectors durable decides memberships in for a leaf (its kind says which)."""
    return [] if isinstance(c, Composite) else KINDS[c.kind].selectors(c)


@frozen
class CompiledLibrary(Record):
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
