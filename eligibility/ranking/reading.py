"""What reading one CRS measure gives: its level as a span, what was seen, the evidence, what would settle it."""

from __future__ import annotations

from functools import partial
from typing import Any, NamedTuple

Span = tuple[int, int]


class Reading(NamedTuple):
    """A measure read from the profile: its level, what was seen, the evidence, what would settle it.

    ``value`` is the span of levels the measure may have; a language reading also gives one span per
    ability in ``abilities`` (in the order of ``ABILITIES``), its ``value`` being the lowest ability. Each
    evidence item names its measure first (``{"measure": "age", ...}``): a factor lists the evidence of all
    its measures flat. (A named tuple: immutable, and about twenty are made for every score.)
    """

    value: Span
    observed: Any
    evidence: tuple[dict[str, Any], ...] = ()
    settle: tuple[str, ...] = ()
    abilities: tuple[Span, ...] = ()


#: ``Reading(*fields)`` for all five fields, in order: the tuple made without calling the named tuple's ``__new__``,
#: a Python function whose call costs about as much as the rest (a score makes some fifteen readings).
reading_of = partial(tuple.__new__, Reading)
