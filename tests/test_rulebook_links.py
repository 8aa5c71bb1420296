"""Typed references between conditions, converters configured explicitly, and the law's words beside the rule."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eligibility.converter import structure
from eligibility.errors import InputError
from eligibility.explain import explain_text
from eligibility.rulebook.library import Library, load_library
from eligibility.rulebook.model import CertificateCondition, LanguageCondition, Program, WorkExperienceCondition
from eligibility.rulebook.structure import ruleset_converter
from eligibility.rulebook.tree import walk


@pytest.fixture(scope="module")
def library() -> Library:
    """The packaged rules."""
    return load_library()


def _leaves(library: Library, program: str, cls: type) -> list[Any]:
    version = library.programs[program].version_on(dt.date(2026, 3, 1))
    assert version is not None
    return [c for c, _ in walk(version.conditions, "$") if isinstance(c, cls)]


def test_teer_from_resolves_to_the_work_condition_itself(library: Library) -> None:
    """CEC's language leaf holds the very work_experience condition its teer_from names (no id lookup later)."""
    (language,) = _leaves(library, "express-entry/cec", LanguageCondition)
    works = {w.id: w for w in _leaves(library, "express-entry/cec", WorkExperienceCondition)}
    assert language.teer_from == "canadian-work"
    assert language.teer_source is works["canadian-work"]


def test_same_occupation_as_resolves_to_the_work_condition_itself(library: Library) -> None:
    """FST's certificate leaf holds the work_experience condition of the trade experience it names."""
    (certificate,) = _leaves(library, "express-entry/fst", CertificateCondition)
    works = {w.id: w for w in _leaves(library, "express-entry/fst", WorkExperienceCondition)}
    assert certificate.trade_source is works[certificate.same_occupation_as]


def test_a_file_cannot_state_a_resolved_reference() -> None:
    """``teer_source`` is filled in at load, never read from a file: a ruleset stating it gets 'unknown key'."""
    data = {"id": "x/y", "title": "t", "authority": "a", "kind": "permanent_residence",
            "sources": [{"id": "s", "title": "s", "url": "https://example.org", "checked": "2026-01-01"}],
            "versions": [{"from": "2020-01-01", "conditions": [
                {"id": "lang", "kind": "language", "says": "s", "minimum": {"reading": 7, "writing": 7,
                                                                            "listening": 7, "speaking": 7},
                 "max_age_months": 24, "teer_source": "work", "citations": [{"source": "s"}]}]}]}
    with pytest.raises(InputError) as caught:
        structure(data, Program, "x.yaml", ruleset_converter())
    assert caught.value.lines() == [
        "x.yaml: $.versions[0].conditions[0].teer_source: unknown key; did you mean 'teer_from'?"]


def test_the_ruleset_converter_is_built_once_and_leaves_the_base_converter_alone() -> None:
    """The ruleset converter is one configured object; the base converter knows nothing of condition kinds."""
    from eligibility.converter import CONVERTER
    from eligibility.rulebook.model import Condition

    assert ruleset_converter() is ruleset_converter()
    assert ruleset_converter() is not CONVERTER
    leaf = {"id": "a", "kind": "age", "says": "s", "min": 18, "citations": [{"source": "s"}]}
    assert ruleset_converter().structure(leaf, Condition).min == 18
    with pytest.raises(TypeError, match="disambiguate"):
        CONVERTER.structure(leaf, Condition)


def test_explain_prints_the_law_beside_the_rule(library: Library) -> None:
    """`eligibility explain` shows a condition's quote of the law right under its says sentence."""
    text = explain_text(library, "express-entry/fsw", dt.date(2026, 3, 1)).splitlines()
    says = text.index("- outside-quebec: Intends to live in a province or territory other than Quebec")
    assert text[says + 1] == ("    law: \u201c... who intend to reside in a province other than the Province of "
                              "Quebec\u201d")
