"""The rows of a batch: one profile per line of a JSONL file, or one profile file per entry of a folder.

A row carries where it came from (``line`` or ``file``), the caller's ``id`` when readable, and either
the parsed data or the problem that kept it from being parsed. Reading never stops at a bad row.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from attrs import frozen

from eligibility.errors import InputError, UsageError
from eligibility.record import Record

#: The longest JSONL line read, in bytes; a longer line is one bad row (the profile loader's own limit).
MAX_LINE_BYTES = 1024 * 1024


@frozen
class Row(Record):
    """One input row: its place, the caller's id if readable, and its data or the reason it has none."""

    key: tuple[str, int | str]  # ("line", 3) or ("file", "name.yaml")
    data: Any = None
    problem: str | None = None

    @property
    def id(self) -> str | None:
        """The profile's own ``id`` field, when the row was read and has one."""
        value = self.data.get("id") if isinstance(self.data, dict) else None
        return value if isinstance(value, str) else None

    def place(self) -> dict[str, int | str]:
        """``{"line": n}`` or ``{"file": name}``, for the output records."""
        return {self.key[0]: self.key[1]}


def _reject_constant(text: str) -> Any:
    raise ValueError(f"expected a finite number, found {text}")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen.add(key)
    return out


#: A row as the batch moves it between processes: a JSONL line not parsed yet (its number and bytes),
#: or a row already made (a file of a folder, or a line too long to read).
Item = tuple[int, bytes] | Row


def jsonl_items(path: Path, source: str | None = None) -> Iterator[Item]:
    """Each non-blank line of a JSONL file as (number, bytes), numbered from 1; a line too long is a bad row."""
    source = source or str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UsageError(f"{source}: cannot be read: {exc.strerror}") from None
    with handle:
        for number, raw in enumerate(_lines(handle), start=1):
            if raw is None:
                yield Row(("line", number), problem=f"expected a line of at most {MAX_LINE_BYTES:,} bytes, found "
                                                    f"more")
            elif raw.strip():
                yield number, raw


def item_key(item: Item) -> tuple[str, int | str]:
    """The place of an item: ("line", n) or ("file", name)."""
    return item.key if isinstance(item, Row) else ("line", item[0])


def as_row(item: Item) -> Row:
    """The row of an item, parsing a JSONL line."""
    return item if isinstance(item, Row) else row_from_line(*item)


def jsonl_rows(path: Path, source: str | None = None) -> Iterator[Row]:
    """Each non-blank line of a JSONL file as a row (line numbers from 1); a bad line is a row with a problem."""
    return (as_row(item) for item in jsonl_items(path, source))


#: Digits 1-9 made 0, so that a run of digits is a run of zeros (``_quick_data``).
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
_SLOW = object()


def _quick_data(raw: bytes | str) -> Any:
    """The line's data read by orjson when it is certainly what the strict reader of ``row_from_line`` gives,
    else ``_SLOW`` (that reader then reads the line, and words any problem, as it always has).

    orjson refuses what that reader refuses but a key written twice, and refuses some lines it reads (NaN,
    Infinity, a lone surrogate, a number past a double), which go the slow way. Three cases where orjson
    reads a line otherwise are ruled out here:

    - a key written twice: orjson keeps the last value. Every ``:`` outside the strings of a line is a key,
      and orjson writes the data back with one ``:`` per key it kept plus those in the text it kept. When the
      line has no ``\\u003a`` escape (a colon the line does not show), its count of ``:`` is at least the
      count in what orjson writes back, equal only when no key was dropped: so equal counts mean no key
      was written twice;
    - an integer past 64 bits (19 digits or more) becomes a float: any run of 19 digits goes the slow way;
    - nesting deeper than the standard reader's recursion allows: orjson's writer refuses nesting past 254
      levels, which goes the slow way too.
    """
    try:
        data = orjson.loads(raw)
        written = orjson.dumps(data)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return _SLOW
    line = raw if isinstance(raw, bytes) else raw.encode("utf-8")  # valid UTF-8: orjson read it
    if line.count(b":") != written.count(b":") or b"\\u003" in line or _LONG_NUMBER in line.translate(_DIGITS):
        return _SLOW
    return data


def row_from_line(number: int, raw: bytes | str) -> Row:
    """The row of one JSONL line (strict JSON: finite numbers, no duplicate keys), numbered ``number``."""
    data = _quick_data(raw)
    if data is not _SLOW:
        return Row(("line", number), data)
    return strict_row(number, raw)


def strict_row(number: int, raw: bytes | str) -> Row:
    """``row_from_line`` by the standard library's reader alone (the reference the quick reader must equal)."""
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return Row(("line", number), problem=f"not valid JSON: {str(exc)[:200]}")
    return Row(("line", number), data)


def _lines(handle: Any) -> Iterator[bytes | None]:
    """Lines of a binary file, None for a line over MAX_LINE_BYTES (skipped to its end without keeping it)."""
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while True:
                rest = handle.readline(MAX_LINE_BYTES)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def folder_rows(folder: Path) -> Iterator[Row]:
    """Each profile file of a folder (sorted by name) as a row, read with the profile loader's reader."""
    from eligibility.documents import SUFFIXES, read_document

    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUFFIXES or not path.is_file():
            continue
        try:
            yield Row(("file", path.name), read_document(path))
        except InputError as exc:
            yield Row(("file", path.name), problem="; ".join(p.message for p in exc.problems)[:500])


def input_rows(path: Path) -> Iterator[Row]:
    """The rows of a JSONL file or a folder of profile files."""
    return (as_row(item) for item in input_items(path))


def input_items(path: Path) -> Iterator[Item]:
    """The items of a JSONL file (lines left unparsed, for the worker that evaluates them) or a folder."""
    if path.is_dir():
        return folder_rows(path)
    if not path.exists():
        raise UsageError(f"{path}: not found; expected a JSONL file or a folder of profile files")
    return jsonl_items(path)
