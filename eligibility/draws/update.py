"""``eligibility draws update``: fetch IRCC's rounds feed, check it, and replace the cached table atomically.

Nothing is written unless the whole download is read and every round passes the feed checks: a
time-out, an HTTP error, an oversized or malformed document leaves the previous data as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from eligibility.draws.feed import FEED_URL, rounds_from_feed
from eligibility.draws.model import RoundsTable
from eligibility.draws.table import cache_path, forget_recent
from eligibility.errors import EligibilityError

# The feed was about 0.6 MB in 2026 with 445 rounds; 8 MB leaves room for decades and stops a runaway.
MAX_BYTES = 8_000_000
TIMEOUT_SECONDS = 30.0


class UpdateError(EligibilityError):
    """A download that could not be used; the previous data is unchanged."""


def _download(url: str, timeout: float, max_bytes: int) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise UpdateError(f"draws update: {url}: expected an http(s) URL; the previous data is unchanged")
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "eligibility (rounds update)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise UpdateError(f"draws update: {url}: expected at most {max_bytes:,} bytes, the server "
                                  f"announced {int(declared):,}; the previous data is unchanged")
            body: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise UpdateError(f"draws update: {url}: HTTP {exc.code} {exc.reason}; the previous data is unchanged") \
            from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise UpdateError(f"draws update: {url}: download failed ({reason}); the previous data is unchanged") \
            from None
    if len(body) > max_bytes:
        raise UpdateError(f"draws update: {url}: expected at most {max_bytes:,} bytes, received more; "
                          f"the previous data is unchanged")
    return body


def parse_feed(body: bytes, url: str, fetched: dt.datetime) -> RoundsTable:
    """The table of a downloaded feed; an UpdateError with the first problem (and how many more) otherwise."""
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UpdateError(f"draws update: {url}: expected the rounds feed (JSON), found unreadable text ({exc}); "
                          f"the previous data is unchanged") from None
    rounds, problems = rounds_from_feed(data, url)
    if problems:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        raise UpdateError(f"{problems[0]}{more}; the previous data is unchanged")
    return RoundsTable(rounds, url, fetched, "cache")


def write_atomically(table: RoundsTable, path: Path) -> None:
    """Write the table beside ``path`` and rename it over ``path``: readers see the old or the new file, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".rounds-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(table.data(), out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    forget_recent()  # the scores of this process see the new table at once


def update(url: str = FEED_URL, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES,
           path: Path | None = None) -> RoundsTable:
    """Fetch the feed at ``url``, check it, and store it in the user's cache; the stored table."""
    body = _download(url, timeout, max_bytes)
    table = parse_feed(body, url, dt.datetime.now(dt.UTC).replace(microsecond=0))
    target = path or cache_path()
    try:
        write_atomically(table, target)
    except OSError as exc:
        raise UpdateError(f"draws update: {target}: could not write the cache ({exc.strerror or exc}); "
                          f"the previous data is unchanged") from None
    return RoundsTable(table.rounds, table.source, table.fetched, "cache", str(target))
