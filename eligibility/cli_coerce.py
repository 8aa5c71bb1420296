"""Typer's coercion of command-line values for the plain types of this CLI, without importing pydantic.

Typer (from 0.2x) coerces every parameter value through a pydantic ``TypeAdapter``, and importing
pydantic costs about as much as importing typer and rich together: more than any command needs. The
parameters here are text, paths, flags and choices (enums), lists of text or paths, and integers
given as defaults. For those, :func:`plain_coercion` coerces each value exactly as typer's adapters do,
with the same results and the same error messages (``tests/test_cli_coerce.py`` compares both); any
other value (an integer typed on the command line, a date, a literal, a file) goes through typer's own
coercion, as does everything when typer is laid out otherwise than this module expects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

#: What a plain coercion returns when it leaves a value to typer's own coercion.
_DEFER = object()

Coerce = Callable[[Any, Any, Any], Any]


def _text(value: Any, param: Any, ctx: Any) -> Any:
    return value if isinstance(value, str) else _DEFER


def _flag(value: Any, param: Any, ctx: Any) -> Any:
    return value if isinstance(value, bool) else _DEFER


def _integer(value: Any, param: Any, ctx: Any) -> Any:
    # A default (an int already); text typed on the command line is parsed by typer's adapter.
    return value if type(value) is int else _DEFER


def _path_of(parameter_info: Any, path_type: type[Any]) -> Coerce:
    from typer._param_types import coerce_cli_path

    def coerce(value: Any, param: Any, ctx: Any) -> Any:
        if not isinstance(value, str | path_type):
            return _DEFER
        # pydantic's Path validation of text is the Path of that text; typer checks the rest.
        return coerce_cli_path(path_type(value), parameter_info, path_type=path_type, param=param, ctx=ctx)

    return coerce


def _choice_of(choices: tuple[Any, ...], case_sensitive: bool) -> Coerce:
    from typer._click.exceptions import BadParameter
    from typer._click.utils import _escape_control_characters
    from typer._param_types import coerce_cli_choice

    def coerce(value: Any, param: Any, ctx: Any) -> Any:
        try:
            return coerce_cli_choice(value, choices=choices, case_sensitive=case_sensitive, ctx=ctx)
        except ValueError as exc:  # pydantic words a validator's ValueError so: "Value error, ..."
            raise BadParameter(_escape_control_characters(f"Value error, {exc}"), ctx=ctx, param=param) from None

    return coerce


def _leaf(annotation: Any, parameter_info: Any) -> Coerce | None:
    """The plain coercion of one value of ``annotation``, or None when typer's own is needed."""
    if annotation is str:
        return _text
    if annotation is bool:
        return _flag
    if annotation is int and parameter_info.min is None and parameter_info.max is None:
        return _integer
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return _choice_of(tuple(annotation), parameter_info.case_sensitive)
    path_type = parameter_info.path_type or annotation
    if _is_path(annotation) and _is_path(path_type):
        return _path_of(parameter_info, path_type)
    return None


def _is_path(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Path)


def _plain(descriptor: Any) -> Coerce | None:
    """The plain coercion of a parameter's value, or None when typer's own is needed."""
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return None
    if get_origin(descriptor.annotation) is list:
        (item,) = get_args(descriptor.annotation)
        one = _leaf(item, info) if item is str or _is_path(item) else None
        if one is None:
            return None

        def each(value: Any, param: Any, ctx: Any) -> Any:
            items = [one(v, param, ctx) for v in (value if isinstance(value, list | tuple) else [value])]
            return _DEFER if any(v is _DEFER for v in items) else items

        return each
    return _leaf(descriptor.annotation, info)


@contextmanager
def plain_coercion() -> Iterator[None]:
    """While the block runs, typer coerces the plain parameter types without pydantic (see the module)."""
    try:
        from dataclasses import dataclass, field

        from typer import _coercion
        from typer import core as typer_core
        original = typer_core.build_runtime_param  # type: ignore[attr-defined]
        base = _coercion.RuntimeParam
    except (ImportError, AttributeError):  # an older or newer typer: its own coercion throughout
        yield
        return

    @dataclass(frozen=True)
    class PlainRuntimeParam(base):  # type: ignore[misc,valid-type]
        """A parameter coerced by ``plain``; values it leaves go to typer's runtime parameter, built on demand."""

        plain: Coerce = field(default=_text)
        descriptor: Any = None

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            done = self.plain(value, param, ctx)
            if done is _DEFER:
                return original(self.descriptor)._coerce_value(value, param=param, ctx=ctx)
            return done

    def build(descriptor: Any) -> Any:
        plain = _plain(descriptor)
        if plain is None:
            return original(descriptor)
        return PlainRuntimeParam(parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
                                 plain=plain, descriptor=descriptor)

    typer_core.build_runtime_param = build  # type: ignore[attr-defined]
    try:
        yield
    finally:
        with suppress(AttributeError):
            typer_core.build_runtime_param = original  # type: ignore[attr-defined]
