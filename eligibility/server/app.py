"""The HTTP service: the engine's evaluation, rules and NOC look-ups as a JSON API, and a page for people.

Every answer is the same JSON the command line prints with ``--format json``; every error is JSON with
the same one-line problems. The rules library is loaded once, when the application is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eligibility import __version__
from eligibility.errors import EligibilityError, Problem
from eligibility.rulebook.library import Library
from eligibility.server import routes_noc, routes_rules, routes_time
from eligibility.server.bodies import MAX_BODY_BYTES, HttpProblem, error_body
from eligibility.server.evaluation import Evaluator
from eligibility.server.guard import ApiKey, BodyLimit
from eligibility.server.openapi import describe_api
from eligibility.server.page import page_routes

T = TypeVar("T")

#: Seconds a request may compute before it is answered 503 (the work is bounded by the input limits).
REQUEST_SECONDS = 20.0

#: Requests computing at once; others wait their turn, so a burst cannot starve the event loop.
WORKERS = 4


def create_app(library: Library | None = None, api_key: str | None = None,
               request_seconds: float = REQUEST_SECONDS) -> Any:
    """The ASGI application (FastAPI, wrapped in the body-size and API-key guards)."""
    from eligibility.api import rules

    library = library or rules()
    from fastapi_offline import FastAPIOffline

    # The interactive docs (/docs, /redoc) are served from the package, never from a CDN.
    app = FastAPIOffline(title="eligibility", version=__version__,
                  description="Whether a person qualifies for Canada's economic immigration programs, as of a "
                              "date, condition by condition, with citations. The JSON is the command line's.")
    limiter = anyio.CapacityLimiter(WORKERS)

    async def compute(work: Callable[[], T]) -> T:
        """Run CPU-bound work in a worker thread, within the time bound."""
        try:
            with anyio.fail_after(request_seconds):
                return await anyio.to_thread.run_sync(work, limiter=limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise HttpProblem(503, [Problem("<request>", "$", f"expected an answer within {request_seconds:g} s, "
                                                              f"found the work took longer")]) from None

    evaluator = Evaluator(library, compute)
    app.state.library = library

    @app.exception_handler(HttpProblem)
    async def _problem(_: Request, exc: HttpProblem) -> JSONResponse:
        return JSONResponse(error_body(exc.problems), status_code=exc.status)

    @app.exception_handler(EligibilityError)
    async def _eligibility(_: Request, exc: EligibilityError) -> JSONResponse:
        return JSONResponse(error_body(Problem("<request>", "$", line) for line in exc.lines()), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = {404: f"expected a known path, found {request.url.path!r}",
                   405: f"expected another method for {request.url.path}, found {request.method}"}.get(
            exc.status_code, str(exc.detail))
        return JSONResponse(error_body([Problem("<request>", "$", message)]), status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [Problem("<request>", "$." + ".".join(str(x) for x in e.get("loc", ())[1:]) or "$",
                            f"expected {e.get('msg', 'a valid value')}") for e in exc.errors()]
        return JSONResponse(error_body(problems), status_code=422)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        # Never a traceback or an internal message in an answer.
        return JSONResponse(error_body([Problem("<request>", "$", "the request could not be evaluated "
                                                                  "(an internal error; it has been logged)")]),
                            status_code=500)

    @app.get("/healthz", tags=["service"])
    async def healthz() -> dict[str, Any]:
        """The service is up: version and the digest of the rules it serves."""
        return {"status": "ok", "version": __version__, "rulesets_sha256": library.digest,
                "programs": len(library.programs), "today": dt.date.today().isoformat()}

    evaluator.add_routes(app)
    routes_rules.add_routes(app, library)
    routes_noc.add_routes(app, compute)
    routes_time.add_routes(app, evaluator)
    page_routes(app, evaluator)
    describe_api(app)
    guarded: Any = BodyLimit(ApiKey(app, api_key), MAX_BODY_BYTES)
    guarded.fastapi = app
    return guarded

