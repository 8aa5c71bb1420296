"""Errors that reach a person: each prints as one line per problem, and the CLI exits with code 2."""

from __future__ import annotations

from attrs import frozen


@frozen
class Problem:
    """One thing wrong with an input: where it is, and what was expected and found."""

    source: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.path}: {self.message}"


class EligibilityError(Exception):
    """Base of every error the CLI reports as plain lines (exit code 2), never as a traceback."""

    def lines(self) -> list[str]:
        """The lines to print, one per problem."""
        return [str(self)]


class InputError(EligibilityError):
    """A profile, ruleset or data file has one or more problems; all of them are listed at once."""

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class UsageError(EligibilityError):
    """A command was asked for something it cannot do (unknown program, missing data file, ...)."""
