"""Read IRCC's rounds feed strictly: every round's fields checked, every problem reported at once.

The feed (``ee_rounds_123_en.json``) is ``{"rounds": [...]}``, newest first, every value a string,
counts with thousands commas, and a tie-break time in free text whose format has drifted over the
years ("May 21, 2026 at  12:14:09 UTC", "April 12th, 2026 at ...", "October 10, 2022 17:10:53 UTC",
"October 7 at 16:38:21 UTC" with no year). Each of those is read; anything else is a problem.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eligibility.converter import show
from eligibility.draws.kinds import round_type
from eligibility.draws.model import MAX_SCORE, Round, sort_key
from eligibility.errors import Problem

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

_MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"), start=1)}
_TIE_BREAK = re.compile(
    r"(?P<month>[a-z]+)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s*[.,]?\s*(?P<year>\d{4})?\s*,?\s*(?:at\s+)?"
    r"(?P<h>\d{1,2}):(?P<m>\d\d):(?P<s>\d\d)\s*(?P<ampm>am|pm)?\s*(?:utc)?")
_NUMBER = re.compile(r"\d{1,4}[a-z]?")
_COUNT = re.compile(r"\d{1,3}(,\d{3})*|\d+")


def parse_tie_break(text: str, round_date: dt.date) -> dt.datetime | None:
    """The tie-break time of a round in UTC; None when the feed leaves it empty.

    A time with no year belongs to the round's year, or the year before when its month is later
    than the round's (the tie-break time always precedes the round). A ValueError when unreadable.
    """
    cleaned = " ".join(text.split()).lower()
    if not cleaned:
        return None
    found = _TIE_BREAK.fullmatch(cleaned)
    if found is None or found["month"] not in _MONTHS:
        raise ValueError("unreadable")
    month = _MONTHS[found["month"]]
    year = int(found["year"]) if found["year"] else round_date.year - (month > round_date.month)
    hour = int(found["h"])
    # "20:19:59 PM" is a 24-hour time with a stray PM; "9:59:25 PM" would be a 12-hour one.
    if found["ampm"] == "pm" and hour < 12:
        hour += 12
    elif found["ampm"] == "am" and hour == 12:
        hour = 0
    return dt.datetime(year, month, int(found["day"]), hour, int(found["m"]), int(found["s"]), tzinfo=dt.UTC)


def _text(item: dict[str, Any], key: str, path: str, source: str, problems: list[Problem],
          required: bool = True) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        what = "absent" if key not in item else show(value)
        problems.append(Problem(source, f"{path}.{key}", f"expected a string, found {what}"))
        return ""
    return value


def _round(item: Any, path: str, source: str, problems: list[Problem]) -> Round | None:
    if not isinstance(item, dict):
        problems.append(Problem(source, path, f"expected a round (a mapping), found {show(item)}"))
        return None
    before = len(problems)
    number = _text(item, "drawNumber", path, source, problems).strip()
    date_text = _text(item, "drawDate", path, source, problems).strip()
    name = " ".join(_text(item, "drawName", path, source, problems).split())
    size = _text(item, "drawSize", path, source, problems).strip()
    score = _text(item, "drawCRS", path, source, problems).strip()
    cutoff = _text(item, "drawCutOff", path, source, problems, required=False)
    if len(problems) > before:
        return None
    if not _NUMBER.fullmatch(number):
        problems.append(Problem(source, f"{path}.drawNumber", f"expected a round number like \"444\" or \"91a\", "
                                                             f"found {show(number)}"))
    try:
        date = dt.date.fromisoformat(date_text)
    except ValueError:
        problems.append(Problem(source, f"{path}.drawDate", f"expected a date YYYY-MM-DD, found {show(date_text)}"))
        date = None
    if not name:
        problems.append(Problem(source, f"{path}.drawName", "expected a round name, found an empty string"))
    if not _COUNT.fullmatch(size) or int(size.replace(",", "")) == 0:
        problems.append(Problem(source, f"{path}.drawSize", f"expected a count of invitations like \"2,000\", "
                                                           f"found {show(size)}"))
    if not score.isdigit() or int(score) > MAX_SCORE:
        problems.append(Problem(source, f"{path}.drawCRS", f"expected a score from 0 to {MAX_SCORE}, "
                                                          f"found {show(score)}"))
    tie_break = None
    if date is not None:
        try:
            tie_break = parse_tie_break(cutoff, date)
        except ValueError:
            problems.append(Problem(source, f"{path}.drawCutOff", "expected a time like \"September 01, 2026 at "
                                                                 f"23:05:13 UTC\", found {show(cutoff)}"))
    if len(problems) > before or date is None:
        return None
    return Round(number, date, name, round_type(name), int(size.replace(",", "")), int(score), tie_break)


def rounds_from_feed(data: Any, source: str) -> tuple[tuple[Round, ...], list[Problem]]:
    """The rounds of a feed document, oldest first, and every problem found (no rounds when any)."""
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("rounds"), list):
        found = "a mapping without a rounds list" if isinstance(data, dict) else show(data)
        return (), [Problem(source, "$", f"expected {{\"rounds\": [...]}}, found {found}")]
    items: list[Any] = data["rounds"]
    if not items:
        return (), [Problem(source, "$.rounds", "expected at least one round, found none")]
    rounds: list[Round] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(items):
        r = _round(item, f"$.rounds[{i}]", source, problems)
        if r is None:
            continue
        if r.number in seen:
            problems.append(Problem(source, f"$.rounds[{i}].drawNumber",
                                    f"expected a unique round number, found {r.number!r} again "
                                    f"(also $.rounds[{seen[r.number]}])"))
        seen[r.number] = i
        rounds.append(r)
    if problems:
        return (), problems
    return tuple(sorted(rounds, key=sort_key)), []
