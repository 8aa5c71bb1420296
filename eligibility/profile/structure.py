"""Read plain data into the profile model field by field, so that every problem of a file is found at once.

A field that cannot be read is reported and left empty, and the rest of the profile is still read:
the checks that follow (codes, dates, impossible facts) then run on every part that could be read,
so a person sees the wrong date, the unknown NOC code and the misspelled declaration in one pass.
When nothing is wrong the result is a real :class:`Profile`; otherwise a stand-in with the same
attribute names (``None`` where a value could not be read) that only the checks look at.

Each record class is compiled once into a list of field readers (its type hints resolved, the
converter's hook of each scalar type looked up), so that reading a profile is a walk over its data
with no type introspection: batches read thousands of profiles a second.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from eligibility.converter import CONVERTER, describe_value, problems_of
from eligibility.errors import Problem
from eligibility.limits import MAX_PROFILE_ITEMS
from eligibility.profile.quick import MISS, QuickReader, quick_reader
from eligibility.record import Record
from eligibility.suggest import did_you_mean
from eligibility.unknown import Unknown

#: The text a format without null (TOML) uses to say "known: none" for a record such as job_offer.
NONE_WORD = "none"

#: How one field's value is read: (reader, data, path) -> (value, whether it was read whole).
FieldReader = Callable[["Reader", Any, str], tuple[Any, bool]]


@attrs.frozen
class FieldPlan(Record):
    """One field of a record class: its name, default, and how its value is read."""

    name: str
    default: Any
    read: FieldReader
    #: The field's value read at once when it is of the common kind (text, a number in bounds, a date
    #: written YYYY-MM-DD in range, a listed word, null where null is allowed), else MISS; None for fields
    #: always read by ``read``. It gives what ``read`` gives for those values, and nothing for any other.
    quick: QuickReader | None = None
    #: The default's factory, for a field whose default is made afresh for each record.
    factory: Callable[[], Any] | None = None


@attrs.frozen
class RecordPlan(Record):
    """A record class compiled for reading: its fields in order and their names."""

    cls: type
    fields: tuple[FieldPlan, ...]
    names: frozenset[str]
    ordered: tuple[str, ...]
    #: The fields without a default, and each field's quick reader (where it has one), by name.
    required: frozenset[str] = frozenset()
    quick: dict[str, QuickReader] = attrs.field(factory=dict)


_PLANS: dict[type, RecordPlan] = {}


def record_plan(cls: type) -> RecordPlan:
    """The compiled reading plan of an attrs class (made once per class)."""
    found = _PLANS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        fields = tuple(FieldPlan(f.name, f.default, field_reader(hints[f.name]),
                                 quick_reader(hints[f.name], record_plan),
                                 f.default.factory if isinstance(f.default, attrs.Factory) else None)  # type: ignore[arg-type]
                       for f in attrs.fields(cls))
        found = _PLANS[cls] = RecordPlan(cls, fields, frozenset(f.name for f in fields),
                                         tuple(f.name for f in fields),
                                         frozenset(f.name for f in fields if f.default is attrs.NOTHING),
                                         {f.name: f.quick for f in fields if f.quick is not None})
    return found


_WHOLE: dict[type, QuickReader] = {}


def read_quickly(data: Any, cls: type) -> Any:
    """An instance of the attrs class ``cls`` when its quick readers read ``data`` whole (then it is what
    ``Reader.record`` gives, with no problem, and every value is within the bounds), else ``MISS``."""
    read = _WHOLE.get(cls)
    if read is None:
        read = _WHOLE[cls] = quick_reader(cls, record_plan) or (lambda _: MISS)
    return read(data)


def field_reader(tp: Any) -> FieldReader:
    """How a value of type ``tp`` is read: records and lists of records item by item, scalars by the converter."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not Unknown]
        records = [m for m in members if attrs.has(m)]
        if records and len(members) <= 2:
            return _optional_record(records[0], type(None) in members)
        # A list of records that may be unknown (work, language_tests, education): item by item, so that one bad
        # entry does not hide the others' problems.
        if len(members) == 1 and get_origin(members[0]) is tuple:
            args = get_args(members[0])
            if len(args) == 2 and args[1] is Ellipsis and attrs.has(args[0]):
                return _records(args[0])
    if attrs.has(tp):
        cls = tp
        return lambda reader, data, path: reader.record(data, cls, path)
    if origin is tuple and len(get_args(tp)) == 2 and attrs.has(get_args(tp)[0]):
        return _records(get_args(tp)[0])
    hook = CONVERTER.get_structure_hook(tp)
    mapping = origin is dict

    def scalar(reader: Reader, data: Any, path: str) -> tuple[Any, bool]:
        if mapping and not isinstance(data, dict):
            reader.problem(path, f"expected a mapping of keys to values, found {describe_value(data)}")
            return None, False
        if isinstance(data, list | dict) and len(data) > MAX_PROFILE_ITEMS:
            reader.problem(path, f"expected at most {MAX_PROFILE_ITEMS} entries, found {len(data)}")
            return None, False
        try:
            return hook(data, tp), True
        except Exception as exc:
            for p in problems_of(exc, reader.source):
                reader.problems.append(Problem(reader.source, path + p.path.removeprefix("$"), p.message))
            return None, False

    return scalar


def _optional_record(cls: type, nullable: bool) -> FieldReader:
    """A record that may be unknown, and (``nullable``) none: null or "none"."""
    def read(reader: Reader, data: Any, path: str) -> tuple[Any, bool]:
        if nullable and (data is None or data == NONE_WORD):
            return None, True
        if isinstance(data, str):
            reader.problem(path, f"expected a mapping of keys to values, or null (in TOML: \"none\") for "
                                 f"none, found {describe_value(data)}")
            return None, False
        return reader.record(data, cls, path)

    return read


def _records(cls: type) -> FieldReader:
    """A list of records, each read on its own so that every bad item is reported."""
    def read(reader: Reader, data: Any, path: str) -> tuple[Any, bool]:
        if not isinstance(data, list):
            reader.problem(path, f"expected a list, found {describe_value(data)}")
            return None, False
        if len(data) > MAX_PROFILE_ITEMS:
            reader.problem(path, f"expected at most {MAX_PROFILE_ITEMS} entries, found {len(data)}")
            return None, False
        items = [reader.record(item, cls, f"{path}[{i}]") for i, item in enumerate(data)]
        return tuple(item for item, _ in items), all(ok for _, ok in items)

    return read


class Reader:
    """Collects the problems of one file while reading its data into model records."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, path: str, message: str) -> None:
        """Note one problem at a field path."""
        self.problems.append(Problem(self.source, path, message))

    def record(self, data: Any, cls: type, path: str) -> tuple[Any, bool]:
        """An instance of the attrs class ``cls`` (or a stand-in when a field is wrong), and whether it is whole."""
        if not isinstance(data, dict):
            self.problem(path, f"expected a mapping of keys to values, found {describe_value(data)}")
            return None, False
        plan = _PLANS.get(cls) or record_plan(cls)
        whole = True
        if not plan.names.issuperset(data):
            for key in data:
                if key not in plan.names:
                    self.problem(f"{path}.{key}", f"unknown key{did_you_mean(str(key), plan.ordered)}")
            whole = False
        values: dict[str, Any] = {}
        for f in plan.fields:
            name = f.name
            if name in data:
                value = data[name]
                if f.quick is not None:
                    read = f.quick(value)
                    if read is not MISS:
                        values[name] = read
                        continue
                values[name], ok = f.read(self, value, f"{path}.{name}")
                whole = whole and ok
            elif f.factory is not None:
                values[name] = f.factory()
            elif f.default is attrs.NOTHING:
                self.problem(f"{path}.{name}", "required key is missing")
                values[name], whole = None, False
            else:
                values[name] = f.default
        if whole:
            return cls(**values), True
        return types.SimpleNamespace(**values), False

    def value(self, data: Any, tp: Any, path: str) -> tuple[Any, bool]:
        """One value of type ``tp`` (a record, a list of records or a scalar), with its problems noted."""
        return field_reader(tp)(self, data, path)
