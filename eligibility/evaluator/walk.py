"""One function per version in force that builds its result nodes, made from its plan on first use.

Walking a version's plan node by node costs a call per node, and on each node the reads of what it is (leaf
or composite, kept by key or not, able to give a caveat or not) that never change between evaluations.
``walker`` writes those answers into the source of one function per version, as ``engines/digest.py`` writes
a function per class: each leaf measured, decided and reported by its kind's functions and made into its
node, or found among the nodes kept for its key; each composite combined from its children's outcomes. The
nodes are taken in the order ``engine._evaluate`` takes them (children before their parent, in the rules'
order), so the measures are asked for in the same order and the caveats come in the same order.
``tests/test_evaluation_paths.py`` holds the results equal to ``_evaluate``'s with every node built anew, and
``tests/test_eval6_walk.py`` the source to what it says.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from types import GetSetDescriptorType
from typing import Any

import attrs

from eligibility.evaluator.plan import RANK, WEAK, NodePlan, VersionPlan
from eligibility.kinds.base import LeafOutcome
from eligibility.measure.context import Measurer
from eligibility.result import Caveat, ConditionResult, ProgramResult
from eligibility.rulebook.model import Program

#: A version's walk: the program's result on the measurer's profile and day.
Walk = Callable[[Measurer], ProgramResult]


def walker(program: Program, plan: VersionPlan, leaf: Callable[[NodePlan, LeafOutcome], ConditionResult],
           caveat_of: Callable[[ConditionResult], Caveat | None],
           keep: Callable[[NodePlan, Any, Hashable], tuple[ConditionResult, Caveat | None]],
           combine: Callable[[NodePlan, list[Any]], Any], twins: dict[int, int]) -> Walk:
    """The function building the result of ``program`` by the version whose plan is ``plan``: its result nodes,
    the caveats they give in order, its verdict and message (as ``engine.program_result`` makes them).

    ``twins`` numbers the conditions whose rules another program holds too (``plan.twins``). ``leaf`` makes a
    leaf's node from its outcome, ``caveat_of`` gives a node's caveat, ``keep`` builds, keeps
    and gives a keyed leaf's node and caveat for a measure not kept yet, ``combine`` decides an at_least or not
    condition (the engine's own functions, passed in: the engine imports this module).
    """
    # The program's own parts are copied (the program is not held: plans are dropped with it).
    namespace: dict[str, Any] = {"CR": ConditionResult, "LEAF": leaf, "CAVEAT_OF": caveat_of, "KEEP": keep,
                                 "COMBINE": combine, "PR": ProgramResult, "TOP": tuple([n.id for n in plan.nodes]),
                                 "RESULTS_KEPT": RESULTS_KEPT, "WHOLE_KEPT": WHOLE_KEPT, "NEW": object.__new__,
                                 "SETDICT": SETDICT, "PSETDICT": PSETDICT}
    # The result's fields that the version fixes, in the order of the fields; the others are set per evaluation.
    namespace["PT"] = {"id": program.id, "title": program.title, "verdict": None, "version": plan.ref,
                       "message": None, "caveats": (), "conditions": (), "confidence": program.confidence,
                       "kind": program.kind, "short_title": plan.short_title}
    lines = ["def walk(mm):", "    caveats = []"]
    count = [0]
    # A version whose every leaf can be keyed without measuring (``Kind.keyed``, ``Kind.prekey``): its leaves'
    # keys are worked out first, and the program's result is kept by all of them together (the same keys give
    # the same nodes, hence the same result), so that a profile whose keys were all met before finds it whole.
    whole = all(leaf.keyed is not None or leaf.prekey is not None for leaf in _leaves(plan.nodes))
    keys: list[tuple[int, bool]] = []  # each leaf's number, and whether its key may be None (a prekey)
    shares = [False]  # whether some leaf is shared with another program's (``plan.twins``)

    # A key function met again in the version (one function for many conditions: ``job_offer._offer_key``) is called
    # once: its first call's value, by its identity. Every key is worked out at the function's top level (never in a
    # branch), and a key depends on the measurer alone.
    firsts: dict[int, int] = {}
    called: dict[int, str] = {}

    def once(function: Callable[[Measurer], Any], name: str) -> str:
        """The expression of ``function``'s key (the global ``name``): a call kept in a local the first time, that
        local after."""
        local = called.get(id(function))
        if local is not None:
            return local
        local = called[id(function)] = f"key_{name}"
        lines.append(f"    {local} = {name}(mm)")
        return local

    def emit(node: NodePlan) -> tuple[str, str]:
        """The lines making ``node``'s result (``r<i>``); gives its name and whether it is a kept node: "True"
        (always), "False" (never) or the name of the flag saying so in the run (a kept node is found again for
        the same facts: the composites and the result made of kept nodes alone are kept by them too)."""
        made = [emit(k) for k in node.children] if node.children is not None else None
        i = count[0]
        count[0] += 1
        r = f"r{i}"
        # The node's static parts, each a name of the function's globals.
        for name, value in (("N", node), ("C", node.cond), ("ID", node.id), ("KIND", node.kind), ("SAYS", node.says),
                            ("CIT", node.citations), ("CONF", node.confidence), ("JUDG", node.judgement)):
            namespace[f"{name}{i}"] = value
        if made is not None:
            kids = [k for k, _ in made]
            # The node's fields but its children depend on its children's outcomes alone: found by them (made by
            # ``_combined`` for outcomes not met yet), a copy of them with the children set.
            kept_by_outcomes: dict[tuple[str, ...], Callable[[], dict[str, Any]]] = {}
            namespace[f"CT{i}"] = kept_by_outcomes
            namespace[f"CS{i}"] = partial(_combined, kept_by_outcomes, node, combine, dict.fromkeys(_NODE_FIELDS) | {
                "id": node.id, "kind": node.kind, "says": node.says,
                "required": node.n if node.op == "at_least" else node.op, "evidence": (),
                "citations": node.citations, "judgement": False, "confidence": node.confidence})
            build = [f"o = ({''.join(k + '.outcome, ' for k in kids)})", f"made = CT{i}.get(o)", "if made is None:",
                     f"    made = CS{i}(o)", "d = made()", f"d['conditions'] = ({''.join(k + ', ' for k in kids)})",
                     f"{r} = NEW(CR)", f"SETDICT({r}, d)"]
            flags = [flag for _, flag in made]
            if "False" in flags:
                lines.extend("    " + line for line in build)
                _caveat(node, r, lines, "    ", namespace, i)
                return r, "False"
            # Children all kept nodes (in this run, or always): the composite made of them is kept by their
            # identities (a kept composite holds its children, so an identity met again is the same node).
            namespace[f"CRES{i}"] = {}
            runtime = [flag for flag in flags if flag != "True"]
            at = "    "
            if runtime:
                lines.append(f"    if {' and '.join(runtime)}:")
                at = "        "
            # One child: its identity alone is the key (no tuple made and hashed).
            _shared(f"CRES{i}", f"id({kids[0]})" if len(kids) == 1 else f"({''.join(f'id({k}), ' for k in kids)})",
                    r, build, lines, at)
            if runtime:
                lines.append(f"        s{i} = True")
                lines.append("    else:")
                lines.extend("        " + line for line in build)
                lines.append(f"        s{i} = False")
            _caveat(node, r, lines, "    ", namespace, i)
            return r, f"s{i}" if runtime else "True"
        namespace.update({f"M{i}": node.measure, f"D{i}": node.decide, f"R{i}": node.report})
        if node.keyed is not None:
            # The key without the measure: the condition is measured only for a key not kept yet.
            namespace[f"KEYED{i}"] = node.keyed
            namespace[f"RES{i}"] = node.results
            if whole:
                keys.append((i, False))
                lines.append(f"    k = k{i}")
            else:
                lines.append(f"    k = {once(node.keyed, f'KEYED{i}')}")
            _kept(node, i, r, f"M{i}(C{i}, mm)", lines, "    ")
            return r, "True"
        at = "    "
        flag = "False"
        if node.prekey is not None:
            # The key when the profile gives it at a glance (no work listed, no offer): the kept node without
            # measuring; otherwise measured as below.
            namespace[f"PREKEY{i}"] = node.prekey
            namespace[f"RES{i}"] = node.results
            if whole:
                keys.append((i, True))
                lines.append(f"    k = k{i}")
            else:
                lines.append(f"    k = {once(node.prekey, f'PREKEY{i}')}")
            lines.append("    if k is not None:")
            _kept(node, i, r, f"M{i}(C{i}, mm)", lines, "        ")
            lines.append(f"        s{i} = True")
            lines.append("    else:")
            at = "        "
            flag = f"s{i}"
        # A leaf of the same rules as a leaf of another program (``plan.twins``): measured and reported once an
        # evaluation for both.
        number = twins.get(id(node.cond))
        twin = number is not None
        if node.explained is not None:
            # Measured, decided and reported by one function (``Kind.explained``): no key to look for past the
            # prekey, and the node's values as they come (plain, of the condition's own confidence).
            namespace[f"X{i}"] = node.explained
            if number is not None:
                namespace[f"TO{i}"] = 2 * number + 1
                shares[0] = True
                lines.extend([f"{at}o = shared.get(TO{i})", f"{at}if o is None:",
                              f"{at}    o = shared[TO{i}] = X{i}(mm)"])
            else:
                lines.append(f"{at}o = X{i}(mm)")
            lines.append(f"{at}oc, ob, rq, ex, ev, cf = o")
            # Data of a confidence of its own (a funds table): the weaker of it and the condition's, as ``leaf``.
            namespace[f"WEAKER{i}"] = partial(_weaker, node.confidence or "official")
            lines.extend(f"{at}{line}" for line in _node(
                r, i, namespace, {**_static(node), "confidence": node.confidence},
                {"outcome": "oc", "observed": "ob", "required": "rq", "explanation": "ex", "evidence": "ev"},
                ["if cf is not None:", f"    d['confidence'] = WEAKER{i}(cf)"]))
            if flag != "False":
                lines.append(f"{at}s{i} = False")
            _caveat(node, r, lines, at, namespace, i)
            return r, flag
        if number is not None:
            namespace[f"TM{i}"], namespace[f"TO{i}"] = 2 * number, 2 * number + 1
            shares[0] = True
            lines.extend([f"{at}m = shared.get(TM{i}, MISS)", f"{at}if m is MISS:", f"{at}    m = M{i}(C{i}, mm)",
                          f"{at}    shared[TM{i}] = m"])
        else:
            lines.append(f"{at}m = M{i}(C{i}, mm)")
        indent = at
        if node.key is not None:
            namespace[f"K{i}"] = node.key
            namespace[f"RES{i}"] = node.results
            lines.append(f"{at}k = K{i}(C{i}, m)")
            lines.append(f"{at}if k is not None:")
            _kept(node, i, r, "m", lines, at + "    ")
            lines.append(f"{at}    s{i} = True")
            lines.append(f"{at}else:")
            indent = at + "    "
            flag = f"s{i}"
        # A plain outcome of the condition's own confidence is the node as it is; others are made so by ``leaf``.
        if twin:
            lines.extend([f"{indent}o = shared.get(TO{i})", f"{indent}if o is None:",
                          f"{indent}    o = shared[TO{i}] = R{i}(C{i}, m, D{i}(C{i}, m))"])
        else:
            lines.append(f"{indent}o = R{i}(C{i}, m, D{i}(C{i}, m))")
        lines.append(f"{indent}if o.plain and o.confidence is None:")
        lines.extend(f"{indent}    {line}" for line in _node(
            r, i, namespace, {**_static(node), "confidence": node.confidence},
            {"outcome": "o.outcome", "observed": "o.observed", "required": "o.required",
             "explanation": "o.explanation", "evidence": "o.evidence"}))
        lines.append(f"{indent}else:")
        lines.append(f"{indent}    {r} = LEAF(N{i}, o)")
        if flag != "False":
            lines.append(f"{indent}s{i} = False")
        _caveat(node, r, lines, indent, namespace, i)
        return r, flag

    emitted = [emit(node) for node in plan.nodes]
    tops = [t for t, _ in emitted]
    flags = [flag for _, flag in emitted]
    # Top-level nodes all kept (in this run, or always) outside a version kept whole: the result made of them is
    # kept by their identities, as a composite is (the nodes under them, hence their caveats, are the same).
    kept_result = not whole and "False" not in flags
    if kept_result:
        namespace["PRES"] = {}
        runtime = [flag for flag in flags if flag != "True"]
        lines.append(f"    if {' and '.join(runtime) or 'True'}:")
        lines.append(f"        every = ({''.join(f'id({t}), ' for t in tops)})")
        lines += ["        found = PRES.get(every)", "        if found is not None:", "            return found",
                  "    else:", "        every = None"]
    # The verdict of all the top-level outcomes together (kleene_all) and the message naming the conditions that
    # settle it depend on the outcomes alone: the result's fields with them in place are found by the outcomes
    # (``_settle`` makes them for outcomes not met yet).
    namespace["PTS"] = {}
    namespace["SETTLE"] = partial(_settle, namespace["PTS"], namespace.pop("PT"), namespace["TOP"])
    lines += [f"    o = ({''.join(t + '.outcome, ' for t in tops)})",
              "    made = PTS.get(o)",
              "    if made is None:",
              "        made = SETTLE(o)",
              # Made as attrs' ``__init__`` would, without calling it (a class with a Python ``__init__`` is called
              # through the generic path, keyword arguments and all): the instance, its dict set whole in the order
              # of the fields (``ranking.compute`` makes its result so), a copy of the fields the version fixes and
              # the outcomes settle, with the others set (``_node``).
              "    d = made()",
              "    d['caveats'] = tuple(caveats)",
              f"    d['conditions'] = ({''.join(t + ', ' for t in tops)})",
              "    result = NEW(PR)",
              "    PSETDICT(result, d)"]
    if kept_result:
        lines += ["    if every is not None:", "        if len(PRES) >= WHOLE_KEPT:", "            PRES.clear()",
                  "        PRES[every] = result"]
    if whole:
        namespace["WHOLE"] = {}
        namespace["WHOLE_KEPT"] = WHOLE_KEPT
        # Every key first (none measures), then the result kept for them all, if any.
        first = []
        distinct = []  # the keys of distinct functions: the others equal one of them
        for i, may_miss in keys:
            function = namespace[f"PREKEY{i}" if may_miss else f"KEYED{i}"]
            j = firsts.setdefault(id(function), i)
            if j == i:
                distinct.append((i, may_miss))
            first.append(f"    k{i} = k{j}" if j != i else f"    k{i} = {'PREKEY' if may_miss else 'KEYED'}{i}(mm)")
        missing = [f"k{i} is None" for i, may_miss in distinct if may_miss]
        together = f"({''.join(f'k{i}, ' for i, _ in distinct)})"
        if missing:
            first += [f"    if {' or '.join(missing)}:", "        every = None", "    else:",
                      f"        every = {together}", "        found = WHOLE.get(every)",
                      "        if found is not None:", "            return found"]
        else:
            first += [f"    every = {together}", "    found = WHOLE.get(every)", "    if found is not None:",
                      "        return found"]
        lines[1:1] = first
        lines += ["    if every is not None:", "        if len(WHOLE) >= WHOLE_KEPT:", "            WHOLE.clear()",
                  "        WHOLE[every] = result"]
    lines.append("    return result")
    if shares[0]:
        namespace["MISS"] = MISS
        lines.insert(1, "    shared = mm.shared")
    exec(compile("\n".join(lines) + "\n", "<walk of a version>", "exec"), namespace)
    made: Walk = namespace["walk"]
    return made


def _dict_setter(cls: type) -> Callable[[Any, dict[str, Any]], None]:
    """The function setting the whole ``__dict__`` of an instance of ``cls`` (its ``__dict__`` descriptor's
    ``__set__``): what ``object.__setattr__(instance, "__dict__", d)`` calls after finding the descriptor, a frozen
    class's ``__setattr__`` bypassed as attrs' ``__init__`` bypasses it."""
    for klass in cls.__mro__:
        descriptor = klass.__dict__.get("__dict__")
        if descriptor is not None:
            if type(descriptor) is not GetSetDescriptorType:
                raise ImportError(f"{cls.__name__}'s __dict__ is not the interpreter's descriptor")
            setter: Callable[[Any, dict[str, Any]], None] = descriptor.__set__
            return setter
    raise ImportError(f"{cls.__name__} has no __dict__")


#: Set a result node's and a program result's ``__dict__`` whole.
SETDICT = _dict_setter(ConditionResult)
PSETDICT = _dict_setter(ProgramResult)

if tuple(a.name for a in attrs.fields(ProgramResult)) != (
        "id", "title", "verdict", "version", "message", "caveats", "conditions", "confidence", "kind", "short_title"):
    raise ImportError("ProgramResult's fields changed: evaluator.walk writes them in order")

def _combined(kept: dict[tuple[str, ...], Callable[[], dict[str, Any]]], node: NodePlan,
              combine: Callable[[NodePlan, Any], Any], template: dict[str, Any],
              outcomes: tuple[str, ...]) -> Callable[[], dict[str, Any]]:
    """The copy method of a composite node's fields (``template``, in the order of the fields, those the plan fixes
    in place) with the outcome, observed count and words that its children's ``outcomes`` give (as
    ``engine._composite`` makes them), kept in ``kept`` by the outcomes (a bound on memory: ``RESULTS_KEPT``).

    Nodes made from one copy method share its observed count's dict (``{"passed": p, "of": n}``), as kept nodes
    share their values: a result is a value, never changed once built."""
    passed = outcomes.count("pass")
    if len(kept) >= RESULTS_KEPT:
        kept.clear()
    made = kept[outcomes] = {**template, "outcome": combine(node, outcomes),
                             "observed": {"passed": passed, "of": len(outcomes)},
                             "explanation": f"{passed} of {len(outcomes)} passed"}.copy
    return made


def _settle(kept: dict[tuple[str, ...], Callable[[], dict[str, Any]]], template: dict[str, Any],
            top: tuple[str, ...], outcomes: tuple[str, ...]) -> Callable[[], dict[str, Any]]:
    """The copy method of a program result's fields (``template``, the fields the version fixes) with the verdict
    and message that the top-level conditions ``top`` give with ``outcomes`` (``engine.program_result``'s), kept
    in ``kept`` by the outcomes (a bound on memory: ``WHOLE_KEPT`` of them)."""
    if "fail" in outcomes:
        verdict, message = "not_eligible", "fails: " + ", ".join(
            [i for i, x in zip(top, outcomes, strict=True) if x == "fail"])
    elif "unknown" in outcomes:
        verdict, message = "undetermined", "the profile does not settle: " + ", ".join(
            [i for i, x in zip(top, outcomes, strict=True) if x == "unknown"])
    else:
        verdict, message = "eligible", "every condition passes"
    if len(kept) >= WHOLE_KEPT:
        kept.clear()
    made = kept[outcomes] = {**template, "verdict": verdict, "message": message}.copy
    return made


def _weaker(confidence: str, other: str) -> str:
    """The weaker of two confidences (``engine._leaf``'s)."""
    return max(confidence, other, key=RANK.__getitem__)


#: A measure not shared yet (``Measurer.shared``).
MISS = object()

#: Program results kept per version by the keys of all its leaves, or by its top-level kept nodes, before they are
#: dropped (a bound on memory).
WHOLE_KEPT = 4096
#: Composite nodes made of kept nodes kept per composite before they are dropped (a bound on memory).
RESULTS_KEPT = 4096


def _leaves(nodes: tuple[NodePlan, ...]) -> list[NodePlan]:
    """The leaves under ``nodes``."""
    found: list[NodePlan] = []
    for node in nodes:
        if node.children is None:
            found.append(node)
        else:
            found += _leaves(node.children)
    return found


def _kept(node: NodePlan, i: int, r: str, measured: str, lines: list[str], indent: str) -> None:
    """The lines making ``r`` the node kept under key ``k`` (made from ``measured``, the measure's expression, when
    none is kept yet), and adding its caveat."""
    lines.append(f"{indent}kept = RES{i}.get(k)")
    lines.append(f"{indent}if kept is None:")
    lines.append(f"{indent}    kept = KEEP(N{i}, {measured}, k)")
    lines.append(f"{indent}{r} = kept[0]")
    if node.may_caveat:
        lines.append(f"{indent}if kept[1] is not None:")
        lines.append(f"{indent}    caveats.append(kept[1])")


#: A result node's fields, in order.
_NODE_FIELDS = ("id", "kind", "outcome", "says", "observed", "required", "explanation", "evidence", "citations",
                "conditions", "judgement", "confidence")
if tuple(a.name for a in attrs.fields(ConditionResult)) != _NODE_FIELDS:
    raise ImportError("ConditionResult's fields changed: evaluator.walk writes them in order")


def _static(node: NodePlan) -> dict[str, Any]:
    """A leaf node's fields that its plan fixes (all but its values and confidence)."""
    return {"id": node.id, "kind": node.kind, "says": node.says, "citations": node.citations, "conditions": (),
            "judgement": node.judgement}


def _node(r: str, i: int, namespace: dict[str, Any], static: dict[str, Any], values: dict[str, str],
          then: tuple[str, ...] | list[str] = ()) -> list[str]:
    """The lines making ``r`` the result node of node ``i`` with fields ``static`` (values) and ``values``
    (expressions), as attrs' ``__init__`` would, without calling it: the instance, its dict set whole with the
    fields in their order. ``then``'s lines run on the dict (``d``) before it is set: a static field changed in
    some evaluations (a leaf's confidence weakened by the data it read).

    The dict is a copy of one made once with the static fields in place (``T<i>``, the copy method of a dict in
    the order of the fields), its other fields then set: a copy of a ready dict and a few items set cost about
    half what a dict display of twelve items does (each of its items is inserted)."""
    if set(static) | set(values) != set(_NODE_FIELDS) or set(static) & set(values):
        raise ValueError(f"a node's fields are each static or a value: {sorted(static)}, {sorted(values)}")
    namespace[f"T{i}"] = {name: static.get(name) for name in _NODE_FIELDS}.copy
    return [f"d = T{i}()", *(f"d[{name!r}] = {values[name]}" for name in _NODE_FIELDS if name in values), *then,
            f"{r} = NEW(CR)", f"SETDICT({r}, d)"]


def _shared(kept: str, key: str, r: str, build: list[str], lines: list[str], indent: str) -> None:
    """The lines making ``r`` the node kept in ``kept`` under ``key`` (made by ``build``'s lines and kept when none
    is kept yet)."""
    lines.append(f"{indent}key = {key}")
    lines.append(f"{indent}{r} = {kept}.get(key)")
    lines.append(f"{indent}if {r} is None:")
    lines.extend(f"{indent}    {line}" for line in build)
    lines.append(f"{indent}    if len({kept}) >= RESULTS_KEPT:")
    lines.append(f"{indent}        {kept}.clear()")
    lines.append(f"{indent}    {kept}[key] = {r}")


def _caveat(node: NodePlan, r: str, lines: list[str], indent: str, namespace: dict[str, Any], i: int) -> None:
    """The lines adding the caveat of node ``r`` (number ``i``; none for a node that can give none).

    A composite gives none (``caveat_of``: only a judgement passing, or a rule on weak sources without conditions
    under it). A leaf that is no judgement and rests on weak sources of its own gives the same caveat whenever its
    node keeps that confidence (``caveat_of``'s words read nothing else): made once, in the function's globals.
    """
    if not node.may_caveat or node.children:
        return
    if not node.judgement and node.confidence in WEAK:
        namespace[f"CAV{i}"] = Caveat(node.id, node.says, f"This rule rests on {node.confidence.replace('_', ' ')} "
                                      f"sources", node.citations)
        lines.append(f"{indent}if {r}.confidence == CONF{i}:")
        lines.append(f"{indent}    caveats.append(CAV{i})")
        lines.append(f"{indent}else:")
        indent += "    "
    lines.append(f"{indent}c = CAVEAT_OF({r})")
    lines.append(f"{indent}if c is not None:")
    lines.append(f"{indent}    caveats.append(c)")
