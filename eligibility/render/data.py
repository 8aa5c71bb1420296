"""Results as JSON-ready data: the documented result schema (docs/result-schema.json)."""

from __future__ import annotations

from typing import Any

from cattrs.gen import make_dict_unstructure_fn, override

from eligibility.convert import CONVERTER
from eligibility.result import Evaluation, VersionRef

CONVERTER.register_unstructure_hook(VersionRef, make_dict_unstructure_fn(
    VersionRef, CONVERTER, valid_from=override(rename="from"), valid_to=override(rename="to")))


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    """One evaluation as a JSON-ready dict with ``as_of``, ``receipt`` and ``programs``."""
    data: dict[str, Any] = CONVERTER.unstructure(evaluation)
    return data
