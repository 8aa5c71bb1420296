"""A result's citations: each written once, in a table keyed by citation, and referred to by key.

A key is the source id and a digest of the citation, so the same citation has the same key in every result.
Keys and table entries are worked out once per distinct citation and once per tuple of citations (the
evaluator keeps one tuple per condition of a program version), so a result pays little for its citations.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from attrs import frozen

from eligibility.record import Record
from eligibility.result import CitationRef

#: Turns a condition's citations into what the JSON holds for them: keys of the result's table, or objects.
Cite = Callable[[tuple[CitationRef, ...]], list[Any]]


def citation_data(c: CitationRef) -> dict[str, Any]:
    """One citation: source id, title, URL, date checked, confidence and pinpoint (``at``)."""
    return {"source": c.source, "title": c.title, "url": c.url, "checked": c.checked.isoformat(),
            "confidence": c.confidence, "at": c.at}


def inline(refs: tuple[CitationRef, ...]) -> list[Any]:
    """Citations written in place, each as its object (the standalone CRS object)."""
    return [citation_data(c) for c in refs]


def citation_key(c: CitationRef) -> str:
    """The key of a citation in a result's table: its source id and 10 hex digits of a SHA-256 digest of every
    field (``irpr#95c4952779``), so that the same citation has the same key in every result, on every machine."""
    text = "\x1f".join((c.source, c.title, c.url, c.checked.isoformat(), c.confidence, c.at or "\x00"))
    return f"{c.source}#{hashlib.sha256(text.encode()).hexdigest()[:10]}"


@frozen
class _Cited(Record):
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
#: Key -> the citation object it was given to, to refuse a second citation under the same key.
_BY_KEY: dict[str, dict[str, Any]] = {}


def _cited(refs: tuple[CitationRef, ...]) -> _Cited:
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
    # (with 10 hex digits, about one chance in ten million for as many citations as the shipped rules have;
    # those are checked by a test).
    other = _BY_KEY.setdefault(key, row)
    if other != row:
        raise RuntimeError(f"citation key {key} names two citations: {other} and {row}")
    return key, row


class CitationTable:
    """The citations of one result, each written once under its key (``citation_key``) and referred to by
    that key wherever it is cited; the table lists them in order of first appearance."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, Any]] = {}

    def refer(self, refs: tuple[CitationRef, ...]) -> list[Any]:
        """The keys of these citations, adding the ones not yet in the table."""
        if not refs:
            return []
        cited = _BY_TUPLE.get(id(refs))
        if cited is None or cited.refs is not refs:
            cited = _cited(refs)
        self._rows.update(cited.rows)
        return list(cited.keys)

    def rows(self, share: bool = False) -> dict[str, dict[str, Any]]:
        """Key -> citation object: the result's top-level ``citations``; copies, free to change, unless
        ``share`` (for data written at once)."""
        return dict(self._rows) if share else {key: dict(row) for key, row in self._rows.items()}
