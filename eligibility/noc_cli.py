"""`eligibility noc ...`: show, search, match and convert NOC codes from the command line.

It lives outside ``eligibility/noc/`` because `show` and `convert` also say what a code opens, which
needs the rules: the ``noc`` package itself knows only the classification.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from eligibility.errors import EligibilityError, UsageError

P = ParamSpec("P")

app = typer.Typer(
    name="noc",
    help="National Occupational Classification (NOC) 2021: look up, search, match duties, convert from 2016.",
    no_args_is_help=True,
    add_completion=False,
)


class Format(StrEnum):
    """Output format of every command."""

    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text or json")]
NocDataOpt = Annotated[
    Path | None,
    typer.Option(
        "--noc-data",
        help="StatCan NOC file or folder with lead statements and main duties (else $ELIGIBILITY_NOC_DATA)",
    ),
]


def _user_errors(command: Callable[P, None]) -> Callable[P, None]:
    # The main CLI also catches these; catching here too keeps `noc` right when run or tested alone.
    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            command(*args, **kwargs)
        except EligibilityError as exc:
            for line in exc.lines():
                typer.echo(f"error: {line}", err=True)
            raise typer.Exit(2) from None

    return run


def _emit(result: object, lines: list[str], fmt: Format) -> None:
    from eligibility.noc.render import to_json

    typer.echo(to_json(result) if fmt is Format.json else "\n".join(lines))


@app.command()
@_user_errors
def show(
    code: Annotated[str, typer.Argument(help="NOC 2021 unit group code, e.g. 21231")],
    noc_data: NocDataOpt = None,
    all_examples: Annotated[bool, typer.Option("--all-examples", help="list every example title")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="date for what the code opens (default: today)")]
    = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """Title, TEER, hierarchy, examples, what the code opens on a date; lead statement and duties if available."""
    import attrs

    from eligibility.api import rules
    from eligibility.listings import opens_section
    from eligibility.noc.render import render_show
    from eligibility.noc.show import show_unit_group

    result = show_unit_group(code, noc_data)
    result = attrs.evolve(result, sections=(*result.sections, opens_section(rules(), result.code, _date(as_of))))
    _emit(result, render_show(result, None if all_examples else 12), fmt)


@app.command()
@_user_errors
def search(
    query: Annotated[list[str], typer.Argument(help='a job title, e.g. "machine learning engineer"')],
    limit: Annotated[int, typer.Option("--limit", "-n", help="number of results")] = 10,
    fmt: FormatOpt = Format.text,
) -> None:
    """Unit groups whose class or example titles best match a job title."""
    from eligibility.noc.render import render_search
    from eligibility.noc.search import search_titles

    result = search_titles(" ".join(query), limit=limit)
    _emit(result, render_search(result), fmt)


@app.command()
@_user_errors
def match(
    duties: Annotated[str, typer.Option("--duties", "-d", help="text file with the duties, or - for stdin")],
    noc_data: NocDataOpt = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="number of unit groups")] = 5,
    detail: Annotated[int, typer.Option("--detail", help="how many get duty-by-duty coverage")] = 3,
    fmt: FormatOpt = Format.text,
) -> None:
    """Unit groups whose NOC lead statement and main duties best match duties from a reference letter."""
    from eligibility.noc.elements import load_noc_text
    from eligibility.noc.match import match_duties
    from eligibility.noc.render import render_match

    if duties == "-":
        letter = sys.stdin.read()
    else:
        path = Path(duties)
        if not path.is_file():
            raise UsageError(f"duties file {duties} does not exist")
        try:
            letter = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"cannot read duties file {duties}: {exc}") from exc
    if limit < 1:
        raise UsageError("--limit must be at least 1")
    result = match_duties(letter, load_noc_text(noc_data), limit=limit, detail=detail)
    _emit(result, render_match(result), fmt)


@app.command()
@_user_errors
def convert(
    code: Annotated[str, typer.Argument(help="NOC 2016 code, 4 digits, e.g. 2173 or 0213")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="date for what each code opens (default: today)")]
    = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """NOC 2016 V1.3 code to NOC 2021 V1.0 unit groups, with the type of change and what each opens."""
    from eligibility.api import rules
    from eligibility.listings import occupation_data, opens_section
    from eligibility.noc.concordance import convert_2016
    from eligibility.noc.render import render_convert

    result = convert_2016(code)
    day = _date(as_of)
    codes = list(dict.fromkeys(r.noc2021 for r in result.rows))
    if fmt is Format.json:
        import json

        from eligibility.noc.render import to_json

        data = {**json.loads(to_json(result)), "opens": [occupation_data(rules(), c, day) for c in codes]}
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    lines = render_convert(result)
    for section in (opens_section(rules(), c, day) for c in codes):
        lines += ["", section.heading, *(f"  {line}" for line in section.lines)]
    _emit(result, lines, fmt)


def _date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of: expected a date YYYY-MM-DD, found {text!r}") from None


def main() -> None:
    """Run the NOC commands alone (`python -m eligibility.noc`), printing user errors as one line, exit 2."""
    try:
        # In standalone mode typer handles its own usage errors (exit 2) and lets ours through.
        app()
    except EligibilityError as exc:
        for line in exc.lines():
            typer.echo(f"error: {line}", err=True)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
