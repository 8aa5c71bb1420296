"""The ruleset converter: cattrs configured to read ruleset YAML into the model (tagged unions, renamed keys).

Nothing is registered at import time: ``ruleset_converter()`` builds a strict converter and configures
it, once, when rules are first loaded or written.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from eligibility.converter import describe_value, make_converter, mapping_only
from eligibility.rulebook import crs_checks
from eligibility.rulebook.model import (
    LEAF_KINDS,
    CertificateCondition,
    Citation,
    Composite,
    Condition,
    Confidence,
    EducationCondition,
    JobOfferCondition,
    LanguageCondition,
    Leaf,
    Version,
)
from eligibility.rulebook.tables import FACTOR_KINDS, AmountVersion, Factor, GridVersion
from eligibility.suggest import did_you_mean

_OPS = ("all", "any", "not", "at_least")
_COMPOSITE_KEYS = {"id", "says", "quote", "citations", "confidence", "note", "of", *_OPS}


#: A composite's fields besides its operator and children, with their types; all but id are optional.
_FIELDS: tuple[tuple[str, Any], ...] = (
    ("id", str), ("says", str | None), ("quote", str | None), ("note", str | None),
    ("citations", tuple[Citation, ...]), ("confidence", Confidence | None))


def _with_attribute(exc: Exception, name: str, type_: Any) -> Exception:
    """``exc`` noted as the problem of attribute ``name`` (of type ``type_``): the note must sit on the very
    exception the composite's group holds, or the message cannot name the key."""
    exc.add_note(cattrs.AttributeValidationNote(f"Structuring Composite @ attribute {name}", name, type_))
    return exc


def _composite(conv: cattrs.Converter, data: dict[str, Any]) -> Composite:
    ops = [k for k in _OPS if k in data]
    if len(ops) != 1:
        raise ValueError(f"expected exactly one of {', '.join(_OPS)} in a composite condition, found {len(ops)}")
    op = ops[0]
    errors: list[Exception] = []
    for key in sorted(set(data) - _COMPOSITE_KEYS):
        # Worded as cattrs words a leaf's unknown key, so that the message names it in the path the same way.
        errors.append(ValueError(f"unknown key {key!r}{did_you_mean(key, sorted(_COMPOSITE_KEYS))}"))
    if "id" not in data:
        errors.append(_with_attribute(KeyError("id"), "id", str))
    fields: dict[str, Any] = {}
    for name, type_ in _FIELDS:
        if name in data:
            try:
                fields[name] = conv.structure(data[name], type_)
            except Exception as exc:
                errors.append(_with_attribute(exc, name, type_))
    if op == "at_least":
        if "of" not in data:
            errors.append(_with_attribute(KeyError("of"), "of", tuple[Condition, ...]))
        try:
            fields["n"] = conv.structure(data["at_least"], int)
        except ValueError as exc:
            errors.append(_with_attribute(exc, "at_least", int))
    try:
        # not holds one condition (a problem in it is at .not.field); the others a list of them.
        if op == "not":
            fields["children"] = (conv.structure(data["not"], Condition),)  # type: ignore[arg-type]  # a union
        else:
            fields["children"] = conv.structure(data.get("of", []) if op == "at_least" else data[op],
                                                tuple[Condition, ...])
    except Exception as exc:
        errors.append(_with_attribute(exc, "of" if op == "at_least" else op, tuple[Condition, ...]))
    if errors:
        raise ClassValidationError("While structuring a composite condition", errors, Composite)
    return Composite(op=op, **fields)  # type: ignore[arg-type]  # op is one of _OPS


def _condition(conv: cattrs.Converter, data: Any) -> Condition:
    if not isinstance(data, dict):
        raise ValueError(f"expected a condition (a mapping), found {describe_value(data)}")
    if any(op in data for op in _OPS):
        return _composite(conv, data)
    kind = data.get("kind")
    if kind is None:
        raise ValueError("expected a condition with a kind (or all / any / not / at_least), found no kind")
    cls = LEAF_KINDS.get(kind) if isinstance(kind, str) else None  # a list or mapping is no kind (nor hashable)
    if cls is None:
        raise ValueError(f"unknown condition kind {kind!r}{did_you_mean(str(kind), LEAF_KINDS)}; "
                         f"known kinds: {', '.join(sorted(LEAF_KINDS))}")
    result: Condition = conv.structure(data, Leaf)  # type: ignore[arg-type]  # the tagged union of leaf kinds
    return result


def _unstructure_composite(conv: cattrs.Converter, c: Composite) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id}
    if c.says:
        out["says"] = c.says
    if c.quote:
        out["quote"] = c.quote
    kids = [conv.unstructure(k, Condition) for k in c.children]
    if c.op == "at_least":
        out["at_least"], out["of"] = c.n, kids
    elif c.op == "not":
        out["not"] = kids[0]
    else:
        out[c.op] = kids
    if c.citations:
        out["citations"] = conv.unstructure(c.citations)
    if c.confidence:
        out["confidence"] = c.confidence
    if c.note:
        out["note"] = c.note
    return out


#: Fields the rulebook fills in when a version loads (resolved references); files never state them.
RESOLVED = {LanguageCondition: "teer_source", CertificateCondition: "trade_source",
            JobOfferCondition: "trade_source", EducationCondition: "primary_source"}


def _kind_of(cls: type) -> str:
    """The ``kind:`` a leaf or factor class is written with (its ``kind`` field's default)."""
    return str(attrs.fields(cls).kind.default)


def configure(conv: cattrs.Converter) -> cattrs.Converter:
    """Configure ``conv`` for rulesets: leaf kinds and factor kinds as tagged unions on ``kind``,
    composites by their operator key, and versions' ``from`` / ``to``."""
    # Every hook made here is as strict as conv itself (make_converter: no unknown keys, every error at once).
    for cls, name in RESOLVED.items():
        omit: dict[str, Any] = {name: override(omit=True)}
        conv.register_structure_hook(cls, mapping_only(make_dict_structure_fn(
            cls, conv, **omit)))
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, **omit))
    configure_tagged_union(Leaf, conv, tag_generator=_kind_of, tag_name="kind")
    configure_tagged_union(Factor, conv, tag_generator=_kind_of, tag_name="kind")
    # Conditions mix leaves (tagged by kind) with composites (keyed by operator); factors check the kind
    # first so that a mistyped kind gets a "did you mean" rather than a KeyError.
    conditions, factors = _condition_reader(conv), _factor_reader(conv)
    conv.register_structure_hook_func(lambda t: t == Condition, conditions)
    conv.register_structure_hook_func(lambda t: t == Factor, factors)
    conv.register_unstructure_hook(Composite, lambda c: _unstructure_composite(conv, c))
    for cls in (Version, GridVersion, AmountVersion):
        conv.register_structure_hook(cls, mapping_only(make_dict_structure_fn(
            cls, conv, valid_from=override(rename="from"), valid_to=override(rename="to"))))
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(
            cls, conv, valid_from=override(rename="from"), valid_to=override(rename="to")))
    return conv


def _condition_reader(conv: cattrs.Converter) -> Any:
    def hook(data: Any, _: Any) -> Condition:
        return _condition(conv, data)

    return hook


def _factor_reader(conv: cattrs.Converter) -> Any:
    tagged = conv.get_structure_hook(Factor)

    def hook(data: Any, _: Any) -> Factor:
        if not isinstance(data, dict):
            raise ValueError(f"expected a grid factor (a mapping), found {describe_value(data)}")
        kind = data.get("kind")
        if str(kind) not in FACTOR_KINDS:
            raise ValueError(f"unknown factor kind {kind!r}{did_you_mean(str(kind), FACTOR_KINDS)}")
        result: Factor = tagged(data, Factor)
        return result

    return hook


@cache
def ruleset_converter() -> cattrs.Converter:
    """The converter that reads and writes rulesets (CRS rulesets too), built and configured on first use."""
    return crs_checks.configure(configure(make_converter()))
