"""Run a typer app after building the click command of only the command named on the command line.

Typer builds the click command of every command and sub-command of an app at each start (reading each
function's signature and type hints, about a hundred parameters here) although one of them runs. When
the first word of the command line names one of the app's commands or sub-groups, :func:`run` builds
a group of that one alone, with the app's settings, and runs it the way ``Typer.__call__`` does. Any
other command line (no command, ``--help``, a name that is not a command, which gets typer's "did you
mean") runs the whole app. ``tests/test_cli_build.py`` checks that both give the same output.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from typing import Any

import typer


def _name_of(info: Any) -> str | None:
    """The command-line name of a registered command or sub-group, as typer derives it."""
    from typer.main import get_command_name

    if info.name:
        return str(info.name)
    callback = getattr(info, "callback", None)
    return get_command_name(callback.__name__) if callback is not None and hasattr(callback, "__name__") else None


def narrowed(app: typer.Typer, argv: Sequence[str]) -> typer.Typer | None:
    """A copy of ``app`` holding only the command or sub-group that ``argv`` names; None for any other argv."""
    name = argv[0] if argv and not argv[0].startswith("-") else None
    if name is None or app.registered_callback is not None:
        return None
    commands = [c for c in app.registered_commands if _name_of(c) == name]
    groups = [g for g in app.registered_groups if _name_of(g) == name]
    if len(commands) + len(groups) != 1:
        return None
    narrow = copy.copy(app)
    narrow.registered_commands = commands
    narrow.registered_groups = groups
    return narrow


def run(app: typer.Typer, argv: Sequence[str] | None = None, **kwargs: Any) -> Any:
    """Run ``app`` on ``argv`` (default: the process's arguments) as ``app(**kwargs)`` would."""
    try:
        from typer.main import except_hook, get_group
    except ImportError:  # another typer: build everything
        return app(**kwargs)
    narrow = narrowed(app, sys.argv[1:] if argv is None else argv)
    if narrow is None:
        return app(**kwargs)
    # What Typer.__call__ does, with a group of the one command (typer would make a lone command the app).
    if sys.excepthook != except_hook:
        sys.excepthook = except_hook
    try:
        return get_group(narrow)(**kwargs)
    except Exception as exc:
        try:
            from typer.main import _typer_developer_exception_attr_name
            from typer.models import DeveloperExceptionConfig

            setattr(exc, _typer_developer_exception_attr_name, DeveloperExceptionConfig(
                pretty_exceptions_enable=app.pretty_exceptions_enable,
                pretty_exceptions_show_locals=app.pretty_exceptions_show_locals,
                pretty_exceptions_short=app.pretty_exceptions_short))
        except ImportError:
            pass
        raise
