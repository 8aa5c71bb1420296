"""The rows of a work table classified under a count's rules and window, the same for every condition with them,
and the evidence items that explain them (made once per table, shared by the conditions that say the same)."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from eligibility.measure.cache import IdentityCache
from eligibility.measure.occupations import describe_occupations, split_codes
from eligibility.measure.work_rows import (
    DAYS,
    NO_PROVINCE,
    Item,
    Rules,
    WorkRow,
    WorkTable,
    ended_early,
    excluded_because,
)
from eligibility.rulebook.model import Exclusion, Location, Occupations
from eligibility.work import Counted, Part, tenths

NOT_PART = "not part of the best occupation or run"
NO_CODE = "no NOC code: it may or may not count"


class Classified:
    """A table's rows under one count's rules and window, the same for every condition with them: why each row is
    left out whatever the occupation (excluded, outside the window) or None, the rows inside the window by NOC
    code with their part in it, and what the conditions work out from those (hours per code, evidence items)."""

    __slots__ = ("at", "coded", "first", "fixed", "groups", "last", "left", "memo")

    def __init__(self, first: dt.date, last: dt.date, left: dict[str, list[int]],
                 groups: dict[str | None, list[tuple[WorkRow, Part]]], coded: list[tuple[WorkRow, Part]]) -> None:
        self.first = first
        self.last = last
        #: The positions of the rows left out whatever the occupation, by reason.
        self.left = left
        #: The rows inside the window by NOC code (None: no code), each in the table's order.
        self.groups = groups
        #: The rows inside the window with a NOC code, in the table's order.
        self.coded = coded
        #: What conditions work out from the rows, by what and of which code (``best``, ``code_items``).
        self.memo: dict[tuple[Any, ...], Any] = {}
        #: Built on first explanation: each row's item left out whatever the occupation (or None), and those
        #: items alone.
        self.fixed: tuple[list[Item | None], list[Item]] | None = None
        #: The positions of each code's rows, made on first read (a dozen conditions place the rows of codes they
        #: do not select, most of them the same codes).
        self.at: dict[str | None, list[int]] = {}

    def rows_of(self, codes: list[str], others: list[str]) -> list[tuple[WorkRow, Part]]:
        """The rows of ``codes`` in the table's order (``others`` are the remaining codes; read, do not change)."""
        if not others:
            return self.coded
        if len(codes) == 1:
            return self.groups[codes[0]]
        if not codes:
            return []
        chosen = set(codes)
        return [pair for pair in self.coded if pair[0].noc in chosen]

    def best(self, table: WorkTable, code: str, continuous: bool) -> Counted:
        """The count of the rows of ``code`` (their best continuous run when ``continuous``)."""
        key = (code, continuous)
        found: Counted | None = self.memo.get(key)
        if found is None:
            found = self.memo[key] = table.count([part for _, part in self.groups[code]], continuous)
        return found

    def code_items(self, table: WorkTable, code: str, continuous: bool | None,
                   per_unit: int) -> tuple[list[int], list[Item]]:
        """The positions of the rows of ``code`` and their items: counted (its best run when ``continuous``) or not
        part of it, when ``code`` is the best occupation; all not part of it when ``continuous`` is None (lists
        kept with the rows: read them, do not change them)."""
        key = ("items", code, continuous)
        found: tuple[list[int], list[Item]] | None = self.memo.get(key)
        if found is None:
            at = self.at.get(code)
            if at is None:
                at = self.at[code] = [row.position for row, _ in self.groups[code]]
            if continuous is None:
                # The rows' items not part of the best, placed as the rows left out are (no call per row).
                slots = table.slots(NOT_PART)
                table.place(NOT_PART, at, slots)
                items: list[Item] = list(map(slots.__getitem__, at))  # type: ignore[arg-type]  # every one placed
            else:
                _, parts, shares = self.best(table, code, continuous)
                items = counted_items(table, self.groups[code], parts, shares, self.first, self.last, per_unit)
            found = self.memo[key] = (at, items)
        return found

    def left_out(self, table: WorkTable, others: list[str], occupations: Occupations) -> list[Item]:
        """The items of the rows left out, in the table's order: by the rules and window, and (``others``) for
        a NOC code the occupations do not select (a list the classification may share: do not change it)."""
        if self.fixed is None:
            aligned: list[Item | None] = [None] * len(table.rows)
            for reason, positions in self.left.items():
                table.place(reason, positions, aligned)
            self.fixed = (aligned, list(filter(None, aligned)))  # items are never empty
        aligned, fixed = self.fixed
        if not others:
            return fixed
        reasons = _REASONS.get(occupations, _no_reasons)
        items = list(aligned)
        for code in others:
            why = reasons.get(code)
            if why is None:
                if len(reasons) >= REASONS_KEPT:
                    reasons.clear()
                why = reasons[code] = not_among(code, describe_occupations(occupations))
            at = self.at.get(code)
            if at is None:
                at = self.at[code] = [row.position for row, _ in self.groups[code]]
            table.place(why, at, items)
        return list(filter(None, items))


def _no_reasons(_: Occupations) -> dict[str, str]:
    return {}


#: Per selector: why a row of each NOC code it does not select is left out (``not_among``), the same text for every
#: profile; a dozen conditions word every job left out, each with its own selector.
_REASONS: IdentityCache[Occupations, dict[str, str]] = IdentityCache()
#: Codes kept per selector before they are forgotten (a bound on memory).
REASONS_KEPT = 1024


#: ``counted_items``' ``parts`` when every row is counted (a count of all of them on a table where no two jobs share
#: a day: ``measure.work``): no part is looked up.
EVERY: list[Part] = []

#: Whether the shortcuts of a table where no two jobs share a day are taken (``counted_items``, ``measure.work``):
#: tests/test_jobs10_disjoint.py turns them off to hold them to the general way.
DISJOINT = True


def counted_items(table: WorkTable, rows: Sequence[tuple[WorkRow, Part]], parts: Sequence[Part],
                  shares: dict[int, int | Fraction], first: dt.date, last: dt.date,
                  per_unit: int) -> list[Item]:
    """Each row's item: its share when its part is among ``parts`` (every row when ``parts`` is ``EVERY``), else not
    part of them."""
    if DISJOINT and table.disjoint:
        return _disjoint_items(table, rows, parts, first, last, per_unit)
    credited = {part[0]: part for part in parts}
    found: list[Item] = []
    items = table.counted
    for row, _ in rows:
        part = credited.get(row.index)
        if part is None:
            found.append(table.item(NOT_PART, row))
            continue
        share = shares[part[0]]
        key = (row.position, part[1], part[2], share)
        item = items.get(key)
        if item is None:
            item = items[key] = _counted_item(row, part, share, first, last, per_unit)
        found.append(item)
    return found


def _disjoint_items(table: WorkTable, rows: Sequence[tuple[WorkRow, Part]], parts: Sequence[Part], first: dt.date,
                    last: dt.date, per_unit: int) -> list[Item]:
    """``counted_items`` on a table where no two jobs share a day: a part's share is its own days' hours up to the
    cap (what ``work.disjoint_count`` gives it), and a job counted whole has one item for every count (kept on its
    row, no key made)."""
    credited = None if parts is EVERY else {part[0]: part for part in parts}
    cap = table.cap_units
    found: list[Item] = []
    for row, part in rows:
        if credited is not None:
            got = credited.get(row.index)
            if got is None:
                found.append(table.item(NOT_PART, row))
                continue
            part = got
        if part is row.part:
            item = row.whole
            if item is None:
                # ``_counted_item`` of the whole job, written out (a call per item cost a fifth of making it).
                weekly = row.weekly
                share = (weekly if weekly < cap else cap) * (row.last - row.first + 1) if weekly > 0 else 0
                item = row.whole = _copy(row.base)
                item["from"] = DAYS[row.first]
                item["to"] = DAYS[row.last]
                # ``work.tenths(share, per_unit)``, written out.
                tenth, rest = divmod(share * 10, per_unit)
                item["hours"] = round(share / per_unit, 1) if 2 * rest == per_unit or share >= 1 << 48 else (
                    tenth + 1 if 2 * rest > per_unit else tenth) / 10
                item["counted"] = True
        else:
            _, start, end, weekly = part
            share = (weekly if weekly < cap else cap) * (end - start + 1) if weekly > 0 else 0
            key = (row.position, start, end, share)
            item = table.counted.get(key)
            if item is None:
                item = table.counted[key] = _counted_item(row, part, share, first, last, per_unit)
        found.append(item)
    return found


def _counted_item(row: WorkRow, part: Part, share: int | Fraction, first: dt.date, last: dt.date,
                  per_unit: int) -> Item:
    """The evidence item of ``row`` counted for ``part`` of it, credited ``share`` (in 1 / ``per_unit`` hours)."""
    # A part's first and last days (its job's or the window's), as ordinals: their texts from the table of days.
    start = DAYS[part[1]]
    end = DAYS[part[2]]
    # The share's hours rounded from its two integers, as ``round(float(share / per_unit), 1)`` is.
    hours = tenths(share, per_unit) if type(share) is int else tenths(share.numerator, share.denominator * per_unit)
    # The row's fixed part copied, then the count's (a copy of a dict is cheaper than a new one).
    item = _copy(row.base)
    item["from"] = start
    item["to"] = end
    item["hours"] = hours
    item["counted"] = True
    return item


_copy = dict.copy


def classify(table: WorkTable, first: dt.date, last: dt.date, location: Location, exclude: tuple[Exclusion, ...],
             provinces: tuple[str, ...] | None, lifted: Occupations | None = None) -> Classified:
    """The table's rows under these rules and window (worked out once per table); ``lifted`` as in
    ``exclusions``."""
    key = (location, exclude, provinces, first, last) if lifted is None else (location, exclude, provinces, first,
                                                                              last, lifted)
    kept: Classified | None = table.classified.get(key)
    if kept is not None:
        return kept
    excluded = exclusions(table, (location, exclude, provinces), lifted)
    inside, outside = window_rows(table, first, last)
    reasons, at = excluded
    unsure = at.get(NO_PROVINCE)
    if unsure:
        # Rows in Canada whose province is not given, under rules that ask one: kept, grouped with the rows without
        # a code (counted high only), and not listed as left out.
        at = {reason: positions for reason, positions in at.items() if reason != NO_PROVINCE}
        excluded = (reasons, at)
        inside = [pair for pair in inside if reasons[pair[0].position] in (None, NO_PROVINCE)]
        outside = [pos for pos in outside if reasons[pos] in (None, NO_PROVINCE)]
        groups, coded = _grouped(inside, frozenset(unsure))
    elif at:
        inside = [pair for pair in inside if reasons[pair[0].position] is None]
        outside = [pos for pos in outside if reasons[pos] is None]
        groups, coded = _grouped(inside)
    else:
        # Rules that exclude no row of the table: the window's rows as they are, grouped once per window and
        # shared by every such classification (read, never changed).
        window = table.grouped.get((first, last))
        if window is None:
            window = table.grouped[first, last] = _grouped(inside)
        groups, coded = window
    # A row the rules exclude says so (inside the window or not); one outside the window, that it is.
    left = {**excluded[1], outside_window(first, last): outside} if outside else excluded[1]
    found = table.classified[key] = Classified(first, last, left, groups, coded)
    return found


def _grouped(inside: list[tuple[WorkRow, Part]], unsure: frozenset[int] = frozenset(),
             ) -> tuple[dict[str | None, list[tuple[WorkRow, Part]]], list[tuple[WorkRow, Part]]]:
    """The rows by NOC code (None: no code, or one of the ``unsure`` positions, which may or may not count), and
    those grouped by a code, each in the table's order."""
    if unsure:
        groups_: dict[str | None, list[tuple[WorkRow, Part]]] = {}
        for pair in inside:
            groups_.setdefault(None if pair[0].position in unsure else pair[0].noc, []).append(pair)
        return groups_, [pair for pair in inside if pair[0].noc is not None and pair[0].position not in unsure]
    groups: dict[str | None, list[tuple[WorkRow, Part]]] = {}
    for pair in inside:
        noc = pair[0].noc
        group = groups.get(noc)
        if group is None:
            groups[noc] = [pair]
        else:
            group.append(pair)
    # Most histories give every job a code: then the rows with one are the rows inside, a list shared with them.
    return groups, [pair for pair in inside if pair[0].noc is not None] if None in groups else inside


def exclusions(table: WorkTable, rules: Rules,
               lifted: Occupations | None = None) -> tuple[tuple[str | None, ...], dict[str, list[int]]]:
    """Why each row of the table is excluded by these rules (None: it is not), and the positions of the rows
    excluded by reason (worked out once per table and rules). ``lifted``: the occupations whose publicly funded
    self-employment counts all the same."""
    key: tuple[Any, ...] = rules if lifted is None else (*rules, lifted)
    excluded = table.excluded.get(key)
    if excluded is None:
        location, exclude, provinces = rules
        at: dict[str, list[int]] = {}
        # Rows alike in what the rules read (most of a history) share one answer.
        by_kind = [excluded_because(entry, location, exclude, provinces, ended=kind[-1])
                   for kind, entry in table.kinds.items()]
        if any(by_kind):  # a reason is never empty text
            found = list(map(by_kind.__getitem__, table.kind_ids))
            if lifted is not None and "self-employed" in by_kind:
                # Whether self-employment is lifted turns on the job's occupation, which its kind leaves out:
                # those rows alone (the checks before self-employment have passed for them).
                for pos, why in enumerate(found):
                    if why == "self-employed":
                        found[pos] = excluded_because(table.rows[pos].entry, location, exclude, provinces, lifted,
                                                      ended=ended_early(table.rows[pos]))
                reasons = tuple(found)
                # Each reason's rows in the table's order, the reasons in the order of their first row.
                for reason in dict.fromkeys([r for r in found if r is not None]):
                    at[reason] = [pos for pos, why in enumerate(reasons) if why == reason]
            else:
                reasons = tuple(found)
                # Each reason's rows, those of the kinds it leaves out, in the table's order; the reasons in the order
                # of their first row (kinds are numbered in the order of their first row).
                for place, named in enumerate(by_kind):
                    if named is not None:
                        kept = at.get(named)
                        at[named] = list(table.kind_rows[place]) if kept is None else sorted(
                            kept + table.kind_rows[place])
        else:
            reasons = (None,) * len(table.rows)
        excluded = table.excluded[key] = (reasons, at)
    return excluded


def outside_window(first: dt.date, last: dt.date) -> str:
    """Why a row outside the window [first, last] is left out."""
    return f"outside the window {first} to {last}"


def not_among(code: str, described: str) -> str:
    """Why a row of NOC ``code`` is left out by occupations ``described`` (``describe_occupations``)."""
    return f"NOC {code} is not among {described}"


def window_rows(table: WorkTable, first: dt.date, last: dt.date) -> tuple[list[tuple[WorkRow, Part]], list[int]]:
    """The rows inside the window with their part in it, and the positions of those outside (once per window)."""
    key = (first, last)
    found = table.windows.get(key)
    if found is None:
        low, high = first.toordinal(), last.toordinal()
        if DISJOINT and table.direction and low <= high:
            found = table.windows[key] = _run_rows(table, low, high)
            return found
        inside: list[tuple[WorkRow, Part]] = []
        outside: list[int] = []
        if low > high:
            outside = [row.position for row in table.rows]
        for pair in table.pairs if low <= high else ():
            row = pair[0]
            start, end = row.first, row.last
            if end < low or start > high:
                outside.append(row.position)
            elif start >= low and end <= high:
                inside.append(pair)
            else:
                inside.append((row, (row.index, start if start > low else low, end if end < high else high,
                                     row.weekly)))
        found = table.windows[key] = (inside, outside)
    return found


def _run_rows(table: WorkTable, low: int, high: int) -> tuple[list[tuple[WorkRow, Part]], list[int]]:
    """``window_rows`` of the days ``low`` to ``high`` (ordinals) on a table where no two jobs share a day, listed in
    the order of their days: the rows inside are a run of the table's rows, found by bisection, and only the two at
    its ends may reach past the window."""
    firsts, lasts = table.days
    if table.direction > 0:
        start, stop = bisect_left(lasts, low), bisect_right(firsts, high)  # last >= low, first <= high
    else:
        start, stop = bisect_left(firsts, -high), bisect_right(lasts, -low)
    count = len(table.rows)
    if start >= stop:
        return [], list(range(count))
    inside = table.pairs[start:stop]
    for at in (0, -1):
        row = inside[at][0]
        if row.first < low or row.last > high:
            inside[at] = (row, (row.index, row.first if row.first > low else low, row.last if row.last < high else high,
                                row.weekly))
    return inside, [*range(start), *range(stop, count)]


#: The rows that count, those that might, and the evidence items of those left out (lists a table may share
#: between calls: read them, do not change them).
Selected = tuple[list[tuple[WorkRow, Part]], list[tuple[WorkRow, Part]], Sequence[Item]]


def select_rows(table: WorkTable, occupations: Occupations, first: dt.date, last: dt.date, location: Location,
                exclude: tuple[Exclusion, ...], provinces: tuple[str, ...] | None = None,
                explain: bool = True, lifted: Occupations | None = None) -> Selected:
    """The jobs of a work table that count in a window (certain), those that might (no NOC code), and (when
    ``explain``) the evidence items of the ones left out, with the reason."""
    found = classify(table, first, last, location, exclude, provinces, lifted)
    codes, others = split_codes(occupations, found.groups)
    certain = found.rows_of(codes, others)
    uncertain = found.groups.get(None) or []
    return certain, uncertain, found.left_out(table, others, occupations) if explain else []
