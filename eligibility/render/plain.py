"""The parts of result JSON shared by evaluation and CRS objects, built straight from the result tree.

Plain data here means only ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and ``None``: what
``eligibility.to_data`` returns and orjson writes without a fallback. Each builder is written out by hand
(no generic unstructuring on the way) because results are turned into JSON as often as they are computed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from eligibility.converter import unstructure
from eligibility.render.citation_table import Cite
from eligibility.result import Caveat, Receipt
from eligibility.unknown import UNKNOWN

#: Turns an observed or required value or an evidence item into plain data: ``plain`` or ``shared``.
Value = Callable[[Any], Any]


#: The types written as they are; checked inline, since nearly every value of a result is one of them.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def plain(value: Any) -> Any:
    """A value of a result (observed, required, evidence) as plain JSON data: dates as YYYY-MM-DD, tuples as
    lists, an unknown fact as null; anything else through the package's converter. Always a copy, so the
    data can be changed without touching the result."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        return {k if type(k) is str else _key(k): v if type(v) in _SCALARS else plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [v if type(v) in _SCALARS else plain(v) for v in value]
    if kind is dt.date:
        return value.isoformat()
    if value is UNKNOWN:
        return None
    if isinstance(value, str | int | float):  # bool is an int; str and int subclasses write as their value
        return value
    out = unstructure(value)
    if type(out) is kind:
        raise TypeError(f"cannot write a {kind.__name__} as JSON")
    return plain(out)


def shared(value: Any) -> Any:
    """``value`` itself when it is plain JSON data already (checked, not copied), else its plain copy: for data
    that is written at once and never changed."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        for k, v in value.items():
            if type(k) is not str or (type(v) not in _SCALARS and shared(v) is not v):
                return plain(value)
        return value
    if kind is list or kind is tuple:  # orjson writes a tuple as the list it would be copied to
        for v in value:
            if type(v) not in _SCALARS and shared(v) is not v:
                return plain(value)
        return value
    return plain(value)


def _key(key: Any) -> str:
    """A mapping key as JSON text, the way the standard library writes a non-text key."""
    if key is True or key is False or key is None:
        return {True: "true", False: "false", None: "null"}[key]
    if isinstance(key, dt.date):
        return key.isoformat()
    if isinstance(key, int | float):
        return repr(key)
    raise TypeError(f"cannot write a mapping key of type {type(key).__name__} as JSON")


def caveat_data(c: Caveat, cite: Cite) -> dict[str, Any]:
    """One caveat: the condition it concerns, what it says, why, and its citations."""
    return {"condition": c.condition, "says": c.says, "reason": c.reason, "citations": cite(c.citations)}


def receipt_data(r: Receipt) -> dict[str, Any]:
    """The receipt: as-of date, package version, rules and profile digests, engine."""
    return {"as_of": r.as_of.isoformat(), "package_version": r.package_version,
            "rulesets_sha256": r.rulesets_sha256, "profile_sha256": r.profile_sha256, "engine": r.engine}
