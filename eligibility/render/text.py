"""The terminal format: a summary table of verdicts, then what failed or is unknown and why."""

from __future__ import annotations

from collections.abc import Iterator

from eligibility.result import CitationRef, ConditionResult, Evaluation, ProgramResult

MARK = {"pass": "✔", "fail": "✘", "unknown": "?"}
VERDICT = {"eligible": "ELIGIBLE", "not_eligible": "not eligible", "undetermined": "undetermined",
           "not_in_force": "not in force", "not_encoded": "not encoded"}


def citation_text(c: CitationRef) -> str:
    """'IRPR s. 75(2)(a) <url> (checked 2026-11-21)'."""
    where = f"{c.title}" + (f", {c.at}" if c.at else "")
    tag = "" if c.confidence == "official" else f" [{c.confidence.replace('_', ' ')}]"
    return f"{where}{tag} <{c.url}> (checked {c.checked})"


def _version(p: ProgramResult) -> str:
    if p.version is None:
        return "-"
    return f"{p.version.valid_from} to {p.version.valid_to or 'now'}"


def summary(evaluation: Evaluation) -> list[str]:
    """The table of programs and verdicts."""
    who = f"{evaluation.profile_name}, " if evaluation.profile_name else ""
    lines = [f"Eligibility of {who}as of {evaluation.as_of}", ""]
    width = max((len(p.id) for p in evaluation.programs), default=10)
    lines.append(f"  {'program'.ljust(width)}  {'verdict'.ljust(13)}  rules in force")
    for p in evaluation.programs:
        lines.append(f"  {p.id.ljust(width)}  {VERDICT[p.verdict].ljust(13)}  {_version(p)}")
    return lines


def _tree(results: tuple[ConditionResult, ...], depth: int, everything: bool) -> Iterator[str]:
    for r in results:
        if not everything and r.outcome == "pass":
            continue
        pad = "  " * depth
        flag = " (officer's judgement)" if r.judgement else ""
        conf = f" [{r.confidence.replace('_', ' ')}]" if r.confidence not in (None, "official") else ""
        yield f"{pad}{MARK[r.outcome]} {r.id}: {r.says}{flag}{conf}"
        if r.explanation:
            yield f"{pad}    {r.explanation}"
        if everything or not r.conditions:
            for c in r.citations:
                yield f"{pad}    source: {citation_text(c)}"
        yield from _tree(r.conditions, depth + 1, everything)


def program_details(p: ProgramResult, everything: bool) -> list[str]:
    """What failed or is unknown (or, with ``everything``, the whole tree) for one program."""
    lines = [f"{p.title} ({p.id}): {VERDICT[p.verdict]} - {p.message}"]
    lines.extend(_tree(p.conditions, 1, everything))
    for c in p.caveats:
        lines.append(f"  note: {c.condition}: {c.says}. {c.reason}")
    return lines


def render_text(evaluation: Evaluation, explain: bool = False) -> str:
    """The whole terminal report."""
    lines = summary(evaluation)
    for p in evaluation.programs:
        if p.verdict in ("not_in_force", "not_encoded") and not explain:
            continue
        if p.verdict == "eligible" and not explain and not p.caveats:
            continue
        lines.append("")
        lines.extend(program_details(p, explain))
    r = evaluation.receipt
    lines += ["", f"receipt: eligibility {r.package_version}, engine {r.engine}, rules sha256 "
                  f"{r.rulesets_sha256[:12]}, profile sha256 {r.profile_sha256[:12]}"]
    return "\n".join(lines)
