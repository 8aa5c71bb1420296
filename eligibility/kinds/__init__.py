"""Condition kinds: one module per kind, each the home of its measuring, deciding and reporting.

``KINDS`` maps the ``kind:`` of a ruleset leaf to its entry; the model classes themselves live with the
ruleset language in ``eligibility.rulebook.model``.
"""

from __future__ import annotations

from typing import Any

from eligibility.kinds import (
    age,
    certificate,
    declaration,
    education,
    funds,
    intended_province,
    job_offer,
    judgement,
    language,
    points,
    program,
    work_experience,
)
from eligibility.kinds.base import Kind

KINDS: dict[str, Kind[Any, Any]] = {k.name: k for k in (
    work_experience.KIND, language.KIND, education.KIND, points.KIND, funds.KIND, job_offer.KIND,
    certificate.KIND, intended_province.KIND, age.KIND, program.KIND, declaration.KIND, judgement.KIND)}
