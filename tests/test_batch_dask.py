"""The batch core on a Dask distributed LocalCluster gives the records of the local batch."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from eligibility.batch.core import evaluate_rows
from eligibility.batch.distributed import dask_batch
from eligibility.batch.rows import input_rows
from eligibility.documents import read_document

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[1]


def test_dask_local_cluster_equals_local_batch(tmp_path: Path) -> None:
    """Six rows (one bad) on a 2-worker LocalCluster: the same records, in the same order, as in process."""
    rows = [json.dumps(read_document(p), default=str) for p in sorted((ROOT / "profiles").glob("*.yaml"))]
    rows.insert(2, '{"birth_date": "1990-02-30"}')
    source = tmp_path / "rows.jsonl"
    source.write_text("\n".join(rows) + "\n", encoding="utf-8")
    day = dt.date(2026, 3, 1)
    local = list(evaluate_rows(input_rows(source), day, verdicts_only=True))
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster) as client:
        remote = dask_batch(source, day, client, partitions=3)
    assert remote == local
    assert [r["ok"] for r in remote].count(False) == 1
