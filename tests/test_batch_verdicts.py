"""Batch --verdicts-only: the verdicts and CRS total equal the full evaluation's, row by row; lines parse strictly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.api import evaluate, rules
from eligibility.batch.rows import row_from_line
from eligibility.batch.run import evaluate_chunk
from eligibility.documents import read_document
from eligibility.profile.load import profile_from_data
from tests.strategies import as_of_dates, examples, profile_data

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))


def _line(data: dict[str, Any]) -> bytes:
    return json.dumps(data, default=str).encode("utf-8")


def _batch(lines: list[bytes], day: dt.date, verdicts_only: bool) -> list[tuple[bool, dict[str, Any]]]:
    done = evaluate_chunk(list(enumerate(lines, start=1)), day, rules(), None, verdicts_only)
    return [(ok, json.loads(text)) for ok, text in done.lines]


def _expected(data: dict[str, Any], day: dt.date) -> tuple[dict[str, str], int | None]:
    full = evaluate(profile_from_data(data), day)
    assert full.crs is not None
    return {p.id: p.verdict for p in full.programs}, full.crs.total


@pytest.mark.parametrize("day", [dt.date(2025, 3, 24), dt.date(2026, 3, 1)])
def test_example_profiles_verdicts_equal_the_full_evaluation(day: dt.date) -> None:
    """Each example profile: --verdicts-only gives the full evaluation's verdicts and CRS total, as does a full row."""
    data = [read_document(p) for p in PROFILES]
    short = _batch([_line(d) for d in data], day, verdicts_only=True)
    full = _batch([_line(d) for d in data], day, verdicts_only=False)
    for d, (ok, record), (full_ok, full_record) in zip(data, short, full, strict=True):
        verdicts, total = _expected(d, day)
        assert ok and full_ok
        assert record["verdicts"] == verdicts == full_record["verdicts"]
        assert record["crs"] == total == full_record["crs"]
        assert "result" not in record
        assert {p["id"]: p["verdict"] for p in full_record["result"]["programs"]} == verdicts


@settings(max_examples=examples(25))
@given(data=profile_data(), day=as_of_dates())
def test_generated_profiles_verdicts_equal_the_full_evaluation(data: dict[str, Any], day: dt.date) -> None:
    """A generated profile as a JSONL line: --verdicts-only gives the full evaluation's verdicts and CRS total."""
    [(ok, record)] = _batch([_line(data)], day, verdicts_only=True)
    verdicts, total = _expected(data, day)
    assert ok, record
    assert record["verdicts"] == verdicts
    assert record["crs"] == total


@pytest.mark.parametrize(("text", "words"), [
    ('{"name": "a", "name": "b"}', "duplicate key 'name'"),
    ('{"funds_cad": Infinity}', "expected a finite number"),
    ('{"name": "\\ud800"}', None),
])
def test_lines_are_strict_json(text: str, words: str | None) -> None:
    """A duplicate key and a non-finite number make a bad row; a lone surrogate is read and refused by the loader."""
    row = row_from_line(7, text)
    if words is not None:
        assert row.problem is not None and words in row.problem
        return
    [(ok, record)] = _batch([text.encode()], dt.date(2026, 3, 1), verdicts_only=True)
    assert not ok and record["error"] == "line 1: $.name: expected Unicode text, found a lone surrogate (an escape " \
                                         "such as \\ud800 alone)"


@settings(max_examples=examples(10))
@given(st.lists(st.sampled_from(["{}", "[1]", '{"children": -1}', '{"brith_date": "1990-01-01"}']), min_size=1,
                max_size=6))
def test_every_line_gives_one_record(lines: list[str]) -> None:
    """However good or bad the lines, a chunk gives exactly one record per line, in order."""
    records = _batch([line.encode() for line in lines], dt.date(2026, 3, 1), verdicts_only=True)
    assert [r["line"] for _, r in records] == list(range(1, len(lines) + 1))
