"""The parts of result JSON shared by evaluation and CRS objects, built straight from the result tree.

Plain data here means only ``dict``, ``list``, ``str``, ``int``, ``float``, ``bool`` and ``None``: what
``eligibility.to_data`` returns and orjson writes without a fallback. Each builder is written out by hand
(no generic unstructuring on the way) because results are turned into JSON as often as they are computed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from attrs import frozen

from eligibility.converter import unstructure
from eligibility.result import Caveat, CitationRef, Receipt
from eligibility.unknown import UNKNOWN

#: Turns a condition's citations into what the JSON holds for them: keys of the result's table, or objects.
Cite = Callable[[tuple[CitationRef, ...]], list[Any]]
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


def citation_data(c: CitationRef) -> dict[str, Any]:
    """One citation: source id, title, URL, date checked, confidence and pinpoint (``at``)."""
    return {"source": c.source, "title": c.title, "url": c.url, "checked": c.checked.isoformat(),
            "confidence": c.confidence, "at": c.at}


def inline(refs: tuple[CitationRef, ...]) -> list[Any]:
    """Citations written in place, each as its object (the standalone CRS object)."""
    return [citation_data(c) for c in refs]


def citation_key(c: CitationRef) -> str:
    """The key of a citation in a result's table: its source id and 8 hex digits of a digest of every field
    (``irpr#3f9a1c2e``), so that the same citation has the same key in every result, on every machine."""
    text = "\x1f".join((c.source, c.title, c.url, c.checked.isoformat(), c.confidence, c.at or "\x00"))
    return f"{c.source}#{hashlib.sha256(text.encode()).hexdigest()[:8]}"


@frozen
class _Cited:
    """The keys of one tuple of citations and the table entries they need, worked out once per tuple."""

    refs: tuple[CitationRef, ...]
    keys: tuple[str, ...]
    rows: dict[str, dict[str, Any]]


#: Each distinct citation's key and object, made once per process (citations are few: the sources of the rules).
_BY_CITATION: dict[tuple[Any, ...], tuple[str, dict[str, Any]]] = {}
#: By the identity of a tuple of citations (the evaluator keeps one tuple per condition of a program version);
#: each entry holds its tuple, so that an identity is never reused while it is here. Emptied when it grows past
#: _MOST, for results whose tuples are made anew.
_BY_TUPLE: dict[int, _Cited] = {}
_MOST = 20_000


def _cited(refs: tuple[CitationRef, ...]) -> _Cited:
    found = _BY_TUPLE.get(id(refs))
    if found is not None and found.refs is refs:
        return found
    keys, rows = [], {}
    for c in refs:
        # Every field is part of the identity: two programs may name different pages with one source id.
        ident = (c.source, c.at, c.url, c.title, c.checked, c.confidence)
        entry = _BY_CITATION.get(ident)
        if entry is None:
            entry = _BY_CITATION[ident] = _new_entry(c)
        keys.append(entry[0])
        rows[entry[0]] = entry[1]
    found = _Cited(refs, tuple(keys), rows)
    if len(_BY_TUPLE) >= _MOST:
        _BY_TUPLE.clear()
    _BY_TUPLE[id(refs)] = found
    return found


def _new_entry(c: CitationRef) -> tuple[str, dict[str, Any]]:
    key = citation_key(c)
    row = citation_data(c)
    # Two different citations of one source under one key would show a reader the wrong page: refuse it
    # (the digest makes it about a one-in-a-billion chance; the shipped rulesets are checked by a test).
    other = _BY_KEY.setdefault(key, row)
    if other != row:
        raise RuntimeError(f"citation key {key} names two citations: {other} and {row}")
    return key, row


_BY_KEY: dict[str, dict[str, Any]] = {}


class CitationTable:
    """The citations of one result, each written once under its key (``citation_key``) and referred to by
    that key wherever it is cited; the table lists them in order of first appearance."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, Any]] = {}

    def refer(self, refs: tuple[CitationRef, ...]) -> list[Any]:
        """The keys of these citations, adding the ones not yet in the table."""
        if not refs:
            return []
        cited = _cited(refs)
        self._rows.update(cited.rows)
        return list(cited.keys)

    @property
    def rows(self) -> dict[str, dict[str, Any]]:
        """Key -> citation object: the result's top-level ``citations`` (copies, free to change)."""
        return {key: dict(row) for key, row in self._rows.items()}


def caveat_data(c: Caveat, cite: Cite) -> dict[str, Any]:
    """One caveat: the condition it concerns, what it says, why, and its citations."""
    return {"condition": c.condition, "says": c.says, "reason": c.reason, "citations": cite(c.citations)}


def receipt_data(r: Receipt) -> dict[str, Any]:
    """The receipt: as-of date, package version, rules and profile digests, engine."""
    return {"as_of": r.as_of.isoformat(), "package_version": r.package_version,
            "rulesets_sha256": r.rulesets_sha256, "profile_sha256": r.profile_sha256, "engine": r.engine}
