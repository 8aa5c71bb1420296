"""Records (``eligibility/record.py``) repr, compare and hash exactly as attrs' own generated methods do."""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from attrs import field, frozen

import eligibility
from eligibility.api import evaluate
from eligibility.profile.load import load_profile
from eligibility.record import Record, _record_eq, _record_hash, _record_repr
from eligibility.rulebook.library import load_library

ROOT = Path(__file__).resolve().parents[1]


def _record_classes() -> list[type]:
    """Every record class of the package (each module imported; those of optional extras skipped)."""
    for info in pkgutil.walk_packages(eligibility.__path__, "eligibility."):
        if not info.name.endswith("__main__"):
            try:
                importlib.import_module(info.name)
            except ImportError:
                continue
    found, todo = [], [Record]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            # The class its module names (attrs makes a new class of a slotted one; the first may linger).
            named: Any = sys.modules[sub.__module__]
            for part in sub.__qualname__.split("."):
                named = getattr(named, part, None)
            if named is sub:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _twin(cls: type) -> type:
    """A class with the same fields made by attrs with its own generated methods, of the same name."""
    these = {a.name: attrs.field(eq=a.eq, hash=a.hash, repr=a.repr, init=a.init, default=None)
             for a in attrs.fields(cls)}
    twin = attrs.make_class(cls.__name__, these, frozen=True, kw_only=True)
    twin.__qualname__ = cls.__qualname__
    return twin


def _as_twin(twins: dict[type, type], value: Any) -> Any:
    """The same record made by its twin class (its fields' values as they are)."""
    cls = type(value)
    twin = twins.setdefault(cls, _twin(cls))
    made = twin(**{a.name: getattr(value, a.name) for a in attrs.fields(cls) if a.init})
    for a in attrs.fields(cls):
        if not a.init:
            object.__setattr__(made, a.name, getattr(value, a.name))
    return made


def _records(value: Any, seen: set[int]) -> Iterator[Any]:
    """The records in a tree of records, tuples, lists and dicts."""
    if id(value) in seen:
        return
    seen.add(id(value))
    if isinstance(value, Record):
        yield value
        for a in attrs.fields(type(value)):
            yield from _records(getattr(value, a.name, None), seen)
    elif isinstance(value, tuple | list | frozenset | set):
        for item in value:
            yield from _records(item, seen)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _records(key, seen)
            yield from _records(item, seen)


def _hashed(value: Any) -> int | None:
    """The hash of a value, or None when something in it cannot be hashed (a dict)."""
    try:
        return hash(value)
    except TypeError:
        return None


@pytest.fixture(scope="module")
def records() -> dict[type, list[Any]]:
    """The records of the packaged rules, the example profiles and their evaluations on two dates, by class."""
    library = load_library(ROOT / "rulesets")
    trees: list[Any] = [library]
    for path in sorted((ROOT / "profiles").glob("*.yaml")):
        profile = load_profile(path)
        trees.append(profile)
        for day in (dt.date(2025, 6, 1), dt.date(2026, 3, 1)):
            trees.append(evaluate(profile, day, library=library))
    by_class: dict[type, list[Any]] = defaultdict(list)
    seen: set[int] = set()
    for tree in trees:
        for record in _records(tree, seen):
            by_class[type(record)].append(record)
    return by_class


def test_every_record_class_is_frozen_and_attrs_left_it_the_shared_methods() -> None:
    """Every record class is a frozen attrs class, and attrs compiled neither repr, == nor hash for it."""
    classes = _record_classes()
    assert len(classes) > 100
    for cls in classes:
        assert attrs.inspect(cls).is_frozen, cls
        assert cls.__repr__.__code__ is _record_repr.__code__, cls
        assert cls.__eq__.__code__ is _record_eq.__code__, cls
        assert cls.__hash__.__code__ is _record_hash.__code__, cls


def test_records_of_rules_profiles_and_results_match_attrs(records: dict[type, list[Any]]) -> None:
    """On the records of the rules, the examples and their results: the repr is attrs' repr, equal records
    are exactly those attrs finds equal (every pair of up to 40 of a class), and equal records hash alike."""
    assert len(records) > 60
    twins: dict[type, type] = {}
    for cls, found in records.items():
        sample = found[:40]
        made = [_as_twin(twins, r) for r in sample]
        for record, twin in zip(sample, made, strict=True):
            assert repr(record) == repr(twin), cls
            assert record == attrs.evolve(record), cls
            assert _hashed(record) == _hashed(attrs.evolve(record)), cls
            assert (_hashed(record) is None) is (_hashed(twin) is None), cls  # a record holding a dict: neither
        for i, (a, ta) in enumerate(zip(sample, made, strict=True)):
            for b, tb in zip(sample[i:], made[i:], strict=True):
                assert (a == b) is (ta == tb), cls
                assert (a != b) is (ta != tb), cls
                if a == b:
                    assert _hashed(a) == _hashed(b), cls


@frozen
class _Inner(Record):
    """A record with one field."""

    value: int


@frozen
class _Outer(Record):
    """A record with fields left out of its repr, of ==, of hash, and one shown by a function."""

    name: str
    inner: _Inner
    note: str = field(default="", eq=False)
    secret: str = field(default="s", repr=False)
    shown: int = field(default=1, repr=lambda v: f"<{v}>")
    unhashed: int = field(default=0, hash=False)


@frozen
class _Empty(Record):
    """A record without fields."""


def test_a_record_and_its_twin_made_by_attrs() -> None:
    """Fields with repr=False, a repr function, eq=False and hash=False, one field and none: as attrs does."""
    cases = [_Outer("a", _Inner(1)), _Outer("a", _Inner(1), note="n"),
             _Outer("a", _Inner(1), secret="x", shown=3, unhashed=2), _Outer("b", _Inner(2), shown=3), _Inner(5),
             _Empty()]
    twins: dict[type, type] = {}
    for a in cases:
        assert repr(a) == repr(_as_twin(twins, a))
        for b in cases:
            assert (a == b) is (_as_twin(twins, a) == _as_twin(twins, b))
    assert repr(cases[2]) == "_Outer(name='a', inner=_Inner(value=1), note='', shown=<3>, unhashed=2)"
    assert cases[0] == cases[1] and hash(cases[0]) != hash(_Outer("a", _Inner(2)))
    assert {cases[0]: 1}[_Outer("a", _Inner(1), note="other")] == 1
    assert _Inner(1) != _Empty() and _Empty() == _Empty() and hash(_Empty()) == hash(_Empty())


def test_a_record_inside_its_own_repr_shows_as_dots() -> None:
    """A record met again while its repr is being written is shown as '...', as attrs shows it."""
    loop: list[Any] = []
    outer = _Outer("a", _Inner(1), shown=loop)  # type: ignore[arg-type]
    loop.append(outer)
    assert repr(outer) == "_Outer(name='a', inner=_Inner(value=1), note='', shown=<[...]>, unhashed=0)"
    twin_loop: list[Any] = []
    twin = _twin(_Outer)(name="a", inner=_Inner(1), note="", secret="s", shown=twin_loop, unhashed=0)
    twin_loop.append(twin)
    assert repr(twin) == repr(outer)
