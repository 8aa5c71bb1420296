"""audit8: `eligibility batch` on a caseload of good and bad rows: every row ends in exactly one file, the
summary counts are the results' verdicts, and `--verdicts-only` gives `evaluate`'s verdicts and CRS."""

from __future__ import annotations

import collections
import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import eligibility
from eligibility.cli import main
from eligibility.documents import read_document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {p.stem: read_document(p) for p in sorted((ROOT / "profiles").glob("*.yaml"))}
DAY = dt.date(2026, 2, 17)
COOK = EXAMPLES["cook-in-canada"]

# Line by line; None marks a line that must end in the errors file.
LINES: list[tuple[str, str | None]] = [
    *[(json.dumps({**data, "id": name}, default=str), name) for name, data in EXAMPLES.items()],
    ('{"name": "a", "name": "b"}', None),  # a key twice: not valid JSON
    ("not json", None),
    ("[1, 2]", None),
    (json.dumps({**COOK, "id": "noc-2016-as-noc", "work": [{**COOK["work"][0], "noc": "6322"}]}, default=str), None),
    (json.dumps({**COOK, "id": "split", "work": [{**{k: v for k, v in COOK["work"][0].items() if k != "noc"},
                                                   "noc_2016": "2174"}]}, default=str), None),
    (json.dumps({**COOK, "id": "converted", "work": [{**{k: v for k, v in job.items() if k != "noc"},
                                                       "noc_2016": "6322"} for job in COOK["work"]]}, default=str),
     "converted"),
    ('{"birth_date": NaN}', None),
    (json.dumps({**COOK, "id": "same-id"}, default=str), "same-id"),
    (json.dumps({**COOK, "id": "same-id"}, default=str), "same-id"),
]


def _batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> tuple[int, list[Any], list[Any], Path]:
    source = tmp_path / "clients.jsonl"
    source.write_text("\n".join(text for text, _ in LINES) + "\n", encoding="utf-8")
    out, errors, summary = tmp_path / "out.jsonl", tmp_path / "errors.jsonl", tmp_path / "summary.csv"
    monkeypatch.setattr(sys, "argv", ["eligibility", "batch", str(source), "--as-of", DAY.isoformat(), "--out",
                                      str(out), "--errors", str(errors), "--summary", str(summary), "--workers", "1",
                                      *extra])
    with pytest.raises(SystemExit) as done:
        main()
    code = done.value.code
    read = [[json.loads(line) for line in f.read_text(encoding="utf-8").splitlines()] for f in (out, errors)]
    return (code if isinstance(code, int) else 1), read[0], read[1], summary


@pytest.mark.parametrize("verdicts_only", [False, True])
def test_every_row_ends_in_exactly_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            verdicts_only: bool) -> None:
    """Lines 1-5 (the examples), 11 (6322 converted to 63200) and 13-14 (one id twice) are results; lines 6-10
    and 12 are errors; each line once, and exit code 2 since some failed."""
    code, results, errors, _ = _batch(tmp_path, monkeypatch, *(["--verdicts-only"] if verdicts_only else []))
    assert code == 2
    good = [i for i, (_, name) in enumerate(LINES, 1) if name is not None]
    bad = [i for i, (_, name) in enumerate(LINES, 1) if name is None]
    assert [r["line"] for r in results] == good
    assert [r["line"] for r in errors] == bad
    assert [r.get("id") for r in results] == [LINES[i - 1][1] for i in good]


def test_the_summary_counts_are_the_results_verdicts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each program's row of the summary counts exactly the verdicts of the result lines."""
    _, results, _, summary = _batch(tmp_path, monkeypatch)
    counted: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for record in results:
        for program, verdict in record["verdicts"].items():
            counted[program][verdict] += 1
    with summary.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["program"] for r in rows} == set(counted)
    for row in rows:
        program = row.pop("program")
        assert {k: int(v) for k, v in row.items() if int(v)} == dict(counted[program])
    trades = next(r for r in csv.DictReader(summary.open(encoding="utf-8")) if r["program"] == "category/trades")
    # The cook (63200, on the 2025 list on 2026-02-17) three times, the converted cook, and the electrician
    # (72200, on the 2025 list, eligible for FST with his Alberta certificate): 5 eligible.
    assert int(trades["eligible"]) == 5


def test_verdicts_only_gives_evaluates_verdicts_and_crs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each `--verdicts-only` line holds `evaluate`'s verdicts and `crs`'s total for its profile; by hand, the
    cook scores 221 (age 33: 88, CLB 6/5/5/6: 9+6+6+9, 2 years in Canada: 53, 3+ years abroad with 2 in Canada:
    50) and the married couple 354."""
    _, results, _, _ = _batch(tmp_path, monkeypatch, "--verdicts-only")
    for record in results:
        profile = eligibility.profile_from_data(json.loads(LINES[record["line"] - 1][0]), "row")
        evaluation = eligibility.evaluate(profile, DAY)
        assert record["verdicts"] == {p.id: p.verdict for p in evaluation.programs}
        assert record["crs"] == eligibility.crs(profile, DAY).total
    totals = {r["id"]: r["crs"] for r in results}
    assert (totals["cook-in-canada"], totals["converted"], totals["married-couple"]) == (221, 221, 354)
    assert totals["missing-information"] is None  # unknown facts leave a range


def test_a_result_line_carries_the_crs_of_evaluate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The `result` of the cook's line holds the CRS object of `evaluate --format json`: total 221."""
    _, results, _, _ = _batch(tmp_path, monkeypatch)
    cook = next(r for r in results if r.get("id") == "cook-in-canada")
    assert cook["result"]["crs"]["total"] == 221
