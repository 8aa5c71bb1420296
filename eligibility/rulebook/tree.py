"""Walking the rules: every condition of a tree with its path, and the order programs are evaluated in.

Kept apart from the checks (``rulebook/checks.py``), which import the NOC table and the bounds: the
evaluation and the reports walk trees of conditions at every start, the checks run only when rules are
read anew.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from eligibility.rulebook.model import Composite, Condition, Program, ProgramCondition


def walk(conditions: Sequence[Condition], path: str) -> Iterator[tuple[Condition, str]]:
    """Every condition of a tree with its ``$.path``, parents before children."""
    for i, c in enumerate(conditions):
        here = f"{path}[{i}]"
        yield c, here
        if isinstance(c, Composite):
            key = {"at_least": "of"}.get(c.op, c.op)
            kids_path = f"{here}.{key}"
            if c.op == "not":
                yield c.children[0], kids_path
                if isinstance(c.children[0], Composite):
                    yield from walk(c.children[0].children, f"{kids_path}.{c.children[0].op}")
            else:
                yield from walk(c.children, kids_path)


def dependencies(p: Program) -> set[str]:
    """Ids of the programs whose verdicts any version of ``p`` needs."""
    deps: set[str] = set()
    for version in p.versions:
        for cond, _ in walk(version.conditions, ""):
            if isinstance(cond, ProgramCondition):
                deps.update(cond.any_of)
    return deps


def evaluation_order(programs: dict[str, Program]) -> list[str]:
    """Program ids with every dependency before its dependants; raises ValueError on a cycle."""
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(pid: str, trail: list[str]) -> None:
        if state.get(pid) == 2:
            return
        if state.get(pid) == 1:
            cycle = " -> ".join([*trail[trail.index(pid):], pid])
            raise ValueError(f"programs depend on each other in a cycle: {cycle}")
        state[pid] = 1
        for dep in sorted(dependencies(programs[pid])):
            if dep in programs:
                visit(dep, [*trail, pid])
        state[pid] = 2
        order.append(pid)

    for pid in sorted(programs):
        visit(pid, [])
    return order
