"""Load a profile file (YAML, JSON or TOML) into a Profile, reporting every problem at once."""

from __future__ import annotations

import datetime as dt
import types
import weakref
from collections.abc import Collection
from pathlib import Path
from typing import Any

import attrs

from eligibility.converter import LITERAL_REASONS
from eligibility.documents import parse_text, read_document
from eligibility.errors import InputError, Problem, UsageError, found
from eligibility.language import not_accepted_reason
from eligibility.limits import value_problems
from eligibility.noc import noc_table
from eligibility.profile.checks import check_profile, given, unknown_declarations
from eligibility.profile.model import Profile, TestId
from eligibility.profile.quick import MISS
from eligibility.profile.structure import NONE_WORD, Reader, read_quickly

# "celpip_general_ls" is answered with the reason IRCC does not accept it, not "did you mean ...".
LITERAL_REASONS[TestId] = not_accepted_reason

#: The profiles this loader made, by identity (a profile is not hashable: it holds a dict), while they live.
_READ: weakref.WeakValueDictionary[int, Profile] = weakref.WeakValueDictionary()
#: The source each profile of ``_READ`` was read from (an entry outliving its profile is never read: ``source_of``
#: asks ``was_read`` first, and a new profile at the same id writes its own).
_SOURCES: dict[int, str] = {}


def source_of(profile: Profile) -> str:
    """The file a profile was read from, or ``<profile>`` for one built in code (or read from data)."""
    return _SOURCES.get(id(profile), "<profile>") if was_read(profile) else "<profile>"


def was_read(profile: Profile) -> bool:
    """Whether this very profile object was made by the loader, so every value in it was bounded as it was
    read: ``eligibility.api`` checks a profile built in code, not one read again (the walk over a profile's
    data made the first evaluation of a process about 3 ms dearer)."""
    return _READ.get(id(profile)) is profile


def load_profile(path: str | Path, *, today: dt.date | None = None,
                 declarations: Collection[str] | None = None) -> Profile:
    """Read and check a profile file; raise InputError naming every problem with its field path.

    ``today`` (default: the real today) is the date after which a birth, test, ECA, certificate or
    completed credential cannot have happened. ``declarations``, the keys the rules read
    (``eligibility.declarations.declaration_keys``), has declaration keys no rule reads reported
    together with the other problems.
    """
    path = Path(path)
    # The values' bounds are checked by profile_from_data, which reports them with the file's other problems.
    return profile_from_data(read_document(path, checked=False), str(path), today=today, declarations=declarations)


def profile_from_text(text: str, kind: str, source: str = "<profile>", *, today: dt.date | None = None,
                      declarations: Collection[str] | None = None) -> Profile:
    """Parse profile text of the given kind (yaml, json or toml)."""
    return profile_from_data(parse_text(text, kind, source, checked=False), source, today=today,
                             declarations=declarations)


def profile_from_data(data: Any, source: str = "<profile>", *, today: dt.date | None = None,
                      declarations: Collection[str] | None = None) -> Profile:
    """Structure plain data into a Profile, convert NOC 2016 codes, and check what types cannot."""
    profile = read_quickly(data, Profile)
    problems: list[Problem] = []
    if profile is MISS:
        # Not every value is of the common kind the quick readers take (each of which is within the bounds):
        # the bounds walked, then the full readers, which word each problem.
        bounds = value_problems(data, source)
        bounded: list[Problem] = [Problem(source, path, message) for path, message in bounds]
        if bounds:
            # Values out of bounds that are scalars (a text too long, a number too large, NaN) are reported and
            # read as null, so that the file's other problems come with them; anything else (depth, sizes,
            # duplicate keys) stops the reading here.
            scalar = all(message.startswith(_SCALAR_BOUNDS) for _, message in bounds)
            data = _blanked(data, {path for path, _ in bounds}) if scalar else None
            if data is None:
                raise InputError(bounded)
        reader = Reader(source)
        profile, _ = reader.record(data, Profile, "$")
        if bounded:
            paths = {p.path for p in bounded}
            reader.problems = bounded + [p for p in reader.problems if p.path not in paths]
        if profile is None:
            raise InputError(reader.problems)
        problems = reader.problems
    profile, resolved = _resolve_noc_2016(profile, source)
    said_none = frozenset(k for k, v in data.items() if v is None or v == NONE_WORD)
    now = dt.date.today()  # read once: the checks compare with it too
    problems += resolved + check_profile(profile, source, today or now, said_none, now)
    if declarations is not None and isinstance(data.get("declarations"), dict):
        problems += unknown_declarations(data["declarations"], declarations, source)
    if problems:
        raise InputError(problems)
    assert isinstance(profile, Profile)
    _READ[id(profile)] = profile
    _SOURCES[id(profile)] = source
    if len(_SOURCES) > 2 * len(_READ) + 1024:  # the sources of profiles gone, dropped now and then (a batch)
        for gone in [key for key in _SOURCES if key not in _READ]:
            del _SOURCES[gone]
    return profile


#: The words of the bounds a single value breaks (limits.scalar_problem); any other bound is of the structure (its
#: depth, sizes, count of values, keys), and nothing of a structure out of bounds is walked again.
_SCALAR_BOUNDS = ("expected text of at most", "expected Unicode text", "expected a number of magnitude",
                  "expected a finite number")


def _blanked(data: Any, paths: set[str]) -> Any:
    """A copy of ``data`` with the scalar at each of ``paths`` replaced by None, or None when a path is not a
    scalar's (a structure out of bounds: nothing of it is read). Only called on data whose values are few and
    shallow enough to walk (the bounds' walk found no structural problem, or this returns None first)."""
    from eligibility.limits import MAX_DEPTH, key_path, scalar_problem

    found: set[str] = set()

    def copy(value: Any, path: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _Structural
        if isinstance(value, dict):
            return type(value)({key: copy(item, key_path(path, key), depth + 1) for key, item in value.items()})
        if isinstance(value, list):
            return [copy(item, key_path(path, i), depth + 1) for i, item in enumerate(value)]
        if path in paths and scalar_problem(value) is not None:
            found.add(path)
            return None
        return value

    try:
        copied = copy(data, "$", 0)
    except _Structural:
        return None
    return copied if found == paths else None


class _Structural(Exception):
    """Data too deep to copy (reported by the bounds' walk)."""


def _has_noc_2016(profile: Any) -> bool:
    """Whether a job or the job offer (of the applicant or the spouse) gives a NOC 2016 code."""
    def any_in(work: Any) -> bool:
        return given(work) and any(isinstance(getattr(w, "noc_2016", None), str) for w in work)

    spouse = profile.spouse
    return (any_in(profile.work) or isinstance(getattr(profile.job_offer, "noc_2016", None), str)
            or (given(spouse) and any_in(spouse.work)))


def _evolve(item: Any, **changes: Any) -> Any:
    if isinstance(item, types.SimpleNamespace):
        return types.SimpleNamespace(**{**vars(item), **changes})
    return attrs.evolve(item, **changes)


def _malformed_2016(code: str, table: Any) -> str:
    """The problem of a NOC 2016 code that is not 4 digits, with the code it may have lost its zeros from."""
    message = f"expected a NOC 2016 unit group code (4 digits, e.g. 0213), found {found(code)}"
    bare = code.strip()
    if bare.isascii() and bare.isdigit() and len(bare) < 4 and table.from_2016(bare.zfill(4)):
        message += f"; did you mean '{bare.zfill(4)}' (written without quotes, a code loses its leading zeros)?"
    return message


def _resolve_noc_2016(profile: Any, source: str) -> tuple[Any, list[Problem]]:
    problems: list[Problem] = []
    if not _has_noc_2016(profile):
        return profile, problems  # nothing to convert: the profile as it was read

    def resolve(item: Any, path: str) -> Any:
        code = getattr(item, "noc_2016", None)
        if not isinstance(code, str):
            return item
        table = noc_table()
        try:
            rows = table.from_2016(code)
        except UsageError:
            # A malformed code is the profile's problem, worded with its path like any other.
            problems.append(Problem(source, f"{path}.noc_2016", _malformed_2016(code, table)))
            return item
        targets = sorted({r.noc2021 for r in rows})
        if item.noc is not None:
            # Both may be written (a converted profile keeps the NOC 2016 code as evidence) if they agree.
            if item.noc not in targets:
                problems.append(Problem(source, f"{path}.noc",
                                        f"expected a NOC 2021 successor of NOC 2016 {code} "
                                        f"({', '.join(targets) or 'none'}), found {found(item.noc)}"))
            return item
        if not targets:
            problems.append(Problem(source, f"{path}.noc_2016",
                                    f"expected a NOC 2016 unit group code, found {found(code)}"))
            return item
        if len(targets) > 1:
            options = ", ".join(f"{r.noc2021} {r.noc2021_title}" for r in rows)
            problems.append(Problem(
                source, f"{path}.noc_2016",
                f"NOC 2016 {code} was split in NOC 2021 into {options}; choose the one that matches the "
                f"duties and write it as noc"))
            return item
        return _evolve(item, noc=targets[0])

    def resolve_work(work: Any, path: str) -> Any:
        if not given(work):
            return work
        return tuple(w if w is None else resolve(w, f"{path}[{i}]") for i, w in enumerate(work))

    changes: dict[str, Any] = {"work": resolve_work(profile.work, "$.work")}
    if given(profile.job_offer):
        changes["job_offer"] = resolve(profile.job_offer, "$.job_offer")
    if given(profile.spouse):
        changes["spouse"] = _evolve(profile.spouse, work=resolve_work(profile.spouse.work, "$.spouse.work"))
    return _evolve(profile, **changes), problems
