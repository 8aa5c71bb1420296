"""A CRS result as JSON-ready data: the contract of ``eligibility crs --format json`` (docs/result-schema.json)."""

from __future__ import annotations

from typing import Any

from eligibility.converter import CONVERTER
from eligibility.ranking.result import CrsResult, FactorScore, SectionScore


def points(low: int, high: int) -> int | dict[str, int]:
    """An exact number, or ``{"low", "high"}`` when unknown facts leave a range."""
    return low if low == high else {"low": low, "high": high}


def _section(s: SectionScore) -> dict[str, Any]:
    out: dict[str, Any] = {"subtotal": points(s.low, s.high), "max": s.max}
    out.update({p.id: points(p.low, p.high) for p in s.parts})
    return out


def _factor(f: FactorScore) -> dict[str, Any]:
    return {"id": f.id, "section": f.section, "says": f.says, "points": f.points, "low": f.low, "high": f.high,
            "max": f.max, "observed": f.observed, "evidence": [dict(e) for e in f.evidence],
            "citations": CONVERTER.unstructure(f.citations), "settled_by": list(f.settled_by)}


def crs_data(result: CrsResult) -> dict[str, Any]:
    """The documented JSON object of one CRS result."""
    version = None if result.version is None else {
        "from": result.version.valid_from.isoformat(),
        "to": result.version.valid_to.isoformat() if result.version.valid_to else None,
        "changes": result.version.changes}
    designation = result.first_official_language
    return {
        "as_of": result.as_of.isoformat(), "profile_name": result.profile_name, "status": result.status,
        "message": result.message, "total": result.total, "low": result.low, "high": result.high,
        "max": result.max, "with_spouse": result.with_spouse, "spouse": result.spouse,
        "first_official_language": None if designation is None else CONVERTER.unstructure(designation),
        "version": version,
        "sections": {s.id: _section(s) for s in result.sections},
        "factors": [_factor(f) for f in result.factors],
        "settled_by": list(result.settled_by),
        "caveats": CONVERTER.unstructure(result.caveats),
        "receipt": CONVERTER.unstructure(result.receipt),
    }
