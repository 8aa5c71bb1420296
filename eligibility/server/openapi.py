"""The OpenAPI document: the request and result schemas are the ones the command line's JSON follows.

The profile schema is generated from the profile model (`eligibility schema`); the evaluation result schema
is the package's `data/result-schema.json`; both are placed under ``components/schemas``.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi


def _hoist(schema: dict[str, Any], name: str, components: dict[str, Any]) -> dict[str, Any]:
    """Move a schema's ``$defs`` into components, renaming the references to them."""
    defs = schema.pop("$defs", {})
    schema.pop("$schema", None)
    text = json.dumps(schema)
    for key in defs:
        text = text.replace(f'"#/$defs/{key}"', f'"#/components/schemas/{name}_{key}"')
    for key, value in defs.items():
        body = json.dumps(value)
        for other in defs:
            body = body.replace(f'"#/$defs/{other}"', f'"#/components/schemas/{name}_{other}"')
        components[f"{name}_{key}"] = json.loads(body)
    out: dict[str, Any] = json.loads(text)
    return out


def _packaged(name: str) -> dict[str, Any]:
    text = resources.files("eligibility").joinpath(f"data/{name}").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def result_schema() -> dict[str, Any]:
    """The JSON Schema of `eligibility evaluate --format json`."""
    return _packaged("result-schema.json")


def schemas() -> dict[str, Any]:
    """Every schema the API names, by component name."""
    from eligibility.schema import profile_schema

    components: dict[str, Any] = {}
    components["Profile"] = _hoist(profile_schema(), "Profile", components)
    components["Evaluation"] = _hoist(result_schema(), "Evaluation", components)
    components["Crs"] = {"$ref": "#/components/schemas/Evaluation_crs"}
    components["Plan"] = _hoist(_packaged("plan-schema.json"), "Plan", components)
    profile = {"$ref": "#/components/schemas/Profile"}
    date = {"type": "string", "format": "date",
            "description": "YYYY-MM-DD from 1900-01-01 to 2199-12-31 (default: today)"}
    programs = {"type": "array", "items": {"type": "string"}, "description": "Program ids (default: all)"}
    components["EvaluateRequest"] = {
        "type": "object", "required": ["profile"], "additionalProperties": False,
        "properties": {"profile": profile, "as_of": date, "programs": programs,
                       "engine": {"enum": ["native", "durable"]}}}
    components["CrsRequest"] = {
        "type": "object", "required": ["profile"], "additionalProperties": False,
        "properties": {"profile": profile, "as_of": date, "improve": {"type": "boolean"}}}
    components["PlanRequest"] = {
        "type": "object", "required": ["profile"], "additionalProperties": False,
        "properties": {"profile": profile, "from": date, "until": {**date, "description": "default: 3 years on"},
                       "programs": programs}}
    components["BatchRequest"] = {
        "type": "object", "required": ["profiles"], "additionalProperties": False,
        "properties": {"profiles": {"type": "array", "maxItems": 1000, "items": profile}, "as_of": date,
                       "programs": programs, "verdicts_only": {"type": "boolean"}}}
    components["BatchResponse"] = {
        "type": "object", "required": ["as_of", "count", "failed", "results"],
        "properties": {"as_of": date, "count": {"type": "integer"}, "failed": {"type": "integer"},
                       "results": {"type": "array", "items": {
                           "type": "object", "required": ["index"],
                           "properties": {"index": {"type": "integer"}, "id": {"type": ["string", "integer"]},
                                          "verdicts": {"type": "object", "additionalProperties": {"type": "string"}},
                                          "crs": {"type": ["integer", "null"]},
                                          "result": {"$ref": "#/components/schemas/Evaluation"},
                                          "errors": {"$ref": "#/components/schemas/Errors/properties/errors"}}}}}}
    components["Errors"] = {
        "type": "object", "required": ["errors"],
        "properties": {"errors": {"type": "array", "items": {
            "type": "object", "required": ["path", "message", "line"],
            "properties": {"source": {"type": "string"}, "path": {"type": "string"},
                           "expected": {"type": ["string", "null"]}, "found": {"type": ["string", "null"]},
                           "message": {"type": "string"}, "line": {"type": "string"}}}}}}
    return components


def describe_api(app: FastAPI) -> None:
    """Replace FastAPI's generated document with one that carries the shared schemas."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            doc.setdefault("components", {}).setdefault("schemas", {}).update(schemas())
            doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
