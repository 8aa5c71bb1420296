"""Rules that may have changed: a caveat after the day the sources were checked, and reported, unconfirmed changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eligibility.api import evaluate, rules
from eligibility.errors import InputError
from eligibility.freshness import REPORTED_CHANGE, RULES_CHECKED
from eligibility.result import Caveat, Evaluation
from eligibility.rulebook.library import default_rules_dir, load_library

ROOT = Path(__file__).resolve().parents[1]
AYESHA = ROOT / "profiles" / "ayesha-software-engineer.yaml"
FSW, CEC = "express-entry/fsw", "express-entry/cec"
# Every source of the shipped rulesets for these programs was checked on 2026-11-21.
STALE = "rules as checked on 2026-11-21; a change after that date is not known to this version"


def _freshness(result: Evaluation, program: str) -> list[Caveat]:
    return [c for c in result.program(program).caveats if c.condition in (RULES_CHECKED, REPORTED_CHANGE)]


def test_no_caveat_on_the_day_the_rules_were_checked() -> None:
    """On 2026-11-21, the day every source was checked, no program carries the rules-checked caveat."""
    result = evaluate(AYESHA, "2026-11-21")
    assert all(c.condition != RULES_CHECKED for p in result.programs for c in p.caveats)


def test_one_caveat_per_program_the_day_after() -> None:
    """On 2026-11-22 each program carries exactly one rules-checked caveat, saying the date checked."""
    result = evaluate(AYESHA, "2026-11-22")
    for p in result.programs:
        stale = [c for c in p.caveats if c.condition == RULES_CHECKED]
        assert [c.says for c in stale] == [STALE], p.id
        assert stale[0].reason == "the result is for 2026-11-22, after the official sources were last checked"


def test_both_engines_give_the_same_caveats() -> None:
    """The durable engine's results carry the same freshness caveats as the native one's."""
    pytest.importorskip("durable_rules_engine")
    native = evaluate(AYESHA, "2026-11-22", programs=[FSW, CEC])
    durable = evaluate(AYESHA, "2026-11-22", programs=[FSW, CEC], engine="durable")
    assert [_freshness(native, p) for p in (FSW, CEC)] == [_freshness(durable, p) for p in (FSW, CEC)]


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A copy of the shipped rulesets that a test may edit."""
    target = tmp_path / "rulesets"
    shutil.copytree(default_rules_dir(), target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_a_grid_checked_earlier_dates_the_programs_that_use_it(rules_copy: Path) -> None:
    """FSW grid checked on 2026-10-01: FSW, which uses it, says so from 2026-10-02; CEC does not."""
    _replace(rules_copy / "grids" / "fsw-selection.yaml", "checked: 2026-11-21", "checked: 2026-10-01")
    library = load_library(rules_copy)
    assert library.grids["fsw-selection"].checked.isoformat() == "2026-10-01"
    on = evaluate(AYESHA, "2026-10-01", programs=[FSW, CEC], library=library)
    after = evaluate(AYESHA, "2026-10-02", programs=[FSW, CEC], library=library)
    assert _freshness(on, FSW) == [] and _freshness(after, CEC) == []
    assert [c.says for c in _freshness(after, FSW)] == [
        "rules as checked on 2026-10-01; a change after that date is not known to this version"]


REPORTED = """reported_changes:
  - date: 2026-11-03
    says: a tie-break rule for CEC candidates with a job offer (an invented report, for this test)
    sources: [cec-page]
    confidence: unconfirmed
versions:"""


def test_a_reported_change_is_a_caveat_from_its_date(rules_copy: Path) -> None:
    """A change reported for 2026-11-03 is on results of 2026-11-03, not of 2026-11-02, citing its source."""
    _replace(rules_copy / "express-entry" / "cec.yaml", "versions:", REPORTED)
    library = load_library(rules_copy)
    before = evaluate(AYESHA, "2026-11-02", programs=[CEC], library=library)
    on = evaluate(AYESHA, "2026-11-03", programs=[CEC], library=library)
    assert _freshness(before, CEC) == []
    (caveat,) = _freshness(on, CEC)
    assert caveat.condition == REPORTED_CHANGE
    assert caveat.says == ("a change from 2026-11-03 was reported but is not confirmed (unconfirmed): a tie-break "
                           "rule for CEC candidates with a job offer (an invented report, for this test)")
    assert caveat.reason == "not applied: this result uses the rules as encoded; check the official sources"
    assert [c.source for c in caveat.citations] == ["cec-page"]
    # Not applied: the verdict is the one of the rules as encoded.
    assert on.program(CEC).verdict == evaluate(AYESHA, "2026-11-03", programs=[CEC]).program(CEC).verdict


def test_a_reported_change_must_cite_the_rulesets_sources(rules_copy: Path) -> None:
    """An unknown source id in a reported change is a load problem with the path and a suggestion."""
    _replace(rules_copy / "express-entry" / "cec.yaml", "versions:", REPORTED.replace("[cec-page]", "[cec-pages]"))
    with pytest.raises(InputError) as info:
        load_library(rules_copy)
    assert info.value.lines() == [
        f"{rules_copy / 'express-entry' / 'cec.yaml'}: $.reported_changes[0].sources[0]: expected one of the "
        "ruleset's sources (cec-page, irpr, physicians-policy, thresholds), found 'cec-pages'; "
        "did you mean 'cec-page'?"]


def test_programs_know_when_they_were_checked() -> None:
    """Each shipped program, grid and table knows the date its sources were last checked."""
    library = rules()
    assert library.programs[CEC].checked is not None
    assert all(p.checked is not None for p in library.programs.values())
    assert all(g.checked is not None for g in library.grids.values())
    assert all(t.checked is not None for t in library.tables.values())


def test_the_crs_ruleset_records_the_reported_change_of_2026_11_03() -> None:
    """The CRS rules record the reported 2026-11-03 change as unconfirmed, citing two of their own sources."""
    crs = rules().crs["crs"]
    (change,) = crs.reported_changes
    assert (change.date.isoformat(), change.confidence) == ("2026-11-03", "unconfirmed")
    assert set(change.sources) <= {s.id for s in crs.sources} and len(change.sources) == 2
    assert "high-wage occupation list" in change.says
    # Reported, not encoded: no version of the criteria starts on that day.
    assert all(v.valid_from.isoformat() != "2026-11-03" for v in crs.versions)
