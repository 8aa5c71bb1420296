"""Errors that reach a person: each prints as one line per problem, and the CLI exits with code 2.

A line is always printable and bounded: control characters, line breaks and bidirectional overrides
are escaped (a right-to-left override inside a key cannot reorder the line on a terminal), and a
long part is cut with the number of characters left out.
"""

from __future__ import annotations

from attrs import frozen

from eligibility.record import Record

#: Longest part of a line (path, message) printed before it is elided.
MAX_PART = 400
#: Longest line of an error that is not a located problem (a usage error lists its choices).
MAX_LINE = 1000
#: Longest found value shown in a message.
MAX_FOUND = 200


def printable(text: str) -> str:
    """``text`` with every character Python deems unprintable escaped (``\\u202e``).

    That is controls (line breaks included), format characters (among them the bidi overrides and
    isolates U+202A-202E and U+2066-2069, and zero-width characters), lone surrogates, private-use and
    unassigned code points, and separators other than the plain space.
    """
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
    return "".join(out)


def clip(text: str, limit: int = MAX_FOUND) -> str:
    """``text`` cut to ``limit`` characters, saying how many were left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}... ({len(text) - limit:,} more characters)"


def found(value: object) -> str:
    """A found value as it reads in a profile: text quoted, true/false/null as YAML and JSON write them.

    Cut to MAX_FOUND characters.
    """
    if value is None or isinstance(value, bool):
        return {None: "null", True: "true", False: "false"}[value]
    return clip(repr(value), MAX_FOUND)


@frozen
class Problem(Record):
    """One thing wrong with an input: where it is, and what was expected and found."""

    source: str
    path: str
    message: str

    def __str__(self) -> str:
        parts = (self.source, self.path, self.message)
        return ": ".join(printable(clip(p, MAX_PART)) for p in parts)


class EligibilityError(Exception):
    """Base of every error the CLI reports as plain lines (exit code 2), never as a traceback."""

    def lines(self) -> list[str]:
        """The lines to print, one per problem."""
        return [printable(clip(str(self), MAX_LINE))]


class InputError(EligibilityError):
    """A profile, ruleset or data file has one or more problems; all of them are listed at once."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(EligibilityError):
    """A command was asked for something it cannot do (unknown program, missing data file, ...)."""
