"""The endpoints that look at a person over time and against the pool: the CRS, the plan, and the rounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from eligibility.errors import EligibilityError, Problem
from eligibility.server.bodies import HttpProblem, Problems, date_field
from eligibility.server.evaluation import Evaluator, json_response, request_doc

CRS_KEYS = ("profile", "as_of", "improve")
PLAN_KEYS = ("profile", "from", "until", "programs")
#: The longest plan a request may ask, in calendar years: a bound on the work of one request, not a rule of law.
MAX_PLAN_YEARS = 10


def add_routes(app: FastAPI, evaluator: Evaluator) -> None:
    """Mount POST /v1/crs, POST /v1/plan and GET /v1/draws."""

    @app.post("/v1/crs", tags=["evaluation"], openapi_extra=request_doc("CrsRequest", "Crs"))
    async def crs(request: Request) -> Any:
        """The CRS score factor by factor (`eligibility crs --format json`), with `improve: true` the ways to
        raise it."""
        ask = await evaluator.ask(request, CRS_KEYS, _crs_options)
        improve = ask.options["improve"]

        def work() -> dict[str, Any]:
            from eligibility.api import crs as crs_with_rounds
            from eligibility.ranking.improve import improve as find_improvements
            from eligibility.ranking.report import improve_data
            from eligibility.render.crs import crs_data

            data = crs_data(crs_with_rounds(ask.profile, ask.as_of, evaluator.library))
            if improve:
                data["improve"] = improve_data(find_improvements(ask.profile, ask.as_of, evaluator.library))
            return data

        return await evaluator.compute(lambda: json_response(work()))

    @app.post("/v1/plan", tags=["evaluation"], openapi_extra=request_doc("PlanRequest", "Plan"))
    async def plan(request: Request) -> Any:
        """Each program's verdict intervals over [from, until) with their causes (`eligibility plan --format json`)."""
        ask = await evaluator.ask(request, PLAN_KEYS, _plan_options)
        start, until = ask.options["from"], ask.options["until"]

        def work() -> dict[str, Any]:
            from eligibility.timeline.build import plan as make_plan
            from eligibility.timeline.render import plan_data

            try:
                return plan_data(make_plan(ask.profile, start, until, evaluator.library, ask.programs))
            except EligibilityError as exc:
                raise HttpProblem(422, [Problem("<request>", "$", line) for line in exc.lines()]) from None

        return await evaluator.compute(lambda: json_response(work()))

    @app.get("/v1/draws", tags=["rules"])
    async def draws(request: Request) -> JSONResponse:
        """Rounds of invitations by type (`eligibility draws --format json`): ?since=&until=&category=."""
        from eligibility.draws import listing
        from eligibility.draws.table import current_table

        query = request.query_params
        first = date_field(query, "since", dt.date.min) if "since" in query else None
        last = date_field(query, "until", dt.date.max) if "until" in query else None
        categories = query.getlist("category") or None
        try:
            table, note = current_table()
            selection = listing.select(table, first, last, categories, note)
        except EligibilityError as exc:
            raise HttpProblem(422, [Problem("<request>", "$.category", line) for line in exc.lines()]) from None
        return JSONResponse(listing.selection_data(selection))



def _crs_options(options: dict[str, Any]) -> dict[str, Any]:
    """``improve`` of a CRS request: true or false (default false)."""
    improve = options.get("improve", False)
    if not isinstance(improve, bool):
        raise HttpProblem(422, [Problem("<request>", "$.improve", "expected true or false")])
    return {"improve": improve}


def _plan_options(options: dict[str, Any]) -> dict[str, dt.date]:
    """``from`` (default today) and ``until`` of a plan request: a day after ``from`` and at most 10 calendar years
    later, the same day of the month 120 months on (from 29 February, 28 February 10 years on); default 3 years
    later. Every problem of the two at once."""
    from eligibility.dates import months_before

    problems = Problems()
    start = problems.check(lambda: date_field(options, "from"), None)
    until = problems.check(lambda: date_field(options, "until", months_before(start or dt.date.today(), -36)),
                           None)
    if start is not None and until is not None and (
            until <= start or until > months_before(start, -12 * MAX_PLAN_YEARS)):
        problems.found.append((422, Problem("<request>", "$.until", f"expected a day after {start} and at most "
                                                                    f"{MAX_PLAN_YEARS} years later, found {until}")))
    problems.raise_any()
    assert start is not None and until is not None  # else a problem was raised
    return {"from": start, "until": until}
