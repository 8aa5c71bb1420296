"""Citations resolved against a program's sources, as results and explanations show them."""

from __future__ import annotations

from collections.abc import Iterable

from eligibility.result import CitationRef
from eligibility.rulebook.model import Citation, Program


def cite(program: Program, citations: Iterable[Citation]) -> tuple[CitationRef, ...]:
    """Resolve citations against the program's sources (the library check refuses unknown sources)."""
    out = []
    for c in citations:
        s = program.source(c.source)
        if s is not None:
            out.append(CitationRef(s.id, s.title, s.url, s.checked, s.confidence, c.at))
    return tuple(out)
