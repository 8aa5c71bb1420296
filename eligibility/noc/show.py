"""What `noc show` reports about a unit group: title, TEER and its meaning, hierarchy, examples, prose.

The result is plain data. Other parts of the project append their own sections (for example, what
the code opens in immigration programs) with `attrs.evolve(result, sections=...)`; the renderer
prints them after the NOC's own content.
"""

from __future__ import annotations

from pathlib import Path

from attrs import frozen

from eligibility.noc.elements import ENV_VAR, MainDuty, NocText, load_noc_text, missing_data_message
from eligibility.noc.table import NOC_2021_LEVELS, noc_table
from eligibility.record import Record

# Our own short wording of StatCan's TEER categories (NOC 2021 "TEER" definitions).
TEER_MEANINGS: dict[int, str] = {
    0: "Management occupations",
    1: "Usually a university degree (bachelor's, master's or doctorate)",
    2: "Usually a college diploma of two or three years or an apprenticeship of two to five years, "
    "or supervisory or significant safety responsibilities",
    3: "Usually a college diploma of less than two years, an apprenticeship of less than two years, "
    "or more than six months of on-the-job training",
    4: "Usually a secondary school diploma, or several weeks of on-the-job training",
    5: "Usually a short work demonstration and no formal education",
}


@frozen
class GroupRef(Record):
    """A group of the NOC hierarchy above a unit group."""

    level: str
    code: str
    title: str


@frozen
class Section(Record):
    """An extra titled block of lines appended to a `show` result by another part of the project."""

    heading: str
    lines: tuple[str, ...]


@frozen
class ShowResult(Record):
    """Everything `noc show` prints for one unit group; `prose_note` says why prose is absent, if it is."""

    code: str
    title: str
    teer: int
    teer_meaning: str
    hierarchy: tuple[GroupRef, ...]
    example_titles: tuple[str, ...]
    lead_statement: str | None = None
    main_duties: tuple[MainDuty, ...] = ()
    prose_sources: tuple[str, ...] = ()
    prose_note: str | None = None
    sections: tuple[Section, ...] = ()


def show_unit_group(code: str, noc_data: str | Path | None = None, text: NocText | None = None) -> ShowResult:
    """The `show` result for a 5-digit code, with prose from `text`, `noc_data` or $ELIGIBILITY_NOC_DATA.

    Without any of these the result carries a one-line note on where to get the prose; a path that is
    given but unusable raises UsageError.
    """
    import os

    table = noc_table()
    unit = table.require(code)
    hierarchy = tuple(
        GroupRef(NOC_2021_LEVELS[len(c)], c, table.group_title(c) or "")
        for c in (unit.broad, unit.major, unit.sub_major, unit.minor)
    )
    if text is None and (noc_data is not None or os.environ.get(ENV_VAR, "").strip()):
        text = load_noc_text(noc_data)
    prose = text.get(unit.code) if text is not None else None
    note = None
    if text is None:
        note = missing_data_message("the lead statement and main duties")
    elif prose is None:
        note = f"the NOC files given ({', '.join(text.sources)}) have no prose for {unit.code}"
    return ShowResult(
        code=unit.code,
        title=unit.title,
        teer=unit.teer,
        teer_meaning=TEER_MEANINGS[unit.teer],
        hierarchy=hierarchy,
        example_titles=unit.example_titles,
        lead_statement=prose.lead_statement if prose else None,
        main_duties=prose.main_duties if prose else (),
        prose_sources=text.sources if text is not None else (),
        prose_note=note,
    )
