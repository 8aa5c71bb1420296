"""Title search: abbreviations, word order, plurals, misspellings, hints, and a quality floor."""

from __future__ import annotations

import yaml

from eligibility.noc import search_titles

from .conftest import DATA


def _first(query: str) -> str:
    return search_titles(query, limit=3).hits[0].code


def test_exact_example_title() -> None:
    """ "machine learning engineer" is an NOC example title of 21211."""
    hit = search_titles("machine learning engineer").hits[0]
    assert (hit.code, hit.matched_title, hit.matched_kind) == (
        "21211",
        "machine learning engineer",
        "example title",
    )


def test_abbreviations_are_written_out() -> None:
    """ML, DBA, RN and LPN reach their unit groups."""
    assert _first("ML engineer") == "21211"
    assert _first("DBA") == "21223"
    assert _first("RN") == "31301"
    assert _first("LPN") == "32101"


def test_word_order_and_plural() -> None:
    """ "Engineers, Software" finds software engineers."""
    assert _first("Engineers, Software") == "21231"


def test_seniority_words_are_ignored() -> None:
    """ "Senior ... II" does not change the group."""
    assert _first("Senior Software Engineer II") == "21231"


def test_misspelling() -> None:
    """ "sofware enginer" is corrected to software engineer."""
    result = search_titles("sofware enginer")
    assert result.normalized_query == "software engineer"
    assert result.hits[0].code == "21231"


def test_hint_is_shown_with_reason() -> None:
    """ "AI engineer" has no NOC title; the hint to 21211 is shown as such, with its reason."""
    hit = search_titles("AI engineer").hits[0]
    assert hit.code == "21211" and hit.matched_kind == "hint" and hit.hint_reason


def test_hits_carry_teer() -> None:
    """Each hit says its TEER (second digit of the code)."""
    assert all(h.teer == int(h.code[1]) for h in search_titles("nurse").hits)


def test_limit() -> None:
    """--limit caps the number of hits."""
    assert len(search_titles("engineer", limit=4).hits) == 4


def test_quality_floor_on_title_queries() -> None:
    """On the 100+ consultant-labelled queries, top-1 stays at least 85% and top-3 at least 92%.

    Measured 97% and 100% when this floor was set (benchmarks/noc_search_quality.py).
    """
    cases = yaml.safe_load((DATA / "title_queries.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 80
    top1 = top3 = 0
    for case in cases:
        codes = [h.code for h in search_titles(case["query"], limit=3).hits]
        top1 += codes[:1] == [case["code"]]
        top3 += case["code"] in codes
    assert top1 / len(cases) >= 0.85
    assert top3 / len(cases) >= 0.92
