"""What each failing or unknown condition lacks, in numbers: hours, levels and scores, dollars, points, fields.

Each function reads one condition's result (its required and observed values and its evidence) and, for
language, the rule itself (which tests count). Nothing here evaluates; the day missing hours are reached
comes from ``ahead`` (``eligibility.timeline.distance``), when given.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from attrs import frozen

from eligibility.language import ABILITIES, TESTS, TOP_LEVEL, TestKind
from eligibility.listings import occupation_programs
from eligibility.numbers import held, short
from eligibility.record import Record
from eligibility.result import ConditionResult, ProgramResult, deciding
from eligibility.rulebook.library import Library
from eligibility.rulebook.model import Condition, LanguageCondition, PointsCondition
from eligibility.rulebook.tables import AdaptabilityPoints
from eligibility.rulebook.tree import walk
from eligibility.timeline.ahead import Ahead

#: The profile field that settles an unknown condition of each kind, in words and by its path.
FIELDS: dict[str, tuple[str, str]] = {
    "work_experience": ("the work history", "$.work"),
    "language": ("the language test results", "$.language_tests"),
    "education": ("the education, with ECAs for foreign credentials", "$.education"),
    "funds": ("the settlement funds", "$.funds_cad"),
    "job_offer": ("whether there is a job offer", "$.job_offer"),
    "certificate_of_qualification": ("the certificates of qualification", "$.certificates_of_qualification"),
    "intended_province": ("the province of intended residence", "$.intended_province"),
    "age": ("the birth date", "$.birth_date"),
}
#: Grid factors: the field that settles each, and what the person could change to score more.
FACTORS: dict[str, tuple[str, str, str]] = {
    "language": ("the language tests", "$.language_tests", "a higher score on a retest"),
    "education": ("the education", "$.education", "a higher credential, or an ECA of a foreign one"),
    "experience": ("the work history", "$.work", "more years of skilled work (1,560 h each)"),
    "age": ("the birth date", "$.birth_date", ""),
    "arranged_employment": ("the job offer", "$.job_offer", "a qualifying job offer"),
    "adaptability": ("the spouse, relatives and study or work in Canada", "$.spouse",
                     "a spouse's language level, study or work in Canada, a relative in Canada"),
}


@frozen
class Gap(Record):
    """A condition that does not pass: what it needs, whether the person can change it, and the numbers."""

    condition: str
    outcome: str
    says: str
    needs: str
    changeable: bool
    detail: dict[str, Any]


def unknown_gap(path: str, r: ConditionResult) -> Gap:
    """The field to state for an unknown condition."""
    required = r.required if isinstance(r.required, dict) else {}
    if r.kind in ("declaration", "judgement"):
        key = str(required.get("key") or _key_from(r.explanation))
        words, field = f"declarations.{key}", f"$.declarations.{key}"
    elif r.kind == "points":
        fields = [field for e in r.evidence if e.get("max_possible") != e.get("points") for field in _factor_fields(e)]
        fields = list(dict.fromkeys(fields))
        return Gap(path, r.outcome, r.says, "state " + ", ".join(fields), True, {"fields": fields})
    elif r.kind == "funds":
        fields = _funds_fields(r)
        return Gap(path, r.outcome, r.says, "state " + ", ".join(fields), True, {"fields": fields})
    else:
        words, field = FIELDS.get(r.kind, ("the facts this condition reads", "$"))
        nocs = [f"$.work[{e.get('job')}].noc" for e in r.evidence if "no NOC code" in str(e.get("reason", ""))]
        if nocs:
            words, field = "the NOC code of each job", nocs[0]
            return Gap(path, r.outcome, r.says, f"state {words} ({', '.join(nocs)})", True, {"fields": nocs})
    return Gap(path, r.outcome, r.says, f"state {words} ({field})", True, {"fields": [field]})


#: The field that settles each item of the adaptability factor (its detail reads "item: unknown").
ADAPTABILITY_FIELDS = {"spouse_language": "$.spouse", "spouse_study_in_canada": "$.spouse",
                       "spouse_work_in_canada": "$.spouse", "study_in_canada": "$.education",
                       "work_in_canada": "$.work", "arranged_employment": "$.job_offer",
                       "relative_in_canada": "$.relatives_in_canada"}


def _factor_fields(item: dict[str, Any]) -> list[str]:
    """The fields that settle an unsettled grid factor: for adaptability, those of its unknown items alone (a
    single person whose relatives are not stated is never asked for a spouse)."""
    factor = str(item.get("factor"))
    if factor == "adaptability":
        unknown = [part.split(":", 1)[0].strip() for part in str(item.get("detail", "")).split(";")
                   if part.strip().endswith(": unknown")]
        fields = [ADAPTABILITY_FIELDS[u] for u in unknown if u in ADAPTABILITY_FIELDS]
        if fields:
            return fields
    return [FACTORS.get(factor, ("", "$", ""))[1]]


def _funds_fields(r: ConditionResult) -> list[str]:
    """The fields that settle an unknown funds condition: the funds when not given, the family when its size is
    not exact, the job offer when the exemption is not settled."""
    fields = [] if isinstance(r.observed, int | float) or r.observed == "exempt" else ["$.funds_cad"]
    for item in r.evidence:
        if item.get("family_size_exact") is False:
            fields += ["$.children", "$.family_size"]
        if item.get("exemption") is not None and item.get("outcome") == "unknown":
            fields += ["$.job_offer", "$.work"]
    return fields or [FIELDS["funds"][1]]


def _key_from(text: str) -> str:
    marker = "declarations."
    return text.split(marker, 1)[1].split()[0].rstrip(":.,") if marker in text else "?"


def _growing_run(r: ConditionResult, ahead: Ahead, program: str, path: str, reached: dt.date | None) -> float | None:
    """For a continuous count met on ``reached``: the hours the run that meets it holds on the day evaluated (the
    longest run so far may have ended and can never make the year). Each of that run's jobs counted on ``reached``
    is credited its share of the days up to the day before the one evaluated (its hours are the same every week);
    None when the count is not continuous or is not met ahead."""
    required = r.required if isinstance(r.required, dict) else {}
    if reached is None or not required.get("continuous"):
        return None
    later = ahead.result_on(reached, program, path)
    if later is None:
        return None
    last = ahead.day.toordinal() - 1
    hours = 0.0
    for item in later.evidence:
        if item.get("counted") is not True or not item.get("from") or not item.get("to"):
            continue
        first, end = (dt.date.fromisoformat(str(item[k])).toordinal() for k in ("from", "to"))
        if first > last:
            continue
        hours += float(item.get("hours") or 0) * (min(end, last) - first + 1) / (end - first + 1)
    return round(hours, 1)


def hours_gap(path: str, r: ConditionResult, reached: dt.date | None, until: dt.date,
              growing: float | None = None) -> Gap:
    """Hours missing, and the day they are reached if jobs go on at their hours (``until``: how far it was
    looked for); ``growing``: for a continuous count, the hours of the run that reaches it (``_growing_run``),
    counted instead of the longest run's."""
    required = r.required if isinstance(r.required, dict) else {}
    observed = r.observed if isinstance(r.observed, dict) else {}
    need, have = float(required.get("hours") or 0), float(observed.get("hours") or 0)
    ended = ""
    if growing is not None and growing != have:
        # The longest run so far has ended: only the run that can still grow reaches the count.
        ended = f" in the current run; the longest, {held(have, need)} h, has ended"
        have = growing
    missing = max(0.0, need - have)
    when = f"reached on {reached} at current hours" if reached else f"not reached before {until} at current hours"
    return Gap(path, r.outcome, r.says,
               f"{short(missing)} h more ({held(have, need)} of {need:,.0f} h{ended}); {when}", True,
               {"hours_missing": round(missing, 1), "hours": have, "required_hours": need,
                "reached_on": reached.isoformat() if reached else None})


def score_for(kind: TestKind, ability: str, level: int, day: dt.date) -> float | None:
    """The lowest score of ``kind``, on the scale of a test taken on ``day``, giving ``level`` or more in
    ``ability`` (None above the chart's top)."""
    if level > TOP_LEVEL:
        return None
    scale = kind.scale_on(day)
    index = ABILITIES.index(ability)
    for row_level, minimums in scale.rows:
        if row_level == level:
            return float(minimums[index])
    return float(scale.score_range(ability)[0]) if level < scale.lowest_level else None


def language_gap(path: str, r: ConditionResult, rule: Condition | None, day: dt.date) -> Gap:
    """Levels missing per ability, and the score on each accepted test taken on ``day`` that reaches them."""
    required = r.required if isinstance(r.required, dict) else {}
    needed = {a: int(required[a]) for a in ABILITIES if isinstance(required.get(a), int)}
    if not needed:  # the level depends on the main occupation: take the highest the rule may ask
        per_teer = [v for v in required.values() if isinstance(v, dict)]
        needed = {a: max(int(v[a]) for v in per_teer) for a in ABILITIES} if per_teer else {}
    observed = r.observed if isinstance(r.observed, dict) else {}
    have = observed.get("levels") or {}
    short = {a: lvl for a, lvl in needed.items() if int(have.get(a, 0)) < lvl}
    kinds = [k for k in TESTS.values() if _accepted(k, rule)]
    scores = {a: {k.id: score_for(k, a, lvl, day) for k in kinds} for a, lvl in short.items()}
    parts = []
    for a, lvl in short.items():
        options = ", ".join(f"{k.name} {scores[a][k.id]:g}" for k in kinds if scores[a][k.id] is not None)
        got = f"{have[a]}" if a in have else "no valid test"
        parts.append(f"{a} level {lvl} ({got} now): {options}")
    text = "; ".join(parts) if parts else "a valid test result (the one given is not valid on this date)"
    return Gap(path, r.outcome, r.says, text, True,
               {"levels_needed": short, "levels": have, "scores": scores})


def _accepted(kind: TestKind, rule: Condition | None) -> bool:
    if not isinstance(rule, LanguageCondition):
        return True
    if rule.tests is not None and kind.id not in rule.tests:
        return False
    return rule.language == "any" or kind.language == rule.language


def funds_gap(path: str, r: ConditionResult) -> Gap:
    """Dollars short for the family size."""
    required = r.required if isinstance(r.required, dict) else {}
    need = float(required.get("cad") or 0)
    have = float(r.observed) if isinstance(r.observed, int | float) else 0.0
    size = required.get("family_size")
    return Gap(path, r.outcome, r.says, f"${short(need - have)} more for a family of {size} (${held(have, need)} of "
                                        f"${need:,.0f}), or an exemption: authorized to work in Canada with a valid "
                                        f"job offer", True,
               {"cad_short": round(need - have, 2), "cad": have, "required_cad": need, "family_size": size})


def points_gap(path: str, r: ConditionResult, brings: dict[str, tuple[str, int]] | None = None) -> Gap:
    """Points short of the pass mark, and which factors could close the gap (age cannot be turned back).

    ``brings`` names, per factor, the element of another factor its points also earn (FSW: arranged employment
    earns adaptability's "arranged_employment", IRPR s. 83(1)(e)) and that element's points: its room counts
    them, up to the other factor's room, when that element is not already earned."""
    low = r.observed if isinstance(r.observed, int) else int((r.observed or {}).get("low", 0))
    mark = int(r.required or 0)
    short = max(0, mark - low)
    rooms: list[dict[str, Any]] = []
    by_factor = {str(e.get("factor")): e for e in r.evidence}
    for e in r.evidence:
        factor = str(e.get("factor"))
        room = int(e.get("factor_max") or 0) - int(e.get("points") or 0)
        how = FACTORS.get(factor, ("", "", ""))[2]
        if room > 0 and brings and factor in brings:
            other, element_points = brings[factor]
            o = by_factor.get(other)
            if o is not None and f"{factor}: no" in str(o.get("detail") or "").split("; "):
                extra = min(element_points, int(o.get("factor_max") or 0) - int(o.get("points") or 0))
                if extra > 0:
                    room += extra
                    how += f", with {other}'s +{extra} it also earns"
        if room > 0 and factor != "age":
            rooms.append({"factor": factor, "points": e.get("points"), "max": e.get("factor_max"), "room": room,
                          "closes_the_gap_alone": room >= short, "how": how})
    alone = [str(x["factor"]) for x in rooms if x["closes_the_gap_alone"]]
    text = f"{short} {'point' if short == 1 else 'points'} more ({low} of {mark})"
    if rooms:
        text += "; room in " + ", ".join(f"{x['factor']} +{x['room']} ({x['how']})" for x in rooms)
        text += f"; alone enough: {', '.join(alone)}" if alone else "; no single factor is enough"
    return Gap(path, r.outcome, r.says, text, bool(rooms) and sum(x["room"] for x in rooms) >= short,
               {"points_short": short, "points": low, "pass_mark": mark, "factors": rooms})


def _brings(rule: Condition | None, library: Library, day: dt.date) -> dict[str, tuple[str, int]]:
    """For a points condition: each factor whose points also earn an adaptability element of the same name (the
    grid's arranged employment), with the adaptability factor's id and the element's points."""
    if not isinstance(rule, PointsCondition) or rule.grid not in library.grids:
        return {}
    version = library.grids[rule.grid].version_on(day)
    if version is None:
        return {}
    out: dict[str, tuple[str, int]] = {}
    for f in version.factors:
        if isinstance(f, AdaptabilityPoints):
            for element, pts in f.elements.items():
                if any(g.id == element for g in version.factors if g is not f):
                    out[element] = (f.id, pts)
    return out


def _rules(library: Library, program: str, day: dt.date) -> dict[str, Condition]:
    version = library.programs[program].version_on(day)
    return {c.id: c for c, _ in walk(version.conditions, "$")} if version else {}


def program_gaps(p: ProgramResult, library: Library, day: dt.date, ahead: Ahead) -> list[Gap]:
    """The gaps of one program's result on ``day`` (``ahead``: the search from that day for the day missing hours
    are reached)."""
    if p.verdict in ("not_in_force", "not_encoded"):
        return [_closed(p, library, day)]
    rules = _rules(library, p.id, day)
    gaps = []
    # Only the conditions that decide the verdict: a leaf failing under an "any" that passes, or under a "not",
    # changes nothing (result.deciding).
    for path, r in deciding(p.conditions):
        gaps.append(condition_gap(p.id, path, r, rules.get(r.id), library, day, ahead))
    return gaps


def condition_gap(program: str, path: str, r: ConditionResult, rule: Condition | None, library: Library,
                  day: dt.date, ahead: Ahead) -> Gap:
    """What one failing or unknown condition lacks."""
    if r.kind == "program":
        return Gap(path, r.outcome, r.says, f"eligibility for one of these first ({r.explanation})", True, {})
    if r.outcome == "unknown" and r.kind not in ("language", "points"):
        return unknown_gap(path, r)
    if r.kind == "work_experience":
        listed = _not_listed(r, library, day)
        if listed is not None:
            return listed
        reached = ahead.first_pass(program, path)
        return hours_gap(path, r, reached, ahead.until, _growing_run(r, ahead, program, path, reached))
    if r.kind == "language":
        return language_gap(path, r, rule, day)
    if r.kind == "funds":
        return funds_gap(path, r)
    if r.kind == "points":
        return points_gap(path, r, _brings(rule, library, day)) if r.outcome == "fail" else unknown_gap(path, r)
    if r.kind == "age":
        return _age(path, r)
    if r.kind == "job_offer":
        return Gap(path, r.outcome, r.says, f"a job offer meeting this condition (now: {r.explanation})", True, {})
    return Gap(path, r.outcome, r.says, r.explanation or r.says, True, {})


def _age(path: str, r: ConditionResult) -> Gap:
    required = r.required if isinstance(r.required, dict) else {}
    age = r.observed if isinstance(r.observed, int) else None
    high = required.get("max")
    if age is not None and high is not None and age > high:
        return Gap(path, r.outcome, r.says, f"age {age}, over the maximum {high}: cannot be changed", False,
                   {"age": age, "max": high})
    return Gap(path, r.outcome, r.says, f"age {age}; needs at least {required.get('min')}: comes with time", True,
               {"age": age, "min": required.get("min")})


def _not_listed(r: ConditionResult, library: Library, day: dt.date) -> Gap | None:
    """An occupation the program's list does not include, when no job counts: not for the person to change."""
    observed = r.observed if isinstance(r.observed, dict) else {}
    if observed.get("hours"):
        return None
    codes = sorted({str(e["noc"]) for e in r.evidence
                    if e.get("noc") and "is not among" in str(e.get("reason", ""))})
    if not codes:
        return None
    lists = {code: sorted({x.program for x in occupation_programs(library, code, day) if x.how != "excluded"})
             for code in codes}
    where = "; ".join(f"{code} is on {', '.join(lists[code]) or 'no encoded program'}" for code in codes)
    return Gap(r.id, r.outcome, r.says,
               f"the occupation is not on this program's list on {day} (not for the person to change); {where}",
               False, {"occupations": codes, "listed_in": lists})


def _closed(p: ProgramResult, library: Library, day: dt.date) -> Gap:
    """A program not in force: when it opens again, if an encoded version says so."""
    program = library.programs[p.id]
    if p.verdict == "not_encoded":
        first = program.versions[0].valid_from if program.versions else None
        since = f"; encoded from {first}" if first else ""
        return Gap("", p.verdict, p.message, f"the rules for this day are not encoded (nothing is guessed){since}",
                   False, {"opens": None, "encoded_from": first.isoformat() if first else None})
    later = next((v for v in program.versions if v.valid_from > day and v.in_force), None)
    when = f"; it opens again on {later.valid_from}" if later else "; no encoded version opens it again"
    return Gap("", p.verdict, p.message, f"the program is not in force (not for the person to change){when}", False,
               {"opens": later.valid_from.isoformat() if later else None})
