"""Batch evaluation: every row ends in exactly one output file, bad rows never stop the others, resume, parallel."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from eligibility.api import rules
from eligibility.batch.core import evaluate_rows
from eligibility.batch.rows import input_rows
from eligibility.batch.run import run_batch
from eligibility.cli import main
from eligibility.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
DAY = dt.date(2026, 3, 1)

#: Bad rows of every kind, each with the words its error must contain.
BAD = [
    ("{broken", "not valid JSON"),
    ('{"birth_date": "1990-13-01"}', '$.birth_date: expected a date YYYY-MM-DD, found "1990-13-01"'),
    ('{"children": "two"}', "$.children: expected a whole number"),
    ('{"brith_date": "1990-01-01"}', "$.brith_date: unknown key; did you mean 'birth_date'?"),
    ('{"work": [{"noc": "99999", "country": "CA", "start": "2020-01-01", "hours_per_week": 40}]}',
     "$.work[0].noc: expected a NOC 2021 unit group code"),
    ('{"funds_cad": NaN}', "not valid JSON"),
    ('[1, 2]', "$: expected a mapping"),
]


def _caseload(tmp_path: Path) -> Path:
    """The example profiles (with ids) with a bad row of each kind between them."""
    lines = []
    for i, path in enumerate(PROFILES):
        data = {**read_document(path), "id": f"client-{i}"}
        lines.append(json.dumps(data, default=str))
        if i < len(BAD):
            lines.append(BAD[i][0])
    lines += [bad for bad, _ in BAD[len(PROFILES):]]
    target = tmp_path / "clients.jsonl"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def _read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_row_ends_in_exactly_one_file(tmp_path: Path) -> None:
    """5 good and 7 bad rows: 5 results and 7 errors, each line once, each bad row's error named."""
    source = _caseload(tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    summary = run_batch(source, out, errors, DAY, rules(), verdicts_only=True)
    good, bad = _read(out), _read(errors)
    assert (summary.good, summary.bad) == (len(PROFILES), len(BAD))
    total = len(PROFILES) + len(BAD)
    assert sorted(r["line"] for r in good + bad) == list(range(1, total + 1))
    assert [r["id"] for r in good] == [f"client-{i}" for i in range(len(PROFILES))]
    errors_by_text = [r["error"] for r in bad]
    for _, words in BAD:
        assert any(words in e for e in errors_by_text), (words, errors_by_text)
    assert all("result" not in r for r in good)


def test_summary_counts_equal_the_results(tmp_path: Path) -> None:
    """The summary's verdict counts are exactly the counts of the written results."""
    source = _caseload(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run_batch(source, out, tmp_path / "e.jsonl", DAY, rules(), verdicts_only=True)
    counted: dict[str, Counter[str]] = {}
    for record in _read(out):
        for pid, verdict in record["verdicts"].items():
            counted.setdefault(pid, Counter())[verdict] += 1
    assert summary.verdicts == counted
    header, *rows = summary.csv().splitlines()
    assert header == "program,eligible,not_eligible,undetermined,not_in_force,not_encoded"
    fsw = next(r for r in rows if r.startswith("express-entry/fsw,")).split(",")[1:]
    assert sum(map(int, fsw)) == len(PROFILES)


def test_parallel_equals_serial(tmp_path: Path) -> None:
    """Two worker processes write the same files, in the same order, as one."""
    source = _caseload(tmp_path)
    run_batch(source, tmp_path / "one.jsonl", tmp_path / "one.err", DAY, rules(), workers=1)
    run_batch(source, tmp_path / "two.jsonl", tmp_path / "two.err", DAY, rules(), workers=2)
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert (tmp_path / "one.err").read_text() == (tmp_path / "two.err").read_text()


def test_resume_after_an_interruption(tmp_path: Path) -> None:
    """Cut after 3 rows with a torn last line: --resume writes the rest, each row exactly once."""
    source = _caseload(tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    run_batch(source, out, errors, DAY, rules(), verdicts_only=True)
    full_good, full_bad = out.read_text(), errors.read_text()
    kept = full_good.splitlines()[:3]
    out.write_text("\n".join(kept) + "\n" + full_good.splitlines()[3][:25], encoding="utf-8")  # torn
    errors.write_text(full_bad.splitlines()[0] + "\n", encoding="utf-8")
    summary = run_batch(source, out, errors, DAY, rules(), verdicts_only=True, resume=True)
    assert summary.skipped == 4
    lines = sorted(r["line"] for r in _read_tolerant(out) + _read_tolerant(errors))
    assert lines == list(range(1, len(PROFILES) + len(BAD) + 1))
    # The torn line was cut off: every line of both files is a whole JSON record.
    assert all(json.loads(line) for path in (out, errors) for line in path.read_text().splitlines())


def test_resume_cuts_a_torn_line_without_a_newline_before_it(tmp_path: Path) -> None:
    """A file holding only a torn first line is emptied on resume, and every row is written once, whole."""
    source = _caseload(tmp_path)
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    run_batch(source, out, errors, DAY, rules(), verdicts_only=True)
    expected = sorted(out.read_text().splitlines())
    out.write_text(expected[0][:25], encoding="utf-8")  # torn, no newline anywhere
    errors.write_text("", encoding="utf-8")
    summary = run_batch(source, out, errors, DAY, rules(), verdicts_only=True, resume=True)
    assert summary.skipped == 0
    assert sorted(out.read_text().splitlines()) == expected


def _read_tolerant(path: Path) -> list[dict[str, Any]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            continue
    return out


def test_a_folder_of_files(tmp_path: Path) -> None:
    """A folder's profile files are rows named by file; a broken file is an error row."""
    for path in PROFILES[:2]:
        (tmp_path / path.name).write_text(path.read_text(), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("a: [", encoding="utf-8")
    rows = list(input_rows(tmp_path))
    # Sorted by name: ayesha-..., broken.yaml, cook-...
    assert [r.key for r in rows] == [("file", PROFILES[0].name), ("file", "broken.yaml"),
                                     ("file", PROFILES[1].name)]
    records = list(evaluate_rows(rows, DAY))
    assert sum(r["ok"] for r in records) == 2
    assert next(r for r in records if not r["ok"])["file"] == "broken.yaml"


def test_cli_exit_code_and_summary_file(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """`eligibility batch` exits 2 when a row failed, writes --summary, and prints the table."""
    source = _caseload(tmp_path)
    monkeypatch.setattr(sys, "argv", ["eligibility", "batch", str(source), "--out", str(tmp_path / "r.jsonl"),
                                      "--as-of", "2026-03-01", "--verdicts-only", "--workers", "1",
                                      "--summary", str(tmp_path / "s.csv")])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 2
    assert (tmp_path / "r.errors.jsonl").exists()
    assert (tmp_path / "s.csv").read_text().startswith("program,eligible,")
    assert f"{len(PROFILES)} evaluated, {len(BAD)} with errors" in capsys.readouterr().err
