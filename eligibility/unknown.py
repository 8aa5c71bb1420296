"""The marker for a fact the profile does not state.

A key that is absent from a profile file means "not known"; a key present but empty (``[]`` or
``null``) means "known: none". Model fields that can be unknown default to ``UNKNOWN``.
"""

from __future__ import annotations

import enum
from typing import Final, TypeGuard, TypeVar

T = TypeVar("T")


class Unknown(enum.Enum):
    """The single value of a fact the profile does not state."""

    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown.UNKNOWN


def known(value: T | Unknown) -> TypeGuard[T]:
    """True when the profile states the value (it may still be None, meaning "none")."""
    return value is not UNKNOWN
