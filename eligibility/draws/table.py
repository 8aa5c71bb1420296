"""The rounds tables: the one shipped in the package, the one ``draws update`` caches, and which is newer."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from attrs import evolve

from eligibility.converter import show
from eligibility.draws.kinds import round_type
from eligibility.draws.model import MAX_SCORE, TABLE_FORMAT, Origin, Round, RoundsTable, sort_key
from eligibility.errors import InputError, Problem

CACHE_ENV = "ELIGIBILITY_CACHE_DIR"
CACHE_FILE = "ee-rounds.json"
#: How long the rounds of a score trust their last look at the table files, in seconds: a long-running
#: process (the HTTP server) sees a ``draws update`` made by another process within this time, and a
#: command scoring many profiles looks at the files about once, not twice per profile.
RECHECK_SECONDS = 1.0


@lru_cache(maxsize=1)
def bundled_path() -> Path:
    """The rounds table shipped with the package (built by tools/build_draws.py)."""
    # The package's folder, as importlib.resources.files("eligibility") gives it, without importing zipfile.
    return Path(__file__).resolve().parents[1] / "data" / "draws.json"


def cache_dir() -> Path:
    """The user's cache folder for eligibility ($ELIGIBILITY_CACHE_DIR, else the platform's cache folder)."""
    override = os.environ.get(CACHE_ENV)
    return Path(override) if override else _platform_cache_dir()


@lru_cache(maxsize=1)
def _platform_cache_dir() -> Path:
    if sys.platform.startswith("linux"):
        # platformdirs' answer on Linux (the XDG base directory), without the cost of importing it.
        return Path(os.environ.get("XDG_CACHE_HOME", "").strip() or Path("~/.cache").expanduser()) / "eligibility"
    import platformdirs

    return Path(platformdirs.user_cache_dir("eligibility", appauthor=False))


def cache_path() -> Path:
    """Where ``eligibility draws update`` writes the fetched rounds."""
    return cache_dir() / CACHE_FILE


def _moment(text: Any) -> dt.datetime:
    if not isinstance(text, str) or not text.endswith("Z"):
        raise ValueError(text)
    return dt.datetime.fromisoformat(text.removesuffix("Z")).replace(tzinfo=dt.UTC)


def _round(item: Any, path: str, source: str, problems: list[Problem]) -> Round | None:
    keys = ("number", "date", "name", "type", "invitations", "lowest_score", "tie_break")
    if not isinstance(item, dict) or set(item) != set(keys):
        found = sorted(item) if isinstance(item, dict) else show(item)
        problems.append(Problem(source, path, f"expected a round with keys {', '.join(keys)}, found {found}"))
        return None
    try:
        number, name = item["number"], item["name"]
        invitations, score = item["invitations"], item["lowest_score"]
        if not (isinstance(number, str) and isinstance(name, str) and name):
            raise ValueError("number and name must be strings")
        if not (isinstance(invitations, int) and invitations > 0 and isinstance(score, int)
                and 0 <= score <= MAX_SCORE):
            raise ValueError("counts")
        tie_break = None if item["tie_break"] is None else _moment(item["tie_break"])
        # The type is derived again from the name, so that a table cached by an older version of the
        # package gets this version's mapping.
        return Round(number, dt.date.fromisoformat(item["date"]), name, round_type(name), invitations, score,
                     tie_break)
    except (ValueError, TypeError):
        problems.append(Problem(source, path, f"expected a round (number, ISO date, name, invitations > 0, "
                                              f"lowest_score 0-{MAX_SCORE}, tie_break ISO UTC or null), "
                                              f"found {show(item)}"))
        return None


def table_from_data(data: Any, source: str, origin: Origin) -> RoundsTable:
    """A rounds table from its JSON data; an InputError listing every problem otherwise."""
    problems: list[Problem] = []
    if not isinstance(data, dict) or data.get("format") != TABLE_FORMAT:
        found = show(data.get("format")) if isinstance(data, dict) else show(data)
        raise InputError([Problem(source, "$.format", f"expected {TABLE_FORMAT!r}, found {found}")])
    rounds = [r for i, item in enumerate(data.get("rounds") or [])
              if (r := _round(item, f"$.rounds[{i}]", source, problems)) is not None]
    if not rounds and not problems:
        problems.append(Problem(source, "$.rounds", "expected at least one round, found none"))
    try:
        fetched = _moment(data.get("fetched"))
    except ValueError:
        problems.append(Problem(source, "$.fetched", f"expected a UTC time like 2026-09-28T06:21:09Z, "
                                                     f"found {show(data.get('fetched'))}"))
        fetched = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    if not isinstance(data.get("source"), str):
        problems.append(Problem(source, "$.source", f"expected the feed's URL, found {show(data.get('source'))}"))
    if problems:
        raise InputError(problems)
    return RoundsTable(tuple(sorted(rounds, key=sort_key)), data["source"], fetched, origin, source)


def read_table(path: Path, origin: Origin) -> RoundsTable:
    """Read and check a rounds table file (read once while the file is unchanged)."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError([Problem(str(path), "$", f"expected a rounds table, found no readable file: "
                                                  f"{exc.strerror or exc}")]) from None
    return _read(str(path), stat.st_mtime_ns, stat.st_size, origin)


@lru_cache(maxsize=8)
def _read(path: str, _mtime_ns: int, _size: int, origin: Origin) -> RoundsTable:
    # Evaluating many profiles compares each with the rounds: the file is parsed once per version of it.
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError([Problem(path, "$", f"expected a rounds table (JSON), found an unreadable file: "
                                             f"{exc}")]) from None
    return table_from_data(data, path, origin)


def bundled_table() -> RoundsTable:
    """The table shipped with the package."""
    return read_table(bundled_path(), "bundled")


def current_table() -> tuple[RoundsTable, str | None]:
    """The newer of the cached feed and the bundled table, and why the cache was set aside (if it was).

    Newer means a later last round; on the same last round, the later fetch. A cache that cannot be
    read is set aside with the reason, and the bundled table is used.
    """
    bundled = bundled_table()
    path = cache_path()
    if not path.is_file():
        return bundled, None
    try:
        cached = read_table(path, "cache")
    except InputError as exc:
        return bundled, f"the cached rounds were set aside: {exc.lines()[0]}"
    cached = evolve(cached, path=str(path))
    if (cached.last_round, cached.fetched) > (bundled.last_round, bundled.fetched):
        return cached, None
    return bundled, None


_RECENT: list[tuple[tuple[object, object], float, RoundsTable, str | None]] = []
#: The two settings that move the cache folder, as keys of the environment's own mapping.
_SETTINGS = (os.environ.encodekey(CACHE_ENV), os.environ.encodekey("XDG_CACHE_HOME"))


def _settings() -> tuple[object, object]:
    """The cache folder's two settings as the environment holds them, only ever compared: read from the mapping
    under ``os.environ`` where CPython has one (two look-ups instead of two encodings and decodings, about
    2.5 us of each score's rounds), else through ``os.environ``."""
    data = getattr(os.environ, "_data", None)
    if type(data) is dict:
        return data.get(_SETTINGS[0]), data.get(_SETTINGS[1])
    return os.environ.get(CACHE_ENV), os.environ.get("XDG_CACHE_HOME")


def recent_table() -> tuple[RoundsTable, str | None]:
    """``current_table()`` as the rounds of every score read it: the files are looked at again after
    ``RECHECK_SECONDS``, when the cache folder's setting changes, or after ``forget_recent`` (a ``draws
    update`` in this process), not for each profile."""
    key = _settings()
    now = time.monotonic()
    if _RECENT:
        seen, at, table, note = _RECENT[0]
        if seen == key and now - at < RECHECK_SECONDS:
            return table, note
    found = current_table()
    _RECENT[:] = [(key, now, *found)]
    return found


def forget_recent() -> None:
    """Make the next ``recent_table`` look at the files again (the cache was just written)."""
    _RECENT.clear()
