"""The NOC endpoints: search titles, and show one unit group (title, TEER, hierarchy, examples)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

import cattrs
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eligibility.errors import Problem, UsageError
from eligibility.server.bodies import HttpProblem, date_field

#: The most hits a search returns.
MAX_HITS = 50

_converter = cattrs.Converter()


def add_routes(app: FastAPI, compute: Callable[[Callable[[], Any]], Awaitable[Any]]) -> None:
    """Mount GET /v1/noc/search and GET /v1/noc/{code}."""

    @app.get("/v1/noc/search", tags=["noc"], openapi_extra={"parameters": [
        {"name": "q", "in": "query", "required": True, "schema": {"type": "string", "maxLength": 200}},
        {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1,
                                                                         "maximum": MAX_HITS}}]})
    async def search(request: Request) -> JSONResponse:
        """Unit groups whose titles match a job title, best first (`eligibility noc search`)."""
        from eligibility.noc import search_titles

        query = request.query_params.get("q", "")
        limit_text = request.query_params.get("limit", "10")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_HITS:
            raise HttpProblem(422, [Problem("<request>", "$.limit", f"expected a whole number from 1 to {MAX_HITS}, "
                                                                    f"found {limit_text[:20]!r}")])
        if not query.strip() or len(query) > 200:
            raise HttpProblem(422, [Problem("<request>", "$.q", "expected a job title of 1 to 200 characters, "
                                                                f"found {len(query)} characters")])
        try:
            result = await compute(lambda: search_titles(query, int(limit_text)))
        except UsageError as exc:
            raise HttpProblem(422, [Problem("<request>", "$.q", str(exc))]) from None
        return JSONResponse(_converter.unstructure(result))

    @app.get("/v1/noc/{code}", tags=["noc"], openapi_extra={"parameters": [
        {"name": "as_of", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}}]})
    async def show(code: str, request: Request) -> JSONResponse:
        """A NOC 2021 unit group: title, TEER, hierarchy, example titles and what it opens on ``as_of`` (default
        today), as `eligibility noc show CODE --format json` gives it."""
        import attrs

        from eligibility.listings import opens_section
        from eligibility.noc import noc_table, show_unit_group

        table = noc_table()
        if code not in table:
            hint = table.suggest(code[:10], successors=True)
            tip = f"; did you mean {' or '.join(hint)}?" if hint else ""
            raise HttpProblem(404, [Problem("<request>", "$.code", f"expected a NOC 2021 unit group code, found "
                                                                   f"{code[:20]!r}{tip}")])
        day = date_field(request.query_params, "as_of") if "as_of" in request.query_params else dt.date.today()
        result = show_unit_group(code)
        result = attrs.evolve(result, sections=(*result.sections, opens_section(request.app.state.library, code, day)))
        return JSONResponse(_converter.unstructure(result))
