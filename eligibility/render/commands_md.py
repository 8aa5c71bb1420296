"""Markdown for the commands other than `evaluate`: explain, programs, occupations and diff.

Each formats the command's JSON data (the same data `--format json` prints), with citations as
footnotes and no URL inside a table cell.
"""

from __future__ import annotations

from typing import Any


def _cell(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ").strip()


def _period(v: dict[str, Any]) -> str:
    return f"{v['from']} to {v['to'] or 'now'}"


def explain_markdown(data: dict[str, Any]) -> str:
    """`eligibility explain --format markdown`: the rule in words, with numbered sources."""
    sources = {s["id"]: s for s in data["sources"]}
    numbers: dict[str, int] = {}

    def mark(citations: list[dict[str, Any]]) -> str:
        out = []
        for c in citations or []:
            numbers.setdefault(c["source"], len(numbers) + 1)
            pin = f" ({c['at']})" if c.get("at") else ""
            out.append(f"[^{numbers[c['source']]}]{pin}")
        return " ".join(out)

    def conditions(items: list[dict[str, Any]], depth: int) -> list[str]:
        lines = []
        for c in items:
            pad = "  " * depth
            words = c.get("says") or {"all": "all of these", "any": "at least one of these", "not": "not this",
                                      "at_least": f"at least {c.get('n')} of these"}.get(c.get("op", ""), "")
            confidence = f" _(confidence: {c['confidence'].replace('_', ' ')})_" if c.get("confidence") else ""
            lines.append(f"{pad}- {words}{confidence} {mark(c.get('citations', []))}".rstrip())
            if c.get("quote"):
                lines.append(f"{pad}  > {_cell(c['quote'])}")
            lines += conditions(c.get("children", []), depth + 1)
        return lines

    out = [f"# {data['title']}", "", f"{data['authority']}; {data['kind'].replace('_', ' ')}."]
    if data.get("summary"):
        out += ["", data["summary"].strip()]
    version = data.get("version")
    out += ["", f"**{data['state'].capitalize()} on {data['as_of']}**"
            + (f": the rules of {_period(version)}." if version else ".")]
    if version and version.get("in_force"):
        out += ["", "All of these must hold:", "", *conditions(version.get("conditions", []), 0)]
    out += ["", "## Versions", "", "| Period | State | What changed |", "|---|---|---|"]
    for v in data["versions"]:
        out.append(f"| {_period(v)} | {'in force' if v['in_force'] else 'not in force'} | {_cell(v.get('changes'))} |")
    if numbers:
        out += [""]
        for sid, n in sorted(numbers.items(), key=lambda x: x[1]):
            s = sources.get(sid, {"title": sid, "url": "", "checked": "", "confidence": "official"})
            tag = "" if s.get("confidence") == "official" else f" ({str(s.get('confidence')).replace('_', ' ')})"
            out.append(f"[^{n}]: {s['title']}{tag}, checked {s['checked']}. <{s['url']}>")
    return "\n".join(out) + "\n"


def programs_markdown(rows: list[dict[str, Any]], day: str | None) -> str:
    """`eligibility programs --format markdown`: every program with its versions (and state on a day)."""
    head = f"# Programs as of {day}" if day else "# Programs and the periods of their encoded versions"
    out = [head, "", "| Program | Id | State | Versions |", "|---|---|---|---|"]
    for r in rows:
        spans = "; ".join(_period(v) + ("" if v["in_force"] else " (not in force)") for v in r["versions"])
        out.append(f"| {_cell(r['title'])} | `{r['id']}` | {_cell(r.get('state', ''))} | {spans} |")
    return "\n".join(out) + "\n"


def occupation_markdown(data: dict[str, Any], skilled: str) -> str:
    """`eligibility occupations CODE --format markdown`: which programs' rules include the code; ``skilled`` is
    its Express Entry skilled status in words (``eligibility.listings.skilled_words``)."""
    out = [f"# NOC {data['code']} {data['title']} (TEER {data['teer']}) on {data['as_of']}", "",
           f"Express Entry skilled occupation (TEER 0-3): {skilled}.", ""]
    if not data["programs"]:
        return "\n".join([*out, "No program's occupation rules include it on this date."]) + "\n"
    out += ["| Program | How | Since | Until |", "|---|---|---|---|"]
    for p in data["programs"]:
        out.append(f"| {_cell(p['title'])} | {_cell(p['how'])} | {p['since']} | {p['until'] or 'now'} |")
    return "\n".join(out) + "\n"


def diff_markdown(data: dict[str, Any], everything: bool = False) -> str:
    """`eligibility diff --format markdown`: the programs whose verdict changes, each day and why."""
    out = [f"# Changes between {data['before']} and {data['after']}", ""]
    shown = [p for p in data["programs"] if everything or p["verdict_before"] != p["verdict_after"]]
    if not shown:
        return "\n".join([*out, "No verdict changes."]) + "\n"
    for p in shown:
        before, after = p["verdict_before"].replace("_", " "), p["verdict_after"].replace("_", " ")
        arrow = f"{before} → {after}" if before != after else f"{after} (unchanged)"
        out += [f"## {p.get('short_title') or p['title']}: {arrow}", ""]
        for s in p.get("steps", []):
            out.append(f"- On {s['day']}: {s['verdict'].replace('_', ' ')}, because {s['because']}")
        if not p.get("steps") or everything:
            out.append(f"- Cause: {p['cause']}")
        for c in p["conditions"]:
            if everything or (p.get("same_rules") and "absent" not in (c["before"], c["after"])):
                out.append(f"- {c['says']}: {c['before']} → {c['after']}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
