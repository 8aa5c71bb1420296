"""The shipped rounds table: built from the shared snapshot, every round name mapped, the feed read strictly."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from eligibility.api import rules
from eligibility.draws.feed import parse_tie_break, rounds_from_feed
from eligibility.draws.kinds import GENERAL, OTHER, PROVINCIAL_NOMINEE, ROUND_TYPES, round_type
from eligibility.draws.listing import select, unmapped
from eligibility.draws.table import bundled_table

ROOT = Path(__file__).resolve().parents[1]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_draws", ROOT / "tools" / "build_draws.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _snapshot() -> Path:
    found: Path | None = _tool().find_snapshot()
    if found is None:
        pytest.skip("the shared rounds snapshot (shared/data/ee-rounds/draws.json) is not beside this checkout")
    return found


def test_shipped_table_is_the_snapshot_rebuilt() -> None:
    """Rebuilding from the shared snapshot gives exactly the shipped table: 445 rounds, #1 to #444."""
    rebuilt = _tool().build(_snapshot())
    shipped = bundled_table()
    assert rebuilt.data() == shipped.data()
    assert len(shipped.rounds) == 445
    assert (shipped.rounds[0].number, shipped.rounds[0].date) == ("1", dt.date(2015, 1, 31))
    assert (shipped.rounds[-1].number, shipped.last_round) == ("444", dt.date(2026, 9, 16))
    assert shipped.fetched == dt.datetime(2026, 9, 28, 6, 21, 9, tzinfo=dt.UTC)


def test_every_round_name_of_the_snapshot_maps_or_is_listed() -> None:
    """Each name in the feed maps to a type whose program exists, or is listed as unmapped; none is dropped."""
    raw = json.loads(_snapshot().read_text())["rounds"]
    table = bundled_table()
    assert len(raw) == len(table.rounds)
    names = {r["drawName"] for r in raw}
    listed = set(unmapped(table))
    programs = set(rules().programs)
    for name in names:
        kind = round_type(name)
        assert kind in ROUND_TYPES
        assert kind in programs or kind in (GENERAL, PROVINCIAL_NOMINEE) or (kind == OTHER and name in listed), name
    assert listed == set()


def test_round_numbers_are_unique_and_91_is_split() -> None:
    """445 distinct numbers; round 91 was held as 91a and 91b on 2018-05-30."""
    numbers = [r.number for r in bundled_table().rounds]
    assert len(set(numbers)) == 445
    split = [r for r in bundled_table().rounds if r.number.startswith("91")]
    assert [(r.number, r.date) for r in split] == [("91a", dt.date(2018, 5, 30)), ("91b", dt.date(2018, 5, 30))]


def test_2026_rounds_match_the_research_totals() -> None:
    """1 Jan - 16 Sep 2026 (crs.md): 56 rounds, 128,982 invitations; counts and score ranges by type."""
    s = select(bundled_table(), dt.date(2026, 1, 1), dt.date(2026, 9, 16))
    assert len(s.rounds) == 56
    assert sum(r.invitations for r in s.rounds) == 128_982
    by_type = {g.type: (len(g.rounds), min(r.lowest_score for r in g.rounds), max(r.lowest_score for r in g.rounds))
               for g in s.types}
    assert by_type == {
        "express-entry/cec": (16, 507, 523), "category/french": (10, 382, 420),
        "category/healthcare": (3, 467, 475), PROVINCIAL_NOMINEE: (18, 697, 805), "category/trades": (1, 477, 477),
        "category/senior-managers": (3, 389, 429), "category/physicians": (3, 169, 223),
        "category/transport": (1, 470, 470), "category/military": (1, 368, 368),
    }


@pytest.mark.parametrize(("name", "kind"), [
    ("No Program Specified", GENERAL), ("General", GENERAL), ("Canadian Experience Class", "express-entry/cec"),
    ("Federal Skilled Worker", "express-entry/fsw"), ("Federal Skilled Trades", "express-entry/fst"),
    ("Provincial Nominee Program", PROVINCIAL_NOMINEE),
    ("French language proficiency (Version 1)", "category/french"),
    ("French-Language proficiency 2026-Version 2", "category/french"),
    ("Healthcare occupations (Version 1)", "category/healthcare"),
    ("Healthcare and Social Services Occupations, 2026-Version 3", "category/healthcare"),
    ("Trade occupations (Version 2)", "category/trades"), ("Trades Occupations, 2026-Version 3", "category/trades"),
    ("STEM occupations (Version 1)", "category/stem"),
    ("Skilled Military Recruits, 2026-Version 1", "category/military"),
    ("Researchers with Canadian Work Experience, 2027-Version 1", "category/researchers"),
    ("Senior managers with Canadian Work Experience, 2026-Version 1", "category/senior-managers"),
    ("Generalist occupations", OTHER), ("Aviation occupations (Version 1)", OTHER),
])
def test_round_names_map_by_keyword_whatever_the_version(name: str, kind: str) -> None:
    """Names map to program ids without their version label; an unknown name is 'other', not a near match."""
    assert round_type(name) == kind


@pytest.mark.parametrize(("text", "day", "expected"), [
    ("September 01, 2026 at 23:05:13 UTC", "2026-09-16", "2026-09-01T23:05:13"),
    ("May 21, 2026 at  12:14:09 UTC", "2026-06-01", "2026-05-21T12:14:09"),
    ("April 12th, 2026 at 04:32:26 UTC", "2026-08-31", "2026-04-12T04:32:26"),
    ("July 3rd 2026 at 21:35:13 UTC", "2026-08-05", "2026-07-03T21:35:13"),
    ("October 10, 2022 17:10:53 UTC", "2022-10-26", "2022-10-10T17:10:53"),
    ("May 19,2022 06:48:41 UTC", "2023-03-23", "2022-05-19T06:48:41"),
    ("August 30. 2023 at 17:30:21 UTC", "2023-12-20", "2023-08-30T17:30:21"),
    ("June 22, 2021 at 20:19:59 PM UTC", "2021-11-24", "2021-06-22T20:19:59"),
    ("June 15, 2023 at 23:49:05", "2023-06-27", "2023-06-15T23:49:05"),
    ("October 7 at 16:38:21 UTC", "2017-10-18", "2017-10-07T16:38:21"),
    ("December 7 at 16:38:21 UTC", "2018-01-10", "2017-12-07T16:38:21"),
])
def test_tie_break_times_in_every_published_format(text: str, day: str, expected: str) -> None:
    """Every free-text tie-break format of the feed reads as UTC; a missing year is the round's or the one before."""
    moment = parse_tie_break(text, dt.date.fromisoformat(day))
    assert moment == dt.datetime.fromisoformat(expected).replace(tzinfo=dt.UTC)


def test_empty_tie_break_is_none_and_nonsense_is_refused() -> None:
    """Early rounds publish no tie-break (None); text that is not a time raises ValueError."""
    assert parse_tie_break("  ", dt.date(2015, 2, 1)) is None
    with pytest.raises(ValueError, match="unreadable"):
        parse_tie_break("sometime in May", dt.date(2026, 6, 1))


def _round(**changes: str) -> dict[str, str]:
    base = {"drawNumber": "500", "drawDate": "2026-10-01", "drawName": "Canadian Experience Class",
            "drawSize": "1,500", "drawCRS": "515", "drawCutOff": "September 20, 2026 at 10:00:00 UTC"}
    return base | changes


def test_feed_reader_reports_every_problem_at_once() -> None:
    """Bad count, score, date, number and a duplicate are each one problem naming the field; no rounds are kept."""
    feed = {"rounds": [_round(drawSize="many"), _round(drawNumber="501", drawCRS="1300"),
                       _round(drawNumber="502", drawDate="2026-02-30"), _round(drawNumber="x1"),
                       _round(drawNumber="503"), _round(drawNumber="503")]}
    rounds, problems = rounds_from_feed(feed, "feed.json")
    assert rounds == ()
    assert [str(p) for p in problems] == [
        'feed.json: $.rounds[0].drawSize: expected a count of invitations like "2,000", found "many"',
        "feed.json: $.rounds[1].drawCRS: expected a score from 0 to 1200, found \"1300\"",
        'feed.json: $.rounds[2].drawDate: expected a date YYYY-MM-DD, found "2026-02-30"',
        'feed.json: $.rounds[3].drawNumber: expected a round number like "444" or "91a", found "x1"',
        "feed.json: $.rounds[5].drawNumber: expected a unique round number, found '503' again (also $.rounds[4])",
    ]


def test_feed_reader_keeps_an_unknown_name_as_other() -> None:
    """A round of a type this version does not know is kept, typed 'other', with its figures."""
    rounds, problems = rounds_from_feed({"rounds": [_round(drawName="Aviation occupations (Version 1)")]}, "f")
    assert problems == []
    assert [(r.type, r.invitations, r.lowest_score) for r in rounds] == [(OTHER, 1500, 515)]


def test_feed_without_rounds_is_refused() -> None:
    """A document that is not {"rounds": [...]} is one problem at $."""
    _, problems = rounds_from_feed({"classes": "wb-tables"}, "f")
    assert [str(p) for p in problems] == ['f: $: expected {"rounds": [...]}, found a mapping without a rounds list']
