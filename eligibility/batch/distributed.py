"""Running the batch core inside an existing distributed engine: Dask (tested) and Spark (documented).

Nothing here schedules work: the engine partitions the rows and calls ``evaluate_rows`` on each partition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eligibility.batch.core import evaluate_rows
from eligibility.batch.rows import Row, input_rows


def evaluate_partition(rows: Iterable[Row], as_of: dt.date, verdicts_only: bool = True,
                       rules_root: str | None = None) -> Iterator[dict[str, Any]]:
    """The records of one partition; the worker loads the rules once (cached per process)."""
    from eligibility.api import rules

    return evaluate_rows(rows, as_of, rules(rules_root), None, verdicts_only)


def dask_batch(source: Path, as_of: dt.date, client: Any, partitions: int = 8,
               verdicts_only: bool = True) -> list[dict[str, Any]]:
    """Evaluate a JSONL file or folder on a Dask cluster (``client``): the records, in input order."""
    import dask.bag as db

    bag = db.from_sequence(  # type: ignore[no-untyped-call]  # dask.bag is not annotated
        list(input_rows(source)), npartitions=partitions)
    records = bag.map_partitions(lambda part: list(evaluate_partition(part, as_of, verdicts_only)))
    result: list[dict[str, Any]] = client.compute(records).result()
    return result
