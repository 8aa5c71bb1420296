"""The evaluation endpoints: one profile (`/v1/evaluate`) or up to 1,000 (`/v1/batch`).

A profile comes either inside a JSON request object (``{"profile": {...}, "as_of": ...}``) or as the
whole body in YAML or TOML (``Content-Type: application/yaml``), with the options as query parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from attrs import frozen
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from eligibility.errors import EligibilityError, Problem
from eligibility.profile.model import Profile
from eligibility.record import Record
from eligibility.rulebook.library import Library
from eligibility.server.bodies import (
    MAX_BODY_BYTES,
    HttpProblem,
    Problems,
    check_keys,
    date_field,
    load_profile_data,
    media_type,
    parse_body,
    problem_data,
    programs_field,
    request_object,
)

T = TypeVar("T")
Compute = Callable[[Callable[[], T]], Awaitable[T]]

#: The most profiles one batch request may carry.
MAX_BATCH = 1000

EVALUATE_KEYS = ("profile", "as_of", "programs", "engine")
BATCH_KEYS = ("profiles", "as_of", "programs", "verdicts_only")


@frozen
class Ask(Record):
    """What a request asks: the profile, the date, the programs and the engine."""

    profile: Profile
    as_of: dt.date
    programs: set[str] | None
    engine: str
    options: dict[str, Any]


async def read_body(request: Request) -> bytes:
    """The body, at most MAX_BODY_BYTES (the guard answers 413 past that)."""
    return await request.body()


class Evaluator:
    """Turns requests into evaluations with the library loaded at start, in worker threads."""

    def __init__(self, library: Library, compute: Compute[Any]) -> None:
        self.library = library
        self.compute = compute

    async def ask(self, request: Request, keys: tuple[str, ...] = EVALUATE_KEYS,
                  options: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> Ask:
        """Read a profile request: a JSON object, or a YAML / TOML profile with query parameters.

        Every problem of the request comes at once: unknown or missing keys, the date, the programs, the engine,
        the ``options`` (read from the request by the function given, which raises HttpProblem), the profile.
        """
        kind, data = parse_body(await read_body(request), request.headers.get("content-type"))
        problems = Problems()
        if kind == "json":
            body = request_object(data)
            problems.check(lambda: check_keys(body, keys, required=("profile",)), None)
        else:
            query = dict(request.query_params)
            body = {k: v for k, v in query.items() if k != "program"}
            problems.check(lambda: check_keys(body, keys), None)
            listed = request.query_params.getlist("program")
            body = {**body, "profile": data, **({"programs": listed} if listed else {})}
        today = dt.date.today()
        as_of = problems.check(lambda: date_field(body, "as_of"), today)
        programs = problems.check(lambda: programs_field(body, self.library.programs), None)
        engine = body.get("engine", "native")
        if not isinstance(engine, str):
            problems.found.append((422, Problem("<request>", "$.engine", "expected an engine name, found a "
                                                                         "non-text value")))
        rest = {k: v for k, v in body.items() if k not in {"profile", "as_of", "programs", "engine"}}
        read = problems.check(lambda: options(rest), rest) if options is not None else rest
        profile = None
        if "profile" in body:
            profile = problems.check(lambda: self.profile(body["profile"], "$.profile" if kind == "json" else "$"),
                                     None)
        problems.raise_any()
        assert profile is not None  # a missing profile is one of the problems
        return Ask(profile, as_of, programs, engine, read)

    def profile(self, data: Any, path: str, source: str = "<request>") -> Profile:
        """The profile at ``path`` of a request: 422 with every problem of it, declaration keys no rule reads
        among them (as the command line reports them)."""
        from eligibility.declarations import declaration_keys

        return load_profile_data(data, source, path, declaration_keys(self.library))

    def evaluation(self, ask: Ask) -> dict[str, Any]:
        """The evaluation's JSON, exactly as `eligibility evaluate --format json` prints it."""
        from eligibility.api import evaluate
        from eligibility.render.data import evaluation_data

        try:
            # Written at once and never changed: the result's own values need no copy.
            return evaluation_data(evaluate(ask.profile, ask.as_of, ask.programs, ask.engine, self.library), share=True)
        except EligibilityError as exc:
            raise HttpProblem(422, [Problem("<request>", "$", line) for line in exc.lines()]) from None

    def verdicts(self, profile: Profile, as_of: dt.date, programs: set[str] | None) -> dict[str, Any]:
        """``{"verdicts", "crs"}`` of a batch row asking verdicts only, as `eligibility batch --verdicts-only`
        writes them (``eligibility.batch.core.verdicts_and_crs``)."""
        from eligibility.batch.core import verdicts_and_crs

        try:
            return verdicts_and_crs(profile, as_of, self.library, programs)
        except EligibilityError as exc:
            raise HttpProblem(422, [Problem("<request>", "$", line) for line in exc.lines()]) from None

    def add_routes(self, app: FastAPI) -> None:
        """Mount /v1/evaluate and /v1/batch."""

        @app.post("/v1/evaluate", tags=["evaluation"], openapi_extra=request_doc("EvaluateRequest", "Evaluation"))
        async def evaluate(request: Request) -> Any:
            """Evaluate one profile as of a date: the JSON of `eligibility evaluate --format json`."""
            ask = await self.ask(request)
            return await self.compute(lambda: json_response(self.evaluation(ask)))

        @app.post("/v1/report", tags=["evaluation"], openapi_extra=_report_doc())
        async def report(request: Request) -> Response:
            """The client report of one profile: HTML, or Markdown when the Accept header asks for text/markdown."""
            from eligibility.reporting import render_report

            ask = await self.ask(request)
            markdown = "text/markdown" in request.headers.get("accept", "")
            text = await self.compute(lambda: render_report(ask.profile, ask.as_of, self.library,
                                                            "markdown" if markdown else "html"))
            if markdown:
                return Response(text, media_type="text/markdown; charset=utf-8")
            return HTMLResponse(text, headers={"content-security-policy": "default-src 'none'; "
                                                                          "style-src 'unsafe-inline'"})

        @app.post("/v1/batch", tags=["evaluation"], openapi_extra=request_doc("BatchRequest", "BatchResponse"))
        async def batch(request: Request) -> Any:
            """Evaluate up to 1,000 profiles; a bad profile is one error row and never stops the others."""
            kind, data = parse_body(await read_body(request), request.headers.get("content-type"))
            if kind != "json":
                raise HttpProblem(415, [Problem("<request>", "$", f"expected application/json for a batch, found "
                                                                  f"{media_type(request.headers.get('content-type'))}")])
            body = request_object(data)
            problems = Problems()
            problems.check(lambda: check_keys(body, BATCH_KEYS, required=("profiles",)), None)
            rows = body.get("profiles", [])
            if not isinstance(rows, list) or len(rows) > MAX_BATCH:
                size = f"a list of {len(rows)}" if isinstance(rows, list) else "not a list"
                problems.found.append((422, Problem("<request>", "$.profiles", f"expected a list of at most "
                                                                               f"{MAX_BATCH} profiles, found {size}")))
            as_of = problems.check(lambda: date_field(body, "as_of"), dt.date.today())
            programs = problems.check(lambda: programs_field(body, self.library.programs), None)
            verdicts_only = body.get("verdicts_only", False)
            if not isinstance(verdicts_only, bool):
                problems.found.append((422, Problem("<request>", "$.verdicts_only", "expected true or false")))
            problems.raise_any()
            return await self.compute(lambda: json_response(self.batch(rows, as_of, programs, verdicts_only)))

    def batch(self, rows: list[Any], as_of: dt.date, programs: set[str] | None, verdicts_only: bool,
              ) -> dict[str, Any]:
        """Each row's verdicts (and result), or its errors; counts of each."""
        results: list[dict[str, Any]] = []
        for index, row in enumerate(rows):
            item: dict[str, Any] = {"index": index}
            if isinstance(row, dict) and isinstance(row.get("id"), str):
                item["id"] = row["id"]
            try:
                profile = self.profile(row, f"$.profiles[{index}]")
                if verdicts_only:
                    item.update(self.verdicts(profile, as_of, programs))
                else:
                    data = self.evaluation(Ask(profile, as_of, programs, "native", {}))
                    crs = data.get("crs")
                    item.update(verdicts={p["id"]: p["verdict"] for p in data["programs"]},
                                crs=crs.get("total") if isinstance(crs, dict) else None, result=data)
            except HttpProblem as exc:
                item["errors"] = [problem_data(p) for p in exc.problems]
            results.append(item)
        failed = sum(1 for r in results if "errors" in r)
        return {"as_of": as_of.isoformat(), "count": len(results), "failed": failed, "results": results}


def json_response(data: Any) -> Response:
    """A JSON answer, compact, written by orjson in the worker thread (FastAPI's own encoder walks the data
    in Python first, which costs more than the evaluation)."""
    from eligibility.render.json_text import dumps

    return Response(dumps(data), media_type="application/json")


def request_doc(request: str, response: str) -> dict[str, Any]:
    """OpenAPI: the request body and the answer refer to the shared schemas (see openapi.py)."""
    return {
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"$ref": f"#/components/schemas/{request}"}},
            **({} if request == "BatchRequest" else {
                "application/yaml": {"schema": {"$ref": "#/components/schemas/Profile"}},
                "application/toml": {"schema": {"$ref": "#/components/schemas/Profile"}}}),
        }},
        "responses": {
            "200": {"description": "The result", "content": {
                "application/json": {"schema": {"$ref": f"#/components/schemas/{response}"}}}},
            "400": {"description": "The body is not valid JSON, YAML or TOML", **_errors()},
            "404": {"description": "An unknown program id (with a did-you-mean)", **_errors()},
            "413": {"description": f"The body is over {MAX_BODY_BYTES:,} bytes", **_errors()},
            "422": {"description": "The profile or request has problems, all listed", **_errors()},
        },
    }


def _report_doc() -> dict[str, Any]:
    """OpenAPI: the report takes the evaluation's request and answers HTML or Markdown by Accept."""
    doc = request_doc("EvaluateRequest", "Evaluation")
    doc["responses"]["200"] = {"description": "The client report (HTML, or Markdown with Accept: text/markdown)",
                               "content": {"text/html": {"schema": {"type": "string"}},
                                           "text/markdown": {"schema": {"type": "string"}}}}
    return doc


def _errors() -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}
