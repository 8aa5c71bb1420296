"""What reading one CRS measure gives: its level as a span, what was seen, the evidence, what would settle it."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any, NamedTuple

Span = tuple[int, int]


class Reading(NamedTuple):
    """A measure read from the profile: its level, what was seen, the evidence, what would settle it.

    ``value`` is the span of levels the measure may have; a language reading also gives one span per
    ability in ``abilities`` (in the order of ``ABILITIES``), its ``value`` being the lowest ability. Each
    evidence item names its measure first (``{"measure": "age", ...}``): a factor lists the evidence of all
    its measures flat. (A named tuple: immutable, and about twenty are made for every score.)

    ``key`` is set on a reading with no evidence and a plain word or number (or nothing) observed
    (``plain``): a factor's result then depends on its points and that key alone, and is kept by them.
    """

    value: Span
    observed: Any
    evidence: tuple[dict[str, Any], ...] = ()
    settle: tuple[str, ...] = ()
    abilities: tuple[Span, ...] = ()
    key: Hashable = None


def plain(value: Span, observed: str | int | None, settle: tuple[str, ...] = (),
          abilities: tuple[Span, ...] = ()) -> Reading:
    """A reading with no evidence and a plain word or number (or nothing) observed, with its ``key`` (the type
    too: True is not 1)."""
    return Reading(value, observed, (), settle, abilities, (type(observed), observed, settle))


class Readings:
    """The readings of a score as attributes (its ``__dict__`` is the readings), for ``operator.attrgetter``."""
