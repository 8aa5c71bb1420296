"""JSON Schema of profile files, generated from the profile model so that the two never drift apart."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal, get_args, get_origin

import attrs

from eligibility.profile.model import Profile
from eligibility.profile.structure import NONE_WORD
from eligibility.unknown import Unknown

DESCRIPTIONS = {
    "birth_date": "Date of birth, YYYY-MM-DD.",
    "intended_province": "Province or territory where the applicant plans to live.",
    "family_size": "Optional; otherwise 1 + spouse (if married or common-law) + children.",
    "funds_cad": "Settlement funds available, in Canadian dollars.",
    "noc": "NOC 2021 unit group code (5 digits, quoted or not; leading zeros kept).",
    "noc_2016": "NOC 2016 code instead of noc; converted when the concordance gives one NOC 2021 code.",
    "end": "Last day worked; null means still in this job on the as-of date.",
    "duration_months": "Length of the offer in months; null means no end date.",
    "first_official_language": "english or french: the language scored as first official language in the CRS; "
                               "absent: the designation that scores higher (the result says which).",
    "provincial_nomination": "An Express Entry-aligned provincial or territorial nomination {province, issued}; "
                             "null (or \"none\"): none; absent: unknown.",
    "job_offer": "The job offer; null (or \"none\") means no offer; absent means not known.",
    "spouse": "The spouse or common-law partner; null (or \"none\") means none; absent means not known "
              "(for a single, separated, divorced or widowed person: none).",
    "declarations": "Facts stated by the person that some programs need (e.g. crs_score, gts_referral, "
                    "performed_noc_duties: false).",
}


#: Fields holding an occupation code, and the caller's ``id``: the loader reads one written without quotes (noc: 21231,
#: id: 5, a YAML or JSON integer) as its digits, so the schema accepts a whole number there too (a code is checked
#: either way).
CODE_FIELDS = frozenset({"noc", "noc_2016", "id"})


def _code(prop: dict[str, Any]) -> dict[str, Any]:
    """The schema of a code field: its text, or a whole number written without quotes."""
    if prop.get("type") == "string":
        return {**prop, "type": ["string", "integer"]}
    if "anyOf" in prop:
        return {**prop, "anyOf": [_code(option) for option in prop["anyOf"]]}
    return prop


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if tp is dt.date:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is type(None):
        return {"type": "null"}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin in (typing.Union, types.UnionType):
        members = [m for m in get_args(tp) if m is not Unknown]
        options = [_schema(m, defs) for m in members]
        if type(None) in members and any(attrs.has(m) for m in members):
            # Formats without null (TOML) say "known: none" for a record with the text "none".
            options.append({"const": NONE_WORD, "description": "None (like null; for TOML, which has no null)."})
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _schema(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema(get_args(tp)[1], defs)}
    if attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(tp, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {tp}")


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props, required = {}, []
    for f in attrs.fields(cls):
        prop = _schema(hints[f.name], defs)
        if f.name in CODE_FIELDS:
            prop = _code(prop)
        if f.name in DESCRIPTIONS:
            prop = {**prop, "description": DESCRIPTIONS[f.name]}
        props[f.name] = prop
        if f.default is attrs.NOTHING:
            required.append(f.name)
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = required
    return out


def profile_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a profile file."""
    defs: dict[str, Any] = {}
    root = _object(Profile, defs)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": "https://github.com/eligibility/eligibility/docs/profile-schema.json",
            "title": "eligibility applicant profile",
            "description": "An applicant profile. An absent key means 'not known'; an empty list or null means "
                           "'known: none'.", **root, "$defs": defs}
