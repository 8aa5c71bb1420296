"""What a program's result says besides its verdict: the message, the caveats, each node's figures and
confidence, and the verdicts of days outside the versions, on a small probe ruleset of declarations.

Declarations are the simplest leaves (true passes, false fails, absent is unknown), so every expected value
below follows from the ruleset's text alone.
"""

from __future__ import annotations

import datetime as dt
import importlib.util

import pytest

import eligibility
from eligibility.profile.load import profile_from_data
from eligibility.result import ConditionResult, ProgramResult
from eligibility.rulebook.library import Library

HAS_DURABLE = importlib.util.find_spec("durable_rules_engine") is not None
ENGINES = ["native", pytest.param("durable", marks=pytest.mark.skipif(not HAS_DURABLE, reason="no durable engine"))]

SOURCES = """
sources:
  - {id: law, title: a law, url: "https://example.org/law", checked: 2026-11-21, confidence: official}
  - {id: news, title: a news copy, url: "https://example.org/news", checked: 2026-11-21, confidence: official_via_news}
  - {id: blog, title: a blog, url: "https://example.org/blog", checked: 2026-11-21, confidence: blog}
"""

VERDICTS = """
id: probe/verdicts
title: Verdict probe
authority: tests
kind: permanent_residence
established: 2020-01-01
""" + SOURCES + """
versions:
  - from: 2021-01-01
    to: 2022-01-01
    conditions: &conditions
      - {id: a, kind: declaration, key: a, equals: true, says: a holds, citations: [{source: law}]}
      - {id: b, kind: declaration, key: b, equals: true, says: b holds, citations: [{source: law}, {source: blog}]}
      - {id: duties, kind: judgement, key: duties, says: duties performed, reason: an officer compares the letters,
         citations: [{source: law}]}
  - from: 2022-01-01
    to: 2023-01-01
    in_force: false
    note: closed for 2022
    conditions: *conditions
  - from: 2023-01-01
    to: null
    conditions: *conditions
"""

COMPOSITES = """
id: probe/composites
title: Composite probe
authority: tests
kind: permanent_residence
""" + SOURCES + """
versions:
  - from: 2021-01-01
    to: null
    conditions:
      - id: every
        all:
          - {id: c, kind: declaration, key: c, equals: true, says: c holds, citations: [{source: law}]}
          - {id: d, kind: declaration, key: d, equals: true, says: d holds, citations: [{source: law}]}
      - id: some
        any:
          - {id: e, kind: declaration, key: e, equals: true, says: e holds, citations: [{source: law}]}
          - {id: f, kind: declaration, key: f, equals: true, says: f holds, citations: [{source: law}]}
          - {id: g, kind: declaration, key: g, equals: true, says: g holds, citations: [{source: law}]}
      - id: none
        not: {id: h, kind: declaration, key: h, equals: true, says: h holds, citations: [{source: law}]}
      - id: two
        at_least: 2
        of:
          - {id: i, kind: declaration, key: i, equals: true, says: i holds, citations: [{source: law}]}
          - {id: j, kind: declaration, key: j, equals: true, says: j holds, citations: [{source: law}]}
          - {id: k, kind: declaration, key: k, equals: true, says: k holds, citations: [{source: law}]}
      - id: worded
        says: one of l and m, as the law words it
        confidence: unconfirmed
        citations: [{source: news}]
        any:
          - {id: l, kind: declaration, key: l, equals: true, says: l holds, citations: [{source: law}]}
          - {id: m, kind: declaration, key: m, equals: true, says: m holds, citations: [{source: news}],
             confidence: blog}
      - {id: n, kind: declaration, key: n, equals: true, says: n holds, citations: [{source: law}],
         confidence: unconfirmed}
"""


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The two probe programs, loaded through the public API."""
    root = tmp_path_factory.mktemp("rules")
    (root / "probe").mkdir()
    (root / "probe" / "verdicts.yaml").write_text(VERDICTS, encoding="utf-8")
    (root / "probe" / "composites.yaml").write_text(COMPOSITES, encoding="utf-8")
    return eligibility.rules(root)


def program(library: Library, pid: str, day: str, engine: str = "native", **declared: bool) -> ProgramResult:
    """One probe program's result for a person who declared ``declared``."""
    profile = profile_from_data({"name": "probe", "declarations": declared})
    evaluation = eligibility.evaluate(profile, day, programs=[pid], engine=engine, library=library, with_crs=False)
    return evaluation.program(pid)


def node(result: ProgramResult | ConditionResult, cid: str) -> ConditionResult:
    """The condition ``cid`` anywhere under ``result``."""
    for c in result.conditions:
        if c.id == cid:
            return c
        try:
            return node(c, cid)
        except KeyError:
            pass
    raise KeyError(cid)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("declared", "verdict", "message"), [
    ({"a": True, "b": True}, "eligible", "every condition passes"),
    ({"a": False, "b": False}, "not_eligible", "fails: a, b"),
    ({"a": True}, "undetermined", "the profile does not settle: b"),
    ({"b": False}, "not_eligible", "fails: b"),
    ({"a": True, "b": True, "duties": False}, "not_eligible", "fails: duties"),
])
def test_the_message_names_the_failing_or_unsettled_conditions(probe: Library, declared: dict[str, bool],
                                                                verdict: str, message: str, engine: str) -> None:
    """A failure names every failing top-level condition, in order; an unknown verdict the unsettled ones."""
    result = program(probe, "probe/verdicts", "2023-06-01", engine, **declared)
    assert (result.verdict, result.message) == (verdict, message)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_passing_judgement_and_a_rule_on_weak_sources_are_caveats(probe: Library, engine: str) -> None:
    """The officer's judgement passes with a caveat naming it; a rule citing a blog is flagged as resting on
    blog sources; a rule on the law alone carries no caveat."""
    result = program(probe, "probe/verdicts", "2023-06-01", engine, a=True, b=True)
    caveats = {c.condition: c for c in result.caveats}
    assert caveats["duties"].says == "duties performed"
    assert caveats["duties"].reason == node(result, "duties").explanation
    assert [c.source for c in caveats["duties"].citations] == ["law"]
    assert caveats["b"].reason == "This rule rests on blog sources"
    assert [c.source for c in caveats["b"].citations] == ["law", "blog"]
    assert "a" not in caveats


@pytest.mark.parametrize("engine", ENGINES)
def test_a_leaf_stated_unconfirmed_is_a_caveat_and_a_composite_is_not(probe: Library, engine: str) -> None:
    """A leaf stated unconfirmed rests on unconfirmed sources (a caveat); a composite stated so gives none itself,
    its leaves speak: the blog one does, the one on the law does not."""
    result = program(probe, "probe/composites", "2023-06-01", engine, l=True, m=True, n=True)
    reasons = {c.condition: c.reason for c in result.caveats}
    assert reasons == {"m": "This rule rests on blog sources", "n": "This rule rests on unconfirmed sources"}


@pytest.mark.parametrize("engine", ENGINES)
def test_settlement_funds_are_as_weak_as_their_table(engine: str) -> None:
    """FSW's funds condition cites the law, but its amounts come from a table resting on news copies: the node's
    confidence is blog and the result says the rule rests on blog sources."""
    profile = profile_from_data({"name": "funds", "marital_status": "single", "children": 0, "funds_cad": 30000})
    result = eligibility.evaluate(profile, "2025-06-01", programs=["express-entry/fsw"], engine=engine,
                                  with_crs=False).program("express-entry/fsw")
    funds = node(result, "settlement-funds")
    assert funds.confidence == "blog"
    assert {c.condition: c.reason for c in result.caveats}["settlement-funds"] == "This rule rests on blog sources"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_judgement_declared_false_is_no_caveat(probe: Library, engine: str) -> None:
    """A judgement the person declares unmet fails, and is not listed as a caveat."""
    result = program(probe, "probe/verdicts", "2023-06-01", engine, a=True, b=True, duties=False)
    assert node(result, "duties").outcome == "fail"
    assert "duties" not in {c.condition for c in result.caveats}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_condition_is_as_confident_as_its_weakest_source(probe: Library, engine: str) -> None:
    """A leaf citing the law has official confidence; citing the law and a blog, blog; a stated confidence wins."""
    verdicts = program(probe, "probe/verdicts", "2023-06-01", engine, a=True, b=True)
    composites = program(probe, "probe/composites", "2023-06-01", engine)
    assert node(verdicts, "a").confidence == "official"
    assert node(verdicts, "b").confidence == "blog"
    assert node(composites, "worded").confidence == "unconfirmed"
    assert node(composites, "m").confidence == "blog"
    assert node(composites, "every").confidence is None   # no citation of its own


@pytest.mark.parametrize("engine", ENGINES)
def test_composites_count_the_children_that_pass(probe: Library, engine: str) -> None:
    """Each all / any / not / at_least node shows how many children passed of how many, and what it requires."""
    result = program(probe, "probe/composites", "2023-06-01", engine, c=True, d=False, e=False, f=True, g=True,
                     h=False, i=True, j=True)
    figures = {cid: (node(result, cid).outcome, node(result, cid).observed, node(result, cid).required,
                     node(result, cid).explanation) for cid in ("every", "some", "none", "two")}
    assert figures == {
        "every": ("fail", {"passed": 1, "of": 2}, "all", "1 of 2 passed"),
        "some": ("pass", {"passed": 2, "of": 3}, "any", "2 of 3 passed"),
        "none": ("pass", {"passed": 0, "of": 1}, "not", "0 of 1 passed"),
        "two": ("pass", {"passed": 2, "of": 3}, 2, "2 of 3 passed"),
    }


def test_composites_without_words_say_what_they_combine(probe: Library) -> None:
    """A composite with no ``says`` reads "all of these", "at least one of these", "not this" or
    "at least N of these"; one with ``says`` keeps its words."""
    result = program(probe, "probe/composites", "2023-06-01")
    says = {cid: node(result, cid).says for cid in ("every", "some", "none", "two", "worded")}
    assert says == {"every": "all of these", "some": "at least one of these", "none": "not this",
                    "two": "at least 2 of these", "worded": "one of l and m, as the law words it"}


FIRST = "the earliest encoded version starts 2021-01-01"


@pytest.mark.parametrize(("day", "verdict", "message"), [
    ("2019-12-31", "not_in_force", "Verdict probe did not exist before 2020-01-01"),
    ("2020-01-01", "not_encoded", "no rules are encoded for 2020-01-01; " + FIRST),
    ("2020-12-31", "not_encoded", "no rules are encoded for 2020-12-31; " + FIRST),
    ("2022-01-01", "not_in_force", "closed for 2022"),
    ("2022-12-31", "not_in_force", "closed for 2022"),
])
def test_days_outside_the_versions_in_force(probe: Library, day: str, verdict: str, message: str) -> None:
    """Before ``established`` the program did not exist; from then to the first version nothing is encoded;
    a version not in force says so with its note."""
    result = program(probe, "probe/verdicts", day, a=True, b=True)
    assert (result.verdict, result.message) == (verdict, message)
    assert result.conditions == ()


def test_a_version_not_in_force_is_named_in_the_result(probe: Library) -> None:
    """The result of a day in a closed period names that version and its dates."""
    version = program(probe, "probe/verdicts", "2022-06-01").version
    assert version is not None
    assert (version.valid_from, version.valid_to, version.in_force) == (dt.date(2022, 1, 1), dt.date(2023, 1, 1), False)


def test_a_result_is_titled_by_the_short_title_or_else_the_title(probe: Library) -> None:
    """A program with a short title gives it to its result (FSW's); one without gives its title instead."""
    fsw = eligibility.evaluate(profile_from_data({"name": "titles"}), "2025-06-01", programs=["express-entry/fsw"],
                               with_crs=False).program("express-entry/fsw")
    assert fsw.short_title == "Federal Skilled Worker"
    assert program(probe, "probe/verdicts", "2023-06-01", a=True, b=True).short_title == "Verdict probe"


def test_a_version_in_force_with_an_end_date_is_named_with_both_dates(probe: Library) -> None:
    """An evaluated result of a version that ends names its first day and the day it ends."""
    version = program(probe, "probe/verdicts", "2021-06-01", a=True, b=True).version
    assert version is not None
    assert (version.valid_from, version.valid_to, version.in_force) == (dt.date(2021, 1, 1), dt.date(2022, 1, 1), True)


def test_the_version_in_force_is_named_in_the_result(probe: Library) -> None:
    """An evaluated result names the version it applied, open-ended here."""
    version = program(probe, "probe/verdicts", "2023-06-01", a=True, b=True).version
    assert version is not None
    assert (version.valid_from, version.valid_to, version.in_force) == (dt.date(2023, 1, 1), None, True)
