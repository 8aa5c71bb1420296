"""Quick readers: a profile's common values read at once, each exactly as its converter hook reads it.

A quick reader is given a field's value from a file. When the value is of the common, well-formed kind (text
within the bounds, a number within the bounds, a date written YYYY-MM-DD within the range, a listed word, null
where null is allowed, a list of records made of such values, declarations of such values) it gives what the
converter's hook gives for it (``eligibility.converter``: the same value, an integer made a float where a
float is read, a record with the class's defaults). For any other value it gives ``MISS``, and the field's
full reader (``eligibility.profile.structure``) reads it, wording its problems. Reading a valid profile then
costs a few checks a value instead of the converter's layers of hooks.

Every value a quick reader accepts is within the bounds of ``limits.within`` (text: ``limits.text_within``;
numbers: below 10^15; lists and mappings: at most MAX_PROFILE_ITEMS entries; the model's own nesting), so a
profile read whole by them needs no walk of its bounds (``profile.load.profile_from_data``).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin

import attrs

from eligibility.codecache import compile_code
from eligibility.limits import FIRST_DATE, LAST_DATE, MAX_KEY, MAX_NUMBER, MAX_PROFILE_ITEMS, MAX_TEXT, text_within
from eligibility.unknown import Unknown

#: How one value is read when it is of the common, well-formed kind: the value, else ``MISS``.
QuickReader = Callable[[Any], Any]
#: What a quick reader gives for a value it leaves to the field's full reader.
MISS: Any = object()


def quick_reader(tp: Any, plan_of: Callable[[type], Any], nullable: bool = False) -> QuickReader | None:
    """The quick reader of values of type ``tp`` (see ``structure.FieldPlan.quick``), None for types always
    left to the full readers; ``plan_of`` gives a record class's reading plan (``structure.record_plan``).
    With ``nullable`` (a type ``... | None``) null is read as None.

    Each accepts only values its converter hook (``eligibility.converter``) returns unchanged or as the
    same number made a float, so that a value it reads is the value the hook gives.
    """
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not Unknown]
        rest = [m for m in members if m is not type(None)]
        return quick_reader(rest[0], plan_of, type(None) in members) if len(rest) == 1 else None
    if origin is Literal:
        allowed = get_args(tp)
        return _quick_word(frozenset(allowed), nullable) if all(isinstance(a, str) for a in allowed) else None
    if origin is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis:
        item = quick_reader(get_args(tp)[0], plan_of)
        return None if item is None else _quick_tuple(item, nullable)
    if origin is dict and get_args(tp)[0] is str and _is_scalar_union(get_args(tp)[1]) and not nullable:
        return _quick_scalars
    if attrs.has(tp):
        return _quick_record(tp, plan_of, nullable)
    factory = _QUICK.get(tp)
    return factory(nullable) if factory is not None else None


def _quick_word(words: frozenset[str], nullable: bool) -> QuickReader:
    """A listed word (a Literal of text)."""
    def read(value: Any) -> Any:
        if type(value) is str and value in words:
            return value
        return None if nullable and value is None else MISS

    return read


def _quick_tuple(item: QuickReader, nullable: bool) -> QuickReader:
    """A list read item by item (at most MAX_PROFILE_ITEMS), as a tuple; MISS if any item is missed."""
    def read(value: Any) -> Any:
        if type(value) is not list or len(value) > MAX_PROFILE_ITEMS:
            return None if nullable and value is None else MISS
        items = []
        for v in value:
            got = item(v)
            if got is MISS:
                return MISS
            items.append(got)
        return tuple(items)

    return read


def _quick_record(cls: type, plan_of: Callable[[type], Any], nullable: bool) -> QuickReader:
    """A record whose keys are all fields, with every required one given and each value read quickly; the
    fields it does not give take the class's defaults, as they do when the converter reads the record.

    Made on first use (a class may hold a record of itself): a function written for the class
    (``_written_reader``), or for a class with fields it does not handle, the general reader below."""
    chosen: list[QuickReader] = []

    def read(value: Any) -> Any:
        if not chosen:
            plan = plan_of(cls)
            chosen.append(_written_reader(cls, plan, nullable) or _general_reader(cls, plan, nullable))
        return chosen[0](value)

    return read


def _written_reader(cls: type, plan: Any, nullable: bool) -> QuickReader | None:
    """The record reader written out for ``cls``: each field's key looked up in turn and its value read by the
    field's quick reader (a missing field takes its default, made afresh from a factory), any key left over
    (unknown, or read by a full reader) giving ``MISS``, the instance made from the values in the fields'
    order. It gives what ``_general_reader`` gives without a loop, a dict of values or keywords to match.
    None for a class with a field it does not handle: not in ``__init__``, keyword-only, renamed, or with a
    factory taking the instance."""
    fields = attrs.fields(cls)
    if any(not f.init or f.kw_only or f.alias != f.name
           or (isinstance(f.default, attrs.Factory) and f.default.takes_self) for f in fields):  # type: ignore[arg-type]
        return None
    scope: dict[str, Any] = {"cls": cls, "MISS": MISS, "ABSENT": _ABSENT}
    lines = ["def read(value):",
             "    if type(value) is not dict:",
             f"        return None if {nullable} and value is None else MISS",
             "    get = value.get",
             "    left = len(value)"]
    for i, f in enumerate(fields):
        reader = plan.quick.get(f.name)
        scope[f"r{i}"], scope[f"d{i}"] = reader, f.default
        if f.default is attrs.NOTHING:
            missing = "return MISS"
        elif isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
            scope[f"d{i}"] = f.default.factory
            missing = f"a{i} = d{i}()"
        else:
            missing = f"a{i} = d{i}"
        if reader is None:  # read by its full reader only: a value given is left over, none takes the default
            lines.append(f"    {missing}")
            continue
        lines += [f"    v = get({f.name!r}, ABSENT)",
                  "    if v is ABSENT:",
                  f"        {missing}",
                  "    else:",
                  f"        a{i} = r{i}(v)",
                  f"        if a{i} is MISS:",
                  "            return MISS",
                  "        left -= 1"]
    lines += ["    if left:",
              "        return MISS",
              f"    return cls({', '.join(f'a{i}' for i in range(len(fields)))})"]
    exec(compile_code("\n".join(lines), f"<quick reader of {cls.__qualname__}>"), scope)
    written: QuickReader = scope["read"]
    return written


#: What a record's key that is not given looks up to (no value of a file is this object).
_ABSENT: Any = object()


def _general_reader(cls: type, plan: Any, nullable: bool) -> QuickReader:
    """The record reader for any class: the value's keys in turn, each looked up among the fields."""
    # The class's required fields and, by key, each field's name and quick reader.
    required = plan.required
    fields = {name: (name, reader) for name, reader in plan.quick.items()}

    def read(value: Any) -> Any:
        if type(value) is not dict:
            return None if nullable and value is None else MISS
        if not value.keys() >= required:
            return MISS
        values: dict[str, Any] = {}
        for key, item in value.items():
            field = fields.get(key)
            if field is None:  # an unknown key, or a field read by its full reader
                return MISS
            got = field[1](item)
            if got is MISS:
                return MISS
            # Keyed by the field's own name, not the data's equal text: the class's __init__ then matches each
            # keyword to its parameter by identity (the text read from a file is another object, compared
            # character by character with parameter after parameter).
            values[field[0]] = got
        return cls(**values)

    return read


def _is_scalar_union(tp: Any) -> bool:
    return get_origin(tp) in (typing.Union, types.UnionType) and set(get_args(tp)) == {bool, float, str}


def _quick_scalars(value: Any) -> Any:
    """A mapping of text keys to true/false, numbers in bounds or text (``declarations``), copied."""
    if type(value) is not dict or len(value) > MAX_PROFILE_ITEMS:
        return MISS
    for key, item in value.items():
        kind = type(item)
        if type(key) is not str or not text_within(key, MAX_KEY):
            return MISS
        if kind is str:
            if not text_within(item):
                return MISS
        elif kind is not bool and not ((kind is int or kind is float) and -MAX_NUMBER < item < MAX_NUMBER):
            return MISS
    return dict(value)


def _quick_str(nullable: bool) -> QuickReader:
    def read(value: Any) -> Any:
        if type(value) is str and len(value) <= MAX_TEXT and (value.isascii() or text_within(value)):
            return value
        return None if nullable and value is None else MISS

    return read


def _quick_int(nullable: bool) -> QuickReader:
    def read(value: Any) -> Any:
        if type(value) is int and -MAX_NUMBER < value < MAX_NUMBER:
            return value
        return None if nullable and value is None else MISS

    return read


def _quick_float(nullable: bool) -> QuickReader:
    def read(value: Any) -> Any:
        kind = type(value)
        if (kind is float or kind is int) and -MAX_NUMBER < value < MAX_NUMBER:  # false for NaN too
            return float(value)
        return None if nullable and value is None else MISS

    return read


def _quick_bool(nullable: bool) -> QuickReader:
    def read(value: Any) -> Any:
        if type(value) is bool:
            return value
        return None if nullable and value is None else MISS

    return read


def _quick_date(nullable: bool) -> QuickReader:
    def read(value: Any) -> Any:
        # Ten ASCII characters with dashes at the fifth and eighth, tested without a regular expression: of such
        # text, date.fromisoformat reads exactly what also matches converter.DATE_FORMAT (YYYY-MM-DD in digits;
        # it refuses any other character there), which is what the converter reads (tests/test_profile_quick_read.py
        # holds the two to the same texts).
        if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-" and value.isascii():
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                return MISS
            if FIRST_DATE <= day <= LAST_DATE:
                return day
            return MISS
        return None if nullable and value is None else MISS

    return read


_QUICK: dict[Any, Callable[[bool], QuickReader]] = {str: _quick_str, int: _quick_int, float: _quick_float,
                                                    bool: _quick_bool, dt.date: _quick_date}
