"""What reading one CRS measure gives: its level(s) as spans, what was seen, the evidence, what would settle it."""

from __future__ import annotations

from typing import Any

from attrs import frozen

Span = tuple[int, int]


@frozen
class Reading:
    """A measure read from the profile: its level(s), what was seen, the evidence, what would settle it.

    Each evidence item names its measure first (``{"measure": "age", ...}``): a factor lists the evidence of
    all its measures flat.
    """

    #: A span, or for a language one span per ability (in the order of ``ABILITIES``).
    value: Span | tuple[Span, ...]
    observed: Any
    evidence: tuple[dict[str, Any], ...] = ()
    settle: tuple[str, ...] = ()
