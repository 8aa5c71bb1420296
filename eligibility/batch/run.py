"""Run a batch: rows in, one JSON line out per row (results or errors), written as it goes, resumable.

Every input row ends in exactly one of the two output files; nothing is lost and nothing written twice.
Worker processes evaluate chunks of rows in parallel; the records are written in input order, so a run
with several workers writes the same files as a run with one.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

from attrs import define, field

from eligibility.batch.core import evaluate_row
from eligibility.batch.rows import Row, input_rows
from eligibility.errors import UsageError
from eligibility.render.json_text import line as json_line
from eligibility.rulebook.library import Library

VERDICTS = ("eligible", "not_eligible", "undetermined", "not_in_force", "not_encoded")
CHUNK = 64


@define
class Summary:
    """What a run did: rows written to each file, rows skipped on resume, verdict counts by program."""

    good: int = 0
    bad: int = 0
    skipped: int = 0
    verdicts: dict[str, Counter[str]] = field(factory=dict)

    def add(self, record: dict[str, Any]) -> None:
        """Count one record."""
        if not record["ok"]:
            self.bad += 1
            return
        self.good += 1
        for pid, verdict in record["verdicts"].items():
            self.verdicts.setdefault(pid, Counter())[verdict] += 1

    def csv(self) -> str:
        """Programs by verdict, as CSV."""
        lines = ["program," + ",".join(VERDICTS)]
        for pid in sorted(self.verdicts):
            lines.append(pid + "," + ",".join(str(self.verdicts[pid][v]) for v in VERDICTS))
        return "\n".join(lines) + "\n"

    def text(self) -> str:
        """Programs by verdict, as a table for a terminal."""
        width = max((len(p) for p in self.verdicts), default=7)
        head = f"{'program'.ljust(width)}  " + "  ".join(v.replace("_", " ").rjust(12) for v in VERDICTS)
        rows = [f"{pid.ljust(width)}  " + "  ".join(str(self.verdicts[pid][v]).rjust(12) for v in VERDICTS)
                for pid in sorted(self.verdicts)]
        return "\n".join([head, *rows, "", f"{self.good} evaluated, {self.bad} with errors, {self.skipped} already "
                                           f"done (resume)"])


def done_keys(*paths: Path | None) -> set[tuple[str, int | str]]:
    """The rows already written to the output files, for --resume (a torn last line does not count)."""
    keys: set[tuple[str, int | str]] = set()
    for path in paths:
        if path is None or not path.exists():
            continue
        with path.open("rb") as handle:
            for raw in handle:
                try:
                    record = json.loads(raw)
                except ValueError:
                    continue
                for kind in ("line", "file"):
                    if isinstance(record, dict) and kind in record:
                        keys.add((kind, record[kind]))
    return keys


_LIBRARY: Library | None = None


def _init(root: str | None) -> None:
    global _LIBRARY
    from eligibility.api import rules

    _LIBRARY = rules(root)


def _chunk(rows: list[Row], as_of: dt.date, programs: set[str] | None, verdicts_only: bool) -> list[dict[str, Any]]:
    assert _LIBRARY is not None
    return [evaluate_row(r, as_of, _LIBRARY, programs, verdicts_only) for r in rows]


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def records(rows: Iterable[Row], as_of: dt.date, library: Library, programs: set[str] | None,
            verdicts_only: bool, workers: int, rules_root: str | None) -> Iterator[dict[str, Any]]:
    """The records of the rows, in input order, from ``workers`` processes (in this process when 1)."""
    if workers <= 1:
        for row in rows:
            yield evaluate_row(row, as_of, library, programs, verdicts_only)
        return
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(rules_root,)) as pool:
        pending: deque[Future[list[dict[str, Any]]]] = deque()
        for chunk in _chunks(rows, CHUNK):
            pending.append(pool.submit(_chunk, chunk, as_of, programs, verdicts_only))
            # A bounded number of chunks in flight: memory does not grow with the number of rows.
            while len(pending) >= 4 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def count_rows(path: Path) -> int | None:
    """How many rows the input has (for the progress bar), or None when counting would cost too much."""
    if path.is_dir():
        return sum(1 for _ in input_rows(path))
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())


def run_batch(source: Path, out: Path, errors: Path, as_of: dt.date, library: Library,
              programs: set[str] | None = None, verdicts_only: bool = False, workers: int = 1,
              resume: bool = False, rules_root: str | None = None, progress: bool = False) -> Summary:
    """Evaluate every row of ``source`` into ``out`` (good rows) and ``errors`` (bad rows)."""
    if out.resolve() == errors.resolve():
        raise UsageError(f"--errors: expected a file other than --out, found {errors}")
    done = done_keys(out, errors) if resume else set()
    summary = Summary(skipped=len(done))
    rows = (r for r in input_rows(source) if r.key not in done)
    mode = "a" if resume else "w"
    with out.open(mode, encoding="utf-8") as good, errors.open(mode, encoding="utf-8") as bad:
        _repair(out, good, resume)
        _repair(errors, bad, resume)
        stream = records(rows, as_of, library, programs, verdicts_only, workers, rules_root)
        for record in _with_progress(stream, source, progress, summary.skipped):
            summary.add(record)
            ok = record.pop("ok")
            target = good if ok else bad
            target.write(json_line(record))
            target.flush()
    return summary


def _repair(path: Path, handle: IO[str], resume: bool) -> None:
    """On resume, end a torn last line (an interrupted write) so the next record starts on its own line."""
    if resume and path.stat().st_size:
        with path.open("rb") as check:
            check.seek(-1, 2)
            if check.read(1) != b"\n":
                handle.write("\n")


def _with_progress(stream: Iterator[dict[str, Any]], source: Path, show: bool,
                   skipped: int) -> Iterator[dict[str, Any]]:
    """The records, with a progress bar (count, rate, time left) on standard error when asked."""
    if not show:
        yield from stream
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = count_rows(source)
    columns = (TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:>8} rows/s"), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("rows", total=(total - skipped) if total is not None else None, rate="")
        for n, record in enumerate(stream, start=1):
            yield record
            elapsed = bar.tasks[0].elapsed or 0.0
            bar.update(task, advance=1, rate=f"{n / elapsed:,.0f}" if elapsed > 0 else "")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr)
