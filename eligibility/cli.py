"""The `eligibility` command line."""

# ruff: noqa: E402 (the garbage collector is paused before the imports below: see _COLLECTING)

from __future__ import annotations

import gc

#: Whether the garbage collector was on when this module started loading. It is off while the command line's
#: modules load (typer and its dependencies, attrs, this module's commands): the collections their allocations
#: triggered found nothing to free and walked everything loaded so far again, about a tenth of `evaluate`'s
#: start on this project's machine. At the end of this module what it loaded is frozen (see _freeze_once) and
#: collection is on again as it was.
_COLLECTING = gc.isenabled()
gc.disable()

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from eligibility import codecache
from eligibility.cli_build import run as run_app
from eligibility.cli_coerce import plain_coercion
from eligibility.errors import EligibilityError, Problem, UsageError

T = TypeVar("T")

app = typer.Typer(name="eligibility", no_args_is_help=True, add_completion=False,
                  help="Whether a person qualifies for Canada's economic immigration programs, and exactly why.")


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"
    markdown = "markdown"


AsOf = Annotated[str | None, typer.Option("--as-of", help="Evaluate as of this date, YYYY-MM-DD (default: today).")]
Rules = Annotated[Path | None, typer.Option("--rules", help="A folder of rulesets instead of the packaged ones.")]
Fmt = Annotated[Format, typer.Option("--format", "-f", help="text, json or markdown.")]
WhatIf = Annotated[list[Path] | None, typer.Option(
    "--what-if", help="A partial profile (YAML, JSON or TOML) laid over the profile; shows both sides.")]
Sets = Annotated[list[str] | None, typer.Option(
    "--set", help="PATH=VALUE: set one field (e.g. 'language_tests[0].writing=7.5'), read as in a profile file.")]


def parse_date(text: str | None, option: str = "--as-of") -> dt.date:
    """A YYYY-MM-DD date from the command line, or today."""
    from eligibility.api import parse_as_of

    return dt.date.today() if text is None else parse_as_of(text, option)


def _library(rules: Path | None, resume: bool = True) -> Any:
    """The rules library; garbage collection on again after it unless ``resume`` is False (the caller
    resumes it once its first piece of work is done: see :func:`_pause_collections`)."""
    from eligibility.api import rules as load_rules

    library = load_rules(rules)
    _freeze_once("library")
    if resume:
        _resume_collections()
    return library


_FROZEN: set[str] = set()
#: Whether the garbage collector was on when :func:`main` paused it (and is to run again).
_PAUSED: list[bool] = []


def _freeze_once(stage: str) -> None:
    """Move what is alive now out of the garbage collector's scans, once per stage and process.

    What a command loads at start (typer and this module, frozen when this module has loaded; then the
    rules and the modules imported to load them) lives as long as the process; each collection the
    command's imports and evaluation trigger would otherwise walk it all again (about 20 ms of ``evaluate``
    on this project's machine). Once per process: a program calling ``main`` many times (the tests) does
    not keep freezing.
    """
    if stage not in _FROZEN:
        _FROZEN.add(stage)
        gc.freeze()


def _pause_collections() -> None:
    """No garbage collection while a command starts: until its rules are loaded (``evaluate``: until its
    first profile is evaluated and written), or it ends.

    What a command makes as it starts (the modules and classes it imports, the rules it loads) lives as
    long as it does: the collections those allocations trigger find nothing to free, and cost about 9 ms
    of an ``evaluate``'s start (measured interleaved with and without); those of its first profile's
    evaluation, about 7 ms more, would free at most what one evaluation leaves in cycles (its objects are
    freed as they are let go). Collection is on again for the next profile of a folder, and a command
    that runs long without loading rules through :func:`_library` (``serve``) turns it back on first.
    """
    _PAUSED.append(gc.isenabled())
    gc.disable()


def _resume_collections() -> None:
    """The garbage collector on again if :func:`_pause_collections` turned it off."""
    if _PAUSED and _PAUSED.pop():
        gc.enable()


def _within_reach(profile: Any, evaluation: Any, library: Any) -> Any:
    """The programs not eligible on the date that the plan opens within three years: the day, and why."""
    from eligibility.reporting.reach import within_reach

    return within_reach(profile, evaluation, library)


def terminal() -> tuple[int, bool]:
    """The width to wrap text to, and whether to colour it: colour only on a terminal, unless NO_COLOR."""
    import os
    import shutil

    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((100, 24)).columns if tty else 100
    return min(max(width, 40), 160), tty and not os.environ.get("NO_COLOR")


#: Control characters (but the line break and the tab), C1 controls and the bidi overrides, and the colour codes
#: this program writes (kept: a colour cannot move the cursor or clear the screen). ``re`` is loaded by click.
_UNSAFE = re.compile("(\x1b\\[[0-9;]*m)|([\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069])")


def _safe(text: str, colour: bool = False) -> str:
    """``text`` with every control character a profile's free text may carry (ESC[2J clears a terminal, a carriage
    return overwrites a line, a bidi override reverses it) written as an escape, ``\\x1b``; with ``colour``, the
    colour codes (ESC [ digits m) are kept."""
    return _UNSAFE.sub(lambda m: (m.group(1) if colour and m.group(1) else
                                  m.group(0).encode("unicode_escape").decode("ascii")), text)


def _emit(text: str) -> None:
    """Print a command's output on standard output (its free text made safe for a terminal: ``_safe``)."""
    text = _safe(text, terminal()[1])
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _emit_json(data: Any) -> None:
    """Results as JSON for people and programs alike: indented by two spaces, written by orjson."""
    from eligibility.render.json_text import text

    _emit(text(data))


def _profile_paths(paths: list[Path]) -> list[Path]:
    """The profile files named, and those directly in the folders named; what a folder holds besides
    profile files (other extensions, subfolders, special files) is named on standard error as skipped."""
    import os
    import stat

    from eligibility.documents import SUFFIXES
    from eligibility.errors import clip, printable

    out: list[Path] = []
    for p in paths:
        if not p.is_dir():
            out.append(p)  # reading it says what is wrong with it
            continue
        for f in sorted(p.iterdir()):
            mode = os.lstat(f).st_mode
            if f.suffix.lower() in SUFFIXES and (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
                out.append(f)
                continue
            why = ("a folder (folders inside a folder are not read)" if stat.S_ISDIR(mode)
                   else "not a regular file" if f.suffix.lower() in SUFFIXES
                   else "not a .yaml, .yml, .json or .toml file")
            typer.echo(printable(clip(f"{f}: skipped: {why}", 400)), err=True)
    return out


def _no_profiles(given: list[Path]) -> UsageError:
    """The error for paths that hold no profile file, naming them."""
    from eligibility.errors import clip, printable

    named = ", ".join(str(p) for p in given)
    return UsageError(printable(clip(f"{named}: no profile file found (expected .yaml, .yml, .json or .toml files)",
                                     1000)))


def _load_one(path: Path, library: Any) -> Any:
    """A profile file, checked with the declaration keys the rules read (all its problems at once)."""
    from eligibility.declarations import declaration_keys
    from eligibility.profile.load import load_profile

    return load_profile(path, declarations=declaration_keys(library))


def _crash_line(path: Path, exc: BaseException) -> str:
    """One line for a failure that is not a known input problem, so that the other files still run."""
    from eligibility.errors import Problem

    return str(Problem(str(path), "$", f"could not be evaluated ({type(exc).__name__}: {exc}); please report "
                                       f"this file as a bug"))


def _guarded(path: Path, work: Callable[[], T]) -> T | None:
    """The result of ``work`` for one file, or None after printing why it failed on standard error: the
    lines of a known input problem, or one line for any other failure, so that the other files still run."""
    try:
        return work()
    except EligibilityError as exc:
        for line in exc.lines():
            typer.echo(line, err=True)
    except Exception as exc:  # one file's crash must not lose the other files' results
        typer.echo(_crash_line(path, exc), err=True)
    return None


@app.command()
def evaluate(
    profiles: Annotated[list[Path], typer.Argument(help="Profile files (YAML, JSON or TOML) or folders of them.")],
    as_of: AsOf = None,
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Only these program ids.")] = None,
    fmt: Fmt = Format.text,
    explain: Annotated[bool, typer.Option("--explain", help="Show every condition, not only failures.")] = False,
    engine: Annotated[str, typer.Option("--engine", help="native (reference) or durable.")] = "native",
    rules: Rules = None,
    what_if: WhatIf = None,
    set_: Sets = None,
    distance: Annotated[bool, typer.Option("--distance", help="For each program not eligible: what each failing or "
                                                              "unknown condition lacks, and when.")] = False,
) -> None:
    """Evaluate one or more profiles against every program (or the ones named); --what-if / --set compare."""
    from eligibility.api import evaluate as run
    from eligibility.engines.choose import engine_named

    day = parse_date(as_of)
    chosen_engine = engine_named(engine)
    library = _library(rules, resume=False)  # collection resumes after the first profile
    wanted = set(program) if program else None
    if wanted:
        for pid in wanted:
            library.program(pid)
    paths = _profile_paths(profiles)
    if not paths:
        raise _no_profiles(profiles)
    patches = _patches(what_if, set_)
    outputs: list[Any] = []
    failed = 0

    def one(path: Path) -> tuple[Any, Any, Any, Any]:
        """The profile, its evaluation and distance, or (with a what-if) the comparison of both sides."""
        profile = _load_one(path, library)
        if patches:
            return profile, None, None, _what_if_evaluation(profile, patches, day, wanted, chosen_engine, library,
                                                            fmt, explain, f"{path}" if len(paths) > 1 else None,
                                                            distance)
        evaluation = run(profile, day, wanted, chosen_engine, library)
        return profile, evaluation, _distance(profile, evaluation, library) if distance else None, None

    for index, path in enumerate(paths):
        if index == 1:
            _resume_collections()
        done = _guarded(path, partial(one, path))
        if done is None:
            failed += 1
            continue
        profile, evaluation, gaps, compared = done
        if compared is not None:
            outputs.append(compared)
            continue
        if fmt is Format.json:
            from eligibility.render.data import evaluation_data

            data = evaluation_data(evaluation)
            if gaps is not None:
                data["distance"] = gaps[0]
            outputs.append({"profile": str(path), **data} if len(paths) > 1 else data)
        elif fmt is Format.markdown:
            from eligibility.render.markdown import render_markdown

            reach = _within_reach(profile, evaluation, library)
            outputs.append(render_markdown(evaluation, explain, reach)
                           + ("\n\n" + "\n".join(gaps[1]) if gaps else ""))
        else:
            from eligibility.render.text import render_text

            width, colour = terminal()
            reach = _within_reach(profile, evaluation, library)
            outputs.append((f"== {path}\n" if len(paths) > 1 else "")
                           + render_text(evaluation, explain, reach, width=width, colour=colour)
                           + ("\n\n" + "\n".join(gaps[1]) if gaps else ""))
    if fmt is Format.json:
        _emit_json(outputs[0] if len(paths) == 1 and outputs else outputs)
    elif outputs:
        _emit("\n\n".join(outputs))
    if failed:
        raise typer.Exit(2)


def _distance(profile: Any, evaluation: Any, library: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The distance to eligibility as JSON-ready data and as lines of text."""
    from eligibility.timeline.distance import distance, distance_data, distance_text

    found = distance(profile, evaluation, library)
    return distance_data(found), distance_text(found)


def _patches(files: list[Path] | None, sets: list[str] | None) -> list[Any]:
    if not files and not sets:
        return []
    from eligibility.whatif.run import patches_from

    return patches_from(files or (), sets or ())


def _what_if_evaluation(profile: Any, patches: list[Any], day: dt.date, wanted: set[str] | None, engine: Any,
                        library: Any, fmt: Format, explain: bool, name: str | None, distance: bool = False) -> Any:
    """Both sides of a what-if on one date: the changes and the CRS, then the evaluation with the what-if (and,
    with ``distance``, what each program still lacks with it)."""
    from eligibility.render.markdown import render_markdown
    from eligibility.render.text import render_text
    from eligibility.whatif.compare import evaluation_comparison_data, evaluation_comparison_text
    from eligibility.whatif.run import evaluate_what_if, overlay

    comparison = evaluate_what_if(profile, patches, day, wanted, engine, library)
    gaps = _distance(overlay(profile, patches, library), comparison.after, library) if distance else None
    if fmt is Format.json:
        data = evaluation_comparison_data(comparison)
        if gaps is not None:
            data["distance"] = gaps[0]
        return {"profile": name, **data} if name else data
    head = "\n".join(evaluation_comparison_text(comparison))
    body = render_markdown(comparison.after) if fmt is Format.markdown else render_text(comparison.after, explain)
    tail = "\n\n" + "\n".join(gaps[1]) if gaps else ""
    return (f"== {name}\n" if name else "") + head + "\n\nWith the what-if:\n" + body + tail


@app.command("crs")
def crs_cmd(
    profiles: Annotated[list[Path], typer.Argument(help="Profile files (YAML, JSON or TOML) or folders of them.")],
    as_of: AsOf = None,
    fmt: Fmt = Format.text,
    improve: Annotated[bool, typer.Option("--improve", help="Also list the ways to raise the score, best first, "
                                                           "and the days in the next 12 months it falls.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show every evidence item and the sources.")] = False,
    rules: Rules = None,
) -> None:
    """The Comprehensive Ranking System score of one or more profiles, factor by factor."""
    from eligibility.api import crs as crs_with_rounds
    from eligibility.ranking.improve import improve as find_improvements
    from eligibility.ranking.report import improve_data, improve_lines, improve_markdown
    from eligibility.render.crs import crs_data, render_crs_markdown, render_crs_text

    day = parse_date(as_of)
    library = _library(rules)
    paths = _profile_paths(profiles)
    if not paths:
        raise _no_profiles(profiles)
    outputs: list[Any] = []
    failed = 0

    def one(path: Path) -> tuple[Any, Any]:
        """The CRS of one profile file, and the ways to raise it when asked."""
        profile = _load_one(path, library)
        return crs_with_rounds(profile, day, library), find_improvements(profile, day, library) if improve else None

    for index, path in enumerate(paths):
        if index == 1:
            _resume_collections()
        done = _guarded(path, partial(one, path))
        if done is None:
            failed += 1
            continue
        result, found = done
        if fmt is Format.json:
            data = crs_data(result)
            if found is not None:
                data["improve"] = improve_data(found)
            outputs.append({"profile": str(path), **data} if len(paths) > 1 else data)
        else:
            text = render_crs_markdown(result) if fmt is Format.markdown else render_crs_text(result, explain)
            if found is not None:
                more = improve_markdown(found) if fmt is Format.markdown else ["", *improve_lines(found)]
                text = text.rstrip("\n") + "\n" + "\n".join(more) + "\n"
            outputs.append((f"== {path}\n" if len(paths) > 1 and fmt is Format.text else "") + text)
    if fmt is Format.json:
        _emit_json(outputs[0] if len(paths) == 1 and outputs else outputs)
    elif outputs:
        _emit("\n\n".join(outputs))
    if failed:
        raise typer.Exit(2)


@app.command("explain")
def explain_cmd(program: Annotated[str, typer.Argument(help="A program id, e.g. express-entry/cec.")],
                as_of: AsOf = None, fmt: Fmt = Format.text, rules: Rules = None) -> None:
    """A program's rules on a date, in plain language, with citations and dates."""
    from eligibility.explain import explain_data, explain_text
    from eligibility.render.commands_md import explain_markdown

    day, library = parse_date(as_of), _library(rules)
    if fmt is Format.json:
        _emit(json.dumps(explain_data(library, program, day), indent=2, ensure_ascii=False))
    elif fmt is Format.markdown:
        _emit(explain_markdown(explain_data(library, program, day)))
    else:
        _emit(explain_text(library, program, day))


@app.command()
def programs(as_of: AsOf = None, fmt: Fmt = Format.text, rules: Rules = None) -> None:
    """What is encoded, the dates of each version, and each program's state on a date."""
    from eligibility.explain import programs_data, programs_text
    from eligibility.render.commands_md import programs_markdown

    day = parse_date(as_of) if as_of else None
    library = _library(rules)
    if fmt is Format.json:
        _emit(json.dumps(programs_data(library, day), indent=2))
    elif fmt is Format.markdown:
        _emit(programs_markdown(programs_data(library, day), day.isoformat() if day else None))
    else:
        _emit(programs_text(library, day))


@app.command()
def check(folder: Annotated[Path | None, typer.Argument(help="A rules folder (default: the packaged rulesets).")]
          = None) -> None:
    """Validate every ruleset of a folder: keys, dates, NOC codes, references, citations, cycles."""
    from eligibility.rulebook.library import load_library

    library = load_library(folder)
    typer.echo(f"ok: {len(library.programs)} programs, {len(library.grids)} grids, {len(library.tables)} tables "
               f"in {library.root} (sha256 {library.digest[:12]})")


@app.command()
def schema() -> None:
    """Print the JSON Schema of profile files."""
    from eligibility.schema import profile_schema

    _emit(json.dumps(profile_schema(), indent=2))


@app.command("diff")
def diff_cmd(profile: Annotated[Path, typer.Argument(help="A profile file.")],
             as_of: Annotated[list[str], typer.Option("--as-of", help="Give twice: the two dates.")],
             program: Annotated[list[str] | None,
                                typer.Option("--program", "-p", help="Only these program ids.")] = None,
             fmt: Fmt = Format.text, rules: Rules = None,
             everything: Annotated[bool, typer.Option("--all", help="Also list the programs that do not change.")]
             = False) -> None:
    """Which verdicts and conditions change for a profile between two dates, and why."""
    from eligibility.declarations import check_declarations
    from eligibility.diff import diff, diff_data, diff_text
    from eligibility.render.commands_md import diff_markdown

    if len(as_of) != 2:
        raise UsageError(f"--as-of: expected two dates (--as-of A --as-of B), found {len(as_of)}")
    a, b = (parse_date(d) for d in as_of)
    library = _library(rules)
    person = _load_one(profile, library)
    check_declarations(person, library, str(profile))
    result = diff(person, a, b, library, set(program) if program else None, True)
    if fmt is Format.json:
        _emit_json(diff_data(result))
    elif fmt is Format.markdown:
        _emit(diff_markdown(diff_data(result), everything))
    else:
        _emit(diff_text(result, everything))


@app.command("plan")
def plan_cmd(
    profile: Annotated[Path, typer.Argument(help="A profile file (YAML, JSON or TOML).")],
    start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: today).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="The day after the last, YYYY-MM-DD "
                                                              "(default: 3 years after --from).")] = None,
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Only these program ids.")] = None,
    fmt: Fmt = Format.text,
    rules: Rules = None,
    what_if: WhatIf = None,
    set_: Sets = None,
) -> None:
    """Each program's verdict over time, exact to the day, with the cause of every change (and the CRS)."""
    from eligibility.api import plan
    from eligibility.dates import months_before
    from eligibility.timeline.render import plan_data, plan_markdown, plan_text

    first = parse_date(start, "--from")
    last = parse_date(until, "--until") if until else months_before(first, -36)
    if last <= first:
        raise UsageError(f"--until: expected a day after --from {first}, found {last}")
    library = _library(rules)
    for pid in program or ():
        library.program(pid)
    patches = _patches(what_if, set_)
    if patches:
        from eligibility.declarations import check_declarations
        from eligibility.whatif.compare import plan_comparison_data, plan_comparison_text
        from eligibility.whatif.run import plan_what_if

        person = _load_one(profile, library)
        check_declarations(person, library, str(profile))
        comparison = plan_what_if(person, patches, first, last, program or None, library)
        if fmt is Format.json:
            _emit_json(plan_comparison_data(comparison))
        else:
            _emit(plan_comparison_text(comparison) + "\n\nWith the what-if:\n\n"
                  + (plan_markdown(comparison.after) if fmt is Format.markdown else plan_text(comparison.after)))
        return
    result = plan(_load_one(profile, library), first, last, program or None, library)
    if fmt is Format.json:
        _emit_json(plan_data(result))
    elif fmt is Format.markdown:
        _emit(plan_markdown(result))
    else:
        _emit(plan_text(result))


@app.command()
def occupations(code: Annotated[str, typer.Argument(help="A NOC 2021 unit group code.")],
                as_of: AsOf = None, fmt: Fmt = Format.text, rules: Rules = None) -> None:
    """Which programs' occupation rules include a NOC code on a date (and since when, until when)."""
    from eligibility.listings import occupation_data, occupation_text, skilled_words
    from eligibility.noc import noc_table
    from eligibility.suggest import did_you_mean_any

    table = noc_table()
    if code not in table:
        raise UsageError(f"expected a NOC 2021 unit group code, found {code!r}"
                         f"{did_you_mean_any(table.suggest(code, successors=True))}")
    from eligibility.render.commands_md import occupation_markdown

    day, library = parse_date(as_of), _library(rules)
    if fmt is Format.json:
        _emit(json.dumps(occupation_data(library, code, day), indent=2))
    elif fmt is Format.markdown:
        data = occupation_data(library, code, day)
        _emit(occupation_markdown(data, skilled_words(data["express_entry_skilled"])))
    else:
        _emit(occupation_text(library, code, day))


@app.command("batch")
def batch_cmd(
    source: Annotated[Path, typer.Argument(help="A JSONL file (one profile a line) or a folder of profile files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Results: one JSON line per good row.")],
    errors: Annotated[Path | None, typer.Option("--errors", help="Bad rows, one JSON line each (default: "
                                                                 "OUT with .errors.jsonl).")] = None,
    as_of: AsOf = None,
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Only these program ids.")] = None,
    verdicts_only: Annotated[bool, typer.Option("--verdicts-only", help="Verdicts and CRS, not full results.")]
    = False,
    workers: Annotated[int | None, typer.Option("--workers", help="Processes (default: the number of cores).")]
    = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip the rows already in --out and --errors.")] = False,
    summary: Annotated[Path | None, typer.Option("--summary", help="Also write programs by verdict as CSV.")] = None,
    rules: Rules = None,
) -> None:
    """Evaluate a whole caseload: every row ends in the results or the errors file; exit 2 if any row failed."""
    import os

    from eligibility.batch.run import run_batch

    day, library = parse_date(as_of), _library(rules)
    wanted = set(program) if program else None
    for pid in wanted or ():
        library.program(pid)
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 1:
        raise UsageError(f"--workers: expected 1 or more, found {count}")
    errors = errors or out.with_name(out.name.removesuffix(".jsonl") + ".errors.jsonl")
    result = run_batch(source, out, errors, day, library, wanted, verdicts_only, count, resume,
                       str(rules) if rules else None, progress=sys.stderr.isatty())
    typer.echo(result.text(), err=True)
    if summary is not None:
        summary.write_text(result.csv(), encoding="utf-8")
    if result.bad:
        raise typer.Exit(2)


class ImpactFormat(StrEnum):
    """Impact formats."""

    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


@app.command("impact")
def impact_cmd(
    source: Annotated[Path, typer.Argument(help="A JSONL file (one profile a line) or a folder of profile files.")],
    before: Annotated[str, typer.Option("--from", help="The first date, YYYY-MM-DD.")],
    after: Annotated[str, typer.Option("--to", help="The second date, YYYY-MM-DD.")],
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Only these program ids.")] = None,
    fmt: Annotated[ImpactFormat, typer.Option("--format", "-f", help="text, json, csv or markdown.")]
    = ImpactFormat.text,
    rules: Rules = None,
) -> None:
    """Who changes verdict between two dates, program by program, which way and why (with their ids)."""
    from eligibility.batch.impact import impact, impact_csv, impact_text
    from eligibility.batch.rows import input_rows

    a, b = parse_date(before, "--from"), parse_date(after, "--to")
    if b <= a:
        raise UsageError(f"--to: expected a day after --from {a}, found {b}")
    library = _library(rules)
    wanted = set(program) if program else None
    for pid in wanted or ():
        library.program(pid)
    result = impact(input_rows(source), a, b, library, wanted)
    if fmt is ImpactFormat.json:
        _emit(json.dumps(result.data(), indent=2, ensure_ascii=False))
    elif fmt is ImpactFormat.csv:
        _emit(impact_csv(result))
    else:
        _emit(impact_text(result, markdown=fmt is ImpactFormat.markdown))


class ReportFormat(StrEnum):
    """Report formats."""

    html = "html"
    markdown = "markdown"


@app.command("report")
def report_cmd(
    profiles: Annotated[list[Path], typer.Argument(help="Profile files (YAML, JSON or TOML) or folders of them.")],
    as_of: AsOf = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="html or markdown.")] = ReportFormat.html,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="A file (one profile) or a folder (several); "
                                                                 "standard output when absent.")] = None,
    rules: Rules = None,
) -> None:
    """A report a consultant can hand to a client: the answer, the CRS, a timeline, what to do next, sources."""
    from eligibility.api import report as make_report

    day, library = parse_date(as_of), _library(rules)
    paths = _profile_paths(profiles)
    if not paths:
        raise _no_profiles(profiles)
    suffix = ".html" if fmt is ReportFormat.html else ".md"
    to_folder = out is not None and (len(paths) > 1 or out.is_dir() or not out.suffix)
    if out is not None and to_folder:
        out.mkdir(parents=True, exist_ok=True)
    elif out is None and len(paths) > 1:
        raise UsageError("--out: expected a folder for the reports of several profiles, found none")
    failed = 0
    for path in paths:
        text = _guarded(path, partial(make_report, path, day, fmt.value, library))
        if text is None:
            failed += 1
            continue
        if out is None:
            _emit(text)
            continue
        target = out / (path.stem + suffix) if to_folder else out
        target.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {target}", err=True)
    if failed:
        raise typer.Exit(2)


@app.command()
def serve(host: Annotated[str, typer.Option("--host", help="Address to listen on (default: loopback only).")]
          = "127.0.0.1",
          port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
          rules: Rules = None) -> None:
    """Run the HTTP service and its web page (needs the server extra); beyond loopback only with an API key."""
    from eligibility.server import serve as run

    _resume_collections()
    run(host, port, str(rules) if rules else None)


def _mount_noc() -> None:
    from eligibility.noc_cli import app as noc_app

    app.add_typer(noc_app, name="noc")


_mount_noc()


def _mount_draws() -> None:
    from eligibility.draws.cli import app as draws_app

    app.add_typer(draws_app, name="draws")


_mount_draws()


def _usage_line(exc: Any) -> str | None:
    """A click usage error as one printable line: its message and where the help is (click prints the usage
    block, a hint and a blank line before its message); None for an error that is not one (the help click
    shows for a command line with no command)."""
    # By class name: typer vendors click from 0.2x (typer._click) and used click itself before.
    kinds = {c.__name__ for c in type(exc).__mro__}
    if "UsageError" not in kinds or "NoArgsIsHelpError" in kinds:
        return None
    from eligibility.errors import printable

    # "Value error, " is pydantic's wording of a rejected choice, kept by typer (and cli_coerce): it says nothing.
    message = exc.format_message().replace(": Value error, ", ": ").rstrip(".")
    ctx = getattr(exc, "ctx", None)
    where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
    return printable(f"{message}{where}")


def main() -> None:
    """Entry point: run the app; problems with input print as lines and exit 2, never a traceback."""
    codecache.enable()  # before the command imports the package's classes, whose methods attrs compiles
    _pause_collections()
    try:
        # Outside standalone mode click returns the exit code of typer.Exit instead of raising it.
        with plain_coercion():
            code = run_app(app, standalone_mode=False)
    except EligibilityError as exc:
        for line in exc.lines():
            typer.echo(line, err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(1)
    except OSError as exc:
        # A file that cannot be written (an --out in a folder that does not exist, a full disk): one line naming
        # it, never a traceback.
        from eligibility.errors import printable

        where = f"{exc.filename}: " if exc.filename is not None else ""
        typer.echo(printable(f"{where}{exc.strerror or exc}"), err=True)
        sys.exit(2)
    except Exception as exc:
        # click's usage errors (a value an option cannot take, an unknown option or command, a missing argument):
        # one line, as the program's own; a command line with no command prints the help.
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):
            usage = _usage_line(exc)
            if usage is None:
                show()
            else:
                typer.echo(usage, err=True)
            sys.exit(int(exc.exit_code))
        raise
    finally:
        _resume_collections()  # on for whoever called main (the tests), if the rules were not loaded
        codecache.save()
    sys.exit(code if isinstance(code, int) else 0)


__all__ = ["Problem", "app", "main"]

_freeze_once("start")  # before collection is on again, which would otherwise walk all that was loaded at once
if _COLLECTING:
    gc.enable()


if __name__ == "__main__":
    main()
