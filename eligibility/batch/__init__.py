"""Batch evaluation of whole caseloads (`eligibility batch`) and the impact of a rule change (`eligibility impact`).

``evaluate_rows`` is the core: a plain function from rows to records, usable as it is inside Dask or Spark.
"""

from eligibility.batch.core import evaluate_row, evaluate_rows
from eligibility.batch.rows import Row, input_rows, row_from_line

__all__ = ["Row", "evaluate_row", "evaluate_rows", "input_rows", "row_from_line"]
