"""A round of invitations and a table of them, with where the table came from."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from attrs import field, frozen

from eligibility.record import Record

Origin = Literal["bundled", "cache"]
#: The highest CRS score there is: a round's lowest score above it is a misreading.
MAX_SCORE = 1200


@frozen
class Round(Record):
    """One Express Entry round of invitations, as IRCC published it.

    ``type`` is the round type (see ``eligibility.draws.kinds``); ``lowest_score`` is the CRS score
    of the lowest-ranked candidate invited; ``tie_break`` is the time before which a candidate with
    exactly that score must have submitted the profile to be invited (UTC; None when not published).
    """

    number: str
    date: dt.date
    name: str
    type: str
    invitations: int
    lowest_score: int
    tie_break: dt.datetime | None = None

    def data(self) -> dict[str, Any]:
        """The round as the compact table writes it."""
        return {"number": self.number, "date": self.date.isoformat(), "name": self.name, "type": self.type,
                "invitations": self.invitations, "lowest_score": self.lowest_score,
                "tie_break": iso_utc(self.tie_break) if self.tie_break else None}


@frozen
class RoundsTable(Record):
    """Rounds in date order (oldest first), with the feed they came from and when it was fetched."""

    rounds: tuple[Round, ...]
    source: str
    fetched: dt.datetime
    origin: Origin = "bundled"
    path: str = ""
    #: The rounds of each type, oldest first: built once, so that comparing many scores stays cheap.
    by_type: dict[str, tuple[Round, ...]] = field(init=False, eq=False, repr=False)

    @by_type.default
    def _index(self) -> dict[str, tuple[Round, ...]]:
        out: dict[str, list[Round]] = {}
        for r in self.rounds:
            out.setdefault(r.type, []).append(r)
        return {k: tuple(v) for k, v in out.items()}

    @property
    def last_round(self) -> dt.date:
        """The date of the latest round in the table."""
        return self.rounds[-1].date

    def past_data(self) -> str:
        """The line said of a day or period after the last known round."""
        return (f"rounds known up to {self.last_round}; rounds after that date are not in this data "
                f"(eligibility draws update fetches them)")

    def describe(self) -> str:
        """Which data this is and how far it goes, in one line."""
        what = "bundled table" if self.origin == "bundled" else f"cached IRCC feed ({self.path})"
        return (f"rounds: {what}, fetched {self.fetched.date()}, {len(self.rounds)} rounds; "
                f"rounds known up to {self.last_round}")

    def info(self) -> dict[str, Any]:
        """Where the data came from, as JSON-ready data."""
        return {"origin": self.origin, "path": self.path, "source": self.source, "fetched": iso_utc(self.fetched),
                "rounds": len(self.rounds), "known_until": self.last_round.isoformat()}

    def data(self) -> dict[str, Any]:
        """The whole table as its JSON file holds it."""
        return {"format": TABLE_FORMAT, "source": self.source, "fetched": iso_utc(self.fetched),
                "rounds": [r.data() for r in self.rounds]}


TABLE_FORMAT = "eligibility-rounds/1"


def iso_utc(moment: dt.datetime) -> str:
    """'2026-09-01T23:05:13Z'."""
    return moment.astimezone(dt.UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def sort_key(r: Round) -> tuple[dt.date, int, str]:
    """Rounds by date, then by number ("91a" before "91b")."""
    digits = "".join(ch for ch in r.number if ch.isdigit())
    return r.date, int(digits or 0), r.number
