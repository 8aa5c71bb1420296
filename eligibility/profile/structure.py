"""Read plain data into the profile model field by field, so that every problem of a file is found at once.

A field that cannot be read is reported and left empty, and the rest of the profile is still read:
the checks that follow (codes, dates, impossible facts) then run on every part that could be read,
so a person sees the wrong date, the unknown NOC code and the misspelled declaration in one pass.
When nothing is wrong the result is a real :class:`Profile`; otherwise a stand-in with the same
attribute names (``None`` where a value could not be read) that only the checks look at.
"""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin

import attrs

from eligibility.converter import CONVERTER, describe_value, problems_of
from eligibility.errors import Problem
from eligibility.limits import MAX_PROFILE_ITEMS
from eligibility.suggest import did_you_mean
from eligibility.unknown import Unknown

#: The text a format without null (TOML) uses to say "known: none" for a record such as job_offer.
NONE_WORD = "none"


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
        hints = typing.get_type_hints(cls)
        fields = attrs.fields(cls)
        names = [f.name for f in fields]
        whole = True
        for key in data:
            if key not in names:
                self.problem(f"{path}.{key}", f"unknown key{did_you_mean(str(key), names)}")
                whole = False
        values: dict[str, Any] = {}
        for f in fields:
            here = f"{path}.{f.name}"
            if f.name in data:
                values[f.name], ok = self.value(data[f.name], hints[f.name], here)
                whole = whole and ok
            elif f.default is attrs.NOTHING:
                self.problem(here, "required key is missing")
                values[f.name], whole = None, False
            else:
                default = f.default
                values[f.name] = default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]
        if whole:
            return cls(**values), True
        return types.SimpleNamespace(**values), False

    def value(self, data: Any, tp: Any, path: str) -> tuple[Any, bool]:
        """One field's value: records and lists of records item by item, scalars by the converter."""
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [m for m in get_args(tp) if m is not Unknown]
            records = [m for m in members if attrs.has(m)]
            if records and type(None) in members and (data is None or data == NONE_WORD):
                return None, True
            if records and len(members) <= 2:
                if isinstance(data, str):
                    self.problem(path, f"expected a mapping of keys to values, or null (in TOML: \"none\") for "
                                       f"none, found {describe_value(data)}")
                    return None, False
                return self.record(data, records[0], path)
        if attrs.has(tp):
            return self.record(data, tp, path)
        if origin is tuple and len(get_args(tp)) == 2 and attrs.has(get_args(tp)[0]):
            if not isinstance(data, list):
                self.problem(path, f"expected a list, found {describe_value(data)}")
                return None, False
            if len(data) > MAX_PROFILE_ITEMS:
                self.problem(path, f"expected at most {MAX_PROFILE_ITEMS} entries, found {len(data)}")
                return None, False
            items = [self.value(item, get_args(tp)[0], f"{path}[{i}]") for i, item in enumerate(data)]
            return tuple(item for item, _ in items), all(ok for _, ok in items)
        if origin is dict and not isinstance(data, dict):
            self.problem(path, f"expected a mapping of keys to values, found {describe_value(data)}")
            return None, False
        if isinstance(data, list | dict) and len(data) > MAX_PROFILE_ITEMS:
            self.problem(path, f"expected at most {MAX_PROFILE_ITEMS} entries, found {len(data)}")
            return None, False
        try:
            return CONVERTER.structure(data, tp), True
        except Exception as exc:
            for p in problems_of(exc, self.source):
                self.problems.append(Problem(self.source, path + p.path.removeprefix("$"), p.message))
            return None, False
