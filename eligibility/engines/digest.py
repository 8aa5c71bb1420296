"""The profile's digest on a receipt: sha256 of its canonical JSON text, written without building the data first.

The canonical text is ``json.dumps(unstructure(profile), sort_keys=True, ensure_ascii=False, default=str)``:
every attribute except unknown ones, keys sorted, dates as ISO text, Python's separators. ``canonical_json``
writes exactly that text straight from the objects (the test suite compares the two on every example and
generated profile); on a profile with many jobs, building the data and then encoding it cost as much as
evaluating the profile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from json.encoder import encode_basestring
from typing import Any

import attrs

from eligibility.converter import unstructure
from eligibility.unknown import UNKNOWN

#: Per attrs class: its field names in sorted order with their encoded keys ('"name": ').
_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _keys(kind: type) -> tuple[tuple[str, str], ...] | None:
    found = _KEYS.get(kind)
    if found is None:
        if not attrs.has(kind):
            return None
        names = sorted(f.name for f in attrs.fields(kind))
        found = _KEYS[kind] = tuple((n, f"{encode_basestring(n)}: ") for n in names)
    return found


def _float(value: float) -> str:
    # json.dumps writes floats with float.__repr__, and the three special values by these names.
    if math.isfinite(value):
        return float.__repr__(value)
    return "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")


def _write(value: Any, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    elif kind is tuple or kind is list:
        if not value:
            out.append("[]")
            return
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(", ")
            _write(item, out)
        out.append("]")
    elif kind is dict and all(type(k) is str for k in value):
        if not value:
            out.append("{}")
            return
        out.append("{")
        for i, key in enumerate(sorted(value)):
            if i:
                out.append(", ")
            out.append(encode_basestring(key))
            out.append(": ")
            _write(value[key], out)
        out.append("}")
    elif kind is dt.date:
        out.append(f'"{value.isoformat()}"')
    elif (keys := _keys(kind)) is not None:
        out.append("{")
        first = True
        for name, key in keys:
            item = getattr(value, name)
            if item is UNKNOWN:
                continue
            if not first:
                out.append(", ")
            first = False
            out.append(key)
            # The common scalars here, the rest (and bools, whose type is not int) by _write.
            kind = type(item)
            if kind is str:
                out.append(encode_basestring(item))
            elif item is None:
                out.append("null")
            elif kind is int:
                out.append(int.__repr__(item))
            elif kind is dt.date:
                out.append(f'"{item.isoformat()}"')
            else:
                _write(item, out)
        out.append("}")
    else:
        # Anything else (none in a profile today) is written as the converter and json.dumps write it.
        out.append(json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False, default=str))


def canonical_json(obj: Any) -> str:
    """``json.dumps(unstructure(obj), sort_keys=True, ensure_ascii=False, default=str)``, written directly."""
    out: list[str] = []
    _write(obj, out)
    return "".join(out)


def profile_digest(profile: Any) -> str:
    """sha256 of the profile's canonical JSON form."""
    return hashlib.sha256(canonical_json(profile).encode()).hexdigest()
