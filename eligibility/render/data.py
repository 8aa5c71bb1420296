"""Results as JSON-ready data: the documented result schema (eligibility/data/result-schema.json, version 2).

The object is built field by field from the result tree. Each citation is written once, in the top-level
``citations`` table, and conditions, caveats and CRS factors refer to it by key (docs/results.md).
"""

from __future__ import annotations

from typing import Any

from eligibility.render.citation_table import CitationTable, Cite
from eligibility.render.crs import crs_data
from eligibility.render.plain import Value, caveat_data, plain, receipt_data, shared
from eligibility.result import ConditionResult, Evaluation, ProgramResult, VersionRef

#: The name and version of the result's JSON contract, written first in every result (``schema``).
RESULT_SCHEMA = "eligibility/result/2"


def evaluation_data(evaluation: Evaluation, share: bool = False) -> dict[str, Any]:
    """One evaluation as a JSON-ready dict: ``schema``, ``as_of``, ``receipt``, ``programs``, ``profile_name``,
    ``crs`` (absent when it was not computed) and the ``citations`` table.

    The observed and required values and the evidence are copies, unless ``share``: then those already plain
    are the result's own objects, for data written at once and never changed (``to_json``, the HTTP answers).
    """
    table = CitationTable()
    cite = table.refer
    value = shared if share else plain
    data: dict[str, Any] = {
        "schema": RESULT_SCHEMA, "as_of": evaluation.as_of.isoformat(), "receipt": receipt_data(evaluation.receipt),
        "programs": [program_data(p, cite, value) for p in evaluation.programs],
        "profile_name": evaluation.profile_name}
    if evaluation.crs is not None:
        # The CRS has its own contract (the JSON of 'eligibility crs'); inside a result it cites by key too.
        data["crs"] = crs_data(evaluation.crs, cite, value)
    data["citations"] = table.rows(share)
    return data


def program_data(p: ProgramResult, cite: Cite, value: Value = plain) -> dict[str, Any]:
    """One program's verdict, version, message, caveats and condition tree."""
    return {"id": p.id, "title": p.title, "verdict": p.verdict, "version": _version(p.version),
            "message": p.message, "caveats": [caveat_data(c, cite) for c in p.caveats],
            "conditions": [condition_data(c, cite, value) for c in p.conditions], "confidence": p.confidence,
            "kind": p.kind, "short_title": p.short_title}


def condition_data(c: ConditionResult, cite: Cite, value: Value = plain) -> dict[str, Any]:
    """One condition's outcome, observed and required values, explanation, evidence, citations and children."""
    # Written for the common case: most nodes are leaves, many with nothing observed or no evidence (an
    # empty comprehension still costs a call).
    observed, required, evidence, children = c.observed, c.required, c.evidence, c.conditions
    return {"id": c.id, "kind": c.kind, "outcome": c.outcome, "says": c.says,
            "observed": None if observed is None else value(observed),
            "required": None if required is None else value(required), "explanation": c.explanation,
            "evidence": [value(e) for e in evidence] if evidence else [], "citations": cite(c.citations),
            "conditions": [condition_data(x, cite, value) for x in children] if children else [],
            "judgement": c.judgement, "confidence": c.confidence}


def _version(v: VersionRef | None) -> dict[str, Any] | None:
    if v is None:
        return None
    return {"from": v.valid_from.isoformat(), "to": v.valid_to.isoformat() if v.valid_to else None,
            "in_force": v.in_force}


def citations_in_place(data: dict[str, Any]) -> dict[str, Any]:
    """A result (version 2) with each citation key replaced by its object, where version 1 wrote it: for a
    reader that wants every condition self-contained. The table and the ``schema`` key are left out."""
    table = data["citations"]

    def conditions(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**c, "citations": [table[k] for k in c["citations"]], "conditions": conditions(c["conditions"])}
                for c in items]

    def caveats(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [{**c, "citations": [table[k] for k in c["citations"]]} for c in items]

    out = {k: v for k, v in data.items() if k not in ("schema", "citations")}
    out["programs"] = [{**p, "caveats": caveats(p["caveats"]), "conditions": conditions(p["conditions"])}
                       for p in data["programs"]]
    if "crs" in data:
        crs = data["crs"]
        out["crs"] = {**crs, "caveats": caveats(crs["caveats"]),
                      "factors": [{**f, "citations": [table[k] for k in f["citations"]]} for f in crs["factors"]]}
    return out
