"""Lay a partial profile (a what-if file) or single assignments (``--set PATH=VALUE``) over a profile.

The rules, applied to the profile's plain data (what its file holds):

- a mapping merges key by key: keys it names are merged, keys it leaves out are kept;
- a list replaces the list, unless every entry names the index it changes with ``index: N``: that
  entry is then merged into entry N (``N`` equal to the list's length adds an entry at the end);
- ``null`` states "none" (``job_offer: null``, ``end: null``);
- ``--set PATH=VALUE`` assigns one field: PATH as in error messages (``language_tests[0].writing``,
  ``declarations.crs_score``, ``work[2]``), VALUE read as in a profile file (YAML: ``7.5``, ``ON``,
  ``2027-01-15``, ``null``, ``{noc: "21231", ...}``).

The result is checked like any profile; each problem names the what-if file or the ``--set`` argument.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from attrs import frozen

from eligibility.converter import unstructure
from eligibility.documents import parse_text, read_document
from eligibility.errors import InputError, Problem, found
from eligibility.limits import LAST_DATE, MAX_DEPTH
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile
from eligibility.record import Record

INDEX = "index"
_STEP = re.compile(r"\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]")


@frozen
class Patch(Record):
    """One what-if: the data to lay over the profile (or one assignment), and where it comes from."""

    source: str
    data: Any = None
    path: tuple[str | int, ...] = ()
    is_assignment: bool = False


def read_patch(path: str | Path) -> Patch:
    """A what-if file: a mapping of profile fields, in YAML, JSON or TOML."""
    data = read_document(Path(path))
    if not isinstance(data, dict):
        raise InputError([Problem(str(path), "$", f"expected a mapping of profile fields, found "
                                                  f"{type(data).__name__}")])
    return Patch(str(path), data)


def parse_assignment(text: str) -> Patch:
    """``PATH=VALUE`` from the command line; the value read as YAML the way profile files are."""
    source = f"--set {text!r}"
    name, equals, value = text.partition("=")
    if not equals:
        raise InputError([Problem(source, "$", "expected PATH=VALUE, such as funds_cad=30000, found no '='")])
    steps = parse_path(name.strip(), source)
    return Patch(source, parse_text(value.strip(), "yaml", source), steps, True)


def parse_path(text: str, source: str) -> tuple[str | int, ...]:
    """``language_tests[0].writing`` -> ("language_tests", 0, "writing").

    A path of more than MAX_DEPTH steps is refused as a profile nesting deeper than that is (the value of its
    last step would sit deeper), and reading stops there: neither the path nor the work is unbounded.
    """
    steps: list[str | int] = []
    at = 0
    while at < len(text):
        if len(steps) == MAX_DEPTH:
            raise InputError([Problem(source, dotted(steps), _TOO_DEEP)])
        match = _STEP.match(text, at)
        if match is None or (at == 0 and text.startswith(".")):
            raise InputError([Problem(source, "$", f"expected a field path such as language_tests[0].writing, "
                                                   f"found {text!r}")])
        steps.append(match.group(1) if match.group(1) is not None else int(match.group(2)))
        at = match.end()
    if not steps or not isinstance(steps[0], str):
        raise InputError([Problem(source, "$", f"expected a field path starting with a field name, found {text!r}")])
    return tuple(steps)


def dotted(steps: Sequence[str | int]) -> str:
    """("work", 0, "end") -> "$.work[0].end"."""
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in steps)


_TOO_DEEP = f"expected at most {MAX_DEPTH} levels of nesting, found more"
NOC_2016 = "noc_2016"


def merge(base: Any, patch: Any, steps: tuple[str | int, ...], source: str, problems: list[Problem]) -> Any:
    """``patch`` laid over ``base`` by the rules of this module.

    A mapping or list MAX_DEPTH levels down is a problem (as in a profile file) and leaves ``base`` as it was:
    the walk, which recurses once per level, is bounded whatever a mapping given in code holds (a cycle too).
    A NOC 2016 code changed in a mapping that held one drops that mapping's ``noc``, which was converted
    from (or checked against) the old code, so that the new code is converted, unless the patch sets ``noc``.
    """
    if isinstance(patch, dict | list) and len(steps) >= MAX_DEPTH:
        problems.append(Problem(source, dotted(steps), _TOO_DEEP))
        return base
    if isinstance(patch, dict):
        if not isinstance(base, dict):
            return {k: merge(None, v, (*steps, k), source, problems) for k, v in patch.items()}
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base.get(key), value, (*steps, key), source, problems)
        if "noc" not in patch and _recoded(base, patch.get(NOC_2016)):
            out.pop("noc", None)
        return out
    if isinstance(patch, list):
        if patch and any(isinstance(e, dict) and INDEX in e for e in patch):
            return _indexed(base, patch, steps, source, problems)
        return [merge(None, e, (*steps, i), source, problems) for i, e in enumerate(patch)]
    return copy.deepcopy(patch)


def _recoded(base: dict[Any, Any], code: Any) -> bool:
    """Whether ``code``, a NOC 2016 code laid over ``base``, replaces another NOC 2016 code ``base`` held."""
    return code is not None and base.get(NOC_2016) is not None and code != base[NOC_2016]


def _indexed(base: Any, patch: list[Any], steps: tuple[str | int, ...], source: str,
             problems: list[Problem]) -> Any:
    where = dotted(steps)
    if not all(isinstance(e, dict) and INDEX in e for e in patch):
        problems.append(Problem(source, where, "expected every entry to name its index (to change entries) or "
                                               "none (to replace the list), found both kinds"))
        return base
    if not isinstance(base, list):
        problems.append(Problem(source, where, "expected a list in the profile to change entries of, found none"))
        return base
    out = list(base)
    for position, entry in enumerate(patch):
        index = entry[INDEX]
        if isinstance(index, bool) or not isinstance(index, int):
            # Worded as the file writes the value (true, null, "1"), at the place it is written.
            problems.append(Problem(source, f"{where}[{position}].{INDEX}", f"expected a whole-number index from 0 "
                                                                            f"to {len(out)} ({len(out)} adds an "
                                                                            f"entry), found {found(index)}"))
            continue
        if not 0 <= index <= len(out):
            problems.append(Problem(source, f"{where}[{index}]", f"expected an index from 0 to {len(out)} "
                                                                 f"({len(out)} adds an entry), found {index!r}"))
            continue
        rest = {k: v for k, v in entry.items() if k != INDEX}
        if index == len(out):
            out.append(merge(None, rest, (*steps, index), source, problems))
        else:
            out[index] = merge(out[index], rest, (*steps, index), source, problems)
    return out


def assign(data: Any, steps: tuple[str | int, ...], value: Any, source: str, at: tuple[str | int, ...] = ()) -> Any:
    """A copy of ``data`` with the field at ``steps`` set to ``value`` (a missing mapping on the way is created)."""
    if not steps:
        return copy.deepcopy(value)
    head, rest = steps[0], steps[1:]
    here = dotted((*at, head))
    if isinstance(head, int):
        if not isinstance(data, list):
            raise InputError([Problem(source, here, f"expected a list to index, found {_kind(data)}")])
        if head > len(data):
            raise InputError([Problem(source, here, f"expected an index from 0 to {len(data)} ({len(data)} adds "
                                                    f"an entry), found {head}")])
        out = list(data)
        if head == len(out):
            out.append(assign(None, rest, value, source, (*at, head)))
        else:
            out[head] = assign(out[head], rest, value, source, (*at, head))
        return out
    if data is not None and not isinstance(data, dict):
        raise InputError([Problem(source, dotted(at), f"expected a mapping to set {head!r} in, found {_kind(data)}")])
    out_map = dict(data or {})
    out_map[head] = assign(out_map.get(head), rest, value, source, (*at, head))
    if head == NOC_2016 and not rest and _recoded(dict(data or {}), value):
        out_map.pop("noc", None)  # converted from the old code: the new one is converted instead
    return out_map


def _kind(value: Any) -> str:
    if value is None:
        return "none"
    return {dict: "a mapping", list: "a list", str: "text", bool: "true/false"}.get(type(value), f"{value!r}")


def touched(patch: Patch) -> list[str]:
    """The field paths a patch sets, for naming it in the problems of the profile it makes."""
    if patch.is_assignment:
        return [dotted(patch.path)]
    out: list[str] = []

    def walk(value: Any, steps: tuple[str | int, ...]) -> None:
        if len(steps) >= MAX_DEPTH:
            out.append(dotted(steps))  # merge refused what lies deeper
        elif isinstance(value, dict) and value:
            for k, v in value.items():
                walk(v, (*steps, k))
        elif isinstance(value, list) and value and all(isinstance(e, dict) and INDEX in e for e in value):
            for e in value:
                walk({k: v for k, v in e.items() if k != INDEX}, (*steps, e[INDEX]))
        else:
            out.append(dotted(steps))

    walk(patch.data, ())
    return out


def _owner(problem: Problem, patches: Sequence[Patch]) -> str:
    """The last patch that set the problem's field (or a field above or below it)."""
    for patch in reversed(patches):
        for path in touched(patch):
            if problem.path.startswith(path) or path.startswith(problem.path):
                return patch.source
    return " + ".join(p.source for p in patches)


def apply(profile: Profile, patches: Sequence[Patch], declarations: Collection[str] | None = None) -> Profile:
    """The profile with every patch laid over it in order, checked like a profile file.

    Every problem comes at once: a patch that cannot be laid (an index past the end, a path through a value
    that is no list) is reported and left out, and the profile the others make is checked all the same,
    ``declarations`` (the keys the rules read) included when given.
    """
    data: Any = unstructure(profile)
    problems: list[Problem] = []
    for patch in patches:
        if patch.is_assignment:
            try:
                data = assign(data, patch.path, patch.data, patch.source)
            except InputError as exc:
                problems += exc.problems
        else:
            data = merge(data, patch.data, (), patch.source, problems)
    try:
        # A future test, ECA or job is a hypothesis here, not an impossible fact: no date is "after today".
        changed = profile_from_data(data, "<what-if>", today=LAST_DATE, declarations=declarations)
    except InputError as exc:
        problems += [Problem(_owner(p, patches), p.path, p.message) for p in exc.problems]
    if problems:
        raise InputError(problems)
    return changed
