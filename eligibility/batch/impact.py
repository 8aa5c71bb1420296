"""The impact of a rule change on a population: who changes verdict between two dates, which way, and why.

Each profile is evaluated on both dates (``eligibility diff``); every program whose verdict changes is
counted under its direction and its cause, grouped so that a reader sees the rule behind the numbers:
a new version of the program (with what its ``changes`` say, such as an occupation dropped from a list),
a funds table, another program's verdict, or the passage of time for the person (a test or ECA that
stops counting, a birthday, work leaving a window, hours reached).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from attrs import define, field

from eligibility.batch.rows import Row
from eligibility.diff import TABLE_CAUSE, ProgramChange
from eligibility.errors import EligibilityError
from eligibility.rulebook.library import Library

#: Words in a plan's cause that name what passed with time, and the group each gives.
#: What passed with time, by the words of the plan's cause (searched in this order; each pattern matches whole
#: words: "age 47" is a birthday, "language points" is not).
TIME_GROUPS = ((r"\bthe ECA of \S+ is \d+ years? old", "time: an ECA stops counting"),
               (r"\byears? old\b", "time: a language test or ECA stops counting"),
               (r"(^|; |: )age \d+", "time: the person's age"),
               (r"\bwindow\b", "time: work leaves a look-back window"),
               (r"\breached\b", "time: hours of work reached"),
               (r"\bis taken\b", "time: a language test is taken"),
               (r"\bstarts\b", "time: a job, offer or credential starts"),
               (r"\bends\b", "time: a job or offer ends"))
#: The words of a plan's step that a version of the rules made (timeline.events.rule_events).
RULE_STEP = re.compile(r"^the rules of \d{4}-\d{2}-\d{2} (start|end)| closes: | is established")


@define
class Group:
    """The profiles of one program that change verdict one way for one cause."""

    program: str
    before: str
    after: str
    cause: str
    ids: list[str] = field(factory=list)


@define
class Impact:
    """Every group, the rows that could not be read, and how many profiles were compared."""

    before: dt.date
    after: dt.date
    profiles: int = 0
    groups: dict[tuple[str, str, str, str], Group] = field(factory=dict)
    errors: list[dict[str, Any]] = field(factory=list)

    def data(self) -> dict[str, Any]:
        """JSON-ready: programs with their changes by direction and cause, and the errors."""
        programs: dict[str, list[dict[str, Any]]] = {}
        for g in sorted(self.groups.values(), key=lambda g: (g.program, g.before, g.after, -len(g.ids), g.cause)):
            programs.setdefault(g.program, []).append({"from": g.before, "to": g.after, "cause": g.cause,
                                                       "count": len(g.ids), "ids": g.ids})
        return {"from": self.before.isoformat(), "to": self.after.isoformat(), "profiles": self.profiles,
                "programs": programs, "errors": self.errors}


def cause_group(change: ProgramChange) -> str:
    """The cause a change is counted under: what made the verdict of the second date.

    That is the last day between the dates on which the verdict changed (the plan's last step): a cause whose
    effect was undone later in the interval (a test lost, then a new one taken) did not make the final verdict.
    A step of the rules groups under the rule; a step on the day a funds table replaced another, when the
    funds condition's outcome changed, under the table; any other under what passed with time that day.
    """
    step = change.steps[-1] if change.steps else None
    if step is None:
        text = change.cause
        if not change.same_rules:
            return text
    else:
        text = step.because
        if RULE_STEP.search(text):
            return text
    table = TABLE_CAUSE.search(change.cause)
    if table is not None and (step is None or step.day.isoformat() == table.group(1)):
        return change.cause
    if "verdict of a program it requires" in text or re.search(r": \S+/\S+ \w[\w ]* -> ", text):
        return "another program's verdict changed (one it requires)"
    for pattern, group in TIME_GROUPS:
        if re.search(pattern, text):
            return group
    return "time: the profile's facts on the two dates"


def row_name(row: Row) -> str:
    """How a row is named in a group: its id, else its line or file."""
    return row.id or (f"line {row.key[1]}" if row.key[0] == "line" else str(row.key[1]))


def impact(rows: Iterable[Row], before: dt.date, after: dt.date, library: Library,
           programs: set[str] | None = None) -> Impact:
    """Compare every row's verdicts on ``before`` and ``after``, grouped by program, direction and cause."""
    from eligibility.declarations import check_declarations
    from eligibility.diff import diff
    from eligibility.profile.load import profile_from_data

    result = Impact(before, after)
    for row in rows:
        name = row_name(row)
        if row.problem is not None:
            result.errors.append({**row.place(), "error": f"{name}: $: {row.problem}"})
            continue
        try:
            profile = profile_from_data(row.data, name)
            check_declarations(profile, library, name)
        except EligibilityError as exc:
            result.errors.append({**row.place(), **({"id": row.id} if row.id else {}), "error": exc.lines()[0]})
            continue
        result.profiles += 1
        for change in diff(profile, before, after, library, programs).programs:
            if change.verdict_before == change.verdict_after:
                continue
            key = (change.id, change.verdict_before, change.verdict_after, cause_group(change))
            result.groups.setdefault(key, Group(*key)).ids.append(name)
    return result


def impact_text(i: Impact, markdown: bool = False) -> str:
    """The groups as text (or Markdown): per program, each direction and cause with its count and ids."""
    data = i.data()
    head = f"Impact between {data['from']} and {data['to']}: {data['profiles']} profiles compared"
    out = [f"# {head}" if markdown else head, ""]
    if not data["programs"]:
        out.append("No profile changes verdict.")
    for pid, groups in data["programs"].items():
        out += [f"## {pid}", ""] if markdown else [pid]
        for g in groups:
            who = ", ".join(g["ids"][:20]) + (f" and {len(g['ids']) - 20} more" if len(g["ids"]) > 20 else "")
            line = f"{g['count']} {g['from'].replace('_', ' ')} -> {g['to'].replace('_', ' ')}: {g['cause']} ({who})"
            out.append(f"- {line}" if markdown else f"  {line}")
        out.append("")
    if data["errors"]:
        out.append(f"{len(data['errors'])} rows could not be read:")
        out += [f"  {e['error']}" for e in data["errors"]]
    return "\n".join(out).rstrip() + "\n"


def impact_csv(i: Impact) -> str:
    """One line per group: program, from, to, cause, count, ids (separated by spaces)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["program", "from", "to", "cause", "count", "ids"])
    for pid, groups in i.data()["programs"].items():
        for g in groups:
            writer.writerow([pid, g["from"], g["to"], g["cause"], g["count"], " ".join(g["ids"])])
    return buffer.getvalue()
