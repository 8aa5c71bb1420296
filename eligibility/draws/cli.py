"""``eligibility draws``: list rounds of invitations, show which a score would have met, update from IRCC."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from typing import Annotated

import typer

from eligibility.errors import UsageError

app = typer.Typer(name="draws", add_completion=False,
                  help="Express Entry rounds of invitations: by type and category, the ones a score met, updates.")


class Format(StrEnum):
    """Output formats."""

    text = "text"
    json = "json"
    markdown = "markdown"


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option}: expected a date YYYY-MM-DD, found {text!r}") from None


def _emit(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@app.callback(invoke_without_command=True)
def draws(
    ctx: typer.Context,
    since: Annotated[str | None, typer.Option("--since", help="First date, YYYY-MM-DD (inclusive).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last date, YYYY-MM-DD (inclusive).")] = None,
    category: Annotated[list[str] | None, typer.Option(
        "--category", "-c", help="Only rounds of this type: general, express-entry/cec, provincial-nominee, "
                                 "category/healthcare, ... (repeatable).")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or markdown.")] = Format.text,
    show_unmapped: Annotated[bool, typer.Option(
        "--unmapped", help="List the round names that map to no round type (kept as 'other').")] = False,
    score: Annotated[str | None, typer.Option(
        "--score", help="A CRS score (or a range LOW-HIGH): show the recent rounds it met.")] = None,
    eligible: Annotated[list[str] | None, typer.Option(
        "--eligible", "-e", help="With --score: a program id the person is eligible for (repeatable).")] = None,
    nominated: Annotated[bool, typer.Option(
        "--nominated", help="With --score: the person holds a provincial nomination.")] = False,
    as_of: Annotated[str | None, typer.Option("--as-of", help="With --score: the date (default: today).")] = None,
) -> None:
    """Rounds of invitations by type and category (bundled table, or the newer feed fetched by 'draws update')."""
    if ctx.invoked_subcommand is not None:
        return
    from eligibility.draws import listing
    from eligibility.draws.table import current_table

    if score is not None:
        _met(score, eligible or [], nominated, _date(as_of, "--as-of") or dt.date.today(), fmt)
        return
    if eligible or nominated or as_of:
        raise UsageError("--eligible, --nominated and --as-of go with --score N")
    first, last = _date(since, "--since"), _date(until, "--until")
    if first and last and last < first:
        raise UsageError(f"--until: expected a date on or after --since {first}, found {last}")
    table, note = current_table()
    if show_unmapped:
        _emit(json.dumps(listing.unmapped_data(table), indent=2) if fmt is Format.json
              else listing.unmapped_text(table))
        return
    selection = listing.select(table, first, last, category, note)
    if fmt is Format.json:
        _emit(json.dumps(listing.selection_data(selection), indent=2, ensure_ascii=False))
    elif fmt is Format.markdown:
        _emit(listing.selection_markdown(selection))
    else:
        _emit(listing.selection_text(selection))


def _score(text: str) -> tuple[int, int]:
    low, _, high = text.partition("-")
    if not (low.strip().isdigit() and (not high or high.strip().isdigit())):
        raise UsageError(f"--score: expected a score N or a range LOW-HIGH, found {text!r}")
    pair = int(low), int(high or low)
    if pair[0] > pair[1] or pair[1] > 1200:
        raise UsageError(f"--score: expected 0 <= LOW <= HIGH <= 1200, found {text!r}")
    return pair


def _met(score: str, eligible: list[str], nominated: bool, day: dt.date, fmt: Format) -> None:
    from eligibility.draws.kinds import GENERAL, OTHER, PROVINCIAL_NOMINEE, ROUND_TYPES
    from eligibility.draws.met import rounds_met
    from eligibility.draws.render import rounds_met_lines, rounds_met_markdown
    from eligibility.suggest import did_you_mean

    pair = _score(score)
    programs = [p for p in ROUND_TYPES if p not in (GENERAL, PROVINCIAL_NOMINEE, OTHER)]
    for pid in eligible:
        if pid not in programs:
            raise UsageError(f"--eligible: expected a program id ({', '.join(programs)}), "
                             f"found {pid!r}{did_you_mean(pid, programs)}")
    result = rounds_met(pair, eligible, nominated, day)
    if fmt is Format.json:
        _emit(json.dumps(result.data(), indent=2, ensure_ascii=False))
    elif fmt is Format.markdown:
        _emit("\n".join(rounds_met_markdown(result, 1)))
    else:
        _emit("\n".join(rounds_met_lines(result)))


@app.command("update")
def update_cmd(
    url: Annotated[str | None, typer.Option("--url", help="The feed's address (default: IRCC's).")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for the server.")] = 30.0,
) -> None:
    """Fetch IRCC's rounds feed, check it, and store it in the user's cache (atomically)."""
    from eligibility.draws.feed import FEED_URL
    from eligibility.draws.update import update

    table = update(url or FEED_URL, timeout=timeout)
    _emit(f"updated: {len(table.rounds)} rounds from {table.source} written to {table.path}; "
          f"rounds known up to {table.last_round}")
