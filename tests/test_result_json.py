"""The result's JSON contract, version 2: each citation once in a table, referred to by key; written by orjson."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from typer.testing import CliRunner

import eligibility
from eligibility.cli import app
from eligibility.engines.run import evaluate
from eligibility.render import json_text
from eligibility.render.citation_table import CitationTable, citation_key
from eligibility.render.data import RESULT_SCHEMA, condition_data
from eligibility.render.plain import plain, shared
from eligibility.result import CitationRef, ConditionResult, result_converter
from eligibility.rulebook.model import Citation, Source
from eligibility.unknown import UNKNOWN
from tests.strategies import as_of_dates, examples, library, profiles

ROOT = Path(__file__).resolve().parents[1]
PROFILES = sorted((ROOT / "profiles").glob("*.yaml"))
SCHEMA = json.loads((ROOT / "eligibility" / "data" / "result-schema.json").read_text())


def _cited_keys(data: dict[str, Any]) -> list[str]:
    """Every citation key of a result, in document order (programs, their caveats and conditions, then the CRS)."""
    keys: list[str] = []

    def conditions(items: list[dict[str, Any]]) -> None:
        for c in items:
            keys.extend(c["citations"])
            conditions(c["conditions"])

    for p in data["programs"]:
        for c in p["caveats"]:
            keys.extend(c["citations"])
        conditions(p["conditions"])
    if "crs" in data:
        for f in data["crs"]["factors"]:
            keys.extend(f["citations"])
        for c in data["crs"]["caveats"]:
            keys.extend(c["citations"])
    return keys


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_each_citation_is_written_once_and_every_key_resolves(path: Path) -> None:
    """A result names its schema; its table holds each citation once, in order of first appearance, under its
    source id and digest; every key cited is in it and every entry is cited."""
    data = eligibility.to_data(eligibility.evaluate(path, "2026-03-01", library=library()))
    assert data["schema"] == RESULT_SCHEMA == "eligibility/result/2"
    table = data["citations"]
    cited = _cited_keys(data)
    assert list(dict.fromkeys(cited)) == list(table)
    rows = [json.dumps(row, sort_keys=True) for row in table.values()]
    assert len(rows) == len(set(rows))
    assert all(key.startswith(row["source"] + "#") and len(key) == len(row["source"]) + 11
               for key, row in table.items())
    assert len(cited) > len(table)  # the example profiles cite the same page from several programs
    jsonschema.validate(data, SCHEMA)


def test_a_citation_has_one_key_in_every_result() -> None:
    """Two results (other profiles, other dates) give a citation they share the same key."""
    first = eligibility.to_data(eligibility.evaluate(PROFILES[0], "2026-03-01", library=library()))
    second = eligibility.to_data(eligibility.evaluate(PROFILES[1], "2025-06-01", library=library()))
    shared = first["citations"].keys() & second["citations"].keys()
    assert shared and all(first["citations"][k] == second["citations"][k] for k in shared)
    by_row = {json.dumps(r, sort_keys=True): k for d in (first, second) for k, r in d["citations"].items()}
    assert len(set(by_row.values())) == len(by_row)


def _library_citations() -> set[CitationRef]:
    """Every citation the shipped rules can put in a result: each Citation under an owner with sources
    (a program, grid, table or the CRS), resolved against that owner's sources, and each source itself."""
    found: set[CitationRef] = set()
    seen: set[int] = set()

    def walk(obj: Any, sources: dict[str, Source]) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if isinstance(obj, Citation):
            if obj.source in sources:
                s = sources[obj.source]
                found.add(CitationRef(s.id, s.title, s.url, s.checked, s.confidence, obj.at))
            return
        if attrs.has(type(obj)):
            own = getattr(obj, "sources", None)
            if isinstance(own, tuple) and own and isinstance(own[0], Source):
                sources = {s.id: s for s in own}
                # A caveat (rules checked, reported change) cites a whole source, without a pinpoint.
                found.update(CitationRef(s.id, s.title, s.url, s.checked, s.confidence) for s in own)
            for f in attrs.fields(type(obj)):
                walk(getattr(obj, f.name), sources)
        elif isinstance(obj, dict):
            for v in obj.values():
                walk(v, sources)
        elif isinstance(obj, list | tuple):
            for v in obj:
                walk(v, sources)

    walk(library(), {})
    return found


def test_every_citation_of_the_shipped_rules_has_its_own_key() -> None:
    """No two citations of the shipped rulesets share a key (the digest of 10 hex digits does not collide)."""
    citations = _library_citations()
    keys = {citation_key(c) for c in citations}
    assert len(citations) > 250
    assert len(keys) == len(citations)


@settings(max_examples=examples(40), deadline=None)
@given(profiles(), as_of_dates())
def test_with_keys_replaced_the_programs_are_the_tree_unstructured(profile: Any, as_of: dt.date) -> None:
    """The hand-written writer loses nothing: with each key replaced by its citation, the programs equal the
    result tree unstructured by the generic converter (version 1's shape)."""
    evaluation = evaluate(profile, as_of, library())
    data = eligibility.to_data(evaluation)
    reference = json.loads(json.dumps(result_converter().unstructure(evaluation)))
    assert eligibility.citations_in_place(data)["programs"] == reference["programs"]
    assert json.loads(eligibility.to_json(evaluation)) == data


def test_standalone_crs_writes_its_citations_in_place() -> None:
    """`eligibility crs` keeps its shape: each factor's citations are objects, and no table is added."""
    data = eligibility.to_data(eligibility.crs(PROFILES[0], "2026-03-01", library()))
    assert "citations" not in data and "schema" not in data
    cited = [c for f in data["factors"] for c in f["citations"]]
    assert cited and all(isinstance(c, dict) and {"source", "url", "checked"} <= c.keys() for c in cited)
    jsonschema.validate(data, {"$ref": "#/$defs/crs", "$defs": SCHEMA["$defs"]})


def test_to_json_is_indented_or_compact_and_always_the_data() -> None:
    """to_json indents by two spaces by default, is one line with indent=None, and both read back as to_data;
    another indent is still honoured."""
    evaluation = eligibility.evaluate(PROFILES[0], "2026-03-01", library=library())
    data = eligibility.to_data(evaluation)
    pretty, compact = eligibility.to_json(evaluation), eligibility.to_json(evaluation, indent=None)
    assert pretty.startswith('{\n  "schema": "eligibility/result/2",\n  "as_of": "2026-03-01"')
    assert "\n" not in compact and len(compact) < len(pretty)
    assert json.loads(pretty) == json.loads(compact) == data
    assert eligibility.to_json(evaluation, indent=4).startswith('{\n    "schema"')


def test_cli_json_is_the_api_data() -> None:
    """`evaluate --format json` prints to_data of the same evaluation, indented by two spaces."""
    result = CliRunner().invoke(app, ["evaluate", str(PROFILES[0]), "--as-of", "2026-03-01", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('{\n  "schema": "eligibility/result/2"')
    expected = eligibility.to_data(eligibility.evaluate(PROFILES[0], "2026-03-01", library=library()))
    assert json.loads(result.stdout) == expected


def test_values_of_any_type_become_plain_json() -> None:
    """Observed and evidence values are copied as plain JSON: dates as text, tuples as lists, an unknown fact as
    null, a non-text key as text; the result tree itself is left untouched."""
    evidence = {"from": dt.date(2024, 5, 1), "jobs": (0, 2), "age": UNKNOWN, 3: "three", "levels": {"R": 9}}
    ref = CitationRef("irpr", "IRPR", "https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/",
                      dt.date(2026, 11, 21), "official", "s. 75")
    condition = ConditionResult("c", "work_experience", "pass", "says", observed=(dt.date(2025, 1, 1), None),
                                evidence=(evidence,), citations=(ref, ref))
    table = CitationTable()
    data = condition_data(condition, table.refer)
    assert data["observed"] == ["2025-01-01", None]
    assert data["evidence"] == [{"from": "2024-05-01", "jobs": [0, 2], "age": None, "3": "three",
                                 "levels": {"R": 9}}]
    key = citation_key(ref)
    assert data["citations"] == [key, key] and key.startswith("irpr#")
    assert table.rows() == {key: {"source": "irpr", "title": "IRPR", "url": ref.url, "checked": "2026-11-21",
                                  "confidence": "official", "at": "s. 75"}}
    table.rows()[key]["at"] = "changed"
    assert table.rows()[key]["at"] == table.rows(share=True)[key]["at"] == "s. 75"
    data["evidence"][0]["levels"]["R"] = 0
    assert evidence["levels"] == {"R": 9}
    assert json.loads(json_text.dumps(data)) == data
    with pytest.raises(TypeError, match="cannot write a mapping key of type frozenset"):
        plain({frozenset(): 1})


def test_values_already_plain_are_shared_only_when_asked() -> None:
    """For writing at once, a value already plain is the result's own object; one holding a date, a tuple of
    dates or an unknown fact is still copied as plain data."""
    already = {"hours": 1560.5, "levels": {"R": 9}, "tests": [("ielts", 7)]}
    assert shared(already) is already and plain(already) is not already
    assert shared(already) == {"hours": 1560.5, "levels": {"R": 9}, "tests": [("ielts", 7)]}
    mixed = {"levels": {"R": 9}, "taken": (dt.date(2025, 1, 2),), "age": UNKNOWN}
    assert shared(mixed) == plain(mixed) == {"levels": {"R": 9}, "taken": ["2025-01-02"], "age": None}


def test_what_orjson_refuses_is_written_by_the_standard_library() -> None:
    """Data orjson cannot write (an integer beyond 64 bits, a non-text key) still comes out as the same JSON."""
    data = {"big": 2**70, 1: [True, None]}
    assert json_text.dumps(data) == b'{"big":1180591620717411303424,"1":[true,null]}'
    assert json_text.text(data) == json.dumps(data, indent=2)
    assert json_text.line({"a": "é"}) == '{"a":"é"}\n'


def test_the_keys_shown_in_the_docs_are_real() -> None:
    """The citation keys of docs/results.md's example are those of the example profile's FSW result."""
    shown = set(re.findall(r'"([a-z-]+#[0-9a-f]{10})"', (ROOT / "docs" / "results.md").read_text()))
    fsw = eligibility.evaluate(PROFILES[0], "2025-06-01", ["express-entry/fsw"], library=library())
    data = eligibility.to_data(fsw)
    assert len(shown) == 3 and shown <= set(data["citations"])


def test_http_answers_the_compact_text_of_to_json() -> None:
    """POST /v1/evaluate answers application/json whose bytes are to_json(indent=None) of the same evaluation."""
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # starlette's deprecation of httpx in its test client
        from fastapi.testclient import TestClient

    from eligibility.documents import read_document
    from eligibility.server.app import create_app

    answer = TestClient(create_app(library())).post(
        "/v1/evaluate", json={"profile": read_document(PROFILES[0]), "as_of": "2026-03-01"})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    expected = eligibility.evaluate(PROFILES[0], "2026-03-01", library=library())
    assert answer.text == eligibility.to_json(expected, indent=None)
