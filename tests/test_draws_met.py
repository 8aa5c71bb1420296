"""rounds_met: which round types are open to a person, the window of recent rounds, and yes / no / maybe."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eligibility.draws.met import rounds_met
from eligibility.draws.table import bundled_table

CEC = "express-entry/cec"
TABLE = bundled_table()
# Hand-read from the snapshot (shared/data/ee-rounds/draws.json): the CEC rounds of 2026, newest first,
# with their lowest scores; #443 of 2026-09-15 (519, tie-break March 26, 2026 at 00:16:39 UTC).
CEC_2026 = [("443", 519), ("439", 521), ("436", 523), ("432", 516), ("428", 516), ("424", 517), ("420", 516)]


def _types(score: int | tuple[int, int], eligible: list[str], nominated: bool | None, day: str,
           **kw: object) -> dict[str, list[tuple[str, int, str]]]:
    m = rounds_met(score, eligible, nominated, day, table=TABLE, **kw)  # type: ignore[arg-type]
    return {t.type: [(r.round.number, r.round.lowest_score, r.meets) for r in t.rounds] for t in m.types}


def test_the_last_six_cec_rounds_with_a_round_on_the_day() -> None:
    """On 2026-09-15 the round held that day (#443) is the newest; only the last 6 are kept."""
    got = _types(600, [CEC], False, "2026-09-15")[CEC]
    assert [(n, s) for n, s, _ in got] == CEC_2026[:6]
    got = _types(600, [CEC], False, "2026-09-14")[CEC]
    assert [(n, s) for n, s, _ in got] == CEC_2026[1:7]


@pytest.mark.parametrize(("score", "meets"), [(520, "yes"), (519, "maybe"), (518, "no"), ((518, 519), "maybe"),
                                               ((519, 530), "maybe"), ((520, 530), "yes"), ((400, 518), "no")])
def test_a_score_meets_a_cutoff_above_it_and_maybe_at_it(score: int | tuple[int, int], meets: str) -> None:
    """Against #443 (lowest 519): 520 yes, 519 maybe (tie-break), 518 no; a range is maybe when it reaches 519."""
    assert _types(score, [CEC], False, "2026-09-15", last=1)[CEC] == [("443", 519, meets)]


def test_a_tie_names_the_tie_break_time() -> None:
    """At exactly the lowest score, the explanation says the profile had to be submitted before the tie-break."""
    m = rounds_met(519, [CEC], False, "2026-09-15", last=1, table=TABLE)
    assert m.types[1].rounds[0].explanation == ("519 equals the lowest score invited: invited only if the profile "
                                                "was submitted before the tie-break time 2026-03-26 00:16:39 UTC")


def test_twelve_months_back_is_inclusive_of_the_same_day() -> None:
    """Healthcare #385 of 2025-12-11 is within 12 months of 2026-12-11, not of 2026-12-12."""
    on = _types(480, ["category/healthcare"], False, "2026-12-11")["category/healthcare"]
    after = _types(480, ["category/healthcare"], False, "2026-12-12")["category/healthcare"]
    assert [n for n, _, _ in on] == ["441", "422", "398", "385"]
    assert [n for n, _, _ in after] == ["441", "422", "398"]


def test_open_round_types_follow_eligibility() -> None:
    """CEC opens general and CEC rounds; a category needs that category; PNP rounds need a nomination."""
    assert list(_types(480, [CEC], False, "2026-09-16")) == ["general", CEC]
    assert list(_types(480, [CEC], True, "2026-09-16")) == ["general", CEC, "provincial-nominee"]
    assert list(_types(480, ["express-entry/fsw", "category/french"], None, "2026-09-16")) == [
        "general", "express-entry/fsw", "provincial-nominee", "category/french"]
    assert list(_types(480, ["category/french"], True, "2026-09-16")) == ["category/french"]
    assert list(_types(480, [], True, "2026-09-16")) == []


def test_unknown_nomination_and_undetermined_programs_are_marked_undetermined() -> None:
    """An unknown nomination or an undetermined program opens its rounds as 'undetermined', with the reason."""
    m = rounds_met(480, ["express-entry/fsw"], None, "2026-09-16", undetermined=["category/stem"], table=TABLE)
    opened = {t.type: (t.open, t.reason) for t in m.types}
    assert opened["provincial-nominee"] == ("undetermined", "whether there is a provincial nomination is unknown")
    assert opened["category/stem"] == ("undetermined", "category/stem is undetermined")
    assert opened["general"] == ("eligible", "eligible for an Express Entry program")


def test_types_without_recent_rounds_say_when_the_last_was() -> None:
    """No general round in the 12 months to 2026-09-16: the type is listed empty with its last round, 2024-04-23."""
    m = rounds_met(480, [CEC], False, "2026-09-16", table=TABLE)
    general = m.types[0]
    assert (general.type, general.rounds, general.last_round) == ("general", (), dt.date(2024, 4, 23))


def test_data_ending_before_the_date_is_said_plainly() -> None:
    """After 2026-09-16 a note says the rounds are known up to 2026-09-16; on that day it does not."""
    later = rounds_met(480, [CEC], False, "2026-09-17", table=TABLE)
    same = rounds_met(480, [CEC], False, "2026-09-16", table=TABLE)
    assert later.notes[0].startswith("rounds known up to 2026-09-16; ")
    assert not any(n.startswith("rounds known") for n in same.notes)
    assert later.data()["known_until"] == "2026-09-16"


def test_a_crs_like_result_is_accepted() -> None:
    """Anything with low and high (a CRS result) is a score range."""

    class Score:
        low, high = 516, 517

    got = _types(Score(), [CEC], False, "2026-09-15", last=6)  # type: ignore[arg-type]
    assert [m for _, _, m in got[CEC]] == ["no", "no", "no", "maybe", "maybe", "maybe"]


def test_a_profiles_nomination_counts_from_the_day_it_was_issued() -> None:
    """A nomination issued 2026-09-14 opens PNP rounds on that day, not the day before; null none; absent unknown."""
    from attrs import evolve

    from eligibility.draws.person import nominated_on, rounds_for
    from eligibility.profile.load import load_profile
    from eligibility.profile.model import Nomination
    from eligibility.unknown import UNKNOWN

    ayesha = load_profile(Path(__file__).resolve().parents[1] / "profiles" / "ayesha-software-engineer.yaml")
    nominated = evolve(ayesha, provincial_nomination=Nomination("ON", dt.date(2026, 9, 14)))
    assert nominated_on(nominated, dt.date(2026, 9, 14)) is True
    assert nominated_on(nominated, dt.date(2026, 9, 13)) is False
    assert nominated_on(ayesha, dt.date(2026, 9, 14)) is False
    assert nominated_on(evolve(ayesha, provincial_nomination=UNKNOWN), dt.date(2026, 9, 14)) is None
    verdicts = {"express-entry/fsw": "eligible", "category/stem": "undetermined", "category/french": "not_eligible"}
    m = rounds_for(nominated, verdicts, 734, 734, dt.date(2026, 9, 14))
    assert [(t.type, t.open) for t in m.types] == [("general", "eligible"), ("express-entry/fsw", "eligible"),
                                                    ("provincial-nominee", "eligible"),
                                                    ("category/stem", "undetermined")]
    pnp = m.types[2].rounds[0]
    assert (pnp.round.number, pnp.round.lowest_score, pnp.meets) == ("442", 734, "maybe")
