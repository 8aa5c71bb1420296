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
) -> None:
    """Rounds of invitations by type and category (bundled table, or the newer feed fetched by 'draws update')."""
    if ctx.invoked_subcommand is not None:
        return
    from eligibility.draws import listing
    from eligibility.draws.table import current_table

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
