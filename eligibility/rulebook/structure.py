"""cattrs hooks that read ruleset YAML into the ruleset model (tagged unions, renamed keys)."""

from __future__ import annotations

from typing import Any

import cattrs
from cattrs.errors import ClassValidationError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from eligibility.converter import CONVERTER, TAGGED_UNIONS, describe_value
from eligibility.rulebook.model import LEAF_KINDS, Citation, Composite, Condition, Confidence, Version
from eligibility.rulebook.tables import FACTOR_KINDS, AmountVersion, Factor, GridVersion
from eligibility.suggest import did_you_mean

_OPS = ("all", "any", "not", "at_least")
_COMPOSITE_KEYS = {"id", "says", "citations", "confidence", "note", "of", *_OPS}


def _with_attribute(exc: Exception, name: str, cls: type) -> ClassValidationError:
    exc.__notes__ = [*getattr(exc, "__notes__", []),
                     cattrs.AttributeValidationNote(f"Structuring {cls.__name__} @ attribute {name}", name, cls)]
    return ClassValidationError(f"While structuring {cls.__name__}", [exc], cls)


def _composite(data: dict[str, Any]) -> Composite:
    ops = [k for k in _OPS if k in data]
    if len(ops) != 1:
        raise ValueError(f"expected exactly one of {', '.join(_OPS)} in a composite condition, found {len(ops)}")
    op = ops[0]
    errors: list[Exception] = []
    for key in sorted(set(data) - _COMPOSITE_KEYS):
        errors.append(_with_attribute(
            ValueError(f"unknown key in a composite condition{did_you_mean(key, sorted(_COMPOSITE_KEYS))}"),
            key, Composite))
    if "id" not in data:
        errors.append(_with_attribute(KeyError("id"), "id", Composite))
    raw_children = data["of"] if op == "at_least" else data[op]
    if op == "not":
        raw_children = [raw_children]
    n: int | None = None
    if op == "at_least":
        if "of" not in data:
            errors.append(_with_attribute(KeyError("of"), "of", Composite))
        try:
            n = CONVERTER.structure(data["at_least"], int)
        except ValueError as exc:
            errors.append(_with_attribute(exc, "at_least", Composite))
    children: tuple[Condition, ...] = ()
    try:
        children = CONVERTER.structure(raw_children, tuple[Condition, ...])
    except Exception as exc:
        errors.append(_with_attribute(exc, "of" if op == "at_least" else op, Composite))
    citations: tuple[Citation, ...] = ()
    confidence: Confidence | None = None
    try:
        citations = CONVERTER.structure(data.get("citations", []), tuple[Citation, ...])
        confidence = CONVERTER.structure(data.get("confidence"), Confidence | None)  # type: ignore[arg-type]
    except Exception as exc:
        errors.append(_with_attribute(exc, "citations", Composite))
    if errors:
        raise ClassValidationError("While structuring a composite condition", errors, Composite)
    return Composite(op=op, children=children, id=str(data["id"]), says=data.get("says"), n=n,  # type: ignore[arg-type]
                     citations=citations, confidence=confidence, note=data.get("note"))


def _condition(data: Any, _: Any) -> Condition:
    if not isinstance(data, dict):
        raise ValueError(f"expected a condition (a mapping), found {describe_value(data)}")
    if any(op in data for op in _OPS):
        return _composite(data)
    kind = data.get("kind")
    if kind is None:
        raise ValueError("expected a condition with a kind (or all / any / not / at_least), found no kind")
    cls = LEAF_KINDS.get(kind)
    if cls is None:
        raise ValueError(f"unknown condition kind {kind!r}{did_you_mean(str(kind), LEAF_KINDS)}; "
                         f"known kinds: {', '.join(sorted(LEAF_KINDS))}")
    result: Condition = CONVERTER.structure(data, cls)
    return result


def _factor(data: Any, _: Any) -> Factor:
    if not isinstance(data, dict):
        raise ValueError(f"expected a grid factor (a mapping), found {describe_value(data)}")
    kind = data.get("kind")
    cls = FACTOR_KINDS.get(str(kind))
    if cls is None:
        raise ValueError(f"unknown factor kind {kind!r}{did_you_mean(str(kind), FACTOR_KINDS)}")
    result: Factor = CONVERTER.structure(data, cls)
    return result


def _unstructure_composite(c: Composite) -> dict[str, Any]:
    out: dict[str, Any] = {"id": c.id}
    if c.says:
        out["says"] = c.says
    kids = [CONVERTER.unstructure(k, Condition) for k in c.children]
    if c.op == "at_least":
        out["at_least"], out["of"] = c.n, kids
    elif c.op == "not":
        out["not"] = kids[0]
    else:
        out[c.op] = kids
    if c.citations:
        out["citations"] = CONVERTER.unstructure(c.citations)
    return out


def install() -> None:
    """Register the ruleset hooks on the shared converter (idempotent)."""
    TAGGED_UNIONS[Condition] = _condition
    TAGGED_UNIONS[Factor] = _factor
    CONVERTER.register_unstructure_hook(Composite, _unstructure_composite)
    for cls in (Version, GridVersion, AmountVersion):
        CONVERTER.register_structure_hook(cls, make_dict_structure_fn(
            cls, CONVERTER, valid_from=override(rename="from"), valid_to=override(rename="to"),
            _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True))
        CONVERTER.register_unstructure_hook(cls, make_dict_unstructure_fn(
            cls, CONVERTER, valid_from=override(rename="from"), valid_to=override(rename="to")))


install()
