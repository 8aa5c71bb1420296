"""Results as JSON-ready data: the documented result schema (eligibility/data/result-schema.json)."""

from __future__ import annotations

from typing import Any

from eligibility.render.crs import crs_data
from eligibility.result import Evaluation, result_converter


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    """One evaluation as a JSON-ready dict with ``as_of``, ``receipt`` and ``programs``."""
    data: dict[str, Any] = result_converter().unstructure(evaluation)
    # The CRS has its own contract (the JSON of 'eligibility crs'); absent when it was not computed.
    if evaluation.crs is None:
        data.pop("crs", None)
    else:
        data["crs"] = crs_data(evaluation.crs)
    return data
