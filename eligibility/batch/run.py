"""Run a batch: rows in, one JSON line out per row (results or errors), written as it goes, resumable.

Every input row ends in exactly one of the two output files; nothing is lost and nothing written twice.
Worker processes evaluate chunks of rows in parallel; the records are written in input order, so a run
with several workers writes the same files as a run with one.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sys
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

from attrs import define, field, frozen

from eligibility.batch.core import evaluate_row, row_evaluator
from eligibility.batch.rows import Item, Row, as_row, input_items, input_rows, item_key
from eligibility.errors import UsageError
from eligibility.record import Record
from eligibility.render.json_text import dumps as json_bytes
from eligibility.rulebook.library import Library

VERDICTS = ("eligible", "not_eligible", "undetermined", "not_in_force", "not_encoded")
#: Rows sent to a worker at once, and chunks in flight per worker: few round trips between processes
#: (each costs this process about a millisecond of CPU in the pool's threads), and a bounded number of rows
#: held in memory whatever the size of the input (about 2,000 rows: a few MB).
CHUNK = 256
IN_FLIGHT = 4


@frozen
class Done(Record):
    """A chunk evaluated: its good rows' output lines and its bad rows', each as one block of bytes (one
    write to each file), whether each row in order was good (``oks``: one byte a row, 1 or 0), and the good
    rows' verdict counts."""

    good: bytes
    bad: bytes
    oks: bytes
    counts: dict[tuple[str, str], int]

    @property
    def rows(self) -> int:
        """How many rows the chunk holds."""
        return len(self.oks)

    @property
    def lines(self) -> list[tuple[bool, bytes]]:
        """Each row's output line, in input order, with whether it is good."""
        # A line is compact JSON: its only newline byte is the one that ends it.
        good, bad = iter(self.good.split(b"\n")), iter(self.bad.split(b"\n"))
        return [(True, next(good) + b"\n") if ok else (False, next(bad) + b"\n") for ok in self.oks]


@define
class Summary:
    """What a run did: rows written to each file, rows skipped on resume, verdict counts by program."""

    good: int = 0
    bad: int = 0
    skipped: int = 0
    verdicts: dict[str, Counter[str]] = field(factory=dict)

    def merge(self, chunk: Done) -> None:
        """Count the rows of an evaluated chunk."""
        good = chunk.oks.count(1)
        self.good += good
        self.bad += chunk.rows - good
        for (pid, verdict), n in chunk.counts.items():
            self.verdicts.setdefault(pid, Counter())[verdict] += n

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


def _init(root: str | None, as_of: dt.date, verdicts_only: bool) -> None:
    global _LIBRARY
    import gc

    from eligibility.api import rules

    _LIBRARY = rules(root)
    warm(_LIBRARY, as_of, verdicts_only)
    # A worker's rules, tables and compiled forms live as long as it does: keep them out of the garbage
    # collector's scans (each scan would otherwise walk them all again).
    gc.freeze()


def warm(library: Library, as_of: dt.date, verdicts_only: bool = False) -> None:
    """Build what every row needs once (the NOC table, the programs' and the CRS's compiled forms for the
    day, those of the verdict-only evaluation with ``verdicts_only``) by evaluating a profile that states
    nothing: done before the workers start, they inherit it (on platforms that fork; elsewhere each worker
    warms itself)."""
    evaluate_row(Row(("line", 0), {}), as_of, library, verdicts_only=verdicts_only)


def encode(record: dict[str, Any]) -> bytes:
    """One output line: compact JSON (the results' own writer), UTF-8, with its newline."""
    return json_bytes(record) + b"\n"


def evaluate_chunk(items: list[Item], as_of: dt.date, library: Library, programs: set[str] | None,
                   verdicts_only: bool) -> Done:
    """Parse, evaluate and encode a chunk of rows, counting verdicts as it goes."""
    good: list[bytes] = []
    bad: list[bytes] = []
    oks = bytearray()
    # The good rows counted by their programs and verdicts (most rows of a chunk share them), each program's
    # verdicts added up once per chunk: cheaper than counting 20-odd (program, verdict) pairs a row.
    alike: Counter[tuple[tuple[str, ...], tuple[str, ...]]] = Counter()
    evaluate_one = row_evaluator(as_of, library, programs, verdicts_only)
    for item in items:
        record = evaluate_one(as_row(item))
        ok = record.pop("ok")
        if ok:
            verdicts = record["verdicts"]
            alike[tuple(verdicts), tuple(verdicts.values())] += 1
            good.append(encode(record))
        else:
            bad.append(encode(record))
        oks.append(ok)
    counts: Counter[tuple[str, str]] = Counter()
    for (pids, found), n in alike.items():
        for pair in zip(pids, found, strict=True):
            counts[pair] += n
    return Done(b"".join(good), b"".join(bad), bytes(oks), dict(counts))


def _chunk(items: list[Item], as_of: dt.date, programs: set[str] | None, verdicts_only: bool) -> Done:
    assert _LIBRARY is not None
    return evaluate_chunk(items, as_of, _LIBRARY, programs, verdicts_only)


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    items = iter(items)
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def chunks_done(items: Iterable[Item], as_of: dt.date, library: Library, programs: set[str] | None,
                verdicts_only: bool, workers: int, rules_root: str | None) -> Iterator[Done]:
    """The evaluated chunks, in input order, from ``workers`` processes (in this process when 1).

    Workers receive chunks of raw lines and send back encoded lines, so that this process only reads
    and writes bytes: parsing, checking and evaluating all happen in the workers.
    """
    warm(library, as_of, verdicts_only)
    if workers <= 1:
        for chunk in _chunks(items, CHUNK):
            yield evaluate_chunk(chunk, as_of, library, programs, verdicts_only)
        return
    with ProcessPoolExecutor(workers, initializer=_init, initargs=(rules_root, as_of, verdicts_only)) as pool:
        pending: deque[Future[Done]] = deque()
        for chunk in _chunks(items, CHUNK):
            pending.append(pool.submit(_chunk, chunk, as_of, programs, verdicts_only))
            # A bounded number of chunks in flight: memory does not grow with the number of rows.
            while len(pending) >= IN_FLIGHT * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


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
    items = (i for i in input_items(source) if item_key(i) not in done) if done else input_items(source)
    mode = "ab" if resume else "wb"
    with out.open(mode) as good, errors.open(mode) as bad:
        _repair(out, good, resume)
        _repair(errors, bad, resume)
        stream = chunks_done(items, as_of, library, programs, verdicts_only, workers, rules_root)
        for chunk in _with_progress(stream, source, progress, summary.skipped):
            summary.merge(chunk)
            good.write(chunk.good)
            bad.write(chunk.bad)
            # Flushed chunk by chunk: an interrupted run keeps every chunk it finished.
            good.flush()
            bad.flush()
    return summary


def _repair(path: Path, handle: IO[bytes], resume: bool) -> None:
    """On resume, cut a torn last line (an interrupted write) off the file, so that every line of it is a whole
    record and the next one starts on its own line. Nothing is lost: a torn line's row does not count as done
    (``_done``), so it is evaluated again."""
    size = path.stat().st_size if resume else 0
    if not size:
        return
    with path.open("r+b") as check:
        check.seek(-1, 2)
        if check.read(1) == b"\n":
            return
        # The last newline, looked for backwards a block at a time (a record may be hundreds of KiB).
        end, block = size, 1 << 16
        while end > 0:
            start = max(0, end - block)
            check.seek(start)
            found = check.read(end - start).rfind(b"\n")
            if found >= 0:
                check.truncate(start + found + 1)
                break
            end = start
        else:
            check.truncate(0)
    handle.seek(0, 2)


def _with_progress(stream: Iterator[Done], source: Path, show: bool, skipped: int) -> Iterator[Done]:
    """The chunks, with a progress bar (count, rate, time left) on standard error when asked."""
    if not show:
        yield from stream
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    total = count_rows(source)
    columns = (TextColumn("evaluating"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:>8} rows/s"), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("rows", total=(total - skipped) if total is not None else None, rate="")
        n = 0
        for chunk in stream:
            yield chunk
            n += chunk.rows
            elapsed = bar.tasks[0].elapsed or 0.0
            bar.update(task, advance=chunk.rows, rate=f"{n / elapsed:,.0f}" if elapsed > 0 else "")


def _stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr)
