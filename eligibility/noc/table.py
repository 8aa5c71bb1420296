"""The NOC 2021 table shipped with the package: unit groups, group titles and the 2016 concordance.

Only facts of the classification live here (codes, titles, TEER, hierarchy, example titles).
Lead statements and main duties are read at run time by `eligibility.noc.elements`.

The example titles (nine tenths of the text) are a file of their own, read on first use: every profile read
looks its codes up in the table, and only title search and ``noc show`` read the examples.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from pathlib import Path
from typing import Any

import orjson
from attrs import frozen

from eligibility.errors import UsageError
from eligibility.record import Record
from eligibility.suggest import did_you_mean_any

NOC_2021_LEVELS = {
    1: "broad category",
    2: "major group",
    3: "sub-major group",
    4: "minor group",
    5: "unit group",
}
_CODE_2021 = re.compile(r"\d{5}")
_CODE_2016 = re.compile(r"\d{4}")


@frozen
class UnitGroup(Record):
    """A NOC 2021 unit group: its 5-digit code, class title, TEER and parent groups (and its example titles)."""

    code: str
    title: str
    teer: int
    broad: str
    major: str
    sub_major: str
    minor: str

    @property
    def example_titles(self) -> tuple[str, ...]:
        """The unit group's example titles, in the classification's order (the packaged file, read once)."""
        return example_titles().get(self.code, ())


@frozen
class ConcordanceRow(Record):
    """One row of StatCan's NOC 2016 V1.3 -> NOC 2021 V1.0 concordance, with its GSIM type of change."""

    noc2016: str
    noc2016_title: str
    change: str
    noc2021: str
    noc2021_title: str


class NocTable:
    """Look-ups over the packaged NOC 2021 table; build it with `noc_table()`, which caches it."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._groups: dict[str, str] = dict(data["groups"])
        # Each unit group is made on first use (a profile read looks up a few of its 516), once.
        self._rows: dict[str, dict[str, Any]] = {u["code"]: u for u in data["unit_groups"]}
        self._units: dict[str, UnitGroup] = {}
        self._concordance: list[list[str]] = data["concordance"]
        self.sources: tuple[tuple[str, str], ...] = tuple((s["file"], s["sha256"]) for s in data["sources"])
        self.attribution: str = data["attribution"]

    def _unit(self, code: str) -> UnitGroup | None:
        """The unit group with this exact code, made once, or None."""
        unit = self._units.get(code)
        if unit is None:
            row = self._rows.get(code)
            if row is None:
                return None
            unit = self._units[code] = UnitGroup(code=row["code"], title=row["title"], teer=row["teer"],
                                                 broad=row["broad"], major=row["major"],
                                                 sub_major=row["sub_major"], minor=row["minor"])
        return unit

    @cached_property
    def _ordered(self) -> tuple[UnitGroup, ...]:
        return tuple(unit for code in sorted(self._rows) if (unit := self._unit(code)) is not None)

    @cached_property
    def _from_2016(self) -> dict[str, list[ConcordanceRow]]:
        """The concordance rows by NOC 2016 code, built on first use (only conversions read them)."""
        out: dict[str, list[ConcordanceRow]] = {}
        for noc2016, title2016, change, noc2021 in self._concordance:
            row = ConcordanceRow(noc2016, title2016, change, noc2021, self._rows[noc2021]["title"])
            out.setdefault(noc2016, []).append(row)
        return out

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._rows

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, code: str) -> UnitGroup | None:
        """The unit group with this 5-digit code, or None."""
        return self._unit(code.strip())

    def unit_groups(self) -> tuple[UnitGroup, ...]:
        """All 516 unit groups in code order."""
        return self._ordered

    def group_title(self, code: str) -> str | None:
        """The title of a group code of any level (1 to 5 digits), or None if there is no such group."""
        code = code.strip()
        row = self._rows.get(code)
        return str(row["title"]) if row else self._groups.get(code)

    def suggest(self, code: str, limit: int = 3, successors: bool = False) -> list[str]:
        """Up to `limit` unit-group codes close to a wrong code: typos, swapped digits or a shared prefix. With
        ``successors`` (where a person writes a code: a profile, the command line, the HTTP service), a NOC 2016
        code (4 digits) gets its NOC 2021 successors in the concordance instead (all of them), since the codes
        that look like it are other occupations (6322 Cooks is 63200, not 63220 Shoe repairers)."""
        digits = "".join(ch for ch in code if ch.isdigit())[:6]
        if not digits:
            return []
        if successors and len(digits) == 4 and digits == code.strip():
            found_2016 = list(dict.fromkeys(row.noc2021 for row in self.from_2016(digits)))
            if found_2016:
                return found_2016
        from rapidfuzz import process  # only for suggestions: not imported by every start
        from rapidfuzz.distance import OSA

        found = process.extract(digits, list(self._rows), scorer=OSA.distance, score_cutoff=2, limit=None)

        def closeness(item: tuple[str, float, int]) -> tuple[float, bool, int, str]:
            # Prefer fewer edits, then two swapped digits (the commonest slip), then codes sharing
            # the longest leading part (the same minor group).
            candidate, distance, _ = item
            swapped = sorted(candidate) == sorted(digits)
            shared = next((i for i, (a, b) in enumerate(zip(candidate, digits, strict=False)) if a != b), 5)
            return distance, not swapped, -shared, candidate

        ranked = [c for c, _, _ in sorted(found, key=closeness)]
        if not ranked and len(digits) >= 2:
            ranked = [c for c in self._rows if c.startswith(digits[: min(4, len(digits))])]
        return ranked[:limit]

    def require(self, code: str) -> UnitGroup:
        """The unit group with this code; UsageError with a "did you mean" when malformed or unknown."""
        clean = code.strip()
        if not _CODE_2021.fullmatch(clean):
            hint = ""
            if clean in self._groups:
                level = NOC_2021_LEVELS[len(clean)]
                hint += f"; {clean} is a NOC 2021 {level} ({self._groups[clean]}), not a unit group"
            if _CODE_2016.fullmatch(clean) and clean in self._from_2016:
                hint += f"; as a NOC 2016 code, try `eligibility noc convert {clean}`"
            if not hint and sum(ch.isdigit() for ch in clean) >= 4:
                hint = did_you_mean_any(self.suggest(clean))
            raise UsageError(f"malformed NOC 2021 code {code!r}: a unit group code has 5 digits{hint}")
        unit = self._unit(clean)
        if unit is None:
            raise UsageError(f"unknown NOC 2021 unit group {clean}{did_you_mean_any(self.suggest(clean))}")
        return unit

    def from_2016(self, code: str) -> tuple[ConcordanceRow, ...]:
        """Concordance rows for a 4-digit NOC 2016 code (spaces stripped); empty if NOC 2016 has no such code.

        Raises UsageError when the code is not exactly 4 digits, since "213" and "0213" differ in NOC 2016.
        """
        clean = code.strip()
        if not _CODE_2016.fullmatch(clean):
            raise UsageError(
                f"malformed NOC 2016 code {code!r}: NOC 2016 codes have exactly 4 digits, e.g. 0213"
            )
        return tuple(self._from_2016.get(clean, ()))

    def codes_2016(self) -> tuple[str, ...]:
        """Every NOC 2016 V1.3 code in the concordance, sorted."""
        return tuple(sorted(self._from_2016))


def _data_file(name: str) -> bytes:
    # The package's data folder, as importlib.resources.files("eligibility") gives it, without importing zipfile.
    return (Path(__file__).resolve().parents[1] / "data" / name).read_bytes()


@cache
def noc_table() -> NocTable:
    """The packaged NOC 2021 table, loaded once per process."""
    # orjson reads the table about twice as fast as the standard library (same values).
    return NocTable(orjson.loads(_data_file("noc2021.json")))


@cache
def example_titles() -> dict[str, tuple[str, ...]]:
    """The example titles of every unit group by code, from the packaged file, read once per process."""
    return {code: tuple(titles) for code, titles in orjson.loads(_data_file("noc2021_examples.json")).items()}
