"""Request bodies: read them within bounds, parse JSON / YAML / TOML with the profile loader, report problems.

Every problem a request can have becomes an ``HttpProblem`` with its status code and the same one-line
problems the command line prints, so that a client sees exactly what a person at a terminal would.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

from eligibility.documents import parse_text
from eligibility.errors import EligibilityError, InputError, Problem
from eligibility.limits import MAX_VALUES, date_problem, value_problems
from eligibility.profile.load import profile_from_data
from eligibility.profile.model import Profile

T = TypeVar("T")

#: The largest request body read, in bytes (413 above it).
MAX_BODY_BYTES = 1024 * 1024

#: Content types a profile may be sent as, and the parser each one takes.
PROFILE_TYPES = {
    "application/json": "json", "application/yaml": "yaml", "application/x-yaml": "yaml", "text/yaml": "yaml",
    "application/toml": "toml", "text/toml": "toml",
}


class HttpProblem(Exception):
    """A request that cannot be answered: the status code and the problems to send back as JSON."""

    def __init__(self, status: int, problems: Iterable[Problem]) -> None:
        self.status = status
        self.problems = tuple(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


#: The tail a message may end with after what was found: "; did you mean 'single'?".
_SUGGESTION = "; did you mean "


def problem_data(problem: Problem) -> dict[str, Any]:
    """One problem as JSON: the field path, what was expected and found (when the message says), the line.

    ``found`` is the value found alone: a "did you mean" tail stays in ``message`` and ``line``.
    """
    message = problem.message
    expected = found = None
    if message.startswith("expected ") and ", found " in message:
        head, _, tail = message.partition(", found ")
        expected, found = head.removeprefix("expected "), tail
        # The last one: a found text may hold the words, the suggestion is always at the end.
        cut = tail.rfind(_SUGGESTION)
        if cut > 0 and tail.endswith("?"):
            found = tail[:cut]
    return {"source": problem.source, "path": problem.path, "expected": expected, "found": found,
            "message": message, "line": str(problem)}


def error_body(problems: Iterable[Problem]) -> dict[str, Any]:
    """The JSON body of a 4xx answer."""
    return {"errors": [problem_data(p) for p in problems]}


def media_type(content_type: str | None) -> str:
    """The media type of a Content-Type header, without parameters, lower case (JSON when absent)."""
    return (content_type or "application/json").split(";", 1)[0].strip().lower()


class Problems:
    """The problems of a request, gathered from each check so that all of them are answered at once."""

    def __init__(self) -> None:
        self.found: list[tuple[int, Problem]] = []

    def check(self, step: Callable[[], T], default: T) -> T:
        """What ``step`` gives, or ``default`` with its problems kept."""
        try:
            return step()
        except HttpProblem as exc:
            self.found += [(exc.status, p) for p in exc.problems]
            return default

    def raise_any(self) -> None:
        """Answer every problem kept: 422 when any is a request's or profile's problem, else their status (404 for
        unknown programs alone)."""
        if self.found:
            statuses = {status for status, _ in self.found}
            raise HttpProblem(422 if 422 in statuses or len(statuses) > 1 else statuses.pop(),
                              [p for _, p in self.found])


#: Where a profile sits in a JSON request: its values over a bound are the profile's problems (422, and one row's
#: own in a batch), not the body's.
_PROFILE_PLACE = re.compile(r"\$\.(?:profile|profiles\[\d+\])(?=$|[.\[])")


def _of_the_body(message: str) -> bool:
    """Whether a bound's problem is the body's whatever the place: a key written twice (the text is ambiguous),
    too many values or levels in all."""
    return (message.startswith("duplicate key") or message.endswith("levels of nesting, found more")
            or message == f"expected at most {MAX_VALUES:,} values in a file, found more")


def parse_body(raw: bytes, content_type: str | None) -> tuple[str, Any]:
    """Parse a body by its content type: (kind, plain data). 400 when it is not valid text of that kind.

    A value over a bound (a number of 10^15 or more, a text over 10,000 characters) inside a profile (the
    whole body in YAML or TOML, ``profile`` or a row of ``profiles`` in JSON) is left for the profile's check,
    which refuses it as the profile's problem (422; in a batch, that row's); the body's other problems are 400.
    """
    kind = PROFILE_TYPES.get(media_type(content_type))
    if kind is None:
        raise HttpProblem(415, [Problem("<request>", "$", f"expected a body of type {', '.join(PROFILE_TYPES)}, "
                                                          f"found {media_type(content_type)!r}")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HttpProblem(400, [Problem("<request>", "$", "expected UTF-8 text, found undecodable bytes")]) from None
    try:
        data = parse_text(text, kind, "<request>", checked=False)
    except InputError as exc:
        raise HttpProblem(400, exc.problems) from None
    except (RecursionError, ValueError, MemoryError):
        raise HttpProblem(400, [Problem("<request>", "$", f"expected valid {kind.upper()}, found text that "
                                                          f"cannot be read within the limits")]) from None
    problems = value_problems(data, "<request>")
    if any(_of_the_body(message) or (kind == "json" and not _PROFILE_PLACE.match(path))
           for path, message in problems):
        raise HttpProblem(400, [Problem("<request>", path, message) for path, message in problems])
    return kind, data


def load_profile_data(data: Any, source: str = "<request>", path: str = "$.profile",
                      declarations: Collection[str] | None = None) -> Profile:
    """A profile from plain data; 422 with every problem, paths prefixed with where the profile sits, declaration
    keys no rule reads among them when ``declarations`` (the keys the rules read) is given."""
    try:
        return profile_from_data(data, source, declarations=declarations)
    except InputError as exc:
        raise HttpProblem(422, [_under(p, path) for p in exc.problems]) from None
    except EligibilityError as exc:
        raise HttpProblem(422, [Problem(source, path, line) for line in exc.lines()]) from None


def _under(problem: Problem, path: str) -> Problem:
    if path == "$":
        return problem
    return Problem(problem.source, path + problem.path.removeprefix("$"), problem.message)


def check_keys(data: Mapping[str, Any], allowed: Iterable[str], required: Iterable[str] = ()) -> None:
    """Refuse unknown and missing keys of a request object, all at once (422)."""
    from eligibility.suggest import did_you_mean

    names = list(allowed)
    problems = [Problem("<request>", f"$.{k}", f"unknown key{did_you_mean(str(k), names)}")
                for k in data if k not in names]
    problems += [Problem("<request>", f"$.{k}", "required key is missing") for k in required if k not in data]
    if problems:
        raise HttpProblem(422, problems)


def request_object(data: Any) -> dict[str, Any]:
    """The body of a JSON request must be an object."""
    if not isinstance(data, dict):
        from eligibility.converter import describe_value

        raise HttpProblem(422, [Problem("<request>", "$", f"expected a JSON object, found {describe_value(data)}")])
    return data


def date_field(data: Mapping[str, Any], key: str, default: dt.date | None = None) -> dt.date:
    """A YYYY-MM-DD field of a request (default: today, or ``default``), from 1900-01-01 to 2199-12-31 as a
    profile's dates (the work asked of a day stays within the calendar: a plan's years, the CRS's months)."""
    value = data.get(key)
    if value is None:
        return default or dt.date.today()
    if isinstance(value, str) and len(value) == 10:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            why = date_problem(day)
            if why is None:
                return day
            raise HttpProblem(422, [Problem("<request>", f"$.{key}", why)])
    from eligibility.converter import describe_value

    raise HttpProblem(422, [Problem("<request>", f"$.{key}", f"expected a date YYYY-MM-DD, found "
                                                             f"{describe_value(value)}")])


def programs_field(data: Mapping[str, Any], known: Iterable[str], key: str = "programs") -> set[str] | None:
    """A list of program ids (None: every program); unknown ids are refused with a "did you mean" (404)."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HttpProblem(422, [Problem("<request>", f"$.{key}", "expected a list of program ids")])
    ids = list(known)
    unknown = [v for v in value if v not in ids]
    if unknown:
        from eligibility.suggest import did_you_mean

        raise HttpProblem(404, [Problem("<request>", f"$.{key}", f"unknown program {v!r}{did_you_mean(v, ids)}")
                                for v in unknown])
    return set(value)
