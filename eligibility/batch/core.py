"""The batch core: a plain function from rows to records, one record per row, good or bad.

It holds no scheduler of its own: the command line runs it in worker processes, and the same function
runs unchanged inside Dask (``bag.map_partitions``) or Spark (``rdd.mapPartitions``); see docs/batch.md.

With ``verdicts_only`` a row costs what its output needs: the verdicts decided without the results that
explain them (``engines.run.evaluate_verdicts``: the same plans, measures and logic as a full result)
and the CRS total scored without the result that explains it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from eligibility.batch.rows import Row
from eligibility.errors import EligibilityError
from eligibility.rulebook.library import Library


def row_evaluator(as_of: dt.date, library: Library, programs: set[str] | None = None,
                  verdicts_only: bool = False) -> Callable[[Row], dict[str, Any]]:
    """``evaluate_row`` for many rows with the same settings: what it needs is looked up once, not per row."""
    from eligibility.declarations import check_declarations
    from eligibility.engines.run import evaluate, evaluate_verdicts
    from eligibility.facts import Facts
    from eligibility.profile.load import profile_from_data
    from eligibility.ranking.compute import crs_range

    to_data: Callable[[Any], dict[str, Any]] | None = None
    if not verdicts_only:
        from eligibility.api import to_data as full_data

        to_data = full_data

    def evaluate_one(row: Row) -> dict[str, Any]:
        record: dict[str, Any] = {**row.place(), **({"id": row.id} if row.id is not None else {})}
        source = f"line {row.key[1]}" if row.key[0] == "line" else str(row.key[1])
        if row.problem is not None:
            return {"ok": False, **record, "error": f"{source}: $: {row.problem}"}
        try:
            profile = profile_from_data(row.data, source)
            check_declarations(profile, library, source)
            # One set of facts for the programs and the CRS: each fact is derived once per row.
            facts = Facts(profile, as_of)
            if to_data is None:
                evaluation = None
                verdicts = evaluate_verdicts(profile, as_of, library, programs, facts)
            else:
                evaluation = evaluate(profile, as_of, library, programs, facts=facts)
                verdicts = {p.id: p.verdict for p in evaluation.programs}
            score = crs_range(profile, as_of, library, facts)
        except EligibilityError as exc:
            return {"ok": False, **record, "error": exc.lines()[0], "errors": exc.lines()}
        record["verdicts"] = verdicts
        record["crs"] = score[0] if score is not None and score[0] == score[1] else None
        if evaluation is not None and to_data is not None:
            record["result"] = to_data(evaluation)
        return {"ok": True, **record}

    return evaluate_one


def evaluate_row(row: Row, as_of: dt.date, library: Library, programs: set[str] | None = None,
                 verdicts_only: bool = False) -> dict[str, Any]:
    """One row's record: ``{"ok": true, ...verdicts}`` or ``{"ok": false, "error": ...}``; never raises on input."""
    return row_evaluator(as_of, library, programs, verdicts_only)(row)


def evaluate_rows(rows: Iterable[Row], as_of: dt.date, library: Library | None = None,
                  programs: set[str] | None = None, verdicts_only: bool = False) -> Iterator[dict[str, Any]]:
    """Each row's record, in order: the function to map over a partition of a distributed engine."""
    from eligibility.api import rules

    evaluate_one = row_evaluator(as_of, library or rules(), programs, verdicts_only)
    for row in rows:
        yield evaluate_one(row)
