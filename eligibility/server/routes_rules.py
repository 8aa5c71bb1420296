"""The rules endpoints: which programs are encoded, and one program's rule in words, versions and citations."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eligibility.errors import Problem
from eligibility.rulebook.library import Library
from eligibility.server.bodies import HttpProblem, date_field


def _day(request: Request) -> dt.date | None:
    return date_field(request.query_params, "as_of") if "as_of" in request.query_params else None


def add_routes(app: FastAPI, library: Library) -> None:
    """Mount GET /v1/programs and GET /v1/programs/{id}."""

    @app.get("/v1/programs", tags=["rules"], openapi_extra=_params())
    async def programs(request: Request) -> JSONResponse:
        """Every encoded program with its versions (and its state on `as_of` when given)."""
        from eligibility.explain import programs_data

        return JSONResponse(programs_data(library, _day(request)))

    @app.get("/v1/programs/{program_id:path}", tags=["rules"], openapi_extra=_params())
    async def program(program_id: str, request: Request) -> JSONResponse:
        """One program's rule on a date (default today): conditions in words, versions, sources."""
        from eligibility.explain import explain_data
        from eligibility.suggest import did_you_mean

        if program_id not in library.programs:
            raise HttpProblem(404, [Problem("<request>", "$.program_id", f"unknown program {program_id!r}"
                                            f"{did_you_mean(program_id, library.programs)}")])
        return JSONResponse(explain_data(library, program_id, _day(request) or dt.date.today()))


def _params() -> dict[str, Any]:
    return {"parameters": [{"name": "as_of", "in": "query", "required": False,
                            "schema": {"type": "string", "format": "date"},
                            "description": "The date, YYYY-MM-DD (default: today)."}]}
