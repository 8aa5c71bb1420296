"""Results as JSON-ready data: the documented result schema (eligibility/data/result-schema.json)."""

from __future__ import annotations

from typing import Any

from eligibility.result import Evaluation, result_converter


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    """One evaluation as a JSON-ready dict with ``as_of``, ``receipt`` and ``programs``."""
    data: dict[str, Any] = result_converter().unstructure(evaluation)
    return data
