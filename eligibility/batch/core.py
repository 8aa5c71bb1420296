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
from typing import TYPE_CHECKING, Any

from eligibility.batch.rows import Row
from eligibility.declarations import check_declarations
from eligibility.engines.run import evaluate, evaluate_verdicts
from eligibility.errors import EligibilityError
from eligibility.facts import Facts
from eligibility.profile.load import profile_from_data
from eligibility.ranking.compute import crs_range
from eligibility.rulebook.library import Library

# Imported with the module, not in the functions: an import statement run for every row costs a few
# microseconds (a look-up in sys.modules and the names taken from the module), as much as a row's encoding.

if TYPE_CHECKING:
    from eligibility.profile.model import Profile


def crs_total(profile: Profile, as_of: dt.date, library: Library, facts: Facts) -> int | None:
    """The CRS total a batch row carries: the score when every fact is known, None when unknown facts leave a
    range or the criteria are not encoded on ``as_of``."""
    score = crs_range(profile, as_of, library, facts)
    return score[0] if score is not None and score[0] == score[1] else None


def verdicts_and_crs(profile: Profile, as_of: dt.date, library: Library,
                     programs: Iterable[str] | None = None) -> dict[str, Any]:
    """``{"verdicts", "crs"}`` of a row asking verdicts only: decided without the results that explain them
    (the command line's ``batch --verdicts-only`` and the HTTP ``/v1/batch``), one set of facts for both."""
    facts = Facts(profile, as_of)
    return {"verdicts": evaluate_verdicts(profile, as_of, library, programs, facts),
            "crs": crs_total(profile, as_of, library, facts)}


def row_evaluator(as_of: dt.date, library: Library, programs: set[str] | None = None,
                  verdicts_only: bool = False) -> Callable[[Row], dict[str, Any]]:
    """``evaluate_row`` for many rows with the same settings: what it needs is looked up once, not per row."""
    to_data: Callable[[Any], dict[str, Any]] | None = None
    if not verdicts_only:
        from eligibility.api import to_data as full_data
        from eligibility.api import with_score

        to_data = full_data

    def evaluate_one(row: Row) -> dict[str, Any]:
        # "ok" first, then the row's place and id, as every record is written.
        kind, place = row.key
        record: dict[str, Any] = {"ok": True, kind: place}
        rid = row.id
        if rid is not None:
            record["id"] = rid
        source = f"line {place}" if kind == "line" else str(place)
        if row.problem is not None:
            # A line that could not be read has this one problem; "errors" lists it as for every bad row.
            error = f"{source}: $: {row.problem}"
            record.update(ok=False, error=error, errors=[error])
            return record
        try:
            profile = profile_from_data(row.data, source)
            check_declarations(profile, library, source)
            # One set of facts for the programs and the CRS: each fact is derived once per row.
            facts = Facts(profile, as_of)
            if to_data is None:
                verdicts = evaluate_verdicts(profile, as_of, library, programs, facts)
                record.update(verdicts=verdicts, crs=crs_total(profile, as_of, library, facts))
            else:
                # The result is evaluate --format json's: with the CRS and the rounds it met.
                evaluation = with_score(evaluate(profile, as_of, library, programs, facts=facts), profile, library,
                                        facts)
                score = evaluation.crs
                assert score is not None
                record.update(verdicts={p.id: p.verdict for p in evaluation.programs}, crs=score.total,
                              result=to_data(evaluation))
        except EligibilityError as exc:
            record.update(ok=False, error=exc.lines()[0], errors=exc.lines())
        return record

    return evaluate_one


def evaluate_row(row: Row, as_of: dt.date, library: Library, programs: set[str] | None = None,
                 verdicts_only: bool = False) -> dict[str, Any]:
    """One row's record: ``{"ok": true, ...verdicts}`` or ``{"ok": false, "error": first problem, "errors": every
    problem}``; never raises on input."""
    return row_evaluator(as_of, library, programs, verdicts_only)(row)


def evaluate_rows(rows: Iterable[Row], as_of: dt.date, library: Library | None = None,
                  programs: set[str] | None = None, verdicts_only: bool = False) -> Iterator[dict[str, Any]]:
    """Each row's record, in order: the function to map over a partition of a distributed engine."""
    from eligibility.api import rules

    evaluate_one = row_evaluator(as_of, library or rules(), programs, verdicts_only)
    for row in rows:
        yield evaluate_one(row)
