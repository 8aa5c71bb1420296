"""One cattrs converter for profiles, rulesets and results: strict types, clear messages, JSON-ready output.

Structuring refuses unknown keys and wrong types; every problem of a document is collected and turned
into one line each: ``source: $.path: expected ..., found ...``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from eligibility.errors import MAX_FOUND, InputError, Problem, clip
from eligibility.limits import date_problem, number_problem
from eligibility.suggest import did_you_mean
from eligibility.unknown import Unknown

T = TypeVar("T")


def show(value: Any) -> str:
    """Render a found value the way it reads in a file: strings quoted, others as JSON."""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return clip(text, MAX_FOUND)


def describe_value(value: Any) -> str:
    """Name the kind of a found value, with the value when it is short."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    return show(value)


#: A date as files write it (YYYY-MM-DD).
DATE_FORMAT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date(value: Any, _: type) -> dt.date:
    # Only YYYY-MM-DD: fromisoformat alone would also read week dates (2025-W23-1) and 20250601.
    day: dt.date | None = None
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date YYYY-MM-DD, found a date and time {value.isoformat()}")
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and DATE_FORMAT.fullmatch(value):
        with contextlib.suppress(ValueError):
            day = dt.date.fromisoformat(value)
    if day is None:
        raise ValueError(f"expected a date YYYY-MM-DD, found {describe_value(value)}")
    why = date_problem(day)
    if why is not None:
        raise ValueError(why)
    return day


def _bounded(value: Any) -> Any:
    why = number_problem(value)
    if why:
        raise ValueError(why)
    return value


def _int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return int(_bounded(value))
    if isinstance(value, float) and value.is_integer():
        return int(_bounded(value))
    raise ValueError(f"expected a whole number, found {describe_value(value)}")


def _float(value: Any, _: type) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(_bounded(value))
    raise ValueError(f"expected a number, found {describe_value(value)}")


def _str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    # A code written without quotes (noc: 21231) is still the code the person meant.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(_bounded(value))
    # JSON has one kind of number: 21231.0 is the number 21231 (a spreadsheet's export writes it so), and the
    # profile's JSON Schema, which accepts a whole number here, cannot tell the two apart.
    if isinstance(value, float) and value.is_integer():
        return str(int(_bounded(value)))
    raise ValueError(f"expected text, found {describe_value(value)}")


def _bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, found {describe_value(value)}")


def _is_literal(tp: Any) -> bool:
    return get_origin(tp) is Literal


def _literal_factory(tp: Any) -> Callable[[Any, Any], Any]:
    """The hook of one Literal type, its allowed values worked out once."""
    allowed = get_args(tp)
    texts = frozenset(a for a in allowed if isinstance(a, str))

    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, str) and value in texts:
            return value
        if isinstance(value, int) and not isinstance(value, bool) and str(value) in allowed:
            return str(value)
        if value in allowed and not isinstance(value, bool):
            return value
        choices = ", ".join(str(a) for a in allowed)
        reason = LITERAL_REASONS[tp](value) if tp in LITERAL_REASONS and isinstance(value, str) else None
        if reason:
            return _raise(f"expected one of {choices}, found {describe_value(value)}: {reason}")
        hint = ""
        if isinstance(value, str):
            # A code written in another case ("on" for ON) is the likeliest slip; difflib's ratio does not see it.
            folded = value.strip().casefold()
            same = next((str(a) for a in allowed if str(a).casefold() == folded), None)
            hint = f"; did you mean {same!r}?" if same is not None else did_you_mean(value, [str(a) for a in allowed])
        return _raise(f"expected one of {choices}, found {describe_value(value)}{hint}")

    return hook


#: For some closed vocabularies a value is known and refused for a reason (a language test IRCC does not
#: accept): the reason says more than a "did you mean". Registered by the modules that know the reasons.
LITERAL_REASONS: dict[Any, Callable[[str], str | None]] = {}


def mapping_only(hook: Callable[[Any, Any], T]) -> Callable[[Any, Any], T]:
    """Wrap a structure hook of a record type so that anything but a mapping is refused in words."""
    def structure_mapping(value: Any, tp: Any) -> T:
        if not isinstance(value, dict):
            raise ValueError(f"expected a mapping of keys to values, found {describe_value(value)}")
        return hook(value, tp)

    return structure_mapping


def _attrs_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(cls: Any) -> Callable[[Any, Any], Any]:
        return mapping_only(make_dict_structure_fn(cls, converter))

    return factory


def _raise(message: str) -> Any:
    raise ValueError(message)


def _is_union(tp: Any) -> bool:
    """A union of scalars, optionals and Unknown; unions of several attrs classes are tagged unions,
    left to cattrs' union strategies (a converter configured with ``configure_tagged_union``)."""
    if get_origin(tp) not in (typing.Union, types.UnionType):
        return False
    return sum(1 for m in get_args(tp) if attrs.has(m)) < 2


def _union_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """A factory of union hooks: each union's members are sorted out once, when the type is first met."""
    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        members = [m for m in get_args(tp) if m is not Unknown]
        nullable = type(None) in members
        rest = [m for m in members if m is not type(None)]
        if len(rest) == 1:
            only = rest[0]
            inner: list[Callable[[Any, Any], Any]] = []

            def single(value: Any, _: Any) -> Any:
                if value is None and nullable:
                    return None
                if not inner:
                    # Looked up on first use: a record type may refer to a union of itself.
                    inner.append(converter.get_structure_hook(only))
                return inner[0](value, only)

            return single
        scalars = all(m in (bool, int, float, str) for m in rest)

        def mixed(value: Any, _: Any) -> Any:
            if value is None and nullable:
                return None
            # Scalars of mixed kinds (declarations): keep the value as written.
            if scalars:
                if isinstance(value, bool | int | float | str):
                    return _bounded(value)
                raise ValueError(f"expected true, false, a number or text, found {describe_value(value)}")
            if value is None:
                raise ValueError("expected a value, found null")
            raise ValueError(f"cannot read a value of type {tp}")

        return mixed

    return factory


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    """A factory of hooks for homogeneous tuples: every item is read, every bad item reported."""
    def factory(tp: Any) -> Callable[[Any, Any], Any]:
        (item_type, *_) = get_args(tp)
        inner: list[Callable[[Any, Any], Any]] = []

        def hook(value: Any, _: Any) -> Any:
            if not isinstance(value, list | tuple):
                raise ValueError(f"expected a list, found {describe_value(value)}")
            if not inner:
                inner.append(converter.get_structure_hook(item_type))
            item_hook = inner[0]
            items, errors = [], []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:
                    exc.__notes__ = [*getattr(exc, "__notes__", []), cattrs.IterableValidationNote(
                        f"Structuring {tp} @ index {index}", index, item_type)]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"While structuring {tp}", errors, tp)
            return tuple(items)

        return hook

    return factory


def _is_homogeneous_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple and len(get_args(tp)) == 2 and get_args(tp)[1] is Ellipsis


def _unstructure_attrs(converter: cattrs.Converter) -> Callable[[type], Callable[[Any], Any]]:
    def factory(cls: type) -> Callable[[Any], Any]:
        base: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=False)
        fields = attrs.fields(cls)

        def unstructure(obj: Any) -> Any:
            data = base(obj)
            # An unknown fact is written as an absent key, so a round trip keeps its meaning.
            for f in fields:
                if getattr(obj, f.name) is Unknown.UNKNOWN:
                    data.pop(f.name, None)
            return data

        return unstructure

    return factory


def make_converter() -> cattrs.Converter:
    """A strict converter: no extra keys, no coercion between kinds, all errors at once."""
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook(dt.date, _date)
    conv.register_structure_hook(int, _int)
    conv.register_structure_hook(float, _float)
    conv.register_structure_hook(str, _str)
    conv.register_structure_hook(bool, _bool)
    conv.register_structure_hook_factory(_is_literal, _literal_factory)
    conv.register_structure_hook_factory(_is_union, _union_hook(conv))
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook(conv))
    conv.register_structure_hook_factory(attrs.has, _attrs_hook(conv))
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(Unknown, lambda _: None)
    conv.register_unstructure_hook_factory(attrs.has, _unstructure_attrs(conv))
    return conv


CONVERTER = make_converter()


def _format(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, ForbiddenExtraKeysError):
        names = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        extra = sorted(exc.extra_fields)
        return "; ".join(f"unknown key {k!r}{did_you_mean(k, [n for n in names if n != k])}" for k in extra)
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, ValueError | TypeError):
        text = str(exc)
        if text.startswith(("expected", "unknown", "required", "cannot", "must", "not ")):
            return text
        return f"expected {type_.__name__ if isinstance(type_, type) else type_}, found an invalid value"
    # Anything else is a hook tripping on a value of the wrong kind: never show Python's own words.
    expected = type_.__name__ if isinstance(type_, type) else "a different kind of value"
    return f"expected {expected}, found an invalid value"


def problems_of(exc: BaseException, source: str) -> list[Problem]:
    """Flatten a cattrs validation error into problems, each with its ``$.path``."""
    if not isinstance(exc, ClassValidationError | IterableValidationError):
        return [Problem(source, "$", _format(exc, None))]
    problems: list[Problem] = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        if " @ " not in line:
            message, path = line, "$"
        # An unknown key belongs to the mapping that holds it; name it in the path.
        if message.startswith("unknown key"):
            for part in message.split("; unknown key "):
                key = part.removeprefix("unknown key ").split(";")[0].strip("'\"")
                suffix = part.split(";", 1)[1].strip() if ";" in part else ""
                problems.append(Problem(source, f"{path}.{key}",
                                        "unknown key" + (f"; {suffix}" if suffix else "")))
            continue
        problems.append(Problem(source, _file_keys(path), message))
    return problems


#: Model attributes whose key in files differs (``from`` and ``to`` are Python keywords).
FILE_KEYS = {"valid_from": "from", "valid_to": "to"}


def _file_keys(path: str) -> str:
    for attr, key in FILE_KEYS.items():
        path = path.replace(f".{attr}", f".{key}")
    return path


def structure(data: Any, cls: type[T], source: str, converter: cattrs.Converter | None = None) -> T:
    """Structure plain data into ``cls`` (with ``converter``, default the strict base one) or raise an
    InputError listing every problem."""
    if not isinstance(data, dict):
        raise InputError([Problem(source, "$", f"expected a mapping of keys to values, found {describe_value(data)}")])
    try:
        return (converter or CONVERTER).structure(data, cls)
    except (ClassValidationError, IterableValidationError, ValueError, TypeError) as exc:
        raise InputError(problems_of(exc, source)) from None


def unstructure(obj: Any) -> Any:
    """Turn a model object into JSON-ready plain data."""
    return CONVERTER.unstructure(obj)
