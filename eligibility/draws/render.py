"""The rounds a score met, as terminal lines and Markdown (JSON is ``RoundsMet.data()``)."""

from __future__ import annotations

from eligibility.draws.met import RoundsMet, RoundType

MARK = {"yes": "✔ yes", "no": "✘ no", "maybe": "? maybe"}


def heading(m: RoundsMet) -> str:
    """'Recent rounds a score of 478 would have met (the last 6 within 12 months up to 2026-11-30)'."""
    shown = str(m.low) if m.low == m.high else f"{m.low} to {m.high}"
    return (f"Rounds of invitations for a score of {shown} (the last {m.last} of each type within "
            f"{m.months} months up to {m.as_of})")


def _empty(t: RoundType, m: RoundsMet) -> str:
    if t.last_round is None:
        return "no round of this type on or before that date"
    return f"no round of this type within {m.months} months (the last was on {t.last_round})"


def rounds_met_lines(m: RoundsMet) -> list[str]:
    """Terminal lines: the heading, the data used, notes, then each open round type and its rounds."""
    lines = [heading(m), m.data_used]
    lines += [f"note: {n}" for n in m.notes]
    if not m.types:
        lines.append("  no round type is open: not eligible for an Express Entry program or category on that date")
    for t in m.types:
        flag = "" if t.open == "eligible" else " [undetermined]"
        lines.append(f"  {t.type}: {t.title} ({t.reason}){flag}")
        if not t.rounds:
            lines.append(f"    {_empty(t, m)}")
        for r in t.rounds:
            lines.append(f"    #{r.round.number:<4} {r.round.date}  lowest {r.round.lowest_score:>4}  "
                         f"{MARK[r.meets]:<8} {r.explanation}")
    return lines


def rounds_met_markdown(m: RoundsMet, level: int = 2) -> list[str]:
    """Markdown lines: a heading, notes, and a table of rounds per open type."""
    out = [f"{'#' * level} {heading(m)}", "", f"_{m.data_used}_"]
    out += [f"\n> {n}" for n in m.notes]
    for t in m.types:
        flag = "" if t.open == "eligible" else " (undetermined)"
        out += ["", f"**{t.title}** (`{t.type}`: {t.reason}){flag}", ""]
        if not t.rounds:
            out.append(_empty(t, m))
            continue
        out += ["| Round | Date | Lowest score | Met | Why |", "|---|---|---|---|---|"]
        out += [f"| {r.round.number} | {r.round.date} | {r.round.lowest_score} | {r.meets} | {r.explanation} |"
                for r in t.rounds]
    return out


def rounds_summary_lines(m: RoundsMet) -> list[str]:
    """A few lines for a report: per open round type, how many of the recent rounds the score met."""
    lines = [f"Recent rounds of invitations (the last {m.last} of each type within {m.months} months; "
             f"rounds known up to {m.known_until}):"]
    if not m.types:
        lines.append("  no round type is open: not eligible for an Express Entry program or category on that date")
    for t in m.types:
        flag = "" if t.open == "eligible" else " [undetermined]"
        if not t.rounds:
            lines.append(f"  {t.type}{flag}: {_empty(t, m)}")
            continue
        met = sum(r.meets == "yes" for r in t.rounds)
        maybe = sum(r.meets == "maybe" for r in t.rounds)
        cuts = [r.round.lowest_score for r in t.rounds]
        latest = t.rounds[0].round
        lines.append(f"  {t.type}{flag}: met {met} of {len(t.rounds)}" + (f" ({maybe} maybe)" if maybe else "")
                     + f"; lowest scores {min(cuts)} to {max(cuts)}; latest #{latest.number} {latest.date}, "
                       f"{latest.lowest_score}")
    if m.as_of > m.known_until:
        lines.append(f"  note: rounds known up to {m.known_until}; 'eligibility draws update' fetches later ones")
    return lines
