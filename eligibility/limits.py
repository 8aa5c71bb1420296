"""The bounds every input is checked against, so that any file ends in a result or a clean error.

A profile or ruleset file is refused before it is parsed when it is not a regular file or is too
large, and while it is parsed when it nests too deeply; after parsing, every value is checked
against the bounds below before the model reads it. The numbers are documented in
docs/profile-format.md ("Limits"); they are far above what a real profile or ruleset holds.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

#: Largest file read, in bytes (256 KiB; a real profile is a few kB, the largest ruleset about 15 kB).
MAX_FILE_BYTES = 262_144
#: Largest text parsed: YAML and TOML (read by pure-Python parsers) as a file; JSON, read by a C parser
#: in a fraction of the time, up to 1 MiB (the HTTP service's batches of profiles).
MAX_TEXT_CHARS = {"yaml": MAX_FILE_BYTES, "toml": MAX_FILE_BYTES, "json": 1_048_576}
#: Deepest nesting of mappings and lists (a profile needs 4 levels, a ruleset about 12).
MAX_DEPTH = 32
#: Most values (mapping entries and list items) in one file, counted with YAML aliases expanded.
MAX_VALUES = 100_000
#: Most entries in one mapping or list of a file.
MAX_ITEMS = 10_000
#: Longest text value, and longest mapping key, in characters.
MAX_TEXT = 10_000
MAX_KEY = 200
#: Numbers are finite, with a magnitude below 10^15 (integers: at most 15 digits). Larger values
#: are no real amount, and the durable engine cannot hold floats from 10^16 on.
MAX_NUMBER = 10**15
#: Most entries in each list of a profile (work, language_tests, education, certificates, ...).
MAX_PROFILE_ITEMS = 100
#: Earliest and latest date a profile may hold.
FIRST_DATE = dt.date(1900, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


def date_problem(day: dt.date) -> str | None:
    """Why ``day`` is outside the dates a profile (and a day asked of the rules) may hold, or None."""
    if FIRST_DATE <= day <= LAST_DATE:
        return None
    return f"expected a date from {FIRST_DATE} to {LAST_DATE}, found {day.isoformat()}"

#: Plausibility ceilings of a profile: hours a week in one job (more than 17 hours every day),
#: children, and family size; more is refused as a likely typing error.
MAX_HOURS_PER_WEEK = 120
MAX_CHILDREN = 30
MAX_FAMILY_SIZE = 40
#: The oldest birth date accepted is this many years before today.
MAX_AGE_YEARS = 120


def number_problem(value: Any) -> str | None:
    """Why a parsed number is out of bounds (not finite, or too large), or None when it is fine."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"expected a finite number, found {value}"
    if abs(value) >= MAX_NUMBER:
        return f"expected a number of magnitude below 10^15, found {_magnitude(value)}"
    return None


def _magnitude(value: int | float) -> str:
    if isinstance(value, int):
        digits = len(str(abs(value))) if abs(value) < 10**4000 else "over 4000"
        return f"an integer of {digits} digits"
    return f"{value:g}"


class Oversized:
    """An integer written with more digits than any bound allows, kept as text until it is reported."""

    def __init__(self, digits: str) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return f"an integer of {len(self.digits.lstrip('+-'))} digits"


class Mapping(dict[Any, Any]):
    """A parsed mapping that remembers the keys written twice, to report them with their path."""

    duplicates: tuple[str, ...] = ()


def _kind(value: Any) -> str:
    names: dict[type, str] = {bytes: "binary data", set: "a set", tuple: "a list of pairs"}
    return names.get(type(value), f"a value of type {type(value).__name__}")


def key_path(path: str, key: Any) -> str:
    """The path of ``key`` (a mapping's key, or a list's index) under ``path``, as problems name it."""
    return f"{path}.{key}" if isinstance(key, str) else f"{path}[{key!r}]"


def value_problems(data: Any, source: str, int_keys: bool = False) -> list[tuple[str, str]]:
    """Every value of parsed data out of bounds, as (path, message): depth, sizes, keys, numbers, text.

    Walks without recursion and stops after MAX_VALUES values, so that neither a deep nor a huge
    (or alias-multiplied) document can exhaust the stack, memory or time. ``int_keys`` allows whole
    numbers as mapping keys (rulesets key points by age or level); text keys are always allowed.
    A value's path is written out only when it has a problem (it is kept as a link to its parent).
    """
    del source
    return [] if within(data) >= 0 else walk_problems(data, int_keys)


def walk_problems(data: Any, int_keys: bool = False) -> list[tuple[str, str]]:
    """``value_problems`` by the full walk, which keeps each value's path to word its problems."""
    problems: list[tuple[str, str]] = []
    stack: list[tuple[Any, _Where, int]] = [(data, None, 0)]
    seen = 0
    while stack:
        value, where, depth = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            problems.append(("$", f"expected at most {MAX_VALUES:,} values in a file, found more"))
            break
        kind = type(value)
        if kind is str:
            if len(value) > MAX_TEXT or not value.isascii():
                why = scalar_problem(value)
                if why:
                    problems.append((_path(where), why))
            continue
        if kind is dict or kind is list or isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                problems.append((_path(where), f"expected at most {MAX_DEPTH} levels of nesting, found more"))
                continue
            if len(value) > MAX_ITEMS:
                problems.append((_path(where), f"expected at most {MAX_ITEMS:,} entries, found {len(value):,}"))
                continue
            if isinstance(value, dict):
                for key in getattr(value, "duplicates", ()):
                    problems.append((key_path(_path(where), key), "duplicate key: a key may appear only once in "
                                                                   "a mapping"))
                children = []
                for key, item in value.items():
                    if type(key) is not str or len(key) > MAX_KEY or not key.isascii():
                        why = _key_problem(key, int_keys)
                        if why:
                            problems.append((_path(where), why))
                            continue
                    children.append((item, (where, key), depth + 1))
                stack.extend(reversed(children))
            else:
                stack.extend(reversed([(item, (where, i), depth + 1) for i, item in enumerate(value)]))
        elif kind is not bool and kind is not type(None):
            why = scalar_problem(value)
            if why:
                problems.append((_path(where), why))
    return problems


def within(data: Any) -> int:
    """How many values the data holds when every one is certainly within bounds, else -1 (then the full walk
    above finds and words the problems). The common case made cheap: plain JSON values, no path kept.

    Recursive (the depth is bounded by MAX_DEPTH before each step down), and a subtree's count is checked
    against MAX_VALUES as soon as it is known, so that data multiplied by aliases is not walked past it.
    """
    kind = type(data)
    if kind is dict or kind is list:
        return _within(data, 0)
    return 1 if _scalar_within(data) else -1


def _within(value: dict[Any, Any] | list[Any], depth: int) -> int:
    """``within`` of a mapping or list ``depth`` levels down (itself counted)."""
    if depth >= MAX_DEPTH or len(value) > MAX_ITEMS:
        return -1
    seen = 1
    items: Any = value
    if type(value) is dict:
        for key in value:
            if type(key) is not str or ((len(key) > MAX_KEY or not key.isascii())
                                        and _key_problem(key, False) is not None):
                return -1
        items = value.values()
    for item in items:
        kind = type(item)
        if kind is str:
            if (len(item) > MAX_TEXT or not item.isascii()) and scalar_problem(item) is not None:
                return -1
            seen += 1
        elif kind is int or kind is float:
            if not -MAX_NUMBER < item < MAX_NUMBER:  # false for NaN too
                return -1
            seen += 1
        elif kind is dict or kind is list:
            inner = _within(item, depth + 1)
            if inner < 0:
                return -1
            seen += inner
            if seen > MAX_VALUES:
                return -1
        elif kind is bool or item is None:
            seen += 1
        else:
            return -1
    return seen if seen <= MAX_VALUES else -1


def _scalar_within(value: Any) -> bool:
    """Whether a document that is one scalar is certainly within bounds (as ``_within`` checks an item)."""
    kind = type(value)
    if kind is str:
        return not ((len(value) > MAX_TEXT or not value.isascii()) and scalar_problem(value) is not None)
    if kind is int or kind is float:
        return bool(-MAX_NUMBER < value < MAX_NUMBER)
    return kind is bool or value is None


#: Where a value sits: None for the document, else (where its parent sits, its key or index).
_Where = tuple[Any, str | int] | None


def _path(where: _Where) -> str:
    keys: list[str | int] = []
    while where is not None:
        where, key = where
        keys.append(key)
    path = "$"
    for key in reversed(keys):
        path = key_path(path, key)  # an index i reads [i], as an integer key does
    return path


def _key_problem(key: Any, int_keys: bool) -> str | None:
    if isinstance(key, str):
        if len(key) > MAX_KEY:
            return f"expected keys of at most {MAX_KEY} characters, found one of {len(key):,}"
        if _has_surrogate(key):
            return "expected text keys, found a key with a lone surrogate (not Unicode text)"
        return None
    if int_keys and isinstance(key, int) and not isinstance(key, bool) and abs(key) < MAX_NUMBER:
        return None
    shown = "null" if key is None else ("true" if key is True else "false" if key is False else repr(key))
    return f"expected text keys, found the key {shown[:40]}"


def text_within(text: str, longest: int = MAX_TEXT) -> bool:
    """Whether text (a value, or a key with ``longest=MAX_KEY``) is within the bounds ``within`` checks: at
    most ``longest`` characters, and no lone surrogate."""
    return len(text) <= longest and (text.isascii() or not _has_surrogate(text))


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scalar_problem(value: Any) -> str | None:
    """Why a parsed scalar is out of bounds or of a kind no model reads, or None."""
    if value is None or isinstance(value, bool | dt.date | dt.time):
        return None
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            return f"expected text of at most {MAX_TEXT:,} characters, found {len(value):,}"
        if _has_surrogate(value):
            return "expected Unicode text, found a lone surrogate (an escape such as \\ud800 alone)"
        return None
    if isinstance(value, Oversized):
        return f"expected a number of magnitude below 10^15, found {value!r}"
    if isinstance(value, int | float):
        return number_problem(value)
    return f"expected text, a number, true/false, null, a list or a mapping, found {_kind(value)}"
